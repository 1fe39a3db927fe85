"""The demo's boards replay the journey's dates (synth/journey.py)."""

from __future__ import annotations

from datetime import date

import pytest

from trajectory.governance import selectors
from trajectory.governance.models import Body, Meeting
from trajectory.synth import journey
from trajectory.synth.demo_governance import governance_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(council, make_user, make_inspection, manager):
    from trajectory.plans.services import plan_create_from_inspection

    inspection = make_inspection(council, published_on=journey.JUDGEMENT_PUBLISHED)
    plan = plan_create_from_inspection(council=council, user=manager, inspection=inspection)
    users = {role: make_user(role, council) for role in ("leader", "commissioner")}
    governance_demo(council, users)
    return plan, users


def test_the_board_meets_monthly_alternating_with_an_independent_chair(demo, council):
    _, users = demo
    board = Body.objects.get(council=council, kind="improvement_board")
    assert board.chair_independent and board.chair_name
    meetings = list(board.meetings.order_by("held_on"))
    assert meetings[0].held_on == journey.IMPROVEMENT_BOARD_FIRST
    assert meetings[1].held_on == journey.PLAN_APPROVED_BOARD
    assert meetings[-1].held_on <= journey.RECOMMENDATION
    assert len(meetings) == 33  # 16 January 2024, then each month February 2024 to September 2026
    kinds = [m.kind for m in meetings]
    assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False))
    organisations = set(board.members.values_list("organisation_kind", flat=True))
    assert {"council", "health", "police", "schools", "intervention"} <= organisations
    assert all(
        row.alternates in (None, True) for row in selectors.meeting_rows(users["leader"], board)
    )


def test_minutes_approved_at_the_next_meeting(demo, council):
    for body in Body.objects.filter(council=council):
        meetings = list(body.meetings.order_by("held_on"))
        for meeting, following in zip(meetings, meetings[1:], strict=False):
            assert meeting.minutes_approved_at_id == following.pk
        assert meetings[-1].minutes_status == Meeting.Minutes.DRAFT


def test_the_scrutiny_committee_meets_quarterly(demo, council):
    scrutiny = Body.objects.get(council=council, kind="scrutiny")
    days = list(scrutiny.meetings.order_by("held_on").values_list("held_on", flat=True))
    assert days[0] == journey.PLAN_SCRUTINISED
    assert all(
        (b.year - a.year) * 12 + b.month - a.month == 3
        for a, b in zip(days, days[1:], strict=False)
    )


def test_action_log_has_done_open_and_two_overdue(demo, council):
    _, users = demo
    rows = selectors.action_log(users["leader"], council, today=date(2026, 12, 1))
    keys = [row.rag.key for row in rows]
    assert keys.count("overdue") == 2
    assert "complete" in keys and "on_track" in keys


def test_agenda_items_link_indicators_and_priorities(demo, council):
    _, users = demo
    meeting = (
        Body.objects.get(council=council, kind="improvement_board")
        .meetings.order_by("held_on")
        .first()
    )
    detail = selectors.meeting_detail(users["leader"], meeting, today=date(2026, 12, 1))
    linked = {row.subject.kind.key for row in detail.items if row.subject}
    assert linked == {"indicator", "priority"}
    assert all(row.subject.url for row in detail.items if row.subject)


def test_the_plans_approval_journey_on_the_journeys_dates(demo, council):
    plan, users = demo
    rows = {row.info.key: row for row in selectors.approval_journey(users["leader"], plan).rows}
    assert rows["scrutinised"].step.happened_on == journey.PLAN_SCRUTINISED
    assert rows["approved_cabinet"].step.meeting.body.kind == "cabinet"
    assert rows["approved_board"].step.meeting.held_on == journey.PLAN_APPROVED_BOARD
    assert rows["submitted"].step.happened_on == journey.PLAN_SUBMITTED
    assert rows["submitted"].due_on == date(2024, 2, 14)  # 70 working days from 3 November 2023
    assert rows["submitted"].on_time is True
    assert rows["ofsted_advice"].step.outcome == "reflects"
    assert rows["effectiveness_decided"].step.happened_on == journey.PLAN_EFFECTIVENESS_DECIDED


def test_a_second_call_adds_nothing(demo, council):
    _, users = demo
    before = Meeting.objects.filter(body__council=council).count()
    governance_demo(council, users)
    assert Meeting.objects.filter(body__council=council).count() == before
