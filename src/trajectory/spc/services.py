"""Rebasing an indicator's control limits, and withdrawing a rebase. Analysts and leaders only
(`rebase_limits`); the command line is the trusted system actor (`actor=None`, see
`councils.permissions.require`). Each write is a new row (models.py), validated with
`full_clean`, in one transaction, with an audit entry."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from trajectory.audit.services import record
from trajectory.councils.permissions import require
from trajectory.indicators import registry
from trajectory.spc.models import LimitRebase
from trajectory.web.dates import govuk_date


def _monthly(indicator_id: str):
    try:
        indicator = registry.get(indicator_id)
    except KeyError as missing:
        raise ValidationError(f"There is no indicator {indicator_id!r}.") from missing
    if indicator.cadence == "annual":
        raise ValidationError(
            f"{indicator.title} is one figure a year: it has no control limits to rebase."
        )
    return indicator


def _actor(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def spc_limits_rebase(
    *, actor, council, indicator_id: str, from_date: date, reason: str, request=None
) -> LimitRebase:
    """Take the indicator's limits afresh from `from_date`, for the reason given."""
    require(actor, "rebase_limits", council)
    _monthly(indicator_id)
    if from_date is None:
        raise ValidationError({"from_date": "Enter the date the limits are rebased from"})
    in_force = LimitRebase.objects.filter(
        council=council,
        indicator_id=indicator_id,
        from_date=from_date,
        withdraws__isnull=True,
        withdrawal__isnull=True,
    )
    if in_force.exists():
        raise ValidationError(
            {"from_date": f"The limits are already rebased from {govuk_date(from_date)}"}
        )
    rebase = LimitRebase(
        council=council,
        indicator_id=indicator_id,
        from_date=from_date,
        reason=(reason or "").strip(),
        created_by=_actor(actor),
    )
    rebase.full_clean()
    rebase.save()
    record(
        user=actor,
        action="spc.rebase",
        council=council,
        obj=rebase,
        request=request,
        detail={
            "indicator": indicator_id,
            "from_date": from_date.isoformat(),
            "reason": rebase.reason,
        },
    )
    return rebase


@transaction.atomic
def spc_limits_rebase_withdraw(
    *, actor, council, rebase: LimitRebase, reason: str, request=None
) -> LimitRebase:
    """Withdraw a rebase: a new row naming it, so both stay in the history."""
    require(actor, "rebase_limits", council)
    rebase = LimitRebase.objects.select_for_update().get(pk=rebase.pk)
    if rebase.council_id != council.pk:
        raise ValidationError("That rebase belongs to another council.")
    if rebase.is_withdrawal or LimitRebase.objects.filter(withdraws=rebase).exists():
        raise ValidationError("That rebase has already been withdrawn.")
    withdrawal = LimitRebase(
        council=council,
        indicator_id=rebase.indicator_id,
        from_date=rebase.from_date,
        reason=(reason or "").strip(),
        withdraws=rebase,
        created_by=_actor(actor),
    )
    withdrawal.full_clean()
    withdrawal.save()
    record(
        user=actor,
        action="spc.rebase.withdraw",
        council=council,
        obj=withdrawal,
        request=request,
        detail={
            "indicator": rebase.indicator_id,
            "from_date": rebase.from_date.isoformat(),
            "withdraws": rebase.pk,
            "reason": withdrawal.reason,
        },
    )
    return withdrawal
