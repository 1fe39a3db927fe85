"""CIN census rules 8000 and over: identifiers, births and deaths, the dates, codes and order of
each episode, its assessments, enquiries and plans (DfE CIN census validation rules,
../shared/domain/rules/cin_rules.csv)."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from trajectory.dataquality.cin import CATALOGUE
from trajectory.dataquality.cin.common import (
    EPISODE,
    ROW,
    Return,
    birthday_in,
    blank,
    outside_census,
    overlapping,
    rows_of,
)
from trajectory.indicators.working_days import bank_holidays

rule = CATALOGUE.rule


@rule(
    "8500",
    tables="ChildIdentifiers",
    fields="LAchildID",
    kind="required",
    message="Every child needs an LAchildID (the council's identifier for the child).",
)
def child_id_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("ChildIdentifiers").filter(blank("LAchildID"))


# The rest of the 8000s. Helpers first; one declaration per rule version below.

CHILD = ["LAchildID"]
ASSESSMENT = [*EPISODE, "AssessmentID"]
PLAN = [*EPISODE, "CPPID"]
_DEATH = "PersonDeathDate"


def _nfa_false() -> pl.Expr:
    """ReferralNFA false (written 0 or false); blank is neither true nor false."""
    return pl.col("ReferralNFA").eq_missing(False)


def _nfa_true() -> pl.Expr:
    return pl.col("ReferralNFA").eq_missing(True)


def _conference_needed() -> pl.Expr:
    """ICPCnotRequired not true (blank counts as a conference being needed)."""
    return ~pl.col("ICPCnotRequired").eq_missing(True)


def _working_days_before(day: date, days: int) -> pl.Expr:
    """The date `days` working days (England and Wales) before `day`; a `day` that is not a
    working day counts from the next working day, so one working day before a Saturday is
    the Friday."""
    return pl.lit(day).dt.add_business_days(-days, holidays=list(bank_holidays()), roll="forward")


def _weekend(column: str) -> pl.Expr:
    return pl.col(column).dt.weekday() >= 6  # Saturday 6, Sunday 7


def _with_child(ret: Return, table: str, columns: list[str]) -> pl.LazyFrame:
    return ret.table(table).join(
        ret.table("ChildIdentifiers").select(*CHILD, *columns).unique(CHILD), on=CHILD, how="inner"
    )


def _and_child(ret: Return, table: str, flagged: pl.LazyFrame) -> dict[str, pl.LazyFrame]:
    return {
        table: ret.table(table).join(flagged.select(ROW), on=ROW, how="semi"),
        "ChildIdentifiers": rows_of(ret.table("ChildIdentifiers"), flagged, CHILD),
    }


def _by_row(frame: pl.LazyFrame, rows: pl.LazyFrame, column: str = ROW) -> pl.LazyFrame:
    return frame.join(rows.select(pl.col(column).alias(ROW)).unique(), on=ROW, how="semi")


@rule(
    "8510",
    tables="ChildIdentifiers",
    fields="LAchildID",
    kind="uniqueness",
    message="The same LAchildID is given to more than one child: each child appears once.",
)
def child_id_repeated(ret: Return) -> pl.LazyFrame:
    return ret.table("ChildIdentifiers").filter(pl.len().over("LAchildID") > 1)


@rule(
    "8520",
    tables="ChildIdentifiers;Header",
    fields="PersonBirthDate;ReferenceDate",
    kind="date-range",
    message="A PersonBirthDate cannot be after the ReferenceDate (31 March).",
)
def born_after_census(ret: Return) -> pl.LazyFrame:
    return ret.table("ChildIdentifiers").filter(pl.col("PersonBirthDate") > ret.end)


@rule(
    "8525Q",
    tables="ChildIdentifiers",
    fields="PersonBirthDate;ExpectedPersonBirthDate",
    kind="required",
    message="Please check: give either PersonBirthDate (born) or ExpectedPersonBirthDate "
    "(unborn), one of them and not both.",
)
def birth_or_expected(ret: Return) -> pl.LazyFrame:
    born = pl.col("PersonBirthDate").is_not_null()
    expected = pl.col("ExpectedPersonBirthDate").is_not_null()
    return ret.table("ChildIdentifiers").filter(born == expected)


@rule(
    "8530Q",
    tables="ChildIdentifiers;Header",
    fields="ExpectedPersonBirthDate",
    kind="date-range",
    message="Please check: an ExpectedPersonBirthDate should fall between 30 days before and "
    "9 months after the ReferenceDate.",
)
def expected_birth_out_of_range(ret: Return) -> pl.LazyFrame:
    expected = pl.col("ExpectedPersonBirthDate")
    earliest, latest = ret.end - timedelta(days=30), date(ret.year, 12, 31)  # 31 March + 9 months
    return ret.table("ChildIdentifiers").filter((expected <= earliest) | (expected >= latest))


@rule(
    "8535Q",
    tables="ChildIdentifiers",
    fields="PersonDeathDate;PersonBirthDate",
    kind="date-order",
    message="Please check: a PersonDeathDate is given with no PersonBirthDate, or before it.",
)
def death_before_birth(ret: Return) -> pl.LazyFrame:
    born = pl.col("PersonBirthDate")
    return ret.table("ChildIdentifiers").filter(
        pl.col(_DEATH).is_not_null() & (born.is_null() | (born > pl.col(_DEATH)))
    )


DISABILITIES = ["NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON"]
DISABILITIES += ["AUT", "DDA"]


@rule(
    "8540",
    tables="ChildCharacteristics;ChildIdentifiers;CINdetails;Disabilities",
    fields="Disability;PersonBirthDate;ReferralNFA",
    kind="cross-table",
    message="A child born and referred for more than no further action needs a Disability "
    "recorded (NONE when there is none), each one of DfE's disability codes.",
)
def disability_missing(ret: Return) -> dict[str, pl.LazyFrame]:
    acted = ret.table("CINdetails").filter(_nfa_false()).select(CHILD).unique()
    children = (
        ret.table("ChildIdentifiers")
        .filter(pl.col("PersonBirthDate").is_not_null())
        .join(acted, on=CHILD, how="semi")
    )
    disabilities = ret.table("Disabilities")
    bad = disabilities.filter(
        pl.col("Disability").is_null() | ~pl.col("Disability").str.strip_chars().is_in(DISABILITIES)
    )
    none_recorded = children.join(disabilities.select(CHILD).unique(), on=CHILD, how="anti")
    flagged = pl.concat(
        [none_recorded, children.join(bad.select(CHILD).unique(), on=CHILD, how="semi")]
    )
    return {"ChildIdentifiers": flagged, "Disabilities": rows_of(bad, children, CHILD)}


@rule(
    "8545Q",
    tables="ChildIdentifiers;Header",
    fields="PersonDeathDate",
    kind="date-range",
    message="Please check: a PersonDeathDate should fall within the census year (1 April to "
    "31 March).",
)
def death_outside_year(ret: Return) -> pl.LazyFrame:
    return ret.table("ChildIdentifiers").filter(outside_census(_DEATH, ret))


@rule(
    "8555Q",
    tables="CINdetails;ChildIdentifiers",
    fields="PersonDeathDate;CINreferralDate",
    kind="date-order",
    message="Please check: a referral (CINreferralDate) is after the child's PersonDeathDate.",
)
def referred_after_death(ret: Return) -> dict[str, pl.LazyFrame]:
    late = _with_child(ret, "CINdetails", [_DEATH]).filter(
        pl.col("CINreferralDate") > pl.col(_DEATH)
    )
    return _and_child(ret, "CINdetails", late)


_AFTER_CLOSURE = {
    "CINdetails": ["DateOfInitialCPC"],
    "Assessments": ["AssessmentActualStartDate", "AssessmentAuthorisationDate"],
    "Section47": ["S47ActualStartDate", "DateOfInitialCPC"],
    "ChildProtectionPlans": ["CPPendDate"],
    "CINplanDates": ["CINPlanStartDate", "CINPlanEndDate"],
}


@rule(
    "8565",
    tables="ChildProtectionPlans;CINdetails;Assessments;Section47;CINplanDates",
    fields="CINclosureDate;DateOfInitialCPC;AssessmentActualStartDate;AssessmentAuthorisationDate;"
    "S47ActualStartDate;CPPendDate;CINPlanStartDate;CINPlanEndDate",
    kind="date-order",
    message="An episode closes (CINclosureDate) before one of its own dates: a conference, "
    "assessment, section 47 enquiry, plan end or CIN plan date falls after the closure.",
)
def closed_before_its_dates(ret: Return) -> dict[str, pl.LazyFrame]:
    closed = ret.table("CINdetails").filter(pl.col("CINclosureDate").is_not_null())
    closures = closed.select(*EPISODE, pl.col("CINclosureDate").alias("_closed"))
    late: dict[str, pl.LazyFrame] = {}
    for table, columns in _AFTER_CLOSURE.items():
        rows = ret.table(table).join(closures, on=EPISODE, how="inner")
        late[table] = rows.filter(
            pl.any_horizontal(pl.col(column) > pl.col("_closed") for column in columns)
        ).drop("_closed")
    episodes = pl.concat([frame.select(EPISODE) for frame in late.values()]).unique()
    return {**late, "CINdetails": closed.join(episodes, on=EPISODE, how="semi")}


@rule(
    "8568",
    tables="CINdetails",
    fields="ReferralNFA",
    kind="code-list",
    message="ReferralNFA must be given as true or false (1 or 0).",
)
def no_further_action_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("CINdetails").filter(pl.col("ReferralNFA").is_null())


@rule(
    "8569Q",
    tables="CINdetails;Header",
    fields="ReferralNFA",
    kind="date-range",
    message="Please check: a referral from before this census year is marked no further action "
    "(or ReferralNFA is blank); a referral carried over should not be.",
)
def old_referral_no_further_action(ret: Return) -> pl.LazyFrame:
    # "Census start minus one working day": the working day before 1 April (the spec notes the
    # peer's offset is 0, so it uses 1 April itself); we follow the stated check.
    bound = _working_days_before(ret.start, 1)
    return ret.table("CINdetails").filter((pl.col("CINreferralDate") < bound) & ~_nfa_false())


@rule(
    "8585Q",
    tables="CINdetails;ChildIdentifiers",
    fields="ReasonForClosure;PersonDeathDate",
    kind="cross-table",
    message="Please check: an episode closed because the child died (RC2) but the child has no "
    "PersonDeathDate.",
)
def died_without_date(ret: Return) -> dict[str, pl.LazyFrame]:
    died = _with_child(ret, "CINdetails", [_DEATH]).filter(
        (pl.col("ReasonForClosure") == "RC2") & pl.col(_DEATH).is_null()
    )
    return _and_child(ret, "CINdetails", died)


@rule(
    "8590",
    tables="ChildIdentifiers;CINdetails",
    fields="LAchildID",
    kind="cross-table",
    message="A child is listed with no episode of need (no CINdetails): every child in the "
    "census has at least one.",
)
def child_without_episode(ret: Return) -> pl.LazyFrame:
    episodes = ret.table("CINdetails").select(CHILD).unique()
    return ret.table("ChildIdentifiers").join(episodes, on=CHILD, how="anti")


@rule(
    "8600",
    tables="CINdetails;Header",
    fields="CINreferralDate",
    kind="date-range",
    message="An episode needs a CINreferralDate on or before the ReferenceDate (31 March).",
)
def referral_missing_or_late(ret: Return) -> pl.LazyFrame:
    referral = pl.col("CINreferralDate")
    return ret.table("CINdetails").filter(referral.is_null() | (referral > ret.end))


@rule(
    "8606",
    tables="CINdetails;ChildIdentifiers",
    fields="CINreferralDate;PersonBirthDate;ExpectedPersonBirthDate",
    kind="date-order",
    message="A referral (CINreferralDate) is more than 280 days before the child's birth or "
    "expected birth.",
)
def referred_long_before_birth(ret: Return) -> dict[str, pl.LazyFrame]:
    rows = _with_child(ret, "CINdetails", ["PersonBirthDate", "ExpectedPersonBirthDate"])
    referral = pl.col("CINreferralDate")
    early = rows.filter(
        pl.any_horizontal(
            (pl.col(born) - referral).dt.total_days() > 280
            for born in ("PersonBirthDate", "ExpectedPersonBirthDate")
        )
    )
    return _and_child(ret, "CINdetails", early)


@rule(
    "8608",
    tables="Assessments",
    fields="AssessmentActualStartDate;AssessmentAuthorisationDate",
    kind="date-order",
    message="An assessment cannot be authorised (AssessmentAuthorisationDate) before it "
    "starts (AssessmentActualStartDate).",
)
def assessment_authorised_before_start(ret: Return) -> pl.LazyFrame:
    return ret.table("Assessments").filter(
        pl.col("AssessmentActualStartDate") > pl.col("AssessmentAuthorisationDate")
    )


@rule(
    "8610",
    tables="CINdetails",
    fields="ReferralNFA;PrimaryNeedCode",
    kind="required",
    message="An episode that is not no further action (ReferralNFA false) needs a PrimaryNeedCode.",
)
def primary_need_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("CINdetails").filter(_nfa_false() & pl.col("PrimaryNeedCode").is_null())


@rule(
    "8614",
    tables="Assessments",
    fields="AssessmentAuthorisationDate;AssessmentFactors",
    kind="other",
    message="Assessment factors are given for an assessment not yet authorised: factors are "
    "recorded once the assessment is authorised (AssessmentAuthorisationDate).",
)
def factors_before_authorised(ret: Return) -> pl.LazyFrame:
    factors = ret.table("AssessmentFactors").filter(pl.col("AssessmentFactors").is_not_null())
    return (
        ret.table("Assessments")
        .filter(pl.col("AssessmentAuthorisationDate").is_null())
        .join(factors.select(ASSESSMENT).unique(), on=ASSESSMENT, how="semi")
    )


@rule(
    "8615",
    tables="Section47",
    fields="S47ActualStartDate;DateOfInitialCPC",
    kind="date-order",
    message="A section 47 enquiry's initial conference (DateOfInitialCPC) cannot be before "
    "the enquiry starts (S47ActualStartDate), nor given without a start.",
)
def conference_before_enquiry(ret: Return) -> pl.LazyFrame:
    start, conference = pl.col("S47ActualStartDate"), pl.col("DateOfInitialCPC")
    return ret.table("Section47").filter(
        (start > conference) | (conference.is_not_null() & start.is_null())
    )


@rule(
    "8620",
    tables="CINdetails;Header",
    fields="CINclosureDate",
    kind="date-range",
    message="A CINclosureDate must fall within the census year (1 April to 31 March).",
)
def closure_outside_year(ret: Return) -> pl.LazyFrame:
    return ret.table("CINdetails").filter(outside_census("CINclosureDate", ret))


@rule(
    "8630",
    tables="CINdetails",
    fields="CINreferralDate;CINclosureDate",
    kind="date-order",
    message="An episode cannot close (CINclosureDate) before its CINreferralDate.",
)
def closed_before_referral(ret: Return) -> pl.LazyFrame:
    return ret.table("CINdetails").filter(pl.col("CINclosureDate") < pl.col("CINreferralDate"))


@rule(
    "8640",
    tables="CINdetails",
    fields="ReasonForClosure",
    kind="code-list",
    message="ReasonForClosure must be one of RC1 to RC9.",
)
def closure_reason_code(ret: Return) -> pl.LazyFrame:
    reason = pl.col("ReasonForClosure")
    codes = [f"RC{n}" for n in range(1, 10)]
    return ret.table("CINdetails").filter(
        reason.is_not_null() & ~reason.str.strip_chars().is_in(codes)
    )


@rule(
    "8650",
    tables="CINdetails",
    fields="PrimaryNeedCode",
    kind="code-list",
    message="PrimaryNeedCode must be one of N0 to N9.",
)
def primary_need_code(ret: Return) -> pl.LazyFrame:
    need = pl.col("PrimaryNeedCode")
    codes = [f"N{n}" for n in range(10)]
    return ret.table("CINdetails").filter(need.is_not_null() & ~need.str.strip_chars().is_in(codes))


@rule(
    "8670Q",
    tables="Assessments;Header",
    fields="AssessmentActualStartDate",
    kind="date-range",
    message="Please check: an assessment started more than 45 working days before the "
    "ReferenceDate is still not authorised (no AssessmentAuthorisationDate).",
)
def assessment_overdue(ret: Return) -> pl.LazyFrame:
    # "ReferenceDate minus 45 working days", as the check states (the peer steps back 44).
    return ret.table("Assessments").filter(
        pl.col("AssessmentAuthorisationDate").is_null()
        & (pl.col("AssessmentActualStartDate") < _working_days_before(ret.end, 45))
    )


@rule(
    "8675Q",
    tables="Section47;Header",
    fields="DateOfInitialCPC;S47ActualStartDate;ICPCnotRequired",
    kind="date-range",
    message="Please check: a section 47 enquiry started more than 15 working days before the "
    "ReferenceDate has no initial conference (DateOfInitialCPC) and one is needed.",
)
def conference_overdue(ret: Return) -> pl.LazyFrame:
    return ret.table("Section47").filter(
        pl.col("DateOfInitialCPC").is_null()
        & pl.col("ICPCnotRequired").eq_missing(False)
        & (pl.col("S47ActualStartDate") < _working_days_before(ret.end, 15))
    )


@rule(
    "8696",
    tables="Assessments;Header",
    fields="AssessmentAuthorisationDate;ReferenceDate",
    kind="date-range",
    message="An AssessmentAuthorisationDate must fall within the census year (1 April to 31 "
    "March).",
)
def authorised_outside_year(ret: Return) -> pl.LazyFrame:
    return ret.table("Assessments").filter(outside_census("AssessmentAuthorisationDate", ret))


@rule(
    "8715",
    tables="Section47;Header",
    fields="DateOfInitialCPC;ReferenceDate",
    kind="date-range",
    message="A section 47 enquiry's DateOfInitialCPC must fall within the census year (1 April "
    "to 31 March).",
)
def conference_outside_year(ret: Return) -> pl.LazyFrame:
    return ret.table("Section47").filter(outside_census("DateOfInitialCPC", ret))


@rule(
    "8720",
    tables="ChildProtectionPlans;Header",
    fields="CPPstartDate;ReferenceDate",
    kind="date-range",
    message="A child protection plan needs a CPPstartDate on or before the ReferenceDate (31 "
    "March).",
)
def plan_start_missing_or_late(ret: Return) -> pl.LazyFrame:
    start = pl.col("CPPstartDate")
    return ret.table("ChildProtectionPlans").filter(start.is_null() | (start > ret.end))


@rule(
    "8730",
    tables="ChildProtectionPlans",
    fields="NumberOfPreviousCPP",
    kind="required",
    message="NumberOfPreviousCPP must be given as a whole number, 0 or more.",
)
def previous_plans_missing(ret: Return) -> pl.LazyFrame:
    previous = pl.col("NumberOfPreviousCPP")
    return ret.table("ChildProtectionPlans").filter(previous.is_null() | (previous < 0))


@rule(
    "8736",
    tables="Assessments;Header",
    fields="AssessmentAuthorisationDate;AssessmentActualStartDate",
    kind="date-range",
    message="An assessment not yet authorised must have started (AssessmentActualStartDate) "
    "within the census year.",
)
def open_assessment_start(ret: Return) -> pl.LazyFrame:
    start = pl.col("AssessmentActualStartDate")
    return ret.table("Assessments").filter(
        pl.col("AssessmentAuthorisationDate").is_null()
        & (start.is_null() | outside_census("AssessmentActualStartDate", ret))
    )


@rule(
    "8740",
    tables="Section47;Header",
    fields="S47ActualStartDate;DateOfInitialCPC;ICPCnotRequired",
    kind="date-range",
    message="A section 47 enquiry still awaiting its conference (no DateOfInitialCPC, "
    "ICPCnotRequired false) must have started within the census year.",
)
def open_enquiry_start(ret: Return) -> pl.LazyFrame:
    return ret.table("Section47").filter(
        pl.col("DateOfInitialCPC").is_null()
        & pl.col("ICPCnotRequired").eq_missing(False)
        & outside_census("S47ActualStartDate", ret)
    )


def _unborn() -> pl.Expr:
    return pl.col("PersonBirthDate").is_null() & pl.col("ExpectedPersonBirthDate").is_not_null()


@rule(
    "8750",
    years="2022-23..2023-24",
    tables="ChildIdentifiers",
    fields="GenderCurrent;PersonBirthDate;ExpectedPersonBirthDate",
    kind="code-list",
    message="An unborn child (ExpectedPersonBirthDate, no PersonBirthDate) has GenderCurrent 0 "
    "(not known).",
)
def unborn_gender(ret: Return) -> pl.LazyFrame:
    return ret.table("ChildIdentifiers").filter(
        _unborn() & pl.col("GenderCurrent").str.strip_chars().ne_missing("0")
    )


@rule(
    "8750",
    years="2024-25..2026-27",
    tables="ChildIdentifiers",
    fields="Sex;PersonBirthDate;ExpectedPersonBirthDate",
    kind="code-list",
    message="An unborn child (ExpectedPersonBirthDate, no PersonBirthDate) has Sex U (not known).",
)
def unborn_sex(ret: Return) -> pl.LazyFrame:
    return ret.table("ChildIdentifiers").filter(
        _unborn() & pl.col("Sex").str.strip_chars().ne_missing("U")
    )


UPN_REASONS = [f"UN{n}" for n in range(2, 8)]  # UN1 (not yet school age) does not excuse


def _school_age_without_upn(ret: Return, born_by: date) -> pl.LazyFrame:
    acted = ret.table("CINdetails").filter(_nfa_false()).select(CHILD).unique()
    upn = pl.col("UPN")
    return (
        ret.table("ChildIdentifiers")
        .filter(
            (pl.col("PersonBirthDate") <= born_by)
            & (upn.is_null() | (upn.str.strip_chars() == ""))
            & ~pl.col("UPNunknown").is_in(UPN_REASONS).fill_null(False)
        )
        .join(acted, on=CHILD, how="semi")
    )


@rule(
    "8770Q",
    years="2022-23..2023-24",
    tables="ChildIdentifiers;CINdetails;Header",
    fields="UPNunknown",
    kind="cross-table",
    message="Please check: a child of school age (born 6 or more years before the "
    "ReferenceDate) has no UPN and no UPNunknown reason UN2-UN7.",
)
def school_age_no_upn_2024(ret: Return) -> pl.LazyFrame:
    return _school_age_without_upn(ret, date(ret.year - 6, 3, 31))


@rule(
    "8770Q",
    years="2024-25..2026-27",
    tables="ChildIdentifiers;CINdetails;Header",
    fields="UPNunknown",
    kind="cross-table",
    message="Please check: a child of school age (born by 31 August six years before the "
    "census) has no UPN and no UPNunknown reason UN2-UN7.",
)
def school_age_no_upn(ret: Return) -> pl.LazyFrame:
    return _school_age_without_upn(ret, date(ret.year - 6, 8, 31))


@rule(
    "8772",
    tables="ChildIdentifiers;CINdetails",
    fields="UPNunknown;ReferralNFA",
    kind="cross-table",
    message="UPNunknown UN7 (referral with no further action) is given for a child whose "
    "referral is not marked no further action (ReferralNFA true).",
)
def un7_with_action(ret: Return) -> dict[str, pl.LazyFrame]:
    un7 = ret.table("ChildIdentifiers").filter(pl.col("UPNunknown") == "UN7")
    episodes = ret.table("CINdetails").join(un7.select(CHILD).unique(), on=CHILD, how="semi")
    acted = episodes.filter(~_nfa_true())
    without = un7.join(ret.table("CINdetails").select(CHILD).unique(), on=CHILD, how="anti")
    return {
        "ChildIdentifiers": pl.concat([rows_of(un7, acted, CHILD), without]),
        "CINdetails": acted,
    }


@rule(
    "8775Q",
    tables="ChildIdentifiers;CINdetails;Header",
    fields="PersonBirthDate;CINclosureDate",
    kind="date-range",
    message="Please check: an episode of a person over 25 is open, or closed after their "
    "25th birthday.",
)
def over_25(ret: Return) -> dict[str, pl.LazyFrame]:
    rows = _with_child(ret, "CINdetails", ["PersonBirthDate"]).filter(
        pl.col("PersonBirthDate") < date(ret.year - 25, 3, 31)
    )
    closure = pl.col("CINclosureDate")
    late = rows.filter(closure.is_null() | (closure > birthday_in(pl.col("PersonBirthDate"), 25)))
    return _and_child(ret, "CINdetails", late)


@rule(
    "8790",
    tables="Disabilities",
    fields="Disability",
    kind="other",
    message="A child recorded with Disability NONE has other disabilities too: record NONE "
    "only when there are none.",
)
def none_and_disability(ret: Return) -> pl.LazyFrame:
    disability = pl.col("Disability").str.strip_chars()
    has_none = (disability == "NONE").any().over("LAchildID")
    return ret.table("Disabilities").filter(has_none & disability.ne_missing("NONE"))


@rule(
    "8794",
    tables="Disabilities",
    fields="Disability",
    kind="uniqueness",
    message="The same Disability is recorded more than once for a child.",
)
def disability_repeated(ret: Return) -> pl.LazyFrame:
    return ret.table("Disabilities").filter(
        pl.col("Disability").is_not_null() & (pl.len().over("LAchildID", "Disability") > 1)
    )


@rule(
    "8805",
    tables="CINdetails",
    fields="CINclosureDate;ReasonForClosure",
    kind="required",
    message="A closed episode (CINclosureDate) needs a ReasonForClosure.",
)
def closed_without_reason(ret: Return) -> pl.LazyFrame:
    return ret.table("CINdetails").filter(
        pl.col("CINclosureDate").is_not_null() & pl.col("ReasonForClosure").is_null()
    )


@rule(
    "8810",
    tables="CINdetails",
    fields="ReasonForClosure;CINclosureDate",
    kind="required",
    message="A ReasonForClosure is given for an episode with no CINclosureDate.",
)
def reason_without_closure(ret: Return) -> pl.LazyFrame:
    return ret.table("CINdetails").filter(
        pl.col("ReasonForClosure").is_not_null() & pl.col("CINclosureDate").is_null()
    )


def _open() -> pl.Expr:
    return pl.col("CINclosureDate").is_null()


@rule(
    "8815",
    tables="CINdetails;Header",
    fields="ReferralNFA;CINclosureDate",
    kind="uniqueness",
    message="A child has more than one open episode of need (no CINclosureDate, ReferralNFA "
    "false): at most one can be open.",
)
def open_episodes(ret: Return) -> pl.LazyFrame:
    open_acted = (_open() & _nfa_false()).sum().over("LAchildID")
    return ret.table("CINdetails").filter((open_acted > 1) & _open())


@rule(
    "8816",
    tables="CINdetails",
    fields="CINreferralDate;ReferralNFA",
    kind="date-order",
    message="An open episode (no CINclosureDate) is not the child's latest referral: only the "
    "latest episode can be open.",
)
def open_episode_not_latest(ret: Return) -> pl.LazyFrame:
    episodes = ret.table("CINdetails")
    # The latest is the child's latest CINreferralDate, the first such row on a tie (the spec).
    latest = (
        episodes.filter(pl.col("CINreferralDate").is_not_null())
        .sort(["LAchildID", "CINreferralDate", ROW], descending=[False, True, False])
        .group_by("LAchildID", maintain_order=True)
        .first()
        .select(*CHILD, pl.col(ROW).alias("_latest"))
    )
    with_latest = episodes.join(latest, on=CHILD, how="inner")
    early = with_latest.filter(_open() & _nfa_false() & (pl.col(ROW) != pl.col("_latest")))
    causes = early.select(pl.col("_latest").alias(ROW))
    return episodes.join(pl.concat([early.select(ROW), causes]).unique(), on=ROW, how="semi")


@rule(
    "8820",
    tables="CINdetails;Header",
    fields="CINreferralDate;CINclosureDate",
    kind="date-order",
    message="A child's episodes of need overlap: a referral falls before an earlier episode "
    "has closed.",
)
def episodes_overlap(ret: Return) -> pl.LazyFrame:
    return overlapping(
        ret.table("CINdetails"),
        CHILD,
        "CINreferralDate",
        "CINclosureDate",
        open_=_open() & _nfa_false(),
        reference=ret.end,
        inclusive=False,
        before_reference=True,
    )


@rule(
    "8825Q",
    tables="CINdetails;Assessments",
    fields="ReasonForClosure",
    kind="cross-table",
    message="Please check: an episode closed after assessment (RC8 or RC9) has no assessment.",
)
def closed_after_assessment_without_one(ret: Return) -> pl.LazyFrame:
    assessed = ret.table("Assessments").select(EPISODE).unique()
    return (
        ret.table("CINdetails")
        .filter(pl.col("ReasonForClosure").is_in(["RC8", "RC9"]))
        .join(assessed, on=EPISODE, how="anti")
    )


@rule(
    "8831",
    tables="CINdetails;Section47;Assessments",
    fields="AssessmentActualStartDate;AssessmentAuthorisationDate;S47ActualStartDate;"
    "DateOfInitialCPC",
    kind="cross-table",
    message="An episode marked no further action (ReferralNFA true) has a conference, section "
    "47 enquiry or assessment.",
)
def no_further_action_but_acted(ret: Return) -> dict[str, pl.LazyFrame]:
    no_action = ret.table("CINdetails").filter(_nfa_true())
    enquiries = rows_of(ret.table("Section47"), no_action, EPISODE).filter(
        pl.col("S47ActualStartDate").is_not_null()
    )
    assessments = rows_of(ret.table("Assessments"), no_action, EPISODE).filter(
        pl.col("AssessmentActualStartDate").is_not_null()
        | pl.col("AssessmentAuthorisationDate").is_not_null()
    )
    acted = pl.concat([enquiries.select(EPISODE), assessments.select(EPISODE)]).unique()
    flagged = pl.concat(
        [
            no_action.filter(pl.col("DateOfInitialCPC").is_not_null()),
            no_action.join(acted, on=EPISODE, how="semi"),
        ]
    )
    return {"CINdetails": flagged, "Section47": enquiries, "Assessments": assessments}


@rule(
    "8832",
    tables="ChildProtectionPlans;CINdetails",
    fields="CINdetailsID;ReferralNFA",
    kind="cross-table",
    message="An episode marked no further action (ReferralNFA true) has a child protection plan.",
)
def no_further_action_but_plan(ret: Return) -> dict[str, pl.LazyFrame]:
    no_action = ret.table("CINdetails").filter(_nfa_true())
    plans = rows_of(ret.table("ChildProtectionPlans"), no_action, EPISODE)
    return {"ChildProtectionPlans": plans, "CINdetails": rows_of(no_action, plans, EPISODE)}


@rule(
    "8839",
    tables="Section47",
    fields="DateOfInitialCPC",
    kind="uniqueness",
    message="An episode has more than one section 47 enquiry awaiting its conference (no "
    "DateOfInitialCPC, ICPCnotRequired not true): at most one can be.",
)
def enquiries_awaiting_conference(ret: Return) -> pl.LazyFrame:
    awaiting = pl.col("DateOfInitialCPC").is_null() & _conference_needed()
    return ret.table("Section47").filter(awaiting & (awaiting.sum().over(EPISODE) > 1))


@rule(
    "8840",
    tables="ChildProtectionPlans",
    fields="CPPstartDate;CPPendDate",
    kind="date-order",
    message="A child protection plan ends the day it starts (CPPstartDate equals CPPendDate).",
)
def plan_same_day(ret: Return) -> pl.LazyFrame:
    return ret.table("ChildProtectionPlans").filter(pl.col("CPPstartDate") == pl.col("CPPendDate"))


@rule(
    "8841",
    tables="ChildProtectionPlans;CPPreviews",
    fields="CPPstartDate;CPPreviewDate",
    kind="date-order",
    message="A child protection plan review (CPPreviewDate) must be after the plan starts "
    "(CPPstartDate).",
)
def review_before_plan(ret: Return) -> dict[str, pl.LazyFrame]:
    reviews = ret.table("CPPreviews").join(
        ret.table("ChildProtectionPlans").select(*PLAN, "CPPstartDate"), on=PLAN, how="inner"
    )
    early = reviews.filter(pl.col("CPPreviewDate") <= pl.col("CPPstartDate")).drop("CPPstartDate")
    return {
        "ChildProtectionPlans": rows_of(ret.table("ChildProtectionPlans"), early, PLAN),
        "CPPreviews": early,
    }


@rule(
    "8842Q",
    tables="CPPreviews",
    fields="CPPreviewDate",
    kind="required",
    message="Please check: a child protection plan review has no CPPreviewDate.",
)
def review_date_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("CPPreviews").filter(pl.col("CPPreviewDate").is_null())


@rule(
    "8863Q",
    tables="Assessments;Header",
    fields="AssessmentActualStartDate;AssessmentAuthorisationDate",
    kind="date-order",
    message="Please check: an episode's assessments overlap: one starts before another is "
    "authorised.",
)
def assessments_overlap(ret: Return) -> pl.LazyFrame:
    return overlapping(
        ret.table("Assessments"),
        EPISODE,
        "AssessmentActualStartDate",
        "AssessmentAuthorisationDate",
        open_=pl.col("AssessmentAuthorisationDate").is_null(),
        reference=ret.end,
        skip_identical=True,
    )


REFERRAL_SOURCES = ["1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4"]
REFERRAL_SOURCES += ["5A", "5B", "5C", "5D", "6", "7", "8", "9", "10"]


@rule(
    "8866",
    tables="CINdetails",
    fields="CINreferralDate;ReferralSource",
    kind="code-list",
    message="A referral made since 1 April 2013 needs a ReferralSource from DfE's list (1A to 10).",
)
def referral_source_code(ret: Return) -> pl.LazyFrame:
    source = pl.col("ReferralSource").str.strip_chars()
    return ret.table("CINdetails").filter(
        (pl.col("CINreferralDate") >= date(2013, 4, 1))
        & (source.is_null() | ~source.is_in(REFERRAL_SOURCES))
    )


@rule(
    "8867",
    tables="CINdetails;Assessments",
    fields="CINclosureDate;AssessmentAuthorisationDate",
    kind="cross-table",
    message="A closed episode (CINclosureDate) has an assessment not authorised "
    "(AssessmentAuthorisationDate blank).",
)
def closed_with_open_assessment(ret: Return) -> dict[str, pl.LazyFrame]:
    closed = ret.table("CINdetails").filter(pl.col("CINclosureDate").is_not_null())
    open_assessments = rows_of(
        ret.table("Assessments").filter(pl.col("AssessmentAuthorisationDate").is_null()),
        closed,
        EPISODE,
    )
    return {
        "CINdetails": rows_of(closed, open_assessments, EPISODE),
        "Assessments": open_assessments,
    }


@rule(
    "8868",
    tables="CINdetails;Section47",
    fields="ICPCnotRequired;CINclosureDate;DateOfInitialCPC",
    kind="cross-table",
    message="A closed episode's section 47 enquiry needs either a DateOfInitialCPC or "
    "ICPCnotRequired true, not neither and not both.",
)
def closed_enquiry_conference(ret: Return) -> dict[str, pl.LazyFrame]:
    closed = ret.table("CINdetails").filter(pl.col("CINclosureDate").is_not_null())
    held = pl.col("DateOfInitialCPC").is_not_null()
    not_needed = pl.col("ICPCnotRequired").eq_missing(True)
    enquiries = rows_of(ret.table("Section47"), closed, EPISODE).filter(held == not_needed)
    return {"CINdetails": rows_of(closed, enquiries, EPISODE), "Section47": enquiries}


def _assessments_with(ret: Return, factors: pl.LazyFrame) -> dict[str, pl.LazyFrame]:
    """The assessments (and their factor rows) named by `factors`' ASSESSMENT keys."""
    return {
        "Assessments": rows_of(ret.table("Assessments"), factors, ASSESSMENT),
        "AssessmentFactors": rows_of(ret.table("AssessmentFactors"), factors, ASSESSMENT),
    }


