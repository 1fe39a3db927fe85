"""CIN census rules 2000-4999: the council-level counts, how an episode's conferences, plans
and closure agree, CIN plan dates, sex and ethnicity (DfE CIN census validation rules,
../shared/domain/rules/cin_rules.csv)."""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from trajectory.dataquality.cin import CATALOGUE
from trajectory.dataquality.cin.common import (
    EPISODE,
    ROW,
    Return,
    by_episode,
    outside_census,
    overlapping,
    rows_of,
)
from trajectory.dataquality.cin.rules_1000 import _before_referral

rule = CATALOGUE.rule
_DAY = timedelta(days=1)
_ACTIONS = ("ChildProtectionPlans", "Section47", "CINplanDates")
PLAN = [*EPISODE, "CPPID"]
CHILD = ["LAchildID"]


def council_issue(fires: pl.LazyFrame) -> pl.LazyFrame:
    """One finding for the whole return (no row, no child) when the one-row frame's `_fires`
    is true: DfE's council-level rules, which flag the return rather than a row."""
    # with_columns, not select: a select of literals alone is one row whatever the frame holds
    return (
        fires.filter(pl.col("_fires").fill_null(False))
        .with_columns(pl.lit(None, pl.Int64).alias(ROW), pl.lit(None, pl.String).alias("LAchildID"))
        .select(ROW, "LAchildID")
    )


def _in_census(column: str, ret: Return) -> pl.Expr:
    return pl.col(column).is_between(ret.start, ret.end)


def _conference_needed() -> pl.Expr:
    """ICPCnotRequired not true (blank counts as needed)."""
    return ~pl.col("ICPCnotRequired").fill_null(False)


@rule(
    "2883",
    tables="ChildProtectionPlans;Header;CINdetails;Section47",
    fields="CPPstartDate;DateOfInitialCPC",
    kind="arithmetic",
    message="More child protection plans start in the year than there are initial child "
    "protection conferences (DateOfInitialCPC) in the year.",
)
def more_plans_than_conferences(ret: Return) -> pl.LazyFrame:
    plans = ret.table("ChildProtectionPlans").select(
        _in_census("CPPstartDate", ret).sum().alias("plans")
    )
    episodes = ret.table("CINdetails").select(_in_census("DateOfInitialCPC", ret).sum().alias("a"))
    enquiries = ret.table("Section47").select(_in_census("DateOfInitialCPC", ret).sum().alias("b"))
    counts = plans.join(episodes, how="cross").join(enquiries, how="cross")
    return council_issue(
        counts.select((pl.col("plans") > pl.col("a") + pl.col("b")).alias("_fires"))
    )


@rule(
    "2884",
    tables="Section47;CINdetails",
    fields="DateOfInitialCPC",
    kind="cross-table",
    message="The same initial conference date (DateOfInitialCPC) is given on both the section "
    "47 enquiry and the episode: record each conference in one place only.",
)
def conference_given_twice(ret: Return) -> dict[str, pl.LazyFrame]:
    key = ["LAchildID", "DateOfInitialCPC"]
    enquiries, episodes = ret.table("Section47"), ret.table("CINdetails")
    return {
        "Section47": enquiries.join(episodes.select(key).unique(), on=key, how="semi"),
        "CINdetails": episodes.join(enquiries.select(key).unique(), on=key, how="semi"),
    }


@rule(
    "2885",
    tables="ChildProtectionPlans;CINdetails;Section47;Header",
    fields="CPPstartDate;DateOfInitialCPC",
    kind="cross-table",
    message="A child protection plan starting in the year should start on the day of its "
    "initial conference (DateOfInitialCPC on the section 47 enquiry, or the episode).",
)
def plan_not_on_conference_day(ret: Return) -> dict[str, pl.LazyFrame]:
    plans = ret.table("ChildProtectionPlans").filter(_in_census("CPPstartDate", ret))
    enquiries = ret.table("Section47").filter(_conference_needed())
    with_enquiry = plans.join(enquiries.select(EPISODE).unique(), on=EPISODE, how="semi")
    on_day = enquiries.select(*EPISODE, pl.col("DateOfInitialCPC").alias("CPPstartDate"))
    unmatched = with_enquiry.join(
        on_day.unique(), on=[*EPISODE, "CPPstartDate"], how="anti", nulls_equal=False
    )
    without = plans.join(enquiries.select(EPISODE).unique(), on=EPISODE, how="anti")
    differs = by_episode(without, ret.table("CINdetails"), ["DateOfInitialCPC"]).filter(
        pl.col("CPPstartDate").ne_missing(pl.col("DateOfInitialCPC"))
    )
    flagged_plans = pl.concat([unmatched, differs.drop("DateOfInitialCPC")])
    return {
        "ChildProtectionPlans": flagged_plans,
        "Section47": rows_of(enquiries, unmatched, EPISODE),
        "CINdetails": rows_of(ret.table("CINdetails"), differs, EPISODE),
    }


