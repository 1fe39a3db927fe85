"""SSDA903 tables reshaped once into periods of care, placements, reviews due and care leavers.

`prepare` builds `Facts` for many as-at dates and councils at once; the rows behind each
indicator (`child_rows.py`) and the figures (`figures.py`) read only from it. The rules it
applies (short breaks first, periods of care, placements) are the package's docstring.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import polars as pl

from trajectory.indicators.working_days import add_working_days
from trajectory.returns.ssda903.schema import SHORT_BREAK_LEGAL_STATUS

OPEN = date(9999, 12, 31)  # stands for "no end date yet" so comparisons need no null checks
# RNE P and T change the carer; B and U change the placement but keep the carer, L only the
# legal status: only a change of carer is a new placement (the package docstring's rule).
PLACEMENT_CHANGE_REASONS = ("S", "P", "T")
# Fields that tell one placement from another, compared when a child returns from a temporary
# placement (DfE validation rule 383: RNE P and the same PLACE, and from 2025-26 PL_POST).
PLACEMENT_IDENTITY = ("placement_type", "postcode", "urn", "provider")
TEMPORARY_PLACEMENTS = ("T0", "T1", "T2", "T3", "T4")
PLACED_FOR_ADOPTION = ("A3", "A4", "A5", "A6")


_COLUMNS: dict[str, dict[str, pl.DataType]] = {
    "Episodes": {
        "CHILD": pl.String,
        "DECOM": pl.Date,
        "RNE": pl.String,
        "LS": pl.String,
        "PLACE": pl.String,
        "DEC": pl.Date,
        "REC": pl.String,
        "PL_POST": pl.String,
        "URN": pl.String,
        "PLACE_PROVIDER": pl.String,
        # Derived by DfE's tool from HOME_POST and PL_POST (rules 164, 179): read where the
        # return holds them, else null.
        "PL_DISTANCE": pl.Float64,
        "PL_LOCATION": pl.String,
    },
    "Header": {"CHILD": pl.String, "DOB": pl.Date},
    "Reviews": {"CHILD": pl.String, "REVIEW": pl.Date, "REVIEW_CODE": pl.String},
    "UASC": {"CHILD": pl.String, "DUC": pl.Date},
    "SWEpisodes": {
        "CHILD": pl.String,
        "SW_ID": pl.String,
        "SW_DECOM": pl.Date,
        "SW_DEC": pl.Date,
    },
    "Missing": {"CHILD": pl.String, "MISSING": pl.String, "MIS_START": pl.Date},
    "OC3": {
        "CHILD": pl.String,
        "DOB": pl.Date,
        "IN_TOUCH": pl.String,
        "ACTIV": pl.String,
        "ACCOM": pl.String,
    },
}


def _table(tables: dict[str, pl.LazyFrame], name: str) -> pl.LazyFrame:
    """The columns an indicator needs from one table, with a `council` column always present."""
    columns = _COLUMNS[name]
    frame = tables.get(name)
    if frame is None:
        schema = {"council": pl.String, **columns}
        return pl.LazyFrame(schema=schema)
    frame = frame.lazy()
    names = frame.collect_schema().names()
    council = pl.col("council").cast(pl.String) if "council" in names else pl.lit("")
    selected = [council.alias("council")]
    for column, dtype in columns.items():
        if column in names:
            value = pl.col(column).cast(dtype, strict=dtype != pl.Float64)
            if dtype == pl.String:
                value = value.str.strip_chars()
                if column != "CHILD":
                    value = value.str.to_uppercase()
            selected.append(value.alias(column))
        else:
            selected.append(pl.lit(None, dtype=dtype).alias(column))
    return frame.select(selected)


def window_start(as_at: pl.Expr) -> pl.Expr:
    """First day of the 12 months ending on the as-at date (both ends inclusive)."""
    return as_at.dt.offset_by("-1y").dt.offset_by("1d")


@dataclass
class Facts:
    """The tables reshaped once into periods of care, placements and review due dates.

    Built by `prepare`; every indicator function reads from it, so a full recompute reshapes
    the episodes only once. Children and councils are carried as integer keys (`child_key`,
    `council_key`) through the per-date rows, which is what keeps a national recompute small;
    `children` and `councils` turn them back into the DfE identifiers.
    """

    dates: pl.Series  # sorted, distinct as-at dates
    as_at: pl.DataFrame  # _idx, as_at, window_from
    grid: pl.DataFrame  # council × as-at: council_key, council, _idx, as_at
    children: pl.DataFrame  # council_key, child_key, council, child
    councils: pl.DataFrame  # council_key, council, child_population, collection_year_end
    periods: pl.DataFrame
    placements: pl.DataFrame
    reviews: pl.DataFrame
    missing: pl.DataFrame
    care_leavers: pl.DataFrame
    has_council: bool
    # Episodes of care, each until the next begins, with the placement type it counts as
    # (a temporary placement as the placement the child left) and the derived distance.
    episodes: pl.DataFrame
    held_reviews: pl.DataFrame  # council_key, child_key, held_on, participation
    incidents: pl.DataFrame  # Missing rows (M and A) during care: kind, missing_from, next_from
    uasc: pl.DataFrame  # council_key, child_key, uasc_until (DUC, or OPEN)
    social_workers: pl.DataFrame  # council_key, child_key, worker, worker_from, worker_until
    # child_key, three_lo, three_hi: as-at index ranges with 3 or more workers in the 12 months
    three_workers: pl.DataFrame
    # council_key, year, child_population: mid-year estimates by year, when given by year
    populations: pl.DataFrame | None = None

    def index(self, column: str, value: pl.Expr, side: str) -> pl.Expr:
        """Position of `value` among the as-at dates' `column` (as_at, window_from, minus_2y,
        minus_30mo; each non-decreasing): side "left" gives the first date whose column is
        >= value, "right" the first whose column is > value."""
        return pl.lit(self.as_at[column]).search_sorted(value, side=side).cast(pl.Int64)


# Sorted-run helpers: the frames below are sorted by child (and period), so "the previous row of
# the same child" is a shift with a key check, much cheaper than a grouped window.
_DAY_OFFSET = 1 << 21  # keeps day numbers positive for dates back to 3711 BC
_KEY_SHIFT = 1 << 23  # larger than any day number + offset (9999-12-31 is 2,932,896)


def _same(key: str, step: int) -> pl.Expr:
    return pl.col(key) == pl.col(key).shift(step)


def _running_max_within(key: str, day: pl.Expr) -> pl.Expr:
    """Running maximum of a date within each run of `key` (the frame sorted by key)."""
    base = pl.col(key).cast(pl.Int64) * _KEY_SHIFT
    packed = base + day.cast(pl.Int32).cast(pl.Int64) + _DAY_OFFSET
    return (packed.cum_max() - base - _DAY_OFFSET).cast(pl.Int32).cast(pl.Date)


def prepare(
    tables: dict[str, pl.LazyFrame],
    as_at: Iterable[date] | pl.Series,
    population: int | None | pl.DataFrame = None,
    collection_year_end: date | pl.DataFrame | None = None,
) -> Facts:
    """Reshape SSDA903 tables (DfE column names) for the as-at dates asked for.

    `population` is the council's child population (0-17), or a frame [council,
    child_population] when the tables hold several councils, or a frame [council?, year,
    child_population] of ONS mid-year estimates by year (`year` 2023 is mid-2023), from which
    the rate at each as-at date takes its own year's (figures.cla_rate_per_10k).
    `collection_year_end` is the 31 March the return's collection year ends (its declared
    year, returns/collection_year.py), or a frame [council, collection_year_end] for several
    councils; a council without one has it inferred from its latest episode date, as
    collection_year.infer does.
    """
    dates = pl.Series("as_at", sorted(set(as_at)), dtype=pl.Date)
    as_at_frame = pl.DataFrame({"as_at": dates}).with_columns(
        _idx=pl.int_range(pl.len(), dtype=pl.UInt32),
        window_from=window_start(pl.col("as_at")),
        minus_2y=pl.col("as_at").dt.offset_by("-2y"),
        minus_30mo=pl.col("as_at").dt.offset_by("-30mo"),
    )
    raw_episodes = tables.get("Episodes")
    has_council = raw_episodes is not None and "council" in (
        raw_episodes.lazy().collect_schema().names()
    )
    episodes, leavers_raw = pl.collect_all([_table(tables, "Episodes"), _table(tables, "OC3")])
    by_year = isinstance(population, pl.DataFrame) and "year" in population.columns
    councils = _councils(
        episodes, leavers_raw, None if by_year else population, collection_year_end
    )
    populations = _population_series(population, councils) if by_year else None
    care, children = _care_episodes(episodes, councils)
    periods, placements, care_episodes = _periods_and_placements(care)
    as_at_dates = pl.lit(as_at_frame["as_at"])
    care_episodes = care_episodes.with_columns(  # the as-at dates it is the child's episode
        lo=as_at_dates.search_sorted(pl.col("started"), side="left").cast(pl.Int64),
        hi=as_at_dates.search_sorted(pl.col("episode_end"), side="left").cast(pl.Int64),
    )
    child_keys = children.lazy().select("council", "child", "child_key", "council_key")

    def keyed(name: str) -> pl.LazyFrame:
        return (
            _table(tables, name)
            .rename({"CHILD": "child"})
            .join(child_keys, on=["council", "child"], how="inner")
        )

    date_of_birth = keyed("Header").group_by("child_key").agg(date_of_birth=pl.col("DOB").min())
    placements = placements.lazy().join(date_of_birth, on="child_key", how="left")
    reviews = _review_due_dates(periods.lazy(), keyed("Reviews"))
    missing = (
        keyed("Missing")
        .filter((pl.col("MISSING") == "M") & pl.col("MIS_START").is_not_null())
        .select("council_key", "child_key", missing_from="MIS_START")
        .join(periods.lazy().select("child_key", "start", "end"), on="child_key")
        .filter(pl.col("missing_from").is_between(pl.col("start"), pl.col("end")))
        .select("council_key", "child_key", "missing_from")
        .unique()
        .sort("child_key", "missing_from")
        .with_columns(
            next_missing_from=pl.when(_same("child_key", -1)).then(pl.col("missing_from").shift(-1))
        )
    )
    # Care leavers are mostly no longer in care, so their Header row is found by CHILD, not
    # through the care episodes' keys; OC3's own DOB stands in when Header lacks the child.
    leaver_birth = (
        _table(tables, "Header").group_by("council", "CHILD").agg(header_dob=pl.col("DOB").min())
    )
    care_leavers = (
        leavers_raw.lazy()
        .join(councils.lazy().select("council", "council_key"), on="council")
        .join(leaver_birth, on=["council", "CHILD"], how="left")
        .select(
            "council_key",
            child="CHILD",
            date_of_birth=pl.coalesce("header_dob", "DOB"),
            in_touch="IN_TOUCH",
            activity="ACTIV",
            accommodation="ACCOM",
        )
    )
    held_reviews = (
        keyed("Reviews")
        .filter(pl.col("REVIEW").is_not_null())
        .group_by("council_key", "child_key", held_on="REVIEW")
        .agg(participation=pl.col("REVIEW_CODE").max())
        .join(periods.lazy().select("child_key", "start", "end"), on="child_key")
        .filter(pl.col("held_on").is_between(pl.col("start"), pl.col("end")))
        .select("council_key", "child_key", "held_on", "participation")
        .unique(["child_key", "held_on"])
    )
    incidents = (
        keyed("Missing")
        .filter(pl.col("MISSING").is_in(["M", "A"]) & pl.col("MIS_START").is_not_null())
        .select("council_key", "child_key", kind="MISSING", missing_from="MIS_START")
        .join(periods.lazy().select("child_key", "start", "end"), on="child_key")
        .filter(pl.col("missing_from").is_between(pl.col("start"), pl.col("end")))
        .select("council_key", "child_key", "kind", "missing_from")
        .unique()
        .sort("child_key", "kind", "missing_from")
        .with_columns(
            next_from=pl.when(_same("child_key", -1) & _same("kind", -1)).then(
                pl.col("missing_from").shift(-1)
            )
        )
    )
    uasc = (
        keyed("UASC")
        .group_by("council_key", "child_key")
        .agg(uasc_until=pl.col("DUC").fill_null(OPEN).max())
    )
    social_workers = (
        keyed("SWEpisodes")
        .filter(pl.col("SW_ID").is_not_null() & pl.col("SW_DECOM").is_not_null())
        .select(
            "council_key",
            "child_key",
            worker="SW_ID",
            worker_from="SW_DECOM",
            worker_until=pl.col("SW_DEC").fill_null(OPEN),
        )
    )
    (
        placements_df,
        reviews_df,
        missing_df,
        leavers_df,
        held_df,
        incidents_df,
        uasc_df,
        workers_df,
    ) = pl.collect_all(
        [
            placements,
            reviews,
            missing,
            care_leavers,
            held_reviews,
            incidents,
            uasc,
            social_workers,
        ]
    )
    grid = councils.select("council_key", "council").join(as_at_frame, how="cross")
    return Facts(
        dates=dates,
        as_at=as_at_frame,
        grid=grid.select("council_key", "council", "_idx", "as_at"),
        children=children,
        councils=councils,
        periods=periods,
        placements=placements_df,
        reviews=reviews_df,
        missing=missing_df,
        care_leavers=leavers_df,
        has_council=has_council,
        episodes=care_episodes,
        held_reviews=held_df,
        incidents=incidents_df,
        uasc=uasc_df,
        social_workers=workers_df,
        three_workers=_three_workers(workers_df.lazy(), as_at_frame).collect(),
        populations=populations,
    )


def _names(episodes: pl.DataFrame, leavers: pl.DataFrame) -> pl.DataFrame:
    """The councils in the data, once each."""
    return pl.concat([episodes.select("council"), leavers.select("council")]).unique()


def _councils(
    episodes: pl.DataFrame,
    leavers: pl.DataFrame,
    population: int | None | pl.DataFrame,
    collection_year_end: date | pl.DataFrame | None = None,
) -> pl.DataFrame:
    """One row per council in the data, with its population and OC3 collection year (the
    one given, else the year holding its latest episode date)."""
    if isinstance(population, pl.DataFrame):
        population_frame = population.select(
            pl.col("council").cast(pl.String), pl.col("child_population").cast(pl.Float64)
        )
    else:
        population_frame = pl.DataFrame(
            {"council": [""], "child_population": [population]},
            schema={"council": pl.String, "child_population": pl.Float64},
        )
    latest = episodes.group_by("council").agg(
        latest=pl.max_horizontal(pl.col("DECOM").max(), pl.col("DEC").max())
    )
    if isinstance(collection_year_end, pl.DataFrame):
        declared = collection_year_end.select(
            pl.col("council").cast(pl.String),
            pl.col("collection_year_end").cast(pl.Date).alias("declared_year_end"),
        )
    else:  # one date (or none) for every council in the tables
        declared = _names(episodes, leavers).with_columns(
            declared_year_end=pl.lit(collection_year_end, dtype=pl.Date)
        )
    names = _names(episodes, leavers)
    return (
        names.sort("council")
        .with_columns(council_key=pl.int_range(pl.len(), dtype=pl.UInt32))
        .join(latest, on="council", how="left")
        .join(population_frame, on="council", how="left")
        .join(declared, on="council", how="left")
        .with_columns(
            collection_year_end=pl.coalesce(
                "declared_year_end",
                pl.date(
                    pl.col("latest").dt.year() + (pl.col("latest").dt.month() > 3).cast(pl.Int32),
                    3,
                    31,
                ),
            )
        )
        .drop("declared_year_end")
    )


def _population_series(population: pl.DataFrame, councils: pl.DataFrame) -> pl.DataFrame:
    """Mid-year estimates by council key and year, sorted by year for an as-of join."""
    if "council" not in population.columns:
        population = population.with_columns(council=pl.lit(""))
    return (
        population.select(
            pl.col("council").cast(pl.String),
            pl.col("year").cast(pl.Int32),
            pl.col("child_population").cast(pl.Float64),
        )
        .join(councils.select("council", "council_key"), on="council")
        .select("council_key", "year", "child_population")
        .sort("year")
    )


def _care_episodes(
    episodes: pl.DataFrame, councils: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Episodes other than short breaks, sorted by child and date, with integer keys."""
    care = (
        episodes.filter(
            pl.col("DECOM").is_not_null()
            & ~pl.col("LS").fill_null("").is_in(sorted(SHORT_BREAK_LEGAL_STATUS))
        )
        .select(
            "council",
            child="CHILD",
            started="DECOM",
            ended=pl.col("DEC").fill_null(OPEN),
            reason_new="RNE",
            placement_type="PLACE",
            reason_ceased="REC",
            postcode="PL_POST",
            urn="URN",
            provider="PLACE_PROVIDER",
            distance="PL_DISTANCE",
            location="PL_LOCATION",
        )
        .join(councils.select("council", "council_key"), on="council")
        .sort("council_key", "child", "started", "ended")
        .with_columns(
            child_key=(
                (pl.col("child") != pl.col("child").shift(1))
                | (pl.col("council_key") != pl.col("council_key").shift(1))
            )
            .fill_null(True)
            .cum_sum()
            .cast(pl.UInt32)
        )
    )
    children = care.filter(~_same("child_key", 1).fill_null(False)).select(
        "council_key", "child_key", "council", "child"
    )
    return care.drop("council", "child"), children


