"""Coded values as the template's drop-downs and councils' systems write them, each read as the
code it carries (schema.py); a value carrying none is kept as written."""

from __future__ import annotations

import pytest

from trajectory.returns.annex_a.schema import LISTS_BY_NUMBER
from trajectory.returns.annex_a.values import read_code

CASES = [
    (3, "Referral Source", "a) 1A: Individual", "1A"),
    (3, "Referral Source", "q) 6: Police", "6"),
    (3, "Referral Source", "Police", "6"),
    (3, "Referral Source", "Health visitor", "3B"),
    (3, "Referral Source", "School nurse", "3C"),  # not "school", 2A
    (3, "Referral Source", "Schools", "2A"),
    (3, "Referral Source", "Other legal agency", "7"),  # not "other", 8
    (3, "Referral Source", "Other", "8"),
    (3, "Referral Source", "u) 10: Unknown", "10"),  # not 1A..1D
    (3, "Referral NFA?", "a) Yes", "Y"),
    (3, "Referral NFA?", "No", "N"),
    (1, "Gender", "b) Female", "F"),
    (1, "Gender", "Not known", "U"),
    (1, "Ethnicity", "a) WBRI", "WBRI"),
    (1, "Ethnicity", "White British", "WBRI"),
    (1, "Ethnicity", "MWBA - White and Black African", "MWBA"),
    (6, "Primary Need Code", "N1 - Abuse or neglect", "N1"),
    (6, "Primary Need Code", "Family dysfunction", "N5"),
    (6, "Reason for Closure", "RC8 - Case closed after assessment, no further action", "RC8"),
    (6, "Reason for Closure", "Special guardianship order", "RC4"),
    (6, "Case Status", "a) Looked after child", "Looked after child"),
    (7, "Initial Category of Abuse", "a) Neglect", "NEG"),
    (7, "Latest Category of Abuse", "Emotional abuse", "EMO"),
    (8, "Child's Legal Status", "C2: FCO", "C2"),
    (8, "Child's Legal Status", "Section 20", "V2"),
    (8, "Placement Type", "c) U3: Foster placement - relative - not FFA", "U3"),
    (8, "Placement Type", "Foster placement - not FFA", "U6"),
    (8, "Placement Type", "Foster placement - relative - not FFA", "U3"),  # not U6's words
    (8, "Placement Type", "Temporary placement - hospital", "T1"),  # not T0's words
    (8, "Placement Type", "Children's Homes", "K2"),
    (8, "Placement Provider", "b) PR1: Own provision", "PR1"),
    (8, "Reason Ceased to be Looked After", "a) E11: Adopted - application unopposed", "E11"),
    (8, "Reason Ceased to be Looked After", "E4A", "E4A"),  # not E4B, nor E41
    (8, "Placement Location", "b) Out", "Out"),
    (9, "LA in Touch", "a) Yes", "YES"),
    (9, "Type of Accommodation", "D: Semi-independent, transitional accommodation", "D"),
    (9, "Activity Status", "F2: Full time in education other than higher", "F2"),
    (
        9,
        "Activity Status",
        "Not in education, employment or training - pregnancy or parenting",
        "G6",
    ),
    (9, "Type of Accommodation", "Semi-independent", "D"),
    (9, "Type of Accommodation", "Staying put", "Z"),
    (9, "Eligibility Category", "b) Former relevant child", "Former relevant"),
    (10, "Reason Why Child No Longer Placed for Adoption", "RD3 - Prospective adopters", "RD3"),
    (11, "Reason for leaving adoption process", "2 - Process put on hold", "2"),
]


@pytest.mark.parametrize(("number", "column", "value", "code"), CASES)
def test_a_value_is_read_as_its_code(number, column, value, code):
    assert read_code(LISTS_BY_NUMBER[number].field(column), value) == (code, True)


@pytest.mark.parametrize("value", ["Martian", "Foster care - somewhere", "7B", ""])
def test_a_value_carrying_no_code_is_kept_as_written(value):
    field = LISTS_BY_NUMBER[3].field("Referral Source")
    assert read_code(field, value) == (value, False)
