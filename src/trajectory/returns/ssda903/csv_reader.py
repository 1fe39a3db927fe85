"""Reading one SSDA903 CSV file as DfE's guidance describes it: UTF-8, commas, a header row.

The table is recognised by its columns whatever the file is called. What is refused, and why:

- text that is not UTF-8 (with or without a byte-order mark): guessing another encoding could
  silently change a child's identifier, so the message names the first byte that cannot be read
  and its row, and says how to save the file as UTF-8;
- a file with no header (empty), one that separates fields with ';', tabs or '|', or one
  whose header is not valid CSV or has more than a thousand columns;
- columns that match no SSDA903 table, or a near match missing a required column;
- a column of the table named twice in the header (which one holds the data is a guess);
- a row with more fields than the header has.

Rows end at LF, CRLF or a lone CR (Excel for Mac's "CSV (Macintosh)"), as in Python's universal
newlines, so all three give the same rows; a line break inside a quoted value becomes LF too.
Header cells that are blank, and repeats of a column that is not the table's, are left out.

A header with no rows is a table with no rows; the reader of the whole upload decides whether
that can stand (a Header table with no children cannot).
"""

from __future__ import annotations

import codecs
import csv
import io
import re

import polars as pl

from trajectory.returns.problems import ProblemLog
from trajectory.returns.ssda903 import schema
from trajectory.returns.ssda903.values import ROW, typed_table