def _factor() -> pl.Expr:
    return pl.col("AssessmentFactors").str.strip_chars()


@rule(
    "8869",
    tables="Assessments;AssessmentFactors",
    fields="AssessmentFactors",
    kind="other",
    message="Assessment factor 21 (no factors identified) is given with other factors.",
)
def no_factors_with_factors(ret: Return) -> dict[str, pl.LazyFrame]:
    factors = ret.table("AssessmentFactors").filter(_factor().is_not_null())
    mixed = factors.filter(
        (_factor() == "21").any().over(ASSESSMENT) & (_factor() != "21").any().over(ASSESSMENT)
    )
    return _assessments_with(ret, mixed)


@rule(
    "8870Q",
    tables="Section47",
    fields="InitialCPCtarget",
    kind="other",
    message="Please check: the initial conference's target date (InitialCPCtarget) falls on a "
    "Saturday or Sunday.",
)
def conference_target_weekend(ret: Return) -> pl.LazyFrame:
    return ret.table("Section47").filter(_weekend("InitialCPCtarget"))


@rule(
    "8873Q",
    tables="Assessments;AssessmentFactors;CINdetails",
    fields="ReasonForClosure;AssessmentFactors",
    kind="cross-table",
    message="Please check: an episode whose only assessment found no factors (21) should close "
    "as RC8 or RC9 (after assessment).",
)
def no_factors_not_closed_after_assessment(ret: Return) -> dict[str, pl.LazyFrame]:
    only = ret.table("Assessments").filter(pl.len().over(EPISODE) == 1)
    with_21 = ret.table("AssessmentFactors").filter(_factor().str.contains("21"))
    only = only.join(with_21.select(ASSESSMENT).unique(), on=ASSESSMENT, how="semi")
    episodes = rows_of(ret.table("CINdetails"), only, EPISODE).filter(
        ~pl.col("ReasonForClosure").is_in(["RC8", "RC9"]).fill_null(False)
    )
    return {"Assessments": rows_of(only, episodes, EPISODE), "CINdetails": episodes}


