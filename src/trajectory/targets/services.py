"""Setting and withdrawing targets. Leaders only (`set_targets`); the command line is the
trusted system actor (`actor=None`, see `councils.permissions.require`).

Every write is a new row (models.py), validated with `full_clean`, in one transaction, with an
audit entry. No lost writes (DESIGN.md): a form carries the version of the indicator's newest
setting when it was opened (0 when there was none); if a newer one has been saved since, the
save is refused with `StaleEdit` naming it, the way every edit form in the product is
(web/edit_conflicts.py). Two saves racing for the same next version meet the unique
constraint: the second is refused the same way.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from trajectory.audit.services import record
from trajectory.councils.permissions import require
from trajectory.targets.models import IndicatorTarget
from trajectory.web.edit_conflicts import StaleEdit


def newest_setting(council, indicator_id: str) -> IndicatorTarget | None:
    return (
        IndicatorTarget.objects.filter(council=council, indicator_id=indicator_id)
        .select_related("set_by")
        .order_by("-version")
        .first()
    )


def _refuse_if_stale(newest: IndicatorTarget | None, opened_version: int | None) -> None:
    """`opened_version` None: no form was shown (the command line), nothing to be stale."""
    if opened_version is None:
        return
    if (newest.version if newest else 0) != opened_version:
        if newest is None:  # opened at a version that does not exist: never saved
            raise ValidationError("This page is out of date. Open it again to make your change.")
        raise StaleEdit(newest)


def _append(*, actor, council, indicator_id, opened_version, request, audit_action, **values):
    newest = newest_setting(council, indicator_id)
    _refuse_if_stale(newest, opened_version)
    setting = IndicatorTarget(
        council=council,
        indicator_id=indicator_id,
        version=(newest.version if newest else 0) + 1,
        set_by=actor if getattr(actor, "is_authenticated", False) else None,
        **values,
    )
    setting.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            setting.save()
    except IntegrityError:
        # Another save took this version between our read and our write.
        raise StaleEdit(newest_setting(council, indicator_id)) from None
    record(
        user=actor,
        action=audit_action,
        council=council,
        obj=setting,
        request=request,
        detail={
            "indicator": indicator_id,
            "version": setting.version,
            "target": setting.target,
            "tolerance": setting.tolerance,
            "effective_from": setting.effective_from.isoformat()
            if setting.effective_from
            else None,
            "reason": setting.reason,
        },
    )
    return setting


@transaction.atomic
def indicator_target_set(
    *,
    actor,
    council,
    indicator_id: str,
    target: float,
    tolerance: float,
    reason: str,
    effective_from: date | None = None,
    opened_version: int | None = None,
    request=None,
) -> IndicatorTarget:
    """Set the indicator's target and tolerance, with the reason, as its next setting."""
    require(actor, "set_targets", council)
    if target is None:
        raise ValidationError({"target": "Enter the target"})
    return _append(
        actor=actor,
        council=council,
        indicator_id=indicator_id,
        opened_version=opened_version,
        request=request,
        audit_action="target.set",
        target=float(target),
        tolerance=None if tolerance is None else float(tolerance),
        reason=(reason or "").strip(),
        effective_from=effective_from,
    )


@transaction.atomic
def indicator_target_withdraw(
    *,
    actor,
    council,
    indicator_id: str,
    reason: str,
    effective_from: date | None = None,
    opened_version: int | None = None,
    request=None,
) -> IndicatorTarget:
    """Withdraw the indicator's target: a new row with no target, so the history stays."""
    require(actor, "set_targets", council)
    newest = newest_setting(council, indicator_id)
    if newest is None or newest.withdrawn:
        _refuse_if_stale(newest, opened_version)
        raise ValidationError("This indicator has no target to withdraw.")
    return _append(
        actor=actor,
        council=council,
        indicator_id=indicator_id,
        opened_version=opened_version,
        request=request,
        audit_action="target.withdraw",
        target=None,
        tolerance=None,
        reason=(reason or "").strip(),
        effective_from=effective_from,
    )
