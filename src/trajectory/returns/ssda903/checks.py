"""The row checks an upload gets beyond its structure, declared as data.

Each check names the DfE validation rule it follows (see ../shared/domain/rules/
ssda903_rules.csv; messages are our own words), the table whose rows it flags, the fields it
looks at, and either a Polars expression over that one table (`where`, which may order rows
within a child with `.over("CHILD", order_by=...)`, or be a function of the upload date giving
one) or a function over the lazy tables (`rows`) for checks that cross tables. Most findings are
warnings: the data stays usable and the council can correct it in a later version.

Dates in the future are errors. DfE's rules 301 (a date of birth after collection end) and 354
(an episode starting after collection end) refuse such rows. "The future" is the earlier of the
end of the return's collection year (31 March; declared, or inferred from the data, see
collection_year.py) and the upload date, in England: a child cannot be born, nor a period of
care start, after the day the return is sent, and DfE refuses dates after the year's end. An
inferred year holds the latest episode date, so only a declared year earlier than the data
can bring these errors on. Such a row cannot be counted (the child's age, or whether they are
in care at all, is unknown), hence the refusal.

This is deliberately a short list of the checks that most change the figures. The full DfE
catalogue is a later piece of work and plugs in here by adding declarations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import polars as pl

from trajectory.returns.collection_year import CollectionYear
from trajectory.returns.problems import ERROR, WARNING, ProblemLog
from trajectory.returns.ssda903.values import ROW


@dataclass(frozen=True)
class Check:
    code: str  # DfE's rule code
    table: str  # the table whose rows are flagged
    fields: tuple[str, ...]  # the first is the column reported
    message: str  # "{limit}" stands for what "the future" is measured from
    severity: str = WARNING
    where: pl.Expr | Callable[[date], pl.Expr] | None = None  # a function of that limit
    rows: Callable[[dict[str, pl.LazyFrame]], pl.LazyFrame] | None = None
    needs: tuple[str, ...] = ()  # other tables the check reads; skipped when one is absent


def _after(column: str) -> Callable[[date], pl.Expr]:
    """Rows whose `column` is later than the limit (collection end or upload date)."""
    return lambda limit: pl.col(column) > pl.lit(limit)


def future_limit(today: date, year: CollectionYear) -> tuple[date, str]:
    """The day after which a date is in the future, and those words for a message."""
    if year.end < today:
        return year.end, f"after the end of the collection year {year.label}, {_day(year.end)}"
    return today, "after the day this return was uploaded"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _in_child_order(column: str, step: int) -> pl.Expr:
    """The value of `column` on the child's previous (step 1) or next (step -1) episode."""
    return pl.col(column).shift(step).over("CHILD", order_by="DECOM")


def _in_child_order_of(column: str, order_by: str, step: int) -> pl.Expr:
    """`column` of the row `step` before (positive) or after (negative) in the child's rows
    ordered by `order_by`."""
    return pl.col(column).shift(step).over("CHILD", order_by=order_by)


def _episodes_before_birth(tables: dict[str, pl.LazyFrame]) -> pl.LazyFrame:
    births = tables["Header"].select("CHILD", pl.col("DOB").alias("_dob")).unique("CHILD")
    return (
        tables["Episodes"]
        .join(births, on="CHILD", how="inner")
        .filter(pl.col("DECOM") < pl.col("_dob"))
    )


def _not_in_header(table: str) -> Callable[[dict[str, pl.LazyFrame]], pl.LazyFrame]:
    def rows(tables: dict[str, pl.LazyFrame]) -> pl.LazyFrame:
        return tables[table].join(tables["Header"].select("CHILD"), on="CHILD", how="anti")

    return rows


_INTEGRITY = {
    "INT01": "AD1",
    "INT02": "PlacedAdoption",
    "INT03": "Episodes",
    "INT04": "Missing",
    "INT05": "OC2",
    "INT06": "OC3",
    "INT07": "PrevPerm",
    "INT08": "Reviews",
    "INT09": "UASC",
}

