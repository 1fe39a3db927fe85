"""The CIN reader on a hand-written census: every table, row for row, and the year."""

from __future__ import annotations

from datetime import date

import polars as pl

from tests.returns.cin.conftest import SMALL
from trajectory.returns import collection_year as years

D = date


def _codes(result) -> list[tuple[str, int | None, str]]:
    return [(p.code, p.row, p.column) for p in result.log.kept]


def test_every_table_is_read_as_written(read):
    result = read("cin.xml", SMALL)
    assert _codes(result) == []
    assert result.year == years.CollectionYear(2025)
    assert result.year_inferred_from == "the header's collection year 2024-25"
    tables = result.tables
    assert tables["Header"].row(0, named=True) == {
        "Collection": "CIN",
        "Year": "2025",
        "ReferenceDate": D(2025, 3, 31),
        "SourceLevel": "L",
        "LEA": "990",
        "SoftwareCode": None,
        "Release": None,
        "SerialNo": None,
        "DateTime": "2025-05-01T10:00:00",
    }
    assert tables["ChildIdentifiers"].select(
        "LAchildID", "UPN", "UPNunknown", "PersonBirthDate", "Sex"
    ).rows() == [
        ("C1", "A990000000001", None, D(2015, 6, 1), "F"),
        ("C2", None, "UN1", D(2022, 1, 9), "M"),
    ]
    assert tables["ChildCharacteristics"].rows() == [("C1", "WBRI"), ("C2", "MWBA")]
    assert tables["Disabilities"].rows() == [("C1", "HAND"), ("C1", "HEAR"), ("C2", "NONE")]
    assert tables["CINdetails"].rows() == [
        ("C1", 1, D(2024, 5, 1), "6", "N1", None, None, None, False),
        ("C2", 1, D(2024, 4, 10), "3B", None, D(2024, 4, 12), "RC7", None, True),
        ("C2", 2, D(2024, 11, 1), "2A", "N4", None, None, None, False),
    ]
    assert tables["Assessments"].rows() == [
        ("C1", 1, 1, D(2024, 5, 2), None, D(2024, 6, 10)),
        ("C2", 2, 1, D(2024, 11, 4), None, None),
    ]
    assert tables["AssessmentFactors"].rows() == [("C1", 1, 1, "3B"), ("C1", 1, 1, "4B")]
    assert tables["CINplanDates"].rows() == [("C2", 2, D(2025, 1, 6), None)]
    assert tables["Section47"].rows() == [
        ("C1", 1, D(2024, 5, 3), D(2024, 5, 24), D(2024, 5, 20), False)
    ]
    assert tables["ChildProtectionPlans"].rows() == [
        ("C1", 1, 1, D(2024, 5, 20), None, "NEG", "EMO", 1)
    ]
    assert tables["CPPreviews"].rows() == [
        ("C1", 1, 1, D(2024, 8, 15)),
        ("C1", 1, 1, D(2025, 2, 10)),
    ]
    assert tables["ChildProtectionPlans"].schema["NumberOfPreviousCPP"] == pl.Int64
    assert tables["CINdetails"].schema["ReferralNFA"] == pl.Boolean


def test_each_row_knows_the_line_of_its_element(read):
    frames = read("cin.xml", SMALL).frames
    lines = SMALL.splitlines()
    for table, element in (
        ("CINdetails", "<CINdetails>"),
        ("CPPreviews", "<CPPreviewDate>"),
        ("Disabilities", "<Disability>"),
    ):
        expected = [n for n, text in enumerate(lines, start=1) if element in text]
        assert frames[table]["_row"].to_list() == expected


def test_a_declared_year_other_than_the_headers_is_refused(read):
    result = read("cin.xml", SMALL, year=years.parse("2023-24"))
    assert [(p.code, p.row, p.column) for p in result.log.errors] == [("wrong_year", 3, "Year")]
    assert "for 2023-24 but this file's header is for 2024-25" in result.log.errors[0].message


def test_the_same_child_twice_is_an_error_on_each_row(read):
    twice = SMALL.replace("<LAchildID>C2</LAchildID>", "<LAchildID>C1</LAchildID>")
    result = read("cin.xml", twice)
    assert [(p.code, p.row, p.value) for p in result.log.errors] == [
        ("8510", 17, "C1"),
        ("8510", 62, "C1"),
    ]


def test_gender_current_in_a_sex_year_is_kept_and_warned_about(read):
    older = SMALL.replace("<Sex>F</Sex>", "<GenderCurrent>2</GenderCurrent>")
    result = read("cin.xml", older)
    assert _codes(result) == [("field_of_other_year", 17, "GenderCurrent")]
    assert result.tables["ChildIdentifiers"]["GenderCurrent"].to_list() == ["2", None]
    assert not result.log.has_errors


def test_earlier_years_use_their_own_lists(read):
    earlier = (
        SMALL.replace("<Year>2025</Year>", "<Year>2022</Year>")
        .replace("2025-03-31", "2022-03-31")
        .replace("<ReferralSource>2A</ReferralSource>", "<ReferralSource>5D</ReferralSource>")
    )
    result = read("cin.xml", earlier)
    assert _codes(result) == [  # 5D is from 2022-23; Sex from 2024-25
        ("field_of_other_year", 17, "Sex"),
        ("field_of_other_year", 62, "Sex"),
        ("8866", 79, "ReferralSource"),
    ]


def test_the_year_comes_from_the_header_or_else_the_latest_referral(read):
    no_header = SMALL[: SMALL.index("  <Header>")] + SMALL[SMALL.index("  <Children>") :]
    result = read("cin.xml", no_header)
    assert result.year == years.CollectionYear(2025)
    assert result.year_inferred_from == "the latest referral date 1 November 2024"


def test_unknown_elements_are_warned_about_once_and_left_out(read):
    odd = SMALL.replace("<Ethnicity>", "<Nickname>x</Nickname><Ethnicity>")
    result = read("cin.xml", odd)
    assert [(p.code, p.row, p.severity) for p in result.log.kept] == [
        ("unknown_element", 24, "warning")
    ]
    assert "(2 times; the first is shown)" in result.log.kept[0].message


def test_bad_values_name_their_line_and_field(read):
    bad = (
        SMALL.replace("<CINreferralDate>2024-05-01", "<CINreferralDate>01/13/2024")
        .replace(
            "<ReferralNFA>0</ReferralNFA>\n        <ChildProtectionPlans>",
            "<ReferralNFA>perhaps</ReferralNFA>\n        <ChildProtectionPlans>",
        )
        .replace("<NumberOfPreviousCPP>1<", "<NumberOfPreviousCPP>-1<")
    )
    result = read("cin.xml", bad)
    assert _codes(result) == [
        ("bad_date", 30, "CINreferralDate"),
        ("8568", 30, "ReferralNFA"),
        ("8730", 49, "NumberOfPreviousCPP"),
    ]
