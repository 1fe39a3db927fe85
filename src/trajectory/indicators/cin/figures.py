"""Each CIN census indicator's figure (numerator, denominator, value) for every as-at date.

The docstring of each function is its exact counting rule, shown on the indicator's page and in
docs/indicators.md; the rows it counts are in `child_rows.py`. Definitions follow DfE's
"Characteristics of children in need" statistics and its CIN census guide, and the LAIT
measures that publish them (named in each rule).
"""

from __future__ import annotations

import polars as pl

from trajectory.indicators.cin import child_rows
from trajectory.indicators.cin.facts import CinFacts
from trajectory.indicators.ssda903.figures import _figures, _population_at


def _rate(facts: CinFacts, rows: pl.LazyFrame) -> pl.LazyFrame:
    """A count per 10,000 children aged 0-17, over each as-at date's own year's population
    (as the SSDA903 rate: the year before the collection year ends)."""
    counts = _figures(facts, rows, "count")
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


def cin_referrals_12m(facts: CinFacts) -> pl.LazyFrame:
    """Referrals to children's social care in the 12 months to the date.

    Every CINdetails row whose CINreferralDate falls in the 12 months, those ending in no
    further action (ReferralNFA) included; a child referred twice is counted twice, as DfE
    counts referrals ("If a child is referred more than once in the year then each referral is
    counted", LAIT measure 305, c1_children_in_need_referrals_and_rereferrals).
    """
    return _figures(facts, child_rows.referral_rows(facts), "count")


def cin_referrals_rate_per_10k(facts: CinFacts) -> pl.LazyFrame:
    """Referrals in the 12 months to the date per 10,000 children aged 0-17.

    Numerator: `cin_referrals_12m`. Denominator: the council's children aged 0-17 in the ONS
    mid-year estimate, as `cla_rate_per_10k` takes it (LAIT measure 305, "Rates per 10,000 of
    referrals to Children's Social Services").
    """
    return _rate(facts, child_rows.referral_rows(facts))


def cin_rereferrals_pct(facts: CinFacts) -> pl.LazyFrame:
    """% of referrals in the 12 months that were within 12 months of a previous referral.

    Denominator: `cin_referrals_12m`. Numerator: those of them whose child's previous referral
    (the CINreferralDate before it, of any episode in the census) was on or after the same day
    a year before: DfE's re-referral, "a referral within 12 months of a previous referral"
    (LAIT measure 271, c1 rereferral_percent). The census holds the episodes open in its year,
    so a previous referral whose episode closed before the year began is not seen: DfE links
    earlier censuses and may count a few more.
    """
    return _figures(facts, child_rows.rereferral_rows(facts), "percent")


def cin_assessments_45wd_pct(facts: CinFacts) -> pl.LazyFrame:
    """% of assessments completed in the 12 months that took 45 working days or fewer.

    Denominator: Assessments whose AssessmentAuthorisationDate (the day the assessment was
    completed) falls in the 12 months. Numerator: those authorised on or before the 45th
    working day after their own AssessmentActualStartDate (the start is day 0), working days
    being weekdays other than England and Wales bank holidays (a start on a weekend or holiday
    counts from the working day before); one with no start date cannot be shown to be on time
    and is not counted. The days run from the assessment's start, not the episode's
    CINreferralDate: DfE measures an assessment's duration from AssessmentActualStartDate to
    AssessmentAuthorisationDate (Characteristics of children in need, table C2 "completed
    assessments by duration of assessment"; the CIN census COLLECT "Assessments working days"
    report), as the project's domain brief (section 4) defines this indicator. Working
    Together to Safeguard Children sets 45 working days as the maximum timescale; DfE's
    "assessments completed within 45 working days" (LAIT measure 304).
    """
    return _figures(facts, child_rows.assessment_rows(facts), "percent")


def cin_s47_12m(facts: CinFacts) -> pl.LazyFrame:
    """Section 47 enquiries started in the 12 months to the date.

    Every Section47 row whose S47ActualStartDate (the strategy discussion that began it) falls
    in the 12 months; a child with two enquiries is counted twice, as DfE counts enquiries
    (c4_children_in_need_section_47s_and_icpcs).
    """
    return _figures(facts, child_rows.enquiry_rows(facts), "count")


def cin_s47_rate_per_10k(facts: CinFacts) -> pl.LazyFrame:
    """Section 47 enquiries started in the 12 months per 10,000 children aged 0-17.

    Numerator: `cin_s47_12m`. Denominator: the children aged 0-17 as `cla_rate_per_10k` takes
    them (LAIT measure 217, "Section 47 enquiries rate per 10,000 children").
    """
    return _rate(facts, child_rows.enquiry_rows(facts))


