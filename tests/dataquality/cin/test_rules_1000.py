"""CIN census rules 100-1999, each with a failing and a passing case worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from tests.dataquality.conftest import flagged, ret
from trajectory.dataquality import registry


def cin(year: int = 2025, **tables):
    return ret("cin", year, **tables)


def codes(year: int) -> set[str]:
    return {rule.code for rule in registry.rules_for("cin", year)}


def test_100_reference_date_must_be_31_march_of_the_year():
    header = [
        {"Year": "2025", "ReferenceDate": date(2025, 3, 31)},  # right
        {"Year": "2025", "ReferenceDate": date(2025, 3, 30)},  # a day early
        {"Year": "2025", "ReferenceDate": None},  # blank
        {"Year": "2024", "ReferenceDate": date(2025, 3, 31)},  # another year's
    ]
    assert flagged("100", cin(Header=header)) == {"Header": [3, 4, 5]}


@pytest.mark.parametrize(
    ("code", "table", "column"),
    [
        ("1103", "Assessments", "AssessmentActualStartDate"),
        ("1104", "Section47", "DateOfInitialCPC"),
        ("1105", "ChildProtectionPlans", "CPPstartDate"),
    ],
)
def test_11xx_nothing_in_an_episode_before_its_referral(code, table, column):
    episodes = [
        {"LAchildID": "A", "CINdetailsID": 1, "CINreferralDate": date(2024, 6, 10)},
        {"LAchildID": "A", "CINdetailsID": 2, "CINreferralDate": date(2024, 5, 1)},
    ]
    rows = [
        {"LAchildID": "A", "CINdetailsID": 1, column: date(2024, 6, 9)},  # a day before: flagged
        {"LAchildID": "A", "CINdetailsID": 1, column: date(2024, 6, 10)},  # same day passes
        {"LAchildID": "A", "CINdetailsID": 2, column: date(2024, 5, 20)},  # after its own
        {"LAchildID": "A", "CINdetailsID": 2, column: None},  # blank skipped
    ]
    assert flagged(code, cin(CINdetails=episodes, **{table: rows})) == {
        table: [2],
        "CINdetails": [2],
    }


def test_1510_the_check_letter_must_match_the_digits():
    # A123456789012: 1x2+2x3+3x4+4x5+5x6+6x7+7x8+8x9+9x10+0x11+1x12+2x13 = 368; 368 mod 23 = 0,
    # the first letter A. B1234... is therefore wrong. R000000000001: 1x13 = 13 -> the 14th
    # letter of A-Z without I, O, S (ABCDEFGHJKLMNP): P, so R is wrong and P right.
    children = [
        {"LAchildID": "A", "UPN": "A123456789012"},
        {"LAchildID": "B", "UPN": "B123456789012"},
        {"LAchildID": "C", "UPN": "R000000000001"},
        {"LAchildID": "D", "UPN": "P000000000001"},
        {"LAchildID": "E", "UPN": "B12345678901A"},  # temporary UPN: not checked
        {"LAchildID": "F", "UPN": "B12345678901"},  # 12 characters: not checked
        {"LAchildID": "G", "UPN": None},
    ]
    assert flagged("1510", cin(ChildIdentifiers=children)) == {"ChildIdentifiers": [3, 4]}


def test_1520_a_upn_given_twice_flags_both():
    children = [
        {"LAchildID": "A", "UPN": "A123456789012"},
        {"LAchildID": "B", "UPN": "A123456789012"},
        {"LAchildID": "C", "UPN": "P000000000001"},
        {"LAchildID": "D", "UPN": None},
        {"LAchildID": "E", "UPN": None},  # blanks are not duplicates
    ]
    assert flagged("1520", cin(ChildIdentifiers=children)) == {"ChildIdentifiers": [2, 3]}


def test_1530_the_la_code_in_the_upn_by_year():
    children = [
        {"LAchildID": "A", "UPN": "A801000000001"},  # Bristol's 801: fine
        {"LAchildID": "B", "UPN": "A999000000001"},  # no council 999
        {"LAchildID": "C", "UPN": "A942000000001"},  # 942 is recognised from 2023-24
        {"LAchildID": "D", "UPN": "A999"},  # not 13 characters: not checked here
    ]
    assert flagged("1530", cin(2023, ChildIdentifiers=children)) == {"ChildIdentifiers": [3, 4]}
    assert flagged("1530", cin(2024, ChildIdentifiers=children)) == {"ChildIdentifiers": [3]}


def test_1540_characters_5_to_12_must_be_digits():
    children = [
        {"LAchildID": "A", "UPN": "A123456789012"},
        {"LAchildID": "B", "UPN": "A1234X6789012"},  # X in position 6
        {"LAchildID": "C", "UPN": "A123"},  # too short to hold 8 digits there: any length
        {"LAchildID": "D", "UPN": None},
    ]
    assert flagged("1540", cin(ChildIdentifiers=children)) == {"ChildIdentifiers": [3, 4]}


def test_1550_the_last_character():
    children = [
        {"LAchildID": "A", "UPN": "A123456789012"},
        {"LAchildID": "B", "UPN": "A12345678901A"},
        {"LAchildID": "C", "UPN": "A12345678901I"},  # I is never used
        {"LAchildID": "D", "UPN": "A12345678901S"},
    ]
    assert flagged("1550", cin(ChildIdentifiers=children)) == {"ChildIdentifiers": [4, 5]}


def test_1560q_a_former_upn_is_a_letter_and_12_digits():
    children = [
        {"LAchildID": "A", "FormerUPN": "A123456789012"},
        {"LAchildID": "B", "FormerUPN": "A12345678901A"},  # temporary format: queried
        {"LAchildID": "C", "FormerUPN": "1123456789012"},
        {"LAchildID": "D", "FormerUPN": "A12345"},
        {"LAchildID": "E", "FormerUPN": None},
    ]
    assert flagged("1560Q", cin(ChildIdentifiers=children)) == {"ChildIdentifiers": [3, 4, 5]}


def test_1570_an_id_of_at_most_20_characters_from_2024_25():
    children = [{"LAchildID": "A" * 20}, {"LAchildID": "B" * 21}]
    assert flagged("1570", cin(ChildIdentifiers=children)) == {"ChildIdentifiers": [3]}
    assert "1570" not in codes(2024) and "1570" in codes(2027)


def test_1580_an_id_of_letters_and_digits_only_from_2024_25():
    children = [{"LAchildID": "AB12"}, {"LAchildID": "AB-12"}, {"LAchildID": "AB 1"}, {}]
    assert flagged("1580", cin(ChildIdentifiers=children)) == {"ChildIdentifiers": [3, 4]}
    assert "1580" not in codes(2024)
