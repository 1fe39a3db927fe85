"""CIN census rules 8000 and over, each with a failing and a passing case worked out by hand.
The census year of 2024-25 runs 1 April 2024 to the ReferenceDate, 31 March 2025."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.dataquality.conftest import flagged, ret
from trajectory.dataquality import registry


def cin(year: int = 2025, **tables):
    return ret("cin", year, **tables)


def d(year: int, month: int, day: int) -> date:
    return date(year, month, day)


def ep(child: str = "A", episode: int = 1, **values) -> dict:
    return {"LAchildID": child, "CINdetailsID": episode, **values}


def test_8500_a_child_needs_an_id():
    found = cin(ChildIdentifiers=[{"LAchildID": "A"}, {"LAchildID": None}])
    assert flagged("8500", found) == {"ChildIdentifiers": [3]}


def test_8510_an_id_given_twice_and_blanks_count_as_the_same():
    ids = ["A", "A", "B", None, None]
    found = cin(ChildIdentifiers=[{"LAchildID": child} for child in ids])
    assert flagged("8510", found) == {"ChildIdentifiers": [2, 3, 5, 6]}


def test_8520_born_after_the_reference_date():
    births = [d(2025, 4, 1), d(2025, 3, 31), None]
    found = cin(ChildIdentifiers=[{"LAchildID": "A", "PersonBirthDate": b} for b in births])
    assert flagged("8520", found) == {"ChildIdentifiers": [2]}


def test_8525q_born_or_expected_one_and_not_both():
    children = [
        {
            "LAchildID": "A",
            "PersonBirthDate": d(2020, 1, 1),
            "ExpectedPersonBirthDate": d(2025, 5, 1),
        },
        {"LAchildID": "B"},
        {"LAchildID": "C", "PersonBirthDate": d(2020, 1, 1)},
        {"LAchildID": "D", "ExpectedPersonBirthDate": d(2025, 5, 1)},
    ]
    assert flagged("8525Q", cin(ChildIdentifiers=children)) == {"ChildIdentifiers": [2, 3]}


def test_8530q_expected_birth_within_30_days_before_to_9_months_after():
    # ReferenceDate 31 March 2025: 30 days before is 1 March, 9 months after 31 December; on
    # either bound is queried.
    expected = [d(2025, 3, 1), d(2025, 3, 2), d(2025, 12, 30), d(2025, 12, 31), None]
    children = [{"LAchildID": "A", "ExpectedPersonBirthDate": e} for e in expected]
    assert flagged("8530Q", cin(ChildIdentifiers=children)) == {"ChildIdentifiers": [2, 5]}


def test_8535q_a_death_needs_a_birth_before_it():
    children = [
        {"LAchildID": "A", "PersonDeathDate": d(2024, 6, 1)},
        {"LAchildID": "B", "PersonDeathDate": d(2024, 6, 1), "PersonBirthDate": d(2024, 6, 2)},
        {"LAchildID": "C", "PersonDeathDate": d(2024, 6, 1), "PersonBirthDate": d(2024, 6, 1)},
        {"LAchildID": "D", "PersonBirthDate": d(2024, 6, 1)},
    ]
    assert flagged("8535Q", cin(ChildIdentifiers=children)) == {"ChildIdentifiers": [2, 3]}


def test_8540_a_born_child_acted_on_needs_a_valid_disability():
    children = [{"LAchildID": child, "PersonBirthDate": d(2015, 1, 1)} for child in ("A", "B", "C")]
    children += [{"LAchildID": "D", "ExpectedPersonBirthDate": d(2025, 5, 1)}]  # unborn
    children += [{"LAchildID": "E", "PersonBirthDate": d(2015, 1, 1)}]
    episodes = [ep(child, ReferralNFA=False) for child in "ABCD"] + [ep("E", ReferralNFA=True)]
    disabilities = [
        {"LAchildID": "B", "Disability": "XYZ"},
        {"LAchildID": "C", "Disability": "NONE"},
    ]
    found = cin(ChildIdentifiers=children, CINdetails=episodes, Disabilities=disabilities)
    # A has none recorded, B an unknown code; D is unborn and E no further action.
    assert flagged("8540", found) == {"ChildIdentifiers": [2, 3], "Disabilities": [2]}


@pytest.mark.parametrize(
    ("code", "table", "column"),
    [
        ("8545Q", "ChildIdentifiers", "PersonDeathDate"),
        ("8620", "CINdetails", "CINclosureDate"),
        ("8696", "Assessments", "AssessmentAuthorisationDate"),
        ("8715", "Section47", "DateOfInitialCPC"),
        ("8930", "ChildProtectionPlans", "CPPendDate"),
    ],
)
def test_dates_within_the_census_year(code, table, column):
    days = [d(2024, 3, 31), d(2024, 4, 1), d(2025, 3, 31), d(2025, 4, 1), None]
    rows = [{"LAchildID": "A", column: day} for day in days]
    assert flagged(code, cin(**{table: rows})) == {table: [2, 5]}


def test_8555q_referred_after_death():
    children = [{"LAchildID": "A", "PersonDeathDate": d(2024, 6, 1)}, {"LAchildID": "B"}]
    episodes = [
        ep("A", CINreferralDate=d(2024, 6, 2)),
        ep("A", 2, CINreferralDate=d(2024, 6, 1)),  # the same day passes
        ep("B", CINreferralDate=d(2024, 6, 2)),
    ]
    assert flagged("8555Q", cin(ChildIdentifiers=children, CINdetails=episodes)) == {
        "CINdetails": [2],
        "ChildIdentifiers": [2],
    }


def test_8565_nothing_of_an_episode_after_its_closure():
    closed = d(2024, 6, 1)
    episodes = [
        ep("A", 1, CINclosureDate=closed),
        ep("A", 2),  # open: not checked
        ep("A", 3, CINclosureDate=closed, DateOfInitialCPC=d(2024, 6, 5)),
        ep("A", 4, CINclosureDate=closed),
    ]
    assessments = [
        ep(
            "A",
            1,
            AssessmentActualStartDate=d(2024, 5, 1),
            AssessmentAuthorisationDate=d(2024, 6, 2),
        ),
        ep("A", 1, AssessmentActualStartDate=d(2024, 5, 1), AssessmentAuthorisationDate=closed),
        ep("A", 2, AssessmentActualStartDate=d(2024, 7, 1)),
    ]
    # The protection plan's end is checked too (the peer replaced that table by a test row).
    plans = [ep("A", 1, CPPstartDate=d(2024, 5, 1), CPPendDate=d(2024, 7, 1))]
    enquiries = [ep("A", 1, S47ActualStartDate=d(2024, 5, 1), DateOfInitialCPC=d(2024, 5, 1))]
    cin_plans = [
        ep("A", 1, CINPlanStartDate=d(2024, 5, 1), CINPlanEndDate=closed),
        ep("A", 4, CINPlanStartDate=d(2024, 6, 2)),
    ]
    found = cin(
        CINdetails=episodes,
        Assessments=assessments,
        ChildProtectionPlans=plans,
        Section47=enquiries,
        CINplanDates=cin_plans,
    )
    assert flagged("8565", found) == {
        "Assessments": [2],
        "CINdetails": [2, 4, 5],
        "CINplanDates": [3],
        "ChildProtectionPlans": [2],
    }


def test_8568_referral_nfa_given():
    episodes = [ep(ReferralNFA=None), ep(ReferralNFA=True), ep(ReferralNFA=False)]
    assert flagged("8568", cin(CINdetails=episodes)) == {"CINdetails": [2]}


def test_8569q_an_old_referral_not_no_further_action():
    # 1 April 2024 was Easter Monday and 29 March Good Friday: the working day before the
    # census start is Thursday 28 March 2024.
    episodes = [
        ep(CINreferralDate=d(2024, 3, 27), ReferralNFA=True),
        ep(CINreferralDate=d(2024, 3, 27), ReferralNFA=None),
        ep(CINreferralDate=d(2024, 3, 27), ReferralNFA=False),
        ep(CINreferralDate=d(2024, 3, 28), ReferralNFA=True),
    ]
    assert flagged("8569Q", cin(CINdetails=episodes)) == {"CINdetails": [2, 3]}


def test_8585q_died_without_a_death_date():
    children = [{"LAchildID": "A"}, {"LAchildID": "B", "PersonDeathDate": d(2024, 6, 1)}]
    children += [{"LAchildID": "C"}]
    episodes = [ep("A", ReasonForClosure="RC2"), ep("B", ReasonForClosure="RC2")]
    episodes += [ep("C", ReasonForClosure="RC1")]
    assert flagged("8585Q", cin(ChildIdentifiers=children, CINdetails=episodes)) == {
        "CINdetails": [2],
        "ChildIdentifiers": [2],
    }


def test_8590_a_child_needs_an_episode():
    found = cin(ChildIdentifiers=[{"LAchildID": "A"}, {"LAchildID": "B"}], CINdetails=[ep("A")])
    assert flagged("8590", found) == {"ChildIdentifiers": [3]}


def test_8600_a_referral_date_on_or_before_the_reference_date():
    episodes = [ep(CINreferralDate=day) for day in (None, d(2025, 4, 1), d(2025, 3, 31))]
    assert flagged("8600", cin(CINdetails=episodes)) == {"CINdetails": [2, 3]}


def test_8606_referred_more_than_280_days_before_birth():
    born = d(2025, 1, 1)
    children = [
        {"LAchildID": "A", "PersonBirthDate": born},
        {"LAchildID": "B", "ExpectedPersonBirthDate": born},
    ]
    episodes = [
        ep("A", CINreferralDate=born - timedelta(days=281)),
        ep("A", 2, CINreferralDate=born - timedelta(days=280)),  # exactly 280 passes
        ep("B", CINreferralDate=born - timedelta(days=281)),
    ]
    assert flagged("8606", cin(ChildIdentifiers=children, CINdetails=episodes)) == {
        "CINdetails": [2, 4],
        "ChildIdentifiers": [2, 3],
    }


def test_8608_authorised_before_started():
    rows = [
        ep(AssessmentActualStartDate=d(2024, 6, 2), AssessmentAuthorisationDate=d(2024, 6, 1)),
        ep(AssessmentActualStartDate=d(2024, 6, 2), AssessmentAuthorisationDate=d(2024, 6, 2)),
        ep(AssessmentActualStartDate=d(2024, 6, 2)),
    ]
    assert flagged("8608", cin(Assessments=rows)) == {"Assessments": [2]}


def test_8610_primary_need_when_not_no_further_action():
    episodes = [
        ep(ReferralNFA=False),
        ep(ReferralNFA=True),
        ep(ReferralNFA=False, PrimaryNeedCode="N1"),
    ]
    assert flagged("8610", cin(CINdetails=episodes)) == {"CINdetails": [2]}


def test_8614_factors_only_once_authorised():
    assessments = [
        ep(AssessmentID=1),
        ep(AssessmentID=2, AssessmentAuthorisationDate=d(2024, 6, 1)),
        ep(AssessmentID=3),
    ]
    factors = [
        ep(AssessmentID=1, AssessmentFactors="1A"),
        ep(AssessmentID=2, AssessmentFactors="1A"),
    ]
    assert flagged("8614", cin(Assessments=assessments, AssessmentFactors=factors)) == {
        "Assessments": [2]
    }


def test_8615_enquiry_conference_after_its_start():
    rows = [
        ep(S47ActualStartDate=d(2024, 5, 2), DateOfInitialCPC=d(2024, 5, 1)),
        ep(DateOfInitialCPC=d(2024, 5, 1)),
        ep(S47ActualStartDate=d(2024, 5, 1), DateOfInitialCPC=d(2024, 5, 1)),
        ep(S47ActualStartDate=d(2024, 5, 1)),
    ]
    assert flagged("8615", cin(Section47=rows)) == {"Section47": [2, 3]}


def test_8630_closed_before_referred():
    episodes = [
        ep(CINreferralDate=d(2024, 6, 2), CINclosureDate=d(2024, 6, 1)),
        ep(CINreferralDate=d(2024, 6, 2), CINclosureDate=d(2024, 6, 2)),
    ]
    assert flagged("8630", cin(CINdetails=episodes)) == {"CINdetails": [2]}


@pytest.mark.parametrize(
    ("code", "column", "wrong", "right"),
    [("8640", "ReasonForClosure", "RC10", "RC9"), ("8650", "PrimaryNeedCode", "N10", "N0")],
)
def test_closure_reason_and_need_codes(code, column, wrong, right):
    episodes = [ep(**{column: wrong}), ep(**{column: right}), ep()]  # blank allowed
    assert flagged(code, cin(CINdetails=episodes)) == {"CINdetails": [2]}


def test_8670q_an_assessment_open_over_45_working_days():
    # 31 March 2025 is a Monday with no bank holiday in the 9 weeks before it: 45 working days
    # before it is Monday 27 January 2025.
    rows = [
        ep(AssessmentActualStartDate=d(2025, 1, 24)),
        ep(AssessmentActualStartDate=d(2025, 1, 27)),
        ep(AssessmentActualStartDate=d(2024, 5, 1), AssessmentAuthorisationDate=d(2024, 6, 1)),
    ]
    assert flagged("8670Q", cin(Assessments=rows)) == {"Assessments": [2]}


def test_8675q_an_enquiry_awaiting_its_conference_over_15_working_days():
    # 15 working days before Monday 31 March 2025 is Monday 10 March 2025.
    rows = [
        ep(S47ActualStartDate=d(2025, 3, 7), ICPCnotRequired=False),
        ep(S47ActualStartDate=d(2025, 3, 10), ICPCnotRequired=False),
        ep(S47ActualStartDate=d(2025, 3, 7), ICPCnotRequired=True),
        ep(
            S47ActualStartDate=d(2025, 3, 7), ICPCnotRequired=False, DateOfInitialCPC=d(2025, 3, 20)
        ),
        ep(S47ActualStartDate=d(2025, 3, 7)),  # blank is not false
    ]
    assert flagged("8675Q", cin(Section47=rows)) == {"Section47": [2]}


def test_8720_a_protection_plan_start_on_or_before_the_reference_date():
    rows = [ep(CPPstartDate=day) for day in (None, d(2025, 4, 1), d(2025, 3, 31))]
    assert flagged("8720", cin(ChildProtectionPlans=rows)) == {"ChildProtectionPlans": [2, 3]}


def test_8730_previous_plans_zero_or_more():
    rows = [ep(NumberOfPreviousCPP=n) for n in (None, -1, 0, 3)]
    assert flagged("8730", cin(ChildProtectionPlans=rows)) == {"ChildProtectionPlans": [2, 3]}


def test_8736_an_open_assessment_started_in_the_year():
    rows = [
        ep(),
        ep(AssessmentActualStartDate=d(2024, 3, 31)),
        ep(AssessmentActualStartDate=d(2024, 4, 1)),
        ep(AssessmentActualStartDate=d(2020, 1, 1), AssessmentAuthorisationDate=d(2024, 5, 1)),
    ]
    assert flagged("8736", cin(Assessments=rows)) == {"Assessments": [2, 3]}


def test_8740_an_enquiry_awaiting_its_conference_started_in_the_year():
    rows = [
        ep(S47ActualStartDate=d(2024, 3, 31), ICPCnotRequired=False),
        ep(S47ActualStartDate=d(2024, 4, 1), ICPCnotRequired=False),
        ep(S47ActualStartDate=d(2024, 3, 31)),  # only false counts, not blank
        ep(S47ActualStartDate=d(2024, 3, 31), ICPCnotRequired=True),
    ]
    assert flagged("8740", cin(Section47=rows)) == {"Section47": [2]}


@pytest.mark.parametrize(
    ("year", "column", "unknown", "known"),
    [(2024, "GenderCurrent", "0", "1"), (2025, "Sex", "U", "M")],
)
def test_8750_an_unborn_childs_sex_is_not_known(year, column, unknown, known):
    expected = d(year, 5, 1)
    children = [
        {"LAchildID": "A", "ExpectedPersonBirthDate": expected, column: known},
        {"LAchildID": "B", "ExpectedPersonBirthDate": expected, column: unknown},
        {"LAchildID": "C", "PersonBirthDate": d(2020, 1, 1), column: known},
        {"LAchildID": "D", "ExpectedPersonBirthDate": expected},
    ]
    assert flagged("8750", cin(year, ChildIdentifiers=children)) == {"ChildIdentifiers": [2, 5]}


def test_8770q_school_age_without_a_upn_2023_24():
    # Born on or before 31 March 2018, six years before the ReferenceDate of 2023-24.
    children = [
        {"LAchildID": "A", "PersonBirthDate": d(2018, 3, 31)},
        {"LAchildID": "B", "PersonBirthDate": d(2018, 4, 1)},
        {"LAchildID": "C", "PersonBirthDate": d(2018, 1, 1), "UPNunknown": "UN1"},  # no excuse
        {"LAchildID": "D", "PersonBirthDate": d(2018, 1, 1), "UPNunknown": "UN2"},
        {"LAchildID": "E", "PersonBirthDate": d(2018, 1, 1), "UPN": "A123456789012"},
        {"LAchildID": "F", "PersonBirthDate": d(2018, 1, 1)},
    ]
    episodes = [ep(child, ReferralNFA=False) for child in "ABCDE"] + [ep("F", ReferralNFA=True)]
    found = cin(2024, ChildIdentifiers=children, CINdetails=episodes)
    assert flagged("8770Q", found) == {"ChildIdentifiers": [2, 4]}


def test_8770q_school_age_without_a_upn_from_2024_25():
    # 2025-26: born on or before 31 August 2020.
    children = [
        {"LAchildID": "A", "PersonBirthDate": d(2020, 8, 31)},
        {"LAchildID": "B", "PersonBirthDate": d(2020, 9, 1)},
    ]
    episodes = [ep("A", ReferralNFA=False), ep("B", ReferralNFA=False)]
    found = cin(2026, ChildIdentifiers=children, CINdetails=episodes)
    assert flagged("8770Q", found) == {"ChildIdentifiers": [2]}


def test_8772_un7_only_for_no_further_action():
    children = [{"LAchildID": c, "UPNunknown": "UN7"} for c in "ABC"]
    children += [{"LAchildID": "D", "UPNunknown": "UN1"}, {"LAchildID": "E", "UPNunknown": "UN7"}]
    episodes = [
        ep("A", ReferralNFA=False),
        ep("B", ReferralNFA=True),
        ep("D", ReferralNFA=False),
        ep("E", ReferralNFA=None),
    ]
    # C has UN7 and no episode at all: flagged too.
    assert flagged("8772", cin(ChildIdentifiers=children, CINdetails=episodes)) == {
        "CINdetails": [2, 5],
        "ChildIdentifiers": [2, 4, 6],
    }


def test_8775q_over_25_with_an_episode_open_or_closed_after_the_25th_birthday():
    children = [{"LAchildID": c, "PersonBirthDate": d(1999, 6, 1)} for c in "ABC"]
    children += [{"LAchildID": "D", "PersonBirthDate": d(2000, 3, 31)}]  # not before the bound
    # 29 February 1996: the 25th birthday is 1 March 2021.
    children += [{"LAchildID": c, "PersonBirthDate": d(1996, 2, 29)} for c in "EF"]
    episodes = [
        ep("A", CINclosureDate=d(2024, 6, 2)),
        ep("B", CINclosureDate=d(2024, 6, 1)),  # on the birthday passes
        ep("C"),
        ep("D"),
        ep("E", CINclosureDate=d(2021, 3, 1)),
        ep("F", CINclosureDate=d(2021, 3, 2)),
    ]
    assert flagged("8775Q", cin(ChildIdentifiers=children, CINdetails=episodes)) == {
        "CINdetails": [2, 4, 7],
        "ChildIdentifiers": [2, 4, 7],
    }


def test_8790_none_with_other_disabilities():
    rows = [("A", "none"), ("A", "MOB"), ("B", "MOB"), ("B", "VIS")]
    found = cin(Disabilities=[{"LAchildID": c, "Disability": x} for c, x in rows])
    assert flagged("8790", found) == {"Disabilities": [3]}


def test_8794_a_disability_recorded_twice():
    rows = [("A", "MOB"), ("A", "MOB"), ("A", "VIS"), ("B", "MOB")]
    found = cin(Disabilities=[{"LAchildID": c, "Disability": x} for c, x in rows])
    assert flagged("8794", found) == {"Disabilities": [2, 3]}


def test_8805_8810_closure_date_and_reason_together():
    episodes = [
        ep(CINclosureDate=d(2024, 6, 1)),
        ep(ReasonForClosure="RC1"),
        ep(CINclosureDate=d(2024, 6, 1), ReasonForClosure="RC1"),
    ]
    assert flagged("8805", cin(CINdetails=episodes)) == {"CINdetails": [2]}
    assert flagged("8810", cin(CINdetails=episodes)) == {"CINdetails": [3]}


def test_8815_more_than_one_open_episode():
    episodes = [
        ep("A", 1, ReferralNFA=False),
        ep("A", 2, ReferralNFA=False),
        ep("A", 3, ReferralNFA=True),  # open NFA: flagged once the rule fires
        ep("A", 4, ReferralNFA=False, CINclosureDate=d(2024, 6, 1)),
        ep("B", 1, ReferralNFA=False),
        ep("B", 2, ReferralNFA=True),
    ]
    assert flagged("8815", cin(CINdetails=episodes)) == {"CINdetails": [2, 3, 4]}


def test_8816_only_the_latest_referral_can_be_open():
    episodes = [
        ep("A", 1, CINreferralDate=d(2024, 5, 1), ReferralNFA=False),
        ep("A", 2, CINreferralDate=d(2024, 6, 1), CINclosureDate=d(2024, 7, 1)),
        ep("B", 1, CINreferralDate=d(2024, 5, 1), CINclosureDate=d(2024, 5, 20)),
        ep("B", 2, CINreferralDate=d(2024, 6, 1), ReferralNFA=False),
        # a tie on the latest date: the first row is the latest, so the open one is flagged
        ep("C", 1, CINreferralDate=d(2024, 7, 1), CINclosureDate=d(2024, 8, 1)),
        ep("C", 2, CINreferralDate=d(2024, 7, 1), ReferralNFA=False),
    ]
    assert flagged("8816", cin(CINdetails=episodes)) == {"CINdetails": [2, 3, 6, 7]}


def test_8820_a_childs_episodes_must_not_overlap():
    episodes = [
        ep("A", 1, CINreferralDate=d(2024, 4, 1), CINclosureDate=d(2024, 6, 1)),
        ep("A", 2, CINreferralDate=d(2024, 6, 1)),  # on the closure date: passes
        ep("B", 1, CINreferralDate=d(2024, 4, 1), CINclosureDate=d(2024, 6, 1)),
        ep("B", 2, CINreferralDate=d(2024, 5, 1), CINclosureDate=d(2024, 5, 20)),
        ep("C", 1, CINreferralDate=d(2024, 4, 1), ReferralNFA=False),
        ep("C", 2, CINreferralDate=d(2024, 7, 1), CINclosureDate=d(2024, 8, 1)),
        ep("D", 1, CINreferralDate=d(2024, 4, 1), ReferralNFA=True),  # open but NFA
        ep("D", 2, CINreferralDate=d(2024, 7, 1), CINclosureDate=d(2024, 8, 1)),
    ]
    assert flagged("8820", cin(CINdetails=episodes)) == {"CINdetails": [4, 5, 6, 7]}


def test_8825q_closed_after_assessment_without_one():
    episodes = [ep("A", 1, ReasonForClosure="RC8"), ep("A", 2, ReasonForClosure="RC9")]
    episodes += [ep("A", 3, ReasonForClosure="RC1")]
    found = cin(CINdetails=episodes, Assessments=[ep("A", 2)])
    assert flagged("8825Q", found) == {"CINdetails": [2]}


def test_8831_no_further_action_yet_acted():
    episodes = [
        ep("A", 1, ReferralNFA=True),
        ep("A", 2, ReferralNFA=True, DateOfInitialCPC=d(2024, 5, 1)),
        ep("A", 3, ReferralNFA=True),
        ep("A", 4, ReferralNFA=True),
        ep("A", 5, ReferralNFA=False),
    ]
    enquiries = [ep("A", 1, S47ActualStartDate=d(2024, 5, 1))]
    enquiries += [ep("A", 5, S47ActualStartDate=d(2024, 5, 1))]
    assessments = [ep("A", 3, AssessmentAuthorisationDate=d(2024, 5, 1))]
    found = cin(CINdetails=episodes, Section47=enquiries, Assessments=assessments)
    assert flagged("8831", found) == {
        "Assessments": [2],
        "CINdetails": [2, 3, 4],
        "Section47": [2],
    }


def test_8832_no_further_action_yet_a_protection_plan():
    episodes = [ep("A", 1, ReferralNFA=True), ep("A", 2, ReferralNFA=False)]
    plans = [ep("A", 1), ep("A", 2)]
    assert flagged("8832", cin(CINdetails=episodes, ChildProtectionPlans=plans)) == {
        "CINdetails": [2],
        "ChildProtectionPlans": [2],
    }


def test_8839_one_enquiry_awaiting_its_conference_an_episode():
    rows = [
        ep("A", 1),
        ep("A", 1, ICPCnotRequired=False),
        ep("A", 1, ICPCnotRequired=True),
        ep("A", 2),
        ep("A", 2, DateOfInitialCPC=d(2024, 5, 1)),
    ]
    assert flagged("8839", cin(Section47=rows)) == {"Section47": [2, 3]}


def test_8840_8925_a_protection_plans_end_against_its_start():
    rows = [
        ep(CPPstartDate=d(2024, 6, 2), CPPendDate=d(2024, 6, 2)),
        ep(CPPstartDate=d(2024, 6, 2), CPPendDate=d(2024, 6, 1)),
        ep(CPPstartDate=d(2024, 6, 2), CPPendDate=d(2024, 6, 3)),
        ep(CPPstartDate=d(2024, 6, 2)),
    ]
    assert flagged("8840", cin(ChildProtectionPlans=rows)) == {"ChildProtectionPlans": [2]}
    assert flagged("8925", cin(ChildProtectionPlans=rows)) == {"ChildProtectionPlans": [3]}


def test_8841_a_review_after_the_plan_starts():
    plans = [
        ep("A", 1, CPPID=1, CPPstartDate=d(2024, 5, 1)),
        ep("A", 2, CPPID=1, CPPstartDate=d(2024, 7, 1)),
    ]
    reviews = [
        ep("A", 1, CPPID=1, CPPreviewDate=d(2024, 5, 1)),  # on the start day: flagged
        ep("A", 1, CPPID=1, CPPreviewDate=d(2024, 6, 1)),
        ep("A", 2, CPPID=1, CPPreviewDate=d(2024, 6, 1)),  # before episode 2's plan
    ]
    assert flagged("8841", cin(ChildProtectionPlans=plans, CPPreviews=reviews)) == {
        "CPPreviews": [2, 4],
        "ChildProtectionPlans": [2, 3],
    }


def test_8842q_a_review_needs_its_date():
    rows = [ep(CPPID=1), ep(CPPID=1, CPPreviewDate=d(2024, 6, 1))]
    assert flagged("8842Q", cin(CPPreviews=rows)) == {"CPPreviews": [2]}


def test_8863q_an_episodes_assessments_must_not_overlap():
    rows = [
        ep(
            "A",
            1,
            AssessmentActualStartDate=d(2024, 4, 1),
            AssessmentAuthorisationDate=d(2024, 5, 1),
        ),
        ep(
            "A",
            1,
            AssessmentActualStartDate=d(2024, 5, 1),
            AssessmentAuthorisationDate=d(2024, 6, 1),
        ),
        # exact duplicates are ignored
        ep(
            "A",
            2,
            AssessmentActualStartDate=d(2024, 4, 1),
            AssessmentAuthorisationDate=d(2024, 5, 1),
        ),
        ep(
            "A",
            2,
            AssessmentActualStartDate=d(2024, 4, 1),
            AssessmentAuthorisationDate=d(2024, 5, 1),
        ),
        ep("A", 3, AssessmentActualStartDate=d(2024, 4, 1)),
        ep(
            "A",
            3,
            AssessmentActualStartDate=d(2024, 7, 1),
            AssessmentAuthorisationDate=d(2024, 8, 1),
        ),
        ep(
            "A",
            4,
            AssessmentActualStartDate=d(2024, 4, 1),
            AssessmentAuthorisationDate=d(2024, 5, 1),
        ),
        ep(
            "A",
            4,
            AssessmentActualStartDate=d(2024, 5, 2),
            AssessmentAuthorisationDate=d(2024, 6, 1),
        ),
    ]
    assert flagged("8863Q", cin(Assessments=rows)) == {"Assessments": [2, 3, 6, 7]}


def test_8866_referral_source_code():
    episodes = [
        ep(CINreferralDate=d(2024, 5, 1), ReferralSource="5D"),
        ep(CINreferralDate=d(2024, 5, 1), ReferralSource="99"),
        ep(CINreferralDate=d(2024, 5, 1)),
        ep(CINreferralDate=d(2013, 3, 31)),  # before April 2013: not checked
    ]
    assert flagged("8866", cin(CINdetails=episodes)) == {"CINdetails": [3, 4]}


def test_8867_a_closed_episode_with_an_unauthorised_assessment():
    episodes = [ep("A", n) for n in (1, 2)] + [ep("A", 3)]
    episodes[0]["CINclosureDate"] = episodes[1]["CINclosureDate"] = d(2024, 6, 1)
    assessments = [ep("A", 1), ep("A", 2, AssessmentAuthorisationDate=d(2024, 5, 1)), ep("A", 3)]
    assert flagged("8867", cin(CINdetails=episodes, Assessments=assessments)) == {
        "Assessments": [2],
        "CINdetails": [2],
    }


def test_8868_a_closed_episodes_enquiry_needs_a_conference_or_a_reason_not_both():
    closed = d(2024, 6, 1)
    episodes = [ep("A", n, CINclosureDate=closed) for n in (1, 2, 3, 4)] + [ep("A", 5)]
    enquiries = [
        ep("A", 1),  # neither
        ep("A", 2, DateOfInitialCPC=d(2024, 5, 1), ICPCnotRequired=True),  # both
        ep("A", 3, DateOfInitialCPC=d(2024, 5, 1)),
        ep("A", 4, ICPCnotRequired=True),
        ep("A", 5),  # open episode: not checked
    ]
    assert flagged("8868", cin(CINdetails=episodes, Section47=enquiries)) == {
        "CINdetails": [2, 3],
        "Section47": [2, 3],
    }


def test_8869_factor_21_with_other_factors():
    # The peer compared a list to "21" and never fired; ours reads the factor rows. AssessmentID
    # restarts in each episode, so (A, 2, 1) is another assessment than (A, 1, 1).
    assessments = [
        ep("A", 1, AssessmentID=1),
        ep("A", 1, AssessmentID=2),
        ep("A", 2, AssessmentID=1),
    ]
    factors = [
        ep("A", 1, AssessmentID=1, AssessmentFactors="21"),
        ep("A", 1, AssessmentID=1, AssessmentFactors="1A"),
        ep("A", 1, AssessmentID=2, AssessmentFactors="21"),
        ep("A", 2, AssessmentID=1, AssessmentFactors="1A"),
        ep("A", 2, AssessmentID=1, AssessmentFactors="2A"),
    ]
    assert flagged("8869", cin(Assessments=assessments, AssessmentFactors=factors)) == {
        "AssessmentFactors": [2, 3],
        "Assessments": [2],
    }


@pytest.mark.parametrize(
    ("code", "column"), [("8870Q", "InitialCPCtarget"), ("8875", "DateOfInitialCPC")]
)
def test_8870q_8875_conference_dates_on_a_weekend(code, column):
    # 1 June 2024 was a Saturday, 2 June a Sunday, 3 June a Monday. Dates are read as dates
    # (the peer re-parsed the target as dd-mm-yyyy, so XML dates never fired).
    rows = [ep(**{column: day}) for day in (d(2024, 6, 1), d(2024, 6, 2), d(2024, 6, 3), None)]
    assert flagged(code, cin(Section47=rows)) == {"Section47": [2, 3]}


def test_8873q_only_assessment_found_no_factors_closes_rc8_or_rc9():
    episodes = [
        ep("A", 1, ReasonForClosure="RC1"),
        ep("A", 2, ReasonForClosure="RC8"),
        ep("A", 3),  # open: flagged
        ep("A", 4, ReasonForClosure="RC1"),  # two assessments: not checked
    ]
    assessments = [ep("A", n, AssessmentID=1) for n in (1, 2, 3, 4)] + [ep("A", 4, AssessmentID=2)]
    factors = [ep("A", n, AssessmentID=1, AssessmentFactors="21") for n in (1, 2, 3, 4)]
    found = cin(CINdetails=episodes, Assessments=assessments, AssessmentFactors=factors)
    assert flagged("8873Q", found) == {"Assessments": [2, 4], "CINdetails": [2, 4]}


def test_8890_an_episodes_enquiries_must_not_overlap():
    rows = [
        ep("A", 1, S47ActualStartDate=d(2024, 4, 1), DateOfInitialCPC=d(2024, 5, 1)),
        ep("A", 1, S47ActualStartDate=d(2024, 5, 1), DateOfInitialCPC=d(2024, 5, 10)),
        ep("A", 2, S47ActualStartDate=d(2024, 4, 1), DateOfInitialCPC=d(2024, 5, 1)),
        ep("A", 2, S47ActualStartDate=d(2024, 4, 1), DateOfInitialCPC=d(2024, 5, 1)),
        ep("A", 3, S47ActualStartDate=d(2024, 4, 1)),  # awaiting its conference
        ep("A", 3, S47ActualStartDate=d(2024, 6, 1), DateOfInitialCPC=d(2024, 6, 5)),
        ep("A", 4, S47ActualStartDate=d(2024, 4, 1), ICPCnotRequired=True),
        ep("A", 4, S47ActualStartDate=d(2024, 6, 1), DateOfInitialCPC=d(2024, 6, 5)),
    ]
    assert flagged("8890", cin(Section47=rows)) == {"Section47": [2, 3, 6, 7]}


def test_8896_one_unauthorised_assessment_an_episode():
    rows = [ep("A", 1), ep("A", 1), ep("A", 1, AssessmentAuthorisationDate=d(2024, 5, 1))]
    rows += [ep("A", 2), ep("A", 2, AssessmentAuthorisationDate=d(2024, 5, 1))]
    assert flagged("8896", cin(Assessments=rows)) == {"Assessments": [2, 3, 4]}


def test_8897q_an_authorised_assessment_needs_valid_factors():
    authorised = d(2024, 5, 1)
    assessments = [
        ep("A", 1, AssessmentID=1, AssessmentAuthorisationDate=authorised),
        ep("A", 1, AssessmentID=2, AssessmentAuthorisationDate=authorised),  # no factors
        ep("A", 2, AssessmentID=1, AssessmentAuthorisationDate=authorised),  # factor 99
        ep("A", 2, AssessmentID=2, AssessmentAuthorisationDate=d(2024, 3, 31)),  # last year
        ep("A", 2, AssessmentID=3),  # not authorised
    ]
    factors = [
        ep("A", 1, AssessmentID=1, AssessmentFactors="1A"),
        ep("A", 2, AssessmentID=1, AssessmentFactors="99"),
        # (A, 2, 2)'s factor must not count for (A, 1, 2), as the peer's join let it
        ep("A", 2, AssessmentID=2, AssessmentFactors="1A"),
    ]
    assert flagged("8897Q", cin(Assessments=assessments, AssessmentFactors=factors)) == {
        "AssessmentFactors": [3],
        "Assessments": [3, 4],
    }


def test_8898_a_factor_given_twice():
    assessments = [ep("A", 1, AssessmentID=1), ep("A", 2, AssessmentID=1)]
    factors = [
        ep("A", 1, AssessmentID=1, AssessmentFactors="1A"),
        ep("A", 1, AssessmentID=1, AssessmentFactors="1A"),
        ep("A", 1, AssessmentID=1, AssessmentFactors="2A"),
        ep("A", 2, AssessmentID=1, AssessmentFactors="1A"),
    ]
    assert flagged("8898", cin(Assessments=assessments, AssessmentFactors=factors)) == {
        "AssessmentFactors": [2, 3],
        "Assessments": [2],
    }


@pytest.mark.parametrize(
    ("code", "column"), [("8905", "InitialCategoryOfAbuse"), ("8910", "LatestCategoryOfAbuse")]
)
def test_8905_8910_category_of_abuse(code, column):
    rows = [ep(**{column: value}) for value in ("NEG", "MUL", "SEX", None)]
    assert flagged(code, cin(ChildProtectionPlans=rows)) == {"ChildProtectionPlans": [4, 5]}


@pytest.mark.parametrize(("code", "column"), [("8915", "CPPstartDate"), ("8920", "CPPendDate")])
def test_8915_8920_protection_plans_after_death(code, column):
    children = [{"LAchildID": "A", "PersonDeathDate": d(2024, 6, 1)}, {"LAchildID": "B"}]
    plans = [
        ep("A", **{column: d(2024, 6, 2)}),
        ep("A", **{column: d(2024, 6, 1)}),  # the same day passes
        ep("B", **{column: d(2024, 6, 2)}),
    ]
    assert flagged(code, cin(ChildIdentifiers=children, ChildProtectionPlans=plans)) == {
        "ChildIdentifiers": [2],
        "ChildProtectionPlans": [2],
    }


def test_8935_more_than_one_open_protection_plan_per_child():
    # Two open plans numbered 1 in different episodes: the peer's LAchildID + CPPID grouping
    # saw one each; per child they are two.
    rows = [
        ep("A", 1, CPPID=1),
        ep("A", 2, CPPID=1),
        ep("A", 2, CPPID=2, CPPendDate=d(2024, 6, 1)),
        ep("B", 1, CPPID=1),
        ep("B", 1, CPPID=2, CPPendDate=d(2024, 6, 1)),
    ]
    assert flagged("8935", cin(ChildProtectionPlans=rows)) == {"ChildProtectionPlans": [2, 3, 4]}


def test_8940_a_childs_protection_plans_must_not_overlap():
    rows = [
        ep("A", 1, CPPID=1, CPPstartDate=d(2024, 4, 1), CPPendDate=d(2024, 5, 1)),
        # same CPPID in another episode, starting the day the other ends: flagged
        ep("A", 2, CPPID=1, CPPstartDate=d(2024, 5, 1), CPPendDate=d(2024, 6, 1)),
        ep("B", 1, CPPID=1, CPPstartDate=d(2024, 4, 1), CPPendDate=d(2024, 5, 1)),
        ep("B", 1, CPPID=2, CPPstartDate=d(2024, 5, 2)),
        ep("C", 1, CPPID=1, CPPstartDate=d(2024, 4, 1)),
        ep("C", 1, CPPID=2, CPPstartDate=d(2024, 7, 1), CPPendDate=d(2024, 8, 1)),
    ]
    assert flagged("8940", cin(ChildProtectionPlans=rows)) == {"ChildProtectionPlans": [2, 3, 6, 7]}


@pytest.mark.parametrize(("code", "factor"), [("8945Q", "18A"), ("8950Q", "19A")])
def test_8945q_8950q_abuse_factors_without_saying_by_whom(code, factor):
    assessments = [ep("A", 1, AssessmentID=1), ep("A", 1, AssessmentID=2)]
    factors = [
        ep("A", 1, AssessmentID=1, AssessmentFactors=factor),
        ep("A", 1, AssessmentID=2, AssessmentFactors=factor[:-1] + "B"),
    ]
    assert flagged(code, cin(Assessments=assessments, AssessmentFactors=factors)) == {
        "AssessmentFactors": [2],
        "Assessments": [2],
    }
    assert code not in {rule.code for rule in registry.rules_for("cin", 2024)}
