"""RAG ratings computed from dates, status and the latest update, at an injected today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from trajectory.plans import services
from trajectory.plans.rag import action_rag

pytestmark = pytest.mark.django_db

DUE = date(2025, 6, 30)


@pytest.fixture
def action(plan, manager):
    return services.action_create(
        priority=plan.priorities.first(), user=manager, title="Reduce caseloads", due_on=DUE
    )


def test_on_track_far_from_due_date(action):
    assert action_rag(action, today=DUE - timedelta(days=60)).key == "on_track"


def test_slipping_when_due_within_14_days_without_a_recent_update(action):
    assert action_rag(action, today=DUE - timedelta(days=14)).key == "slipping"
    assert action_rag(action, today=DUE - timedelta(days=15)).key == "on_track"


def test_recent_update_keeps_it_on_track_until_overdue(action, manager):
    services.progress_update_post(
        action=action,
        user=manager,
        narrative="Going well.",
        progress="on_track",
        today=DUE - timedelta(days=20),
    )
    assert action_rag(action, today=DUE - timedelta(days=5)).key == "on_track"
    assert action_rag(action, today=DUE).key == "on_track"  # due today is not yet overdue
    overdue = action_rag(action, today=DUE + timedelta(days=1))
    assert (overdue.key, overdue.colour, overdue.label) == ("overdue", "red", "Overdue")


def test_stale_update_near_due_date_is_slipping(action, manager):
    services.progress_update_post(
        action=action,
        user=manager,
        narrative="Started.",
        progress="on_track",
        today=DUE - timedelta(days=60),
    )
    assert action_rag(action, today=DUE - timedelta(days=10)).key == "slipping"


def test_off_track_update_is_slipping_however_far_away(action, manager):
    services.progress_update_post(
        action=action,
        user=manager,
        narrative="Recruitment stalled.",
        progress="off_track",
        today=DUE - timedelta(days=90),
    )
    rating = action_rag(action, today=DUE - timedelta(days=89))
    assert (rating.key, rating.colour) == ("slipping", "amber")


def test_complete_is_green_even_after_due_date(action, manager):
    services.action_update(action=action, user=manager, status="complete", today=DUE)
    rating = action_rag(action, today=DUE + timedelta(days=100))
    assert (rating.key, rating.colour) == ("complete", "green")


def test_blocked_and_cancelled(action, manager):
    services.action_update(action=action, user=manager, status="blocked")
    assert action_rag(action, today=DUE - timedelta(days=60)).key == "blocked"
    assert action_rag(action, today=DUE + timedelta(days=1)).key == "overdue"
    services.action_update(action=action, user=manager, status="cancelled")
    assert action_rag(action, today=DUE + timedelta(days=1)).colour == "grey"


def test_clock_reads_the_frozen_date(settings):
    from trajectory.plans import clock

    settings.TRAJECTORY_TODAY = "2031-01-02"
    assert clock.today() == date(2031, 1, 2)
