"""The action log flags overdue actions by the plan's rule (plans/rag.py): past the due date
and not complete, on the plan's clock (plans/clock.py)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from trajectory.governance import selectors, services
from trajectory.governance.rag import board_action_rag

pytestmark = pytest.mark.django_db


@pytest.fixture
def actions(make_meeting, leader):
    meeting = make_meeting(date(2026, 3, 3), "internal")

    def add(title, due_on, status="not_started"):
        return services.board_action_add(
            meeting=meeting,
            user=leader,
            title=title,
            owner_name="Head of Service",
            due_on=due_on,
            status=status,
        )

    return {
        "due_yesterday": add("Report on caseloads", date(2026, 3, 31)),
        "done_late": add("Refresh the data pack", date(2026, 3, 1), "complete"),
        "due_in_14": add("Schools' survey", date(2026, 4, 15)),
        "due_later": add("Thresholds workshop", date(2026, 6, 30), "in_progress"),
        "cancelled": add("Old item", date(2026, 1, 31), "cancelled"),
    }


def test_ratings_on_a_fixed_day(actions):
    today = date(2026, 4, 1)
    keys = {name: board_action_rag(action, today=today).key for name, action in actions.items()}
    assert keys == {
        "due_yesterday": "overdue",
        "done_late": "complete",
        "due_in_14": "slipping",  # 15 April is 14 days after 1 April
        "due_later": "on_track",
        "cancelled": "cancelled",
    }
    # On its due date an action is not yet overdue.
    assert board_action_rag(actions["due_yesterday"], today=date(2026, 3, 31)).key == "slipping"


def test_the_log_filters_open_and_overdue(actions, leader, council):
    today = date(2026, 4, 1)
    overdue = selectors.action_log(leader, council, today=today, show="overdue")
    assert [row.action for row in overdue] == [actions["due_yesterday"]]
    opened = selectors.action_log(leader, council, today=today, show="open")
    assert {row.action.title for row in opened} == {
        "Report on caseloads",
        "Schools' survey",
        "Thresholds workshop",
    }


def test_the_page_reads_the_plans_clock(client, actions, board_member, council, monkeypatch):
    monkeypatch.setattr("trajectory.plans.clock.today", lambda: date(2026, 4, 1))
    client.force_login(board_member)
    url = reverse("governance_actions", args=[council.code])
    page = client.get(url, {"show": "overdue"}).content.decode()
    assert "Report on caseloads" in page and "Thresholds workshop" not in page
    assert 'data-rag="overdue"' in page
    assert "Overdue (1)" in page and "Open (3)" in page
    monkeypatch.setattr("trajectory.plans.clock.today", lambda: date(2026, 3, 30))
    page = client.get(url, {"show": "overdue"}).content.decode()
    assert "Report on caseloads" not in page


def test_completing_keeps_the_day_and_reopening_clears_it(actions, leader, monkeypatch):
    monkeypatch.setattr("trajectory.plans.clock.today", lambda: date(2026, 4, 2))
    action = actions["due_yesterday"]
    services.board_action_update(action=action, user=leader, status="complete")
    action.refresh_from_db()
    assert action.completed_on == date(2026, 4, 2)
    services.board_action_update(action=action, user=leader, status="in_progress")
    action.refresh_from_db()
    assert action.completed_on is None


def test_a_changed_action_keeps_an_owner(actions, leader):
    """The log is of actions with owners: a change that would leave one with neither a person
    nor a named owner is refused by the service, as adding one is, not only by the form."""
    action = actions["due_later"]
    with pytest.raises(ValidationError) as refused:
        services.board_action_update(action=action, user=leader, owner=None, owner_name="  ")
    assert "owner_name" in refused.value.message_dict
    action.refresh_from_db()
    assert action.owner_name == "Head of Service"
    services.board_action_update(action=action, user=leader, owner=leader, owner_name="")
    action.refresh_from_db()
    assert (action.owner, action.owner_name) == (leader, "")
