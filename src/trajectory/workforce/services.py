"""Writes to the workforce months. Each checks `upload_returns` (analysts and leaders, who
keep the council's data; everyone else reads), runs in a transaction, keeps every changed field
in the history (`trajectory.history`) and writes an audit entry. A save from a form opened at
an older version is refused (`web.edit_conflicts`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from trajectory.audit.services import record
from trajectory.councils.permissions import require
from trajectory.history.services import changes_record, snapshot
from trajectory.plans import clock
from trajectory.web.dates import govuk_month
from trajectory.web.edit_conflicts import lock_for_edit, mark_changed
from trajectory.workforce.models import WorkforceSnapshot

CAPABILITY = "upload_returns"
FIELDS = (
    "establishment_fte",
    "filled_fte",
    "agency_fte",
    "vacancies_fte",
    "starters",
    "leavers",
    "absence_days",
    "supervision_due",
    "supervision_held",
    "caseload_total",
    "case_holders_fte",
    "note",
)
FIRST_MONTH = date(2000, 1, 1)


def month_of(day: date) -> date:
    return day.replace(day=1)


def _check(values: dict[str, Any], month: date) -> None:
    if month < FIRST_MONTH:
        raise ValidationError({"month": "Choose a month from January 2000."})
    if month > month_of(clock.today()):
        raise ValidationError({"month": "The month cannot be in the future."})
    due, held = values.get("supervision_due"), values.get("supervision_held")
    if held is not None and due is None:
        raise ValidationError(
            {
                "supervision_due": "Enter how many supervisions were due as well as how many "
                "were held."
            }
        )
    if held is not None and due is not None and held > due:
        raise ValidationError(
            {"supervision_held": "Supervisions held on time cannot be more than those due."}
        )
    if values.get("caseload_total") is not None and values.get("case_holders_fte") == 0:
        raise ValidationError(
            {"case_holders_fte": "Case holders' FTE must be more than 0 when cases are held."}
        )


@transaction.atomic
def snapshot_record(*, council, user, month: date, request=None, **values: Any):
    """Record a month's figures. A month already recorded is changed, not added again."""
    require(user, CAPABILITY, council)
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    month = month_of(month)
    _check(values, month)
    if WorkforceSnapshot.objects.filter(council=council, month=month).exists():
        raise ValidationError(
            {"month": f"{govuk_month(month)} is already recorded: change it from the list."}
        )
    real_user = user if getattr(user, "is_authenticated", False) else None
    item = WorkforceSnapshot(council=council, month=month, created_by=real_user, **values)
    mark_changed(item, user)
    item.edit_version = 1
    item.full_clean()
    item.save()
    changes_record(
        council=council,
        subject=item,
        user=user,
        operation="created",
        before=None,
        after=snapshot(item, FIELDS),
    )
    record(
        user=user,
        action="workforce.snapshot.create",
        council=council,
        obj=item,
        request=request,
        detail={"month": item.month_key},
    )
    return item


@transaction.atomic
def snapshot_update(
    *, item: WorkforceSnapshot, user, opened_version: int | None = None, request=None, **changes
):
    """Change a month's figures; a save over someone else's raises StaleEdit."""
    council = item.council
    require(user, CAPABILITY, council)
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    lock_for_edit(item, opened_version)
    _check({**{f: getattr(item, f) for f in FIELDS}, **changes}, item.month)
    before = snapshot(item, FIELDS)
    for field, value in changes.items():
        setattr(item, field, value)
    mark_changed(item, user)
    item.full_clean()
    item.save()
    logged = changes_record(
        council=council,
        subject=item,
        user=user,
        operation="changed",
        before=before,
        after=snapshot(item, FIELDS),
    )
    record(
        user=user,
        action="workforce.snapshot.update",
        council=council,
        obj=item,
        request=request,
        detail={"month": item.month_key, "fields": [c.field for c in logged]},
    )
    return item
