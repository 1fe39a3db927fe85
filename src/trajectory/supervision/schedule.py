"""When a worker's supervisions fall due under the council's standard, and which were on time.

Pure functions over plain data, so the rules can be worked by hand (tests/supervision).

The standard. A list of steps, each "until N weeks or months of the worker's qualification (or
service), every N days, weeks or months"; the last step has no end. The default is the one the
issue gives, which many councils' supervision policies state: weekly in a newly qualified
worker's first six weeks, fortnightly to six months, then monthly. A council changes it from a
date: each period keeps the standard in force on the day it starts, so old due dates keep their
standard.

Calendar periods, not working days: a week is 7 days, a fortnight 14, a month runs from a day
to the day before the same day next month (from 31 January: to 27 or 28 February, the month
being clamped to its last day). Supervision policies state their frequencies that way.

Periods. A worker's supervision periods start on the day the worker's schedule starts (their
start in post, or the day recording began, whichever is later) and follow one another without
gap. Each period's length is the frequency of the step the period starts in (measured from the
worker's reference date: the qualification date, or the start in post when the standard counts
from service). A period that starts inside a step runs its full length even when it crosses
into the next step. One supervision is due in each period; its due date is the period's last
day; it was held on time when a supervision of a counted type is dated within the period.
A worker with no reference date (qualification unknown) is on the last step throughout.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

DAYS, WEEKS, MONTHS = "days", "weeks", "months"
UNITS = (DAYS, WEEKS, MONTHS)
QUALIFICATION, SERVICE = "qualification", "service"

INDIVIDUAL, GROUP, REFLECTIVE, AD_HOC = "individual", "group", "reflective", "ad_hoc"
TYPES = (
    (INDIVIDUAL, "Individual"),
    (GROUP, "Group"),
    (REFLECTIVE, "Reflective"),
    (AD_HOC, "Ad hoc"),
)
TYPE_LABELS = dict(TYPES)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add(day: date, amount: int, unit: str) -> date:
    """`day` moved on by `amount` calendar days, weeks or months."""
    if unit == DAYS:
        return day + timedelta(days=amount)
    if unit == WEEKS:
        return day + timedelta(weeks=amount)
    if unit == MONTHS:
        return add_months(day, amount)
    raise ValueError(f"Unknown unit {unit!r}")


def describe(amount: int, unit: str) -> str:
    """'1 week', '2 weeks', '6 months'."""
    word = unit[:-1] if amount == 1 else unit
    return f"{amount} {word}"


@dataclass(frozen=True)
class Step:
    every: tuple[int, str]  # (14, "days")
    until: tuple[int, str] | None = None  # (6, "weeks") after the reference date; None: no end

    def as_data(self) -> dict:
        return {"every": list(self.every), "until": list(self.until) if self.until else None}

    @classmethod
    def from_data(cls, data: dict) -> Step:
        until = data.get("until")
        return cls(every=tuple(data["every"]), until=tuple(until) if until else None)

    def text(self) -> str:
        every = describe(*self.every)
        if self.until is None:
            return f"every {every} after that"
        return f"every {every} until {describe(*self.until)}"


DEFAULT_STEPS = (
    Step(every=(1, WEEKS), until=(6, WEEKS)),
    Step(every=(2, WEEKS), until=(6, MONTHS)),
    Step(every=(1, MONTHS)),
)
DEFAULT_COUNTED = (INDIVIDUAL, REFLECTIVE)
DEFAULT_OVERSIGHT_EVERY = (3, MONTHS)


@dataclass(frozen=True)
class Standard:
    applies_from: date
    steps: tuple[Step, ...] = DEFAULT_STEPS
    measured_from: str = QUALIFICATION
    counted_types: frozenset[str] = field(default_factory=lambda: frozenset(DEFAULT_COUNTED))
    key: object = None  # the stored version it came from, for the page

    def step_at(self, reference: date | None, day: date) -> Step:
        """The step a period starting on `day` is in."""
        if reference is not None:
            for step in self.steps:
                if step.until is None or day < add(reference, *step.until):
                    return step
        return self.steps[-1]


def check_steps(steps: list[Step]) -> list[str]:
    """What is wrong with a list of steps, in words for the form ([] if nothing)."""
    problems = []
    if not steps:
        return ["Give at least one step."]
    for number, step in enumerate(steps, start=1):
        amount, unit = step.every
        if unit not in UNITS or amount < 1:
            problems.append(f"Step {number}: the frequency must be at least 1 day, week or month.")
        if step.until is not None and (step.until[1] not in (WEEKS, MONTHS) or step.until[0] < 1):
            problems.append(f"Step {number}: 'until' must be at least 1 week or month.")
    if steps[-1].until is not None:
        problems.append("The last step must have no end ('after that').")
    for step in steps[:-1]:
        if step.until is None:
            problems.append("Only the last step can be without an end.")
            break
    ends = [add(date(2000, 1, 1), *s.until) for s in steps if s.until is not None]
    if any(later <= earlier for earlier, later in zip(ends, ends[1:], strict=False)):
        problems.append("Each step must end later than the one before.")
    return problems


def standard_on(standards: list[Standard], day: date) -> Standard | None:
    """The standard in force on a day: the latest applying from it or before; None if none."""
    found = None
    for standard in sorted(standards, key=lambda s: s.applies_from):
        if standard.applies_from <= day:
            found = standard
    return found


@dataclass(frozen=True)
class Period:
    start: date
    due: date  # the period's last day
    standard: Standard

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.due


def periods(
    *,
    standards: list[Standard],
    start: date,
    until: date,
    qualified_on: date | None = None,
    started_on: date | None = None,
    left_on: date | None = None,
) -> list[Period]:
    """The worker's periods starting from `start` whose due date is on or before `until`
    (and before the worker left). `start` is the schedule's first day (see the module)."""
    first = min((s.applies_from for s in standards), default=None)
    if first is None:
        return []
    day = max(start, first)
    out: list[Period] = []
    while True:
        standard = standard_on(standards, day)
        reference = qualified_on if standard.measured_from == QUALIFICATION else started_on
        step = standard.step_at(reference, day)
        due = add(day, *step.every) - timedelta(days=1)
        if due > until or (left_on is not None and due >= left_on):
            return out
        out.append(Period(day, due, standard))
        day = due + timedelta(days=1)


@dataclass(frozen=True)
class Due:
    """One supervision due: whose, when, and the counted supervision held in its period."""

    worker: str
    team: str
    start: date
    due: date
    held_on: date | None

    @property
    def on_time(self) -> bool:
        return self.held_on is not None


def dues(
    worker: str,
    team: str,
    worker_periods: list[Period],
    supervisions: list[tuple[date, str]],
) -> list[Due]:
    """Each period with the first counted supervision held in it (None: not held on time)."""
    out = []
    held = sorted(supervisions)
    for period in worker_periods:
        counted = period.standard.counted_types
        found = next((d for d, kind in held if kind in counted and period.holds(d)), None)
        out.append(Due(worker, team, period.start, period.due, found))
    return out
