"""Reading one CIN table from CSV: the tables councils' analysts and the open validator write
(one file per table, named as the validator names them: ChildIdentifiers, CINdetails, Reviews …),
such as the peer-made fake CIN data.

The table is recognised by its columns whatever the file is called (schema.recognise); column
names are matched ignoring case; a leading blank-named column (the row index pandas writes) and
other blank-named columns are left out; other columns the table does not have are warned about
and left out. Text must be UTF-8, with or without a byte-order mark. Dates may be yyyy-mm-dd or
dd/mm/yyyy. The row of a problem is the row as a spreadsheet shows it (the header is row 1).
"""

from __future__ import annotations

import codecs
import io

import polars as pl

from trajectory.returns.cin import schema
from trajectory.returns.cin.values import ROW, typed_table
from trajectory.returns.problems import WARNING, ProblemLog

MAX_COLUMNS = 1_000
_CANONICAL = {c.lower(): c for t in schema.TABLES for c in t.columns}


def read_csv(name: str, data: bytes, log: ProblemLog) -> tuple[schema.Table, pl.DataFrame] | None:
    """The recognised table and its typed frame, or None when the file cannot be used."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        log.add(
            file=name,
            code="encoding",
            message=f"{name} is saved as UTF-16 text; save it again as UTF-8 CSV",
        )
        return None
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        row = body[: error.start].count(b"\n") + 1
        log.add(
            file=name,
            row=row,
            code="encoding",
            value=f"0x{body[error.start]:02X}",
            message=f"{name} is not UTF-8 text: byte 0x{body[error.start]:02X} (row {row}) "
            "cannot be read. Nothing was guessed; save the file again as UTF-8 CSV",
        )
        return None
    if not text.strip():
        log.add(file=name, code="empty_file", message=f"{name} is empty: it has no header row")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header_line = text.split("\n", 1)[0]
    written = [c.strip().strip('"').strip() for c in header_line.split(",")]
    if len(written) > MAX_COLUMNS:
        log.add(
            file=name,
            row=1,
            code="too_many_columns",
            value=len(written),
            message=f"{name} has {len(written):,} columns; no CIN table has so many",
        )
        return None
    columns = [_CANONICAL.get(c.lower(), c) for c in written]
    table = schema.recognise([c for c in columns if c])
    if table is None:
        shown = ", ".join(c for c in written if c)[:200] or "none"
        log.add(
            file=name,
            row=1,
            code="unknown_table",
            message=f"{name} is not a CIN census table: its columns ({shown}) match none of "
            f"{', '.join(t.name for t in schema.TABLES)}",
        )
        return None
    repeated = sorted({c for c in columns if c and columns.count(c) > 1})
    for column in repeated:
        log.add(
            file=name,
            row=1,
            column=column,
            code="duplicate_column",
            message=f"Column {column} appears more than once in the header; keep one",
        )
    if repeated:
        return None
    names = [c if c else f"\x00{i}" for i, c in enumerate(columns)]
    try:
        raw = pl.read_csv(
            io.StringIO(text),
            infer_schema=False,
            has_header=True,
            new_columns=names,
            quote_char='"',
        )
    except pl.exceptions.PolarsError as error:
        reason = next(iter(str(error).splitlines()), "") or type(error).__name__
        log.add(file=name, code="unreadable", message=f"{name} could not be read as CSV ({reason})")
        return None
    for column in columns:
        if column and column not in table.columns:
            log.add(
                file=name,
                row=1,
                column=column,
                code="extra_column",
                severity=WARNING,
                message=f"{column} is not a column of the {table.name} table and was left out",
            )
    raw = (
        raw.select([c for c in raw.columns if c in table.columns])
        .with_row_index(ROW, offset=2)
        .with_columns(pl.col(ROW).cast(pl.Int64))
    )
    return table, typed_table(table, raw, file=name, log=log)
