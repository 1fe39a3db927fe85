"""The rows behind each CIN indicator: one per referral (assessment, enquiry, conference,
plan), with the as-at dates, as indices into CinFacts.dates, for which it is in the denominator
[den_lo, den_hi) and in the numerator [num_lo, num_hi), as the SSDA903 rows
(`ssda903/child_rows.py`): the figures add the ranges up for every date at once, a child-level
list keeps the rows whose range holds the one date asked for.

"In the 12 months" is a date on or after the 12 months' first day and on or before the as-at
date (both ends inclusive); "at the date" is begun on or before it and not ended by it (an
episode or plan ending on the date is not open on it).
"""

from __future__ import annotations

import polars as pl

from trajectory.indicators.cin.facts import OPEN, CinFacts

_NONE = pl.lit(0, dtype=pl.Int64)


def _in_window(facts: CinFacts, day: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """The as-at dates whose 12 months hold `day`: [first as-at >= day, first whose 12 months
    begin after it)."""
    return facts.index("as_at", day, "left"), facts.index("window_from", day, "right")


def _open(facts: CinFacts, start: pl.Expr, end: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """The as-at dates d with start <= d < end."""
    return facts.index("as_at", start, "left"), facts.index("as_at", end, "left")


def _ranges(lo: pl.Expr, hi: pl.Expr, counted: pl.Expr | None = None) -> dict[str, pl.Expr]:
    """Denominator [lo, hi); the numerator the same where `counted`, else empty."""
    if counted is None:
        return {"den_lo": lo, "den_hi": hi, "num_lo": lo, "num_hi": hi}
    return {
        "den_lo": lo,
        "den_hi": hi,
        "num_lo": pl.when(counted).then(lo).otherwise(_NONE),
        "num_hi": pl.when(counted).then(hi).otherwise(_NONE),
    }


def referral_rows(facts: CinFacts) -> pl.LazyFrame:
    """A row per referral (CINreferralDate) in the 12 months, no further action or not."""
    lo, hi = _in_window(facts, pl.col("referred_on"))
    return facts.referrals.lazy().select(
        "council_key", "child_key", "referred_on", "no_further_action", **_ranges(lo, hi)
    )


def rereferral_rows(facts: CinFacts) -> pl.LazyFrame:
    """Referrals in the 12 months; counted when the child's previous referral was on or after
    the same day a year before."""
    lo, hi = _in_window(facts, pl.col("referred_on"))
    again = pl.col("previous_referred_on").is_not_null() & (
        pl.col("previous_referred_on") >= pl.col("referred_on").dt.offset_by("-1y")
    )
    return facts.referrals.lazy().select(
        "council_key",
        "child_key",
        "referred_on",
        "previous_referred_on",
        **_ranges(lo, hi, again),
    )


def assessment_rows(facts: CinFacts) -> pl.LazyFrame:
    """Assessments authorised in the 12 months; counted when authorised on or before the 45th
    working day after the assessment's own start (AssessmentActualStartDate)."""
    lo, hi = _in_window(facts, pl.col("authorised_on"))
    return (
        facts.assessments.lazy()
        .filter(pl.col("authorised_on").is_not_null())
        .select(
            "council_key",
            "child_key",
            "started_on",
            "authorised_on",
            "due_on",
            **_ranges(
                lo,
                hi,
                pl.col("due_on").is_not_null() & (pl.col("authorised_on") <= pl.col("due_on")),
            ),
        )
    )


def enquiry_rows(facts: CinFacts) -> pl.LazyFrame:
    """Section 47 enquiries started (S47ActualStartDate) in the 12 months."""
    lo, hi = _in_window(facts, pl.col("started_on"))
    return facts.enquiries.lazy().select(
        "council_key", "child_key", "started_on", "conference_on", **_ranges(lo, hi)
    )


def conference_rows(facts: CinFacts) -> pl.LazyFrame:
    """Initial conferences held in the 12 months after a section 47 enquiry; counted when held
    on or before the 15th working day after the enquiry began."""
    lo, hi = _in_window(facts, pl.col("conference_on"))
    return (
        facts.enquiries.lazy()
        .filter(pl.col("conference_on").is_not_null())
        .select(
            "council_key",
            "child_key",
            "started_on",
            "conference_on",
            "conference_due_on",
            **_ranges(lo, hi, pl.col("conference_on") <= pl.col("conference_due_on")),
        )
    )


def _one_row_per_child(rows: pl.LazyFrame) -> pl.LazyFrame:
    return rows.with_columns(_one_row_per_child=pl.lit(True))


def in_need_rows(facts: CinFacts) -> pl.LazyFrame:
    """A row per episode of need that did not end in no further action, open from its referral
    until its closure (CINclosureDate, open if none)."""
    lo, hi = _open(facts, pl.col("referred_on"), pl.col("closed_on"))
    return _one_row_per_child(
        facts.referrals.lazy()
        .filter(~pl.col("no_further_action"))
        .select("council_key", "child_key", "referred_on", "closed_on", **_ranges(lo, hi))
    )


def on_plan_rows(facts: CinFacts) -> pl.LazyFrame:
    """A row per child protection plan, open from CPPstartDate until CPPendDate."""
    lo, hi = _open(facts, pl.col("started_on"), pl.col("ended_on"))
    return _one_row_per_child(
        facts.plans.lazy().select(
            "council_key", "child_key", "started_on", "ended_on", **_ranges(lo, hi)
        )
    )


def distinct_children(rows: pl.LazyFrame) -> pl.LazyFrame:
    """Each child's overlapping (or touching) ranges merged into one, so a child with two open
    episodes (or plans) on a date is counted once. Numerator = denominator in these rows."""
    return (
        rows.filter(pl.col("den_lo") < pl.col("den_hi"))
        .sort("council_key", "child_key", "den_lo")
        .with_columns(reach=pl.col("den_hi").cum_max().over("council_key", "child_key"))
        .with_columns(
            begins=pl.col("reach").shift(1).over("council_key", "child_key").is_null()
            | (pl.col("den_lo") > pl.col("reach").shift(1).over("council_key", "child_key"))
        )
        .with_columns(group=pl.col("begins").cum_sum())
        .group_by("council_key", "child_key", "group")
        .agg(den_lo=pl.col("den_lo").min(), den_hi=pl.col("reach").max())
        .select(
            "council_key",
            "child_key",
            "den_lo",
            "den_hi",
            num_lo=pl.col("den_lo"),
            num_hi=pl.col("den_hi"),
        )
    )


def plan_start_rows(facts: CinFacts) -> pl.LazyFrame:
    """Plans starting in the 12 months; counted when a second or subsequent plan (the plan's
    NumberOfPreviousCPP is 1 or more, or the census holds an earlier plan of the child)."""
    lo, hi = _in_window(facts, pl.col("started_on"))
    return facts.plans.lazy().select(
        "council_key",
        "child_key",
        "started_on",
        "previous_plans",
        "subsequent",
        **_ranges(lo, hi, pl.col("subsequent")),
    )


def plan_end_rows(facts: CinFacts) -> pl.LazyFrame:
    """Plans ending in the 12 months; counted when they had lasted 2 years or more (ended on
    or after the second anniversary of their start)."""
    lo, hi = _in_window(facts, pl.col("ended_on"))
    return (
        facts.plans.lazy()
        .filter(pl.col("ended_on") != OPEN)
        .select(
            "council_key",
            "child_key",
            "started_on",
            "ended_on",
            **_ranges(lo, hi, pl.col("ended_on") >= pl.col("started_on").dt.offset_by("2y")),
        )
    )


def plan_review_rows(facts: CinFacts) -> pl.LazyFrame:
    """Plans open at the date that began 3 months or more before it; counted while none of its
    reviews has been late (`facts._late_reviews`)."""
    lo, hi = _open(facts, pl.col("started_on").dt.offset_by("3mo"), pl.col("ended_on"))
    late = facts.index("as_at", pl.col("late_from"), "left")
    return facts.plans.lazy().select(
        "council_key",
        "child_key",
        "started_on",
        "ended_on",
        "reviews",
        pl.when(pl.col("late_from") != OPEN).then(pl.col("late_from")).alias("late_from"),
        den_lo=lo,
        den_hi=hi,
        num_lo=lo,
        num_hi=pl.min_horizontal(hi, late),
    )
