"""Reading one CSWW file, CSV or XML, into raw text frames named as DfE names the columns.

CSV: UTF-8 (with or without a byte-order mark), commas, a header row whose names are the
census's element names (matched ignoring case, so ``SWENO`` and ``SWENo`` are one column). A
file holding ``AgencyWorker`` and ``SWENo`` is the worker table, one holding
``NumberOfVacancies`` the vacancy table, whatever it is called. Refused, with a problem naming
the file: another encoding (nothing is guessed), another delimiter, a header naming a column
twice, a row longer than the header, columns that are neither table's.

XML: DfE's COLLECT layout (``<Message>``, ``<Header>``, ``<LALevelVacancies>``,
``<CSWWWorker>``), element names matched ignoring case and namespaces, read with the same
hardened lxml settings as the SSDA903 XML (returns/ssda903/xml_reader.py): no DTD loaded, no
entity expanded, nothing fetched, and a file declaring entities or an external DTD refused. An
element repeated inside a worker (the schema lets ``QualInst`` and a few others repeat) keeps
every value, joined with "; ", for text, and the first, with a warning, for the rest.

The row of a problem is the spreadsheet's row (the header is row 1) for CSV and the line of the
``<CSWWWorker>`` (or ``<LALevelVacancies>``) element for XML.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field

import polars as pl
from lxml import etree

from trajectory.returns.problems import WARNING, ProblemLog
from trajectory.returns.workforce import schema

ROW = "_row"
MAX_COLUMNS = 1_000
_LINE_BREAK = re.compile(r"\r\n?")
_OTHER_DELIMITERS = {";": "';'", "\t": "tabs", "|": "'|'"}
_XML_GROUPS = {"CSWWWORKER": schema.WORKER, "LALEVELVACANCIES": schema.VACANCIES}


@dataclass
class RawFile:
    """What one file holds before typing: raw text frames, and the XML header's facts."""

    format: str  # "csv" or "xml"
    frames: dict[str, pl.DataFrame] = field(default_factory=dict)
    reference_date: str | None = None  # Header/CollectionDetails/ReferenceDate, as written
    header_year: str | None = None  # Header/CollectionDetails/Year
    lea: str | None = None  # Header/Source/LEA


def is_xml(name: str, data: bytes) -> bool:
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return start == b"<" or name.lower().endswith(".xml")


def read_file(name: str, data: bytes, log: ProblemLog) -> RawFile:
    if is_xml(name, data):
        return _read_xml(name, data, log)
    found = RawFile("csv")
    read = _read_csv(name, data, log)
    if read is not None:
        found.frames[read[0].name] = read[1]
    return found


