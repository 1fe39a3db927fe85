"""Opening an uploaded xlsx workbook safely and streaming its sheets' rows.

An xlsx file is a zip of XML parts (ECMA-376, Office Open XML). Before a byte of XML is parsed
the file is checked:

- an empty file, or one that is not a zip at all, is refused with what it looks like instead
  (a CSV, an old .xls);
- an OLE2 compound file (the bytes D0 CF 11 E0) is either an Excel 97-2003 .xls or an xlsx
  that Excel has encrypted with a password (Excel wraps those in OLE2 with an
  "EncryptionInfo" stream): neither can be read, and the message says which and what to do;
- a zip without xl/workbook.xml is not a workbook (a .docx, an .ods);
- a zip whose parts would inflate beyond `MAX_INFLATED` bytes, or any part more than
  `MAX_RATIO` times its compressed size once that is past a few megabytes, is refused as a
  probable zip bomb: a real Annex A workbook inflates perhaps ten-fold; a shared-strings table
  (held in memory while the sheets are read) over `MAX_SHARED_STRINGS` is refused too;
- each sheet's `<row>` elements are counted in the inflated XML without parsing it (a few
  hundred megabytes a second): a sheet of more than `MAX_ROWS` rows besides its header row, or
  a workbook of more than `MAX_WORKBOOK_ROWS` in all, is refused before a row is parsed.

The workbook part and its relationships are then read (defusedxml) for the sheets in the
workbook's order, the shared strings and the date system (1900 or 1904), and each sheet's rows
are streamed by sheet_xml.py (expat, refusing DTDs and entities) as they are read. Rows are
counted again as they are read, the last net past `MAX_ROWS`. Only the first `MAX_COLUMNS`
columns are kept. Anything the zip, zlib or the parsers raise for a damaged part (`DAMAGED`)
becomes a problem naming the file or the sheet, never a traceback.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from defusedxml import ElementTree

from trajectory.returns.annex_a import sheet_xml

MAX_ROWS = 1_000_000  # data rows per sheet; far beyond any council's Annex A
MAX_WORKBOOK_ROWS = 2_000_000  # in all its sheets: a large council's is about 60,000
MAX_COLUMNS = 256
MAX_INFLATED = 2 * 1024**3
# The shared strings are held in memory while the sheets are read: a large council's are a few
# megabytes, so a table far beyond that is refused rather than loaded.
MAX_SHARED_STRINGS = 200 * 1024**2
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
    expat.ExpatError,
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
    part: str  # its XML's path in the zip, "xl/worksheets/sheet1.xml"
    book: Workbook

    def rows(self) -> Iterator[tuple[int, list]]:
        """(spreadsheet row number, cell values from column A) for each row written."""
        with self.book.archive.open(self.part) as source:
            yield from sheet_xml.rows(source, self.book.strings, max_columns=MAX_COLUMNS)


@dataclass
class Workbook:
    archive: zipfile.ZipFile
    strings: list[str] = field(default_factory=list)
    sheets: list[Sheet] = field(default_factory=list)
    epoch_1904: bool = False

    def close(self) -> None:
        self.archive.close()


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
    strings = [m for m in members if m.filename.lower().endswith("sharedstrings.xml")]
    if any(m.file_size > MAX_SHARED_STRINGS for m in strings):
        raise Unreadable(
            "too_large_part",
            f"{name} holds a table of text over {MAX_SHARED_STRINGS // 1024**2:,} MB once "
            "unpacked; no Annex A workbook needs one that size, so it was not read",
        )
    try:
        counted = list(_rows_written(archive, members))
    except DAMAGED as error:
        raise Unreadable(
            "corrupt_xlsx",
            f"{name} could not be opened: a part of it is damaged ({_reason(error)}). "
            "Save the workbook again and upload the new copy",
        ) from None
    if sum(rows for _, rows in counted) > MAX_WORKBOOK_ROWS:
        raise Unreadable(
            "too_many_rows",
            f"{name} has more than {MAX_WORKBOOK_ROWS:,} rows in its sheets; a council's "
            "Annex A has tens of thousands, so the workbook was not read",
        )
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
        return _workbook(archive)
    except DAMAGED as error:
        raise Unreadable(
            "corrupt_xlsx",
            f"{name} could not be opened as a workbook: a part of it is damaged "
            f"({_reason(error)}). Save the workbook again and upload the new copy",
        ) from None


def _named(element, local: str) -> bool:
    """Whether an element is `local` in any namespace: transitional OOXML and ISO strict
    (http://purl.oclc.org/ooxml/...) name the same parts in different namespaces."""
    return element.tag == local or element.tag.endswith("}" + local)


def _relation_id(element) -> str:
    return next((v for k, v in element.attrib.items() if k.endswith("}id")), "")


def _workbook(archive: zipfile.ZipFile) -> Workbook:
    """The workbook's sheets in its order, its shared strings and its date system."""
    book = Workbook(archive)
    root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    links = _relationships(archive)
    for properties in (e for e in root if _named(e, "workbookPr")):
        book.epoch_1904 = properties.get("date1904", "").lower() in ("1", "true")
    names = set(archive.namelist())
    for kind, target in links.values():
        if kind == "sharedStrings" and target in names:
            with archive.open(target) as source:
                book.strings = sheet_xml.shared_strings(source)
    for element in (e for e in root.iter() if _named(e, "sheet")):
        kind, target = links.get(_relation_id(element), ("", ""))
        if kind == "worksheet":  # chartsheets and dialog sheets hold no list
            if target not in names:
                raise KeyError(f"the sheet {element.get('name')!r} has no part {target}")
            book.sheets.append(Sheet(str(element.get("name", "")), target, book))
    return book


def _relationships(archive: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """The workbook's relationships: id -> (type's last word, the part's path in the zip)."""
    found = {}
    try:
        root = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return found
    for link in root:
        target = link.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        found[link.get("Id", "")] = (link.get("Type", "").rpartition("/")[2], path)
    return found


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
    """Worksheet part -> the sheet's name, for naming the sheet in a message."""
    try:
        return {sheet.part: sheet.title for sheet in _workbook(archive).sheets}
    except DAMAGED:  # the part's own name will do
        return {}


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
