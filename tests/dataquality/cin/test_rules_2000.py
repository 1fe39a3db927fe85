"""CIN census rules 2000-4999, each with a failing and a passing case worked out by hand.
The census year of 2024-25 runs 1 April 2024 to the ReferenceDate, 31 March 2025."""

from __future__ import annotations

from datetime import date

import pytest

from tests.dataquality.conftest import flagged, ret

WHOLE_RETURN = [None]  # a council-level finding: no row


def cin(year: int = 2025, **tables):
    return ret("cin", year, **tables)


def d(year: int, month: int, day: int) -> date:
    return date(year, month, day)


def test_2883_more_plans_than_conferences_in_the_year():
    plans = [{"LAchildID": "A", "CPPstartDate": start} for start in (d(2024, 5, 1), d(2024, 6, 1))]
    plans += [{"LAchildID": "A", "CPPstartDate": d(2025, 3, 31)}]
    plans += [{"LAchildID": "A", "CPPstartDate": d(2024, 3, 31)}]  # before the year: not counted
    episodes = [{"LAchildID": "A", "CINdetailsID": 1, "DateOfInitialCPC": d(2024, 5, 1)}]
    enquiries = [{"LAchildID": "A", "DateOfInitialCPC": d(2024, 6, 1)}]
    enquiries += [{"LAchildID": "A", "DateOfInitialCPC": d(2024, 3, 1)}]  # before: not counted
    # 3 plans in the year, 1 + 1 conferences: 3 > 2.
    found = cin(ChildProtectionPlans=plans, CINdetails=episodes, Section47=enquiries)
    assert flagged("2883", found) == {"ChildProtectionPlans": WHOLE_RETURN}
    enquiries += [{"LAchildID": "A", "DateOfInitialCPC": d(2025, 3, 31)}]  # 3 > 3 is false
    found = cin(ChildProtectionPlans=plans, CINdetails=episodes, Section47=enquiries)
    assert flagged("2883", found) == {}


def test_2884_the_same_conference_date_on_enquiry_and_episode():
    enquiries = [
        {"LAchildID": "A", "CINdetailsID": 1, "DateOfInitialCPC": d(2024, 5, 5)},
        {"LAchildID": "B", "CINdetailsID": 1, "DateOfInitialCPC": d(2024, 6, 6)},
        {"LAchildID": "C", "CINdetailsID": 1, "DateOfInitialCPC": None},
    ]
    episodes = [
        {"LAchildID": "A", "CINdetailsID": 2, "DateOfInitialCPC": d(2024, 5, 5)},  # by child only
        {"LAchildID": "B", "CINdetailsID": 1, "DateOfInitialCPC": d(2024, 7, 7)},
        {"LAchildID": "C", "CINdetailsID": 1, "DateOfInitialCPC": None},  # blanks never match
    ]
    found = cin(Section47=enquiries, CINdetails=episodes)
    assert flagged("2884", found) == {"CINdetails": [2], "Section47": [2]}


def test_2885_a_plan_starts_on_its_conference_day():
    episodes = [
        {"LAchildID": child, "CINdetailsID": 1, "DateOfInitialCPC": conference}
        for child, conference in (
            ("A", None),
            ("B", d(2024, 6, 1)),
            ("C", None),
            ("D", d(2024, 8, 1)),
            ("E", None),
        )
    ]
    enquiries = [
        {"LAchildID": "A", "CINdetailsID": 1, "DateOfInitialCPC": d(2024, 5, 4)},
        # not required: D's episode counts as having no enquiry, so its own date is used
        {"LAchildID": "D", "CINdetailsID": 1, "ICPCnotRequired": True},
    ]
    plans = [
        {"LAchildID": child, "CINdetailsID": 1, "CPPstartDate": start}
        for child, start in (
            ("A", d(2024, 5, 4)),  # the enquiry's conference day
            ("A", d(2024, 5, 10)),  # no conference that day: flagged with A's enquiry
            ("B", d(2024, 6, 1)),  # the episode's conference day
            ("C", d(2024, 7, 1)),  # the episode has none: flagged with C's episode
            ("D", d(2024, 8, 1)),
            ("E", d(2024, 3, 1)),  # before the census year: not checked
        )
    ]
    found = cin(CINdetails=episodes, Section47=enquiries, ChildProtectionPlans=plans)
    assert flagged("2885", found) == {
        "CINdetails": [4],
        "ChildProtectionPlans": [3, 5],
        "Section47": [2],
    }