@rule(
    "8875",
    tables="Section47",
    fields="DateOfInitialCPC",
    kind="other",
    message="A section 47 enquiry's initial conference (DateOfInitialCPC) falls on a Saturday "
    "or Sunday.",
)
def conference_weekend(ret: Return) -> pl.LazyFrame:
    return ret.table("Section47").filter(_weekend("DateOfInitialCPC"))


@rule(
    "8890",
    tables="Section47;CINdetails;Header",
    fields="S47ActualStartDate",
    kind="date-order",
    message="An episode's section 47 enquiries overlap: one starts before another's initial "
    "conference.",
)
def enquiries_overlap(ret: Return) -> pl.LazyFrame:
    return overlapping(
        ret.table("Section47"),
        EPISODE,
        "S47ActualStartDate",
        "DateOfInitialCPC",
        open_=pl.col("DateOfInitialCPC").is_null() & _conference_needed(),
        reference=ret.end,
        skip_identical=True,
    )


@rule(
    "8896",
    tables="Assessments",
    fields="AssessmentAuthorisationDate",
    kind="uniqueness",
    message="An episode has more than one assessment not authorised (no "
    "AssessmentAuthorisationDate): at most one can be open.",
)
def open_assessments(ret: Return) -> pl.LazyFrame:
    open_count = pl.col("AssessmentAuthorisationDate").is_null().sum().over(EPISODE)
    return ret.table("Assessments").filter(open_count > 1)


