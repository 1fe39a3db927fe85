"""Opening an uploaded xlsx workbook safely and streaming its sheets' rows.

An xlsx file is a zip of XML parts. Before openpyxl reads a byte of XML, the file is checked:

- an empty file, or one that is not a zip at all, is refused with what it looks like instead
  (a CSV, an old .xls);
- an OLE2 compound file (the bytes D0 CF 11 E0) is either an Excel 97-2003 .xls or an xlsx
  that Excel has encrypted with a password (Excel wraps those in OLE2 with an
  "EncryptionInfo" stream): neither can be read, and the message says which and what to do;
- a zip without xl/workbook.xml is not a workbook (a .docx, an .ods);
- a zip whose parts would inflate beyond `MAX_INFLATED` bytes, or any part more than
  `MAX_RATIO` times its compressed size once that is past a few megabytes, is refused as a
  probable zip bomb: a real Annex A workbook inflates perhaps ten-fold.

openpyxl then opens it read-only, streaming each sheet's rows rather than building the whole
workbook, with formulas read as their cached values (data_only) and external links ignored. Its
XML parsing goes through defusedxml when that is installed (it is a dependency here), so entity
expansion and external entities are refused too.

Each sheet's `<row>` elements are counted in the inflated XML without parsing it (a few
hundred megabytes a second), before openpyxl opens the workbook (which, for a sheet without a
`<dimension>`, would parse the whole sheet just to look for one): a sheet of more than
`MAX_ROWS` rows besides its header row is refused before a row is parsed.
Because a dimension can be wrong, the rows are then streamed without trusting it, and counted:
past `MAX_ROWS` rows with anything in them the sheet is refused there. Only the first
`MAX_COLUMNS` columns are read.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import openpyxl
from defusedxml import ElementTree

MAX_ROWS = 1_000_000  # data rows per sheet; far beyond any council's Annex A
MAX_COLUMNS = 256
MAX_INFLATED = 2 * 1024**3
MAX_RATIO = 200
_RATIO_FROM = 4 * 1024**2
# What zipfile, zlib and the XML parsers raise for a damaged or hostile part (defusedxml's
# refusals of entities are ValueErrors; a parse error is a SyntaxError).
DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    SyntaxError,
    RuntimeError,  # zipfile: "File is encrypted, password required"
    NotImplementedError,  # zipfile: an unknown compression method or zip version
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


class Unreadable(Exception):
    """The file cannot be read as a workbook; `code` and the message say why."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Sheet:
    title: str
    declared_rows: int | None
    worksheet: object  # openpyxl ReadOnlyWorksheet

    def rows(self) -> Iterator[tuple[int, tuple]]:
        """(spreadsheet row number, cell values) for every row, blank ones included."""
        self.worksheet.reset_dimensions()
        rows = self.worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        yield from enumerate(rows, start=1)


def open_workbook(name: str, data: bytes):
    """The workbook, read-only, or Unreadable saying what is wrong with the file."""
    if not data:
        raise Unreadable("empty_file", f"{name} is empty: it holds no bytes at all")
    if data.startswith(_OLE2):
        if _ENCRYPTED_MARK in data:
            raise Unreadable(
                "encrypted",
                f"{name} is protected with a password, so it cannot be read. Save a copy "
                "without the password (File > Info > Protect Workbook > Encrypt with Password, "
                "and clear it) and upload that",
            )
        raise Unreadable(
            "old_excel_format",
            f"{name} is an Excel 97-2003 workbook (.xls); save it as an Excel Workbook (.xlsx) "
            "and upload that",
        )
    if not data.startswith(b"PK"):
        looks = "text, perhaps a CSV file" if _looks_like_text(data) else "not a workbook"
        raise Unreadable(
            "not_xlsx",
            f"{name} is not an xlsx workbook (it looks like {looks}); Annex A is "
            "read from the Excel workbook (.xlsx) the lists are kept in",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except DAMAGED as error:
        raise Unreadable(
            "corrupt_xlsx",
            f"{name} could not be opened: it is damaged or cut short ({_reason(error)}). "
            "Save the workbook again and upload the new copy",
        ) from None
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise Unreadable(
            "not_xlsx",
            f"{name} is a zip file but not an Excel workbook (it has no xl/workbook.xml)",
        )
    inflated = sum(member.file_size for member in members)
    swollen = [
        m
        for m in members
        if m.file_size > _RATIO_FROM and m.file_size > MAX_RATIO * max(m.compress_size, 1)
    ]
    if inflated > MAX_INFLATED or swollen:
        raise Unreadable(
            "zip_bomb",
            f"{name} would unpack to {inflated:,} bytes"
            + (
                f", its part {swollen[0].filename} over {MAX_RATIO} times its packed size"
                if swollen
                else ""
            )
            + ": no Annex A workbook is shaped like that, so it was not read",
        )
    try:
        counted = list(_rows_written(archive, members))
    except DAMAGED as error:
        raise Unreadable(
            "corrupt_xlsx",
            f"{name} could not be opened: a part of it is damaged ({_reason(error)}). "
            "Save the workbook again and upload the new copy",
        ) from None
    for part, rows in counted:
        if rows > MAX_ROWS + 1:
            sheet = _sheet_names(archive).get(part, part)
            raise Unreadable(
                "too_many_rows",
                f"Sheet “{sheet}” of {name} has more than {MAX_ROWS + 1:,} rows; at most "
                f"{MAX_ROWS:,} rows besides the header are read from a sheet, so the workbook "
                "was not read",
            )
    try:
        return openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except Exception as error:  # openpyxl raises many kinds for a damaged part
        raise Unreadable(
            "corrupt_xlsx",
            f"{name} could not be opened as a workbook: a part of it is damaged "
            f"({_reason(error)}). Save the workbook again and upload the new copy",
        ) from None


def _rows_written(archive: zipfile.ZipFile, members) -> Iterator[tuple[str, int]]:
    """(part, how many `<row>` elements it holds) for each worksheet part, counted in the
    inflated bytes without parsing them, and no further than one past the limit."""
    for member in members:
        part = member.filename
        if not (part.startswith("xl/worksheets/") and part.endswith(".xml")):
            continue
        count, tail = 0, b""
        with archive.open(member) as source:
            while chunk := source.read(1 << 20):
                window = tail + chunk
                count += window.count(b"<row ") + window.count(b"<row>")
                count -= tail.count(b"<row ") + tail.count(b"<row>")
                tail = window[-5:]
                if count > MAX_ROWS + 1:
                    break
        yield part, count


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part -> the sheet's name, from the workbook and its relationships."""
    try:
        main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
        rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        links = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {
            link.get("Id"): "xl/" + link.get("Target", "").lstrip("/").removeprefix("xl/")
            for link in links
        }
        return {
            targets.get(sheet.get(rel), ""): sheet.get("name", "")
            for sheet in book.iter(f"{main}sheet")
        }
    except Exception:  # only for naming the sheet in a message; the part's name will do
        return {}


def sheets(workbook) -> list[Sheet]:
    found = []
    for worksheet in workbook.worksheets:
        declared = getattr(worksheet, "max_row", None)
        found.append(
            Sheet(str(worksheet.title), declared if isinstance(declared, int) else None, worksheet)
        )
    return found


def is_1904(workbook) -> bool:
    epoch = getattr(workbook, "epoch", None)
    return getattr(epoch, "year", 1899) == 1904


def _looks_like_text(data: bytes) -> bool:
    start = data[:512]
    try:
        start.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in start


def _reason(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text[:120]
