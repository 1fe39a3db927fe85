"""Section 47 enquiries, initial conferences within 15 working days, plans and their reviews,
children in need: worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from tests.indicators.cin.builders import (
    details,
    figure,
    listed,
    plans,
    reviews,
    section47,
    tables,
)
from trajectory.indicators.working_days import add_working_days_to

D = date
END = D(2025, 3, 31)


def test_section_47_enquiries_and_conferences_within_15_working_days():
    """Enquiry begun Thursday 19 December 2024: working days 20 Dec (1), 23-24 (3), Christmas
    and Boxing Day are holidays, 27 (4), 30-31 (6), New Year's Day a holiday, 2-3 Jan (8), 6-10
    (13), 13-14 (15): the conference is due by Tuesday 14 January 2025."""
    assert add_working_days_to(D(2024, 12, 19), 15) == D(2025, 1, 14)
    frames = tables(
        Section47=section47(
            ("A", 1, D(2024, 12, 19), D(2025, 1, 14)),  # on the 15th working day: on time
            ("B", 1, D(2024, 12, 19), D(2025, 1, 15)),  # the 16th: late
            ("C", 1, D(2025, 3, 20), None),  # no conference yet: an enquiry, no conference
            ("D", 1, D(2024, 3, 28), D(2024, 4, 5)),  # begun before the 12 months; held in
        )
    )
    assert figure(frames, "cin_s47_12m", END) == {
        "numerator": 3,
        "denominator": None,
        "value": 3,
    }
    rate = figure(frames, "cin_s47_rate_per_10k", END, population=60_000)
    assert rate == {"numerator": 3, "denominator": 60_000, "value": 0.5}
    # D: 28 March 2024 (Thursday), Good Friday 29 March and Easter Monday 1 April are holidays:
    # 2-5 April are working days 1-4, so 5 April is on time.
    assert figure(frames, "cin_icpc_15wd_pct", END) == {
        "numerator": 2,
        "denominator": 3,
        "value": pytest.approx(200 / 3),
    }
    assert listed(frames, "cin_icpc_15wd_pct", END) == [("A", True), ("B", False), ("D", True)]


def _plans():
    return tables(
        ChildProtectionPlans=plans(
            # A: from 1 January 2023 to 31 March 2025 - ends on the date: not on a plan then;
            # lasted 2 years and 3 months: ended in the 12 months after 2 years or more
            ("A", 1, 1, D(2023, 1, 1), D(2025, 3, 31), 0),
            # B: from 1 June 2024, open; its second plan (NumberOfPreviousCPP 1)
            ("B", 1, 1, D(2024, 6, 1), None, 1),
            # C: two plans in the census: 1 May 2024 to 1 August 2024, then 1 March 2025 on
            ("C", 1, 1, D(2024, 5, 1), D(2024, 8, 1), 0),
            ("C", 2, 1, D(2025, 3, 1), None, 0),
            # E: from 2 April 2023 to 1 April 2024, the 12 months' first day: 365 days
            ("E", 1, 1, D(2023, 4, 2), D(2024, 4, 1), 0),
        )
    )


def test_children_on_a_plan_at_the_date_and_their_rate():
    frames = _plans()
    # B and C's second plan; A's ended on 31 March, E's a year before
    assert figure(frames, "cpp_count", END) == {"numerator": 2, "denominator": None, "value": 2}
    assert figure(frames, "cpp_rate_per_10k", END, population=40_000)["value"] == 0.5
    assert figure(frames, "cpp_count", D(2024, 7, 31))["value"] == 3  # A, B, C
    assert listed(frames, "cpp_count", END) == [("B", True), ("C", True)]


def test_second_or_subsequent_plans_of_plans_started():
    # Started in the 12 months: B (NumberOfPreviousCPP 1), C's first and C's second (an
    # earlier plan in the census): 2 of 3
    assert figure(_plans(), "cpp_subsequent_pct", END) == {
        "numerator": 2,
        "denominator": 3,
        "value": pytest.approx(200 / 3),
    }


def test_plans_ending_after_two_years_or_more():
    # Ended in the 12 months: A (2 years 3 months), C's first (3 months), E (1 April 2024,
    # 365 days, short of 2 years): 1 of 3
    assert figure(_plans(), "cpp_2years_pct", END) == {
        "numerator": 1,
        "denominator": 3,
        "value": pytest.approx(100 / 3),
    }


def test_plans_reviewed_on_time_children_on_a_plan_for_3_months_or_more():
    frames = tables(
        ChildProtectionPlans=plans(
            ("A", 1, 1, D(2024, 6, 1), None, 0),  # reviewed 1 Sept 2024, 1 March 2025: on time
            ("B", 1, 1, D(2024, 6, 1), None, 0),  # first review 2 Sept 2024: a day late
            ("C", 1, 1, D(2024, 6, 1), None, 0),  # reviewed 1 Sept 2024, then none: due 1 March
            ("E", 1, 1, D(2025, 1, 15), None, 0),  # on a plan under 3 months: not counted
            ("F", 1, 1, D(2024, 10, 1), D(2025, 2, 1), 0),  # ended: not on a plan at the date
        ),
        CPPreviews=reviews(
            ("A", 1, 1, D(2024, 9, 1)),
            ("A", 1, 1, D(2025, 3, 1)),
            ("B", 1, 1, D(2024, 9, 2)),
            ("B", 1, 1, D(2025, 2, 1)),
            ("C", 1, 1, D(2024, 9, 1)),
        ),
    )
    # A, B, C on a plan for 3 months or more; only A's reviews all on time
    assert figure(frames, "cpp_reviews_on_time_pct", END) == {
        "numerator": 1,
        "denominator": 3,
        "value": pytest.approx(100 / 3),
    }
    # On 1 March 2025 C's second review was due that day, not yet late: A and C on time
    assert figure(frames, "cpp_reviews_on_time_pct", D(2025, 3, 1), coverage=None) == {
        "numerator": 2,
        "denominator": 3,
        "value": pytest.approx(200 / 3),
    }
    # On 1 September 2024 (A, B, C three months on the plan that day) all on time; B late
    # from 2 September
    assert figure(frames, "cpp_reviews_on_time_pct", D(2024, 9, 1))["value"] == 100
    assert figure(frames, "cpp_reviews_on_time_pct", D(2024, 9, 2))["numerator"] == 2
    assert listed(frames, "cpp_reviews_on_time_pct", END) == [
        ("A", True),
        ("B", False),
        ("C", False),
    ]


def test_children_in_need_at_the_date_leave_out_no_further_action():
    frames = tables(
        CINdetails=details(
            ("A", 1, D(2024, 5, 1), None, False),
            ("A", 2, D(2024, 6, 1), None, False),  # two open episodes: A counted once
            ("B", 1, D(2025, 3, 30), None, True),  # ended in no further action
            ("C", 1, D(2024, 5, 1), D(2025, 3, 31), False),  # closed on the date
            ("E", 1, D(2023, 1, 1), None, False),  # referred long before, still open
        )
    )
    assert figure(frames, "cin_count", END) == {"numerator": 2, "denominator": None, "value": 2}
    assert figure(frames, "cin_rate_per_10k", END, population=10_000)["value"] == 2.0
    assert figure(frames, "cin_count", D(2025, 3, 30))["value"] == 3  # A, C and E
    assert listed(frames, "cin_count", END) == [("A", True), ("E", True)]


def test_a_figure_whose_period_runs_outside_the_census_has_none():
    """The 2024-25 census holds the episodes open from 1 April 2024: a 12-month figure needs
    the whole 12 months inside it (31 March 2025 only), a figure at a date any date in it."""
    frames = tables(
        CINdetails=details(
            ("A", 1, D(2024, 5, 1), None, False), ("B", 1, D(2024, 6, 1), None, False)
        )
    )
    assert figure(frames, "cin_referrals_12m", D(2025, 2, 28))["value"] is None
    assert figure(frames, "cin_referrals_12m", END)["value"] == 2
    assert figure(frames, "cin_count", D(2024, 5, 31))["value"] == 1
    assert figure(frames, "cin_count", D(2024, 3, 31))["value"] is None  # before the census
    assert figure(frames, "cin_count", D(2025, 4, 30))["value"] is None  # after it
