"""Reads: overview counts, impact from linked indicators, the watch list, my actions and
history between two dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from trajectory.audit.triggers import append_only_lifted
from trajectory.plans import selectors, services
from trajectory.plans.models import ChangeRecord

pytestmark = pytest.mark.django_db
TODAY = date(2025, 4, 10)


@pytest.fixture
def actions(plan, manager):
    first, second, third = plan.priorities.order_by("number")
    late = services.action_create(
        priority=first, user=manager, title="Late", due_on=TODAY - timedelta(days=1), owner=manager
    )
    soon = services.action_create(
        priority=first, user=manager, title="Soon", due_on=TODAY + timedelta(days=7)
    )
    done = services.action_create(
        priority=second,
        user=manager,
        title="Done",
        due_on=TODAY - timedelta(days=30),
        status="complete",
    )
    fine = services.action_create(
        priority=third, user=manager, title="Fine", due_on=TODAY + timedelta(days=90), owner=manager
    )
    return {"late": late, "soon": soon, "done": done, "fine": fine}


def test_overview_counts_actions_by_rag(plan, manager, actions):
    rows = selectors.plan_overview(manager, plan, today=TODAY)
    assert [row.priority.number for row in rows] == [1, 2, 3]
    assert rows[0].counts["overdue"] == 1 and rows[0].counts["slipping"] == 1
    assert rows[0].rag.key == "overdue"
    assert rows[1].counts["complete"] == 1 and rows[1].rag.key == "complete"
    assert rows[2].rag.key == "on_track"


def test_watch_list(plan, manager, actions):
    services.evidence_link_add(
        user=manager, action=actions["fine"], kind="other", note="Audit results, March"
    )
    watch = selectors.plan_watch_list(manager, plan, today=TODAY)
    assert [r.action.title for r in watch.overdue] == ["Late"]
    assert [r.action.title for r in watch.slipping] == ["Soon"]
    assert [r.action.title for r in watch.without_evidence] == ["Late", "Soon"]


def test_impact_compares_latest_with_3_and_12_months_before(
    plan, manager, actions, indicator_run, council
):
    trend = selectors.indicator_trend(manager, council, "cla_missing_pct")
    assert trend.latest_as_at == date(2025, 3, 31) and trend.latest_value == 14.0
    three, twelve = trend.comparisons
    assert (three.as_at, three.value) == (date(2024, 12, 31), 12.5)
    assert (twelve.as_at, twelve.value) == (date(2024, 3, 31), 8.0)
    assert (three.direction, twelve.direction) == ("worsening", "worsening")
    improving = selectors.indicator_trend(manager, council, "cla_reviews_on_time_pct")
    assert improving.headline == "improving"
    flat = selectors.indicator_trend(manager, council, "cla_long_term_stability_pct")
    assert flat.headline == "no change"
    empty = selectors.indicator_trend(manager, council, "care_leavers_eet_pct")
    assert empty.headline == "no data"

    first, second, third = plan.priorities.order_by("number")
    services.evidence_link_add(
        user=manager, action=actions["late"], kind="indicator", indicator_id="cla_missing_pct"
    )
    services.evidence_link_add(
        user=manager, priority=second, kind="indicator", indicator_id="cla_reviews_on_time_pct"
    )
    rows = selectors.plan_overview(manager, plan, today=TODAY)
    assert [row.impact.summary for row in rows] == [
        "Children who went missing worsened, 8.0% to 14.0% compared with 12 months before.",
        "Reviews held on time improved, 70.0% to 82.0% compared with 12 months before.",
        "No indicators cited",
    ]
    worsening = selectors.plan_watch_list(manager, plan, today=TODAY).worsening
    assert [row.priority for row in worsening] == [first]


def test_my_actions_most_pressing_first(council, manager, actions, make_user):
    rows = selectors.my_actions(manager, council, today=TODAY)
    assert [row.action.title for row in rows] == ["Late", "Fine"]
    other = make_user("leader", council)
    assert selectors.my_actions(other, council, today=TODAY) == []


def test_plan_on_a_page(plan, manager, actions):
    services.milestone_add(
        user=manager, action=actions["fine"], title="Panel set up", due_on=TODAY - timedelta(days=3)
    )
    services.milestone_add(
        user=manager,
        action=actions["fine"],
        title="First review",
        due_on=TODAY + timedelta(days=10),
    )
    summary = selectors.plan_on_a_page(manager, plan, today=TODAY)
    assert summary.total_actions == 4
    assert summary.counts["overdue"] == 1 and summary.counts["complete"] == 1
    assert [m.title for m in summary.milestones_missed] == ["Panel set up"]
    assert [m.title for m in summary.milestones_next] == ["First review"]


def test_history_between_two_dates(plan, manager, actions):
    action = actions["fine"]
    services.action_update(action=action, user=manager, title="Fine, renamed")
    # Pretend the first changes were made a year ago, before a monitoring visit (change records
    # are append-only, so the database's triggers are suspended for it).
    with append_only_lifted(connection):
        ChangeRecord.objects.filter(plan=plan).exclude(
            field="title", object_id=action.pk, operation="changed"
        ).update(at=timezone.now() - timedelta(days=365))
    today = timezone.localdate()
    recent = selectors.plan_history(manager, plan, since=today - timedelta(days=30))
    assert [(c.field, c.before, c.after) for c in recent] == [("title", "Fine", "Fine, renamed")]
    older = selectors.plan_history(manager, plan, until=today - timedelta(days=300))
    assert older.count() == ChangeRecord.objects.filter(plan=plan).count() - 1
    assert selectors.object_history(manager, action).count() >= 2
