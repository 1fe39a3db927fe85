"""`trajectory targets set | withdraw | list`: the command line is the trusted system actor."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from trajectory.targets.models import IndicatorTarget


def _call(*args) -> str:
    out = StringIO()
    call_command("targets", *args, stdout=out)
    return out.getvalue()


def test_set_and_list(council, make_run):
    make_run(council, {"cla_missing_pct": [(date(2025, 3, 31), 11.2)]})
    out = _call(
        "set", "--council", "990", "--indicator", "cla_missing_pct",
        "--target", "10", "--tolerance", "2", "--reason", "Regional average.",
    )  # fmt: skip
    assert out.strip() == (
        "Children who went missing: target set to 10.0% or lower (setting 1). "
        "Near target: 11.2% against a target of 10.0% or lower."
    )
    setting = IndicatorTarget.objects.get()
    assert setting.set_by is None and setting.reason == "Regional average."
    listed = json.loads(_call("list", "--council", "990", "--json"))
    missing = next(row for row in listed if row["indicator"] == "cla_missing_pct")
    assert missing | {"set_at": None} == {
        "indicator": "cla_missing_pct",
        "polarity": "lower_is_better",
        "target": 10.0,
        "tolerance": 2.0,
        "effective_from": None,
        "reason": "Regional average.",
        "set_by": "Command line",
        "set_at": None,
        "version": 1,
        "as_at": "2025-03-31",
        "value": 11.2,
        "rag": "near_target",
        "rag_colour": "amber",
        "rag_label": "Near target",
        "history": 1,
    }
    others = [row for row in listed if row["indicator"] != "cla_missing_pct"]
    assert {row["rag"] for row in others} == {"no_target"}
    text = _call("list", "--council", "990")
    assert "Children who went missing" in text and "Near target" in text


def test_withdraw(council):
    _call(
        "set", "--council", "990", "--indicator", "cla_missing_pct",
        "--target", "10", "--tolerance", "2", "--reason", "R.",
    )  # fmt: skip
    out = _call(
        "withdraw", "--council", "990", "--indicator", "cla_missing_pct", "--reason", "Review."
    )
    assert "target withdrawn (setting 2)" in out
    assert IndicatorTarget.objects.count() == 2


def test_refusals(council, make_user):
    base = ["set", "--council", "990", "--tolerance", "2", "--reason", "R."]
    with pytest.raises(CommandError, match="No indicator nope"):
        _call(*base, "--indicator", "nope", "--target", "10")
    with pytest.raises(CommandError, match="target: The target must be between 0% and 100%"):
        _call(*base, "--indicator", "cla_missing_pct", "--target", "101")
    with pytest.raises(CommandError, match="No council 999"):
        _call("list", "--council", "999")
    board = make_user("board_member", council)
    with pytest.raises(CommandError, match="Targets are set only by leaders."):
        _call(*base, "--indicator", "cla_missing_pct", "--target", "10", "--user", board.username)
    leader = make_user("leader", council)
    _call(*base, "--indicator", "cla_missing_pct", "--target", "10", "--user", leader.username)
    assert IndicatorTarget.objects.get().set_by == leader