def cin_icpc_15wd_pct(facts: CinFacts) -> pl.LazyFrame:
    """% of initial child protection conferences in the 12 months held within 15 working days
    of the start of the section 47 enquiry.

    Denominator: Section47 rows with a DateOfInitialCPC in the 12 months. Numerator: those held
    on or before the 15th working day after S47ActualStartDate (bank holidays in England and
    Wales are not working days). DfE measures the working days "from the strategy discussion
    which initiated the section 47 enquiry" to the conference, the date the census records as
    S47ActualStartDate (LAIT measure 218, "child protection conferences held within 15 days";
    Working Together to Safeguard Children).
    """
    return _figures(facts, child_rows.conference_rows(facts), "percent")


def cpp_count(facts: CinFacts) -> pl.LazyFrame:
    """Children on a child protection plan at the date.

    Distinct children with a ChildProtectionPlans row with CPPstartDate on or before the date
    and no CPPendDate, or one after it: a plan ending on the date is not counted, as DfE's
    children "subject to a plan at 31 March" (LAIT measure 377). A child with two plans open
    on one date is counted once.
    """
    return _figures(facts, child_rows.distinct_children(child_rows.on_plan_rows(facts)), "count")


def cpp_rate_per_10k(facts: CinFacts) -> pl.LazyFrame:
    """Children on a child protection plan at the date per 10,000 children aged 0-17.

    Numerator: `cpp_count`. Denominator: the children aged 0-17 as `cla_rate_per_10k` takes
    them (LAIT measure 215, "Child Protection Plans rate per 10,000").
    """
    return _rate(facts, child_rows.distinct_children(child_rows.on_plan_rows(facts)))


def cpp_subsequent_pct(facts: CinFacts) -> pl.LazyFrame:
    """% of child protection plans starting in the 12 months that were a second or subsequent
    plan.

    Denominator: plans whose CPPstartDate falls in the 12 months. Numerator: those whose child
    had been the subject of a plan before, at any time: NumberOfPreviousCPP (the plans the
    child had before this one, at this council or another) of 1 or more, or an earlier plan of
    the child in the census. DfE: "Child Protection Plans which are a second or subsequent
    plan" (d3_cpps_subsequent_plan, LAIT measure 15).
    """
    return _figures(facts, child_rows.plan_start_rows(facts), "percent")


def cpp_2years_pct(facts: CinFacts) -> pl.LazyFrame:
    """% of child protection plans ending in the 12 months that had lasted 2 years or more.

    Denominator: plans whose CPPendDate falls in the 12 months. Numerator: those whose
    CPPendDate is on or after the second anniversary of their CPPstartDate. DfE: "Child
    Protection Plans lasting 2 years or more which cease during the year" (LAIT measure 98,
    d7_cpps_ending_by_duration).
    """
    return _figures(facts, child_rows.plan_end_rows(facts), "percent")


def cpp_reviews_on_time_pct(facts: CinFacts) -> pl.LazyFrame:
    """% of children on a plan for 3 months or more at the date whose reviews were all on time.

    Denominator: plans open at the date (as `cpp_count`) that began 3 months or more before
    it (CPPstartDate plus 3 months on or before the date). Numerator: those none of whose
    reviews was late by the date. Working Together to Safeguard Children: the first review
    conference within 3 months of the initial conference (the plan's start), then within 6
    months of the one before; a review is on time held on or before its due date (CPPreviewDate
    of the plan, held during it). A review held late, or not held by its due date while the
    plan went on, makes the plan late from the next day for the rest of the plan, as DfE counts
    "Child Protection Plans reviewed within the required timescales" (children subject to a
    plan for at least 3 months at 31 March, d6_cpps_reviewed_within_timescales; LAIT measure
    19).
    """
    return _figures(facts, child_rows.plan_review_rows(facts), "percent")


def cin_count(facts: CinFacts) -> pl.LazyFrame:
    """Children in need at the date.

    Distinct children with an episode of need (CINdetails) whose CINreferralDate is on or
    before the date and whose CINclosureDate is empty or after it, leaving out referrals that
    ended in no further action (ReferralNFA true), as DfE's children in need at 31 March (b1
    At31_episodes; "Referrals resulting in no further action are not included in the other
    children in need population measures"). A child with two open episodes is counted once.
    """
    return _figures(facts, child_rows.distinct_children(child_rows.in_need_rows(facts)), "count")


def cin_rate_per_10k(facts: CinFacts) -> pl.LazyFrame:
    """Children in need at the date per 10,000 children aged 0-17.

    Numerator: `cin_count`. Denominator: the children aged 0-17 as `cla_rate_per_10k` takes
    them (LAIT measure 171, "Children in Need rate per 10,000").
    """
    return _rate(facts, child_rows.distinct_children(child_rows.in_need_rows(facts)))
