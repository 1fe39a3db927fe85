"""A minimal xlsx (SpreadsheetML) writer: the few parts a workbook needs, byte for byte the same
for the same sheets.

ECMA-376 Part 1 (Office Open XML): a zip of [Content_Types].xml, the package and workbook
relationships, core properties, the workbook, a style sheet and one part per worksheet. Strings
are written inline (no shared-string table), numbers as numbers, booleans as booleans, and dates
as serial numbers (days since 30 December 1899) in a dd/mm/yyyy style, so Excel shows them as
dates and the reader reads them back as the same days. Text that a spreadsheet would run as a
formula (`safe_cells.runs_as_formula`: beginning =, +, - or @) is written unchanged in a
quote-prefixed style, which Excel shows and keeps as text. Properties carry the given `when`, the
zip entries a fixed time: openpyxl would stamp both with the clock, and takes half a minute
over a large council's Annex A where this takes about a second.

Used by the synthetic workbooks (synth/annex_a.py) and for giving back an upload's flagged rows
(rejected.py).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from xml.sax.saxutils import escape

from trajectory.safe_cells import runs_as_formula

ZIP_TIME = (2025, 4, 1, 0, 0, 0)

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EPOCH = date(1899, 12, 30)
_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
    'formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font><sz val="11"/><name '
    'val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/>'
    '<right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf '
    'numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf '
    'numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" '
    'fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" '
    'fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs><cellStyles count="1">'
    '<cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def xlsx_bytes(sheets: list[tuple[str, list[list]]], *, when: datetime) -> bytes:
    """An xlsx workbook of the sheets (title, rows of str / int / float / date / None)."""
    stamp = f"{when:%Y-%m-%dT%H:%M:%SZ}"
    n = len(sheets)
    parts = {
        "[Content_Types].xml": (
            f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.spreadsheetml.sheet.'
            'main+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_TYPE}.'
                'spreadsheetml.worksheet+xml"/>'
                for i in range(1, n + 1)
            )
            + '<Override PartName="/xl/styles.xml" '
            f'ContentType="{_TYPE}.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
            'package.core-properties+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'{_HEAD}<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_DOC}/'
            'officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://'
            'schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
            'Target="docProps/core.xml"/></Relationships>'
        ),
        "docProps/core.xml": (
            f'{_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
            'XMLSchema-instance"><dc:title>Annex A (synthetic)</dc:title><dcterms:created '
            f'xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created><dcterms:modified '
            f'xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
        ),
        "xl/workbook.xml": (
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>'
            + "".join(
                f'<sheet name="{escape(title, _QUOTE)}" sheetId="{i}" r:id="rId{i}"/>'
                for i, (title, _) in enumerate(sheets, start=1)
            )
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_HEAD}<Relationships xmlns="{_RELS}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{_DOC}/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, n + 1)
            )
            + f'<Relationship Id="rId{n + 1}" Type="{_DOC}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": _STYLES,
    }
    for i, (_, rows) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = _sheet(rows)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, content.encode("utf-8"))
    return out.getvalue()


_QUOTE = {'"': "&quot;"}


class DateSerial:
    """A number to be written as it is but shown as a date (a cell read back from an upload)."""

    def __init__(self, number: int | float):
        self.number = number


def _sheet(rows: list[list]) -> str:
    width = max((len(r) for r in rows), default=1)
    letters = [_letter(i) for i in range(max(width, 1))]
    out = [
        f'{_HEAD}<worksheet xmlns="{_MAIN}"><dimension ref="A1:{letters[-1]}{max(len(rows), 1)}"/>'
    ]
    out.append("<sheetData>")
    for number, row in enumerate(rows, start=1):
        out.append(f'<row r="{number}">')
        for letter, value in zip(letters, row, strict=False):
            if value is None or value == "":
                continue
            where = f"{letter}{number}"
            if isinstance(value, bool):
                out.append(f'<c r="{where}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, date):
                day = value.date() if isinstance(value, datetime) else value
                out.append(f'<c r="{where}" s="1"><v>{(day - _EPOCH).days}</v></c>')
            elif isinstance(value, DateSerial):
                out.append(f'<c r="{where}" s="1"><v>{value.number}</v></c>')
            elif isinstance(value, int | float) and not isinstance(value, bool):
                out.append(f'<c r="{where}"><v>{value}</v></c>')
            else:
                text = escape(str(value))
                space = ' xml:space="preserve"' if text != text.strip() else ""
                # text a spreadsheet would run is marked as text (quote prefix), never changed
                style = ' s="2"' if runs_as_formula(str(value)) else ""
                out.append(f'<c r="{where}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