@pytest.mark.parametrize(
    ("year", "column", "unknown"), [(2024, "GenderCurrent", "0"), (2025, "Sex", "U")]
)
def test_2886q_more_than_2_percent_with_no_sex_or_gender(year, column, unknown):
    known = "1" if column == "GenderCurrent" else "M"
    children = [{"LAchildID": str(n), column: known} for n in range(48)]
    children += [{"LAchildID": "U", column: unknown}]  # 1 in 50 = 2%: not more than 2%
    children += [{"LAchildID": "V", column: unknown, "ExpectedPersonBirthDate": d(2025, 5, 1)}]
    assert flagged("2886Q", cin(year, ChildIdentifiers=children)) == {}
    children[0] = {"LAchildID": "0", column: None}  # 2 in 50 = 4%
    assert flagged("2886Q", cin(year, ChildIdentifiers=children)) == {
        "ChildIdentifiers": WHOLE_RETURN
    }


def test_2887q_seven_or_fewer_disability_codes_used():
    codes = ["MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR"]
    # Many NONE rows and 7 codes: the peer's inverted filter counted the NONE rows instead.
    rows = [{"LAchildID": str(n), "Disability": "NONE"} for n in range(10)]
    rows += [{"LAchildID": "A", "Disability": code} for code in codes]
    assert flagged("2887Q", cin(Disabilities=rows)) == {"Disabilities": WHOLE_RETURN}
    rows += [{"LAchildID": "B", "Disability": "VIS"}]  # 8 codes
    assert flagged("2887Q", cin(Disabilities=rows)) == {}


def test_2888q_no_child_with_more_than_one_disability():
    rows = [{"LAchildID": "A", "Disability": "MOB"}, {"LAchildID": "B", "Disability": "VIS"}]
    rows += [{"LAchildID": "C", "Disability": "NONE"}, {"LAchildID": "C", "Disability": "NONE"}]
    assert flagged("2888Q", cin(Disabilities=rows)) == {"Disabilities": WHOLE_RETURN}
    rows += [{"LAchildID": "A", "Disability": "HEAR"}]
    assert flagged("2888Q", cin(Disabilities=rows)) == {}
    only_none = [{"LAchildID": "A", "Disability": "NONE"}]
    assert flagged("2888Q", cin(Disabilities=only_none)) == {}


@pytest.mark.parametrize(
    ("code", "table", "column"),
    [("2889", "Section47", "S47ActualStartDate"), ("4015", "CINplanDates", "CINPlanStartDate")],
)
def test_enquiry_and_cin_plan_not_before_the_referral(code, table, column):
    episodes = [{"LAchildID": "A", "CINdetailsID": 1, "CINreferralDate": d(2024, 6, 10)}]
    rows = [
        {"LAchildID": "A", "CINdetailsID": 1, column: d(2024, 6, 9)},
        {"LAchildID": "A", "CINdetailsID": 1, column: d(2024, 6, 10)},  # same day passes
    ]
    assert flagged(code, cin(CINdetails=episodes, **{table: rows})) == {
        table: [2],
        "CINdetails": [2],
    }