def _frame(table: schema.Table, rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(
        {**{c: [r.get(c) for r in rows] for c in table.dfe_columns}, ROW: [r[ROW] for r in rows]},
        schema={**{c: pl.String for c in table.dfe_columns}, ROW: pl.Int64},
    )


# CSV -----------------------------------------------------------------------------------------


def _decode(name: str, data: bytes, log: ProblemLog) -> str | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        log.add(
            file=name,
            code="encoding",
            message=f"{name} is saved as UTF-16 text; the workforce census CSV must be UTF-8. "
            "Save it again as 'CSV UTF-8 (comma delimited)'",
        )
        return None
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    if not body.strip():
        log.add(file=name, code="empty_file", message=f"{name} is empty: it has no header row")
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        row = len(re.findall(rb"\r\n|\r|\n", body[: error.start])) + 1
        log.add(
            file=name,
            row=row,
            value=f"0x{body[error.start]:02X}",
            code="encoding",
            message=f"{name} is not UTF-8 text: byte 0x{body[error.start]:02X} (row {row}) "
            "cannot be read. Nothing was guessed; save the file as 'CSV UTF-8 (comma "
            "delimited)' and upload it again",
        )
        return None


def _read_csv(name: str, data: bytes, log: ProblemLog) -> tuple[schema.Table, pl.DataFrame] | None:
    text = _decode(name, data, log)
    if text is None:
        return None
    text = _LINE_BREAK.sub("\n", text)
    header_line = text.split("\n", 1)[0]
    if not header_line.strip():
        log.add(file=name, code="empty_file", message=f"{name} is empty: it has no header row")
        return None
    if "," not in header_line:
        for delimiter, called in _OTHER_DELIMITERS.items():
            if delimiter in header_line:
                log.add(
                    file=name,
                    row=1,
                    code="delimiter",
                    message=f"{name} uses {called} between fields; the census CSV uses commas. "
                    "Save it again as 'CSV (comma delimited)'",
                )
                return None
    try:
        header = next(csv.reader(io.StringIO(header_line)))
    except (csv.Error, StopIteration) as error:
        log.add(
            file=name,
            row=1,
            code="unreadable",
            message=f"{name} could not be read as CSV: its header row is not valid CSV ({error})",
        )
        return None
    columns = [c.strip().upper() for c in header]
    if len(columns) > MAX_COLUMNS:
        log.add(
            file=name,
            row=1,
            code="too_many_columns",
            value=len(columns),
            message=f"{name} has {len(columns):,} columns in its header row; the census's "
            "tables have at most 24, so it was not read",
        )
        return None
    table = schema.recognise(columns)
    if table is None:
        shown = ", ".join(c for c in header if c.strip())[:200] or "none"
        log.add(
            file=name,
            row=1,
            code="unknown_table",
            message=f"{name} is not a workforce census table: its columns ({shown}) hold "
            "neither the worker table's AgencyWorker and SWENo nor the vacancy table's "
            "NumberOfVacancies",
        )
        return None
    spelling = schema.spelling(table)
    seen: dict[str, int] = {}
    for column in columns:
        if column in spelling:
            seen[column] = seen.get(column, 0) + 1
    repeated = [c for c, n in seen.items() if n > 1]
    for column in repeated:
        log.add(
            file=name,
            row=1,
            column=spelling[column],
            code="duplicate_column",
            message=f"Column {spelling[column]} appears {seen[column]} times in the header; "
            "keep one and upload the file again",
        )
    if repeated:
        return None
    names = []
    for number, column in enumerate(columns, start=1):
        names.append(spelling.get(column, f"\x00{number}"))
    try:
        raw = pl.read_csv(
            io.StringIO(text),
            infer_schema=False,
            has_header=True,
            new_columns=names,
            quote_char='"',
        )
    except pl.exceptions.PolarsError as error:
        _explain(name, text, len(columns), error, log)
        return None
    except Exception as error:  # noqa: BLE001 - the CSV engine's own faults become a problem
        _explain(name, text, len(columns), error, log)
        return None
    for column in dict.fromkeys(c for c in columns if c and c not in spelling):
        log.add(
            file=name,
            row=1,
            column=column,
            code="extra_column",
            severity=WARNING,
            message=f"{column} is not a column of the {table.name} table and was left out",
        )
    raw = (
        raw.select([c for c in raw.columns if c in table.dfe_columns])
        .with_row_index(ROW, offset=2)
        .with_columns(pl.col(ROW).cast(pl.Int64))
    )
    missing = [c for c in table.dfe_columns if c not in raw.columns]
    raw = raw.with_columns([pl.lit(None, dtype=pl.String).alias(c) for c in missing])
    return table, raw.select(*table.dfe_columns, ROW)


def _explain(name: str, text: str, width: int, error: Exception, log: ProblemLog) -> None:
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
            if number > 1 and len(cells) > width:
                log.add(
                    file=name,
                    row=number,
                    code="ragged_row",
                    value=",".join(cells)[:80],
                    message=f"row {number} has {len(cells)} fields but the header has {width}",
                )
                return
    except csv.Error:
        pass
    reason = next(iter(str(error).splitlines()), "") or type(error).__name__
    log.add(file=name, code="unreadable", message=f"{name} could not be read as CSV ({reason})")


# XML -----------------------------------------------------------------------------------------


def _local(element) -> str:
    return etree.QName(element).localname.upper()


def _read_xml(name: str, data: bytes, log: ProblemLog) -> RawFile:
    found = RawFile("xml")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        log.add(
            file=name,
            row=getattr(error, "lineno", None),
            code="unreadable",
            message=f"{name} is not well-formed XML ({getattr(error, 'msg', error)})",
        )
        return found
    if root is None:
        log.add(file=name, code="unreadable", message=f"{name} holds no XML element")
        return found
    docinfo = root.getroottree().docinfo
    doctype = docinfo.internalDTD
    if doctype is not None and any(True for _ in doctype.iterentities()):
        log.add(
            file=name,
            code="xml_entities",
            message=f"{name} declares XML entities, which are not accepted",
        )
        return found
    if docinfo.system_url or docinfo.public_id:
        log.add(
            file=name,
            code="xml_entities",
            value=docinfo.system_url or docinfo.public_id,
            message=f"{name} refers to an external document type definition, which is not "
            "accepted (and was not fetched)",
        )
        return found

    rows: dict[str, list[dict]] = {t.name: [] for t in schema.TABLES}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element)
        if tag == "REFERENCEDATE" and found.reference_date is None:
            found.reference_date = (element.text or "").strip()
        elif tag == "YEAR" and found.header_year is None and len(element) == 0:
            found.header_year = (element.text or "").strip()
        elif tag == "LEA" and found.lea is None:
            found.lea = (element.text or "").strip()
        table = _XML_GROUPS.get(tag)
        if table is not None:
            rows[table.name].append(_record(name, table, element, log))
    if not any(rows.values()):
        log.add(
            file=name,
            row=root.sourceline,
            code="unknown_table",
            message=f"{name} holds no <CSWWWorker> or <LALevelVacancies> elements: it does not "
            f"look like a workforce census XML return (its root element is "
            f"<{etree.QName(root).localname}>)",
        )
        return found
    for table in schema.TABLES:
        if rows[table.name]:
            found.frames[table.name] = _frame(table, rows[table.name])
    return found


def _record(name: str, table: schema.Table, element, log: ProblemLog) -> dict:
    spelling = schema.spelling(table)
    values: dict[str, str | None] = {ROW: element.sourceline}
    for sub in element.iter():
        if sub is element or not isinstance(sub.tag, str) or len(sub):
            continue
        column = spelling.get(_local(sub))
        if column is None:
            continue
        text = sub.text
        if column not in values:
            values[column] = text
        elif table.field(column).kind == schema.TEXT:
            values[column] = f"{values[column]}; {text or ''}"
        else:
            log.add(
                file=name,
                row=sub.sourceline,
                column=column,
                value=text,
                code="repeated_element",
                severity=WARNING,
                message=f"{column} is given more than once in this <{table.name}>; the first "
                "value is kept",
            )
    return values