FACTORS = ["1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B"]
FACTORS += ["5C", "6A", "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A"]
FACTORS += ["12A", "13A", "14A", "15A", "16A", "17A", "18A", "18B", "18C", "19A", "19B", "19C"]
FACTORS += ["20", "21", "22A", "23A", "24A"]


@rule(
    "8897Q",
    tables="Assessments;AssessmentFactors;Header",
    fields="AssessmentAuthorisationDate;AssessmentFactors",
    kind="code-list",
    message="Please check: an assessment authorised this year needs its factors "
    "(AssessmentFactors), each one of DfE's codes (21 when none were found).",
)
def factors_missing_or_unknown(ret: Return) -> dict[str, pl.LazyFrame]:
    # Factors are matched to their own assessment (LAchildID, CINdetailsID, AssessmentID); the
    # spec notes the peer leaks factors across episodes by omitting CINdetailsID.
    authorised = ret.table("Assessments").filter(pl.col("AssessmentAuthorisationDate") >= ret.start)
    factors = ret.table("AssessmentFactors").filter(_factor().is_not_null())
    unknown = rows_of(factors, authorised, ASSESSMENT).filter(~_factor().is_in(FACTORS))
    blank_list = authorised.join(factors.select(ASSESSMENT).unique(), on=ASSESSMENT, how="anti")
    flagged = pl.concat([blank_list, rows_of(authorised, unknown, ASSESSMENT)])
    return {"Assessments": flagged, "AssessmentFactors": unknown}


