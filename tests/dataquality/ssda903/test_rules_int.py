"""SSDA903 INT01-INT36: the tables agree with the Header and hold one row per child."""

from __future__ import annotations

from datetime import date

import pytest

from tests.dataquality.conftest import flagged, not_run, ret

HEADER = [
    {"CHILD": "A", "SEX": "M", "DOB": date(2012, 2, 29)},
    {"CHILD": "B", "SEX": "F", "DOB": date(2010, 6, 1)},
]

IN_HEADER = [
    ("INT01", "AD1"),
    ("INT02", "PlacedAdoption"),
    ("INT03", "Episodes"),
    ("INT04", "Missing"),
    ("INT05", "OC2"),
    ("INT06", "OC3"),
    ("INT07", "PrevPerm"),
    ("INT08", "Reviews"),
    ("INT09", "UASC"),
]
HEADER_DOB = [
    ("INT11", "AD1"),
    ("INT12", "PlacedAdoption"),
    ("INT13", "Missing"),
    ("INT14", "OC2"),
    ("INT15", "OC3"),
    ("INT16", "PrevPerm"),
    ("INT17", "Reviews"),
    ("INT18", "UASC"),
]
ONE_ROW = [
    ("INT31", "AD1"),
    ("INT32", "Header"),
    ("INT33", "OC2"),
    ("INT34", "OC3"),
    ("INT35", "PrevPerm"),
    ("INT36", "UASC"),
]
YEARS = [2023, 2025, 2027]


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize(("code", "name"), IN_HEADER)
def test_a_child_missing_from_the_header_is_flagged(code, name, year):
    # Rows 2 and 3 are children of the Header; row 4's child C is not.
    rows = [{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "C"}]
    assert flagged(code, ret(year=year, Header=HEADER, **{name: rows})) == {name: [4]}


@pytest.mark.parametrize(("code", "name"), IN_HEADER)
def test_every_child_in_the_header_passes(code, name):
    rows = [{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "B"}]
    assert flagged(code, ret(Header=HEADER, **{name: rows})) == {}


@pytest.mark.parametrize(("code", "name"), IN_HEADER)
def test_without_a_header_nothing_is_compared(code, name):
    # The spec: no-op when either table is not loaded; said so, not passed silently.
    found = ret(**{name: [{"CHILD": "C"}]})
    assert not_run(code, found) == "not run: no Header table in the return"


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize(("code", "name"), HEADER_DOB)
def test_a_date_of_birth_unlike_the_headers_is_flagged(code, name, year):
    rows = [
        {"CHILD": "A", "DOB": date(2012, 2, 29)},  # the Header's: a leap-day birth, passes
        {"CHILD": "A", "DOB": date(2012, 3, 1)},  # a day later: flagged
        {"CHILD": "B", "DOB": date(2010, 6, 1)},  # passes
        {"CHILD": "B", "DOB": None},  # blank (or unreadable): skipped
        {"CHILD": "C", "DOB": date(2001, 1, 1)},  # not in the Header: skipped
    ]
    assert flagged(code, ret(year=year, Header=HEADER, **{name: rows})) == {name: [3]}


@pytest.mark.parametrize(("code", "name"), HEADER_DOB)
def test_a_blank_header_date_of_birth_is_skipped(code, name):
    header = [{"CHILD": "A", "SEX": "M", "DOB": None}]
    rows = [{"CHILD": "A", "DOB": date(2012, 3, 1)}]
    assert flagged(code, ret(Header=header, **{name: rows})) == {}


@pytest.mark.parametrize(("code", "name"), HEADER_DOB)
def test_date_of_birth_needs_both_tables(code, name):
    found = ret(**{name: [{"CHILD": "A", "DOB": date(2012, 3, 1)}]})
    assert not_run(code, found) == "not run: no Header table in the return"


@pytest.mark.parametrize("year", YEARS)
def test_int21_a_uasc_sex_unlike_the_headers_is_flagged(year):
    uasc = [
        {"CHILD": "A", "SEX": "M"},  # matches
        {"CHILD": "A", "SEX": "F"},  # differs: flagged
        {"CHILD": "B", "SEX": "f"},  # F as written in lower case: the same code
        {"CHILD": "B", "SEX": None},  # blank: skipped
        {"CHILD": "C", "SEX": "M"},  # not in the Header: skipped
    ]
    assert flagged("INT21", ret(year=year, Header=HEADER, UASC=uasc)) == {"UASC": [3]}


def test_int21_a_blank_header_sex_is_skipped_and_both_tables_are_needed():
    header = [{"CHILD": "A", "SEX": None, "DOB": date(2012, 2, 29)}]
    assert flagged("INT21", ret(Header=header, UASC=[{"CHILD": "A", "SEX": "F"}])) == {}
    found = ret(UASC=[{"CHILD": "A", "SEX": "F"}])
    assert not_run("INT21", found) == "not run: no Header table in the return"


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize(("code", "name"), ONE_ROW)
def test_every_row_of_a_repeated_child_is_flagged(code, name, year):
    rows = [{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "A"}, {"CHILD": "C"}]
    # A appears at rows 2 and 4: both flagged; B and C once each.
    assert flagged(code, ret(year=year, **{name: rows})) == {name: [2, 4]}


@pytest.mark.parametrize(("code", "name"), ONE_ROW)
def test_one_row_per_child_passes(code, name):
    rows = [{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "a"}]  # identifiers are case-sensitive
    assert flagged(code, ret(**{name: rows})) == {}
