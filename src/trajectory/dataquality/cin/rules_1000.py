"""CIN census rules 100-1999: the header's reference date, the order of an episode's first
dates, and the shape of unique pupil numbers and child identifiers (DfE CIN census validation
rules, ../shared/domain/rules/cin_rules.csv)."""

from __future__ import annotations

import polars as pl

from trajectory.dataquality.cin import CATALOGUE
from trajectory.dataquality.cin.common import EPISODE, Return, by_episode, rows_of

rule = CATALOGUE.rule

CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # DfE's UPN check letters: A-Z without I, O, S
_LA_RANGES = (
    "001-005 201-213 301-320 330-336 340-344 350-359 370-373 380-384 390-394 420 660-681 "
    "701-708 800-803 805-808 810-813 815 816 820-823 825 826 830 831 835-841 845 846 850-852 "
    "855-857 860 861 865-896 908 909 916 919 921 925 926 928 929 931 933 935-938 940 941"
)


def _expand(ranges: str) -> list[str]:
    codes = []
    for item in ranges.split():
        first, _, last = item.partition("-")
        codes += [f"{n:03d}" for n in range(int(first), int(last or first) + 1)]
    return codes


LA_CODES_2023 = _expand(_LA_RANGES)
LA_CODES_2024 = [*LA_CODES_2023, "942", "943"]


@rule(
    "100",
    tables="Header",
    fields="ReferenceDate",
    kind="required",
    message="The header's ReferenceDate must be 31 March of the collection Year.",
)
def reference_date_wrong(ret: Return) -> pl.LazyFrame:
    day = pl.col("ReferenceDate")
    year = pl.col("Year").str.strip_chars().cast(pl.Int32, strict=False)
    right = (day.dt.year() == year) & (day.dt.month() == 3) & (day.dt.day() == 31)
    return ret.table("Header").filter(~right.fill_null(False))


def _before_referral(ret: Return, table: str, column: str) -> dict[str, pl.LazyFrame]:
    """`table`'s rows whose `column` is before their episode's CINreferralDate, with the
    episode's CINdetails row; same day passes, blanks are skipped."""
    early = by_episode(ret.table(table), ret.table("CINdetails"), ["CINreferralDate"]).filter(
        pl.col(column) < pl.col("CINreferralDate")
    )
    return {table: early, "CINdetails": rows_of(ret.table("CINdetails"), early, EPISODE)}


@rule(
    "1103",
    tables="Assessments;CINdetails",
    fields="AssessmentActualStartDate;CINreferralDate",
    kind="date-order",
    message="An assessment cannot start (AssessmentActualStartDate) before its episode's "
    "CINreferralDate.",
)
def assessment_before_referral(ret: Return) -> dict[str, pl.LazyFrame]:
    return _before_referral(ret, "Assessments", "AssessmentActualStartDate")


@rule(
    "1104",
    tables="Section47;CINdetails",
    fields="CINreferralDate;DateOfInitialCPC",
    kind="date-order",
    message="A section 47 enquiry's initial conference (DateOfInitialCPC) cannot be before its "
    "episode's CINreferralDate.",
)
def conference_before_referral(ret: Return) -> dict[str, pl.LazyFrame]:
    return _before_referral(ret, "Section47", "DateOfInitialCPC")


@rule(
    "1105",
    tables="ChildProtectionPlans;CINdetails",
    fields="CPPstartDate;CINreferralDate",
    kind="date-order",
    message="A child protection plan cannot start (CPPstartDate) before its episode's "
    "CINreferralDate.",
)
def plan_before_referral(ret: Return) -> dict[str, pl.LazyFrame]:
    return _before_referral(ret, "ChildProtectionPlans", "CPPstartDate")


def _upn() -> pl.Expr:
    return pl.col("UPN").str.strip_chars()


def check_letter(upn: pl.Expr) -> pl.Expr:
    """DfE's UPN check letter: the digits in positions 2-13 times their position, summed,
    modulo 23, as a letter of A-Z without I, O and S (DfE "Unique pupil numbers", annex A)."""
    total = pl.sum_horizontal(
        upn.str.slice(position - 1, 1).cast(pl.Int64, strict=False) * position
        for position in range(2, 14)
    )
    return pl.lit(CHECK_LETTERS).str.slice(total % 23, 1)