@rule(
    "8898",
    tables="Assessments;AssessmentFactors",
    fields="AssessmentFactors",
    kind="uniqueness",
    message="The same assessment factor is given more than once for one assessment.",
)
def factor_repeated(ret: Return) -> dict[str, pl.LazyFrame]:
    factors = ret.table("AssessmentFactors").filter(_factor().is_not_null())
    repeated = factors.filter(pl.len().over(*ASSESSMENT, _factor()) > 1)
    found = _assessments_with(ret, repeated)
    return {"Assessments": found["Assessments"], "AssessmentFactors": repeated}


CATEGORIES = ["NEG", "PHY", "SAB", "EMO", "MUL"]


def _category_unknown(ret: Return, column: str) -> pl.LazyFrame:
    category = pl.col(column).str.strip_chars()
    return ret.table("ChildProtectionPlans").filter(
        category.is_null() | ~category.is_in(CATEGORIES)
    )


@rule(
    "8905",
    tables="ChildProtectionPlans",
    fields="InitialCategoryOfAbuse",
    kind="code-list",
    message="InitialCategoryOfAbuse must be NEG, PHY, SAB, EMO or MUL.",
)
def first_category_code(ret: Return) -> pl.LazyFrame:
    return _category_unknown(ret, "InitialCategoryOfAbuse")


