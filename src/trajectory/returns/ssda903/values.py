"""From the text in a file to typed SSDA903 columns, reporting every value that cannot be used.

Both readers (CSV and XML) hand this module a frame of text columns named as DfE names them,
plus `_row` (where each row sits in its file). It returns the table's columns in DfE order with
dates as `pl.Date` and everything else as text, and logs:

- an error for a key field (schema `Column.is_key`) that is blank or unreadable, and for any
  date that cannot be read: DfE's dd/mm/yyyy, or yyyy-mm-dd as databases write it, with a
  four-digit year between 1900 and 2099 (a two-digit year is ambiguous, so it is refused);
- an error for a child identifier (schema `Column.is_identifier`) holding anything outside
  ASCII: digits from other scripts ('١٢٣', fullwidth '１２３') look like 0-9 and Python's
  `isdigit`/`int` accept them, but they are other characters, so '١٢٣' and '123' would be
  two children here and perhaps one elsewhere. Nothing is normalised; the council corrects the
  identifier at source. (DfE's CIN rule 1580 likewise allows only letters and digits in the
  shared child identifier; ASCII punctuation is not refused here, as SSDA903 has no such rule);
- a warning for a value outside the column's code list (`code_problems`), run once the
  return's collection year is known, since DfE's lists change between years (schema
  `YearCodes`); the value is kept as written, upper-cased as DfE's own validator compares
  codes, and quoted upper-cased.
"""

from __future__ import annotations

import polars as pl

from trajectory.returns.problems import ERROR, WARNING, ProblemLog
from trajectory.returns.ssda903.schema import Table

ROW = "_row"
TEXT = "_text_"  # a coded column's value as written, kept to quote until the year's check


def text_of(column: str) -> str:
    return f"{TEXT}{column}"


def working_columns(frame: pl.DataFrame) -> list[str]:
    """The columns a typed frame carries for checking only (`_row`, values as written)."""
    return [c for c in frame.columns if c == ROW or c.startswith(TEXT)]


_DAY_FIRST = r"^\d{1,2}/\d{1,2}/\d{4}$"
_ISO = r"^\d{4}-\d{2}-\d{2}$"
_MIDNIGHT = r"[ T]00:00(:00(\.0+)?)?$"  # spreadsheets often add a time to a date
_NOT_ASCII = r"[^\x00-\x7f]"


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
    trimmed = {c: pl.col(c).str.strip_chars() for c in text}
    return frame.with_columns(
        [pl.when(t.str.len_bytes() > 0).then(t).alias(c) for c, t in trimmed.items()]
    )


def typed_table(table: Table, raw: pl.DataFrame, *, file: str, log: ProblemLog) -> pl.DataFrame:
    """The table's columns, typed, with `_row`; problems go to `log` (see module docstring).

    Each column is parsed once; problems are found by comparing the text with what it became,
    so a clean file of a million rows costs one pass.
    """
    frame = blank_to_null(raw)
    missing = [c for c in table.dfe_columns if c not in frame.columns]
    frame = frame.with_columns([pl.lit(None, dtype=pl.String).alias(c) for c in missing])
    # A row with nothing in it (a trailing blank line) is not data.
    frame = frame.filter(pl.any_horizontal([pl.col(c).is_not_null() for c in table.dfe_columns]))

    typed = frame.select(
        [
            read_dates(pl.col(c.dfe)).alias(c.dfe)
            if c.is_date
            else pl.col(c.dfe).str.to_uppercase()
            if c.codes is not None
            else pl.col(c.dfe)
            for c in table.columns
        ]
        # A coded value and a date as written: the code-list and date-format rules quote them
        # (dataquality), never stored (`working_columns`).
        + [
            pl.col(c.dfe).alias(text_of(c.dfe))
            for c in table.columns
            if c.codes is not None or c.is_date
        ]
        + [pl.col(ROW)]
    )
    for column in table.columns:
        name, readable = column.dfe, column.readable.replace("_", " ")
        text, value = frame[name], typed[name]
        if column.is_date:
            _report(
                frame,
                text.is_not_null() & value.is_null(),
                name,
                log,
                file=file,
                code="bad_date",
                severity=ERROR,
                message=f"{name} ({readable}) is not a date: write dates as dd/mm/yyyy, "
                "for example 31/03/2024",
            )
        if column.is_identifier:
            _report(
                frame,
                text.str.contains(_NOT_ASCII),
                name,
                log,
                file=file,
                code="identifier_characters",
                severity=ERROR,
                message=f"{name} must use the digits 0-9 and letters A-Z; this one holds "
                "characters from outside them (such as digits from another script), and "
                "nothing was converted",
            )
        if column.is_key:
            _report(
                frame,
                text.is_null(),
                name,
                log,
                file=file,
                code="missing_key",
                severity=ERROR,
                message=f"{name} is blank: every {table.name} row needs a {readable}",
            )
    return typed


def code_problems(
    table: Table, frame: pl.DataFrame, *, year_end: int, file: str, log: ProblemLog
) -> None:
    """Warn about each value outside its column's code list in the collection year ending
    31 March `year_end`; `frame` is the typed table with `_row`."""
    label = f"{year_end - 1}-{year_end % 100:02d}"
    for column in table.columns:
        codes = column.codes_in(year_end)
        if codes is None or column.dfe not in frame.columns:
            continue
        name, readable = column.dfe, column.readable.replace("_", " ")
        value = frame[name]
        written = text_of(name) if text_of(name) in frame.columns else name
        _report(
            frame,
            value.is_not_null() & ~value.is_in(sorted(codes)),
            written,
            log,
            file=file,
            code=column.rule or "code_list",
            severity=WARNING,
            message=f"{name} is not one of DfE's codes for {readable}"
            + (f" in {label}" if column.codes is not codes else "")
            + "; the value is kept as written",
        )


def _report(
    frame: pl.DataFrame,
    mask: pl.Series,
    column: str,
    log: ProblemLog,
    *,
    file: str,
    code: str,
    severity: str,
    message: str,
) -> None:
    """Log the rows of `mask`, quoting `column` (a value as written names its DfE column)."""
    found = int(mask.sum())
    if found == 0:
        return
    shown = frame.filter(mask).head(log.room)
    for value, row in zip(shown[column].to_list(), shown[ROW].to_list(), strict=True):
        log.add(
            file=file,
            row=row,
            column=column.removeprefix(TEXT),
            value=value,
            message=message,
            code=code,
            severity=severity,
        )
    log.count_only(severity, found - shown.height)
