"""Reads of partners' concerns, scoped to the council and checked like every read.

Everyone with a role in the council reads the log, a concern and the themes (`view_council`);
none of these carries a child's identifier. `concern_children` alone reads them, for
`view_child_level`, and writes a `child.view` audit entry each time.
"""

from __future__ import annotations

import copy
import statistics
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from trajectory.audit.services import record
from trajectory.councils.permissions import CAPABILITIES, require
from trajectory.escalations import catalogue, timescales
from trajectory.escalations.models import Concern, ConcernChild, ConcernStep
from trajectory.history.selectors import history_of
from trajectory.web.dates import govuk_date


@dataclass(frozen=True)
class StepRow:
    """One stage of the procedure as a concern met it (or has yet to)."""

    step: catalogue.Step
    reached_on: date | None = None
    closed_on: date | None = None
    due_on: date | None = None
    overdue: bool = False
    working_days_taken: int | None = None
    note: str = ""

    @property
    def reached(self) -> bool:
        return self.reached_on is not None

    @property
    def current(self) -> bool:
        return self.reached_on is not None and self.closed_on is None


@dataclass(frozen=True)
class ConcernRow:
    concern: Concern
    stage: catalogue.Step
    steps: list[StepRow]
    due_on: date | None  # the current stage's due date while open
    response_due_on: date
    overdue: bool
    overdue_reasons: tuple[str, ...]
    response_working_days: int | None
    within_standard: bool | None

    @property
    def partner_kind_label(self) -> str:
        return self.concern.get_partner_kind_display()


def _step_rows(concern: Concern, recorded: list[ConcernStep], today: date) -> list[StepRow]:
    by_number = {step.number: step for step in recorded}
    rows = []
    for step in catalogue.PROCEDURE:
        found = by_number.get(step.number)
        if found is None:
            rows.append(StepRow(step=step))
            continue
        due = timescales.step_due_on(found.reached_on, step)
        ended = found.closed_on or today
        rows.append(
            StepRow(
                step=step,
                reached_on=found.reached_on,
                closed_on=found.closed_on,
                due_on=due,
                overdue=found.closed_on is None
                and concern.status == Concern.Status.OPEN
                and today > due,
                working_days_taken=timescales.working_days_between(found.reached_on, ended),
                note=found.note,
            )
        )
    return rows


def concern_row(concern: Concern, today: date) -> ConcernRow:
    """A concern with its stage, due dates, overdue flag and response time worked out from
    its dates (the steps prefetched or read here)."""
    recorded = sorted(concern.steps.all(), key=lambda step: step.number)
    return _row(concern, recorded, today)


def concern_rows_at(user, council, *, as_at: date) -> list[ConcernRow]:
    """The concerns raised by `as_at` as they stood that day (a board paper's date), newest
    first: a stage reached later is left out, one closed later was still open, and a response
    sent later had not been sent, so a concern answered after the day was open, and overdue
    if past the procedure's timescale or the response standard then."""
    rows = []
    for concern in concerns_for(user, council).filter(raised_on__lte=as_at):
        then = copy.copy(concern)
        if concern.response_sent_on is not None and concern.response_sent_on > as_at:
            then.response_sent_on = None
            then.status = Concern.Status.OPEN
        recorded = []
        for step in sorted(concern.steps.all(), key=lambda step: step.number):
            if step.reached_on > as_at:
                continue
            if step.closed_on is not None and step.closed_on > as_at:
                step = copy.copy(step)
                step.closed_on = None
            recorded.append(step)
        rows.append(_row(then, recorded, as_at))
    return rows


def _row(concern: Concern, recorded: list[ConcernStep], today: date) -> ConcernRow:
    steps = _step_rows(concern, recorded, today)
    reached = [row for row in steps if row.reached]
    stage_row = reached[-1] if reached else steps[0]
    is_open = concern.status == Concern.Status.OPEN
    response_due = timescales.response_due_on(concern.raised_on)
    reasons = []
    if is_open and stage_row.overdue:
        reasons.append(f"Stage {stage_row.step.number} was due {govuk_date(stage_row.due_on)}")
    if is_open and today > response_due:
        reasons.append(f"The response was due {govuk_date(response_due)}")
    days = (
        timescales.working_days_between(concern.raised_on, concern.response_sent_on)
        if concern.response_sent_on
        else None
    )
    return ConcernRow(
        concern=concern,
        stage=stage_row.step,
        steps=steps,
        due_on=stage_row.due_on if is_open else None,
        response_due_on=response_due,
        overdue=bool(reasons),
        overdue_reasons=tuple(reasons),
        response_working_days=days,
        within_standard=timescales.within_standard(days) if days is not None else None,
    )


def concerns_for(user, council) -> QuerySet[Concern]:
    require(user, "view_council", council)
    return (
        Concern.objects.filter(council=council)
        .select_related("assigned_to", "reviewed_by", "response_sent_by")
        .prefetch_related(Prefetch("steps", queryset=ConcernStep.objects.order_by("number")))
    )


