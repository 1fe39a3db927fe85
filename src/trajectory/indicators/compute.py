"""Running the catalogue over a set of SSDA903 tables: every indicator, every as-at date.

The app (one council, from a stored ReturnVersion) and the national benchmark (153 councils
stacked with a `council` column) call the same `compute_all`, so the benchmark times the code
the app runs. `compute_all` runs the SSDA903 indicators; `compute_cin` the CIN census's,
`compute_workforce` the workforce census's and `compute_snapshots` those of the monthly
workforce figures, each from its own return (the registry's `source_return`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import polars as pl

from trajectory.indicators.annex_a import facts as annex_a_facts
from trajectory.indicators.cin import facts as cin_facts
from trajectory.indicators.registry import AT_DATE, INDICATORS, Indicator, get
from trajectory.indicators.ssda903.child_rows import rows_at
from trajectory.indicators.ssda903.facts import OPEN, Facts, prepare, window_start
from trajectory.indicators.workforce import figures as workforce_figures

COLUMNS = ["indicator_id", "as_at", "numerator", "denominator", "value"]


def month_ends(first: date, last: date) -> list[date]:
    """Every month-end from the one on or after `first` to the one on or before `last`."""
    ends = pl.date_range(first, last, "1mo", eager=True).dt.month_end()
    if len(ends) == 0:
        return []
    ends = pl.concat([ends, pl.Series([last]).dt.month_end()]).unique().sort()
    return [d for d in ends.to_list() if first <= d <= last]


def series_dates(data_from: date, data_to: date) -> list[date]:
    """The as-at dates of a stored run: month-ends with a full 12 months of data behind them.

    From the first month-end on or after data_from + 12 months - 1 day to the last month-end on
    or before data_to.
    """
    first = pl.select(pl.lit(data_from).dt.offset_by("1y").dt.offset_by("-1d")).item()
    return month_ends(first, data_to)


def compute_all(
    tables: dict[str, pl.LazyFrame],
    as_at: Iterable[date],
    population: int | None | pl.DataFrame = None,
    only: Iterable[str] | None = None,
    collection_year_end: date | pl.DataFrame | None = None,
    facts: Facts | None = None,
) -> pl.DataFrame:
    """Every indicator (or those in `only`) at every as-at date: [council?, indicator_id,
    as_at, numerator, denominator, value]; `council` is there when the tables carry one.
    `collection_year_end` is the return's declared year (facts.prepare); inferred without.
    `facts` already prepared from the same arguments is used as it is (the run shares them
    with its figures by team, issue 8.7)."""
    if facts is None:
        facts = prepare(tables, as_at, population, collection_year_end)
    wanted = set(only) if only is not None else None
    frames = [
        indicator.compute(facts).with_columns(indicator_id=pl.lit(indicator.id))
        for indicator in of_source("ssda903")
        if wanted is None or indicator.id in wanted
    ]
    # One query after another, each with the whole thread pool: with 36 indicators this is
    # faster than pl.collect_all on the 2-core machine (national recompute 7.2 s against 10.9 s,
    # one council 0.48 s against 0.98 s), whose queries run side by side and contend.
    results = [frame.collect() for frame in frames]
    columns = ["council"] if facts.has_council else []
    return pl.concat(results, how="vertical_relaxed").select(
        *columns, "indicator_id", "as_at", "numerator", "denominator", "value"
    )


def of_source(source: str) -> list[Indicator]:
    """The catalogue's indicators computed from one return (`source_return`)."""
    return [indicator for indicator in INDICATORS if indicator.source_return == source]


def _covered(indicator: Indicator, coverage: tuple[date, date] | None) -> pl.Expr:
    """Whether the data cover the indicator's period at an as-at date: from the first day
    held to the last for a figure at the date; its whole 12 months for a 12-month figure."""
    if coverage is None:
        return pl.lit(True)
    first, last = coverage
    starts = pl.col("as_at") if indicator.period_rule == AT_DATE else window_start(pl.col("as_at"))
    return (starts >= pl.lit(first)) & (pl.col("as_at") <= pl.lit(last))


def compute_cin(
    tables: dict[str, pl.LazyFrame],
    as_at: Iterable[date],
    population: int | None | pl.DataFrame = None,
    only: Iterable[str] | None = None,
    coverage: tuple[date, date] | None = None,
) -> pl.DataFrame:
    """Every CIN census indicator (or those in `only`) at every as-at date, as `compute_all`.

    `coverage` (first day, last day) is the span the census years held cover (1 April of the
    earliest to 31 March of the latest): a figure whose period runs outside it has no value
    (null), since the census holds only the episodes open in its years.
    """
    facts = cin_facts.prepare(tables, as_at, population)
    wanted = set(only) if only is not None else None
    results = []
    for indicator in of_source("cin"):
        if wanted is not None and indicator.id not in wanted:
            continue
        covered = _covered(indicator, coverage)
        results.append(
            indicator.compute(facts)
            .with_columns(
                pl.when(covered).then(pl.col(c)).alias(c)
                for c in ("numerator", "denominator", "value")
            )
            .with_columns(indicator_id=pl.lit(indicator.id))
            .collect()
        )
    columns = ["council"] if facts.has_council else []
    if not results:
        return pl.DataFrame(schema={c: _DTYPES[c] for c in COLUMNS})
    return pl.concat(results, how="vertical_relaxed").select(*columns, *COLUMNS)


