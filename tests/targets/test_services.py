"""Setting and withdrawing targets: history kept, validation, the audit entry, no lost writes
and who may set them (targets/services.py)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.http import Http404

from trajectory.audit.models import AuditEntry
from trajectory.targets import selectors
from trajectory.targets.models import IndicatorTarget
from trajectory.targets.services import indicator_target_set, indicator_target_withdraw
from trajectory.web.edit_conflicts import StaleEdit

MISSING = "cla_missing_pct"  # percent, lower is better, 1 decimal place


def _set(actor, council, **overrides):
    values = {
        "indicator_id": MISSING,
        "target": 10.0,
        "tolerance": 2.0,
        "reason": "Regional average; the board agreed it in May.",
    }
    return indicator_target_set(actor=actor, council=council, **(values | overrides))


def test_a_new_setting_is_a_new_row_and_the_old_one_stays(council, leader):
    first = _set(leader, council)
    second = _set(leader, council, target=8.0, tolerance=1.5, reason="Halfway to England.")
    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert (first.target, first.tolerance) == (10.0, 2.0)
    row = {r.indicator.id: r for r in selectors.current_targets(leader, council)}[MISSING]
    assert row.current == second
    assert [s.target for s in row.history] == [8.0, 10.0]
    assert second.set_by == leader and second.set_by_name == leader.username


def test_a_setting_is_never_changed_or_deleted(council, leader):
    setting = _set(leader, council)
    setting.target = 50.0
    with pytest.raises(PermissionError):
        setting.save()
    with pytest.raises(PermissionError):
        setting.delete()
    # Bulk statements go to the database, whose triggers refuse them.
    with pytest.raises(DatabaseError), transaction.atomic():
        IndicatorTarget.objects.filter(pk=setting.pk).update(target=50.0)
    with pytest.raises(DatabaseError), transaction.atomic():
        IndicatorTarget.objects.filter(pk=setting.pk).delete()
    assert IndicatorTarget.objects.get(pk=setting.pk).target == 10.0


def test_withdrawal_is_a_row_with_no_target(council, leader):
    _set(leader, council)
    withdrawn = indicator_target_withdraw(
        actor=leader, council=council, indicator_id=MISSING, reason="Measure under review."
    )
    assert (withdrawn.version, withdrawn.target, withdrawn.tolerance) == (2, None, None)
    row = {r.indicator.id: r for r in selectors.current_targets(leader, council)}[MISSING]
    assert not row.has_target and len(row.history) == 2
    with pytest.raises(ValidationError, match="no target to withdraw"):
        indicator_target_withdraw(
            actor=leader, council=council, indicator_id=MISSING, reason="Again."
        )
    with pytest.raises(ValidationError) as refused:
        indicator_target_withdraw(actor=leader, council=council, indicator_id=MISSING, reason="")
    assert "no target to withdraw" in str(refused.value)


def test_withdrawal_needs_a_reason(council, leader):
    _set(leader, council)
    with pytest.raises(ValidationError) as refused:
        indicator_target_withdraw(actor=leader, council=council, indicator_id=MISSING, reason=" ")
    assert refused.value.message_dict == {"reason": ["Enter why the target is withdrawn"]}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"indicator_id": "no_such_thing"}, "indicator_id", "There is no indicator no_such_thing."),
        ({"target": 100.1}, "target", "The target must be between 0% and 100%"),
        ({"target": -1.0}, "target", "The target must be 0 or more"),
        ({"target": 10.25}, "target", "Enter the target to at most 1 decimal place"),
        ({"tolerance": -0.5}, "tolerance", "The tolerance must be 0 or more"),
        ({"tolerance": None}, "tolerance", "Enter the tolerance"),
        ({"reason": "   "}, "reason", "Enter the reason for this target"),
        # Neutral: a band, so its tolerance must be above 0; a count is a whole number.
        (
            {"indicator_id": "cla_count", "target": 400.0, "tolerance": 0.0},
            "tolerance",
            "Neither higher nor lower is better for this indicator, so its target is a band: "
            "enter a tolerance above 0",
        ),
        (
            {"indicator_id": "cla_count", "target": 400.5, "tolerance": 20.0},
            "target",
            "Enter the target as a whole number",
        ),
        (
            {"indicator_id": "cla_rate_per_10k", "target": -3.0},
            "target",
            "The target must be 0 or more",
        ),
    ],
)
def test_a_setting_out_of_range_is_refused_on_its_field(council, leader, overrides, field, message):
    with pytest.raises(ValidationError) as refused:
        _set(leader, council, **overrides)
    assert refused.value.message_dict[field] == [message]
    assert not IndicatorTarget.objects.exists()


def test_a_rate_or_count_may_exceed_100(council, leader):
    setting = _set(leader, council, indicator_id="cla_rate_per_10k", target=150.0, tolerance=10.0)
    assert setting.target == 150.0


def test_each_setting_writes_an_audit_entry(council, leader):
    setting = _set(leader, council, effective_from=date(2025, 4, 1))
    indicator_target_withdraw(
        actor=leader, council=council, indicator_id=MISSING, reason="Under review."
    )
    entries = list(AuditEntry.objects.filter(council=council).order_by("id"))
    assert [entry.action for entry in entries][-2:] == ["target.set", "target.withdraw"]
    set_entry = entries[-2]
    assert set_entry.user == leader and set_entry.object_id == str(setting.pk)
    assert set_entry.detail == {
        "indicator": MISSING,
        "version": 1,
        "target": 10.0,
        "tolerance": 2.0,
        "effective_from": "2025-04-01",
        "reason": "Regional average; the board agreed it in May.",
    }


def test_a_form_opened_before_a_newer_setting_is_refused_naming_it(council, leader, make_user):
    other = make_user("leader", council, username="second-leader")
    _set(leader, council, opened_version=0)
    # Both leaders open the form at setting 1; the other saves first.
    newer = _set(other, council, target=9.0, opened_version=1)
    with pytest.raises(StaleEdit) as refused:
        _set(leader, council, target=7.0, opened_version=1)
    assert refused.value.current == newer
    assert "changed by second-leader" in refused.value.messages[0]
    assert IndicatorTarget.objects.count() == 2  # nothing lost, nothing overwritten
    # A form opened when there was no target at all is stale once one exists.
    with pytest.raises(StaleEdit):
        _set(leader, council, opened_version=0)
    # Opened at the newest setting: saved.
    assert _set(leader, council, target=7.0, opened_version=2).version == 3


def test_a_withdrawal_from_a_stale_form_is_refused(council, leader):
    _set(leader, council)
    _set(leader, council, target=9.0)
    with pytest.raises(StaleEdit):
        indicator_target_withdraw(
            actor=leader, council=council, indicator_id=MISSING, reason="x", opened_version=1
        )


@pytest.mark.parametrize("role", ["board_member", "analyst", "manager", "commissioner"])
def test_only_leaders_set_targets(council, make_user, role):
    with pytest.raises(PermissionDenied, match="Targets are set only by leaders."):
        _set(make_user(role, council), council)
    assert not IndicatorTarget.objects.exists()


def test_a_leader_of_another_council_cannot_set_or_read_ours(council, make_council, make_user):
    elsewhere = make_user("leader", make_council(code="991", name="Eastshire"))
    with pytest.raises(PermissionDenied):
        _set(elsewhere, council)
    with pytest.raises(Http404):
        selectors.current_targets(elsewhere, council)


def test_the_command_line_is_the_trusted_actor(council):
    setting = _set(None, council)
    assert setting.set_by is None and setting.set_by_name == "Command line"


def test_two_saves_racing_for_the_same_version_lose_nothing(council, leader, monkeypatch):
    """Both read setting 1 as the newest; the other's setting 2 is saved first. The unique
    version per indicator refuses the second insert, and it is refused as stale, naming 2."""
    from trajectory.targets import services

    first = _set(leader, council)
    theirs = _set(leader, council, target=9.0)
    reads = iter([first])
    real = services.newest_setting
    monkeypatch.setattr(services, "newest_setting", lambda *args: next(reads, None) or real(*args))
    with pytest.raises(StaleEdit) as refused:
        _set(None, council, target=7.0)
    assert refused.value.current == theirs
    assert [s.target for s in IndicatorTarget.objects.order_by("version")] == [10.0, 9.0]