def test_2990_closed_as_no_action_yet_acted():
    episodes = [
        {"LAchildID": "A", "CINdetailsID": 1, "ReasonForClosure": "RC8"},  # has a plan
        {
            "LAchildID": "A",
            "CINdetailsID": 2,
            "ReasonForClosure": "RC9",
            "DateOfInitialCPC": d(2024, 5, 1),
        },
        {"LAchildID": "A", "CINdetailsID": 3, "ReasonForClosure": "RC8"},  # nothing: fine
        {"LAchildID": "A", "CINdetailsID": 4, "ReasonForClosure": "RC1"},  # another reason
        {"LAchildID": "A", "CINdetailsID": 5, "ReasonForClosure": "RC9"},  # a CIN plan
    ]
    found = cin(
        CINdetails=episodes,
        ChildProtectionPlans=[{"LAchildID": "A", "CINdetailsID": 1}],
        Section47=[{"LAchildID": "A", "CINdetailsID": 4}],
        CINplanDates=[{"LAchildID": "A", "CINdetailsID": 5}],
    )
    assert flagged("2990", found) == {
        "CINdetails": [2, 3, 6],
        "CINplanDates": [2],
        "ChildProtectionPlans": [2],
    }


def test_2991q_an_enquiry_needs_an_assessment_in_its_episode():
    enquiries = [{"LAchildID": "A", "CINdetailsID": 1}, {"LAchildID": "A", "CINdetailsID": 2}]
    assessments = [{"LAchildID": "A", "CINdetailsID": 1}, {"LAchildID": "B", "CINdetailsID": 2}]
    found = cin(CINdetails=[{"LAchildID": "A"}], Section47=enquiries, Assessments=assessments)
    assert flagged("2991Q", found) == {"Section47": [3]}


def test_4000_no_cin_plan_after_no_further_action():
    episodes = [
        {"LAchildID": "A", "CINdetailsID": 1, "ReferralNFA": True},
        {"LAchildID": "A", "CINdetailsID": 2, "ReferralNFA": False},
        {"LAchildID": "A", "CINdetailsID": 3, "ReferralNFA": True},  # no plan: fine
    ]
    plans = [{"LAchildID": "A", "CINdetailsID": 1}, {"LAchildID": "A", "CINdetailsID": 2}]
    assert flagged("4000", cin(CINdetails=episodes, CINplanDates=plans)) == {
        "CINdetails": [2],
        "CINplanDates": [2],
    }


def test_4001_cin_plan_and_protection_plan_open_together():
    plans = [
        {"LAchildID": "A", "CINdetailsID": 1, "CINPlanStartDate": d(2024, 5, 1)},
        {
            "LAchildID": "A",
            "CINdetailsID": 2,
            "CINPlanStartDate": d(2024, 5, 1),
            "CINPlanEndDate": d(2024, 6, 1),
        },
        {"LAchildID": "A", "CINdetailsID": 3, "CINPlanStartDate": d(2024, 5, 1)},
    ]
    protection = [
        {"LAchildID": "A", "CINdetailsID": 1},
        {"LAchildID": "A", "CINdetailsID": 2},
        {"LAchildID": "A", "CINdetailsID": 3, "CPPendDate": d(2024, 6, 1)},
    ]
    assert flagged("4001", cin(CINplanDates=plans, ChildProtectionPlans=protection)) == {
        "CINplanDates": [2],
        "ChildProtectionPlans": [2],
    }


def test_4003_a_protection_plan_review_during_a_cin_plan():
    protection = [
        {
            "LAchildID": "A",
            "CINdetailsID": 1,
            "CPPID": 1,
            "CPPstartDate": d(2024, 5, 1),
            "CPPendDate": d(2024, 9, 1),
        },
        {"LAchildID": "B", "CINdetailsID": 1, "CPPID": 1, "CPPstartDate": d(2024, 5, 1)},
        {
            "LAchildID": "C",
            "CINdetailsID": 1,
            "CPPID": 1,
            "CPPstartDate": d(2024, 5, 1),
            "CPPendDate": d(2024, 10, 1),
        },
    ]
    reviews = [
        {"LAchildID": "A", "CINdetailsID": 1, "CPPID": 1, "CPPreviewDate": d(2024, 6, 1)},  # in
        {
            "LAchildID": "A",
            "CINdetailsID": 1,
            "CPPID": 1,
            "CPPreviewDate": d(2024, 9, 1),
        },  # end day
        {
            "LAchildID": "A",
            "CINdetailsID": 1,
            "CPPID": 1,
            "CPPreviewDate": d(2024, 4, 20),
        },  # before
        {
            "LAchildID": "B",
            "CINdetailsID": 1,
            "CPPID": 1,
            "CPPreviewDate": d(2024, 6, 1),
        },  # open CPP
        {
            "LAchildID": "C",
            "CINdetailsID": 1,
            "CPPID": 1,
            "CPPreviewDate": d(2024, 8, 1),
        },  # open plan
    ]
    plans = [
        {
            "LAchildID": "A",
            "CINdetailsID": 2,
            "CINPlanStartDate": d(2024, 5, 15),
            "CINPlanEndDate": d(2024, 7, 1),
        },
        {"LAchildID": "B", "CINdetailsID": 1, "CINPlanStartDate": d(2024, 5, 15)},
        {"LAchildID": "C", "CINdetailsID": 1, "CINPlanStartDate": d(2024, 7, 1)},
    ]
    found = cin(ChildProtectionPlans=protection, CPPreviews=reviews, CINplanDates=plans)
    assert flagged("4003", found) == {
        "CINplanDates": [2, 4],
        "CPPreviews": [2, 6],
        "ChildProtectionPlans": [2, 4],
    }


