"""The rows behind each indicator: one per child (per review, per care leaver) with the as-at
dates for which it is counted.

Each rows function returns one row per child (per review, per care leaver) with the range of
as-at dates, as indices into Facts.dates, for which the row is in the denominator
[den_lo, den_hi) and in the numerator [num_lo, num_hi). Figures add the ranges up for every
date at once (a running sum of +1 at each start and -1 at each end, `figures.py`); a
child-level list keeps the rows whose range holds the one date asked for (`rows_at`). So both
come from one definition.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from trajectory.indicators.ssda903.facts import OPEN, Facts

EDUCATION_EMPLOYMENT_TRAINING = ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5")
CARE_LEAVERS_OUTSIDE_COHORT = ("DIED", "RHOM")
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


AGE_BANDS = {"17_18": (17, 18), "19_21": (19, 21), "22_25": (22, 25)}
# ACCOM G (gone abroad), H (deported) and R (residence not known): suitability is not known,
# so DfE leaves them out of both sides of the suitable accommodation measure.
ACCOMMODATION_NOT_JUDGED = ("G", "H", "R")


def _age_at_year_end(date_of_birth: pl.Expr, year_end: pl.Expr) -> pl.Expr:
    """Whole years on the collection year's 31 March: the age reached at the birthday that fell
    in the year (1 April to 31 March). Month and day are compared, so 29 February needs no
    birthday date to be built."""
    before_birthday = (date_of_birth.dt.month() > year_end.dt.month()) | (
        (date_of_birth.dt.month() == year_end.dt.month())
        & (date_of_birth.dt.day() > year_end.dt.day())
    )
    return (
        year_end.dt.year().cast(pl.Int32)
        - date_of_birth.dt.year().cast(pl.Int32)
        - before_birthday.cast(pl.Int32)
    )


def _blank(column: str) -> pl.Expr:
    return pl.col(column).fill_null("") == ""


def _care_leaver_rows(
    facts: Facts, band: str, numerator: pl.Expr, *, judged: pl.Expr | None = None
) -> pl.LazyFrame:
    """Care leavers in one age band of the OC3 cohort, for every as-at date in its year.

    In the cohort: a 17th to 21st birthday in the collection year (age on its 31 March, date of
    birth from Header), IN_TOUCH, ACTIV and ACCOM not all blank (DfE has them left blank for a
    young person still looked after on the birthday or whose care moved elsewhere), and
    IN_TOUCH not DIED or RHOM. `judged` narrows the denominator further (suitable accommodation).
    """
    youngest, oldest = AGE_BANDS[band]
    year_end = pl.col("collection_year_end")
    lo = facts.index("as_at", year_end.dt.offset_by("-1y"), "right")
    hi = facts.index("as_at", year_end, "right")
    age = _age_at_year_end(pl.col("date_of_birth"), year_end)
    in_cohort = (
        age.is_between(youngest, oldest).fill_null(False)
        & ~(_blank("in_touch") & _blank("activity") & _blank("accommodation"))
        & ~pl.col("in_touch").fill_null("").is_in(CARE_LEAVERS_OUTSIDE_COHORT)
    )
    if judged is not None:
        in_cohort = in_cohort & judged.fill_null(True)
    counted = numerator.fill_null(False) & in_cohort
    return (
        facts.care_leavers.lazy()
        .join(facts.councils.lazy().select("council_key", "collection_year_end"), on="council_key")
        .filter(year_end.is_not_null())
        .select(
            "council_key",
            "child",
            "date_of_birth",
            "in_touch",
            "activity",
            "accommodation",
            age_at_year_end=age,
            **_interval(
                lo,
                pl.when(in_cohort).then(hi).otherwise(lo),
                lo,
                pl.when(counted).then(hi).otherwise(lo),
            ),
        )
    )


def _in_touch(band: str):
    def rows(facts: Facts) -> pl.LazyFrame:
        return _care_leaver_rows(facts, band, pl.col("in_touch") == "YES")

    return rows


def _suitable_accommodation(band: str):
    def rows(facts: Facts) -> pl.LazyFrame:
        accommodation = pl.col("accommodation").fill_null("")
        return _care_leaver_rows(
            facts,
            band,
            accommodation.str.ends_with("1"),
            judged=~accommodation.str.slice(0, 1).is_in(ACCOMMODATION_NOT_JUDGED),
        )

    return rows


def _education_employment_training(band: str):
    def rows(facts: Facts) -> pl.LazyFrame:
        return _care_leaver_rows(
            facts, band, pl.col("activity").is_in(EDUCATION_EMPLOYMENT_TRAINING)
        )

    return rows


in_touch_rows = _in_touch("19_21")
in_touch_17_18_rows = _in_touch("17_18")
in_touch_22_25_rows = _in_touch("22_25")
suitable_accommodation_rows = _suitable_accommodation("19_21")
suitable_accommodation_17_18_rows = _suitable_accommodation("17_18")
education_employment_training_rows = _education_employment_training("19_21")
education_employment_training_17_18_rows = _education_employment_training("17_18")


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


# --- The wider catalogue (issue 8.8) ----------------------------------------------------------

# Placement types (PLACE) as DfE groups children looked after on 31 March
# (la_cla_on_31_march_by_characteristics; LAIT measures 396-401), every year's codes at once
# (schema.PLACEMENT_TYPE: K3 from 2024-25, Z11-Z14 for Z1 and no H5 or P2 from 2025-26).
PLACEMENT_GROUPS: dict[str, tuple[str, ...]] = {
    "foster_relative": ("U1", "U2", "U3"),
    "foster_other": ("U4", "U5", "U6"),
    "foster": ("U1", "U2", "U3", "U4", "U5", "U6"),
    "adoption": ("A3", "A4", "A5", "A6"),
    "parents": ("P1",),
    "childrens_homes": ("K1", "K2"),
    "independent_living": ("H5", "P2", "K3"),
    "other_residential": ("R1", "R2", "R3", "R5", "S1", "P3"),
}
NAMED_PLACEMENTS = tuple(sorted({code for group in PLACEMENT_GROUPS.values() for code in group}))
DISTANT_MILES = 20
# Reviews (REVIEW_CODE, DfE's SSDA903 guide): PN0 the child is under 4; PN1 attends and speaks
# for themselves, PN2 attends and an advocate speaks, PN3 attends and conveys their views
# non-verbally, PN4 attends without contributing, PN5 does not attend but briefs an advocate,
# PN6 does not attend but conveys their views another way, PN7 neither attends nor has views
# conveyed.
REVIEW_PARTICIPATED = ("PN1", "PN2", "PN3", "PN5", "PN6")
REVIEW_AGED_4_PLUS = ("PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7")
ADOPTED = ("E11", "E12")  # adopted: application unopposed, consent dispensed with
# Special guardianship orders: E43, E44 before 2016-17; E45-E48 to former foster carers who were
# relatives or friends (E45) or others (E46), or to other carers, relatives or friends (E47) or
# others (E48).
SPECIAL_GUARDIANSHIP = ("E43", "E44", "E45", "E46", "E47", "E48")
_NONE = pl.lit(0, dtype=pl.UInt32)


def _only_denominator(rows: pl.LazyFrame) -> pl.LazyFrame:
    return rows.with_columns(num_lo=_NONE, num_hi=_NONE)


def _only_numerator(rows: pl.LazyFrame) -> pl.LazyFrame:
    return rows.with_columns(den_lo=_NONE, den_hi=_NONE)


def _per_child(*parts: pl.LazyFrame) -> pl.LazyFrame:
    """Denominator and numerator rows of one indicator, one child standing for each."""
    return pl.concat(parts, how="diagonal_relaxed").with_columns(_one_row_per_child=pl.lit(True))


def episode_rows(facts: Facts, counted: pl.Expr) -> pl.LazyFrame:
    """A row per episode, in the denominator for the dates it is the child's episode (so the
    children looked after, as `looked_after_rows`), in the numerator too when `counted`."""
    return facts.episodes.lazy().select(
        "council_key",
        "child_key",
        episode_start="started",
        episode_place="placement_type",
        **_interval(
            pl.col("lo"),
            pl.col("hi"),
            pl.col("lo"),
            pl.when(counted.fill_null(False)).then(pl.col("hi")).otherwise(pl.col("lo")),
        ),
    )


def _placed(codes: tuple[str, ...] | None):
    """Children looked after at d (denominator) whose episode at d has a PLACE in `codes` (None:
    in none of the named groups)."""

    def rows(facts: Facts) -> pl.LazyFrame:
        place = pl.col("placement_type").fill_null("")
        counted = ~place.is_in(NAMED_PLACEMENTS) if codes is None else place.is_in(codes)
        return episode_rows(facts, counted)

    return rows


placed_foster_relative_rows = _placed(PLACEMENT_GROUPS["foster_relative"])
placed_foster_other_rows = _placed(PLACEMENT_GROUPS["foster_other"])
placed_foster_rows = _placed(PLACEMENT_GROUPS["foster"])
placed_for_adoption_rows = _placed(PLACEMENT_GROUPS["adoption"])
placed_with_parents_rows = _placed(PLACEMENT_GROUPS["parents"])
placed_childrens_homes_rows = _placed(PLACEMENT_GROUPS["childrens_homes"])
placed_independent_living_rows = _placed(PLACEMENT_GROUPS["independent_living"])
placed_other_residential_rows = _placed(PLACEMENT_GROUPS["other_residential"])
placed_other_rows = _placed(None)


def placed_distant_rows(facts: Facts) -> pl.LazyFrame:
    """Children looked after at d whose episode at d is outside the council (PL_LOCATION OUT)
    and more than 20 miles from home (PL_DISTANCE), in councils whose return holds it."""
    distant = (pl.col("location") == "OUT") & (pl.col("distance") > DISTANT_MILES)
    return episode_rows(facts, distant).join(distance_councils(facts), on="council_key")


def distance_councils(facts: Facts) -> pl.LazyFrame:
    """The councils whose return holds a placement distance (PL_DISTANCE) on any episode."""
    return (
        facts.episodes.lazy()
        .filter(pl.col("distance").is_not_null())
        .select("council_key")
        .unique()
    )


def uasc_rows(facts: Facts) -> pl.LazyFrame:
    """Looked-after placements of children in the UASC table, while the status lasts (to DUC)."""
    return (
        looked_after_rows(facts)
        .join(facts.uasc.lazy().select("child_key", "uasc_until"), on="child_key")
        .with_columns(
            num_hi=pl.min_horizontal("num_hi", facts.index("as_at", pl.col("uasc_until"), "left"))
        )
        .with_columns(den_lo=pl.col("num_lo"), den_hi=pl.col("num_hi"))
    )


def uasc_share_rows(facts: Facts) -> pl.LazyFrame:
    """Children looked after at d (denominator); those unaccompanied asylum-seeking (numerator)."""
    return _per_child(
        _only_denominator(looked_after_rows(facts)), _only_numerator(uasc_rows(facts))
    )


def social_workers_rows(facts: Facts) -> pl.LazyFrame:
    """Children looked after at d (denominator); those with 3 or more distinct social workers
    (SW_ID) whose episode overlapped the 12 months (numerator).

    A worker counts at d when one of their episodes with the child began on or before d and
    had not ended before the 12 months' first day; a worker's ranges are merged first so a
    worker who returns counts once.
    """
    steps = facts.three_workers.lazy()
    looked_after = looked_after_rows(facts)
    counted = (
        looked_after.join(steps, on="child_key")
        .with_columns(
            num_lo=pl.max_horizontal("num_lo", "three_lo"),
            num_hi=pl.min_horizontal("num_hi", "three_hi"),
        )
        .filter(pl.col("num_lo") < pl.col("num_hi"))
        .drop("three_lo", "three_hi")
    )
    return _per_child(_only_denominator(looked_after), _only_numerator(counted))


def review_participation_rows(facts: Facts) -> pl.LazyFrame:
    """One row per review held in the 12 months of a child aged 4 or over (PN1-PN7), counted
    when the child's views were conveyed (PN1, PN2, PN3, PN5, PN6)."""
    held = pl.col("held_on")
    code = pl.col("participation").fill_null("")
    lo = facts.index("as_at", held, "left")
    hi = facts.index("window_from", held, "right")
    return (
        facts.held_reviews.lazy()
        .filter(code.is_in(REVIEW_AGED_4_PLUS))
        .select(
            "council_key",
            "child_key",
            "held_on",
            "participation",
            **_interval(
                lo, hi, lo, pl.when(code.is_in(REVIEW_PARTICIPATED)).then(hi).otherwise(lo)
            ),
        )
    )