def _unknown_share(ret: Return, unknown: pl.Expr) -> pl.LazyFrame:
    children = ret.table("ChildIdentifiers")
    unknown = unknown & pl.col("ExpectedPersonBirthDate").is_null()
    return council_issue(
        children.select(((pl.len() > 0) & (unknown.sum() > 0.02 * pl.len())).alias("_fires"))
    )


@rule(
    "2886Q",
    years="2022-23..2023-24",
    tables="ChildIdentifiers",
    fields="ExpectedPersonBirthDate",
    kind="arithmetic",
    message="Please check: over 2% of children have no gender recorded (GenderCurrent blank or "
    "0) yet are not unborn (no ExpectedPersonBirthDate).",
)
def gender_unknown_share(ret: Return) -> pl.LazyFrame:
    gender = pl.col("GenderCurrent")
    return _unknown_share(ret, gender.is_null() | (gender == "0"))


@rule(
    "2886Q",
    years="2024-25..2026-27",
    tables="ChildIdentifiers",
    fields="ExpectedPersonBirthDate",
    kind="arithmetic",
    message="Please check: over 2% of children have Sex blank or U (not known) yet are not "
    "unborn (no ExpectedPersonBirthDate).",
)
def sex_unknown_share(ret: Return) -> pl.LazyFrame:
    sex = pl.col("Sex")
    return _unknown_share(ret, sex.is_null() | (sex == "U"))


def _disabilities() -> pl.Expr:
    return pl.col("Disability").is_not_null() & (pl.col("Disability") != "NONE")


@rule(
    "2887Q",
    tables="Disabilities",
    fields="Disability",
    kind="arithmetic",
    message="Please check: the return uses 7 or fewer of the disability codes (other than "
    "NONE); most councils record a wider range.",
)
def few_disability_codes(ret: Return) -> pl.LazyFrame:
    used = ret.table("Disabilities").filter(_disabilities())
    return council_issue(used.select((pl.col("Disability").n_unique() <= 7).alias("_fires")))


@rule(
    "2888Q",
    tables="Disabilities",
    fields="Disability",
    kind="arithmetic",
    message="Please check: no child has more than one disability recorded; children with "
    "several should have each one recorded.",
)
def one_disability_each(ret: Return) -> pl.LazyFrame:
    per_child = (
        ret.table("Disabilities").filter(_disabilities()).group_by("LAchildID").agg(n=pl.len())
    )
    return council_issue(
        per_child.select(((pl.len() > 0) & (pl.col("n").max() <= 1)).alias("_fires"))
    )


@rule(
    "2889",
    tables="Section47;CINdetails",
    fields="S47ActualStartDate;CINreferralDate",
    kind="date-order",
    message="A section 47 enquiry cannot start (S47ActualStartDate) before its episode's "
    "CINreferralDate.",
)
def enquiry_before_referral(ret: Return) -> dict[str, pl.LazyFrame]:
    return _before_referral(ret, "Section47", "S47ActualStartDate")


@rule(
    "2990",
    tables="CINdetails;ChildProtectionPlans;Section47;CINplanDates",
    fields="ReasonForClosure",
    kind="cross-table",
    message="An episode closed as RC8 or RC9 (closed after assessment with no further action "
    "or referred to early help) cannot have a conference, section 47 enquiry, child "
    "protection plan or CIN plan.",
)
def closed_without_action_but_acted(ret: Return) -> dict[str, pl.LazyFrame]:
    closed = ret.table("CINdetails").filter(pl.col("ReasonForClosure").is_in(["RC8", "RC9"]))
    related = {name: rows_of(ret.table(name), closed, EPISODE) for name in _ACTIONS}
    acted = pl.concat([frame.select(EPISODE) for frame in related.values()])
    flagged = closed.filter(pl.col("DateOfInitialCPC").is_not_null())
    flagged = pl.concat([flagged, closed.join(acted.unique(), on=EPISODE, how="semi")])
    return {"CINdetails": flagged, **related}


