"""Writing history: one `Change` per field whose value as people read it has changed.

Callers snapshot a record before and after their write with `snapshot` and hand both to
`changes_record` inside the same transaction, so the history and the change commit together.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from trajectory.history.models import Change
from trajectory.web.dates import govuk_date, govuk_date_time


def shown(obj, field: str) -> str:
    """A field's value as people read it: choice labels, names, GOV.UK dates, '' for empty."""
    value = getattr(obj, field)
    if value is None:
        return ""
    display = getattr(obj, f"get_{field}_display", None)
    if display is not None:
        return str(display())
    if isinstance(value, datetime):
        return govuk_date_time(value)
    if isinstance(value, date):
        return govuk_date(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "get_username"):
        return value.get_full_name() or value.get_username()
    return str(value)


def snapshot(obj, fields: Iterable[str]) -> dict[str, str]:
    """The fields' values as people read them, to compare before and after a write."""
    return {field: shown(obj, field) for field in fields}


def subject_type(obj) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def _field_label(obj, field: str) -> str:
    try:
        return str(obj._meta.get_field(field).verbose_name).capitalize()
    except Exception:  # a computed field the caller names itself, e.g. "evidence"
        return field.replace("_", " ").capitalize()


def changes_record(
    *,
    council,
    subject,
    user,
    operation: str,
    before: dict[str, str] | None,
    after: dict[str, str],
    reason: str = "",
    label: str | None = None,
) -> list[Change]:
    """Append a Change for each field of `after` whose value differs from `before` (all of
    them when `before` is None, as for a new record). Returns the rows written."""
    before = before or {}
    real_user = user if getattr(user, "is_authenticated", False) else None
    rows = [
        Change(
            council=council,
            user=real_user,
            username=getattr(real_user, "username", "") or "",
            operation=operation,
            subject_type=subject_type(subject),
            subject_id=subject.pk,
            subject_label=(label or str(subject))[:300],
            field=field,
            field_label=_field_label(subject, field)[:120],
            before=before.get(field, ""),
            after=after.get(field, ""),
            reason=reason,
        )
        for field in after
        if before.get(field, "") != after.get(field, "")
    ]
    for row in rows:
        row.save()
    return rows