def _periods_and_placements(
    care: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Periods of care, placements (see the module rules) and the episodes, from sorted care
    episodes."""
    previous_end = pl.when(_same("child_key", 1)).then(
        _running_max_within("child_key", pl.col("ended")).shift(1)
    )
    care = care.with_columns(
        period_begins=previous_end.is_null()
        | (pl.col("started") > previous_end)
        | ((pl.col("reason_new") == "S") & (pl.col("started") >= previous_end))
    ).with_columns(period_id=(pl.col("period_begins").cum_sum() - 1).cast(pl.UInt32))
    period_last = ~_same("period_id", -1).fill_null(False)
    care = care.with_columns(
        period_start=pl.when("period_begins").then("started").forward_fill(),
        period_end=pl.when(period_last)
        .then(_running_max_within("period_id", pl.col("ended")))
        .backward_fill(),
        period_last=period_last,
    )
    periods = (
        care.filter("period_last")
        .select(
            "council_key",
            "child_key",
            "period_id",
            "reason_ceased",
            start="period_start",
            end="period_end",
        )
        .with_columns(
            previous_start=pl.when(_same("child_key", 1)).then(pl.col("start").shift(1)),
            previous_end=pl.when(_same("child_key", 1)).then(pl.col("end").shift(1)),
            next_end=pl.when(_same("child_key", -1)).then(pl.col("end").shift(-1)),
        )
    )
    temporary = pl.col("placement_type").fill_null("").is_in(TEMPORARY_PLACEMENTS)
    care = care.with_columns(_temporary=temporary, _row=pl.int_range(pl.len(), dtype=pl.UInt32))
    # The last episode before this one that was not a temporary placement (its row), so a
    # return from hospital or holiday can be compared with the placement the child left.
    settled_row = pl.when(~pl.col("_temporary")).then(pl.col("_row")).forward_fill().shift(1)
    settled_period = (
        pl.when(~pl.col("_temporary")).then(pl.col("period_id")).forward_fill().shift(1)
    )
    settled = {name: pl.col(name).gather(settled_row.fill_null(0)) for name in PLACEMENT_IDENTITY}
    returns_to_same_placement = (
        pl.col("_temporary").shift(1).fill_null(False)
        & _same("period_id", 1).fill_null(False)
        & (settled_period == pl.col("period_id")).fill_null(False)
        & (pl.col("reason_new") == "P")
        & pl.all_horizontal(pl.col(name).eq_missing(settled[name]) for name in PLACEMENT_IDENTITY)
    )
    starts_placement = pl.col("period_begins") | (
        pl.col("reason_new").is_in(PLACEMENT_CHANGE_REASONS)
        & ~pl.col("_temporary")
        & ~returns_to_same_placement
    )
    placements = (
        care.filter(starts_placement)
        # several placements on one day: keep the last of the day
        .filter(~(_same("period_id", -1) & _same("started", -1)).fill_null(False))
        .with_columns(
            placement_end=pl.when(_same("period_id", -1))
            .then(pl.col("started").shift(-1))
            .otherwise(pl.col("period_end")),
            previous_placement_start=pl.when(_same("period_id", 1)).then(
                pl.col("started").shift(1)
            ),
            placed_for_adoption=pl.col("placement_type").is_in(PLACED_FOR_ADOPTION),
        )
        .select(
            "council_key",
            "child_key",
            "period_id",
            "period_start",
            "period_end",
            "placement_type",
            "placed_for_adoption",
            "previous_placement_start",
            "placement_end",
            placement_start="started",
        )
        .with_columns(
            two_placements_before_ended=pl.when(_same("child_key", 2)).then(
                pl.col("placement_end").shift(2)
            )
        )
        .with_row_index("placement_row")
    )
    # An episode lasts until the next one of its period of care begins, the last until the
    # period ends, so a period's episodes cover it exactly as its placements do; a temporary
    # placement counts as the placement type the child left (the last before it not T0-T4).
    left_type = pl.col("placement_type").gather(settled_row.fill_null(0))
    episodes = care.select(
        "council_key",
        "child_key",
        "started",
        "distance",
        "location",
        episode_end=pl.when(_same("period_id", -1))
        .then(pl.col("started").shift(-1))
        .otherwise("period_end"),
        placement_type=pl.when(pl.col("_temporary") & (settled_period == pl.col("period_id")))
        .then(left_type)
        .otherwise("placement_type"),
    )
    return periods, placements, episodes


def _review_due_dates(periods: pl.LazyFrame, reviews: pl.LazyFrame) -> pl.LazyFrame:
    """Every review that fell due, with its due date and whether it was held by then.

    Reg 33 of the Care Planning, Placement and Case Review (England) Regulations 2010: the
    first review within 20 working days of the start of a period of care, the second within
    3 months of the first, later ones within 6 months of the one before. Each due date counts
    from the date the previous review was actually held. A review counts toward the period
    of care in which it was held (start to end, both inclusive). After a period's last held
    review the next one is due too, unless the child left care on or before that date; it
    was not held, so it is late (a missed review is counted once, not again every 6 months).
    """
    span = periods.select(
        "council_key",
        "child_key",
        "period_id",
        "start",
        "end",
        first_due_on=add_working_days(pl.col("start"), 20),
    )
    held = (
        reviews.filter(pl.col("REVIEW").is_not_null())
        .select("child_key", held_on="REVIEW")
        .unique()
        .join(span, on="child_key")
        .filter(pl.col("held_on").is_between(pl.col("start"), pl.col("end")))
        .sort("period_id", "held_on")
        .with_row_index("_row")
        .with_columns(
            number=(
                pl.col("_row")
                - pl.when(~_same("period_id", 1).fill_null(False)).then("_row").forward_fill()
                + 1
            ).cast(pl.Int64),
            previous_held_on=pl.when(_same("period_id", 1)).then(pl.col("held_on").shift(1)),
        )
    )
    pending = (
        held.group_by("period_id")
        .agg(number=pl.col("number").max() + 1, previous_held_on=pl.col("held_on").max())
        .join(span, on="period_id", how="right")
        .with_columns(number=pl.col("number").fill_null(1), held_on=pl.lit(None, dtype=pl.Date))
    )
    columns = [
        "council_key",
        "child_key",
        "first_due_on",
        "end",
        "number",
        "previous_held_on",
        "held_on",
    ]
    due = pl.concat([held.select(columns), pending.select(columns)]).with_columns(
        due_on=pl.when(pl.col("number") == 1)
        .then(pl.col("first_due_on"))
        .when(pl.col("number") == 2)
        .then(pl.col("previous_held_on").dt.offset_by("3mo"))
        .otherwise(pl.col("previous_held_on").dt.offset_by("6mo"))
    )
    return due.filter(pl.col("held_on").is_not_null() | (pl.col("end") > pl.col("due_on"))).select(
        "council_key",
        "child_key",
        "number",
        "due_on",
        "held_on",
        on_time=pl.col("held_on").is_not_null() & (pl.col("held_on") <= pl.col("due_on")),
    )


def _three_workers(social_workers: pl.LazyFrame, as_at: pl.DataFrame) -> pl.LazyFrame:
    """For each child, the as-at index ranges [three_lo, three_hi) at which 3 or more distinct
    social workers (SW_ID) had an episode in the 12 months: begun on or before the date and not
    ended before the 12 months' first day (child_rows.social_workers_rows).

    Sorted by child, worker and first date, so "the same worker of the same child" is a run of
    rows: a worker's ranges are merged by a running maximum within the run, and the count of
    workers is a running sum of +1/-1 steps (each child's steps sum to 0, so a running sum over
    all children is each child's own). Built once here: the sorts are the costly part.
    """

    def at(column: str, value: pl.Expr, side: str) -> pl.Expr:
        return pl.lit(as_at[column]).search_sorted(value, side=side).cast(pl.Int64)

    ranges = (
        social_workers.select(
            "child_key",
            worker=pl.col("worker").hash(),
            lo=at("as_at", pl.col("worker_from"), "left"),
            hi=at("window_from", pl.col("worker_until"), "right"),
        )
        .filter(pl.col("lo") < pl.col("hi"))
        .sort("child_key", "worker", "lo")
        .with_columns(
            pair=(~(_same("child_key", 1) & _same("worker", 1)).fill_null(True)).cum_sum()
        )
        .with_columns(reach=_running_max_in_run("pair", pl.col("hi")))
        .with_columns(
            begins=(pl.col("pair") != pl.col("pair").shift(1)).fill_null(True)
            | (pl.col("lo") > pl.col("reach").shift(1))
        )
        # a merged range: from the first row of a run to the reach of its last
        .with_columns(lo=pl.when("begins").then("lo").forward_fill())
        .filter(pl.col("begins").shift(-1).fill_null(True))
        .select("child_key", "lo", hi="reach")
    )
    # Steps on one day come in any order; the spans between them on that day are empty.
    steps = (
        pl.concat(
            [
                ranges.select("child_key", at="lo", step=pl.lit(1, dtype=pl.Int32)),
                ranges.select("child_key", at="hi", step=pl.lit(-1, dtype=pl.Int32)),
            ]
        )
        .sort("child_key", "at")
        .with_columns(
            workers=pl.col("step").cum_sum(),
            until=pl.when(_same("child_key", -1)).then(pl.col("at").shift(-1)),
        )
        .filter((pl.col("workers") >= 3) & (pl.col("until") > pl.col("at")))
        .select("child_key", three_lo="at", three_hi="until")
    )
    return steps


def _running_max_in_run(key: str, value: pl.Expr) -> pl.Expr:
    """Running maximum of a small non-negative integer within each run of `key` (the frame
    sorted by it), packed into one cumulative maximum rather than a grouped window."""
    base = pl.col(key).cast(pl.Int64) * (1 << 24)
    return (base + value.cast(pl.Int64)).cum_max() - base