_OTHER_DELIMITERS = {";": "';'", "\t": "tabs", "|": "'|'"}
# Far more than any table has (Excel adds a few blank ones): beyond this a header is not a
# table's, and reading millions of columns would only cost time.
MAX_COLUMNS = 1_000
_LINE_BREAK = re.compile(r"\r\n?")  # CRLF or a lone CR; LF is left as it is
_BYTES_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def read_csv(name: str, data: bytes, log: ProblemLog) -> tuple[schema.Table, pl.DataFrame] | None:
    """The recognised table and its typed frame, or None when the file cannot be used."""
    text = _decode(name, data, log)
    if text is None:
        return None
    text = _LINE_BREAK.sub("\n", text)
    end_of_header = text.find("\n")
    header_line = text if end_of_header < 0 else text[:end_of_header]
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
                    message=f"{name} uses {called} between fields; SSDA903 CSV uses commas. "
                    "Save it again as 'CSV (comma delimited)'",
                )
                return None

    try:
        header = next(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        reason = (
            f"a cell is longer than {csv.field_size_limit():,} characters"
            if "field limit" in str(error)
            else str(error)
        )
        log.add(
            file=name,
            row=1,
            code="unreadable",
            message=f"{name} could not be read as CSV: its header row is not valid CSV ({reason})",
        )
        return None
    columns = [c.strip().upper() for c in header]
    if len(columns) > MAX_COLUMNS:
        log.add(
            file=name,
            row=1,
            code="too_many_columns",
            value=len(columns),
            message=f"{name} has {len(columns):,} columns in its header row; no SSDA903 table "
            f"has more than {max(len(t.columns) for t in schema.TABLES)}, so it was not read",
        )
        return None
    table = _recognise(name, columns, log)
    if table is None:
        return None
    if _repeated_columns(name, columns, table, log):
        return None

    try:
        raw = pl.read_csv(
            io.StringIO(text),
            infer_schema=False,
            has_header=True,
            new_columns=_distinct_names(columns),
            quote_char='"',
        )
    except pl.exceptions.PolarsError as error:
        _explain_unreadable(name, text, len(columns), error, log)
        return None
    for column in dict.fromkeys(c for c in columns if c and c not in table.dfe_columns):
        log.add(
            file=name,
            row=1,
            column=column,
            code="extra_column",
            severity="warning",
            message=f"{column} is not a column of the {table.name} table and was left out",
        )
    raw = (
        raw.select([c for c in raw.columns if c in table.dfe_columns])
        .with_row_index(ROW, offset=2)
        .with_columns(pl.col(ROW).cast(pl.Int64))
    )
    return table, typed_table(table, raw, file=name, log=log)


def _decode(name: str, data: bytes, log: ProblemLog) -> str | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        log.add(
            file=name,
            code="encoding",
            message=f"{name} is saved as UTF-16 text; SSDA903 CSV must be UTF-8. "
            "Save it again as 'CSV UTF-8 (comma delimited)'",
        )
        return None
    offset = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    body = data[offset:]
    if not body or body.isspace():
        log.add(file=name, code="empty_file", message=f"{name} is empty: it has no header row")
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        before = body[: error.start]
        row = len(_BYTES_LINE_BREAK.findall(before)) + 1
        line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
        field = body.count(b",", line_start, error.start)
        header = _BYTES_LINE_BREAK.split(body, 1)[0].decode("utf-8", "replace").split(",")
        column = header[field].strip().upper() if field < len(header) and row > 1 else ""
        log.add(
            file=name,
            row=row,
            column=column,
            value=f"0x{body[error.start]:02X}",
            code="encoding",
            message=f"{name} is not UTF-8 text: byte 0x{body[error.start]:02X} at byte "
            f"{error.start + offset} (row {row}) cannot be read. Nothing was guessed; save the "
            "file again as 'CSV UTF-8 (comma delimited)' and upload it again",
        )
        return None


def _recognise(name: str, columns: list[str], log: ProblemLog) -> schema.Table | None:
    table = schema.recognise(columns)
    if table is not None:
        return table
    near = schema.closest(columns)
    if near is not None:
        near_table, lacking = near
        for column in sorted(lacking):
            log.add(
                file=name,
                row=1,
                column=column,
                code="missing_column",
                message=f"{name} looks like the {near_table.name} table but has no {column} column",
            )
        return None
    shown = ", ".join(c for c in columns if c) or "none"
    log.add(
        file=name,
        row=1,
        code="unknown_table",
        message=f"{name} is not an SSDA903 table: its columns ({shown}) match none of "
        f"{', '.join(t.name for t in schema.TABLES)}",
    )
    return None


def _repeated_columns(name: str, columns: list[str], table: schema.Table, log: ProblemLog) -> bool:
    """Log (and say whether there is) a column of the table named more than once in the header.

    Which of the two holds the real value cannot be known, so the file is refused rather than
    one of them picked.
    """
    positions: dict[str, list[int]] = {}
    for number, column in enumerate(columns, start=1):
        if column in table.dfe_columns:
            positions.setdefault(column, []).append(number)
    repeated = {column: at for column, at in positions.items() if len(at) > 1}
    for column, at in repeated.items():
        times = "twice" if len(at) == 2 else f"{len(at)} times"
        where = ", ".join(map(str, at[:-1])) + f" and {at[-1]}"
        log.add(
            file=name,
            row=1,
            column=column,
            code="duplicate_column",
            message=f"Column {column} appears {times} in the header (columns {where}); "
            "keep one and upload the file again",
        )
    return bool(repeated)


def _distinct_names(columns: list[str]) -> list[str]:
    """The header's names, with blank cells and repeats made distinct so they can be dropped."""
    seen: set[str] = set()
    names = []
    for number, column in enumerate(columns, start=1):
        names.append(column if column and column not in seen else f"\x00{number}")
        seen.add(column)
    return names


def _explain_unreadable(
    name: str, text: str, width: int, error: Exception, log: ProblemLog
) -> None:
    try:
        for number, fields in enumerate(csv.reader(io.StringIO(text)), start=1):
            if number > 1 and len(fields) > width:
                log.add(
                    file=name,
                    row=number,
                    code="ragged_row",
                    value=",".join(fields)[:80],
                    message=f"row {number} has {len(fields)} fields but the header has {width}",
                )
                return
    except csv.Error:
        pass  # the CSV module's own limits; Polars' reason is given below
    reason = next(iter(str(error).splitlines()), "") or type(error).__name__
    log.add(
        file=name,
        code="unreadable",
        message=f"{name} could not be read as CSV ({reason})",
    )
