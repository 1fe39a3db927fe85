"""From raw text to typed census columns, and the checks on the census's rows.

Typing (`typed_table`) logs, naming file, row, field and value:
- ``bad_date``: a date that is neither dd/mm/yyyy nor yyyy-mm-dd (years 1900-2099);
- ``bad_number``: a number that is not written as one (``0.8``, ``12``; no ``1e3``, ``NaN``
  or ``inf``), or, for a count (``Cases30``, ``NoAgencyHeadcount``), not a whole number;
- ``missing_key``: a required field left blank (``SWENo``, ``AgencyWorker``,
  ``NumberOfVacancies``);
- ``identifier_characters``: a ``SWENo`` with characters outside ASCII (they look like
  digits but would count as another worker).

Code lists (`code_problems`, once the year is known) warn about a value outside the year's list
(``code_list``), kept as written, except ``AgencyWorker``, whose 0/1 decides what every other
field means, which is an error; and about a field given for a census before its first
(``not_collected``, kept).

Row checks (`run`), against the census date (30 September of the year) and the year's start
(1 October the year before):
- ``duplicate_worker`` (error): one SWENo twice with the same start date, or twice in post on
  30 September (the guide, 1.9.7: a worker holding two roles is returned once, in the more
  senior; 1.9.5: a leaver who returns in the year has a record for each spell);
- ``fte_range`` (error): FTE or FTE30 not in 0 < FTE <= 1;
- ``leave_before_start`` (error): RoleEndDate before RoleStartDate;
- ``start_after_census`` / ``leave_after_census`` (error): a date after the census date,
  which usually means the wrong year was declared;
- ``left_before_year`` (warning): left before the census year began, so not one of its leavers;
- ``reason_leave_missing`` (warning): a leaver without ReasonLeave; ``reason_without_leaving``
  (warning): ReasonLeave with no RoleEndDate;
- ``negative`` (error): cases, working days lost, contract weeks, vacancies or agency cover
  below zero; ``absence_days`` (warning): more working days lost than a year has (261);
- ``worker_id`` (warning): a SWENo not written as two letters and digits (Social Work England
  numbers are "SW" and digits);
- ``agency_cover`` (warning): more agency FTE covering vacancies than there are vacancies;
- ``duplicate_vacancies`` (error): more than one vacancy row for the council (or for a role).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from trajectory.returns.problems import ERROR, WARNING, ProblemLog
from trajectory.returns.ssda903.values import blank_to_null, read_dates
from trajectory.returns.workforce import schema

ROW = "_row"
TEXT = "_text_"
WORKING_DAYS_IN_A_YEAR = 261
_DECIMAL = r"^[+-]?(\d+(\.\d*)?|\.\d+)$"
_INTEGER = r"^[+-]?\d+$"
_NOT_ASCII = r"[^\x00-\x7f]"
_SWE = r"^[A-Za-z]{2}\d+$"


def text_of(column: str) -> str:
    return f"{TEXT}{column}"


def working_columns(frame: pl.DataFrame) -> list[str]:
    return [c for c in frame.columns if c == ROW or c.startswith(TEXT)]


def report(
    log: ProblemLog,
    frame: pl.DataFrame,
    mask: pl.Series | pl.Expr,
    column: str,
    *,
    file: str,
    code: str,
    message: str,
    severity: str = ERROR,
    quote: str | None = None,
) -> None:
    """Log each row of `frame` where `mask` holds, quoting `quote` (default: `column`)."""
    if isinstance(mask, pl.Expr):
        mask = frame.select(mask.fill_null(False).alias("m"))["m"]
    mask = mask.fill_null(False)
    found = int(mask.sum())
    if found == 0:
        return
    quoted = quote or column
    shown = frame.filter(mask).head(log.room)
    for value, row in zip(shown[quoted].to_list(), shown[ROW].to_list(), strict=True):
        log.add(
            file=file,
            row=row,
            column=column,
            value="" if value is None else value,
            message=message,
            code=code,
            severity=severity,
        )
    log.count_only(severity, found - shown.height)


def typed_table(table: schema.Table, raw: pl.DataFrame, *, file: str, log: ProblemLog):
    frame = blank_to_null(raw)
    frame = frame.filter(pl.any_horizontal([pl.col(c).is_not_null() for c in table.dfe_columns]))
    expressions = []
    for f in table.all_fields:
        text = pl.col(f.dfe)
        if f.kind == schema.DATE:
            expressions.append(read_dates(text).alias(f.dfe))
        elif f.kind == schema.DECIMAL:
            expressions.append(
                pl.when(text.str.contains(_DECIMAL))
                .then(text.cast(pl.Float64, strict=False))
                .alias(f.dfe)
            )
        elif f.kind == schema.INTEGER:
            expressions.append(
                pl.when(text.str.contains(_INTEGER))
                .then(text.str.replace(r"^\+", "").cast(pl.Int64, strict=False))
                .alias(f.dfe)
            )
        elif f.kind == schema.CODE:
            expressions.append(text.str.to_uppercase().alias(f.dfe))
        else:
            expressions.append(text)
    texts = [pl.col(f.dfe).alias(text_of(f.dfe)) for f in table.all_fields if f.kind != schema.TEXT]
    typed = frame.select(expressions + texts + [pl.col(ROW)])
    for f in table.all_fields:
        name, readable = f.dfe, f.label
        written, value = frame[name], typed[name]
        unreadable = written.is_not_null() & value.is_null()
        if f.kind == schema.DATE:
            report(
                log,
                typed,
                unreadable,
                name,
                file=file,
                code="bad_date",
                quote=text_of(name),
                message=f"{name} ({readable}) is not a date: write dates as dd/mm/yyyy, for "
                "example 30/09/2024",
            )
        elif f.kind in (schema.DECIMAL, schema.INTEGER):
            whole = " whole" if f.kind == schema.INTEGER else ""
            report(
                log,
                typed,
                unreadable,
                name,
                file=file,
                code="bad_number",
                quote=text_of(name),
                message=f"{name} ({readable}) is not a{whole} number",
            )
        if f.required:
            report(
                log,
                typed,
                written.is_null(),
                name,
                file=file,
                code="missing_key",
                message=f"{name} is blank: every {table.name} row needs one ({readable})",
            )
    if table is schema.WORKER:
        report(
            log,
            typed,
            typed["SWENo"].str.contains(_NOT_ASCII),
            "SWENo",
            file=file,
            code="identifier_characters",
            message="SWENo must use the letters A-Z and digits 0-9; this one holds characters "
            "from outside them (such as digits from another script), and nothing was converted",
        )
    return typed


def code_problems(
    table: schema.Table, frame: pl.DataFrame, *, end_year: int, label: str, file: str, log
) -> None:
    """Values outside the year's code lists, and fields the census did not yet collect."""
    for f in table.all_fields:
        if f.first_year > end_year:
            report(
                log,
                frame,
                frame[f.dfe].is_not_null(),
                f.dfe,
                file=file,
                code="not_collected",
                severity=WARNING,
                quote=text_of(f.dfe) if f.kind != schema.TEXT else f.dfe,
                message=f"{f.dfe} ({f.label}) was first collected in the census of "
                f"30 September {f.first_year}; the value is kept",
            )
        codes = f.codes_in(end_year)
        if codes is None:
            continue
        strict = f.dfe == "AgencyWorker"
        report(
            log,
            frame,
            frame[f.dfe].is_not_null() & ~frame[f.dfe].is_in(sorted(codes)),
            f.dfe,
            file=file,
            code="code_list",
            quote=text_of(f.dfe),
            severity=ERROR if strict else WARNING,
            message=f"{f.dfe} is not one of DfE's codes for {f.label} in "
            f"{label} ({', '.join(codes)})" + ("" if strict else "; the value is kept as written"),
        )