@rule(
    "2991Q",
    tables="Section47;CINdetails;Assessments",
    fields="CINdetailsID",
    kind="cross-table",
    message="Please check: a section 47 enquiry is recorded for an episode with no assessment.",
)
def enquiry_without_assessment(ret: Return) -> pl.LazyFrame:
    assessed = ret.table("Assessments").select(EPISODE).unique()
    return ret.table("Section47").join(assessed, on=EPISODE, how="anti")


@rule(
    "4000",
    tables="CINplanDates;CINdetails",
    fields="ReferralNFA",
    kind="cross-table",
    message="An episode marked no further action (ReferralNFA true) cannot have a CIN plan.",
)
def plan_after_no_further_action(ret: Return) -> dict[str, pl.LazyFrame]:
    no_action = ret.table("CINdetails").filter(pl.col("ReferralNFA").fill_null(False))
    plans = rows_of(ret.table("CINplanDates"), no_action, EPISODE)
    return {"CINplanDates": plans, "CINdetails": rows_of(no_action, plans, EPISODE)}


@rule(
    "4001",
    tables="CINplanDates;ChildProtectionPlans",
    fields="CINPlanEndDate;CPPendDate",
    kind="cross-table",
    message="A CIN plan and a child protection plan of the same episode are both open (no "
    "CINPlanEndDate, no CPPendDate): a child is on one or the other.",
)
def both_plans_open(ret: Return) -> dict[str, pl.LazyFrame]:
    plans = ret.table("CINplanDates").filter(
        pl.col("CINPlanStartDate").is_not_null() & pl.col("CINPlanEndDate").is_null()
    )
    protection = ret.table("ChildProtectionPlans").filter(pl.col("CPPendDate").is_null())
    return {
        "CINplanDates": rows_of(plans, protection, EPISODE),
        "ChildProtectionPlans": rows_of(protection, plans, EPISODE),
    }


@rule(
    "4003",
    tables="CPPreviews;CINplanDates;ChildProtectionPlans",
    fields="CINPlanStartDate;CINPlanEndDate;CPPreviewDate",
    kind="cross-table",
    message="A child protection plan review (CPPreviewDate) falls while the child is on a CIN "
    "plan: a child is on one plan or the other, except on the day the protection plan ends.",
)
def review_during_cin_plan(ret: Return) -> dict[str, pl.LazyFrame]:
    # Resolved: a CIN plan with no end date is running to the ReferenceDate (the spec notes the
    # peer never flags open plans although the rule is about them); plans match by child.
    reviews = ret.table("CPPreviews").join(
        ret.table("ChildProtectionPlans").select(*PLAN, "CPPendDate"), on=PLAN, how="inner"
    )
    plans = ret.table("CINplanDates").select(
        *CHILD, pl.col(ROW).alias("_plan_row"), "CINPlanStartDate", "CINPlanEndDate"
    )
    review = pl.col("CPPreviewDate")
    hits = reviews.join(plans, on=CHILD, how="inner").filter(
        (review >= pl.col("CINPlanStartDate"))
        & (review < pl.col("CINPlanEndDate").fill_null(ret.end + _DAY))
        & pl.col("CPPendDate").is_not_null()
        & (review != pl.col("CPPendDate"))
    )
    return {
        "CPPreviews": ret.table("CPPreviews").join(hits.select(ROW).unique(), on=ROW, how="semi"),
        "CINplanDates": ret.table("CINplanDates").join(
            hits.select(pl.col("_plan_row").alias(ROW)).unique(), on=ROW, how="semi"
        ),
        "ChildProtectionPlans": rows_of(ret.table("ChildProtectionPlans"), hits, PLAN),
    }


@rule(
    "4004",
    tables="CINplanDates",
    fields="CINPlanEndDate",
    kind="uniqueness",
    message="An episode has more than one open CIN plan (no CINPlanEndDate): at most one can "
    "be open.",
)
def open_cin_plans(ret: Return) -> pl.LazyFrame:
    open_plans = pl.col("CINPlanEndDate").is_null().sum().over(EPISODE)
    return ret.table("CINplanDates").filter(open_plans > 1)


