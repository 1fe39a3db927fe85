"""Each Annex A indicator's figure (numerator, denominator, value) at every as-at date, and the
rows behind it.

The docstring of each figure function is its exact counting rule, shown on the indicator's page
and in docs/indicators.md. The rows functions give one row per contact, referral, assessment,
conference, plan or care leaver in the denominator at each as-at date (`child`, `as_at`,
`numerator`, `denominator` and the dates the rule reads); a figure adds them up, a child-level
list keeps those of the one date asked for. The lists and columns are Ofsted's (Ofsted, Annex A:
children's services inspection data; returns/annex_a/schema.py).
"""

from __future__ import annotations

import polars as pl

from trajectory.indicators.annex_a.facts import AnnexAFacts
from trajectory.indicators.working_days import add_working_days

CHILD = "Child Unique ID"
TEAM = "Allocated Team"  # lists 3-9 (returns/annex_a/schema.py); list 1 has neither
WORKER = "Allocated Worker"
CONTACT_WINDOW_WORKING_DAYS = 5
ASSESSMENT_WORKING_DAYS = 45
CONFERENCE_WORKING_DAYS = 15
NOT_IN_COHORT = ("DIED", "RHOM")  # died, or returned home (as DfE's OC3 cohort leaves them out)


def _in_six_months(facts: AnnexAFacts, frame: pl.LazyFrame, column: str) -> pl.LazyFrame:
    """Each row once for every as-at date whose six months hold its `column` date."""
    return frame.join(facts.dates_frame(), how="cross").filter(
        pl.col(column).is_between(pl.col("window_from"), pl.col("as_at"))
    )


def _rows(frame: pl.LazyFrame, counted: pl.Expr, *details: str) -> pl.LazyFrame:
    """One row per list row and as-at date, with the list's Allocated Team and Allocated
    Worker where it has them (lists 3-9), the columns its figures are cut by
    (breakdowns.ROW_HOLDERS)."""
    held = [c for c in (TEAM, WORKER) if c in frame.collect_schema().names()]
    return frame.select(
        pl.col(CHILD).alias("child"),
        "as_at",
        *details,
        *held,
        numerator=counted.fill_null(False),
        denominator=pl.lit(True),
    )


def _six_months_held(facts: AnnexAFacts) -> pl.Expr:
    """The as-at dates whose six months the lists hold from their first day."""
    if facts.first is None:
        return pl.lit(True)
    return pl.col("window_from") >= pl.lit(facts.first)


def _at_lists_end(facts: AnnexAFacts) -> pl.Expr:
    """The day the lists end, the one date a current status stands at."""
    if facts.last is None:
        return pl.lit(True)
    return pl.col("as_at") == pl.lit(facts.last)


def _figure(facts: AnnexAFacts, rows: pl.LazyFrame, covered: pl.Expr) -> pl.LazyFrame:
    """% counted of the rows at each as-at date; no figure at a date the lists do not cover
    (`covered` false), nor where the denominator is 0."""
    counts = rows.group_by("as_at").agg(
        numerator=pl.col("numerator").sum().cast(pl.Float64),
        denominator=pl.col("denominator").sum().cast(pl.Float64),
    )
    out = facts.dates_frame().join(counts, on="as_at", how="left")
    kept = {
        c: pl.when(covered).then(pl.col(c).fill_null(0.0)) for c in ("numerator", "denominator")
    }
    return (
        out.with_columns(**kept)
        .with_columns(
            value=pl.when(pl.col("denominator") > 0).then(
                pl.col("numerator") / pl.col("denominator") * 100
            )
        )
        .select("as_at", "numerator", "denominator", "value")
    )


# --- the front door (lists 1, 3 and 4) ------------------------------------------------------


def contact_rows(facts: AnnexAFacts) -> pl.LazyFrame:
    """Contacts (list 1) in the six months; counted when list 3 has a referral of the child
    from the contact's day to 5 working days after it."""
    contacts = _in_six_months(facts, facts.list("List1"), "Date of Contact")
    referrals = (
        facts.list("List3")
        .select(pl.col(CHILD), referred_on=pl.col("Date of referral"))
        .drop_nulls()
        .unique()
    )
    deadline = add_working_days(pl.col("Date of Contact"), CONTACT_WINDOW_WORKING_DAYS)
    keys = [CHILD, "Date of Contact", "Contact Source", "as_at"]
    followed = (
        contacts.select(*keys, "window_from")
        .join(referrals, on=CHILD, how="inner")
        .filter(pl.col("referred_on").is_between(pl.col("Date of Contact"), deadline))
        .group_by(keys)
        .agg(referred_on=pl.col("referred_on").min())
    )
    joined = contacts.join(followed, on=keys, how="left", nulls_equal=True)
    return _rows(
        joined,
        pl.col("referred_on").is_not_null(),
        "Date of Contact",
        "Contact Source",
        "referred_on",
    )