@rule(
    "8910",
    tables="ChildProtectionPlans",
    fields="LatestCategoryOfAbuse",
    kind="code-list",
    message="LatestCategoryOfAbuse must be NEG, PHY, SAB, EMO or MUL.",
)
def latest_category_code(ret: Return) -> pl.LazyFrame:
    return _category_unknown(ret, "LatestCategoryOfAbuse")


def _plans_after_death(ret: Return, column: str) -> dict[str, pl.LazyFrame]:
    late = _with_child(ret, "ChildProtectionPlans", [_DEATH]).filter(
        pl.col(column) > pl.col(_DEATH)
    )
    return _and_child(ret, "ChildProtectionPlans", late)


@rule(
    "8915",
    tables="ChildProtectionPlans;ChildIdentifiers",
    fields="CPPstartDate;PersonDeathDate",
    kind="date-order",
    message="A child protection plan cannot start (CPPstartDate) after the child's "
    "PersonDeathDate.",
)
def plan_starts_after_death(ret: Return) -> dict[str, pl.LazyFrame]:
    return _plans_after_death(ret, "CPPstartDate")


@rule(
    "8920",
    tables="ChildProtectionPlans;ChildIdentifiers",
    fields="PersonDeathDate;CPPendDate",
    kind="date-order",
    message="A child protection plan cannot end (CPPendDate) after the child's PersonDeathDate.",
)
def plan_ends_after_death(ret: Return) -> dict[str, pl.LazyFrame]:
    return _plans_after_death(ret, "CPPendDate")


