"""From the text in a CIN file to typed columns, reporting every value that cannot be used.

The same habits as the SSDA903 tables (trajectory.returns.ssda903.values, whose date reading and
`_row`/`_text_` working columns these share): dates are DfE's yyyy-mm-dd (xs:date), or dd/mm/yyyy
as spreadsheets write them; a date that cannot be read is an error; a blank key field is an
error; a child identifier holding anything outside ASCII is an error (rule 1580 allows letters
and digits only). CIN adds three kinds: true/false fields (ReferralNFA, ICPCnotRequired) read
as Boolean from 1/0/true/false in any case, anything else an error (rule 8568 for ReferralNFA);
NumberOfPreviousCPP, a whole number of zero or more (rule 8730); and the counters given while
reading (CINdetailsID …), Int64. Values outside a code list are kept as written and warned
about once the collection year is known (`code_problems`).
"""

from __future__ import annotations

import polars as pl

from trajectory.returns.cin.schema import (
    CODE,
    COUNT,
    DATE,
    FLAG,
    FLAG_FALSE,
    FLAG_TRUE,
    SEQUENCE,
    Table,
)
from trajectory.returns.problems import ERROR, WARNING, ProblemLog
from trajectory.returns.ssda903.values import (
    ROW,
    TEXT,
    blank_to_null,
    read_dates,
    text_of,
    working_columns,
)

__all__ = ["ROW", "code_problems", "typed_table", "working_columns"]

_NOT_ASCII = r"[^\x00-\x7f]"
_WHOLE_NUMBER = r"^\+?\d{1,9}$"


def typed_table(table: Table, raw: pl.DataFrame, *, file: str, log: ProblemLog) -> pl.DataFrame:
    """The table's columns in schema order, typed, with `_row` and the coded values as written."""
    frame = blank_to_null(raw)
    missing = [c for c in table.columns if c not in frame.columns]
    frame = frame.with_columns([pl.lit(None, dtype=pl.String).alias(c) for c in missing])
    data = [f.name for f in table.fields if f.kind != SEQUENCE]
    frame = frame.filter(pl.any_horizontal([pl.col(c).is_not_null() for c in data]))

    typed = frame.select(
        [_typed(f.kind, pl.col(f.name)).alias(f.name) for f in table.fields]
        + [pl.col(f.name).alias(text_of(f.name)) for f in table.fields if f.kind == CODE]
        + [pl.col(ROW)]
    )
    for field in table.fields:
        name, readable = field.name, field.readable.replace("_", " ")
        text, value = frame[name], typed[name]
        unreadable = text.is_not_null() & value.is_null()
        if field.kind == DATE:
            _report(
                frame,
                unreadable,
                name,
                log,
                file=file,
                code="bad_date",
                message=f"{name} ({readable}) is not a date: write dates as yyyy-mm-dd, "
                "for example 2025-03-31",
            )
        elif field.kind == FLAG:
            _report(
                frame,
                unreadable,
                name,
                log,
                file=file,
                code="8568" if name == "ReferralNFA" else "bad_flag",
                message=f"{name} ({readable}) must be true or false (1 or 0)",
            )
        elif field.kind == COUNT:
            _report(
                frame,
                unreadable,
                name,
                log,
                file=file,
                code="8730",
                message=f"{name} ({readable}) must be a whole number, 0 or more",
            )
        elif field.kind == SEQUENCE:
            _report(
                frame,
                unreadable,
                name,
                log,
                file=file,
                code="bad_number",
                message=f"{name} must be a whole number (1 for a child's first episode …)",
            )
        if field.is_identifier:
            _report(
                frame,
                text.str.contains(_NOT_ASCII),
                name,
                log,
                file=file,
                code="1580" if name == "LAchildID" else "identifier_characters",
                message=f"{name} must use the digits 0-9 and letters A-Z; this one holds "
                "characters from outside them (such as digits from another script), and "
                "nothing was converted",
            )
        if field.is_key:
            _report(
                frame,
                text.is_null(),
                name,
                log,
                file=file,
                code="8500" if name == "LAchildID" else "missing_key",
                message=f"{name} is blank: every {table.name} row needs a {readable}",
            )
    return typed


def _typed(kind: str, text: pl.Expr) -> pl.Expr:
    if kind == DATE:
        return read_dates(text)
    if kind == CODE:
        return text.str.to_uppercase()
    if kind == FLAG:
        upper = text.str.to_uppercase()
        return (
            pl.when(upper.is_in(sorted(FLAG_TRUE)))
            .then(pl.lit(True))
            .when(upper.is_in(sorted(FLAG_FALSE)))
            .then(pl.lit(False))
            .otherwise(pl.lit(None, dtype=pl.Boolean))
        )
    if kind in (COUNT, SEQUENCE):
        return pl.when(text.str.contains(_WHOLE_NUMBER)).then(
            text.str.strip_prefix("+").cast(pl.Int64, strict=False)
        )
    return text


def code_problems(
    table: Table, frame: pl.DataFrame, *, year_end: int, file: str, log: ProblemLog
) -> None:
    """Warn about each value outside its column's code list in the year ending `year_end`,
    and about a field the year does not have (GenderCurrent in 2024-25, Sex before)."""
    label = f"{year_end - 1}-{year_end % 100:02d}"
    for field in table.fields:
        if field.name not in frame.columns:
            continue
        value = frame[field.name]
        if not field.in_year(year_end):
            _report(
                frame,
                value.is_not_null(),
                field.name,
                log,
                file=file,
                code="field_of_other_year",
                severity=WARNING,
                message=f"{field.name} is not a field of the CIN census in {label}"
                + (
                    " (from 2024-25 Sex replaces it)"
                    if field.name == "GenderCurrent"
                    else " (it replaces GenderCurrent from 2024-25)"
                    if field.name == "Sex"
                    else ""
                )
                + "; the value is kept as written",
            )
            continue
        codes = field.codes_in(year_end)
        if codes is None:
            continue
        written = text_of(field.name) if text_of(field.name) in frame.columns else field.name
        _report(
            frame,
            value.is_not_null() & ~value.is_in(sorted(codes)),
            written,
            log,
            file=file,
            code=field.rule or "code_list",
            severity=WARNING,
            message=f"{field.name} is not one of DfE's codes for "
            f"{field.readable.replace('_', ' ')} in {label}; the value is kept as written",
        )


def _report(
    frame: pl.DataFrame,
    mask: pl.Series,
    column: str,
    log: ProblemLog,
    *,
    file: str,
    code: str,
    message: str,
    severity: str = ERROR,
) -> None:
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
