"""A stored return version's tables as the rules read them (context.Return), and as the export
writes them back.

A version keeps only DfE's columns (returns/ssda903/reader.py `ReadResult.tables`): the readers'
working columns, `_row` (the row in the file) and `_text_<field>` (a coded value as written),
are dropped before the Parquet is written. So, for a stored version:

- `_row` is the row's place in its stored table counting the header as row 1 (the first row
  is 2). The stored table keeps the file's order, so for a CSV upload this is the row in the
  file as uploaded (a blank line in the middle of a file, which the reader drops, shifts the
  rows after it by one); for an XML upload it is the record's place among its table's records.
  Either way it is the row of the table in the export (exports.py), the file to fix and upload
  again.
- `_text_<field>` is the stored value, which is the value as written upper-cased (the readers
  upper-case codes as DfE's validator compares them), so a code-list rule reads what DfE's
  would; only the case of a code as written is lost.
"""

from __future__ import annotations

import polars as pl

from trajectory.dataquality.context import ROW, TEXT, empty_table
from trajectory.returns.selectors import version_tables

FIRST_ROW = 2  # row 1 is the header


def rule_frames(returns: str, tables: dict[str, pl.LazyFrame]) -> dict[str, pl.DataFrame]:
    """The stored tables with `_row` and `_text_<field>` put back (see the module docstring)."""
    frames = {}
    for name, lazy in tables.items():
        frame = lazy.collect().with_row_index(ROW, offset=FIRST_ROW)
        texts = [
            column
            for column in empty_table(returns, name).collect_schema().names()
            if column.startswith(TEXT) and column.removeprefix(TEXT) in frame.columns
        ]
        frames[name] = frame.with_columns(
            pl.col(ROW).cast(pl.Int64),
            *(pl.col(column.removeprefix(TEXT)).alias(column) for column in texts),
        )
    return frames


def version_frames(version) -> dict[str, pl.DataFrame]:
    """A version's tables for the rules."""
    return rule_frames(version.kind, version_tables(version))