def test_4004_one_open_cin_plan_an_episode():
    plans = [
        {"LAchildID": "A", "CINdetailsID": 1},
        {"LAchildID": "A", "CINdetailsID": 1},
        {"LAchildID": "A", "CINdetailsID": 1, "CINPlanEndDate": d(2024, 6, 1)},
        {"LAchildID": "A", "CINdetailsID": 2},
        {"LAchildID": "A", "CINdetailsID": 2, "CINPlanEndDate": d(2024, 6, 1)},
    ]
    assert flagged("4004", cin(CINplanDates=plans)) == {"CINplanDates": [2, 3, 4]}


@pytest.mark.parametrize(
    ("code", "column"), [("4008", "CINPlanStartDate"), ("4009Q", "CINPlanEndDate")]
)
def test_4008_4009q_cin_plans_after_death(code, column):
    children = [{"LAchildID": "A", "PersonDeathDate": d(2024, 6, 1)}, {"LAchildID": "B"}]
    plans = [
        {"LAchildID": "A", column: d(2024, 6, 2)},
        {"LAchildID": "A", column: d(2024, 6, 1)},  # the day of death passes
        {"LAchildID": "B", column: d(2024, 6, 2)},
    ]
    assert flagged(code, cin(ChildIdentifiers=children, CINplanDates=plans)) == {
        "CINplanDates": [2],
        "ChildIdentifiers": [2],
    }


def test_4010_a_cin_plan_start_on_or_before_the_reference_date():
    starts = [None, d(2025, 4, 1), d(2025, 3, 31), d(2010, 1, 1)]
    plans = [{"LAchildID": "A", "CINPlanStartDate": start} for start in starts]
    assert flagged("4010", cin(CINplanDates=plans)) == {"CINplanDates": [2, 3]}


@pytest.mark.parametrize(
    ("code", "expected"),
    [("4011", [2]), ("4012Q", [3])],  # ends before it starts; ends the day it starts
)
def test_4011_4012q_cin_plan_end_against_its_start(code, expected):
    plans = [
        {"LAchildID": "A", "CINPlanStartDate": d(2024, 6, 2), "CINPlanEndDate": d(2024, 6, 1)},
        {"LAchildID": "A", "CINPlanStartDate": d(2024, 6, 2), "CINPlanEndDate": d(2024, 6, 2)},
        {"LAchildID": "A", "CINPlanStartDate": d(2024, 6, 2), "CINPlanEndDate": d(2024, 6, 3)},
        {"LAchildID": "A", "CINPlanStartDate": d(2024, 6, 2)},
    ]
    assert flagged(code, cin(CINplanDates=plans)) == {"CINplanDates": expected}


def test_4013_a_cin_plan_end_in_the_census_year():
    ends = [d(2024, 3, 31), d(2024, 4, 1), d(2025, 3, 31), d(2025, 4, 1), None]
    plans = [{"LAchildID": "A", "CINPlanEndDate": end} for end in ends]
    assert flagged("4013", cin(CINplanDates=plans)) == {"CINplanDates": [2, 5]}