_DTYPES = {
    "indicator_id": pl.String,
    "as_at": pl.Date,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "value": pl.Float64,
}


def compute_workforce(tables: dict[str, pl.LazyFrame], census: date) -> pl.DataFrame:
    """Every workforce census indicator at its census date (30 September), one row each."""
    facts = workforce_figures.prepare(tables, census)
    return pl.concat(
        [
            indicator.compute(facts).with_columns(indicator_id=pl.lit(indicator.id)).collect()
            for indicator in of_source("workforce")
        ],
        how="vertical_relaxed",
    ).select(COLUMNS)


def compute_annex_a(
    tables: dict[str, pl.LazyFrame], first: date | None, last: date | None
) -> pl.DataFrame:
    """Every Annex A indicator at every month-end its lists cover (`first` to `last`, from
    returns/annex_a/coverage.py) and at the day they end."""
    dates = annex_a_facts.as_at_dates(first, last)
    if not dates:
        return pl.DataFrame(schema={c: _DTYPES[c] for c in COLUMNS})
    facts = annex_a_facts.prepare(tables, dates, first, last)
    frames = [
        indicator.compute(facts).with_columns(indicator_id=pl.lit(indicator.id)).collect()
        for indicator in of_source("annex_a")
    ]
    return pl.concat(frames, how="vertical_relaxed").select(COLUMNS).cast(_DTYPES)


def compute_snapshots(months: pl.DataFrame) -> pl.DataFrame:
    """The monthly workforce figures' indicators, at each recorded month's last day.
    `months`: as_at, supervision_held, supervision_due."""
    facts = workforce_figures.SnapshotFacts(months=months)
    frames = [
        indicator.compute(facts).with_columns(indicator_id=pl.lit(indicator.id)).collect()
        for indicator in of_source("workforce_snapshots")
    ]
    return pl.concat(frames, how="vertical_relaxed").select(COLUMNS).cast(_DTYPES)


def children_at(
    tables: dict[str, pl.LazyFrame],
    indicator_id: str,
    as_at: date,
    population: int | None = None,
    collection_year_end: date | None = None,
) -> pl.DataFrame:
    """The child-level rows behind one indicator at one date (one council's tables).

    Each row is a child (a review, for reviews on time) in the denominator, with `numerator`
    saying whether it counts toward the figure.
    """
    indicator = get(indicator_id)
    if indicator.source_return == "workforce":
        rows = indicator.children(workforce_figures.prepare(tables, as_at)).collect()
        return rows.rename({"worker": "child_id"}).with_columns(as_at=pl.lit(as_at))
    if indicator.source_return == "annex_a":
        facts = annex_a_facts.prepare(tables, [as_at])
        return (
            indicator.children(facts)
            .collect()
            .rename({"child": "child_id", "numerator": "counted", "denominator": "in_denominator"})
            .sort("child_id", "as_at")
        )
    if indicator.source_return == "cin":
        facts = cin_facts.prepare(tables, [as_at], population)
    elif indicator.source_return == "ssda903":
        facts = prepare(tables, [as_at], population, collection_year_end)
    else:  # the monthly workforce figures name no one
        return pl.DataFrame(
            {"child_id": [], "as_at": []}, schema={"child_id": pl.String, "as_at": pl.Date}
        )
    rows = rows_at(facts, indicator.children(facts), 0).collect()
    if "_one_row_per_child" in rows.columns:
        details = [
            c
            for c in rows.columns
            if c not in {"child_key", "numerator", "denominator", "_one_row_per_child"}
        ]
        rows = rows.group_by("child_key").agg(
            pl.col(details).drop_nulls().first(), pl.col("numerator", "denominator").any()
        )
    if "child_key" in rows.columns:
        rows = rows.join(facts.children.select("child_key", "child"), on="child_key", how="left")
    if "placement_row" in rows.columns:
        rows = rows.join(
            facts.placements.select("placement_row", "placement_type"),
            on="placement_row",
            how="left",
        )
    hidden = {
        "council_key",
        "child_key",
        "placement_row",
        "_one_row_per_child",
        "two_placements_before_ended",
    }
    shown = ["child", "as_at"] + [
        c for c in rows.columns if c not in hidden and c not in ("child", "as_at")
    ]
    still_open = [
        pl.when(pl.col(c) != OPEN).then(pl.col(c)).alias(c)
        for c in shown
        if rows.schema[c] == pl.Date
    ]
    return (
        rows.select(shown)
        .with_columns(still_open)
        .rename({"child": "child_id", "numerator": "counted", "denominator": "in_denominator"})
        .sort("child_id", *[c for c in ("due_on",) if c in shown])
    )