@rule(
    "8925",
    tables="ChildProtectionPlans",
    fields="CPPstartDate;CPPendDate",
    kind="date-order",
    message="A child protection plan cannot end (CPPendDate) before it starts (CPPstartDate).",
)
def plan_ends_before_start(ret: Return) -> pl.LazyFrame:
    return ret.table("ChildProtectionPlans").filter(pl.col("CPPendDate") < pl.col("CPPstartDate"))


@rule(
    "8930",
    tables="ChildProtectionPlans;Header",
    fields="CPPendDate;ReferenceDate",
    kind="date-range",
    message="A CPPendDate must fall within the census year (1 April to 31 March).",
)
def plan_end_outside_year(ret: Return) -> pl.LazyFrame:
    return ret.table("ChildProtectionPlans").filter(outside_census("CPPendDate", ret))


@rule(
    "8935",
    tables="ChildProtectionPlans",
    fields="CPPendDate",
    kind="uniqueness",
    message="A child has more than one open child protection plan (no CPPendDate): at most one "
    "can be open.",
)
def open_protection_plans(ret: Return) -> pl.LazyFrame:
    # Per child, across episodes (the spec notes the peer groups by the per-episode CPPID).
    open_count = pl.col("CPPendDate").is_null().sum().over("LAchildID")
    return ret.table("ChildProtectionPlans").filter(open_count > 1)