def _incidents(facts: Facts, kind: str) -> pl.LazyFrame:
    return facts.incidents.lazy().filter(pl.col("kind") == kind)


def _incident_range(facts: Facts) -> tuple[pl.Expr, pl.Expr]:
    start = pl.col("missing_from")
    return facts.index("as_at", start, "left"), facts.index("window_from", start, "right")


def _child_went(facts: Facts, kind: str) -> pl.LazyFrame:
    """A row per child with a `kind` incident in the 12 months (their latest stands for them)."""
    lo, hi = _incident_range(facts)
    return _incidents(facts, kind).select(
        "council_key",
        "child_key",
        "missing_from",
        den_lo=lo,
        den_hi=pl.min_horizontal(
            hi, facts.index("as_at", pl.col("next_from").fill_null(OPEN), "left")
        ),
    )


def incidents_rows(kind: str):
    """Incidents of `kind` (M missing, A away) starting in the 12 months (numerator), over the
    children with one or more (denominator)."""

    def rows(facts: Facts) -> pl.LazyFrame:
        lo, hi = _incident_range(facts)
        children = _child_went(facts, kind).with_columns(num_lo=_NONE, num_hi=_NONE)
        incidents = _incidents(facts, kind).select(
            "council_key",
            "child_key",
            "missing_from",
            den_lo=_NONE,
            den_hi=_NONE,
            num_lo=lo,
            num_hi=hi,
        )
        return pl.concat([children, incidents], how="vertical_relaxed")

    return rows


