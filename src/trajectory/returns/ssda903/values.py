"""From the text in a file to typed SSDA903 columns, reporting every value that cannot be used.

Both readers (CSV and XML) hand this module a frame of text columns named as DfE names them,
plus `_row` (where each row sits in its file). It returns the table's columns in DfE order with
dates as `pl.Date` and everything else as text, and logs:

- an error for a key field (schema `Column.is_key`) that is blank or unreadable, and for any
  date that cannot be read: DfE's dd/mm/yyyy, or yyyy-mm-dd as databases write it, with a
  four-digit year between 1900 and 2099 (a two-digit year is ambiguous, so it is refused);
- a warning for a value outside the column's code list; the value is kept as written
  (upper-cased, as DfE's own validator compares codes).
"""

from __future__ import annotations

import polars as pl

from trajectory.returns.problems import ERROR, WARNING, ProblemLog
from trajectory.returns.ssda903.schema import Table

ROW = "_row"
_DAY_FIRST = r"^\d{1,2}/\d{1,2}/\d{4}$"
_ISO = r"^\d{4}-\d{2}-\d{2}$"
_MIDNIGHT = r"[ T]00:00(:00(\.0+)?)?$"  # spreadsheets often add a time to a date


def read_dates(text: pl.Expr) -> pl.Expr:
    """Dates written dd/mm/yyyy or yyyy-mm-dd; anything else (or an impossible date) is null."""
    cleaned = text.str.strip_chars().str.replace(_MIDNIGHT, "")
    day_first = pl.when(cleaned.str.contains(_DAY_FIRST)).then(
        cleaned.str.strptime(pl.Date, "%d/%m/%Y", strict=False)
    )
    iso = pl.when(cleaned.str.contains(_ISO)).then(
        cleaned.str.strptime(pl.Date, "%Y-%m-%d", strict=False)
    )
    parsed = pl.coalesce(day_first, iso)
    return pl.when(parsed.dt.year().is_between(1900, 2099)).then(parsed)


def blank_to_null(frame: pl.DataFrame) -> pl.DataFrame:
    """Trim every text value; an empty value is a missing one."""
    text = [c for c, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(
        [
            pl.col(c).str.strip_chars().replace("", None).alias(c)
            for c in text
        ]
    )


def typed_table(table: Table, raw: pl.DataFrame, *, file: str, log: ProblemLog) -> pl.DataFrame:
    """The table's columns, typed, with `_row`; problems go to `log` (see module docstring)."""
    frame = blank_to_null(raw)
    missing = [c for c in table.dfe_columns if c not in frame.columns]
    frame = frame.with_columns([pl.lit(None, dtype=pl.String).alias(c) for c in missing])
    # A row with nothing in it (a trailing blank line) is not data.
    frame = frame.filter(~pl.all_horizontal([pl.col(c).is_null() for c in table.dfe_columns]))

    typed: list[pl.Expr] = []
    for column in table.columns:
        name = column.dfe
        if column.is_date:
            parsed = read_dates(pl.col(name))
            bad = frame.filter(pl.col(name).is_not_null() & parsed.is_null())
            _report(
                bad, name, log, file=file, code="bad_date", severity=ERROR,
                message=f"{name} ({column.readable.replace('_', ' ')}) is not a date: "
                "write dates as dd/mm/yyyy, for example 31/03/2024",
            )
            typed.append(parsed.alias(name))
        elif column.codes is not None:
            upper = pl.col(name).str.to_uppercase()
            outside = frame.filter(upper.is_not_null() & ~upper.is_in(sorted(column.codes)))
            _report(
                outside, name, log, file=file, code=column.rule or "code_list",
                severity=WARNING,
                message=f"{name} is not one of DfE's codes for "
                f"{column.readable.replace('_', ' ')}; the value is kept as written",
            )
            typed.append(upper.alias(name))
        else:
            typed.append(pl.col(name))
        if column.is_key:
            blank = frame.filter(pl.col(name).is_null())
            _report(
                blank, name, log, file=file, code="missing_key", severity=ERROR,
                message=f"{name} is blank: every {table.name} row needs a "
                f"{column.readable.replace('_', ' ')}",
            )
    return frame.select([*typed, pl.col(ROW)])


def _report(
    bad: pl.DataFrame, column: str, log: ProblemLog, *, file: str, code: str, severity: str,
    message: str,
) -> None:
    if bad.height == 0:
        return
    shown = bad.head(log.room)
    for value, row in zip(shown[column].to_list(), shown[ROW].to_list(), strict=True):
        log.add(
            file=file, row=row, column=column, value=value, message=message, code=code,
            severity=severity,
        )
    log.count_only(severity, bad.height - shown.height)
