"""Annex A workbooks built by hand, read into exact tables with an exact recognition report."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tests.returns.annex_a.conftest import by_code, codes, workbook
from trajectory.returns import collection_year as years
from trajectory.returns.annex_a.reader import match_columns
from trajectory.returns.annex_a.schema import LISTS_BY_NAME, LISTS_BY_NUMBER

CONTACT_HEADERS = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Date of Contact",
    "Contact Source",
]
REFERRAL_HEADERS = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Date of referral",
    "Referral Source",
    "Referral NFA?",
    "Number of Referrals in Last 12 Months",
    "Allocated Team",
    "Allocated Worker",
]


def _template() -> bytes:
    return workbook(
        {
            "List 1": [
                CONTACT_HEADERS,
                # a real date, a number for the id, the template's drop-down values
                [1001, "a) Male", "a) WBRI", datetime(2012, 2, 1), 13, datetime(2025, 1, 6),
                 "e) 2A: Schools"],
                # text dates, the label in full, an Excel serial date (45663 = 6 January 2025)
                ["1002", "Female", "White British", "15/06/2014", "10", 45663, "q) 6: Police"],
            ],
            "List 3": [
                REFERRAL_HEADERS,
                ["1001", "M", "WBRI", "2012-02-01", 13, "07/01/2025", "2A", "b) No", 1,
                 "Assessment North", "SW1001"],
            ],
        }
    )  # fmt: skip


def test_template_workbook_read_into_exact_tables(read):
    result = read(_template())

    assert not result.log.has_errors, result.log.kept
    assert codes(result) == []
    expected_contacts = pl.DataFrame(
        {
            "Child Unique ID": ["1001", "1002"],
            "Gender": ["M", "F"],
            "Ethnicity": ["WBRI", "WBRI"],
            "Date of Birth": [date(2012, 2, 1), date(2014, 6, 15)],
            "Age of Child (Years)": [13, 10],
            "Date of Contact": [date(2025, 1, 6), date(2025, 1, 6)],
            "Contact Source": ["2A", "6"],
        },
        schema=LISTS_BY_NAME["List1"].schema,
    )
    assert_frame_equal(result.tables["List1"], expected_contacts)
    assert result.frames["List1"]["_row"].to_list() == [2, 3]
    referral = result.tables["List3"].row(0, named=True)
    assert referral == {
        "Child Unique ID": "1001",
        "Gender": "M",
        "Ethnicity": "WBRI",
        "Date of Birth": date(2012, 2, 1),
        "Age of Child (Years)": 13,
        "Date of referral": date(2025, 1, 7),
        "Referral Source": "2A",
        "Referral NFA?": "N",
        "Number of Referrals in Last 12 Months": 1,
        "Allocated Team": "Assessment North",
        "Allocated Worker": "SW1001",
    }
    assert result.sources == {"List1": "annex_a.xlsx", "List3": "annex_a.xlsx"}
    assert result.files[0].tables == ["List1", "List3"]
    assert result.files[0].format == "xlsx"


def test_recognition_report_says_how_each_sheet_and_column_was_matched(read):
    result = read(_template())

    first, second = result.recognition
    assert (first.sheet, first.list_name, first.recognised_by, first.header_row, first.rows) == (
        "List 1",
        "List1",
        "sheet name and headers",
        1,
        2,
    )
    assert [(c.letter, c.header, c.field, c.matched_by) for c in first.columns] == [
        (letter, header, header, "exact")
        for letter, header in zip("ABCDEFG", CONTACT_HEADERS, strict=True)
    ]
    assert first.missing == []
    assert second.list_name == "List3" and second.rows == 1
    assert result.recognition_report()[0]["list_name"] == "List1"


def test_header_variants_are_matched_by_pattern(read):
    headers = ["CHILD ID", "Sex", "ETHNICITY", "Date of birth (DD/MM/YYYY)", "Age",
               " contact date ", "Source of contact"]  # fmt: skip
    result = read(workbook({"Contacts": [headers, ["1", "F", "WBRI", "01/01/2015", 9,
                                                     "01/02/2025", "6"]]}))  # fmt: skip

    assert not result.log.has_errors, result.log.kept
    sheet = result.recognition[0]
    assert sheet.list_name == "List1"
    assert [c.field for c in sheet.columns] == CONTACT_HEADERS
    matched_by = {c.header: c.matched_by for c in sheet.columns}
    assert matched_by["CHILD ID"].startswith("pattern ")
    assert matched_by["ETHNICITY"] == "exact"  # case is not a difference
    assert matched_by["Date of birth (DD/MM/YYYY)"] == "exact"  # nor is a format hint
    assert result.tables["List1"]["Date of Contact"].to_list() == [date(2025, 2, 1)]


@pytest.mark.parametrize(
    "header",
    ["Child Unique ID", "Child ID", "CHILD ID", "ChildID", "child_unique_id", "Child Unique Id ",
     "Person ID", "Mosaic ID", "Child Ref"],
)  # fmt: skip
def test_child_identifier_spellings(header):
    columns = match_columns(LISTS_BY_NUMBER[1], [header, "Date of Contact"])
    assert columns[0].field == "Child Unique ID"


@pytest.mark.parametrize("header", ["Date of Birth", "DOB", "D.O.B.", "Date of birth (DD/MM/YYYY)",
                                    "Birth date", "date_of_birth"])  # fmt: skip
def test_date_of_birth_spellings(header):
    columns = match_columns(LISTS_BY_NUMBER[1], [header])
    assert columns[0].field == "Date of Birth"


def test_sheet_recognised_by_headers_alone_and_a_title_row_above_them(read):
    rows = [["Referrals, April 2024 to March 2025"], [], REFERRAL_HEADERS,
            ["9", "M", "WBRI", None, 3, "01/03/2025", "6", "No", 2, "T", "W"]]  # fmt: skip
    result = read(workbook({"Sheet1": rows}))

    sheet = result.recognition[0]
    assert (sheet.list_name, sheet.recognised_by, sheet.header_row) == ("List3", "headers", 3)
    assert result.frames["List3"]["_row"].to_list() == [4]


def test_a_sheet_named_for_one_list_with_anothers_headers_is_read_as_the_other(read):
    rows = [REFERRAL_HEADERS, ["9", "M", "WBRI", None, 3, "01/03/2025", "6", "No", 2, "T", "W"]]
    result = read(workbook({"Contacts": rows}))

    assert list(result.tables) == ["List3"]
    (warning,) = by_code(result, "sheet_name_differs")
    assert warning.severity == "warning" and warning.column == "Contacts"


def test_unknown_sheets_and_columns_are_warnings_and_the_lists_are_still_read(read):
    data = workbook(
        {
            "Front sheet": [["Council", "Westshire"], ["Prepared", "2025-04-01"]],
            "Empty": [],
            "List 1": [[*CONTACT_HEADERS, "Notes"],
                       ["1", "M", "WBRI", None, 1, "01/03/2025", "6", "seen"]],
        }
    )  # fmt: skip
    result = read(data)

    assert not result.log.has_errors
    unknown = by_code(result, "unknown_sheet")
    assert [(p.column, p.severity) for p in unknown] == [
        ("Front sheet", "warning"),
        ("Empty", "warning"),
    ]
    (column,) = by_code(result, "unknown_column")
    assert column.column == "List 1: Notes" and "Column H" in column.message
    front, empty, contacts = result.recognition
    assert front.list_name == "" and "matches no list" in front.note
    assert [c.header for c in front.columns] == ["Council", "Westshire"]
    assert empty.note == "the sheet is empty"
    assert contacts.columns[-1].field == "" and contacts.columns[-1].matched_by == "not matched"
    assert "Front sheet: not recognised" in "\n".join(result.recognition_lines())


def test_missing_non_key_columns_are_read_blank_and_reported_once(read):
    result = read(workbook({"List 1": [["Child ID", "Date of Contact"], ["1", "01/03/2025"]]}))

    (warning,) = by_code(result, "missing_columns")
    assert warning.severity == "warning"
    assert "5 of List 1 (contacts)'s 7 columns" in warning.message
    assert result.recognition[0].missing == [
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Contact Source",
    ]
    assert result.tables["List1"]["Gender"].to_list() == [None]


def test_values_outside_the_templates_lists_are_kept_and_warned_about(read):
    row = ["1", "Boy", "Martian", None, None, "01/03/2025", "6"]
    result = read(workbook({"List 1": [CONTACT_HEADERS, row]}))

    assert result.tables["List1"]["Gender"].to_list() == ["M"]  # "boy" is a label of M
    (warning,) = by_code(result, "unknown_code")
    assert (warning.row, warning.column, warning.value) == (2, "List 1: Ethnicity", "Martian")


def test_the_year_is_that_of_the_latest_date_unless_declared(read):
    rows = [
        CONTACT_HEADERS,
        ["1", "M", "WBRI", "01/01/2024", 1, "31/03/2025", "6"],
        ["2", "M", "WBRI", "01/01/2024", 1, "01/01/2099", "6"],
    ]
    data = workbook({"List 1": rows})
    inferred = read(data)
    declared = read(data, year=years.parse("2024-25"))

    # 2099 is after the upload day, so a typing error, not the period
    assert inferred.year.label == "2024-25"
    assert inferred.year_inferred_from == (
        "the latest date in the lists, 31 March 2025 (List 1 (contacts), Date of Contact)"
    )
    assert declared.year.label == "2024-25" and declared.year_inferred_from == ""
    assert declared.log.kept == []


def test_a_declared_year_the_lists_do_not_fit_is_kept_with_a_warning(read):
    rows = [["Child ID", "Date of Contact"], ["1", "31/03/2025"], ["2", "02/04/2025"]]
    data = workbook({"List 1": rows})

    later = read(data, year=years.parse("2026-27"))  # say, the inspection's year
    assert not later.log.has_errors and later.year.label == "2026-27"
    (warning,) = by_code(later, "year_without_dates")
    assert warning.severity == "warning" and warning.value == "2026-27"
    assert "the latest is 2 April 2025 (List 1 (contacts), Date of Contact)" in warning.message

    earlier = read(data, year=years.parse("2024-25"))  # the months before an inspection
    assert not earlier.log.has_errors
    assert [(p.code, p.severity) for p in earlier.log.kept if p.code != "missing_columns"] == [
        ("year_differs", "warning")
    ]


def test_date_forms(read):
    texts = ["03/03/2025", "3/3/2025", "2025-03-03", "03-03-2025", "03.03.2025", "3 March 2025",
             "3-Mar-2025", "03/03/2025 00:00:00", datetime(2025, 3, 3), 45719, "45719"]  # fmt: skip
    rows = [["Child ID", "Date of Contact"]] + [[str(i), text] for i, text in enumerate(texts)]
    result = read(workbook({"List 1": rows}))

    assert not result.log.has_errors, result.log.kept
    assert set(result.tables["List1"]["Date of Contact"].to_list()) == {date(2025, 3, 3)}


def test_a_sheet_named_as_a_list_needs_only_its_key_columns(read):
    result = read(workbook({"Care leavers": [["Child ID", "Team"], ["1", "Leaving care"]]}))

    assert not result.log.has_errors, result.log.kept
    assert result.tables["List9"]["Allocated Team"].to_list() == ["Leaving care"]


def test_rows_read_in_chunks_make_the_same_table(read, monkeypatch):
    from trajectory.returns.annex_a import reader

    data = _template()
    whole = read(data)
    monkeypatch.setattr(reader, "CHUNK_ROWS", 1)
    chunked = read(data)

    for name in ("List1", "List3"):
        assert_frame_equal(chunked.frames[name], whole.frames[name])
    assert chunked.recognition[0].rows == 2


def test_headers_repeated_on_every_page_of_an_export_are_skipped(read):
    rows = [["Child ID", "Date of Contact"], ["1", "01/03/2025"], [" CHILD ID", "Date of contact"],
            ["2", "02/03/2025"]]  # fmt: skip
    result = read(workbook({"List 1": rows}))

    assert result.frames["List1"]["_row"].to_list() == [2, 4]
    (warning,) = by_code(result, "repeated_header")
    assert warning.row == 3 and warning.severity == "warning"
