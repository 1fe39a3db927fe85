"""Reading a council's workforce months, scoped and checked like every read (DESIGN.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.http import Http404

from trajectory.councils.permissions import require
from trajectory.history.selectors import history_of
from trajectory.workforce.models import WorkforceSnapshot


@dataclass(frozen=True)
class SnapshotRow:
    """A month with the rates worked out from it (None when the month cannot give one)."""

    snapshot: WorkforceSnapshot
    vacancy_rate: float | None  # vacancies / (vacancies + filled), as DfE's census
    agency_rate: float | None  # agency / (agency + filled)
    turnover_rate: float | None  # leavers this month / filled FTE
    supervision_rate: float | None  # held / due
    caseload_per_fte: float | None  # cases held / case holders' FTE


def _ratio(part, whole) -> float | None:
    if part is None or whole is None or Decimal(whole) == 0:
        return None
    return round(100 * float(part) / float(whole), 1)


def row_of(snapshot: WorkforceSnapshot) -> SnapshotRow:
    s = snapshot
    caseload = (
        round(s.caseload_total / float(s.case_holders_fte), 1)
        if s.caseload_total is not None and s.case_holders_fte
        else None
    )
    return SnapshotRow(
        snapshot=s,
        vacancy_rate=_ratio(s.vacancies_fte, s.vacancies_fte + s.filled_fte),
        agency_rate=_ratio(s.agency_fte, s.agency_fte + s.filled_fte),
        turnover_rate=_ratio(s.leavers, s.filled_fte),
        supervision_rate=_ratio(s.supervision_held, s.supervision_due),
        caseload_per_fte=caseload,
    )


def snapshots(user, council):
    require(user, "view_council", council)
    return WorkforceSnapshot.objects.filter(council=council).order_by("-month")


def snapshot_rows(user, council) -> list[SnapshotRow]:
    """Every month the council has recorded, newest first, with its rates."""
    return [row_of(s) for s in snapshots(user, council)]


def snapshot_for(user, council, month: date) -> WorkforceSnapshot:
    try:
        return snapshots(user, council).get(month=month)
    except WorkforceSnapshot.DoesNotExist:
        raise Http404("No workforce figures for that month") from None


def recorded_months(user, council) -> set[date]:
    return set(snapshots(user, council).values_list("month", flat=True))


def snapshot_history(user, council, snapshot: WorkforceSnapshot):
    return history_of(user, council, snapshot)
