"""Supervision's figures, as pure functions over plain data (hand-worked in tests/supervision).

`supervision_compliance_pct` for a month: of the supervisions due in the month (periods whose
due date, their last day, falls in the calendar month; see `schedule`), the percentage held on
time (a supervision of a counted type dated within the period). A month with nothing due has no
figure (None), never 0 or 100. The as-at date of a month's row is the month's last day.

`management_oversight_pct` on a day: of the children open on the day whose case opened on or
before the start of the required period ending that day (so a full period has run), the
percentage with management oversight recorded against them within that period. The source
documents quote 88% ("management supervision of cases has further improved to 88%"); the
period is the council's, set with its supervision standard.

Rows are [as_at, numerator, denominator, value] with value a percentage to one decimal place,
as the indicators' figures are.
"""

from __future__ import annotations

import calendar
from bisect import bisect_left
from collections.abc import Iterable
from datetime import date, timedelta

from trajectory.supervision.schedule import Due, add

Row = list  # [as_at, numerator, denominator, value]


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def months_between(first: date, last: date) -> list[date]:
    """Each month's first day from `first`'s month to `last`'s."""
    out, day = [], first.replace(day=1)
    while day <= last:
        out.append(day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return out


def percent(numerator: int, denominator: int) -> float | None:
    return round(100 * numerator / denominator, 1) if denominator else None


def compliance_rows(dues: Iterable[Due], months: list[date]) -> list[Row]:
    """A row per month (given as first days): due in the month, held on time, the %."""
    due_in: dict[tuple[int, int], list[int]] = {(m.year, m.month): [0, 0] for m in months}
    for item in dues:
        counts = due_in.get((item.due.year, item.due.month))
        if counts is not None:
            counts[1] += 1
            counts[0] += item.on_time
    return [
        [month_end(m), *due_in[(m.year, m.month)], percent(*due_in[(m.year, m.month)])]
        for m in months
    ]


def compliance_by_team(dues: Iterable[Due], months: list[date]) -> dict[str, list[Row]]:
    """compliance_rows for each team ("" is workers in no team), teams in name order."""
    teams: dict[str, list[Due]] = {}
    for item in dues:
        teams.setdefault(item.team, []).append(item)
    return {team: compliance_rows(teams[team], months) for team in sorted(teams)}


def window_start(as_at: date, every: tuple[int, str]) -> date:
    """The first day of the required period ending on `as_at` (3 months to 31 March: 1 January)."""
    return add(as_at, -every[0], every[1]) + timedelta(days=1)


def oversight_row(
    as_at: date,
    spells: Iterable[tuple[str, date, date | None]],
    oversight: dict[str, list[date]],
    every: tuple[int, str],
) -> Row:
    """[as_at, with oversight, children counted, %] on one day.

    `spells` are (child, opened, closed or None) from the latest returns; `oversight` the dates
    recorded against each child. A child with several open spells is counted once."""
    return oversight_rows_at([as_at], list(spells), oversight, every)[0]


def oversight_rows_at(
    days: list[date],
    spells: list[tuple[str, date, date | None]],
    oversight: dict[str, list[date]],
    every: tuple[int, str],
) -> list[Row]:
    """oversight_row on each day, each child's dates sorted once and searched by halving."""
    ordered = {child: sorted(dates) for child, dates in oversight.items()}
    rows = []
    for as_at in days:
        start = window_start(as_at, every)
        counted = {
            child
            for child, opened, closed in spells
            if opened <= start and (closed is None or closed > as_at)
        }
        held = 0
        for child in counted:
            dates = ordered.get(child)
            if dates:
                at = bisect_left(dates, start)
                held += at < len(dates) and dates[at] <= as_at
        rows.append([as_at, held, len(counted), percent(held, len(counted))])
    return rows


def oversight_rows(
    months: list[date],
    spells: list[tuple[str, date, date | None]],
    oversight: dict[str, list[date]],
    every: tuple[int, str],
) -> list[Row]:
    """oversight_row at each month's last day."""
    return oversight_rows_at([month_end(m) for m in months], spells, oversight, every)


def monthly_figures(council) -> list[dict]:
    """The council's supervision figures for the indicator run, one dict per month:
    {"indicator_id", "as_at", "numerator", "denominator", "value"}, and per team with
    "dimension": "team" and "key" (the team's name, "" for no team). Months before the first
    supervision record have none; the current month is left out until it ends.
    """
    from trajectory.plans import clock
    from trajectory.supervision.selectors import compliance_of, oversight_rows_of

    today = clock.today()
    found = compliance_of(council, until=today)
    out: list[dict] = []

    def add_rows(indicator_id: str, rows: list[Row], **extra) -> None:
        for as_at, numerator, denominator, value in rows:
            if as_at > today or not denominator:
                continue
            out.append(
                {
                    "indicator_id": indicator_id,
                    "as_at": as_at,
                    "numerator": numerator,
                    "denominator": denominator,
                    "value": value,
                    **extra,
                }
            )

    add_rows("supervision_compliance_pct", found.overall)
    for team, rows in found.by_team.items():
        add_rows("supervision_compliance_pct", rows, dimension="team", key=team)
    add_rows("case_oversight_pct", oversight_rows_of(council, until=today))
    return out
