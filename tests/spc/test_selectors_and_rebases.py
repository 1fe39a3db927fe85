"""Signals and rebases against the hand-worked run in conftest.py."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from trajectory.audit.models import AuditEntry
from trajectory.indicators import registry
from trajectory.spc import selectors, services
from trajectory.spc.models import LimitRebase


def test_signals_are_the_monthly_indicators_whose_latest_month_is_special(charted):
    signals = selectors.council_signals(charted["analyst"], charted["council"])
    order = [indicator.id for indicator in registry.INDICATORS]
    expected = sorted(["cla_reviews_on_time_pct", "cla_count"], key=order.index)
    assert [signal.indicator.id for signal in signals] == expected
    by_id = {signal.indicator.id: signal for signal in signals}
    reviews = by_id["cla_reviews_on_time_pct"]
    assert (reviews.rule, reviews.variation, reviews.since) == (
        "outside_limits",
        "improvement",
        date(2025, 3, 31),
    )
    assert reviews.icon == "improvement_high"
    assert reviews.chart.upl == pytest.approx(954 / 13 + 2.66 * 5)
    count = by_id["cla_count"]
    assert (count.rule, count.variation, count.since) == (
        "outside_limits",
        "neutral",
        date(2024, 3, 31),
    )
    assert all("trend" in point.rules for point in count.chart.points)
    assert count.icon == "neutral_high"


def test_no_run_no_signals_for_the_council_or_a_team(council, make_user):
    analyst = make_user("analyst", council)
    assert selectors.council_signals(analyst, council) == []
    assert selectors.has_figures(analyst, council) is False
    assert selectors.council_signals(analyst, council, team="North") == []  # issue 8.7


def test_an_annual_cohort_has_no_spc(charted):
    assert selectors.indicator_spc(charted["analyst"], charted["council"], "cla_count")
    assert (
        selectors.indicator_spc(charted["analyst"], charted["council"], "care_leavers_in_touch_pct")
        is None
    )


def test_a_rebase_splits_the_limits_and_a_withdrawal_puts_them_back(charted):
    council, analyst = charted["council"], charted["analyst"]
    # From 31 October 2024 (the 8th month): 400-406 (7 points, their own trend) then 407-412,
    # six rising months: no trend; mean 409.5, moving ranges 1, upper limit 412.16 and 2 sigma
    # 411.27: only 412 is near, so March 2025 is common cause and the signal goes.
    rebase = services.spc_limits_rebase(
        actor=analyst,
        council=council,
        indicator_id="cla_count",
        from_date=date(2024, 10, 1),
        reason="Counting changed to exclude respite",
    )
    spc = selectors.indicator_spc(analyst, council, "cla_count")
    assert [(limits.start, limits.points) for limits in spc.chart.segments] == [
        (date(2024, 3, 31), 7),
        (date(2024, 10, 31), 6),
    ]
    assert spc.chart.mean == 409.5
    assert not spc.chart.latest.special_cause
    assert "cla_count" not in {
        signal.indicator.id for signal in selectors.council_signals(analyst, council)
    }
    entry = AuditEntry.objects.filter(action="spc.rebase").get()
    assert entry.detail == {
        "indicator": "cla_count",
        "from_date": "2024-10-01",
        "reason": "Counting changed to exclude respite",
    }

    withdrawal = services.spc_limits_rebase_withdraw(
        actor=charted["leader"], council=council, rebase=rebase, reason="Rebased in error"
    )
    spc = selectors.indicator_spc(analyst, council, "cla_count")
    assert len(spc.chart.segments) == 1 and spc.rebases == []
    assert [row.pk for row in spc.history] == [withdrawal.pk, rebase.pk]
    assert AuditEntry.objects.filter(action="spc.rebase.withdraw").count() == 1
    with pytest.raises(ValidationError, match="already been withdrawn"):
        services.spc_limits_rebase_withdraw(
            actor=analyst, council=council, rebase=rebase, reason="Again"
        )


def test_refusals(charted):
    council = charted["council"]
    arguments = {"council": council, "indicator_id": "cla_count", "from_date": date(2024, 10, 1)}
    with pytest.raises(PermissionDenied):
        services.spc_limits_rebase(actor=charted["board"], reason="A reason", **arguments)
    with pytest.raises(ValidationError) as blank:
        services.spc_limits_rebase(actor=charted["analyst"], reason="  ", **arguments)
    assert "reason" in blank.value.message_dict
    with pytest.raises(ValidationError, match="one figure a year"):
        services.spc_limits_rebase(
            actor=charted["analyst"],
            council=council,
            indicator_id="care_leavers_in_touch_pct",
            from_date=date(2024, 10, 1),
            reason="A reason",
        )
    services.spc_limits_rebase(actor=None, reason="From the command line", **arguments)
    with pytest.raises(ValidationError, match="already rebased"):
        services.spc_limits_rebase(actor=charted["analyst"], reason="Twice", **arguments)


def test_a_rebase_is_never_changed_or_deleted(charted):
    rebase = services.spc_limits_rebase(
        actor=charted["analyst"],
        council=charted["council"],
        indicator_id="cla_count",
        from_date=date(2024, 10, 1),
        reason="New service",
    )
    rebase.reason = "Edited"
    with pytest.raises(PermissionError):
        rebase.save()
    with pytest.raises(PermissionError):
        rebase.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        LimitRebase.objects.filter(pk=rebase.pk).update(reason="Edited in bulk")
    with pytest.raises(DatabaseError), transaction.atomic():
        LimitRebase.objects.filter(pk=rebase.pk).delete()
    assert LimitRebase.objects.get(pk=rebase.pk).reason == "New service"


def test_council_charts_hold_every_monthly_indicator_with_figures(charted):
    charts = selectors.council_charts(charted["analyst"], charted["council"])
    assert set(charts) == {"cla_reviews_on_time_pct", "cla_count", "cla_missing_pct"}
    assert charts["cla_missing_pct"].variation_icon == "common_cause"
    # Missing: 8, 9 alternating then 8: mean 110/13, moving ranges all 1.
    assert charts["cla_missing_pct"].upl == pytest.approx(110 / 13 + 2.66)