@rule(
    "1510",
    tables="ChildIdentifiers",
    fields="UPN",
    kind="arithmetic",
    message="The UPN's first letter is not the check letter its digits give: the UPN is mistyped.",
)
def upn_check_letter(ret: Return) -> pl.LazyFrame:
    upn = _upn()
    checked = (upn.str.len_chars() == 13) & upn.str.slice(1, 12).str.contains(r"^\d{12}$")
    return ret.table("ChildIdentifiers").filter(
        checked.fill_null(False) & (upn.str.slice(0, 1) != check_letter(upn))
    )


@rule(
    "1520",
    tables="ChildIdentifiers",
    fields="UPN",
    kind="uniqueness",
    message="The same UPN is given for more than one child: each child's UPN is their own.",
)
def upn_repeated(ret: Return) -> pl.LazyFrame:
    upn = _upn()
    return ret.table("ChildIdentifiers").filter(
        upn.is_not_null() & (upn != "") & (pl.len().over(upn) > 1)
    )


def _la_code_unknown(ret: Return, codes: list[str]) -> pl.LazyFrame:
    upn = _upn()
    return ret.table("ChildIdentifiers").filter(
        (upn.str.len_chars() == 13) & ~upn.str.slice(1, 3).is_in(codes)
    )


@rule(
    "1530",
    years="2022-23",
    tables="ChildIdentifiers",
    fields="UPN",
    kind="code-list",
    message="The UPN's characters 2-4 are not a council (LA) code DfE recognises.",
)
def upn_la_code_2023(ret: Return) -> pl.LazyFrame:
    return _la_code_unknown(ret, LA_CODES_2023)


@rule(
    "1530",
    years="2023-24..2026-27",
    tables="ChildIdentifiers",
    fields="UPN",
    kind="code-list",
    message="The UPN's characters 2-4 are not a council (LA) code DfE recognises.",
)
def upn_la_code(ret: Return) -> pl.LazyFrame:
    return _la_code_unknown(ret, LA_CODES_2024)


@rule(
    "1540",
    tables="ChildIdentifiers",
    fields="UPN",
    kind="other",
    message="A UPN's characters 5-12 must all be digits.",
)
def upn_middle_not_digits(ret: Return) -> pl.LazyFrame:
    upn = _upn()
    return ret.table("ChildIdentifiers").filter(
        (upn.is_not_null() & (upn != "")) & ~upn.str.slice(4, 8).str.contains(r"^\d{8}$")
    )


@rule(
    "1550",
    tables="ChildIdentifiers",
    fields="UPN",
    kind="code-list",
    message="A UPN's last character must be a digit or a capital letter other than I, O or S.",
)
def upn_last_character(ret: Return) -> pl.LazyFrame:
    upn = _upn()
    return ret.table("ChildIdentifiers").filter(
        (upn.str.len_chars() == 13) & ~upn.str.slice(12, 1).str.contains(r"^[0-9A-HJ-NP-RT-Z]$")
    )


@rule(
    "1560Q",
    tables="ChildIdentifiers",
    fields="FormerUPN",
    kind="other",
    message="Please check: a FormerUPN should be a letter followed by 12 digits.",
)
def former_upn_shape(ret: Return) -> pl.LazyFrame:
    former = pl.col("FormerUPN").str.strip_chars()
    return ret.table("ChildIdentifiers").filter(
        (former.is_not_null() & (former != "")) & ~former.str.contains(r"^[A-Za-z]\d{12}$")
    )


@rule(
    "1570",
    years="2024-25..2026-27",
    tables="ChildIdentifiers",
    fields="LAchildID",
    kind="other",
    message="An LAchildID can be at most 20 characters long.",
)
def child_id_too_long(ret: Return) -> pl.LazyFrame:
    return ret.table("ChildIdentifiers").filter(pl.col("LAchildID").str.len_chars() > 20)


@rule(
    "1580",
    years="2024-25..2026-27",
    tables="ChildIdentifiers",
    fields="LAchildID",
    kind="other",
    message="An LAchildID may hold only letters and digits (no spaces, dashes or other marks).",
)
def child_id_characters(ret: Return) -> pl.LazyFrame:
    child = pl.col("LAchildID")
    return ret.table("ChildIdentifiers").filter(
        child.is_not_null() & child.str.contains(r"[^A-Za-z0-9]")
    )
