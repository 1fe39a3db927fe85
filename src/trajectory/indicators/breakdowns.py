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


def _all_rows(facts: Facts, indicators) -> pl.DataFrame:
    """Every indicator's rows in one frame: [indicator, council_key, child, den_lo, den_hi,
    num_lo, num_hi], `indicator` the position in `indicators`."""
    frames = [
        _with_child(facts, indicator.children(facts)).select(
            pl.lit(position, pl.UInt16).alias("indicator"),
            pl.col("council_key").cast(pl.UInt32),
            pl.col("child").cast(pl.String),
            *(pl.col(c).cast(pl.Int64) for c in ("den_lo", "den_hi", "num_lo", "num_hi")),
        )
        for position, indicator in enumerate(indicators)
    ]
    return pl.concat(pl.collect_all(frames))


def split(rows: pl.LazyFrame, allocated: pl.DataFrame, n: int) -> pl.LazyFrame:
    """Each row cut at its child's changes of worker: [indicator, council_key, team, worker,
    den_lo, den_hi, num_lo, num_hi]; a child without any allocation is "" throughout."""
    pieces = allocated.lazy().select(
        pl.col("council_key").cast(pl.UInt32), "child", "team", "worker", a_lo="lo", a_hi="hi"
    )
    lo = pl.col("a_lo").fill_null(0)
    hi = pl.col("a_hi").fill_null(n)
    return rows.join(pieces, on=["council_key", "child"], how="left").select(
        "indicator",
        "council_key",
        pl.col("team").fill_null(NOT_RECORDED),
        pl.col("worker").fill_null(NOT_RECORDED),
        den_lo=pl.max_horizontal("den_lo", lo),
        den_hi=pl.min_horizontal("den_hi", hi),
        num_lo=pl.max_horizontal("num_lo", lo),
        num_hi=pl.min_horizontal("num_hi", hi),
    )


def _sum(facts: Facts, pieces: pl.LazyFrame, dimension: str) -> pl.LazyFrame:
    """Running sums of the pieces' ranges by indicator, council, key and date: [indicator,
    council_key, key, _idx, numerator, denominator], every date for every key with a piece."""
    group = ["indicator", "council_key", "key"]
    pieces = pieces.rename({dimension: "key"})
    edges = []
    for lo, hi, column, other in (
        ("den_lo", "den_hi", "denominator", "numerator"),
        ("num_lo", "num_hi", "numerator", "denominator"),
    ):
        ranges = pieces.filter(pl.col(lo) < pl.col(hi))
        for edge, step in ((lo, 1), (hi, -1)):
            edges.append(
                ranges.select(
                    *group,
                    _idx=pl.col(edge).cast(pl.UInt32),
                    **{column: pl.lit(step, pl.Int32), other: pl.lit(0, pl.Int32)},
                ).select(*group, "_idx", "numerator", "denominator")
            )
    steps = (
        pl.concat(edges)
        .group_by(*group, "_idx")
        .agg(pl.col("numerator").sum(), pl.col("denominator").sum())
    )
    grid = (
        steps.select(group)
        .unique()
        .join(facts.as_at.lazy().select(pl.col("_idx").cast(pl.UInt32), "as_at"), how="cross")
    )
    return (
        grid.join(steps, on=[*group, "_idx"], how="left")
        .sort(*group, "_idx")
        .with_columns(
            pl.col("numerator", "denominator").fill_null(0).cum_sum().over(group).cast(pl.Float64)
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
    numerator nor denominator) are left out, so a worker appears only while holding cases;
    an annual cohort (OC3) only within its collection year."""
    wanted = set(only) if only is not None else None
    indicators = [i for i in BREAKDOWN_INDICATORS if wanted is None or i.id in wanted]
    columns = ["indicator_id", "dimension", "key", "as_at", "numerator", "denominator", "value"]
    if not indicators:
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
    allocated = allocations(facts, sw_episodes, worker_teams)
    pieces = split(_all_rows(facts, indicators).lazy(), allocated, len(facts.dates))
    catalogue = pl.LazyFrame(
        {
            "indicator": list(range(len(indicators))),
            "indicator_id": [i.id for i in indicators],
            "is_count": [i.unit == "count" for i in indicators],
            "annual": [i.cadence == "annual" for i in indicators],
        },
        schema_overrides={"indicator": pl.UInt16},
    )
    year = _collection_year(facts).select(
        pl.col("council_key").cast(pl.UInt32), pl.col("_idx").cast(pl.UInt32), _in_year=True
    )
    frames = [
        _sum(facts, pieces, dimension).with_columns(dimension=pl.lit(dimension))
        for dimension in DIMENSIONS
    ]
    out = (
        pl.concat(frames)
        .join(catalogue, on="indicator")
        .join(year, on=["council_key", "_idx"], how="left")
        .filter(~pl.col("annual") | pl.col("_in_year").fill_null(False))
        .filter((pl.col("numerator") != 0) | (~pl.col("is_count") & (pl.col("denominator") != 0)))
        .with_columns(
            denominator=pl.when(~pl.col("is_count")).then("denominator"),
            value=pl.when(pl.col("is_count"))
            .then("numerator")
            .when(pl.col("denominator") > 0)
            .then(pl.col("numerator") / pl.col("denominator") * 100),
        )
        .collect()
    )
    if facts.has_council:
        out = out.join(
            facts.councils.select(pl.col("council_key").cast(pl.UInt32), "council"),
            on="council_key",
        )
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
