"""Each indicator's figure (numerator, denominator, value) for every council and as-at date.

The docstring of each indicator function is its exact counting rule, shown on the indicator's
page and in docs/indicators.md; the rows it counts are in `child_rows.py`.
"""

from __future__ import annotations

import polars as pl

from trajectory.indicators.ssda903 import child_rows
from trajectory.indicators.ssda903.child_rows import (
    ceased_rows,
    looked_after_rows,
    missing_rows,
    placements_rows,
    reviews_rows,
    stability_rows,
    starts_rows,
)
from trajectory.indicators.ssda903.facts import Facts

GROUP = ["council_key", "_idx"]


def _collection_year(facts: Facts) -> pl.LazyFrame:
    """The council × as-at pairs inside each council's OC3 collection year."""
    year_end = pl.col("collection_year_end")
    return (
        facts.grid.lazy()
        .join(facts.councils.lazy().select("council_key", "collection_year_end"), on="council_key")
        .filter((pl.col("as_at") <= year_end) & (pl.col("as_at") > year_end.dt.offset_by("-1y")))
        .select("council_key", "_idx", "as_at")
    )


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
    elif unit == "per child":
        out = out.with_columns(
            value=pl.when(pl.col("denominator") > 0).then(
                pl.col("numerator") / pl.col("denominator")
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


def population_year(as_at: pl.Expr) -> pl.Expr:
    """The mid-year whose ONS estimate DfE divides by at an as-at date: Y-1 for the collection
    year to 31 March Y (April 2024 to March 2025 takes mid-2024)."""
    return (as_at.dt.year() - (as_at.dt.month() < 4).cast(pl.Int32)).cast(pl.Int32)


def _population_at(facts: Facts) -> pl.LazyFrame:
    """[council, as_at, child_population]: each as-at date's own year's population."""
    grid = facts.grid.lazy().select("council_key", "council", "as_at")
    if facts.populations is None:
        population = facts.councils.lazy().select("council_key", "child_population")
        return grid.join(population, on="council_key", how="left").drop("council_key")
    return (
        grid.with_columns(year=population_year(pl.col("as_at")))
        .sort("year")
        .join_asof(
            facts.populations.lazy(),
            on="year",
            by="council_key",
            strategy="backward",
            check_sortedness=False,
        )
        .select("council", "as_at", "child_population")
    )


def cla_rate_per_10k(facts: Facts) -> pl.LazyFrame:
    """Children looked after at the date per 10,000 children aged 0-17.

    Numerator: `cla_count`. Denominator: the council's children aged 0-17 in the ONS mid-year
    estimate of the year before the collection year ends, as DfE's
    cla_number_and_rate_per_10k_children.csv does (31 March 2024 divides by mid-2023): a
    month-end from April 2024 to March 2025 uses mid-2024's. Real councils' estimates come
    from DfE's copy of the ONS file (ons_mid-year_population_estimates_2012_to_2024.csv), a
    made-up council's are set by hand; where the year's estimate is not held yet the latest
    earlier one stands in, and a council with estimates by year but none so early, or with
    no population at all, has no rate.
    """
    counts = _figures(facts, looked_after_rows(facts), "count")
    if not facts.has_council:
        counts = counts.with_columns(council=pl.lit(""))
    out = counts.join(_population_at(facts), on=["council", "as_at"], how="left").with_columns(
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
    first day. A placement is as the shared rules say: the first episode of a period of
    care, then every episode with RNE P or T that is not a temporary placement (PLACE T0-T4)
    nor the return from one to the placement the child left; a change with the same carer
    (RNE B, U) or of legal status only (L) is no new placement; several on one day count once.
    """
    return _figures(facts, placements_rows(facts), "percent")


def cla_long_term_stability_pct(facts: Facts) -> pl.LazyFrame:
    """% of under-16s looked after 2.5 years or more who have been in one placement 2 years.

    Denominator: children looked after at the date, aged under 16 there (date of birth from
    Header; children without one are left out), whose current period of care began at least
    2 years 6 months before the date. Numerator: those whose current placement began at least
    2 years before, or who are placed for adoption (PLACE A3-A6) and whose placement before
    the adoptive one began at least 2 years before (the two together last 2 years), as DfE.
    A placement is as the shared rules say, so a move with the same carer (RNE B, U, e.g.
    foster carers becoming adopters), a legal status change (L), a temporary placement
    (T0-T4) and the return from it to the same placement do not restart the 2 years: DfE
    counts children "living with the same carer for at least 2 years".
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
    """% of care leavers aged 19 to 21 in the OC3 cohort the council is in touch with.

    Cohort: the OC3 rows of the collection year (1 April to 31 March) of young people whose
    19th, 20th or 21st birthday fell in it (their age on the year's 31 March, date of birth
    from Header, OC3's own DOB where Header lacks them). Left out: rows whose IN_TOUCH, ACTIV
    and ACCOM are all blank (DfE has them left blank for a young person still looked after on
    the birthday or whose care passed to another council or adult services), and young
    people who died (IN_TOUCH = DIED) or returned home for 6 months or more (RHOM).
    Denominator: the cohort; those not in touch, who refused contact (REFU) or no longer need
    services (NREQ) stay in it. Numerator: IN_TOUCH = YES. DfE publishes the 17-18 and 19-21
    bands apart and never pooled (files la_care_leavers_activity.csv and
    la_care_leavers_accommodation_suitability.csv, column care_leaver_age; LAIT measure 333:
    "whose 19th, 20th or 21st birthday falls between 1 April and 31 March", excluding those
    who "have died and those who have returned home ... for a continuous period of at least 6
    months"); the 17-18 band is `care_leavers_in_touch_17_18_pct`. OC3 is an annual cohort:
    the figure is given for every as-at date within the collection year of the latest data
    (the year to the 31 March on or after the latest episode date) and is empty elsewhere.
    """
    return _care_leaver_figures(facts, child_rows.in_touch_rows(facts))


def care_leavers_in_touch_17_18_pct(facts: Facts) -> pl.LazyFrame:
    """% of care leavers aged 17 or 18 in the OC3 cohort the council is in touch with.

    As `care_leavers_in_touch_pct`, for the young people whose 17th or 18th birthday fell in
    the collection year (DfE's "17 to 18 years" band).
    """
    return _care_leaver_figures(facts, child_rows.in_touch_17_18_rows(facts))


_SUITABLE = """Numerator: ACCOM ending in 1 (the accommodation is judged suitable); codes ending
    in 2 (unsuitable) and ACCOM 0 (no information: not in touch, refused contact, no longer
    needs services) are not, and stay in the denominator. Young people gone abroad (ACCOM G1,
    G2), deported (H1, H2) or whose residence is not known (R1, R2) are left out of numerator
    and denominator, as DfE does "as the suitability will not usually be known in these
    cases" (LAIT measure 112, la_care_leavers_accommodation_suitability.csv)."""


def care_leavers_suitable_accom_pct(facts: Facts) -> pl.LazyFrame:
    return _care_leaver_figures(facts, child_rows.suitable_accommodation_rows(facts))


def care_leavers_suitable_accom_17_18_pct(facts: Facts) -> pl.LazyFrame:
    return _care_leaver_figures(facts, child_rows.suitable_accommodation_17_18_rows(facts))


care_leavers_suitable_accom_pct.__doc__ = f"""% of care leavers aged 19 to 21 in the OC3 cohort
    in suitable accommodation.

    Cohort as `care_leavers_in_touch_pct` (19th to 21st birthday in the year). {_SUITABLE}
    """
care_leavers_suitable_accom_17_18_pct.__doc__ = f"""% of care leavers aged 17 or 18 in the OC3
    cohort in suitable accommodation.

    Cohort as `care_leavers_in_touch_17_18_pct` (17th or 18th birthday in the year).
    {_SUITABLE}
    """

_EET = """Numerator: ACTIV F1, P1, F2, P2, F4, P4, F5 or P5 (full- or part-time higher
    education, other education, training or employment); G4-G6 (not in education, employment
    or training) and 0 (no information) are not, and stay in the denominator (LAIT measure
    113, la_care_leavers_activity.csv)."""


def care_leavers_eet_pct(facts: Facts) -> pl.LazyFrame:
    return _care_leaver_figures(facts, child_rows.education_employment_training_rows(facts))


def care_leavers_eet_17_18_pct(facts: Facts) -> pl.LazyFrame:
    return _care_leaver_figures(facts, child_rows.education_employment_training_17_18_rows(facts))


care_leavers_eet_pct.__doc__ = f"""% of care leavers aged 19 to 21 in the OC3 cohort in
    education, employment or training.

    Cohort as `care_leavers_in_touch_pct` (19th to 21st birthday in the year). {_EET}
    """
care_leavers_eet_17_18_pct.__doc__ = f"""% of care leavers aged 17 or 18 in the OC3 cohort in
    education, employment or training.

    Cohort as `care_leavers_in_touch_17_18_pct` (17th or 18th birthday in the year). {_EET}
    """


def cla_missing_pct(facts: Facts) -> pl.LazyFrame:
    """% of children looked after during the 12 months who went missing in them.

    Denominator: distinct children looked after at any time in the 12 months to the date
    (a period of care with start <= date and end empty or >= the period's first day).
    Numerator: those of them with at least one Missing row with MISSING = M (missing, not
    A "away from placement without authorisation") starting in the 12 months.
    """
    return _figures(facts, missing_rows(facts), "percent")


# --- The wider catalogue (issue 8.8) ----------------------------------------------------------

_PLACED = """Denominator: `cla_count`, children looked after at the date. Numerator: those of
    them whose episode on the date has PLACE {codes} ({what}). The episode on the date is the
    one begun last on or before it (an episode lasts until the next one of its period of care
    begins, the last until the period ends); a temporary placement (T0-T4: holiday,
    hospital, respite) counts as the placement the child left, the last one before it in the
    period of care, as the shared rules say. {source}"""
_AT_31_MARCH = (
    "DfE publishes the placement of children looked after on 31 March "
    "(la_cla_on_31_march_by_characteristics; LAIT measure {measure})."
)


def _placed(name: str, rows, codes: str, what: str, source: str):
    def compute(facts: Facts) -> pl.LazyFrame:
        return _figures(facts, rows(facts), "percent")

    compute.__name__ = compute.__qualname__ = name

    compute.__doc__ = "% of children looked after at the date " + what.split(":")[0] + ".\n\n    "
    compute.__doc__ += _PLACED.format(codes=codes, what=what, source=source)
    return compute


cla_placed_foster_relative_pct = _placed(
    "cla_placed_foster_relative_pct",
    child_rows.placed_foster_relative_rows,
    "U1, U2 or U3",
    "in foster care with a relative or friend: long-term, also approved as adopters, or other",
    "DfE publishes foster care with relatives or friends in its national tables; LAIT holds "
    "foster care as a whole (measure 396, `cla_placed_foster_pct`).",
)
cla_placed_foster_other_pct = _placed(
    "cla_placed_foster_other_pct",
    child_rows.placed_foster_other_rows,
    "U4, U5 or U6",
    "in foster care with other foster carers: long-term, also approved as adopters, or other",
    "LAIT holds foster care as a whole (measure 396, `cla_placed_foster_pct`).",
)
cla_placed_foster_pct = _placed(
    "cla_placed_foster_pct",
    child_rows.placed_foster_rows,
    "U1-U6",
    "in foster care: with a relative or friend (U1-U3) or with other foster carers (U4-U6)",
    _AT_31_MARCH.format(measure="396, '% of CLA in foster care'"),
)
cla_placed_for_adoption_pct = _placed(
    "cla_placed_for_adoption_pct",
    child_rows.placed_for_adoption_rows,
    "A3, A4, A5 or A6",
    "placed for adoption: with their former foster carers (A3, A5) or not (A4, A6), with "
    "consent or under a placement order",
    "DfE publishes children placed for adoption on 31 March in its national tables; no LAIT "
    "measure holds it.",
)
cla_placed_with_parents_pct = _placed(
    "cla_placed_with_parents_pct",
    child_rows.placed_with_parents_rows,
    "P1",
    "placed with parents or another person with parental responsibility",
    _AT_31_MARCH.format(measure="401"),
)
cla_placed_childrens_homes_pct = _placed(
    "cla_placed_childrens_homes_pct",
    child_rows.placed_childrens_homes_rows,
    "K1 or K2",
    "in a secure children's home (K1) or a children's home (K2)",
    _AT_31_MARCH.format(measure="397, '% of CLA in secure homes and children's homes'"),
)
cla_placed_independent_living_pct = _placed(
    "cla_placed_independent_living_pct",
    child_rows.placed_independent_living_rows,
    "H5, P2 or K3",
    "in independent or semi-independent living or supported accommodation: semi-independent "
    "living not subject to children's homes regulations (H5) and independent living (P2), "
    "both ended from 28 October 2023 and no longer valid from 2025-26, or Ofsted-registered "
    "supported accommodation (K3, from 2024-25)",
    _AT_31_MARCH.format(measure="398"),
)
cla_placed_other_residential_pct = _placed(
    "cla_placed_other_residential_pct",
    child_rows.placed_other_residential_rows,
    "R1, R2, R3, R5, S1 or P3",
    "in another residential setting: a residential care home (R1), NHS or health trust care "
    "(R2), a family centre or mother and baby unit (R3), a young offender institution or "
    "prison (R5), a residential school (S1) or residential employment (P3)",
    _AT_31_MARCH.format(measure="399, whose examples include residential employment")
    + " Whether DfE counts residential schools (S1) here is not stated in the reference "
    "files; we do.",
)
cla_placed_other_pct = _placed(
    "cla_placed_other_pct",
    child_rows.placed_other_rows,
    "other than all of the above",
    "in another placement: Z1 (other placements, from 2025-26 Z11-Z14), a PLACE left blank, or "
    "a temporary placement not following another placement in the period",
    _AT_31_MARCH.format(
        measure="400, 'other placements', which takes in unregistered former "
        "semi-independent providers"
    ),
)


def cla_placed_distant_pct(facts: Facts) -> pl.LazyFrame:
    """% of children looked after at the date placed outside the council more than 20 miles
    from home.

    Denominator: `cla_count`. Numerator: those of them whose episode on the date (as for the
    placement types) has PL_LOCATION = OUT (the placement postcode lies outside the council)
    and PL_DISTANCE over 20 (miles, straight line from HOME_POST to PL_POST). Both are derived
    by DfE's tool from the postcodes (SSDA903 rules 164 and 179), so a figure is given only for
    a council whose return holds PL_DISTANCE on at least one episode; an episode without one
    (no postcode, or an unaccompanied asylum-seeking child, for whom DfE leaves it blank, rule
    406) is not counted but stays in the denominator, as in LAIT measure 87 ("Of all children
    looked after at 31 March, the number who were placed ... more than 20 miles (outside LA
    boundary) from their home address").
    """
    dates = facts.grid.lazy().join(child_rows.distance_councils(facts), on="council_key")
    return _figures(facts, child_rows.placed_distant_rows(facts), "percent", dates=dates)


def cla_uasc_count(facts: Facts) -> pl.LazyFrame:
    """Unaccompanied asylum-seeking children looked after at the date.

    Children looked after at the date (`cla_count`) who have a row in the UASC table whose
    DUC (the date their UASC status ceased) is empty or after the date: a child whose status
    ceased on or before the date is no longer counted. As LAIT measure 334 (from
    la_cla_on_31_march_by_characteristics), short breaks left out.
    """
    return _figures(facts, child_rows.uasc_rows(facts), "count")


def cla_uasc_pct(facts: Facts) -> pl.LazyFrame:
    """% of children looked after at the date who are unaccompanied asylum-seeking children.

    Numerator: `cla_uasc_count`. Denominator: `cla_count`.
    """
    return _figures(facts, child_rows.uasc_share_rows(facts), "percent")


def cla_3plus_social_workers_pct(facts: Facts) -> pl.LazyFrame:
    """% of children looked after at the date who had 3 or more social workers in the 12 months.

    Denominator: `cla_count`. Numerator: those of them with 3 or more distinct social workers
    (SW_ID in the SWEpisodes table) with an episode in the 12 months: begun on or before the
    date (SW_DECOM) and not ended before the 12 months' first day (SW_DEC empty or on or after
    it). A worker who leaves and returns counts once, and workers while the child was not
    looked after count too, as DfE defines it (la_cla_swcount.csv, "CLA on 31 March", "3 or
    more social workers during the year"; LAIT "Stability_SocialWorker": "the number of unique
    social workers assigned to a child between 1 April and 31 March ... includes any social
    workers assigned to a child within the relevant timescale when the child was not looked
    after").
    """
    return _figures(facts, child_rows.social_workers_rows(facts), "percent")


def cla_review_participation_pct(facts: Facts) -> pl.LazyFrame:
    """% of reviews held in the 12 months at which the child's views were conveyed.

    Reviews held (REVIEW) in the 12 months to the date during a period of care, one a child a
    day. Denominator: those of children aged 4 or over, REVIEW_CODE PN1-PN7 (PN0, the child
    under 4, and a blank code left out). Numerator: PN1 (the child attends and speaks for
    themselves), PN2 (attends, an advocate speaks), PN3 (attends and conveys their views
    non-verbally), PN5 (does not attend but briefs an advocate) or PN6 (does not attend but
    conveys their views another way); PN4 (attends without contributing) and PN7 (neither
    attends nor has their views conveyed) are not. A local measure: DfE collects the code
    (SSDA903 rule 167) but publishes no participation figure.
    """
    return _figures(facts, child_rows.review_participation_rows(facts), "percent")


def cla_missing_incidents_per_child(facts: Facts) -> pl.LazyFrame:
    """Missing incidents in the 12 months for each child who went missing in them.

    Numerator: Missing rows with MISSING = M starting (MIS_START) in the 12 months during a
    period of care, one a child a day. Denominator: the children with one or more of them
    (`cla_missing_pct`'s numerator). DfE gives the average number of missing incidents per
    child who went missing in its national tables only.
    """
    return _figures(facts, child_rows.missing_incidents_rows(facts), "per child")


def cla_away_incidents_per_child(facts: Facts) -> pl.LazyFrame:
    """Away-without-authorisation incidents in the 12 months for each child away in them.

    As `cla_missing_incidents_per_child`, for MISSING = A (away from placement without
    authorisation: whereabouts known, not where expected to be).
    """
    return _figures(facts, child_rows.away_incidents_rows(facts), "per child")


def cla_away_pct(facts: Facts) -> pl.LazyFrame:
    """% of children looked after during the 12 months who were away without authorisation.

    As `cla_missing_pct`, for MISSING = A: denominator the children looked after at any time
    in the 12 months, numerator those of them with an A row starting in them during care
    (LAIT measure 161, "% Children looked after who were away from placement without
    authorisation"). DfE notes that a growing number of councils record every incident as
    missing, so a low figure may reflect recording.
    """
    return _figures(facts, child_rows.away_rows(facts), "percent")


_CEASED = """A child ceasing is as `cla_ceased_12m` (the last day of a period of care in the 12
    months; a child ceasing more than once is counted once, by their last cease in them, as
    DfE: "Only the last occasion on which a child ceased to be looked after in the year has
    been included"), and the reason is the REC of the period's last episode."""


def cla_adopted_12m(facts: Facts) -> pl.LazyFrame:
    return _figures(facts, child_rows.adopted_rows(facts), "count")


def cla_adopted_pct(facts: Facts) -> pl.LazyFrame:
    return _figures(facts, child_rows.adopted_rows(facts), "percent")


def cla_sgo_12m(facts: Facts) -> pl.LazyFrame:
    return _figures(facts, child_rows.special_guardianship_rows(facts), "count")


def cla_sgo_pct(facts: Facts) -> pl.LazyFrame:
    return _figures(facts, child_rows.special_guardianship_rows(facts), "percent")


cla_adopted_12m.__doc__ = f"""Children who ceased to be looked after in the 12 months because
    they were adopted.

    REC E11 (adopted, application unopposed) or E12 (consent dispensed with), as LAIT measure
    208. {_CEASED}
    """
cla_adopted_pct.__doc__ = f"""% of children ceasing to be looked after in the 12 months who
    were adopted.

    Numerator: `cla_adopted_12m`. Denominator: `cla_ceased_12m`, as LAIT measure 208's
    percentage. {_CEASED}
    """
cla_sgo_12m.__doc__ = f"""Children who ceased to be looked after in the 12 months because of a
    special guardianship order.

    REC E45 or E46 (an order to former foster carers who were relatives or friends, or other
    former foster carers), E47 or E48 (to other carers who were relatives or friends, or
    others), and the earlier codes E43 and E44 (LAIT measure 390). {_CEASED}
    """
cla_sgo_pct.__doc__ = f"""% of children ceasing to be looked after in the 12 months because of
    a special guardianship order.

    Numerator: `cla_sgo_12m`. Denominator: `cla_ceased_12m`, as LAIT's "LAC_ceased_SGO%".
    {_CEASED}
    """


def care_leavers_in_touch_22_25_pct(facts: Facts) -> pl.LazyFrame:
    """% of care leavers aged 22 to 25 in the OC3 table the council is in touch with.

    As `care_leavers_in_touch_pct`, for the rows of young people whose 22nd to 25th birthday
    fell in the collection year. DfE's OC3 collects the 17th to 21st birthdays only, and its
    validation sets no upper age (rule 391), so a council may record the older care leavers it
    supports (personal advisers to 25: Children and Social Work Act 2017, s3): the figure is
    given only where the return holds them. A local measure; DfE publishes none.
    """
    return _care_leaver_figures(facts, child_rows.in_touch_22_25_rows(facts))