def annex_a_contacts_to_referral_pct(facts: AnnexAFacts) -> pl.LazyFrame:
    """% of contacts in the six months to the date that led to a referral.

    Denominator: the rows of list 1 (contacts) whose Date of Contact falls in the six months;
    a child with two contacts is counted twice, as the list holds them. Numerator: those whose
    child (Child Unique ID) has a referral in list 3 dated on the contact's day or within the
    5 working days after it. Ofsted and DfE set no window for a contact to become a referral:
    Working Together asks for a decision within one working day of a referral, and the 5
    working days allow for screening in a front door or MASH, so the window is Trajectory's
    (Ofsted, Annex A: children's services inspection data, lists 1 and 3). Not cut by team or
    worker: list 1 names neither.
    """
    return _figure(facts, contact_rows(facts), _six_months_held(facts))


def rereferral_rows(facts: AnnexAFacts) -> pl.LazyFrame:
    """Referrals (list 3) in the six months whose count of referrals in the last 12 months is
    given; counted when it is 2 or more."""
    count = pl.col("Number of Referrals in Last 12 Months")
    referrals = _in_six_months(facts, facts.list("List3"), "Date of referral").filter(
        count.is_not_null()
    )
    return _rows(referrals, count >= 2, "Date of referral", "Number of Referrals in Last 12 Months")


def annex_a_rereferrals_pct(facts: AnnexAFacts) -> pl.LazyFrame:
    """% of referrals in the six months to the date that came within 12 months of a previous
    referral of the child.

    Denominator: the rows of list 3 (referrals) whose Date of referral falls in the six months
    and whose "Number of Referrals in Last 12 Months" is filled in (a blank count says nothing
    either way and is left out). Numerator: those whose count is 2 or more: the count takes in
    this referral and those of the 12 months before it, so 2 or more means a referral within
    12 months of a previous one, DfE's re-referral (Ofsted, Annex A: children's services
    inspection data, list 3; the counting of DfE's re-referral rate, LAIT measure 271).
    """
    return _figure(facts, rereferral_rows(facts), _six_months_held(facts))


def assessment_rows(facts: AnnexAFacts) -> pl.LazyFrame:
    """Assessments (list 4) authorised in the six months; counted when authorised on or before
    the 45th working day after the start."""
    authorised = pl.col("Continuous Assessment Date of Authorisation")
    started = pl.col("Continuous Assessment Start Date")
    rows = _in_six_months(
        facts, facts.list("List4"), "Continuous Assessment Date of Authorisation"
    ).with_columns(due_on=add_working_days(started, ASSESSMENT_WORKING_DAYS))
    return _rows(
        rows,
        authorised <= pl.col("due_on"),
        "Continuous Assessment Start Date",
        "Continuous Assessment Date of Authorisation",
        "due_on",
    )


def annex_a_assessments_45wd_pct(facts: AnnexAFacts) -> pl.LazyFrame:
    """% of assessments authorised in the six months to the date that were completed within 45
    working days.

    Denominator: the rows of list 4 (assessments) whose Continuous Assessment Date of
    Authorisation falls in the six months; an assessment not yet authorised is not counted.
    Numerator: those authorised on or before the 45th working day after the Continuous
    Assessment Start Date (the start itself is day 0), Working Together's timescale for a
    social work assessment (Ofsted, Annex A: children's services inspection data, list 4;
    the counting of DfE's assessments completed within 45 working days, LAIT measure 304).
    """
    return _figure(facts, assessment_rows(facts), _six_months_held(facts))


# --- child protection (lists 5 and 7) -------------------------------------------------------


def conference_rows(facts: AnnexAFacts) -> pl.LazyFrame:
    """Initial conferences (list 5) held in the six months; counted when held on or before the
    15th working day after the strategy discussion."""
    started = pl.col("Strategy discussion initiating Section 47 Enquiry Start Date")
    rows = _in_six_months(
        facts, facts.list("List5"), "Date of Initial Child Protection Conference"
    ).with_columns(due_on=add_working_days(started, CONFERENCE_WORKING_DAYS))
    return _rows(
        rows,
        pl.col("Date of Initial Child Protection Conference") <= pl.col("due_on"),
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Date of Initial Child Protection Conference",
        "due_on",
    )


def annex_a_icpc_15wd_pct(facts: AnnexAFacts) -> pl.LazyFrame:
    """% of initial child protection conferences in the six months to the date held within 15
    working days of the strategy discussion that began the section 47 enquiry.

    Denominator: the rows of list 5 (section 47 enquiries and ICPCs) whose Date of Initial
    Child Protection Conference falls in the six months; an enquiry with no conference (none
    yet, or deemed unnecessary) is not counted. Numerator: those held on or before the 15th
    working day after the Strategy discussion initiating Section 47 Enquiry Start Date (day 0),
    Working Together's timescale (Ofsted, Annex A: children's services inspection data, list
    5; the counting of DfE's ICPCs within 15 working days, LAIT measure 218).
    """
    return _figure(facts, conference_rows(facts), _six_months_held(facts))


