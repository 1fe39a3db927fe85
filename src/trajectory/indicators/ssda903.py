"""Children-in-care and care-leaver indicators from SSDA903 tables, vectorised with Polars.

Every function works on many as-at dates and many councils at once: the tables may carry a
`council` column (the national benchmark stacks all 153 councils), and the as-at dates are
spread over the rows by sorted search rather than by a loop, so one pass computes a whole
monthly series for every council.

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
GROUP = ["council", "_idx"]
CHILD = ["council", "child"]

_COLUMNS: dict[str, dict[str, pl.DataType]] = {
    "Episodes": {
        "CHILD": pl.String, "DECOM": pl.Date, "RNE": pl.String, "LS": pl.String,
        "PLACE": pl.String, "DEC": pl.Date, "REC": pl.String,
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
    the episodes only once.
    """

    dates: pl.Series  # sorted, distinct as-at dates
    as_at: pl.DataFrame  # _idx, as_at, window_from
    grid: pl.DataFrame  # council × as-at: council, _idx, as_at
    periods: pl.DataFrame
    placements: pl.DataFrame
    reviews: pl.DataFrame
    missing: pl.DataFrame
    care_leavers: pl.DataFrame
    councils: pl.DataFrame  # council, child_population, collection_year_end
    has_council: bool

    def spread(self, frame: pl.LazyFrame, first: pl.Expr, last: pl.Expr) -> pl.LazyFrame:
        """One row per as-at date d with first <= d <= last, for every row of `frame`."""
        dates = pl.lit(self.dates)
        return (
            frame.with_columns(
                _idx=pl.int_ranges(
                    dates.search_sorted(first, side="left"),
                    dates.search_sorted(last, side="right"),
                    dtype=pl.UInt32,
                )
            )
            .explode("_idx")
            .drop_nulls("_idx")
            .join(self.as_at.lazy(), on="_idx", how="left")
        )


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
    )
    raw_episodes = tables.get("Episodes")
    has_council = raw_episodes is not None and "council" in (
        raw_episodes.lazy().collect_schema().names()
    )
    episodes = _table(tables, "Episodes")
    periods, placements = _periods_and_placements(episodes, _table(tables, "Header"))

    councils = episodes.group_by("council").agg(
        latest=pl.max_horizontal(pl.col("DECOM").max(), pl.col("DEC").max())
    )
    if isinstance(population, pl.DataFrame):
        population_frame = population.lazy().select(
            pl.col("council").cast(pl.String), pl.col("child_population").cast(pl.Float64)
        )
    else:
        population_frame = pl.LazyFrame(
            {"council": [""], "child_population": [population]},
            schema={"council": pl.String, "child_population": pl.Float64},
        )
    councils = councils.join(population_frame, on="council", how="left").with_columns(
        collection_year_end=pl.date(
            pl.col("latest").dt.year() + (pl.col("latest").dt.month() > 3).cast(pl.Int32), 3, 31
        )
    )
    reviews = _review_due_dates(periods.lazy(), _table(tables, "Reviews"))
    missing = (
        _table(tables, "Missing")
        .filter((pl.col("MISSING") == "M") & pl.col("MIS_START").is_not_null())
        .select("council", child="CHILD", missing_from="MIS_START")
    )
    care_leavers = _table(tables, "OC3").select(
        "council", child="CHILD", in_touch="IN_TOUCH", activity="ACTIV", accommodation="ACCOM"
    )
    periods_df, placements_df, reviews_df, missing_df, leavers_df, councils_df = pl.collect_all(
        [periods, placements, reviews, missing, care_leavers, councils]
    )
    grid = councils_df.select("council").join(as_at_frame, how="cross")
    return Facts(
        dates=dates,
        as_at=as_at_frame,
        grid=grid.select("council", "_idx", "as_at"),
        periods=periods_df,
        placements=placements_df,
        reviews=reviews_df,
        missing=missing_df,
        care_leavers=leavers_df,
        councils=councils_df,
        has_council=has_council,
    )


