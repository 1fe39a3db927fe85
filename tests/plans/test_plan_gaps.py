"""The plan flags its own gaps (issue 7.7): priorities with no actions, lead or outcomes are on
the watch list with the reason, and an inspection that has a plan is opened, not started again.

Worked by hand: the inspection in tests/plans/conftest.py was published on 8 May 2019, so the
plan made from it is due on 15 August 2019 (70 working days). "Today" is 1 August 2022: 35
whole months later, "2 years and 11 months". The plan's three priorities answer the three
areas for improvement and start with no actions, lead or outcomes.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from trajectory.plans import selectors, services
from trajectory.web.dates import elapsed

pytestmark = pytest.mark.django_db

TODAY = date(2022, 8, 1)


@pytest.fixture
def half_filled(plan, manager):
    """Priority 1 filled in; priority 2 led and with outcomes but its one action cancelled;
    priority 3 as the plan made it."""
    first, second = plan.priorities.get(number=1), plan.priorities.get(number=2)
    services.priority_update(
        priority=first, user=manager, lead_name="Head of Service", outcomes_sought="Fewer cases"
    )
    services.action_create(priority=first, user=manager, title="Recruit", due_on=date(2022, 12, 31))
    services.priority_update(
        priority=second, user=manager, lead_name="Principal Social Worker", outcomes_sought="X"
    )
    services.action_create(
        priority=second,
        user=manager,
        title="Dropped",
        due_on=date(2022, 12, 31),
        status="cancelled",
    )
    return plan


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_priorities_with_gaps_are_on_the_watch_list_with_the_reason(half_filled, manager):
    watch = selectors.plan_watch_list(manager, half_filled, today=TODAY)
    assert half_filled.final_due_on == date(2019, 8, 15)
    assert [(gap.priority.number, gap.reason) for gap in watch.gaps] == [
        (2, "No actions"),
        (3, "No actions, no lead and no outcomes sought"),
    ]
    assert watch.plan_overdue_by == "2 years and 11 months"


def test_the_watch_page_says_so(council, half_filled, manager, settings):
    settings.TRAJECTORY_TODAY = TODAY
    url = reverse("plan_watch", args=[council.code, half_filled.pk])
    html = _client(manager).get(url).content.decode()
    assert "The plan was due on 15 August 2019, 2 years and 11 months ago." in html
    gaps = re.search(r'<ul class="govuk-list" id="priority-gaps">(.*?)</ul>', html, re.S)[1]
    assert "Priority 2:" in gaps and "No actions.</span>" in gaps
    assert "Priority 3:" in gaps and "No actions, no lead and no outcomes sought." in gaps
    assert "Priority 1:" not in gaps


def test_a_filled_in_plan_has_no_gaps(plan, manager):
    for priority in plan.priorities.all():
        services.priority_update(
            priority=priority, user=manager, lead_name="Lead", outcomes_sought="Better"
        )
        services.action_create(
            priority=priority, user=manager, title="Do", due_on=date(2022, 12, 31)
        )
    assert selectors.plan_watch_list(manager, plan, today=TODAY).gaps == []


def test_the_overview_opens_the_plan_of_an_inspection_that_has_one(
    council, plan, manager, make_inspection
):
    later = make_inspection(council, published_on=date(2023, 3, 1), areas=("Care leavers.",))
    html = _client(manager).get(reverse("plan_overview", args=[council.code])).content.decode()
    planned = re.search(r'<ul class="govuk-list" id="planned-inspections">(.*?)</ul>', html, re.S)
    link = reverse("plan_detail", args=[council.code, plan.pk])
    assert "published 8 May 2019" in planned[1] and f'href="{link}">Open the plan' in planned[1]
    choices = re.findall(r'<option value="(\d+)"', html)
    assert choices == [str(later.pk)]  # only the inspection with no plan can start one


def test_with_every_inspection_planned_no_plan_is_offered_to_start(council, plan, manager):
    html = _client(manager).get(reverse("plan_overview", args=[council.code])).content.decode()
    assert "Open the plan" in html
    assert "Start a plan from an inspection" not in html and "Create plan" not in html


def test_a_second_plan_for_one_inspection_is_refused(council, plan, manager, inspection):
    with pytest.raises(ValidationError, match="already has a plan"):
        services.plan_create_from_inspection(council=council, user=manager, inspection=inspection)


@pytest.mark.parametrize(
    ("earlier", "later", "said"),
    [
        (date(2019, 8, 15), date(2022, 8, 1), "2 years and 11 months"),
        (date(2019, 8, 15), date(2022, 8, 15), "3 years"),
        (date(2025, 1, 31), date(2025, 3, 1), "1 month"),
        (date(2025, 3, 1), date(2025, 3, 13), "12 days"),
        (date(2025, 3, 1), date(2025, 3, 2), "1 day"),
    ],
)
def test_elapsed(earlier, later, said):
    assert elapsed(earlier, later) == said
