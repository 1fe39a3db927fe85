"""Who writes the board records: the Commissioner and the council's leaders
(`write_board_records`). Board members, DfE officials and the council's other roles read;
their forms and crafted POSTs are refused with 403; another council's records are a 404."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from trajectory.governance import services
from trajectory.governance.models import Body, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(board, leader, make_meeting, plan):
    meeting = make_meeting(date(2024, 1, 16), "internal")
    item = services.item_add(meeting=meeting, user=leader, title="Performance report")
    decision = services.decision_add(meeting=meeting, user=leader, text="Noted the report.")
    action = services.board_action_add(
        meeting=meeting, user=leader, title="Audit", owner_name="DCS", due_on=date(2024, 3, 1)
    )
    step = services.approval_step_record(
        plan=plan, user=leader, step="scrutinised", happened_on=date(2019, 6, 5)
    )
    member = board.members.first()
    return {
        "meeting": meeting,
        "item": item,
        "decision": decision,
        "action": action,
        "step": step,
        "member": member,
        "plan": plan,
    }


def _forms(council, board, r):
    code = council.code
    return [
        reverse("governance_body_add", args=[code]),
        reverse("governance_body_edit", args=[code, board.pk]),
        reverse("governance_member_add", args=[code, board.pk]),
        reverse("governance_member_edit", args=[code, r["member"].pk]),
        reverse("governance_meeting_add", args=[code, board.pk]),
        reverse("governance_meeting_edit", args=[code, r["meeting"].pk]),
        reverse("governance_attendance", args=[code, r["meeting"].pk]),
        reverse("governance_item_add", args=[code, r["meeting"].pk]),
        reverse("governance_item_edit", args=[code, r["item"].pk]),
        reverse("governance_paper_add", args=[code, r["item"].pk]),
        reverse("governance_decision_add", args=[code, r["meeting"].pk]),
        reverse("governance_decision_edit", args=[code, r["decision"].pk]),
        reverse("governance_action_add", args=[code, r["meeting"].pk]),
        reverse("governance_action_edit", args=[code, r["action"].pk]),
        reverse("governance_minutes", args=[code, r["meeting"].pk]),
        reverse("governance_minutes_approve", args=[code, r["meeting"].pk]),
        reverse("governance_approval_add", args=[code, r["plan"].pk]),
        reverse("governance_approval_edit", args=[code, r["step"].pk]),
    ]


def _pages(council, board, r):
    code = council.code
    return [
        reverse("governance_bodies", args=[code]),
        reverse("governance_body", args=[code, board.pk]),
        reverse("governance_meeting", args=[code, r["meeting"].pk]),
        reverse("governance_actions", args=[code]),
        reverse("plan_detail", args=[code, r["plan"].pk]),
    ]


@pytest.mark.parametrize("role", ["board_member", "region", "analyst", "manager"])
def test_readers_read_and_are_refused_every_form(client, make_user, council, board, records, role):
    reader = make_user(role, council, username=f"reader-{role}")
    client.force_login(reader)
    for url in _pages(council, board, records):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Add a meeting" not in response.content.decode()
    for url in _forms(council, board, records):
        assert client.get(url).status_code == 403, url
        crafted = {
            "name": "Shadow board",
            "kind": "other",
            "chair_independent": "False",
            "held_on-day": "1",
            "held_on-month": "2",
            "held_on-year": "2024",
            "title": "Crafted",
            "text": "Crafted",
            "minutes": "Crafted",
            "opened_version": "1",
        }
        assert client.post(url, crafted).status_code == 403, url
    assert not Body.objects.filter(name="Shadow board").exists()
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize("role", ["board_member", "analyst", "region"])
def test_services_refuse_readers(make_user, council, board, role):
    reader = make_user(role, council, username=f"svc-{role}")
    with pytest.raises(PermissionDenied, match="leaders"):
        services.meeting_create(body=board, user=reader, held_on=date(2024, 1, 16), kind="internal")


def test_commissioner_writes(client, commissioner, council, board):
    client.force_login(commissioner)
    url = reverse("governance_meeting_add", args=[council.code, board.pk])
    response = client.post(
        url, {"held_on-day": "16", "held_on-month": "1", "held_on-year": "2024", "kind": "internal"}
    )
    assert response.status_code == 302
    assert Meeting.objects.get(body=board).changed_by == commissioner


def test_another_councils_records_are_not_found(
    client, make_council, make_user, council, board, records
):
    other = make_council(code="991", name="Eastshire")
    outsider = make_user("leader", other, username="eastshire-leader")
    client.force_login(outsider)
    assert client.get(reverse("governance_body", args=[other.code, board.pk])).status_code == 404
    assert client.get(reverse("governance_body", args=[council.code, board.pk])).status_code == 404
    url = reverse("governance_meeting_edit", args=[other.code, records["meeting"].pk])
    assert client.post(url, {"kind": "external"}).status_code == 404