def test_4014_a_childs_cin_plans_must_not_overlap():
    plans = [
        {
            "LAchildID": "A",
            "CINdetailsID": 1,
            "CINPlanStartDate": d(2024, 4, 10),
            "CINPlanEndDate": d(2024, 5, 1),
        },
        # starts the day the other ends, in another episode: flagged (inclusive)
        {
            "LAchildID": "A",
            "CINdetailsID": 2,
            "CINPlanStartDate": d(2024, 5, 1),
            "CINPlanEndDate": d(2024, 6, 1),
        },
        {"LAchildID": "B", "CINPlanStartDate": d(2024, 4, 1), "CINPlanEndDate": d(2024, 5, 1)},
        {"LAchildID": "B", "CINPlanStartDate": d(2024, 5, 2)},  # after: fine
        {"LAchildID": "C", "CINPlanStartDate": d(2024, 4, 1)},  # open
        {"LAchildID": "C", "CINPlanStartDate": d(2024, 7, 1), "CINPlanEndDate": d(2024, 8, 1)},
    ]
    assert flagged("4014", cin(CINplanDates=plans)) == {"CINplanDates": [2, 3, 6, 7]}


def test_4016_a_cin_plan_starting_during_a_protection_plan():
    protection = [
        {"LAchildID": "A", "CPPstartDate": d(2024, 5, 1), "CPPendDate": d(2024, 7, 1)},
        {"LAchildID": "B", "CPPstartDate": d(2024, 5, 1)},
    ]
    plans = [
        {"LAchildID": "A", "CINPlanStartDate": d(2024, 6, 1)},
        {"LAchildID": "A", "CINPlanStartDate": d(2024, 7, 1)},  # the day it ends passes
        {"LAchildID": "A", "CINPlanStartDate": d(2024, 4, 1)},
        {"LAchildID": "B", "CINPlanStartDate": d(2024, 9, 1)},  # the CPP is open
    ]
    assert flagged("4016", cin(CINplanDates=plans, ChildProtectionPlans=protection)) == {
        "CINplanDates": [2, 5],
        "ChildProtectionPlans": [2, 3],
    }


def test_4017_a_protection_plan_starting_during_a_cin_plan():
    plans = [
        {"LAchildID": "A", "CINPlanStartDate": d(2024, 5, 1), "CINPlanEndDate": d(2024, 7, 1)},
        {"LAchildID": "B", "CINPlanStartDate": d(2024, 5, 1)},
    ]
    protection = [
        {"LAchildID": "A", "CPPstartDate": d(2024, 6, 1)},
        {"LAchildID": "A", "CPPstartDate": d(2024, 7, 1)},  # the day it ends passes
        {"LAchildID": "A", "CPPstartDate": d(2024, 4, 1)},
        {"LAchildID": "B", "CPPstartDate": d(2024, 9, 1)},  # the CIN plan is open
    ]
    assert flagged("4017", cin(CINplanDates=plans, ChildProtectionPlans=protection)) == {
        "CINplanDates": [2, 3],
        "ChildProtectionPlans": [2, 5],
    }


def test_4180_gender_until_2023_24_sex_from_2024_25():
    genders = [
        {"LAchildID": str(n), "GenderCurrent": g} for n, g in enumerate(["1", "9", "3", None])
    ]
    assert flagged("4180", cin(2024, ChildIdentifiers=genders)) == {"ChildIdentifiers": [4, 5]}
    sexes = [{"LAchildID": str(n), "Sex": s} for n, s in enumerate(["M", "U", "1", None])]
    assert flagged("4180", cin(2025, ChildIdentifiers=sexes)) == {"ChildIdentifiers": [4, 5]}


def test_4220_ethnicity_code():
    rows = [
        {"LAchildID": str(n), "Ethnicity": e} for n, e in enumerate(["WBRI", "NOBT", "XXXX", None])
    ]
    assert flagged("4220", cin(ChildCharacteristics=rows)) == {"ChildCharacteristics": [4, 5]}