@rule(
    "8940",
    tables="ChildProtectionPlans;Header",
    fields="CPPstartDate;CPPendDate",
    kind="date-order",
    message="A child's child protection plans overlap: one starts before another has ended.",
)
def protection_plans_overlap(ret: Return) -> pl.LazyFrame:
    # Pairs are different rows of the child, whatever their CPPID (it restarts per episode).
    return overlapping(
        ret.table("ChildProtectionPlans"),
        CHILD,
        "CPPstartDate",
        "CPPendDate",
        open_=pl.col("CPPendDate").is_null(),
        reference=ret.end,
    )


def _factor_used(ret: Return, code: str) -> dict[str, pl.LazyFrame]:
    used = ret.table("AssessmentFactors").filter(_factor() == code)
    return {
        "Assessments": rows_of(ret.table("Assessments"), used, ASSESSMENT),
        "AssessmentFactors": used,
    }


@rule(
    "8945Q",
    years="2024-25..2026-27",
    tables="Assessments;AssessmentFactors",
    fields="AssessmentFactors",
    kind="code-list",
    message="Please check: assessment factor 18A is used; say whether the physical abuse was "
    "by another child (18B) or an adult (18C).",
)
def factor_18a(ret: Return) -> dict[str, pl.LazyFrame]:
    return _factor_used(ret, "18A")


@rule(
    "8950Q",
    years="2024-25..2026-27",
    tables="Assessments;AssessmentFactors",
    fields="AssessmentFactors",
    kind="code-list",
    message="Please check: assessment factor 19A is used; say whether the sexual abuse was by "
    "another child (19B) or an adult (19C).",
)
def factor_19a(ret: Return) -> dict[str, pl.LazyFrame]:
    return _factor_used(ret, "19A")
