"""A follow-up is a real plan action: owner, due date, RAG, updates, and on the plan's watch
list as the Commissioner's follow-up from the day it is added (issue 9.4)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trajectory.intervention import selectors
from trajectory.intervention.services import (
    FOLLOWUP_PRIORITY_TITLE,
    followup_add,
    recommendation_correct,
    recommendation_record,
)
from trajectory.plans.models import Action
from trajectory.plans.selectors import plan_watch_list
from trajectory.plans.services import progress_update_post

SCHOOLS = (
    "Oversee a specific and immediate piece of work with representatives of the schools' "
    "community on communication and engagement with children's social care."
)


@pytest.fixture
def recommendation(council, commissioner, final_review, withdraw_option):
    return recommendation_record(
        council=council,
        user=commissioner,
        review=final_review,
        option=withdraw_option,
        made_on=date(2026, 10, 5),
        rationale="The evidence supports withdrawing the trust proposal.",
    )


def test_followup_is_a_plan_action_on_the_watch_list(
    plan, recommendation, commissioner, leader, council
):
    followup = followup_add(
        recommendation=recommendation,
        user=commissioner,
        title=SCHOOLS,
        owner=leader,
        due_on=date(2026, 12, 7),
    )
    action = followup.action
    # The plan made from the inspection has three priorities; the follow-ups' is the fourth.
    assert action.priority.plan == plan
    assert action.priority.title == FOLLOWUP_PRIORITY_TITLE
    assert action.priority.number == 4
    assert action.reference == "4.1"
    assert action.owner == leader and action.status == Action.Status.NOT_STARTED

    # On 6 October 2026 it is two months from due: on track, not overdue, yet on the list.
    watch = plan_watch_list(leader, plan, today=date(2026, 10, 6))
    assert [row.action for row in watch.commissioner_followups] == [action]
    assert watch.commissioner_followups[0].rag.key == "on_track"
    assert watch.overdue == []

    # After its due date it is overdue, and still the Commissioner's follow-up.
    watch = plan_watch_list(leader, plan, today=date(2026, 12, 8))
    assert [row.action for row in watch.overdue] == [action]
    assert watch.commissioner_followups[0].rag.key == "overdue"


def test_a_second_followup_shares_the_priority(plan, recommendation, commissioner, leader):
    first = followup_add(
        recommendation=recommendation,
        user=commissioner,
        title="One",
        owner=leader,
        due_on=date(2026, 12, 7),
    )
    second = followup_add(
        recommendation=recommendation,
        user=commissioner,
        title="Two",
        owner_name="Head of Education",
        due_on=date(2026, 11, 30),
    )
    assert second.action.priority == first.action.priority
    assert second.action.reference == "4.2"
    watch = plan_watch_list(leader, plan, today=date(2026, 10, 6))
    # Most pressing first: by due date.
    assert [row.action.reference for row in watch.commissioner_followups] == ["4.2", "4.1"]


def test_completed_followup_leaves_the_watch_list(plan, recommendation, commissioner, leader):
    followup = followup_add(
        recommendation=recommendation,
        user=commissioner,
        title=SCHOOLS,
        owner=leader,
        due_on=date(2026, 12, 7),
    )
    progress_update_post(
        action=followup.action,
        user=leader,
        month=date(2026, 11, 1),
        narrative="Reported to DfE officials.",
        progress="on_track",
        status="complete",
        today=date(2026, 11, 20),
    )
    view = selectors.recommendation_view(
        leader, plan.council, recommendation, today=date(2026, 11, 21)
    )
    assert view.followups[0].rag.key == "complete"
    watch = plan_watch_list(leader, plan, today=date(2026, 11, 21))
    assert watch.commissioner_followups == []


def test_recommendation_page_rows(plan, recommendation, commissioner, leader, council):
    followup_add(
        recommendation=recommendation,
        user=commissioner,
        title=SCHOOLS,
        owner=leader,
        due_on=date(2026, 12, 7),
    )
    view = selectors.recommendation_view(leader, council, recommendation, today=date(2026, 10, 6))
    [row] = view.followups
    assert row.action.owner_display == leader.username
    assert row.action.due_on == date(2026, 12, 7)
    assert row.rag.label == "On track"


def test_followups_survive_a_correction(plan, recommendation, commissioner, leader, council):
    followup_add(
        recommendation=recommendation,
        user=commissioner,
        title=SCHOOLS,
        owner=leader,
        due_on=date(2026, 12, 7),
    )
    corrected = recommendation_correct(
        recommendation=recommendation,
        user=commissioner,
        option=recommendation.option,
        made_on=recommendation.made_on,
        rationale="Clarified.",
        conditions="",
        reason="Wording",
        opened_version=1,
    )
    view = selectors.recommendation_view(leader, council, corrected, today=date(2026, 10, 6))
    assert len(view.followups) == 1
    recommendation.refresh_from_db()
    with pytest.raises(ValidationError, match="corrected"):
        followup_add(
            recommendation=recommendation,
            user=commissioner,
            title="Late",
            owner=leader,
            due_on=date(2026, 12, 7),
        )


def test_no_plan_no_followup(recommendation, commissioner, leader):
    with pytest.raises(ValidationError, match="no improvement plan"):
        followup_add(
            recommendation=recommendation,
            user=commissioner,
            title=SCHOOLS,
            owner=leader,
            due_on=date(2026, 12, 7),
        )


@pytest.mark.parametrize("role", ["analyst", "manager", "leader", "board_member", "region"])
def test_only_the_commissioner_adds(plan, recommendation, people, role):
    with pytest.raises(PermissionDenied):
        followup_add(
            recommendation=recommendation,
            user=people[role],
            title=SCHOOLS,
            owner=people["leader"],
            due_on=date(2026, 12, 7),
        )
    assert not Action.objects.filter(title=SCHOOLS).exists()


def test_followup_in_history_and_audit(plan, recommendation, commissioner, leader, council):
    from trajectory.audit.models import AuditEntry
    from trajectory.history.selectors import history_of

    followup = followup_add(
        recommendation=recommendation,
        user=commissioner,
        title="Schools work",
        owner=leader,
        due_on=date(2026, 12, 7),
    )
    changes = {c.field: c.after for c in history_of(leader, council, followup)}
    assert changes == {
        "action": "Action 4.1: Schools work",
        "owner": leader.username,
        "due_on": "7 December 2026",
    }
    assert AuditEntry.objects.filter(action="intervention.followup.add", user=commissioner).exists()