missing_incidents_rows = incidents_rows("M")
away_incidents_rows = incidents_rows("A")


def away_rows(facts: Facts) -> pl.LazyFrame:
    """Children looked after during the 12 months (as `missing_rows`) and those of them away
    from placement without authorisation (MISSING = A) in them."""
    periods = missing_rows(facts).filter(pl.col("missing_from").is_null())
    went = _child_went(facts, "A").select(
        "council_key",
        "child_key",
        "missing_from",
        den_lo=_NONE,
        den_hi=_NONE,
        num_lo=pl.col("den_lo"),
        num_hi=pl.col("den_hi"),
    )
    return pl.concat([periods, went], how="diagonal_relaxed").with_columns(
        _one_row_per_child=pl.lit(True)
    )


def _ceased_because(reasons: tuple[str, ...]):
    """Children ceasing in the 12 months (their last cease in them), counted when its REC is one
    of `reasons`."""

    def rows(facts: Facts) -> pl.LazyFrame:
        return ceased_rows(facts).with_columns(
            num_hi=pl.when(pl.col("reason_ceased").is_in(reasons))
            .then("num_hi")
            .otherwise("num_lo")
        )

    return rows


adopted_rows = _ceased_because(ADOPTED)
special_guardianship_rows = _ceased_because(SPECIAL_GUARDIANSHIP)
