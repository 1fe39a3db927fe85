"""CIN census tables reshaped once into referrals, assessments, section 47 enquiries, child
protection plans and their reviews.

`prepare` builds `CinFacts` for many as-at dates at once (and many councils, when the tables
carry a `council` column); the rows behind each indicator (`child_rows.py`) and the figures
(`figures.py`) read only from it. `CinFacts` has the attributes the SSDA903 figures' running
sum reads (`dates`, `as_at`, `grid`, `councils`, `populations`, `has_council`, `index`), so the
same `_figures` adds up a CIN indicator's rows.

Tables and keys are the CIN reader's (returns/cin/schema.py): rows of one episode of need join
on LAchildID + CINdetailsID, a plan's reviews on LAchildID + CINdetailsID + CPPID.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import polars as pl

from trajectory.indicators.ssda903.facts import OPEN, _population_series, window_start
from trajectory.indicators.working_days import add_working_days

ASSESSMENT_WORKING_DAYS = 45  # Working Together to Safeguard Children 2018/2023, ch. 1
ICPC_WORKING_DAYS = 15  # Working Together: ICPC within 15 working days of the strategy discussion

_COLUMNS: dict[str, dict[str, pl.DataType]] = {
    "CINdetails": {
        "LAchildID": pl.String,
        "CINdetailsID": pl.Int64,
        "CINreferralDate": pl.Date,
        "CINclosureDate": pl.Date,
        "ReferralNFA": pl.Boolean,
    },
    "Assessments": {
        "LAchildID": pl.String,
        "CINdetailsID": pl.Int64,
        "AssessmentID": pl.Int64,
        "AssessmentActualStartDate": pl.Date,
        "AssessmentAuthorisationDate": pl.Date,
    },
    "Section47": {
        "LAchildID": pl.String,
        "CINdetailsID": pl.Int64,
        "S47ActualStartDate": pl.Date,
        "DateOfInitialCPC": pl.Date,
        "ICPCnotRequired": pl.Boolean,
    },
    "ChildProtectionPlans": {
        "LAchildID": pl.String,
        "CINdetailsID": pl.Int64,
        "CPPID": pl.Int64,
        "CPPstartDate": pl.Date,
        "CPPendDate": pl.Date,
        "NumberOfPreviousCPP": pl.Int64,
    },
    "CPPreviews": {
        "LAchildID": pl.String,
        "CINdetailsID": pl.Int64,
        "CPPID": pl.Int64,
        "CPPreviewDate": pl.Date,
    },
}


def _flag(value: pl.Expr) -> pl.Expr:
    """True/false read from a Boolean column or from text 1/0/true/false."""
    text = value.cast(pl.String).str.strip_chars().str.to_uppercase()
    return (
        pl.when(text.is_in(["1", "TRUE"])).then(True).when(text.is_in(["0", "FALSE"])).then(False)
    )


def _table(tables: dict[str, pl.LazyFrame], name: str) -> pl.LazyFrame:
    """The columns the indicators need from one table (null where the table lacks one), with a
    `council` column always present."""
    columns = _COLUMNS[name]
    frame = tables.get(name)
    if frame is None and name == "CPPreviews":
        frame = tables.get("Reviews")  # the peer CSV tables' name
    if frame is None:
        return pl.LazyFrame(schema={"council": pl.String, **columns})
    frame = frame.lazy()
    names = frame.collect_schema().names()
    selected = [
        (pl.col("council").cast(pl.String) if "council" in names else pl.lit("")).alias("council")
    ]
    for column, dtype in columns.items():
        if column not in names:
            selected.append(pl.lit(None, dtype=dtype).alias(column))
        elif dtype == pl.Boolean:
            selected.append(_flag(pl.col(column)).alias(column))
        elif dtype == pl.String:
            selected.append(pl.col(column).cast(pl.String).str.strip_chars().alias(column))
        else:
            selected.append(pl.col(column).cast(dtype, strict=False).alias(column))
    return frame.select(selected)


@dataclass
class CinFacts:
    """The CIN census reshaped once; see the module docstring."""

    dates: pl.Series
    as_at: pl.DataFrame  # _idx, as_at, window_from
    grid: pl.DataFrame  # council_key, council, _idx, as_at
    children: pl.DataFrame  # council_key, child_key, council, child
    councils: pl.DataFrame  # council_key, council, child_population
    has_council: bool
    # One row per episode of need: referred_on, closed_on (OPEN), no_further_action,
    # previous_referred_on (the child's referral before it, any episode)
    referrals: pl.DataFrame
    # One row per assessment: started_on, authorised_on, due_on (45 working days after the start)
    assessments: pl.DataFrame
    # One row per section 47 enquiry: started_on, conference_on, conference_due_on
    enquiries: pl.DataFrame
    # One row per plan: started_on, ended_on (OPEN), previous_plans, subsequent, reviews,
    # late_from (the day its first late review became late, OPEN if none)
    plans: pl.DataFrame
    populations: pl.DataFrame | None = None

    def index(self, column: str, value: pl.Expr, side: str) -> pl.Expr:
        """Position of `value` among the as-at dates' `column` (as_at or window_from): "left"
        the first date whose column is >= value, "right" the first whose column is > value."""
        return pl.lit(self.as_at[column]).search_sorted(value, side=side).cast(pl.Int64)


def _councils(names: pl.DataFrame, population) -> pl.DataFrame:
    if isinstance(population, pl.DataFrame) and "year" not in population.columns:
        frame = population.select(
            pl.col("council").cast(pl.String), pl.col("child_population").cast(pl.Float64)
        )
    else:
        value = None if isinstance(population, pl.DataFrame) else population
        frame = pl.DataFrame(
            {"council": [""], "child_population": [value]},
            schema={"council": pl.String, "child_population": pl.Float64},
        )
    return (
        names.unique()
        .sort("council")
        .with_columns(council_key=pl.int_range(pl.len(), dtype=pl.UInt32))
        .join(frame, on="council", how="left")
    )


def prepare(
    tables: dict[str, pl.LazyFrame],
    as_at: Iterable[date] | pl.Series,
    population: int | None | pl.DataFrame = None,
    collection_year_end: date | None = None,  # the census year; no CIN rule depends on it
) -> CinFacts:
    """Reshape CIN census tables (DfE element names) for the as-at dates asked for.

    `population` as for the SSDA903 facts: the council's children aged 0-17, a frame
    [council, child_population], or ONS mid-year estimates by year [council?, year,
    child_population] (each as-at date's rate takes its own year's).
    """
    dates = pl.Series("as_at", sorted(set(as_at)), dtype=pl.Date)
    as_at_frame = pl.DataFrame({"as_at": dates}).with_columns(
        _idx=pl.int_range(pl.len(), dtype=pl.UInt32), window_from=window_start(pl.col("as_at"))
    )
    raw = tables.get("CINdetails")
    has_council = raw is not None and "council" in raw.lazy().collect_schema().names()
    details, assessments, enquiries, plans, reviews = pl.collect_all(
        [
            _table(tables, name)
            for name in (
                "CINdetails",
                "Assessments",
                "Section47",
                "ChildProtectionPlans",
                "CPPreviews",
            )
        ]
    )
    everyone = pl.concat(
        [f.select("council", child="LAchildID") for f in (details, assessments, enquiries, plans)]
    ).filter(pl.col("child").is_not_null())
    by_year = isinstance(population, pl.DataFrame) and "year" in population.columns
    councils = _councils(everyone.select("council"), population)
    children = (
        everyone.unique()
        .join(councils.select("council", "council_key"), on="council")
        .sort("council_key", "child")
        .with_columns(child_key=pl.int_range(pl.len(), dtype=pl.UInt32))
        .select("council_key", "child_key", "council", "child")
    )
    keys = children.lazy().select("council", "child", "council_key", "child_key")

    def keyed(frame: pl.DataFrame) -> pl.LazyFrame:
        return (
            frame.lazy()
            .rename({"LAchildID": "child"})
            .join(keys, on=["council", "child"], how="inner")
            .drop("council", "child")
        )

    referrals = (
        keyed(details)
        .filter(pl.col("CINreferralDate").is_not_null())
        .select(
            "council_key",
            "child_key",
            episode="CINdetailsID",
            referred_on="CINreferralDate",
            closed_on=pl.col("CINclosureDate").fill_null(OPEN),
            no_further_action=pl.col("ReferralNFA").fill_null(False),
        )
        .sort("child_key", "referred_on", "episode")
        .with_columns(
            previous_referred_on=pl.col("referred_on").shift(1).over("child_key"),
        )
    )
    # An assessment's 45 working days run from its own start (AssessmentActualStartDate), as
    # DfE's duration of assessment does, not from the episode's referral (figures.py).
    assessments_lf = keyed(assessments).select(
        "council_key",
        "child_key",
        episode="CINdetailsID",
        assessment="AssessmentID",
        started_on="AssessmentActualStartDate",
        authorised_on="AssessmentAuthorisationDate",
        due_on=add_working_days(pl.col("AssessmentActualStartDate"), ASSESSMENT_WORKING_DAYS),
    )
    enquiries_lf = (
        keyed(enquiries)
        .filter(pl.col("S47ActualStartDate").is_not_null())
        .select(
            "council_key",
            "child_key",
            episode="CINdetailsID",
            started_on="S47ActualStartDate",
            conference_on="DateOfInitialCPC",
            conference_due_on=add_working_days(pl.col("S47ActualStartDate"), ICPC_WORKING_DAYS),
        )
    )
    plan_keys = ["child_key", "episode", "plan"]
    plans_lf = (
        keyed(plans)
        .filter(pl.col("CPPstartDate").is_not_null())
        .select(
            "council_key",
            "child_key",
            episode="CINdetailsID",
            plan="CPPID",
            started_on="CPPstartDate",
            ended_on=pl.col("CPPendDate").fill_null(OPEN),
            previous_plans=pl.col("NumberOfPreviousCPP"),
        )
        .sort("child_key", "started_on")
        .with_columns(earlier_plan=pl.col("started_on").shift(1).over("child_key").is_not_null())
        .with_columns(
            subsequent=(pl.col("previous_plans").fill_null(0) > 0) | pl.col("earlier_plan")
        )
        .drop("earlier_plan")
    )
    late = _late_reviews(
        plans_lf.select(*plan_keys, "started_on", "ended_on"),
        keyed(reviews).select(
            "child_key", episode="CINdetailsID", plan="CPPID", reviewed_on="CPPreviewDate"
        ),
    )
    plans_lf = plans_lf.join(late, on=plan_keys, how="left").with_columns(
        pl.col("reviews").fill_null(0), pl.col("late_from").fill_null(OPEN)
    )
    referrals_df, assessments_df, enquiries_df, plans_df = pl.collect_all(
        [referrals, assessments_lf, enquiries_lf, plans_lf]
    )
    grid = councils.select("council_key", "council").join(as_at_frame, how="cross")
    return CinFacts(
        dates=dates,
        as_at=as_at_frame,
        grid=grid.select("council_key", "council", "_idx", "as_at"),
        children=children,
        councils=councils,
        has_council=has_council,
        referrals=referrals_df,
        assessments=assessments_df,
        enquiries=enquiries_df,
        plans=plans_df,
        populations=_population_series(population, councils) if by_year else None,
    )


def _late_reviews(plans: pl.LazyFrame, reviews: pl.LazyFrame) -> pl.LazyFrame:
    """Each plan's reviews held and the day its reviews stopped being on time.

    Working Together to Safeguard Children: the first review conference within 3 months of the
    initial child protection conference (the plan's start), later ones within 6 months of the
    one before. A review counts toward the plan it is recorded against, held on or after the
    plan's start and on or before its end. A review held after its due date makes the plan late
    from the day after that due date; after the last review held the next is due too, and the
    plan is late from the day after it unless the plan ended on or before that day. Once late,
    a plan stays late (DfE counts plans whose reviews were all held on time).
    """
    keys = ["child_key", "episode", "plan"]
    held = (
        reviews.filter(pl.col("reviewed_on").is_not_null())
        .unique()
        .join(plans, on=keys)
        .filter(pl.col("reviewed_on").is_between(pl.col("started_on"), pl.col("ended_on")))
        .sort(*keys, "reviewed_on")
        .with_columns(
            number=pl.col("reviewed_on").cum_count().over(keys),
            previous=pl.col("reviewed_on").shift(1).over(keys),
        )
        .with_columns(due_on=_due(pl.col("number"), pl.col("started_on"), pl.col("previous")))
        .with_columns(
            late_from=pl.when(pl.col("reviewed_on") > pl.col("due_on")).then(
                pl.col("due_on").dt.offset_by("1d")
            )
        )
    )
    summary = held.group_by(keys).agg(
        reviews=pl.len().cast(pl.Int64),
        last_held=pl.col("reviewed_on").max(),
        held_late_from=pl.col("late_from").min(),
    )
    return (
        plans.join(summary, on=keys, how="left")
        .with_columns(
            next_due=_due(
                pl.col("reviews").fill_null(0) + 1, pl.col("started_on"), pl.col("last_held")
            )
        )
        .with_columns(
            pending_late_from=pl.when(pl.col("ended_on") > pl.col("next_due")).then(
                pl.col("next_due").dt.offset_by("1d")
            )
        )
        .select(
            *keys,
            reviews=pl.col("reviews").fill_null(0),
            late_from=pl.min_horizontal("held_late_from", "pending_late_from"),
        )
    )


def _due(number: pl.Expr, started_on: pl.Expr, previous: pl.Expr) -> pl.Expr:
    """Review `number`'s due date: 3 months after the plan began, then 6 after the last one."""
    return (
        pl.when(number == 1)
        .then(started_on.dt.offset_by("3mo"))
        .otherwise(previous.dt.offset_by("6mo"))
    )


EPISODE_TABLES = ("CINdetails", "Assessments", "Section47", "ChildProtectionPlans", "CPPreviews")
_YEAR_STEP = 1_000_000  # CINdetailsID made unique across censuses: year * step + the file's id


def stack_years(censuses: list[tuple[int, dict[str, pl.LazyFrame]]]) -> dict[str, pl.LazyFrame]:
    """Several census years' tables as one set, so a monthly series can run across them.

    `censuses` are (year the collection ends, tables). An episode of need open across 31 March
    is in both years' censuses: it is taken from the latest census that holds it (matched by
    LAchildID and CINreferralDate), with its assessments, enquiries, plans and reviews, and
    left out of the earlier ones. CINdetailsID, numbered within each file, becomes
    year x 1,000,000 + its number, so rows of one episode still join and no two censuses'
    episodes collide.
    """
    if len(censuses) == 1:
        return censuses[0][1]
    stacked: dict[str, list[pl.LazyFrame]] = {name: [] for name in EPISODE_TABLES}
    seen: pl.LazyFrame | None = None
    for year, tables in sorted(censuses, key=lambda item: item[0], reverse=True):
        frames = {name: _table(tables, name) for name in EPISODE_TABLES}
        details = frames["CINdetails"]
        keep = details.select("council", "LAchildID", "CINdetailsID", "CINreferralDate")
        if seen is not None:
            keep = keep.join(
                seen, on=["council", "LAchildID", "CINreferralDate"], how="anti", nulls_equal=True
            )
        episodes = keep.select("council", "LAchildID", "CINdetailsID")
        for name, frame in frames.items():
            stacked[name].append(
                frame.join(
                    episodes, on=["council", "LAchildID", "CINdetailsID"], how="semi"
                ).with_columns(pl.col("CINdetailsID") + year * _YEAR_STEP)
            )
        found = details.select("council", "LAchildID", "CINreferralDate")
        seen = found if seen is None else pl.concat([seen, found])
    had_council = any(
        "council" in tables["CINdetails"].lazy().collect_schema().names()
        for _, tables in censuses
        if "CINdetails" in tables
    )
    return {
        name: pl.concat(frames) if had_council else pl.concat(frames).drop("council")
        for name, frames in stacked.items()
    }
