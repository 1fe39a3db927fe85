"""Children-in-care and care-leaver indicators from SSDA903 tables, vectorised with Polars.

Every function works on many as-at dates and many councils at once: the tables may carry a
`council` column (the national benchmark stacks all 153 councils). Each row behind an indicator
(a placement, a period of care, a review) holds the range of as-at dates it counts for, found by
sorted search; a running sum over those ranges gives a whole monthly series for every council
in one pass, and the same rows filtered to one date are the child-level list behind a figure.

Rules shared by every indicator (DfE "Children looked after in England" methodology):

- **Short breaks are left out first.** Episodes with legal status V3 or V4 are dropped before
  anything else, so a child whose only care is short breaks never appears, and a period of
  care is rebuilt from the remaining episodes.
- **Period of care**: a run of episodes for one child, each starting on the day the previous
  one ended (`DECOM` = previous `DEC`, the usual X1 "continuing in care" transition). A gap of
  a day or more, or an episode with `RNE` = S, begins a new period. Overlapping episodes are
  merged into one period.
- **Looked after at a date** *d*: a period with start <= *d* and (no end, or end > *d*). The
  ending day does not count: a child whose care ends on 31 March is not looked after at
  31 March (they are one of the year's ceases), as in DfE's tables.
- **The period** for an as-at date *d* is the 12 months ending on *d*, both ends inclusive:
  for 31 March 2024, 1 April 2023 to 31 March 2024 (for 29 February 2024, 1 March 2023 on).
- **Looked after during the period**: a period of care with start <= *d* and (no end, or end
  >= the period's first day).
- **Placement**: the first episode of a period of care, and every later episode with `RNE` in
  S, P, B, T or U (a new placement, with or without a carer or legal-status change) whose
  `PLACE` is not a temporary placement T0-T4. `RNE` = L (legal status change only) and
  temporary placements do not start a new placement; a child returning from a temporary
  placement is counted again only when the return is recorded as a placement change. Several
  placements starting on the same day count once (the last of that day is kept): DfE's
  validation refuses two episodes starting on one day, so same-day moves are a recording
  artefact, not two placements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import polars as pl

from trajectory.indicators.working_days import add_working_days

OPEN = date(9999, 12, 31)  # stands for "no end date yet" so comparisons need no null checks
SHORT_BREAK_LEGAL_STATUS = ("V3", "V4")
PLACEMENT_CHANGE_REASONS = ("S", "P", "B", "T", "U")
TEMPORARY_PLACEMENTS = ("T0", "T1", "T2", "T3", "T4")
PLACED_FOR_ADOPTION = ("A3", "A4", "A5", "A6")
EDUCATION_EMPLOYMENT_TRAINING = ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5")
CARE_LEAVERS_OUTSIDE_COHORT = ("DIED", "RHOM")
GROUP = ["council_key", "_idx"]

_COLUMNS: dict[str, dict[str, pl.DataType]] = {
    "Episodes": {
        "CHILD": pl.String,
        "DECOM": pl.Date,
        "RNE": pl.String,
        "LS": pl.String,
        "PLACE": pl.String,
        "DEC": pl.Date,
        "REC": pl.String,
    },
    "Header": {"CHILD": pl.String, "DOB": pl.Date},
    "Reviews": {"CHILD": pl.String, "REVIEW": pl.Date},
    "Missing": {"CHILD": pl.String, "MISSING": pl.String, "MIS_START": pl.Date},
    "OC3": {"CHILD": pl.String, "IN_TOUCH": pl.String, "ACTIV": pl.String, "ACCOM": pl.String},
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
            value = pl.col(column).cast(dtype)
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
) -> Facts:
    """Reshape SSDA903 tables (DfE column names) for the as-at dates asked for.

    `population` is the council's child population (0-17), or a frame [council,
    child_population] when the tables hold several councils.
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
    councils = _councils(episodes, leavers_raw, population)
    care, children = _care_episodes(episodes, councils)
    periods, placements = _periods_and_placements(care)
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
    care_leavers = (
        leavers_raw.lazy()
        .join(councils.lazy().select("council", "council_key"), on="council")
        .select(
            "council_key",
            child="CHILD",
            in_touch="IN_TOUCH",
            activity="ACTIV",
            accommodation="ACCOM",
        )
    )
    placements_df, reviews_df, missing_df, leavers_df = pl.collect_all(
        [placements, reviews, missing, care_leavers]
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
    )


