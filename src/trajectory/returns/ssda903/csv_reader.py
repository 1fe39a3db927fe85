"""Reading one SSDA903 CSV file as DfE's guidance describes it: UTF-8, commas, a header row.

The table is recognised by its columns whatever the file is called. What is refused, and why:

- text that is not UTF-8 (with or without a byte-order mark): guessing another encoding could
  silently change a child's identifier, so the message names the first byte that cannot be read
  and its row, and says how to save the file as UTF-8;
- a file with no header (empty), or one that separates fields with ';', tabs or '|';
- columns that match no SSDA903 table, or a near match missing a required column;
- a row with more fields than the header has.

A header with no rows is a table with no rows, which is allowed.
"""

from __future__ import annotations

import codecs
import csv
import io

import polars as pl

from trajectory.returns.problems import ProblemLog
from trajectory.returns.ssda903 import schema
from trajectory.returns.ssda903.values import ROW, typed_table

_OTHER_DELIMITERS = {";": "';'", "\t": "tabs", "|": "'|'"}


def read_csv(name: str, data: bytes, log: ProblemLog) -> tuple[schema.Table, pl.DataFrame] | None:
    """The recognised table and its typed frame, or None when the file cannot be used."""
    text = _decode(name, data, log)
    if text is None:
        return None
    end_of_header = text.find("\n")
    header_line = (text if end_of_header < 0 else text[:end_of_header]).rstrip("\r")
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

    header = next(csv.reader([header_line]))
    columns = [c.strip().upper() for c in header]
    table = _recognise(name, columns, log)
    if table is None:
        return None

    try:
        raw = pl.read_csv(
            io.StringIO(text),
            infer_schema=False,
            has_header=True,
            new_columns=columns,
            quote_char='"',
        )
    except pl.exceptions.PolarsError as error:
        _explain_unreadable(name, text, len(columns), error, log)
        return None
    extra = [c for c in raw.columns if c not in table.dfe_columns]
    for column in extra:
        if column:
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
        row = body.count(b"\n", 0, error.start) + 1
        line_start = body.rfind(b"\n", 0, error.start) + 1
        field = body.count(b",", line_start, error.start)
        header = body.split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r").split(",")
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


def _explain_unreadable(
    name: str, text: str, width: int, error: Exception, log: ProblemLog
) -> None:
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
    log.add(
        file=name,
        code="unreadable",
        message=f"{name} could not be read as CSV ({str(error).splitlines()[0]})",
    )