def concern_for(user, council, concern_id: int) -> Concern:
    """One concern of this council; another council's is a 404."""
    concern = concerns_for(user, council).filter(pk=concern_id).first()
    if concern is None:
        raise Http404("No such concern")
    return concern


@dataclass(frozen=True)
class LogFilters:
    status: str = ""
    theme: str = ""
    partner_kind: str = ""
    overdue_only: bool = False
    since: date | None = None
    until: date | None = None


def concern_log_rows(
    user, council, *, today: date, filters: LogFilters | None = None
) -> list[ConcernRow]:
    """The log, newest first, filtered by status, theme, kind of partner, raised between two
    dates, or only the overdue."""
    filters = filters or LogFilters()
    concerns = concerns_for(user, council)
    if filters.status:
        concerns = concerns.filter(status=filters.status)
    if filters.theme:
        concerns = concerns.filter(theme=filters.theme)
    if filters.partner_kind:
        concerns = concerns.filter(partner_kind=filters.partner_kind)
    if filters.since:
        concerns = concerns.filter(raised_on__gte=filters.since)
    if filters.until:
        concerns = concerns.filter(raised_on__lte=filters.until)
    rows = [concern_row(concern, today) for concern in concerns]
    if filters.overdue_only:
        rows = [row for row in rows if row.overdue]
    return rows


def concern_children(
    user, council, concern: Concern, *, purpose: str = "page", request=None
) -> list[str]:
    """The identifiers of the children a concern names, for roles that may see children
    (PermissionDenied otherwise). Each read is a `child.view` audit entry naming the concern
    and how many were shown, never the identifiers."""
    require(user, "view_child_level", council)
    if concern.council_id != council.pk:
        raise Http404("No such concern")
    identifiers = list(
        ConcernChild.objects.filter(concern=concern).values_list("child_identifier", flat=True)
    )
    detail = {"concern": concern.number, "rows": len(identifiers)}
    if purpose != "page":
        detail["format"] = purpose
    record(user=user, action="child.view", council=council, request=request, detail=detail)
    return identifiers


def concern_child_count(user, council, concern: Concern) -> int:
    """How many children a concern names: an aggregate, shown to every reader."""
    require(user, "view_council", council)
    return ConcernChild.objects.filter(concern=concern).count()


def concern_history(user, council, concern: Concern):
    return history_of(user, council, concern)


def concern_handlers(user, council) -> QuerySet:
    """The people a concern can be assigned to: the council's managers and leaders."""
    require(user, "view_council", council)
    return (
        get_user_model()
        .objects.filter(
            memberships__council=council,
            memberships__role__in=CAPABILITIES["handle_concerns"],
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


# Themes ---------------------------------------------------------------------------------------


@dataclass
class ThemeRow:
    """One theme's concerns raised in the period: counts, outcomes and response times."""

    theme: catalogue.Theme | None  # None for the total row
    raised: int = 0
    open: int = 0
    overdue: int = 0
    closed: int = 0
    upheld: int = 0
    partly_upheld: int = 0
    not_upheld: int = 0
    response_days: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.theme.label if self.theme else "All themes"

    @property
    def responded(self) -> int:
        return len(self.response_days)

    @property
    def median_working_days(self) -> float | None:
        return statistics.median(self.response_days) if self.response_days else None

    @property
    def within_standard(self) -> int:
        return sum(1 for days in self.response_days if timescales.within_standard(days))

    @property
    def within_standard_percent(self) -> float | None:
        if not self.response_days:
            return None
        return 100 * self.within_standard / len(self.response_days)

    def add(self, row: ConcernRow) -> None:
        concern = row.concern
        self.raised += 1
        if concern.status == Concern.Status.OPEN:
            self.open += 1
            self.overdue += row.overdue
        else:
            self.closed += 1
        outcome = concern.review_outcome
        if outcome == Concern.Outcome.UPHELD:
            self.upheld += 1
        elif outcome == Concern.Outcome.PARTLY_UPHELD:
            self.partly_upheld += 1
        elif outcome == Concern.Outcome.NOT_UPHELD:
            self.not_upheld += 1
        if row.response_working_days is not None:
            self.response_days.append(row.response_working_days)


@dataclass(frozen=True)
class ThemesSummary:
    since: date | None
    until: date | None
    rows: list[ThemeRow]
    total: ThemeRow
    standard_working_days: int = catalogue.RESPONSE_STANDARD_WORKING_DAYS


def concern_themes(
    user, council, *, today: date, since: date | None = None, until: date | None = None
) -> ThemesSummary:
    """For the board: per theme, the concerns raised between two dates (either open-ended),
    how many are open, closed and by outcome, and their response times in working days against
    the standard (median, number and share within it). Every theme in the catalogue is a row.
    No child's identifier is read."""
    rows = concern_log_rows(
        user, council, today=today, filters=LogFilters(since=since, until=until)
    )
    by_theme = {theme.code: ThemeRow(theme=theme) for theme in catalogue.THEMES}
    total = ThemeRow(theme=None)
    for row in rows:
        by_theme[row.concern.theme].add(row)
        total.add(row)
    return ThemesSummary(since=since, until=until, rows=list(by_theme.values()), total=total)
