"""Each Annex A indicator against lists worked by hand (the comments give the counting).

England's 2025 bank holidays that matter here: Monday 25 August. Day 0 of a timescale is its
start; a start on a weekend counts from the Friday before.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.indicators.annex_a.builders import (
    assessments,
    care_leavers,
    contacts,
    enquiries,
    figure,
    listed,
    plans,
    referrals,
)
from trajectory.indicators.working_days import add_working_days_to

D = date
AS_AT = D(2025, 9, 30)  # six months: 1 April to 30 September 2025
MONTH_BEFORE = D(2025, 8, 31)  # six months from 1 March: before the lists begin


def test_the_hand_counted_working_days_are_the_helpers():
    # 2 June + 45: June 3-30 is 20 working days, July 23, 4 August the 45th
    assert add_working_days_to(D(2025, 6, 2), 45) == D(2025, 8, 4)
    # 18 July + 45 over the bank holiday of 25 August: Monday 22 September, not Friday 19th
    assert add_working_days_to(D(2025, 7, 18), 45) == D(2025, 9, 22)
    assert add_working_days_to(D(2025, 3, 3), 45) >= D(2025, 4, 1)  # 1 April is day 21
    assert add_working_days_to(D(2025, 7, 1), 45) == D(2025, 9, 3)
    # 1 September + 15: 22 September; 15 August + 15 over 25 August: 8 September
    assert add_working_days_to(D(2025, 9, 1), 15) == D(2025, 9, 22)
    assert add_working_days_to(D(2025, 8, 15), 15) == D(2025, 9, 8)
    # Saturday 6 September counts from Friday 5th: the 15th working day is Friday 26th
    assert add_working_days_to(D(2025, 9, 6), 15) == D(2025, 9, 26)
    # Friday 22 August + 5 over the holiday: Monday 1 September
    assert add_working_days_to(D(2025, 8, 22), 5) == D(2025, 9, 1)


@pytest.fixture
def assessed():
    return {
        "List4": assessments(
            ("A", D(2025, 6, 2), D(2025, 8, 4)),  # the 45th working day: counted
            ("B", D(2025, 6, 2), D(2025, 8, 5)),  # the 46th: late
            ("C", D(2025, 7, 18), D(2025, 9, 22)),  # on time only for the bank holiday
            ("D", D(2025, 2, 1), D(2025, 3, 31)),  # authorised before the six months
            ("E", D(2025, 9, 1), None),  # not yet authorised: not counted at all
            ("F", D(2025, 3, 3), D(2025, 4, 1)),  # the six months' first day, day 21
            ("G", D(2025, 7, 1), D(2025, 9, 30)),  # the last day; due 3 September: late
        )
    }


def test_assessments_within_45_working_days(assessed):
    # authorised in the six months: A, B, C, F, G; on time: A, C, F -> 3 / 5
    assert figure(assessed, "annex_a_assessments_45wd_pct", AS_AT) == {
        "numerator": 3,
        "denominator": 5,
        "value": 60.0,
    }
    assert listed(assessed, "annex_a_assessments_45wd_pct", AS_AT) == [
        ("A", True),
        ("B", False),
        ("C", True),
        ("F", True),
        ("G", False),
    ]


def test_a_six_month_figure_needs_lists_from_its_first_day(assessed):
    # 31 August's six months begin on 1 March, before the lists' 1 April: no figure
    assert figure(assessed, "annex_a_assessments_45wd_pct", MONTH_BEFORE) == {
        "numerator": None,
        "denominator": None,
        "value": None,
    }
    # lists from 1 March would give one: authorised 1 March - 31 August are A, B, D, F (C's
    # is 22 September); on time A, F and D (Saturday 1 February counts from Friday 31
    # January; + 45 working days is Friday 4 April) -> 3 / 4
    assert add_working_days_to(D(2025, 2, 1), 45) == D(2025, 4, 4)
    assert figure(assessed, "annex_a_assessments_45wd_pct", MONTH_BEFORE, first=D(2025, 3, 1))[
        "value"
    ] == pytest.approx(75.0)


def test_conferences_within_15_working_days():
    lists = {
        "List5": enquiries(
            ("A", D(2025, 9, 1), D(2025, 9, 22)),  # the 15th working day: counted
            ("B", D(2025, 9, 1), D(2025, 9, 23)),  # the 16th: late
            ("C", D(2025, 8, 15), D(2025, 9, 8)),  # the 15th over the bank holiday
            ("D", D(2025, 9, 6), D(2025, 9, 26)),  # a Saturday start: from Friday 5th
            ("E", D(2025, 9, 10), None),  # no conference (unnecessary): not counted
            ("F", D(2025, 3, 10), D(2025, 3, 31)),  # held before the six months
        )
    }
    # conferences in the six months: A, B, C, D; in time A, C, D -> 3 / 4
    assert figure(lists, "annex_a_icpc_15wd_pct", AS_AT) == {
        "numerator": 3,
        "denominator": 4,
        "value": 75.0,
    }
    assert listed(lists, "annex_a_icpc_15wd_pct", AS_AT) == [
        ("A", True),
        ("B", False),
        ("C", True),
        ("D", True),
    ]


def test_rereferrals_read_the_lists_count_of_referrals_in_12_months():
    lists = {
        "List3": referrals(
            ("A", D(2025, 5, 1), 1),  # the first in 12 months
            ("A", D(2025, 8, 1), 2),  # this and one before: a re-referral
            ("B", D(2025, 6, 10), 3),  # a re-referral
            ("C", D(2025, 9, 1), None),  # the count is blank: left out
            ("D", D(2025, 3, 31), 2),  # before the six months
            ("E", D(2025, 9, 30), 1),  # the last day
        )
    }
    # referrals in the six months with a count: A, A, B, E; 2 or more: A (August), B -> 2 / 4
    assert figure(lists, "annex_a_rereferrals_pct", AS_AT) == {
        "numerator": 2,
        "denominator": 4,
        "value": 50.0,
    }
    assert listed(lists, "annex_a_rereferrals_pct", AS_AT) == [
        ("A", False),
        ("A", True),
        ("B", True),
        ("E", False),
    ]


def test_contacts_leading_to_a_referral_within_5_working_days():
    lists = {
        "List1": contacts(
            ("A", D(2025, 9, 1)),  # referred 8 September, the 5th working day: counted
            ("A", D(2025, 9, 5)),  # the same referral, 1 working day on: counted too
            ("B", D(2025, 9, 1)),  # referred 9 September, the 6th: not
            ("C", D(2025, 8, 22)),  # referred 1 September, the 5th over the bank holiday
            ("D", D(2025, 7, 1)),  # referred the day before the contact: not
            ("E", D(2025, 6, 10)),  # never referred
            ("F", D(2025, 3, 31)),  # before the six months
            ("G", D(2025, 9, 15)),  # referred the same day: counted
        ),
        "List3": referrals(
            ("A", D(2025, 9, 8), 1),
            ("B", D(2025, 9, 9), 1),
            ("C", D(2025, 9, 1), 1),
            ("D", D(2025, 6, 30), 1),
            ("F", D(2025, 3, 31), 1),
            ("G", D(2025, 9, 15), 1),
        ),
    }
    # contacts in the six months: A, A, B, C, D, E, G (7); referred in time A, A, C, G (4)
    found = figure(lists, "annex_a_contacts_to_referral_pct", AS_AT)
    assert (found["numerator"], found["denominator"]) == (4, 7)
    assert found["value"] == pytest.approx(400 / 7)  # 57.14...
    assert listed(lists, "annex_a_contacts_to_referral_pct", AS_AT) == [
        ("A", True),
        ("A", True),
        ("B", False),
        ("C", True),
        ("D", False),
        ("E", False),
        ("G", True),
    ]


@pytest.fixture
def on_plans():
    return {
        "List7": plans(
            ("A", D(2023, 9, 30), None),  # exactly 2 years on 30 September 2025: counted
            ("B", D(2023, 10, 1), None),  # a day short
            ("C", D(2020, 1, 1), D(2025, 9, 30)),  # ended on the date: not on a plan then
            ("D", D(2023, 1, 1), D(2025, 10, 1)),  # ends after the date: counted
            ("E", D(2025, 10, 1), None),  # not begun
            ("F", D(2025, 3, 1), None),
        )
    }


def test_children_on_a_plan_for_2_years_or_more_at_the_date(on_plans):
    # on a plan on 30 September: A, B, D, F; 2 years or more: A, D -> 2 / 4
    assert figure(on_plans, "annex_a_cpp_open_2years_pct", AS_AT) == {
        "numerator": 2,
        "denominator": 4,
        "value": 50.0,
    }
    # on 31 August: A, B, C, D, F on a plan; begun by 31 August 2023: C and D -> 2 / 5
    assert figure(on_plans, "annex_a_cpp_open_2years_pct", MONTH_BEFORE) == {
        "numerator": 2,
        "denominator": 5,
        "value": 40.0,
    }
    assert listed(on_plans, "annex_a_cpp_open_2years_pct", MONTH_BEFORE) == [
        ("A", False),
        ("B", False),
        ("C", True),
        ("D", True),
        ("F", False),
    ]


@pytest.fixture
def leavers():
    return {
        "List9": care_leavers(
            ("A", D(2006, 9, 30), 18, "YES"),  # 19 on the day (the list's age is older)
            ("B", D(2006, 10, 1), 18, "NO"),  # 18 until 1 October
            ("C", D(2003, 10, 1), 21, "NO"),  # still 21
            ("D", D(2003, 9, 30), 22, "YES"),  # 22: in neither band
            ("E", D(2005, 1, 1), 20, "DIED"),  # left out
            ("F", D(2005, 1, 1), 20, "RHOM"),  # returned home: left out
            ("G", D(2005, 1, 1), 20, None),  # blank: in the denominator only
            ("H", None, 17, "YES"),  # no date of birth: the list's age, 17
            ("I", D(2005, 1, 1), 20, "REFU"),  # refused contact: not in touch
        )
    }


def test_care_leavers_in_touch_on_the_day_the_lists_were_run(leavers):
    # aged 19-21: A, C, G, I; in touch: A -> 1 / 4
    assert figure(leavers, "annex_a_care_leavers_in_touch_pct", AS_AT) == {
        "numerator": 1,
        "denominator": 4,
        "value": 25.0,
    }
    # aged 17-18: B, H; in touch: H -> 1 / 2
    assert figure(leavers, "annex_a_care_leavers_in_touch_17_18_pct", AS_AT) == {
        "numerator": 1,
        "denominator": 2,
        "value": 50.0,
    }
    assert listed(leavers, "annex_a_care_leavers_in_touch_pct", AS_AT) == [
        ("A", True),
        ("C", False),
        ("G", False),
        ("I", False),
    ]


def test_a_current_status_has_no_figure_at_an_earlier_month_end(leavers):
    assert figure(leavers, "annex_a_care_leavers_in_touch_pct", MONTH_BEFORE) == {
        "numerator": None,
        "denominator": None,
        "value": None,
    }


def test_a_workbook_without_the_list_gives_no_figure():
    # no list 4: every assessment figure is 0 / 0, which is no figure
    assert figure({}, "annex_a_assessments_45wd_pct", AS_AT)["value"] is None


def test_the_as_at_dates_are_the_month_ends_covered_and_the_lists_last_day():
    from trajectory.indicators.annex_a.facts import as_at_dates

    assert as_at_dates(D(2025, 4, 15), D(2025, 7, 19)) == [
        D(2025, 4, 30),
        D(2025, 5, 31),
        D(2025, 6, 30),
        D(2025, 7, 19),
    ]
    assert as_at_dates(D(2025, 4, 1), D(2025, 6, 30))[-1] == D(2025, 6, 30)
    assert as_at_dates(None, None) == []