def _councils(
    episodes: pl.DataFrame, leavers: pl.DataFrame, population: int | None | pl.DataFrame
) -> pl.DataFrame:
    """One row per council in the data, with its population and OC3 collection year."""
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
    names = pl.concat([episodes.select("council"), leavers.select("council")]).unique()
    return (
        names.sort("council")
        .with_columns(council_key=pl.int_range(pl.len(), dtype=pl.UInt32))
        .join(latest, on="council", how="left")
        .join(population_frame, on="council", how="left")
        .with_columns(
            collection_year_end=pl.date(
                pl.col("latest").dt.year() + (pl.col("latest").dt.month() > 3).cast(pl.Int32),
                3,
                31,
            )
        )
    )


def _care_episodes(
    episodes: pl.DataFrame, councils: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Episodes other than short breaks, sorted by child and date, with integer keys."""
    care = (
        episodes.filter(
            pl.col("DECOM").is_not_null()
            & ~pl.col("LS").fill_null("").is_in(SHORT_BREAK_LEGAL_STATUS)
        )
        .select(
            "council",
            child="CHILD",
            started="DECOM",
            ended=pl.col("DEC").fill_null(OPEN),
            reason_new="RNE",
            placement_type="PLACE",
            reason_ceased="REC",
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


def _periods_and_placements(care: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Periods of care and placements (see the module rules) from sorted care episodes."""
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
    starts_placement = pl.col("period_begins") | (
        pl.col("reason_new").is_in(PLACEMENT_CHANGE_REASONS)
        & ~pl.col("placement_type").fill_null("").is_in(TEMPORARY_PLACEMENTS)
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
    return periods, placements


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


# --- rows behind each indicator ------------------------------------------------------------
# Each rows function returns one row per child (per review, per care leaver) with the range of
# as-at dates, as indices into Facts.dates, for which the row is in the denominator
# [den_lo, den_hi) and in the numerator [num_lo, num_hi). Figures add the ranges up for every
# date at once (a running sum of +1 at each start and -1 at each end); a child-level list keeps
# the rows whose range holds the one date asked for. So both come from one definition.

_NEVER = date(1, 1, 1)


def _interval(
    den_lo: pl.Expr, den_hi: pl.Expr, num_lo: pl.Expr | None = None, num_hi: pl.Expr | None = None
) -> dict[str, pl.Expr]:
    return {
        "den_lo": den_lo,
        "den_hi": den_hi,
        "num_lo": den_lo if num_lo is None else num_lo,
        "num_hi": den_hi if num_hi is None else num_hi,
    }


def looked_after_rows(facts: Facts) -> pl.LazyFrame:
    """A row per placement: looked after at d while placement_start <= d < placement_end."""
    return facts.placements.lazy().select(
        "council_key",
        "child_key",
        "placement_row",
        "period_start",
        "placement_start",
        **_interval(
            facts.index("as_at", pl.col("placement_start"), "left"),
            facts.index("as_at", pl.col("placement_end"), "left"),
        ),
    )


def starts_rows(facts: Facts) -> pl.LazyFrame:
    """Periods starting in the 12 months; a child's earlier start in them wins (counted once)."""
    start = pl.col("start")
    return facts.periods.lazy().select(
        "council_key",
        "child_key",
        "start",
        **_interval(
            pl.max_horizontal(
                facts.index("as_at", start, "left"),
                facts.index("window_from", pl.col("previous_start").fill_null(_NEVER), "right"),
            ),
            facts.index("window_from", start, "right"),
        ),
    )


def ceased_rows(facts: Facts) -> pl.LazyFrame:
    """Periods ending in the 12 months; a child's later end in them wins (counted once)."""
    end = pl.col("end")
    return (
        facts.periods.lazy()
        .filter(end != OPEN)
        .select(
            "council_key",
            "child_key",
            "start",
            "end",
            "reason_ceased",
            **_interval(
                facts.index("as_at", end, "left"),
                pl.min_horizontal(
                    facts.index("window_from", end, "right"),
                    facts.index("as_at", pl.col("next_end").fill_null(OPEN), "left"),
                ),
            ),
        )
    )


def placements_rows(facts: Facts) -> pl.LazyFrame:
    """Children looked after at d, counted when in 3 or more placements in the 12 months.

    A placement counts if the child was in it at any time in the 12 months: it started on or
    before d and ended after the period's first day. Placements follow one another, so a child
    in their j-th placement at d had three or more exactly when their (j-2)-th placement ended
    after the period's first day.
    """
    return facts.placements.lazy().select(
        "council_key",
        "child_key",
        "placement_row",
        "placement_start",
        "two_placements_before_ended",
        **_interval(
            facts.index("as_at", pl.col("placement_start"), "left"),
            facts.index("as_at", pl.col("placement_end"), "left"),
            facts.index("as_at", pl.col("placement_start"), "left"),
            pl.min_horizontal(
                facts.index("as_at", pl.col("placement_end"), "left"),
                facts.index(
                    "window_from", pl.col("two_placements_before_ended").fill_null(_NEVER), "left"
                ),
            ),
        ),
    )


def stability_rows(facts: Facts) -> pl.LazyFrame:
    """Under-16s looked after for 2.5 years or more, and whether their placement lasted 2 years."""
    placed_two_years = facts.index("minus_2y", pl.col("placement_start"), "left")
    adoptive_two_years = (
        pl.when(pl.col("placed_for_adoption"))
        .then(facts.index("minus_2y", pl.col("previous_placement_start").fill_null(OPEN), "left"))
        .otherwise(len(facts.dates))
    )
    den_lo = pl.max_horizontal(
        facts.index("as_at", pl.col("placement_start"), "left"),
        facts.index("minus_30mo", pl.col("period_start"), "left"),
    )
    den_hi = pl.min_horizontal(
        facts.index("as_at", pl.col("placement_end"), "left"),
        facts.index("as_at", pl.col("date_of_birth").dt.offset_by("16y").fill_null(_NEVER), "left"),
    )
    return facts.placements.lazy().select(
        "council_key",
        "child_key",
        "placement_row",
        "date_of_birth",
        "period_start",
        "placement_start",
        "previous_placement_start",
        **_interval(
            den_lo,
            den_hi,
            pl.max_horizontal(den_lo, pl.min_horizontal(placed_two_years, adoptive_two_years)),
            den_hi,
        ),
    )


def reviews_rows(facts: Facts) -> pl.LazyFrame:
    """One row per review, in the 12 months whose span holds its due date."""
    due = pl.col("due_on")
    den_lo = facts.index("as_at", due, "left")
    den_hi = facts.index("window_from", due, "right")
    return facts.reviews.lazy().select(
        "council_key",
        "child_key",
        "number",
        "due_on",
        "held_on",
        **_interval(den_lo, den_hi, den_lo, pl.when("on_time").then(den_hi).otherwise(den_lo)),
    )


def missing_rows(facts: Facts) -> pl.LazyFrame:
    """Children looked after during the 12 months (one row each) and their missing episodes.

    Denominator rows are periods of care overlapping the 12 months, a child's earliest such
    period standing for the child. Numerator rows are missing episodes (MISSING = M) that
    began during a period of care, a child's latest in the 12 months standing for the child.
    """
    window_from_index = "window_from"
    periods = facts.periods.lazy().select(
        "council_key",
        "child_key",
        "start",
        "end",
        missing_from=pl.lit(None, dtype=pl.Date),
        **_interval(
            pl.max_horizontal(
                facts.index("as_at", pl.col("start"), "left"),
                facts.index(window_from_index, pl.col("previous_end").fill_null(_NEVER), "right"),
            ),
            facts.index(window_from_index, pl.col("end"), "right"),
            pl.lit(0, dtype=pl.UInt32),
            pl.lit(0, dtype=pl.UInt32),
        ),
    )
    missing_from = pl.col("missing_from")
    episodes = facts.missing.lazy().select(
        "council_key",
        "child_key",
        start=pl.lit(None, dtype=pl.Date),
        end=pl.lit(None, dtype=pl.Date),
        missing_from=missing_from,
        **_interval(
            pl.lit(0, dtype=pl.UInt32),
            pl.lit(0, dtype=pl.UInt32),
            facts.index("as_at", missing_from, "left"),
            pl.min_horizontal(
                facts.index(window_from_index, missing_from, "right"),
                facts.index("as_at", pl.col("next_missing_from").fill_null(OPEN), "left"),
            ),
        ),
    )
    return pl.concat([periods, episodes], how="vertical_relaxed").with_columns(
        _one_row_per_child=pl.lit(True)
    )


def _care_leaver_rows(facts: Facts, numerator: pl.Expr) -> pl.LazyFrame:
    """Care leavers in the OC3 cohort, for every as-at date in its collection year."""
    year_end = pl.col("collection_year_end")
    lo = facts.index("as_at", year_end.dt.offset_by("-1y"), "right")
    hi = facts.index("as_at", year_end, "right")
    in_cohort = ~pl.col("in_touch").fill_null("").is_in(CARE_LEAVERS_OUTSIDE_COHORT)
    counted = numerator.fill_null(False) & in_cohort
    return (
        facts.care_leavers.lazy()
        .join(facts.councils.lazy().select("council_key", "collection_year_end"), on="council_key")
        .filter(year_end.is_not_null())
        .select(
            "council_key",
            "child",
            "in_touch",
            "activity",
            "accommodation",
            **_interval(
                lo,
                pl.when(in_cohort).then(hi).otherwise(lo),
                lo,
                pl.when(counted).then(hi).otherwise(lo),
            ),
        )
    )


def in_touch_rows(facts: Facts) -> pl.LazyFrame:
    return _care_leaver_rows(facts, pl.col("in_touch") == "YES")


def suitable_accommodation_rows(facts: Facts) -> pl.LazyFrame:
    return _care_leaver_rows(facts, pl.col("accommodation").str.ends_with("1"))


def education_employment_training_rows(facts: Facts) -> pl.LazyFrame:
    return _care_leaver_rows(facts, pl.col("activity").is_in(EDUCATION_EMPLOYMENT_TRAINING))


def rows_at(facts: Facts, rows: pl.LazyFrame, index: int) -> pl.LazyFrame:
    """The rows behind the figure at one as-at date (by index), with the two flags."""
    i = pl.lit(index, dtype=pl.Int64)
    numerator = (pl.col("num_lo") <= i) & (i < pl.col("num_hi"))
    denominator = (pl.col("den_lo") <= i) & (i < pl.col("den_hi"))
    return (
        rows.filter(numerator | denominator)
        .with_columns(
            numerator=numerator,
            denominator=denominator,
            as_at=pl.lit(facts.dates[index], dtype=pl.Date),
        )
        .drop("den_lo", "den_hi", "num_lo", "num_hi")
    )


def _collection_year(facts: Facts) -> pl.LazyFrame:
    """The council × as-at pairs inside each council's OC3 collection year."""
    year_end = pl.col("collection_year_end")
    return (
        facts.grid.lazy()
        .join(facts.councils.lazy().select("council_key", "collection_year_end"), on="council_key")
        .filter((pl.col("as_at") <= year_end) & (pl.col("as_at") > year_end.dt.offset_by("-1y")))
        .select("council_key", "_idx", "as_at")
    )


# --- figures: numerator, denominator and value for every council and as-at date -------------


def _figures(
    facts: Facts,
    rows: pl.LazyFrame,
    unit: str,
    *,
    dates: pl.LazyFrame | None = None,
) -> pl.LazyFrame:
    """Add the rows' date ranges into [council, as_at, numerator, denominator, value].

    Dates outside `dates` (where the indicator has no figure, e.g. OC3 outside its collection
    year) stay null; elsewhere no rows means zero.
    """
    edges = []
    for lo, hi, column in (("den_lo", "den_hi", "denominator"), ("num_lo", "num_hi", "numerator")):
        ranges = rows.select("council_key", lo, hi).filter(pl.col(lo) < pl.col(hi))
        other = "numerator" if column == "denominator" else "denominator"
        for edge, step in ((lo, 1), (hi, -1)):
            edges.append(
                ranges.select("council_key", _idx=edge, **{column: pl.lit(step), other: pl.lit(0)})
            )
    steps = (
        pl.concat([e.select("council_key", "_idx", "numerator", "denominator") for e in edges])
        .with_columns(pl.col("_idx").cast(pl.UInt32), pl.col("council_key").cast(pl.UInt32))
        .group_by(GROUP)
        .agg(pl.col("numerator").sum(), pl.col("denominator").sum())
    )
    grid = facts.grid.lazy().select("council_key", "_idx", "as_at")
    out = (
        grid.join(steps, on=GROUP, how="left")
        .sort(GROUP)
        .with_columns(
            pl.col("numerator", "denominator")
            .fill_null(0)
            .cum_sum()
            .over("council_key")
            .cast(pl.Float64)
        )
    )
    if dates is not None:
        applies = dates.select(GROUP).with_columns(_applies=pl.lit(True))
        out = out.join(applies, on=GROUP, how="left").with_columns(
            pl.when(pl.col("_applies")).then(pl.col("numerator", "denominator"))
        )
    if unit == "count":
        out = out.with_columns(value=pl.col("numerator"), denominator=pl.lit(None, pl.Float64))
    elif unit == "percent":
        out = out.with_columns(
            value=pl.when(pl.col("denominator") > 0).then(
                pl.col("numerator") / pl.col("denominator") * 100
            )
        )
    else:
        raise ValueError(f"unknown unit {unit}")
    return _finish(facts, out)


def _finish(facts: Facts, out: pl.LazyFrame) -> pl.LazyFrame:
    """Councils back to their codes (when the tables had them), in council and date order."""
    out = out.sort("council_key", "as_at")
    if facts.has_council:
        out = out.join(facts.councils.lazy().select("council_key", "council"), on="council_key")
    columns = ["council"] if facts.has_council else []
    return out.select(*columns, "as_at", "numerator", "denominator", "value")


def cla_count(facts: Facts) -> pl.LazyFrame:
    """Children looked after at the date.

    Distinct children with a period of care (short breaks left out) that started on or before
    the date and had not ended by it: DECOM <= date and (DEC empty or DEC > date). A child
    whose care ends on the date is not counted.
    """
    return _figures(facts, looked_after_rows(facts), "count")


def cla_rate_per_10k(facts: Facts) -> pl.LazyFrame:
    """Children looked after at the date per 10,000 children aged 0-17.

    Numerator: `cla_count`. Denominator: the council's child population (ONS mid-year
    estimate, held on the council). No population, no rate.
    """
    counts = _figures(facts, looked_after_rows(facts), "count")
    if not facts.has_council:
        counts = counts.with_columns(council=pl.lit(""))
    population = facts.councils.lazy().select("council", "child_population")
    out = counts.join(population, on="council", how="left").with_columns(
        denominator=pl.col("child_population"),
        value=pl.when(pl.col("child_population") > 0).then(
            pl.col("numerator") / pl.col("child_population") * 10_000
        ),
    )
    columns = ["council"] if facts.has_council else []
    return out.select(*columns, "as_at", "numerator", "denominator", "value")


def cla_starts_12m(facts: Facts) -> pl.LazyFrame:
    """Children who started to be looked after in the 12 months to the date.

    A start is the first day of a period of care (see the module rules: RNE = S, the child's
    first episode, or an episode after a gap; an X1 transition is not a start). A child who
    started more than once in the 12 months is counted once, as in DfE's tables. Short-break
    care is left out first, so moving from short breaks into full care is a start.
    """
    return _figures(facts, starts_rows(facts), "count")


def cla_ceased_12m(facts: Facts) -> pl.LazyFrame:
    """Children who ceased to be looked after in the 12 months to the date.

    A cease is the last day (DEC) of a period of care: the last episode of the period, after
    which no episode continues it (its REC is not X1, or the next episode is a short break,
    which is left out). A child who ceased more than once is counted once.
    """
    return _figures(facts, ceased_rows(facts), "count")


def cla_3plus_placements_pct(facts: Facts) -> pl.LazyFrame:
    """% of children looked after at the date with 3 or more placements in the 12 months.

    Denominator: `cla_count`. Numerator: those of them who were in three or more placements
    at any time in the 12 months to the date, counting the placement they were in on its
    first day. A placement is as the module rules say: the first episode of a period of
    care, then every episode with RNE S, P, B, T or U that is not a temporary placement
    (PLACE T0-T4); several on one day count once.
    """
    return _figures(facts, placements_rows(facts), "percent")


def cla_long_term_stability_pct(facts: Facts) -> pl.LazyFrame:
    """% of under-16s looked after 2.5 years or more who have been in one placement 2 years.

    Denominator: children looked after at the date, aged under 16 there (date of birth from
    Header; children without one are left out), whose current period of care began at least
    2 years 6 months before the date. Numerator: those whose current placement began at least
    2 years before, or who are placed for adoption (PLACE A3-A6) and whose placement before
    the adoptive one began at least 2 years before (the two together last 2 years), as DfE.
    """
    return _figures(facts, stability_rows(facts), "percent")


def cla_reviews_on_time_pct(facts: Facts) -> pl.LazyFrame:
    """% of reviews falling due in the 12 months to the date that were held by the due date.

    Reviews due (reg 33): the first 20 working days after a period of care starts (England and
    Wales bank holidays left out), the second 3 months after the first was held, then every 6
    months after the one before. A review held on its due date is on time; one day late is
    late; a review due but never held is late, and counted once (the next due date runs
    from the review actually held). A review belongs to the period of care in which it was
    held; the review due after a period's last one counts only if the child was still looked
    after on its due date. Denominator: reviews whose due date lies in the 12 months.
    """
    return _figures(facts, reviews_rows(facts), "percent")


def _care_leaver_figures(facts: Facts, rows: pl.LazyFrame) -> pl.LazyFrame:
    return _figures(facts, rows, "percent", dates=_collection_year(facts))


def care_leavers_in_touch_pct(facts: Facts) -> pl.LazyFrame:
    """% of care leavers in the OC3 cohort the council is in touch with.

    OC3 holds one row per care leaver whose 17th to 21st birthday fell in the collection year
    (the year to 31 March). Denominator: those rows, leaving out young people who have died
    (IN_TOUCH = DIED) or returned home for 6 months or more (RHOM), for whom DfE collects no
    activity or accommodation. Numerator: IN_TOUCH = YES. OC3 is an annual cohort: the
    figure is given for every as-at date within the collection year of the latest data (the
    year to the 31 March on or after the latest episode date) and is empty elsewhere.
    """
    return _care_leaver_figures(facts, in_touch_rows(facts))


def care_leavers_suitable_accom_pct(facts: Facts) -> pl.LazyFrame:
    """% of care leavers in the OC3 cohort in suitable accommodation.

    Cohort as `care_leavers_in_touch_pct`. Numerator: ACCOM ending in 1 (the accommodation
    is judged suitable); codes ending in 2 (unsuitable) and 0 (no information) are not.
    """
    return _care_leaver_figures(facts, suitable_accommodation_rows(facts))


def care_leavers_eet_pct(facts: Facts) -> pl.LazyFrame:
    """% of care leavers in the OC3 cohort in education, employment or training.

    Cohort as `care_leavers_in_touch_pct`. Numerator: ACTIV F1, P1, F2, P2, F4, P4, F5 or P5
    (full- or part-time higher education, other education, training or employment);
    G4-G6 (not in education, employment or training) and 0 are not.
    """
    return _care_leaver_figures(facts, education_employment_training_rows(facts))


def cla_missing_pct(facts: Facts) -> pl.LazyFrame:
    """% of children looked after during the 12 months who went missing in them.

    Denominator: distinct children looked after at any time in the 12 months to the date
    (a period of care with start <= date and end empty or >= the period's first day).
    Numerator: those of them with at least one Missing row with MISSING = M (missing, not
    A "away from placement without authorisation") starting in the 12 months.
    """
    return _figures(facts, missing_rows(facts), "percent")
