"""The plan's approval journey: each step dated, at its meeting, with its paper; the submission
judged against the statutory date (70 working days from the report's publication)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from trajectory.governance import selectors, services

pytestmark = pytest.mark.django_db

# The inspection (tests/plans/conftest.py) was published on Wednesday 8 May 2019. Counting
# by hand, day 1 the next working day: May 9-10 (2), 13-17 (7), 20-24 (12), 27 May is the
# spring bank holiday, 28-31 (16); June 3-28 (36); July 1-31 (59); August 1-2 (61), 5-9
# (66), 12-15 (70): Thursday 15 August 2019. (26 August, the summer bank holiday, is later.)
STATUTORY_DATE = date(2019, 8, 15)


def _row(journey, key):
    return next(row for row in journey.rows if row.info.key == key)


def test_submission_on_the_statutory_date_is_on_time(plan, leader):
    services.approval_step_record(
        plan=plan, user=leader, step="submitted", happened_on=STATUTORY_DATE
    )
    row = _row(selectors.approval_journey(leader, plan), "submitted")
    assert row.due_on == STATUTORY_DATE
    assert row.on_time is True


def test_submission_the_day_after_is_late(plan, leader):
    services.approval_step_record(
        plan=plan, user=leader, step="submitted", happened_on=date(2019, 8, 16)
    )
    assert _row(selectors.approval_journey(leader, plan), "submitted").on_time is False


def test_effectiveness_is_expected_six_months_after_the_report(plan, leader):
    row = _row(selectors.approval_journey(leader, plan), "effectiveness_decided")
    assert row.expected_on == date(2019, 11, 8)
    assert row.step is None and row.on_time is None


def test_a_step_at_a_meeting_is_on_its_date_and_of_the_right_body(plan, leader, board, council):
    board_meeting = services.meeting_create(
        body=board, user=leader, held_on=date(2019, 6, 18), kind="external"
    )
    with pytest.raises(ValidationError, match="Cabinet"):
        services.approval_step_record(
            plan=plan,
            user=leader,
            step="approved_cabinet",
            happened_on=date(2019, 6, 18),
            meeting=board_meeting,
        )
    with pytest.raises(ValidationError, match="date of the meeting"):
        services.approval_step_record(
            plan=plan,
            user=leader,
            step="approved_board",
            happened_on=date(2019, 6, 19),
            meeting=board_meeting,
        )
    step = services.approval_step_record(
        plan=plan,
        user=leader,
        step="approved_board",
        happened_on=date(2019, 6, 18),
        meeting=board_meeting,
    )
    assert list(board_meeting.approval_steps.all()) == [step]


def test_ofsteds_advice_needs_its_outcome(plan, leader):
    with pytest.raises(ValidationError, match="outcome"):
        services.approval_step_record(
            plan=plan, user=leader, step="ofsted_advice", happened_on=date(2019, 7, 10)
        )
    services.approval_step_record(
        plan=plan,
        user=leader,
        step="ofsted_advice",
        happened_on=date(2019, 7, 10),
        outcome="reflects",
    )
    row = _row(selectors.approval_journey(leader, plan), "ofsted_advice")
    assert row.outcome_label == "Reflects the inspection's findings"


def test_a_step_is_recorded_once_and_changed_after(plan, leader):
    step = services.approval_step_record(
        plan=plan, user=leader, step="scrutinised", happened_on=date(2019, 6, 5)
    )
    with pytest.raises(ValidationError, match="already recorded"):
        services.approval_step_record(
            plan=plan, user=leader, step="scrutinised", happened_on=date(2019, 6, 6)
        )
    services.approval_step_update(
        approval=step, user=leader, opened_version=step.edit_version, happened_on=date(2019, 6, 6)
    )
    step.refresh_from_db()
    assert step.happened_on == date(2019, 6, 6)


def test_the_plans_page_shows_the_journey(client, plan, leader, board_member, council):
    services.approval_step_record(
        plan=plan, user=leader, step="submitted", happened_on=date(2019, 6, 28)
    )
    client.force_login(board_member)
    page = client.get(reverse("plan_detail", args=[council.code, plan.pk])).content.decode()
    assert 'id="approval-journey"' in page
    assert 'data-step="submitted" data-on-time="yes"' in page
    assert "due by 15 August 2019" in page
    assert "Record a step" not in page  # board members read
    client.force_login(leader)
    page = client.get(reverse("plan_detail", args=[council.code, plan.pk])).content.decode()
    assert "Record a step" in page


def test_record_a_step_through_the_form(client, plan, leader, council):
    client.force_login(leader)
    url = reverse("governance_approval_add", args=[council.code, plan.pk])
    assert client.get(url, {"step": "submitted"}).status_code == 200
    response = client.post(
        url,
        {
            "step": "submitted",
            "happened_on-day": "15",
            "happened_on-month": "8",
            "happened_on-year": "2019",
        },
    )
    assert response.status_code == 302
    assert _row(selectors.approval_journey(leader, plan), "submitted").on_time is True