def run(
    frames: dict[str, pl.DataFrame],
    sources: dict[str, str],
    log: ProblemLog,
    *,
    census: date,
) -> None:
    workers = frames.get(schema.WORKER.name)
    if workers is not None:
        _workers(workers, sources[schema.WORKER.name], log, census=census)
    vacancies = frames.get(schema.VACANCIES.name)
    if vacancies is not None:
        _vacancies(vacancies, sources[schema.VACANCIES.name], log)


def _day(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _workers(frame: pl.DataFrame, file: str, log: ProblemLog, *, census: date) -> None:
    year_start = date(census.year - 1, 10, 1)
    start, end = pl.col("RoleStartDate"), pl.col("RoleEndDate")
    keyed = frame.with_columns(
        pl.len().over("SWENo", "RoleStartDate").alias("_same_start"),
        pl.when(end.is_null()).then(pl.len().over("SWENo", end.is_null())).alias("_in_post"),
    )
    report(
        log,
        keyed,
        pl.col("SWENo").is_not_null() & ((pl.col("_same_start") > 1) | (pl.col("_in_post") > 1)),
        "SWENo",
        file=file,
        code="duplicate_worker",
        message="This worker has more than one record for the same spell (the same start "
        "date, or two records still in post on 30 September): return one record per spell, "
        "in the more senior role when they hold two",
    )
    for column in ("FTE", "FTE30"):
        report(
            log,
            frame,
            (pl.col(column) <= 0) | (pl.col(column) > 1),
            column,
            file=file,
            code="fte_range",
            quote=text_of(column),
            message=f"{column} must be more than 0 and at most 1 (1 is full time); leave it "
            "blank when it is not known",
        )
    report(
        log,
        frame,
        end < start,
        "RoleEndDate",
        file=file,
        code="leave_before_start",
        quote=text_of("RoleEndDate"),
        message="RoleEndDate (leaving) is before RoleStartDate (starting)",
    )
    for column, code, what in (
        ("RoleStartDate", "start_after_census", "starts"),
        ("RoleEndDate", "leave_after_census", "leaves"),
    ):
        report(
            log,
            frame,
            pl.col(column) > census,
            column,
            file=file,
            code=code,
            quote=text_of(column),
            message=f"{column} is after the census date {_day(census)}: a worker who {what} "
            "later belongs to a later census (is the collection year right?)",
        )
    report(
        log,
        frame,
        end < year_start,
        "RoleEndDate",
        file=file,
        code="left_before_year",
        severity=WARNING,
        quote=text_of("RoleEndDate"),
        message=f"RoleEndDate is before the census year began ({_day(year_start)}): this "
        "worker is not one of the year's leavers",
    )
    report(
        log,
        frame,
        end.is_not_null() & pl.col("ReasonLeave").is_null() & (pl.col("AgencyWorker") == "0"),
        "ReasonLeave",
        file=file,
        code="reason_leave_missing",
        severity=WARNING,
        message="ReasonLeave is blank for a worker with a RoleEndDate",
    )
    report(
        log,
        frame,
        end.is_null() & pl.col("ReasonLeave").is_not_null(),
        "ReasonLeave",
        file=file,
        code="reason_without_leaving",
        severity=WARNING,
        quote=text_of("ReasonLeave"),
        message="ReasonLeave is given but RoleEndDate is blank",
    )
    for column in ("Cases30", "WorkingDaysLost", "ContractWeeks"):
        report(
            log,
            frame,
            pl.col(column) < 0,
            column,
            file=file,
            code="negative",
            quote=text_of(column),
            message=f"{column} cannot be below zero",
        )
    report(
        log,
        frame,
        pl.col("WorkingDaysLost") > WORKING_DAYS_IN_A_YEAR,
        "WorkingDaysLost",
        file=file,
        code="absence_days",
        severity=WARNING,
        quote=text_of("WorkingDaysLost"),
        message=f"WorkingDaysLost is more than the {WORKING_DAYS_IN_A_YEAR} working days a "
        "year has",
    )
    report(
        log,
        frame,
        pl.col("SWENo").is_not_null()
        & ~pl.col("SWENo").str.contains(_SWE)
        & ~pl.col("SWENo").str.contains(_NOT_ASCII),
        "SWENo",
        file=file,
        code="worker_id",
        severity=WARNING,
        message="SWENo is not written as a Social Work England number (two letters and "
        "digits, such as SW12345)",
    )


def _vacancies(frame: pl.DataFrame, file: str, log: ProblemLog) -> None:
    for column in ("NumberOfVacancies", "NoAgencyFTE", "NoAgencyHeadcount"):
        report(
            log,
            frame,
            pl.col(column) < 0,
            column,
            file=file,
            code="negative",
            quote=text_of(column),
            message=f"{column} cannot be below zero",
        )
    report(
        log,
        frame,
        pl.col("NoAgencyFTE") > pl.col("NumberOfVacancies"),
        "NoAgencyFTE",
        file=file,
        code="agency_cover",
        severity=WARNING,
        quote=text_of("NoAgencyFTE"),
        message="NoAgencyFTE (agency workers covering vacancies) is more than NumberOfVacancies",
    )
    repeated = frame.with_columns(pl.len().over("OrgRole").alias("_n"))
    report(
        log,
        repeated,
        pl.col("_n") > 1,
        "OrgRole",
        file=file,
        code="duplicate_vacancies",
        quote=text_of("OrgRole"),
        message="More than one vacancy row for the council (or for the same OrgRole): give "
        "one row, or one per role",
    )