def _plans_after_death(ret: Return, column: str) -> dict[str, pl.LazyFrame]:
    died = ret.table("ChildIdentifiers").filter(pl.col("PersonDeathDate").is_not_null())
    plans = ret.table("CINplanDates").join(
        died.select(*CHILD, "PersonDeathDate"), on=CHILD, how="inner"
    )
    late = plans.filter(pl.col(column) > pl.col("PersonDeathDate")).drop("PersonDeathDate")
    return {"ChildIdentifiers": rows_of(died, late, CHILD), "CINplanDates": late}


@rule(
    "4008",
    tables="ChildIdentifiers;CINplanDates",
    fields="PersonDeathDate;CINPlanStartDate",
    kind="date-order",
    message="A CIN plan cannot start (CINPlanStartDate) after the child's PersonDeathDate.",
)
def plan_starts_after_death(ret: Return) -> dict[str, pl.LazyFrame]:
    return _plans_after_death(ret, "CINPlanStartDate")


@rule(
    "4009Q",
    tables="ChildIdentifiers;CINplanDates",
    fields="PersonDeathDate;CINPlanEndDate",
    kind="date-order",
    message="Please check: a CIN plan ends (CINPlanEndDate) after the child's PersonDeathDate.",
)
def plan_ends_after_death(ret: Return) -> dict[str, pl.LazyFrame]:
    return _plans_after_death(ret, "CINPlanEndDate")


@rule(
    "4010",
    tables="CINplanDates;Header",
    fields="CINPlanStartDate",
    kind="date-range",
    message="A CIN plan needs a CINPlanStartDate on or before the ReferenceDate (31 March).",
)
def plan_start_missing_or_late(ret: Return) -> pl.LazyFrame:
    start = pl.col("CINPlanStartDate")
    return ret.table("CINplanDates").filter(start.is_null() | (start > ret.end))


@rule(
    "4011",
    tables="CINplanDates",
    fields="CINPlanEndDate;CINPlanStartDate",
    kind="date-order",
    message="A CIN plan cannot end (CINPlanEndDate) before it starts (CINPlanStartDate).",
)
def plan_ends_before_start(ret: Return) -> pl.LazyFrame:
    return ret.table("CINplanDates").filter(pl.col("CINPlanEndDate") < pl.col("CINPlanStartDate"))


@rule(
    "4012Q",
    tables="CINplanDates",
    fields="CINPlanStartDate;CINPlanEndDate",
    kind="date-order",
    message="Please check: a CIN plan ends the day it starts (CINPlanStartDate equals "
    "CINPlanEndDate).",
)
def plan_same_day(ret: Return) -> pl.LazyFrame:
    return ret.table("CINplanDates").filter(pl.col("CINPlanEndDate") == pl.col("CINPlanStartDate"))


@rule(
    "4013",
    tables="CINplanDates;Header",
    fields="CINPlanEndDate;ReferenceDate",
    kind="date-range",
    message="A CINPlanEndDate must fall within the census year (1 April to 31 March).",
)
def plan_end_outside_year(ret: Return) -> pl.LazyFrame:
    return ret.table("CINplanDates").filter(outside_census("CINPlanEndDate", ret))


@rule(
    "4014",
    tables="CINplanDates;Header",
    fields="CINPlanStartDate;CINPlanEndDate",
    kind="date-order",
    message="A child's CIN plans overlap: one starts before another has ended.",
)
def cin_plans_overlap(ret: Return) -> pl.LazyFrame:
    return overlapping(
        ret.table("CINplanDates"),
        CHILD,
        "CINPlanStartDate",
        "CINPlanEndDate",
        open_=pl.col("CINPlanEndDate").is_null(),
        reference=ret.end,
    )


@rule(
    "4015",
    tables="CINplanDates;CINdetails",
    fields="CINPlanStartDate;CINreferralDate",
    kind="date-order",
    message="A CIN plan cannot start (CINPlanStartDate) before its episode's CINreferralDate.",
)
def cin_plan_before_referral(ret: Return) -> dict[str, pl.LazyFrame]:
    return _before_referral(ret, "CINplanDates", "CINPlanStartDate")