CHECKS: tuple[Check, ...] = (
    Check(
        "301",
        "Header",
        ("DOB",),
        "The date of birth (DOB) is in the future: it is {limit}",
        severity=ERROR,
        where=_after("DOB"),
    ),
    Check(
        "354",
        "Episodes",
        ("DECOM",),
        "The episode starts (DECOM) in the future: {limit}",
        severity=ERROR,
        where=_after("DECOM"),
    ),
    Check(
        "356",
        "Episodes",
        ("DEC", "DECOM"),
        "The episode ends (DEC) before it starts (DECOM)",
        where=pl.col("DEC") < pl.col("DECOM"),
    ),
    Check(
        "501",
        "Episodes",
        ("DECOM", "DEC"),
        "The episode starts before the child's previous episode ended: the two overlap",
        where=pl.col("DECOM") < _in_child_order("DEC", 1),
    ),
    Check(
        "388",
        "Episodes",
        ("REC", "DEC"),
        "The episode ends with X1 (care continues) but the child's next episode does not "
        "start on the day it ends",
        where=(pl.col("REC") == "X1")
        & pl.col("DEC").is_not_null()
        & _in_child_order("DECOM", -1).ne_missing(pl.col("DEC")),
    ),
    Check(
        "302",
        "Episodes",
        ("DECOM",),
        "The episode starts before the child's date of birth in the Header table",
        rows=_episodes_before_birth,
        needs=("Header",),
    ),
    Check(
        "INT32",
        "Header",
        ("CHILD",),
        "This child appears more than once in the Header table",
        where=pl.col("CHILD").is_duplicated(),
    ),
    # SWEpisodes (issue 8.7): the social worker episodes the team and worker figures read.
    Check(
        "SW06STG2",
        "SWEpisodes",
        ("SW_DECOM",),
        "The social worker episode starts (SW_DECOM) in the future: {limit}",
        severity=ERROR,
        where=_after("SW_DECOM"),
    ),
    Check(
        "SW02STG1",
        "SWEpisodes",
        ("SW_ID",),
        "The social worker's identifier (SW_ID) does not begin with SW or XX",
        where=~pl.col("SW_ID").fill_null("").str.starts_with("SW")
        & ~pl.col("SW_ID").fill_null("").str.starts_with("XX"),
    ),
    Check(
        "SW18STG2",
        "SWEpisodes",
        ("SW_DEC", "SW_DECOM"),
        "The social worker episode ends (SW_DEC) on or before the day it starts (SW_DECOM)",
        where=pl.col("SW_DEC") <= pl.col("SW_DECOM"),
    ),
    Check(
        "SW19STG2",
        "SWEpisodes",
        ("SW_DECOM", "CHILD"),
        "The child already has a social worker episode starting on this day (SW_DECOM)",
        where=pl.col("SW_DECOM").is_not_null()
        & ~pl.struct("CHILD", "SW_DECOM").is_first_distinct(),
    ),
    Check(
        "SW08STG2",
        "SWEpisodes",
        ("SW_DEC", "SW_DECOM"),
        "The social worker episode has no end (SW_DEC) but is not the child's latest",
        where=pl.col("SW_DEC").is_null()
        & (pl.col("SW_DECOM") < pl.col("SW_DECOM").max().over("CHILD")),
    ),
    # DoLo, deprivation of liberty orders (from 2026-27; rules 700-709).
    Check(
        "703",
        "DoLo",
        ("DOLO_START",),
        "The deprivation of liberty order starts (DOLO_START) in the future: {limit}",
        severity=ERROR,
        where=_after("DOLO_START"),
    ),
    Check(
        "702",
        "DoLo",
        ("DOLO_END", "DOLO_START"),
        "The deprivation of liberty order ends (DOLO_END) on or before the day it starts "
        "(DOLO_START)",
        where=pl.col("DOLO_END") <= pl.col("DOLO_START"),
    ),
    Check(
        "705",
        "DoLo",
        ("DOLO_START", "DOLO_END"),
        "The deprivation of liberty order starts before the child's previous one ended, or "
        "the previous one has no end (DOLO_END)",
        where=pl.col("DOLO_START").is_not_null()
        & (
            (pl.col("DOLO_START") < _in_child_order_of("DOLO_END", "DOLO_START", 1))
            | (
                _in_child_order_of("DOLO_START", "DOLO_START", 1).is_not_null()
                & _in_child_order_of("DOLO_END", "DOLO_START", 1).is_null()
            )
        ),
    ),
    Check(
        "708",
        "DoLo",
        ("DOLO_START", "DOB"),
        "The deprivation of liberty order starts (DOLO_START) on or before the child's date "
        "of birth",
        where=pl.col("DOLO_START") <= pl.col("DOB"),
    ),
    *(
        Check(
            code,
            table,
            ("CHILD",),
            f"This child has a row in {table} but none in the Header table",
            rows=_not_in_header(table),
            needs=("Header",),
        )
        for code, table in _INTEGRITY.items()
    ),
)


def flagged(check: Check, frames: dict[str, pl.DataFrame], *, today: date) -> pl.DataFrame:
    """The rows of `check.table` (with `_row`) that the check flags; empty when skipped.

    `today` is the limit for dates in the future (`future_limit`)."""
    if check.table not in frames or any(t not in frames for t in check.needs):
        return pl.DataFrame()
    lazy = {name: frame.lazy() for name, frame in frames.items()}
    if check.where is None:
        found = check.rows(lazy)
    else:
        where = check.where if isinstance(check.where, pl.Expr) else check.where(today)
        found = lazy[check.table].filter(where)
    return found.select(*check.fields, ROW).sort(ROW).collect()


def run(
    frames: dict[str, pl.DataFrame],
    sources: dict[str, str],
    log: ProblemLog,
    *,
    today: date,
    year: CollectionYear,
) -> None:
    """Log every finding of every check against the file and row it came from."""
    limit, limit_words = future_limit(today, year)
    for check in CHECKS:
        found = flagged(check, frames, today=limit)
        if found.height == 0:
            continue
        column = check.fields[0]
        shown = found.head(log.room)
        for value, row in zip(shown[column].to_list(), shown[ROW].to_list(), strict=True):
            log.add(
                file=sources[check.table],
                row=row,
                column=column,
                value=value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else value,
                message=check.message.replace("{limit}", limit_words),
                code=check.code,
                severity=check.severity,
            )
        log.count_only(check.severity, found.height - shown.height)
