"""Every change to the board records is in the history (trajectory.history) and the audit
log; a form opened before someone else's save is refused, showing both versions."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from trajectory.audit.models import AuditEntry
from trajectory.governance import services
from trajectory.history.models import Change

pytestmark = pytest.mark.django_db


def _changes(obj):
    return Change.objects.filter(
        subject_type=f"governance.{obj._meta.model_name}", subject_id=obj.pk
    )


def test_creating_and_changing_a_body_is_recorded(board, leader):
    created = {c.field: c.after for c in _changes(board).filter(operation="created")}
    assert created["name"] == "Children's Improvement Board"
    assert created["chair_independent"] == "Yes"
    assert created["kind"] == "Improvement Board"
    services.body_update(
        body=board, user=leader, opened_version=board.edit_version, chair_name="Jo Patel"
    )
    change = _changes(board).get(operation="changed")
    assert (change.field, change.before, change.after) == ("chair_name", "Alex Morgan", "Jo Patel")
    assert change.username == leader.username
    assert AuditEntry.objects.filter(
        action="governance.body.update", object_id=str(board.pk)
    ).exists()


def test_attendance_item_and_decision_are_recorded(board, leader, make_meeting):
    meeting = make_meeting(date(2024, 1, 16))
    sam = board.members.get(name="Sam Lee")
    services.attendance_record(meeting=meeting, user=leader, statuses={sam.pk: "present"})
    services.attendance_record(meeting=meeting, user=leader, statuses={sam.pk: "apologies"})
    rows = Change.objects.filter(subject_type="governance.attendance").order_by("id")
    assert [(r.before, r.after) for r in rows] == [("", "Present"), ("Present", "Apologies")]
    assert "attendance of Sam Lee" in rows[0].subject_label

    item = services.item_add(
        meeting=meeting, user=leader, title="Performance", subject="indicator:cla_missing_pct"
    )
    discusses = _changes(item).get(field="discusses")
    assert discusses.after.startswith("Indicator: ")
    decision = services.decision_add(meeting=meeting, user=leader, text="Agreed", item=item)
    assert _changes(decision).get(field="text").after == "Agreed"


def test_the_meeting_page_shows_its_history(client, board, leader, make_meeting):
    meeting = make_meeting(date(2024, 1, 16))
    services.item_add(meeting=meeting, user=leader, title="Performance report")
    client.force_login(leader)
    page = client.get(
        reverse("governance_meeting", args=[board.council.code, meeting.pk])
    ).content.decode()
    assert (
        "Changes to this meeting&#x27;s record" in page
        or "Changes to this meeting's record" in page
    )
    assert "Performance report" in page


def test_a_stale_form_is_refused_and_shows_both_versions(client, board, leader, commissioner):
    client.force_login(leader)
    url = reverse("governance_body_edit", args=[board.council.code, board.pk])
    opened = board.edit_version
    services.body_update(
        body=board, user=commissioner, opened_version=opened, chair_name="Jo Patel"
    )
    response = client.post(
        url,
        {
            "name": board.name,
            "kind": board.kind,
            "chair_name": "Chris Doe",
            "chair_organisation": "Independent",
            "chair_independent": "True",
            "opened_version": opened,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="edit-conflict"' in page and "Jo Patel" in page and "Chris Doe" in page
    board.refresh_from_db()
    assert board.chair_name == "Jo Patel"
