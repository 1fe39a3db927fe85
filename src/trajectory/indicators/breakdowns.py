"""Every child-based indicator cut by team and by social worker, at every as-at date.

An indicator's rows (`ssda903/child_rows.py`: each row's as-at ranges in the denominator and
the numerator) are intersected with the child's allocation ranges (`ssda903/allocations.py`:
the worker and team holding the case over each range) and the pieces added up by council, team
(or worker) and date, with the same running sum as the council's figures. The allocations of a
child cover every date once, so the teams' numerators and denominators add up to the council's.

Child-based: every indicator whose unit is a count or a percentage. The rate per 10,000 divides
by the council's child population, which has no share per team, so it is left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import polars as pl

from trajectory.indicators.registry import INDICATORS
from trajectory.indicators.ssda903.allocations import DIMENSIONS, NOT_RECORDED, allocations
from trajectory.indicators.ssda903.facts import Facts, prepare
from trajectory.indicators.ssda903.figures import _collection_year

BREAKDOWN_UNITS = ("count", "percent")
BREAKDOWN_INDICATORS = tuple(i for i in INDICATORS if i.unit in BREAKDOWN_UNITS)
_GROUP = ["council_key", "key", "_idx"]


def _with_child(facts: Facts, rows: pl.LazyFrame) -> pl.LazyFrame:
    """The rows with the child's DfE id (care leaver rows carry it already)."""
    if "child" in rows.collect_schema().names():
        return rows
    return rows.join(facts.children.lazy().select("child_key", "child"), on="child_key")


def split(
    facts: Facts, rows: pl.LazyFrame, allocated: pl.DataFrame, dimension: str
) -> pl.LazyFrame:
    """[council_key, key, den_lo, den_hi, num_lo, num_hi]: each row cut at its child's changes
    of `dimension` (team or worker); a child without any allocation is key "" throughout."""
    n = len(facts.dates)
    pieces = allocated.lazy().select("council_key", "child", key=dimension, a_lo="lo", a_hi="hi")
    joined = (
        _with_child(facts, rows)
        .select("council_key", "child", "den_lo", "den_hi", "num_lo", "num_hi")
        .join(pieces, on=["council_key", "child"], how="left")
        .with_columns(
            key=pl.col("key").fill_null(NOT_RECORDED),
            a_lo=pl.col("a_lo").fill_null(0),
            a_hi=pl.col("a_hi").fill_null(n),
        )
    )
    lo, hi = pl.col("a_lo"), pl.col("a_hi")
    return joined.select(
        "council_key",
        "key",
        den_lo=pl.max_horizontal("den_lo", lo),
        den_hi=pl.min_horizontal("den_hi", hi),
        num_lo=pl.max_horizontal("num_lo", lo),
        num_hi=pl.min_horizontal("num_hi", hi),
    )


def _sum(
    facts: Facts, pieces: pl.LazyFrame, unit: str, *, dates: pl.LazyFrame | None
) -> pl.LazyFrame:
    """Running sums of the pieces' ranges by council, key and date: [council_key, key, _idx,
    numerator, denominator, value], every date for every key that has any piece."""
    edges = []
    for lo, hi, column, other in (
        ("den_lo", "den_hi", "denominator", "numerator"),
        ("num_lo", "num_hi", "numerator", "denominator"),
    ):
        ranges = pieces.filter(pl.col(lo) < pl.col(hi))
        for edge, step in ((lo, 1), (hi, -1)):
            edges.append(
                ranges.select(
                    "council_key",
                    "key",
                    _idx=pl.col(edge).cast(pl.UInt32),
                    **{column: pl.lit(step, pl.Int64), other: pl.lit(0, pl.Int64)},
                )
            )
    steps = (
        pl.concat([e.select(*_GROUP, "numerator", "denominator") for e in edges])
        .group_by(_GROUP)
        .agg(pl.col("numerator").sum(), pl.col("denominator").sum())
    )
    keys = steps.select("council_key", "key").unique()
    grid = keys.join(facts.as_at.lazy().select("_idx", "as_at"), how="cross")
    out = (
        grid.join(steps, on=_GROUP, how="left")
        .sort(_GROUP)
        .with_columns(
            pl.col("numerator", "denominator")
            .fill_null(0)
            .cum_sum()
            .over("council_key", "key")
            .cast(pl.Float64)
        )
    )
    if dates is not None:
        out = out.join(dates.select("council_key", "_idx"), on=["council_key", "_idx"])
    if unit == "count":
        return out.with_columns(value=pl.col("numerator"), denominator=pl.lit(None, pl.Float64))
    return out.with_columns(
        value=pl.when(pl.col("denominator") > 0).then(
            pl.col("numerator") / pl.col("denominator") * 100
        )
    )


def breakdowns_from_facts(
    facts: Facts,
    sw_episodes: pl.DataFrame | pl.LazyFrame | None,
    worker_teams: pl.DataFrame | None = None,
    only: Iterable[str] | None = None,
) -> pl.DataFrame:
    """[council?, indicator_id, dimension, key, as_at, numerator, denominator, value] for every
    child-based indicator, by team and by worker. Dates and keys with nothing in them (neither
    numerator nor denominator) are left out, so a worker appears only while holding cases."""
    allocated = allocations(facts, sw_episodes, worker_teams)
    wanted = set(only) if only is not None else None
    frames = []
    for indicator in BREAKDOWN_INDICATORS:
        if wanted is not None and indicator.id not in wanted:
            continue
        rows = indicator.children(facts)
        annual = _collection_year(facts) if indicator.cadence == "annual" else None
        for dimension in DIMENSIONS:
            frames.append(
                _sum(facts, split(facts, rows, allocated, dimension), indicator.unit, dates=annual)
                .filter((pl.col("numerator") != 0) | (pl.col("denominator").fill_null(0) != 0))
                .with_columns(indicator_id=pl.lit(indicator.id), dimension=pl.lit(dimension))
            )
    columns = ["indicator_id", "dimension", "key", "as_at", "numerator", "denominator", "value"]
    if not frames:
        return pl.DataFrame(
            schema={
                "indicator_id": pl.String,
                "dimension": pl.String,
                "key": pl.String,
                "as_at": pl.Date,
                "numerator": pl.Float64,
                "denominator": pl.Float64,
                "value": pl.Float64,
            }
        )
    out = pl.concat(
        [f.select("council_key", *columns) for f in pl.collect_all(frames)],
        how="vertical_relaxed",
    )
    if facts.has_council:
        out = out.join(facts.councils.select("council_key", "council"), on="council_key")
        columns = ["council", *columns]
    return out.sort("indicator_id", "dimension", "key", "as_at").select(columns)


def compute_breakdowns(
    tables: dict[str, pl.LazyFrame],
    as_at: Iterable[date],
    worker_teams: pl.DataFrame | None = None,
    population: int | None | pl.DataFrame = None,
    collection_year_end: date | pl.DataFrame | None = None,
    only: Iterable[str] | None = None,
) -> pl.DataFrame:
    """`breakdowns_from_facts` over SSDA903 tables (SWEpisodes among them); empty when the
    return holds no SWEpisodes table."""
    sw_episodes = tables.get("SWEpisodes")
    facts = prepare(tables, as_at, population, collection_year_end)
    if sw_episodes is None:
        return breakdowns_from_facts(facts, None, worker_teams, only=[])
    return breakdowns_from_facts(facts, sw_episodes, worker_teams, only=only)
