"""The date-format rules (112, 113, 115, 116, 141, 147, 171, 104's first limb, 701, 1005,
SW04STG1, SW05STG1): a date filled in but not readable as a date is flagged; a date, or a
blank, is not. The reader keeps each date as written beside the date it read
(returns/ssda903/values.py)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.dataquality.conftest import flagged, ret

FORMAT = [
    ("112", "AD1", "DATE_INT"),
    ("113", "AD1", "DATE_MATCH"),
    ("115", "PlacedAdoption", "DATE_PLACED"),
    ("116", "PlacedAdoption", "DATE_PLACED_CEASED"),
    ("141", "Episodes", "DECOM"),
    ("147", "Episodes", "DEC"),
    ("171", "Header", "MC_DOB"),
    ("1005", "Missing", "MIS_END"),
]


@pytest.mark.parametrize(("code", "table", "field"), FORMAT)
@pytest.mark.parametrize("year", [2023, 2025, 2027])
def test_a_date_not_readable_is_flagged_and_a_date_or_blank_is_not(code, table, field, year):
    rows = [
        {"CHILD": "A", field: "31/02/2024"},  # row 2: no such day: flagged
        {"CHILD": "B", field: "next week"},  # row 3: not a date: flagged
        {"CHILD": "C", field: date(2024, 2, 29)},  # row 4: a leap day: a date
        {"CHILD": "D", field: None},  # row 5: blank: allowed
        {"CHILD": "E", field: "2024-06-01"},  # row 6: DfE's XML form: a date
    ]
    assert flagged(code, ret(year=year, **{table: rows})) == {table: [2, 3]}


def test_701_a_deprivation_of_liberty_end_not_a_date_is_flagged():
    rows = [
        {"CHILD": "A", "DOLO_END": "31/13/2026"},  # no such month: flagged
        {"CHILD": "B", "DOLO_END": date(2026, 5, 1)},
        {"CHILD": "C", "DOLO_END": None},  # in force: allowed
    ]
    assert flagged("701", ret(year=2027, DoLo=rows)) == {"DoLo": [2]}


def test_104_a_uasc_end_not_a_date_or_before_the_year_is_flagged():
    uasc = [
        {"CHILD": "A", "DUC": "32/01/2025"},  # not a date: flagged
        {"CHILD": "B", "DUC": date(2024, 3, 31)},  # before 1 April 2024: flagged
        {"CHILD": "C", "DUC": date(2024, 4, 1)},  # the year's first day: passes
        {"CHILD": "D", "DUC": None},  # blank: passes
    ]
    assert flagged("104", ret(year=2025, UASC=uasc)) == {"UASC": [2, 3]}


@pytest.mark.parametrize(("code", "field"), [("SW04STG1", "SW_DECOM"), ("SW05STG1", "SW_DEC")])
def test_social_worker_dates_allow_unknown_parts_only_until_2024_25(code, field):
    rows = [
        {"CHILD": "A", "SW_ID": "W1", field: "ZZ/06/2023"},  # unknown day
        {"CHILD": "A", "SW_ID": "W1", field: "ZZ/ZZ/ZZZZ"},  # all unknown
        {"CHILD": "A", "SW_ID": "W1", field: "soon"},  # not a date
        {"CHILD": "A", "SW_ID": "W1", field: date(2023, 6, 1)},
    ]
    # 2023-24 and 2024-25: the partial dates pass, the word does not.
    assert flagged(code, ret(year=2024, SWEpisodes=rows)) == {"SWEpisodes": [4]}
    assert flagged(code, ret(year=2025, SWEpisodes=rows)) == {"SWEpisodes": [4]}
    # From 2025-26 only whole dates.
    assert flagged(code, ret(year=2026, SWEpisodes=rows)) == {"SWEpisodes": [2, 3, 4]}
