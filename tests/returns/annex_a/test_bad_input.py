"""Bad Annex A uploads: each refused or reported cleanly, naming file, sheet, row and field."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from tests.returns.annex_a.conftest import by_code, codes, raw_workbook, workbook
from trajectory.returns.annex_a import workbook as xlsx

CONTACTS = ["Child Unique ID", "Date of Contact", "Contact Source"]


def _only_error(result, code):
    errors = result.log.errors
    assert [e.code for e in errors if e.code != "no_lists"] == [code], result.log.kept
    assert not any(e.code == "reader_failed" for e in errors)
    return next(e for e in errors if e.code == code)


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (b"", "empty_file", "is empty"),
        (b"Child Unique ID,Date of Contact\n1,01/01/2025\n", "not_xlsx", "perhaps a CSV"),
        (bytes(range(256)) * 4, "not_xlsx", "not a workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old_excel_format", ".xls"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 80 + "EncryptionInfo".encode("utf-16-le"),
            "encrypted",
            "password",
        ),
    ],
)
def test_files_that_are_not_workbooks(read, data, code, words):
    result = read(data)

    error = _only_error(result, code)
    assert error.file == "annex_a.xlsx" and words in error.message
    assert by_code(result, "no_lists") and result.frames == {}


def test_a_truncated_workbook(read):
    data = workbook({"List 1": [CONTACTS] + [[str(i), "01/01/2025", "6"] for i in range(200)]})
    for cut in (len(data) // 2, len(data) - 10, 30):
        result = read(data[:cut])
        assert result.log.has_errors
        assert {e.code for e in result.log.errors} <= {"corrupt_xlsx", "corrupt_sheet", "no_lists"}


def test_a_zip_that_is_not_a_workbook(read):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    error = _only_error(read(out.getvalue()), "not_xlsx")
    assert "no xl/workbook.xml" in error.message


def test_a_zip_bomb_is_refused_before_it_is_unpacked(read):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 20_000_000)
    assert len(out.getvalue()) < 100_000
    error = _only_error(read(out.getvalue()), "zip_bomb")
    assert "sheet1.xml" in error.message


def test_a_workbook_with_no_list_is_refused(read):
    result = read(workbook({"Summary": [["Contacts this year", 1200]], "Sheet2": []}))

    assert codes(result) == ["unknown_sheet", "unknown_sheet", "no_lists"]
    assert result.log.errors[0].file == "(upload)"


def test_a_sheet_named_as_a_list_without_its_key_columns(read):
    result = read(workbook({"List 7": [["Child ID", "Category of abuse"], ["1", "Neglect"]]}))

    error = _only_error(result, "missing_key_column")
    assert error.column == "List 7"
    assert "Child Protection Plan Start Date" in error.message


def test_duplicate_children_where_a_list_holds_each_once(read):
    headers = ["Child ID", "CIN Start Date", "Primary Need Code"]
    rows = [
        headers,
        ["1", "01/04/2024", "N1"],
        ["2", "01/04/2024", "N1"],
        ["1", "01/04/2024", "N2"],
    ]
    result = read(workbook({"List 6": rows}))

    error = _only_error(result, "duplicate_row")
    assert (error.file, error.row, error.column, error.value) == (
        "annex_a.xlsx",
        4,
        "List 6: Child Unique ID",
        "1",
    )
    assert "already, in row 2" in error.message


def test_a_care_leaver_listed_twice(read):
    rows = [["Child ID", "Eligibility Category"], ["7", "Relevant"], ["7", "Former relevant"]]
    error = _only_error(read(workbook({"List 9": rows})), "duplicate_row")
    assert error.row == 3


def test_the_same_contact_twice_is_a_warning(read):
    rows = [CONTACTS, ["1", "01/01/2025", "6"], ["1", "01/01/2025", "6"]]
    result = read(workbook({"List 1": rows}))

    assert not result.log.has_errors
    assert [(p.row, p.severity) for p in by_code(result, "duplicate_row")] == [(3, "warning")]


def test_bad_values_name_file_sheet_row_field_and_value(read):
    rows = [
        CONTACTS + ["Age of Child (Years)"],
        ["", "01/01/2025", "6", 3],
        ["2", "31/02/2025", "6", 3],
        ["3", "01/01/25", "6", "three"],
        ["١٢٣", "01/01/2025", "6", -1],
    ]
    result = read(workbook({"List 1": rows}))

    found = [(p.row, p.column, p.value, p.code) for p in result.log.errors]
    assert found == [
        (2, "List 1: Child Unique ID", "", "blank_key"),
        (3, "List 1: Date of Contact", "31/02/2025", "bad_date"),
        (4, "List 1: Date of Contact", "01/01/25", "bad_date"),
        (4, "List 1: Age of Child (Years)", "three", "bad_integer"),
        (5, "List 1: Child Unique ID", "١٢٣", "bad_identifier"),  # noqa: RUF001
        (5, "List 1: Age of Child (Years)", "-1", "bad_integer"),
    ]
    assert all(p.file == "annex_a.xlsx" for p in result.log.errors)
    assert result.log.errors[1].line().startswith("annex_a.xlsx:3: List 1: Date of Contact:")


def test_two_sheets_holding_one_list(read):
    rows = [CONTACTS, ["1", "01/01/2025", "6"]]
    result = read(workbook({"List 1": rows, "Contacts": rows}))

    error = _only_error(result, "duplicate_list")
    assert error.column == "Contacts" and "“List 1”" in error.message


def test_a_file_too_large_is_not_read(read):
    error = _only_error(read(workbook({"List 1": [CONTACTS]}), max_bytes=100), "too_large")
    assert error.value.isdigit()


def _rows(count: int):
    header = (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>Child ID</t></is></c>'
        b'<c r="B1" t="inlineStr"><is><t>Date of Contact</t></is></c></row>'
    )
    yield header
    batch = []
    for n in range(2, count + 2):
        batch.append(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="B{n}"><v>45700</v></c></row>')
        if len(batch) == 50_000:
            yield "".join(batch).encode()
            batch = []
    yield "".join(batch).encode()


@pytest.mark.parametrize("dimension", ["A1:B1000002", None])
def test_a_million_row_sheet_is_refused_quickly(read, dimension):
    data = raw_workbook(_rows(1_000_001), dimension=dimension)
    started = time.monotonic()
    result = read(data, max_bytes=200_000_000)
    elapsed = time.monotonic() - started

    error = _only_error(result, "too_many_rows")
    assert "Sheet “List 1”" in error.message and "more than 1,000,001 rows" in error.message
    assert elapsed < 10, elapsed  # streaming it would take about a minute


def test_rows_beyond_the_cap_are_counted_when_the_dimension_is_missing(read, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 1_000)
    small = raw_workbook(_rows(1_000), dimension=None)
    big = raw_workbook(_rows(1_001), dimension=None)

    assert read(small).frames["List1"].height == 1_000
    error = _only_error(read(big), "too_many_rows")
    assert error.row is None and "“List 1”" in error.message and "more than 1,001" in error.message


def test_rows_beyond_the_cap_are_refused_while_streaming(read, monkeypatch):
    """The last net, should the count before parsing ever miss rows."""
    monkeypatch.setattr(xlsx, "MAX_ROWS", 1_000)
    monkeypatch.setattr(xlsx, "_rows_written", lambda archive, members: iter(()))

    result = read(raw_workbook(_rows(1_001), dimension=None))
    error = _only_error(result, "too_many_rows")
    assert error.row == 1_002
    assert result.recognition[0].list_name == ""
    assert result.recognition[0].note == "recognised as List1 but not read: more than 1,000 rows"


def test_a_lying_dimension_does_not_hide_rows(read):
    data = raw_workbook(_rows(30), dimension="A1:B2")
    assert read(data).frames["List1"].height == 30


def test_a_workbook_of_too_many_rows_in_all_is_refused(read, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_WORKBOOK_ROWS", 100)
    rows = [CONTACTS] + [[str(i), "01/01/2025", "6"] for i in range(60)]

    error = _only_error(read(workbook({"List 1": rows, "List 3": rows})), "too_many_rows")
    assert "more than 100 rows in its sheets" in error.message


def test_duplicates_beyond_the_logs_room_are_counted_exactly():
    import polars as pl

    from trajectory.returns.annex_a import reader
    from trajectory.returns.annex_a.schema import LISTS_BY_NUMBER
    from trajectory.returns.problems import ProblemLog

    care_leavers = LISTS_BY_NUMBER[9]
    frame = pl.DataFrame(
        {"Child Unique ID": ["7"] * 6, "_row": list(range(2, 8))},
        schema_overrides={"_row": pl.Int64},
    )
    log = ProblemLog(keep_at_most=2)
    reader._duplicates("annex_a.xlsx", "List 9", care_leavers, frame, log)

    assert log.counts["error"] == 5 and [p.row for p in log.kept] == [3, 4]
    assert log.truncated


def test_a_huge_table_of_shared_text_is_refused(read, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_SHARED_STRINGS", 1_000)
    strings = "".join(f"<si><t>text {i}</t></si>" for i in range(100))
    table = (
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>'
    )
    data = raw_workbook(_rows(3), extra={"xl/sharedStrings.xml": table})

    error = _only_error(read(data), "too_large_part")
    assert "table of text" in error.message
