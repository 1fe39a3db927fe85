"""Statutory deadlines in England's working days, around weekends and bank holidays."""

from datetime import date

import pytest

from trajectory.inspections.models import Inspection
from trajectory.plans.deadlines import add_working_days, statutory_deadlines


def test_working_days_skip_christmas_boxing_day_and_new_year():
    # Friday 20 December 2019: 25 and 26 December and 1 January are bank holidays.
    start = date(2019, 12, 20)
    assert add_working_days(start, 1) == date(2019, 12, 23)
    assert add_working_days(start, 3) == date(2019, 12, 27)
    assert add_working_days(start, 6) == date(2020, 1, 2)
    assert add_working_days(start, 20) == date(2020, 1, 22)


def test_weekend_start_counts_from_next_working_day():
    assert add_working_days(date(2019, 12, 21), 1) == date(2019, 12, 23)


@pytest.mark.django_db
def test_inadequate_judgement_gives_70_working_days(make_inspection, council):
    inspection = make_inspection(council, published_on=date(2019, 12, 20))
    deadlines = statutory_deadlines(inspection)
    assert deadlines.draft_due_on is None
    # 70 working days from 20 Dec 2019 skips Christmas, Boxing Day, New Year's Day.
    assert deadlines.final_due_on == date(2020, 4, 1)
    assert "70 working days" in deadlines.rule


@pytest.mark.django_db
def test_focused_visit_priority_actions_give_draft_in_20_and_final_in_70(make_inspection, council):
    inspection = make_inspection(
        council,
        kind=Inspection.Kind.FOCUSED_VISIT,
        overall=None,
        published_on=date(2024, 3, 22),
        areas=(),
        priority_actions=("Children at risk of exploitation are not protected.",),
    )
    deadlines = statutory_deadlines(inspection)
    # Good Friday 29 March and Easter Monday 1 April 2024 are bank holidays.
    assert deadlines.draft_due_on == date(2024, 4, 23)
    # 70 working days also skip the May Day (6 May) and spring (27 May) bank holidays.
    assert deadlines.final_due_on == date(2024, 7, 4)


@pytest.mark.django_db
def test_fieldwork_end_used_when_not_published(make_inspection, council):
    inspection = make_inspection(council, published_on=None)
    deadlines = statutory_deadlines(inspection)
    assert deadlines.counted_from == date(2019, 2, 15)
    # From Friday 15 Feb 2019, skipping Good Friday, Easter Monday, 6 May and 27 May 2019.
    assert deadlines.final_due_on == date(2019, 5, 30)


@pytest.mark.django_db
def test_requires_improvement_sets_no_statutory_deadline(make_inspection, council):
    inspection = make_inspection(council, overall="requires_improvement")
    assert statutory_deadlines(inspection).final_due_on is None
