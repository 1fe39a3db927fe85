"""Every child-based indicator cut by team and by social worker, at every as-at date.

An indicator's rows (`ssda903/child_rows.py`: each row's as-at ranges in the denominator and
the numerator) are intersected with the child's allocation ranges (`ssda903/allocations.py`:
the worker and team holding the case over each range) and the pieces added up by council, team
(or worker) and date, with the same running sum as the council's figures. The allocations of a
child cover every date once, so the teams' numerators and denominators add up to the council's.

Child-based: every indicator counting children (or their reviews, placements, incidents): a
count, a percentage or a number per child. The rate per 10,000 divides by the council's child
population, which has no share per team, so it is left out.

A run stores every team's figure at every month-end (their SPC charts need the series), and
each worker's at the dates asked for (`worker_dates`: the run's last month-end and the same
month a year before, what the page compares), as a running sum over every month for some 60
workers and 30 indicators would double the one-council recompute.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import polars as pl

from trajectory.indicators.annex_a import facts as annex_a_facts
from trajectory.indicators.annex_a import figures as annex_a_figures
from trajectory.indicators.registry import INDICATORS, Indicator
from trajectory.indicators.ssda903.allocations import NOT_RECORDED, allocations
from trajectory.indicators.ssda903.facts import Facts, prepare
from trajectory.indicators.ssda903.figures import _collection_year

NOT_CUT = ("rate",)  # by the council's child population
# Only indicators whose return names who held the case (`by_team`; the CIN and workforce
# censuses name no team, nor does Annex A's list 1 of contacts).
BREAKDOWN_INDICATORS = tuple(i for i in INDICATORS if i.by_team and i.unit not in NOT_CUT)
# How each return names who held the case, by `source_return`. SSDA903's children are matched
# to its SWEpisodes by child and date (`allocations`, `breakdowns_from_facts`). Annex A's rows
# carry their list's own team and worker (Ofsted, Annex A, lists 3-9: "Allocated Team",
# "Allocated Worker"), so each row is counted where it stands (`breakdowns_from_rows`): these
# are the columns, per dimension, of an indicator's rows (`Indicator.children`).
ROW_HOLDERS: dict[str, dict[str, str]] = {
    "annex_a": {"team": annex_a_figures.TEAM, "worker": annex_a_figures.WORKER},
}
ALLOCATED_SOURCES = ("ssda903",)
SCALE = {"percent": 100.0}  # a number per child (or a count's numerator) is not scaled


_EMPTY = {
    "indicator_id": pl.String,
    "dimension": pl.String,
    "key": pl.String,
    "as_at": pl.Date,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "value": pl.Float64,
}


def _cut(sources: Iterable[str], only: Iterable[str] | None) -> list[Indicator]:
    """The indicators cut by team of these returns (`only`: of those ids)."""
    wanted = set(only) if only is not None else None
    return [
        i
        for i in BREAKDOWN_INDICATORS
        if i.source_return in sources and (wanted is None or i.id in wanted)
    ]


_SUMMED = [
    "indicator",
    "council_key",
    "key",
    "_idx",
    "as_at",
    "numerator",
    "denominator",
    "dimension",
]


def _people(facts: Facts) -> pl.DataFrame:
    """[council_key, child, child_key] for every child with rows: the children in care (their
    keys) and care leavers not among them (keys after theirs), so rows and allocations are
    joined on integers."""
    known = facts.children.select(
        pl.col("council_key").cast(pl.UInt32), "child", pl.col("child_key").cast(pl.UInt32)
    )
    leavers = (
        facts.care_leavers.select(pl.col("council_key").cast(pl.UInt32), "child")
        .unique()
        .join(known, on=["council_key", "child"], how="anti")
        .sort("council_key", "child")
    )
    first = (known["child_key"].max() or 0) + 1
    leavers = leavers.with_columns(
        child_key=(pl.int_range(pl.len(), dtype=pl.UInt32) + first).cast(pl.UInt32)
    )
    return pl.concat([known, leavers])


def _keyed(rows: pl.LazyFrame, people: pl.LazyFrame) -> pl.LazyFrame:
    """The rows with an integer child_key (care leaver rows carry the child's id instead)."""
    if "child_key" in rows.collect_schema().names():
        return rows
    return rows.with_columns(pl.col("council_key").cast(pl.UInt32)).join(
        people, on=["council_key", "child"]
    )


def _all_rows(facts: Facts, indicators, people: pl.DataFrame | None = None) -> pl.DataFrame:
    """Every indicator's rows in one frame: [indicator, council_key, child_key, den_lo,
    den_hi, num_lo, num_hi], `indicator` the position in `indicators`."""
    people = (_people(facts) if people is None else people).lazy()
    frames = [
        _keyed(indicator.children(facts), people).select(
            pl.lit(position, pl.UInt16).alias("indicator"),
            pl.col("council_key").cast(pl.UInt32),
            pl.col("child_key").cast(pl.UInt32),
            *(pl.col(c).cast(pl.Int64) for c in ("den_lo", "den_hi", "num_lo", "num_hi")),
        )
        for position, indicator in enumerate(indicators)
    ]
    return pl.concat(pl.collect_all(frames))


def split(
    rows: pl.LazyFrame, allocated: pl.DataFrame, n: int, people: pl.DataFrame
) -> pl.LazyFrame:
    """Each row cut at its child's changes of worker: [indicator, council_key, team, worker,
    den_lo, den_hi, num_lo, num_hi]; a child without any allocation is "" throughout."""
    pieces = (
        allocated.lazy()
        .select(
            pl.col("council_key").cast(pl.UInt32), "child", "team", "worker", a_lo="lo", a_hi="hi"
        )
        .join(people.lazy(), on=["council_key", "child"])
        .drop("child")
    )
    lo = pl.col("a_lo").fill_null(0)
    hi = pl.col("a_hi").fill_null(n)
    rows = rows.filter(
        (pl.col("den_lo") < pl.col("den_hi")) | (pl.col("num_lo") < pl.col("num_hi"))
    )
    return (
        rows.join(pieces, on=["council_key", "child_key"], how="left")
        .select(
            "indicator",
            "council_key",
            pl.col("team").fill_null(NOT_RECORDED),
            pl.col("worker").fill_null(NOT_RECORDED),
            den_lo=pl.max_horizontal("den_lo", lo),
            den_hi=pl.min_horizontal("den_hi", hi),
            num_lo=pl.max_horizontal("num_lo", lo),
            num_hi=pl.min_horizontal("num_hi", hi),
        )
        .filter((pl.col("den_lo") < pl.col("den_hi")) | (pl.col("num_lo") < pl.col("num_hi")))
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


def _at(facts: Facts, pieces: pl.LazyFrame, dimension: str, dates: list[date]) -> pl.LazyFrame:
    """The pieces' sums at a few as-at dates only: [indicator, council_key, key, _idx, as_at,
    numerator, denominator], a key at a date only where it holds a piece."""
    group = ["indicator", "council_key", "key"]
    wanted = (
        facts.as_at.lazy()
        .filter(pl.col("as_at").is_in(dates))
        .select(pl.col("_idx").cast(pl.UInt32), "as_at")
    )
    i = pl.col("_idx").cast(pl.Int64)
    return (
        pieces.rename({dimension: "key"})
        .join(wanted, how="cross")
        .with_columns(
            numerator=((pl.col("num_lo") <= i) & (i < pl.col("num_hi"))).cast(pl.Int32),
            denominator=((pl.col("den_lo") <= i) & (i < pl.col("den_hi"))).cast(pl.Int32),
        )
        .filter((pl.col("numerator") > 0) | (pl.col("denominator") > 0))
        .group_by(*group, "_idx", "as_at")
        .agg(
            pl.col("numerator").sum().cast(pl.Float64), pl.col("denominator").sum().cast(pl.Float64)
        )
    )


def breakdowns_from_facts(
    facts: Facts,
    sw_episodes: pl.DataFrame | pl.LazyFrame | None,
    worker_teams: pl.DataFrame | None = None,
    only: Iterable[str] | None = None,
    worker_dates: Iterable[date] | None = None,
) -> pl.DataFrame:
    """[council?, indicator_id, dimension, key, as_at, numerator, denominator, value] for every
    child-based indicator, by team at every date and by worker at every date or, given
    `worker_dates`, at those. Dates and keys with nothing in them (neither numerator nor
    denominator) are left out, so a worker appears only while holding cases; an annual cohort
    (OC3) only within its collection year."""
    indicators = _cut(ALLOCATED_SOURCES, only)
    columns = list(_EMPTY)
    if not indicators:
        return pl.DataFrame(schema=_EMPTY)
    allocated = allocations(facts, sw_episodes, worker_teams)
    people = _people(facts)
    rows = _all_rows(facts, indicators, people).lazy()
    pieces = split(rows, allocated, len(facts.dates), people)
    catalogue = pl.LazyFrame(
        {
            "indicator": list(range(len(indicators))),
            "indicator_id": [i.id for i in indicators],
            "is_count": [i.unit == "count" for i in indicators],
            "scale": [SCALE.get(i.unit, 1.0) for i in indicators],
            "annual": [i.cadence == "annual" for i in indicators],
        },
        schema_overrides={"indicator": pl.UInt16},
    )
    year = _collection_year(facts).select(
        pl.col("council_key").cast(pl.UInt32), pl.col("_idx").cast(pl.UInt32), _in_year=True
    )
    pieces = pieces.collect().lazy()  # cut once, summed by team and by worker
    frames = [_sum(facts, pieces, "team").with_columns(dimension=pl.lit("team"))]
    if worker_dates is None:
        frames.append(_sum(facts, pieces, "worker").with_columns(dimension=pl.lit("worker")))
    else:
        frames.append(
            _at(facts, pieces, "worker", sorted(set(worker_dates))).with_columns(
                dimension=pl.lit("worker")
            )
        )
    out = (
        pl.concat([f.select(_SUMMED) for f in frames])
        .join(catalogue, on="indicator")
        .join(year, on=["council_key", "_idx"], how="left")
        .filter(~pl.col("annual") | pl.col("_in_year").fill_null(False))
        .filter((pl.col("numerator") != 0) | (~pl.col("is_count") & (pl.col("denominator") != 0)))
        .with_columns(
            denominator=pl.when(~pl.col("is_count")).then("denominator"),
            value=pl.when(pl.col("is_count"))
            .then("numerator")
            .when(pl.col("denominator") > 0)
            .then(pl.col("numerator") / pl.col("denominator") * pl.col("scale")),
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
    worker_dates: Iterable[date] | None = None,
    facts: Facts | None = None,
) -> pl.DataFrame:
    """`breakdowns_from_facts` over SSDA903 tables (SWEpisodes among them); empty when the
    return holds no SWEpisodes table. `facts` prepared from the same arguments is used as it
    is."""
    sw_episodes = tables.get("SWEpisodes")
    if facts is None:
        facts = prepare(tables, as_at, population, collection_year_end)
    if sw_episodes is None:
        return breakdowns_from_facts(facts, None, worker_teams, only=[])
    return breakdowns_from_facts(
        facts, sw_episodes, worker_teams, only=only, worker_dates=worker_dates
    )


def _valued(frame: pl.LazyFrame, indicator: Indicator) -> pl.LazyFrame:
    """A count's figure is its numerator (no denominator); any other's numerator over
    denominator, scaled (`SCALE`)."""
    if indicator.unit == "count":
        return frame.with_columns(denominator=pl.lit(None, pl.Float64), value="numerator")
    scale = SCALE.get(indicator.unit, 1.0)
    return frame.with_columns(
        value=pl.when(pl.col("denominator") > 0).then(
            pl.col("numerator") / pl.col("denominator") * scale
        )
    )


def breakdowns_from_rows(
    source: str,
    facts,
    only: Iterable[str] | None = None,
    worker_dates: Iterable[date] | None = None,
) -> pl.DataFrame:
    """[indicator_id, dimension, key, as_at, numerator, denominator, value] for every indicator
    of a return whose rows name their own team and worker (`ROW_HOLDERS[source]`): each row
    counted for the team and the worker on it ("" where the list leaves them blank), so the
    teams add up to the council. Only at the dates the council's figure is given (an Annex A
    six-month figure whose months begin before the lists do has none); workers at every date
    or, given `worker_dates`, at those."""
    holders = ROW_HOLDERS[source]
    frames = []
    for indicator in _cut((source,), only):
        given = indicator.compute(facts).filter(pl.col("denominator").is_not_null()).select("as_at")
        rows = indicator.children(facts).join(given, on="as_at", how="semi")
        for dimension, column in holders.items():
            held = rows
            if dimension == "worker" and worker_dates is not None:
                held = rows.filter(pl.col("as_at").is_in(sorted(set(worker_dates))))
            summed = held.group_by(
                pl.col(column).fill_null(NOT_RECORDED).alias("key"), "as_at"
            ).agg(
                numerator=pl.col("numerator").sum().cast(pl.Float64),
                denominator=pl.col("denominator").sum().cast(pl.Float64),
            )
            frames.append(
                _valued(summed, indicator).with_columns(
                    indicator_id=pl.lit(indicator.id), dimension=pl.lit(dimension)
                )
            )
    if not frames:
        return pl.DataFrame(schema=_EMPTY)
    out = pl.concat(pl.collect_all([f.select(list(_EMPTY)) for f in frames])).cast(_EMPTY)
    return out.sort("indicator_id", "dimension", "key", "as_at")


def compute_annex_a_breakdowns(
    tables: dict[str, pl.LazyFrame],
    first: date | None,
    last: date | None,
    only: Iterable[str] | None = None,
    worker_dates: Iterable[date] | None = None,
) -> pl.DataFrame:
    """`breakdowns_from_rows` over an Annex A version's lists covering `first` to `last`, at
    the dates its figures are given (`compute.compute_annex_a`)."""
    dates = annex_a_facts.as_at_dates(first, last)
    if not dates:
        return pl.DataFrame(schema=_EMPTY)
    facts = annex_a_facts.prepare(tables, dates, first, last)
    return breakdowns_from_rows("annex_a", facts, only=only, worker_dates=worker_dates)