def plan_rows(facts: AnnexAFacts) -> pl.LazyFrame:
    """Plans (list 7) open at each as-at date; counted when begun 2 years or more before it."""
    began = pl.col("Child Protection Plan Start Date")
    ended = pl.col("Child Protection Plan End Date")
    rows = (
        facts.list("List7")
        .join(facts.dates_frame(), how="cross")
        .filter((began <= pl.col("as_at")) & (ended.is_null() | (ended > pl.col("as_at"))))
    )
    return _rows(
        rows,
        began <= pl.col("as_at").dt.offset_by("-2y"),
        "Child Protection Plan Start Date",
        "Child Protection Plan End Date",
    )


def annex_a_cpp_open_2years_pct(facts: AnnexAFacts) -> pl.LazyFrame:
    """% of children on a child protection plan at the date who have been on it for 2 years or
    more.

    Denominator: the rows of list 7 (child protection) whose Child Protection Plan Start Date
    is on or before the date and whose Child Protection Plan End Date is blank or after it.
    Numerator: those whose plan began on or before the same day 2 years earlier (on the plan's
    second anniversary or later). DfE publishes the plans that ended after 2 years or more
    (LAIT measure 98, cpp_2years_pct); this counts the plans still open, as an inspector reads
    list 7 (Ofsted, Annex A: children's services inspection data, list 7).
    """
    return _figure(facts, plan_rows(facts), pl.lit(True))


# --- care leavers (list 9) ------------------------------------------------------------------


def _age_at(born: pl.Expr, day: pl.Expr) -> pl.Expr:
    # month and day are 8-bit: widened before the sum, or 9 * 100 wraps and 30 September
    # reads as before 1 January's birthday
    def month_day(d: pl.Expr) -> pl.Expr:
        return d.dt.month().cast(pl.Int32) * 100 + d.dt.day().cast(pl.Int32)

    before_birthday = month_day(day) < month_day(born)
    return day.dt.year() - born.dt.year() - before_birthday.cast(pl.Int32)


def _in_touch_rows(facts: AnnexAFacts, youngest: int, oldest: int) -> pl.LazyFrame:
    dates = facts.dates_frame().filter(_at_lists_end(facts))
    touch = pl.col("LA in Touch")
    age = pl.coalesce(
        _age_at(pl.col("Date of Birth"), pl.col("as_at")),
        pl.col("Age of Child (Years)").cast(pl.Int32),
    ).alias("age")
    rows = (
        facts.list("List9")
        .join(dates, how="cross")
        .with_columns(age)
        .filter(
            pl.col("age").is_between(youngest, oldest)
            & (touch.is_null() | ~touch.is_in(NOT_IN_COHORT))
        )
    )
    return _rows(rows, touch == "YES", "age", "LA in Touch", "Latest Date of Contact")


def in_touch_rows(facts: AnnexAFacts) -> pl.LazyFrame:
    """Care leavers (list 9) aged 19 to 21 at the date, except those who died or returned
    home; counted when the LA is in touch."""
    return _in_touch_rows(facts, 19, 21)


def in_touch_17_18_rows(facts: AnnexAFacts) -> pl.LazyFrame:
    """As `in_touch_rows`, for care leavers aged 17 or 18 at the date."""
    return _in_touch_rows(facts, 17, 18)


def annex_a_care_leavers_in_touch_pct(facts: AnnexAFacts) -> pl.LazyFrame:
    """% of care leavers aged 19 to 21 on the day the lists were run whom the council is in
    touch with.

    Denominator: the rows of list 9 (care leavers) aged 19, 20 or 21 on that day (from the Date
    of Birth, else the Age of Child (Years) the list gives), except those whose LA in Touch is
    DIED or RHOM (returned home), as DfE's OC3 cohort leaves them out; a blank LA in Touch is in
    the denominator, not the numerator. Numerator: those with LA in Touch YES. List 9 holds
    each young person's current status, so the figure stands at the day the lists end only,
    never at an earlier month-end (Ofsted, Annex A: children's services inspection data, list
    9). DfE's in touch figure is of the OC3 cohort round the 17th to 21st birthdays in the
    year, not of every care leaver on one day, so it is not its counterpart.
    """
    return _figure(facts, in_touch_rows(facts), _at_lists_end(facts))


def annex_a_care_leavers_in_touch_17_18_pct(facts: AnnexAFacts) -> pl.LazyFrame:
    """% of care leavers aged 17 or 18 on the day the lists were run whom the council is in
    touch with.

    As `annex_a_care_leavers_in_touch_pct`, for the rows of list 9 aged 17 or 18 on that day:
    denominator those not DIED or RHOM, numerator those with LA in Touch YES; at the day the
    lists end only (Ofsted, Annex A: children's services inspection data, list 9).
    """
    return _figure(facts, in_touch_17_18_rows(facts), _at_lists_end(facts))