def _periods_and_placements(
    episodes: pl.LazyFrame, header: pl.LazyFrame
) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """Periods of care and placements, after leaving out short-break (V3/V4) episodes."""
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
        .sort("council", "child", "started", "ended")
    )
    previous_end = pl.col("ended").cum_max().shift(1).over(CHILD)
    care = care.with_columns(
        period_begins=previous_end.is_null()
        | (pl.col("started") > previous_end)
        | ((pl.col("reason_new") == "S") & (pl.col("started") >= previous_end))
    ).with_columns(period_id=pl.col("period_begins").cum_sum().cast(pl.UInt32))
    care = care.with_columns(
        period_start=pl.col("started").first().over("period_id"),
        period_end=pl.col("ended").max().over("period_id"),
    )
    periods = care.group_by("period_id").agg(
        pl.col("council").first(),
        pl.col("child").first(),
        start=pl.col("period_start").first(),
        end=pl.col("period_end").first(),
        reason_ceased=pl.col("reason_ceased").last(),
    )
    dob = header.rename({"CHILD": "child"}).group_by(CHILD).agg(date_of_birth=pl.col("DOB").min())
    placements = (
        care.filter(
            pl.col("period_begins")
            | (
                pl.col("reason_new").is_in(PLACEMENT_CHANGE_REASONS)
                & ~pl.col("placement_type").fill_null("").is_in(TEMPORARY_PLACEMENTS)
            )
        )
        .unique(["period_id", "started"], keep="last", maintain_order=True)
        .with_columns(
            placement_end=pl.col("started").shift(-1).over("period_id").fill_null(
                pl.col("period_end")
            ),
            previous_placement_start=pl.col("started").shift(1).over("period_id"),
            placement_count=pl.len().over(CHILD),
        )
        .select(
            "council", "child", "period_id", "period_start", "period_end",
            "placement_type", "previous_placement_start", "placement_end", "placement_count",
            placement_start="started",
        )
        .join(dob, on=CHILD, how="left")
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
    was not held, so it is late.
    """
    held = (
        reviews.filter(pl.col("REVIEW").is_not_null())
        .select("council", child="CHILD", held_on="REVIEW")
        .unique()
        .join(periods.select("council", "child", "period_id", "start", "end"), on=CHILD)
        .filter(pl.col("held_on").is_between(pl.col("start"), pl.col("end")))
        .sort("period_id", "held_on")
        .with_columns(
            number=pl.int_range(1, pl.len() + 1).over("period_id"),
            previous_held_on=pl.col("held_on").shift(1).over("period_id"),
        )
    )
    pending = (
        held.group_by("period_id")
        .agg(number=pl.col("number").max() + 1, previous_held_on=pl.col("held_on").max())
        .join(periods.select("council", "child", "period_id", "start", "end"), on="period_id",
              how="right")
        .with_columns(number=pl.col("number").fill_null(1), held_on=pl.lit(None, dtype=pl.Date))
    )
    columns = ["council", "child", "period_id", "start", "end", "number", "previous_held_on",
               "held_on"]
    due = pl.concat([held.select(columns), pending.select(columns)]).with_columns(
        due_on=pl.when(pl.col("number") == 1)
        .then(add_working_days(pl.col("start"), 20))
        .when(pl.col("number") == 2)
        .then(pl.col("previous_held_on").dt.offset_by("3mo"))
        .otherwise(pl.col("previous_held_on").dt.offset_by("6mo"))
    )
    return due.filter(pl.col("held_on").is_not_null() | (pl.col("end") > pl.col("due_on"))).select(
        "council", "child", "number", "due_on", "held_on",
        on_time=pl.col("held_on").is_not_null() & (pl.col("held_on") <= pl.col("due_on")),
    )


# --- child-level rows: one row per child (or review) behind each as-at figure ---------------


def _looked_after_at(facts: Facts) -> pl.LazyFrame:
    """A row per child looked after at each date, with their current placement."""
    return facts.spread(
        facts.placements.lazy(), pl.col("placement_start"),
        pl.col("placement_end").dt.offset_by("-1d"),
    )


def looked_after_rows(facts: Facts) -> pl.LazyFrame:
    return _looked_after_at(facts).select(
        "council", "_idx", "as_at", "child", "period_start", "placement_start",
        "placement_type", numerator=pl.lit(True), denominator=pl.lit(True),
    )


def _periods_in_window(facts: Facts, date_column: str) -> pl.LazyFrame:
    """Children whose period of care started (or ended) within each as-at date's 12 months."""
    periods = facts.periods.lazy()
    if date_column == "end":
        periods = periods.filter(pl.col("end") != OPEN)
    column = pl.col(date_column)
    return (
        facts.spread(periods, column, column.dt.offset_by("1y"))
        .filter(column >= pl.col("window_from"))
        .sort(date_column)
        .unique(["council", "child", "_idx"], keep="last" if date_column == "end" else "first")
        .select(
            "council", "_idx", "as_at", "child", "start", "end", "reason_ceased",
            numerator=pl.lit(True), denominator=pl.lit(True),
        )
    )


def starts_rows(facts: Facts) -> pl.LazyFrame:
    return _periods_in_window(facts, "start")


def ceased_rows(facts: Facts) -> pl.LazyFrame:
    return _periods_in_window(facts, "end")


def placements_rows(facts: Facts, *, every_child: bool = False) -> pl.LazyFrame:
    """Children looked after at the date, with how many placements they had in the period.

    A placement counts if the child was in it at any time in the 12 months: it started on or
    before the as-at date and ended after the period's first day. Only children with three or
    more placements in all the data can reach three in a year, so the others are not
    counted in full unless `every_child` (for child-level lists).
    """
    placements = facts.placements.lazy()
    if not every_child:
        placements = placements.filter(pl.col("placement_count") >= 3)
    per_child = (
        facts.spread(
            placements, pl.col("placement_start"), pl.col("placement_end").dt.offset_by("1y")
        )
        .filter(
            (pl.col("placement_start") <= pl.col("as_at"))
            & (pl.col("placement_end") > pl.col("window_from"))
        )
        .group_by("council", "child", "_idx")
        .agg(placements_in_period=pl.len())
    )
    return (
        _looked_after_at(facts)
        .join(per_child, on=["council", "child", "_idx"], how="left")
        .select(
            "council", "_idx", "as_at", "child", "placement_start", "placement_type",
            "placements_in_period",
            numerator=pl.col("placements_in_period").fill_null(0) >= 3,
            denominator=pl.lit(True),
        )
    )


def placements_children_rows(facts: Facts) -> pl.LazyFrame:
    """`placements_rows` with every child's placements counted, for child-level lists."""
    return placements_rows(facts, every_child=True)


def stability_rows(facts: Facts) -> pl.LazyFrame:
    """Under-16s looked after for 2.5 years or more, and whether their placement lasted 2 years."""
    as_at = pl.col("as_at")
    two_years_before = as_at.dt.offset_by("-2y")
    return (
        _looked_after_at(facts)
        .filter(
            (pl.col("date_of_birth").dt.offset_by("16y") > as_at)
            & (pl.col("period_start") <= as_at.dt.offset_by("-30mo"))
        )
        .select(
            "council", "_idx", "as_at", "child", "date_of_birth", "period_start",
            "placement_start", "placement_type", "previous_placement_start",
            numerator=(pl.col("placement_start") <= two_years_before)
            | (
                pl.col("placement_type").is_in(PLACED_FOR_ADOPTION)
                & (pl.col("previous_placement_start") <= two_years_before).fill_null(False)
            ),
            denominator=pl.lit(True),
        )
    )


def reviews_rows(facts: Facts) -> pl.LazyFrame:
    """One row per review falling due in the 12 months to each date."""
    due = pl.col("due_on")
    return (
        facts.spread(facts.reviews.lazy(), due, due.dt.offset_by("1y"))
        .filter(due >= pl.col("window_from"))
        .select(
            "council", "_idx", "as_at", "child", "number", "due_on", "held_on",
            numerator=pl.col("on_time"), denominator=pl.lit(True),
        )
    )


def missing_rows(facts: Facts) -> pl.LazyFrame:
    """Children looked after during the 12 months, and whether they went missing in them."""
    during = (
        facts.spread(facts.periods.lazy(), pl.col("start"), pl.col("end").dt.offset_by("1y"))
        .filter(pl.col("end") >= pl.col("window_from"))
        .unique(["council", "child", "_idx"])
    )
    went_missing = (
        facts.spread(
            facts.missing.lazy(), pl.col("missing_from"),
            pl.col("missing_from").dt.offset_by("1y"),
        )
        .filter(pl.col("missing_from") >= pl.col("window_from"))
        .group_by("council", "child", "_idx")
        .agg(missing_episodes=pl.len(), first_missing_from=pl.col("missing_from").min())
    )
    return during.join(went_missing, on=["council", "child", "_idx"], how="left").select(
        "council", "_idx", "as_at", "child", "start", "end",
        pl.col("missing_episodes").fill_null(0), "first_missing_from",
        numerator=pl.col("missing_episodes").is_not_null(), denominator=pl.lit(True),
    )


def _care_leaver_rows(facts: Facts, numerator: pl.Expr) -> pl.LazyFrame:
    """Care leavers in the OC3 cohort, repeated for every as-at date in its collection year."""
    in_year = facts.grid.lazy().join(
        facts.councils.lazy().select("council", "collection_year_end"), on="council"
    ).filter(
        (pl.col("as_at") <= pl.col("collection_year_end"))
        & (pl.col("as_at") > pl.col("collection_year_end").dt.offset_by("-1y"))
    )
    denominator = ~pl.col("in_touch").fill_null("").is_in(CARE_LEAVERS_OUTSIDE_COHORT)
    return (
        facts.care_leavers.lazy()
        .join(in_year.select("council", "_idx", "as_at"), on="council")
        .select(
            "council", "_idx", "as_at", "child", "in_touch", "activity", "accommodation",
            numerator=(numerator.fill_null(False) & denominator), denominator=denominator,
        )
    )


def in_touch_rows(facts: Facts) -> pl.LazyFrame:
    return _care_leaver_rows(facts, pl.col("in_touch") == "YES")


def suitable_accommodation_rows(facts: Facts) -> pl.LazyFrame:
    return _care_leaver_rows(facts, pl.col("accommodation").str.ends_with("1"))


def education_employment_training_rows(facts: Facts) -> pl.LazyFrame:
    return _care_leaver_rows(facts, pl.col("activity").is_in(EDUCATION_EMPLOYMENT_TRAINING))


# --- figures: numerator, denominator and value for every council and as-at date -------------


def _figures(
    facts: Facts,
    rows: pl.LazyFrame,
    unit: str,
    *,
    dates: pl.LazyFrame | None = None,
) -> pl.LazyFrame:
    """Sum the rows into [council, as_at, numerator, denominator, value] over the whole grid.

    Dates outside `dates` (where the indicator has no figure, e.g. OC3 outside its collection
    year) stay null; elsewhere no rows means zero.
    """
    counted = rows.group_by(GROUP).agg(
        numerator=pl.col("numerator").sum().cast(pl.Float64),
        denominator=pl.col("denominator").sum().cast(pl.Float64),
    )
    grid = facts.grid.lazy()
    applies = (
        grid.join(dates.select(GROUP).with_columns(_applies=pl.lit(True)), on=GROUP, how="left")
        if dates is not None
        else grid.with_columns(_applies=pl.lit(True))
    )
    out = applies.join(counted, on=GROUP, how="left").with_columns(
        numerator=pl.when(pl.col("_applies")).then(pl.col("numerator").fill_null(0.0)),
        denominator=pl.when(pl.col("_applies")).then(pl.col("denominator").fill_null(0.0)),
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
    columns = ["council"] if facts.has_council else []
    return out.select(*columns, "as_at", "numerator", "denominator", "value").sort(
        *columns, "as_at"
    )


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
    late; a review due but never held is late. Denominator: reviews whose due date lies in
    the 12 months.
    """
    return _figures(facts, reviews_rows(facts), "percent")


def _care_leaver_figures(facts: Facts, rows: pl.LazyFrame) -> pl.LazyFrame:
    years = facts.grid.lazy().join(
        facts.councils.lazy().select("council", "collection_year_end"), on="council"
    ).filter(
        (pl.col("as_at") <= pl.col("collection_year_end"))
        & (pl.col("as_at") > pl.col("collection_year_end").dt.offset_by("-1y"))
    )
    return _figures(facts, rows, "percent", dates=years)


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
