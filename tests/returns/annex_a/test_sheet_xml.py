"""The worksheet XML reader: each cell type, shared and inline strings, prefixes, and the XML a
hostile file might hold."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from tests.returns.annex_a.conftest import by_code, raw_workbook
from trajectory.returns.annex_a import sheet_xml
from trajectory.returns.annex_a.values import read_date

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _rows(xml: str, strings=()) -> list:
    source = io.BytesIO(f"<worksheet {MAIN}><sheetData>{xml}</sheetData></worksheet>".encode())
    return list(sheet_xml.rows(source, list(strings), max_columns=5))


def test_each_cell_type():
    xml = (
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>42</v></c><c r="C2"><v>4.5</v></c>'
        '<c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c></row>'
        '<row r="5"><c r="B5" t="inlineStr"><is><r><t>Child</t></r><r><t xml:space="preserve"> '
        'ID</t></r></is></c><c r="C5" t="str"><f>A1</f><v>from a formula</v></c>'
        '<c r="H5"><v>9</v></c></row>'
    )
    assert _rows(xml, ["zero", "one"]) == [
        (2, ["one", 42, 4.5, True, "#N/A"]),
        (5, [None, "Child ID", "from a formula"]),  # column H is past max_columns
    ]


def test_rows_and_cells_without_references_follow_on():
    assert _rows("<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>") == [
        (1, [1, 2]),
        (2, [3]),
    ]


def test_a_namespace_prefix():
    xml = (
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Hi</x:t></x:is></x:c>'
        "</x:row></x:sheetData></x:worksheet>"
    )
    assert list(sheet_xml.rows(io.BytesIO(xml.encode()), [], max_columns=3)) == [(1, ["Hi"])]


def test_shared_strings_join_runs_and_leave_out_phonetic_text():
    xml = (
        f"<sst {MAIN}><si><t>Plain</t></si><si><r><t>Rich </t></r><r><t>text</t></r>"
        "<rPh><t>ignored</t></rPh></si><si><t/></si></sst>"
    )
    assert sheet_xml.shared_strings(io.BytesIO(xml.encode())) == ["Plain", "Rich text", ""]


def test_a_shared_string_index_out_of_range_is_an_error():
    with pytest.raises(ValueError, match="shared string 7"):
        _rows('<row><c t="s"><v>7</v></c></row>', ["only"])


LAUGHS = (
    b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
)
EXTERNAL = b'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("prologue", [LAUGHS, EXTERNAL, b"<!DOCTYPE worksheet>"])
def test_entities_and_document_types_are_refused(read, prologue):
    rows = [b'<row r="1"><c r="A1" t="inlineStr"><is><t>Child ID &amp; c</t></is></c></row>']
    result = read(raw_workbook(rows, prologue=prologue))

    (error,) = by_code(result, "forbidden_xml")
    assert error.column == "List 1" and not any(p.code == "reader_failed" for p in result.log.kept)
    assert result.recognition[0].note == "it declares a document type or entities"


def test_the_1904_date_system(read):
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "List 1"
    sheet.append(["Child ID", "Date of Contact"])
    sheet.append(["1", 44257])  # 3 March 2025 counted from 1 January 1904 (45719 from 1900)
    out = io.BytesIO()
    book.save(out)

    result = read(out.getvalue())
    assert result.tables["List1"]["Date of Contact"].to_list() == [date(2025, 3, 3)]
    assert read_date(0, epoch_1904=True) == (date(1904, 1, 1), None)


def test_a_strict_ooxml_workbook(read):
    """ISO strict OOXML names the parts in http://purl.oclc.org/ooxml/ namespaces."""
    data = raw_workbook(
        [b'<row r="1"><c r="A1" t="inlineStr"><is><t>Child ID</t></is></c><c r="B1" '
         b't="inlineStr"><is><t>Date of Contact</t></is></c></row><row r="2"><c r="A2">'
         b'<v>7</v></c><c r="B2"><v>45719</v></c></row>'],
        strict=True,
    )  # fmt: skip
    result = read(data)
    assert result.tables["List1"]["Date of Contact"].to_list() == [date(2025, 3, 3)]


def test_a_workbook_with_shared_strings_as_excel_writes_it(read):
    shared = ["Child ID", "Date of Contact", "Contact Source", "q) 6: Police", "A&B"]
    rows = [
        b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        b'<c r="C1" t="s"><v>2</v></c></row>',
        b'<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" s="1"><v>45719</v></c>'
        b'<c r="C2" t="s"><v>3</v></c></row>',
    ]
    result = read(raw_workbook(rows, shared=shared))

    contacts = result.tables["List1"].select("Child Unique ID", "Date of Contact", "Contact Source")
    assert contacts.rows() == [("A&B", date(2025, 3, 3), "6")]
