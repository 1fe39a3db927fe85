"""The learning action and question forms by role, by crafted POST, and two people editing a
learning action at once (the second save is refused, nothing lost)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from trajectory.assurance import services


@pytest.fixture
def action(programme, people):
    return services.learning_action_add(
        audit=programme.audits.first(),
        user=people["manager"],
        title="Update the chronology",
        owner=people["manager"],
        due_on=date(2025, 4, 30),
    )


def _edit_data(action, **changes):
    return {
        "title": action.title,
        "owner": str(action.owner_id),
        "due_on-day": "30",
        "due_on-month": "4",
        "due_on-year": "2025",
        "status": action.status,
        "note": "",
        "opened_version": str(action.edit_version),
    } | changes


def test_learning_action_form_by_role_and_by_crafted_post(client, council, people, action):
    url = reverse("assurance_action_edit", args=[council.code, action.pk])
    for role in ("board_member", "commissioner", "region"):
        client.force_login(people[role])
        assert client.get(url).status_code == 403
        assert client.post(url, _edit_data(action, title="Changed")).status_code == 403
    action.refresh_from_db()
    assert action.title == "Update the chronology"
    client.force_login(people["analyst"])
    assert client.post(url, _edit_data(action, status="complete")).status_code == 302
    action.refresh_from_db()
    assert action.status == "complete"


def test_two_people_editing_a_learning_action(client, council, people, action):
    url = reverse("assurance_action_edit", args=[council.code, action.pk])
    opened = _edit_data(action)
    client.force_login(people["leader"])
    assert client.post(url, opened | {"title": "First change"}).status_code == 302
    client.force_login(people["manager"])
    response = client.post(url, opened | {"title": "Second change"})
    assert response.status_code == 200
    assert b"was changed by" in response.content
    action.refresh_from_db()
    assert action.title == "First change"


def test_question_form_makes_a_new_version_and_is_refused_without_run_audits(
    client, council, people, programme
):
    template = programme.template
    question = template.questions().first()
    url = reverse("assurance_question_edit", args=[council.code, template.pk, question.pk])
    data = {
        "text": "Reworded?",
        "scale": question.scale,
        "guidance": "",
        "opened_version": str(template.edit_version),
    }
    client.force_login(people["board_member"])
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    client.force_login(people["leader"])
    response = client.post(url, data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text != "Reworded?"
    assert template.copies.get().questions().filter(text="Reworded?").exists()
