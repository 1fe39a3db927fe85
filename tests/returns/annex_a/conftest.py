"""Small Annex A workbooks written inline, and a reader that takes bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest

from trajectory.returns.annex_a.reader import AnnexAReadResult, read_return

TODAY = date(2025, 5, 1)


def workbook(sheets: dict[str, list[list]]) -> bytes:
    """An xlsx holding one sheet per entry, rows as given (the first row is row 1)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def raw_workbook(
    sheet_xml_rows,
    *,
    dimension: str | None = None,
    prologue: bytes = b"",
    extra: dict | None = None,
    strict: bool = False,
    shared: list[str] | None = None,
) -> bytes:
    """A minimal xlsx written part by part: for sheets too big to build with openpyxl, and for
    XML no spreadsheet program writes. `extra` parts are added as given; `strict` writes the
    workbook part in ISO strict OOXML's namespaces; `shared` is a shared-strings table, linked
    as Excel links it (cells refer to it with t="s")."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
            '-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        main = (
            "http://purl.oclc.org/ooxml/spreadsheetml/main"
            if strict
            else "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        )
        relationships = (
            "http://purl.oclc.org/ooxml/officeDocument/relationships"
            if strict
            else "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{main}" xmlns:r="{relationships}"><sheets>'
            '<sheet name="List 1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            + (
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
                '2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                if shared is not None
                else ""
            )
            + "</Relationships>",
        )
        if shared is not None:
            items = "".join(f"<si><t>{escape(text)}</t></si>" for text in shared)
            archive.writestr(
                "xl/sharedStrings.xml",
                '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                f'2006/main" count="{len(shared)}">{items}</sst>',
            )
        for part, content in (extra or {}).items():
            archive.writestr(part, content)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0"?>'
                + prologue
                + b'<worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main">'
            )
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for chunk in sheet_xml_rows:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


@pytest.fixture
def read(tmp_path):
    """read(bytes or {name: bytes}, **options) -> AnnexAReadResult, for files written to disk."""

    def reading(content, **options) -> AnnexAReadResult:
        contents = content if isinstance(content, dict) else {"annex_a.xlsx": content}
        files = []
        for name, data in contents.items():
            path = tmp_path / name
            path.write_bytes(data)
            files.append((name, path))
        options.setdefault("max_bytes", 50_000_000)
        options.setdefault("today", TODAY)
        return read_return(files, **options)

    return reading


def codes(result: AnnexAReadResult) -> list[str]:
    return [p.code for p in result.log.kept]


def by_code(result: AnnexAReadResult, code: str):
    return [p for p in result.log.kept if p.code == code]


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path
