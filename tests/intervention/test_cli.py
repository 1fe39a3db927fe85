"""`trajectory assessment recommendation --json` and `trajectory intervention events --json`."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from trajectory.intervention.services import (
    followup_add,
    intervention_event_record,
    recommendation_correct,
    recommendation_record,
)


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _today(settings):
    settings.TRAJECTORY_TODAY = "2026-10-06"


def test_no_recommendation(council):
    assert (
        json.loads(_run("assessment", "recommendation", "--council", council.code, "--json"))
        is None
    )
    assert "has no recommendation" in _run(
        "assessment", "recommendation", "--council", council.code
    )


def test_recommendation_json(plan, council, commissioner, leader, final_review, withdraw_option):
    intervention_event_record(
        council=council,
        user=commissioner,
        kind="trust_proposed",
        occurred_on=date(2024, 7, 15),
        summary="Proposed",
    )
    intervention_event_record(
        council=council,
        user=commissioner,
        kind="trust_paused",
        occurred_on=date(2025, 9, 15),
        summary="Paused",
    )
    first = recommendation_record(
        council=council,
        user=commissioner,
        review=final_review,
        option=withdraw_option,
        made_on=date(2026, 10, 5),
        rationale="Evidence.",
    )
    followup_add(
        recommendation=first,
        user=commissioner,
        title="Schools' work",
        owner=leader,
        due_on=date(2026, 12, 7),
    )
    recommendation_correct(
        recommendation=first,
        user=commissioner,
        option=withdraw_option,
        made_on=date(2026, 10, 5),
        rationale="Evidence, clarified.",
        conditions="Support continues.",
        reason="Clearer wording",
        opened_version=1,
    )
    found = json.loads(_run("assessment", "recommendation", "--council", council.code, "--json"))
    assert found["option"] == "withdraw-trust"
    assert found["version"] == 2 and found["superseded"] is False
    assert found["rationale"] == "Evidence, clarified."
    assert found["correction_reason"] == "Clearer wording"
    assert found["review"]["id"] == final_review.pk and found["review"]["status"] == "final"
    assert found["follow_ups"] == [
        {
            "action": "4.1",
            "action_id": found["follow_ups"][0]["action_id"],
            "title": "Schools' work",
            "owner": leader.username,
            "due_on": "2026-12-07",
            "status": "not_started",
            "status_label": "Not started",
            "rag": "on_track",
            "rag_colour": "green",
            "rag_label": "On track",
        }
    ]
    assert [v["version"] for v in found["earlier_versions"]] == [1]
    assert found["earlier_versions"][0]["superseded"] is True
    # The recommendation to withdraw leaves the trust where the minister's letter put it.
    assert found["trust_status"] == "paused"
    text = _run("assessment", "recommendation", "--council", council.code)
    assert "Withdraw the trust proposal (version 2" in text
    assert "4.1 Schools' work" in text and "due 2026-12-07" in text and "On track" in text


def test_events_json(council, commissioner):
    intervention_event_record(
        council=council,
        user=commissioner,
        kind="direction_issued",
        occurred_on=date(2024, 1, 8),
        summary="Work with the Commissioner.",
        reference="Direction of 8 January 2024",
    )
    intervention_event_record(
        council=council,
        user=commissioner,
        kind="trust_proposed",
        occurred_on=date(2024, 7, 15),
        summary="Proposed",
    )
    found = json.loads(_run("intervention", "events", "--council", council.code, "--json"))
    assert found["trust_status"] == "proposed"
    assert [e["kind"] for e in found["events"]] == ["direction_issued", "trust_proposed"]
    assert found["events"][0]["reference"] == "Direction of 8 January 2024"
    assert found["events"][0]["recorded_by"] == commissioner.username
    assert "Children's trust: Trust proposed." in _run(
        "intervention", "events", "--council", council.code
    )