def _starts_during(
    ret: Return, starting: str, start: str, during: str, since: str, until: str
) -> dict[str, pl.LazyFrame]:
    """Rows of `starting` whose `start` falls while a row of `during` of the same child runs
    (on/after its `since`, before its `until`, or it is open and the start is on/before the
    ReferenceDate), with those rows."""
    other = ret.table(during).select(
        *CHILD,
        pl.col(ROW).alias("_other"),
        pl.col(since).alias("_since"),
        pl.col(until).alias("_until"),
    )
    day = pl.col(start)
    hits = (
        ret.table(starting)
        .join(other, on=CHILD, how="inner")
        .filter(
            (day >= pl.col("_since"))
            & (
                (day < pl.col("_until")).fill_null(False)
                | (pl.col("_until").is_null() & (day <= ret.end))
            )
        )
    )
    return {
        starting: ret.table(starting).join(hits.select(ROW).unique(), on=ROW, how="semi"),
        during: ret.table(during).join(
            hits.select(pl.col("_other").alias(ROW)).unique(), on=ROW, how="semi"
        ),
    }


@rule(
    "4016",
    tables="CINplanDates;ChildProtectionPlans;Header",
    fields="CINPlanStartDate;CPPstartDate;CPPendDate",
    kind="date-order",
    message="A CIN plan starts (CINPlanStartDate) while the child is on a child protection "
    "plan: it can start on the day the protection plan ends, not before.",
)
def cin_plan_during_protection(ret: Return) -> dict[str, pl.LazyFrame]:
    return _starts_during(
        ret,
        "CINplanDates",
        "CINPlanStartDate",
        "ChildProtectionPlans",
        "CPPstartDate",
        "CPPendDate",
    )


@rule(
    "4017",
    tables="CINplanDates;ChildProtectionPlans;Header",
    fields="CINPlanStartDate;CINPlanEndDate;CPPstartDate",
    kind="date-order",
    message="A child protection plan starts (CPPstartDate) while the child is on a CIN plan: "
    "it can start on the day the CIN plan ends, not before.",
)
def protection_during_cin_plan(ret: Return) -> dict[str, pl.LazyFrame]:
    return _starts_during(
        ret,
        "ChildProtectionPlans",
        "CPPstartDate",
        "CINplanDates",
        "CINPlanStartDate",
        "CINPlanEndDate",
    )


@rule(
    "4180",
    years="2022-23..2023-24",
    tables="ChildIdentifiers",
    fields="GenderCurrent",
    kind="code-list",
    message="GenderCurrent must be 0 (not known or unborn), 1 (male), 2 (female) or 9 "
    "(indeterminate).",
)
def gender_code(ret: Return) -> pl.LazyFrame:
    gender = pl.col("GenderCurrent")
    return ret.table("ChildIdentifiers").filter(
        gender.is_null() | ~gender.str.strip_chars().is_in(["0", "1", "2", "9"])
    )


@rule(
    "4180",
    years="2024-25..2026-27",
    tables="ChildIdentifiers",
    fields="Sex",
    kind="code-list",
    message="Sex must be M (male), F (female) or U (not known or unborn).",
)
def sex_code(ret: Return) -> pl.LazyFrame:
    sex = pl.col("Sex")
    return ret.table("ChildIdentifiers").filter(
        sex.is_null() | ~sex.str.strip_chars().is_in(["M", "F", "U"])
    )


ETHNICITY = [
    "ABAN",
    "AIND",
    "AOTH",
    "APKN",
    "BAFR",
    "BCRB",
    "BOTH",
    "CHNE",
    "MOTH",
    "MWAS",
    "MWBA",
    "MWBC",
    "NOBT",
    "OOTH",
    "REFU",
    "WBRI",
    "WIRI",
    "WIRT",
    "WOTH",
    "WROM",
]


@rule(
    "4220",
    tables="ChildCharacteristics",
    fields="Ethnicity",
    kind="code-list",
    message="Ethnicity must be one of DfE's ethnicity codes (such as WBRI, MWBC, BAFR, REFU "
    "or NOBT).",
)
def ethnicity_code(ret: Return) -> pl.LazyFrame:
    ethnicity = pl.col("Ethnicity")
    return ret.table("ChildCharacteristics").filter(
        ethnicity.is_null() | ~ethnicity.str.strip_chars().is_in(ETHNICITY)
    )
