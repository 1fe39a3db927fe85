"""Each workforce census indicator's figure at its census date (30 September).

The docstring of each function is its exact counting rule. `prepare` reads the census tables
once; every function returns [as_at, numerator, denominator, value] with one row, the census
date, or none when the census gives no figure (nothing in post, no vacancy file).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

WORKING_DAYS_A_YEAR = 253  # DfE's absence rate: days lost over FTE x 253 working days


@dataclass
class WorkforceFacts:
    census: date  # 30 September of the census year
    workers: pl.DataFrame  # agency, fte, fte_30, cases_30, left_on, days_lost, worker
    vacancies: pl.DataFrame | None  # vacancies_fte (one row a role, or one)


def _number(frame: pl.LazyFrame, names: list[str], column: str, dtype) -> pl.Expr:
    if column not in names:
        return pl.lit(None, dtype=dtype)
    return pl.col(column).cast(pl.String).str.strip_chars().cast(dtype, strict=False)


def prepare(tables: dict[str, pl.LazyFrame], census: date) -> WorkforceFacts:
    """The worker and vacancy tables (DfE's element names) for the census of `census`."""
    frame = tables.get("CSWWWorker")
    if frame is None:
        workers = pl.DataFrame(
            schema={
                "worker": pl.String,
                "agency": pl.Boolean,
                "fte": pl.Float64,
                "fte_30": pl.Float64,
                "cases_30": pl.Int64,
                "left_on": pl.Date,
                "days_lost": pl.Float64,
            }
        )
    else:
        frame = frame.lazy()
        names = frame.collect_schema().names()
        left = (
            pl.col("RoleEndDate").cast(pl.Date, strict=False)
            if "RoleEndDate" in names
            else pl.lit(None, dtype=pl.Date)
        )
        workers = frame.select(
            worker=_number(frame, names, "SWENo", pl.String),
            agency=_number(frame, names, "AgencyWorker", pl.String) == "1",
            fte=_number(frame, names, "FTE", pl.Float64),
            fte_30=_number(frame, names, "FTE30", pl.Float64),
            cases_30=_number(frame, names, "Cases30", pl.Int64),
            left_on=left,
            days_lost=_number(frame, names, "WorkingDaysLost", pl.Float64),
        ).collect()
    vacancies = tables.get("LALevelVacancies")
    if vacancies is not None:
        vacancies = vacancies.lazy()
        names = vacancies.collect_schema().names()
        vacancies = vacancies.select(
            vacancies_fte=_number(vacancies, names, "NumberOfVacancies", pl.Float64)
        ).collect()
    return WorkforceFacts(census=census, workers=workers, vacancies=vacancies)


def _in_post() -> pl.Expr:
    return ~pl.col("agency") & (pl.col("fte_30").fill_null(0) > 0)


def _one(facts: WorkforceFacts, numerator, denominator, scale: float = 100.0) -> pl.LazyFrame:
    """One row at the census date; no figure (value null) when the denominator is not above 0."""
    value = (
        numerator / denominator * scale
        if numerator is not None and denominator is not None and denominator > 0
        else None
    )
    return pl.LazyFrame(
        {
            "as_at": [facts.census],
            "numerator": [None if numerator is None else float(numerator)],
            "denominator": [None if denominator is None else float(denominator)],
            "value": [value],
        },
        schema={
            "as_at": pl.Date,
            "numerator": pl.Float64,
            "denominator": pl.Float64,
            "value": pl.Float64,
        },
    )


def _sum(facts: WorkforceFacts, column: str, where: pl.Expr) -> float:
    return float(facts.workers.filter(where)[column].fill_null(0).sum())


def _in_post_fte(facts: WorkforceFacts) -> float:
    return _sum(facts, "fte_30", _in_post())


def workforce_caseload_per_fte(facts: WorkforceFacts) -> pl.LazyFrame:
    """Average cases per case-holding social worker (FTE) on 30 September.

    Numerator: the cases held on 30 September (Cases30) by workers holding one or more.
    Denominator: those workers' FTE on 30 September (FTE30), agency workers included. DfE's
    "caseload per FTE" (csww_indicators: cases / case_holders_fte; LAIT measure 287, "Average
    number of cases per children and family social worker (based on FTE counts)").
    """
    holders = pl.col("cases_30").fill_null(0) > 0
    return _one(facts, _sum(facts, "cases_30", holders), _sum(facts, "fte_30", holders), 1.0)


def workforce_vacancy_pct(facts: WorkforceFacts) -> pl.LazyFrame:
    """% of social worker posts vacant on 30 September (FTE).

    Numerator: FTE vacancies on 30 September (LALevelVacancies NumberOfVacancies, summed over
    its rows). Denominator: the vacancies plus the FTE of social workers in post (not agency
    workers, FTE30 above 0). DfE's vacancy rate, vacancy_fte / (vacancy_fte + inpost_fte)
    (csww_indicators vacancy_rate_fte; LAIT measure 287, "Percentage of social worker
    vacancies"). No figure without a vacancy file.
    """
    if facts.vacancies is None:
        return _one(facts, None, None)
    vacant = float(facts.vacancies["vacancies_fte"].fill_null(0).sum())
    return _one(facts, vacant, vacant + _in_post_fte(facts))


def workforce_agency_pct(facts: WorkforceFacts) -> pl.LazyFrame:
    """% of social workers (FTE) on 30 September who were agency workers.

    Numerator: the FTE on 30 September (FTE30) of agency workers (AgencyWorker 1). Denominator:
    that plus the FTE of social workers in post. DfE's agency rate, agency_fte / (agency_fte +
    inpost_fte) (csww_indicators agency_rate_fte; LAIT measure 287, "Percentage of agency
    social workers").
    """
    agency = _sum(facts, "fte_30", pl.col("agency"))
    return _one(facts, agency, agency + _in_post_fte(facts))


def workforce_turnover_pct(facts: WorkforceFacts) -> pl.LazyFrame:
    """% turnover: social workers (FTE) who left in the year to 30 September, of those in post.

    Numerator: the FTE (FTE) of workers who are not agency workers with a RoleEndDate in the
    census year (1 October to 30 September). Denominator: the FTE of social workers in post on
    30 September. DfE's turnover rate, leavers_fte / inpost_fte (csww_indicators
    turnover_rate_fte; LAIT measure 287, "Percentage rate of social worker turnover").
    """
    year_start = date(facts.census.year - 1, 10, 1)
    leavers = ~pl.col("agency") & pl.col("left_on").is_between(year_start, facts.census)
    return _one(facts, _sum(facts, "fte", leavers), _in_post_fte(facts))


def workforce_absence_pct(facts: WorkforceFacts) -> pl.LazyFrame:
    """% of working days lost to sickness absence in the year to 30 September.

    Numerator: working days lost (WorkingDaysLost) by workers who are not agency workers.
    Denominator: the FTE of social workers in post on 30 September times 253 working days.
    DfE's absence rate, working_days_lost_fte / (inpost_fte x 253) (csww_indicators
    absence_rate_fte, which this reproduces; LAIT measure 287, "Social Worker absence rate").
    """
    lost = _sum(facts, "days_lost", ~pl.col("agency"))
    return _one(facts, lost, _in_post_fte(facts) * WORKING_DAYS_A_YEAR)


def worker_rows(facts: WorkforceFacts) -> pl.LazyFrame:
    """The census's worker records behind a figure, one a row (no child is named)."""
    return facts.workers.lazy().with_columns(in_post=_in_post())


@dataclass
class SnapshotFacts:
    """The council's monthly workforce snapshots (trajectory.workforce), one row a month:
    as_at (the month's last day), supervision_held, supervision_due."""

    months: pl.DataFrame


def workforce_supervision_pct(facts: SnapshotFacts) -> pl.LazyFrame:
    """% of supervisions due in the month that were held.

    From the council's monthly workforce figures (the Workforce page), where it records them:
    supervisions held in the month over supervisions due in it, at the month's last day; a
    month without both has no figure. DfE collects no supervision data: a local measure.
    """
    return facts.months.lazy().select(
        "as_at",
        numerator=pl.col("supervision_held").cast(pl.Float64),
        denominator=pl.col("supervision_due").cast(pl.Float64),
        value=pl.when(pl.col("supervision_due") > 0).then(
            pl.col("supervision_held") / pl.col("supervision_due") * 100
        ),
    )


def supervision_rows(facts: SnapshotFacts) -> pl.LazyFrame:
    return facts.months.lazy()
