"""SSDA903 rules 600-799: adoptions (AD1), mothers (MOTHER, MC_DOB), previous permanence
(PrevPerm) and, from 2026-27, deprivation of liberty orders (DoLo).

The spec is ../shared/domain/rules/ssda903_rules.csv. Dates are compared as dates (the open
validators compare MC_DOB as text, rule 624), and no date is built from parts, so a
29 February birthday cannot raise (the open validators' 706, 709 and 710 do)."""

from __future__ import annotations

import polars as pl

from trajectory.dataquality.ssda903 import CATALOGUE
from trajectory.dataquality.ssda903.common import Return, birthday_in, blank, unreadable_date

rule = CATALOGUE.rule

ADOPTED = ["E11", "E12"]
ADOPTION_FIELDS = ["DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"]
PERMANENCE_FIELDS = ["PREV_PERM", "LA_PERM", "DATE_PERM"]
SHORT_BREAKS = ["V3", "V4"]

# Every English council's 3-digit LA number in DfE's published series 2012-2024 (old_la_code in
# DfE's ONS mid-year population file), former councils included (909 Cumbria, 928
# Northamptonshire) since a permanence order may predate a reorganisation; then DfE's codes
# for elsewhere (rule 633): 999 not known, WAL Wales, SCO Scotland, NIR Northern Ireland,
# NUK outside the UK.
LA_NUMBERS = (  # noqa: SIM905 (a list of codes reads best as one)
    "201 202 203 204 205 206 207 208 209 210 211 212 213 301 302 303 304 305 306 307 308 "
    "309 310 311 312 313 314 315 316 317 318 319 320 330 331 332 333 334 335 336 340 341 "
    "342 343 344 350 351 352 353 354 355 356 357 358 359 370 371 372 373 380 381 382 383 "
    "384 390 391 392 393 394 420 800 801 802 803 805 806 807 808 810 811 812 813 815 816 "
    "821 822 823 825 826 830 831 835 836 837 838 839 840 841 845 846 850 851 852 855 856 "
    "857 860 861 865 866 867 868 869 870 871 872 873 874 876 877 878 879 880 881 882 883 "
    "884 885 886 887 888 889 890 891 892 893 894 895 896 908 909 916 919 921 925 926 928 "
    "929 931 933 935 936 937 938 940 941 942 943"
).split()
LA_PERM_CODES = [*LA_NUMBERS, "999", "WAL", "SCO", "NUK", "NIR"]


def _in_year(column: str, ret: Return) -> pl.Expr:
    return pl.col(column).is_between(pl.lit(ret.start), pl.lit(ret.end))


def _adopted_in_year(ret: Return) -> pl.LazyFrame:
    """Episodes ending in adoption (REC E11, E12) within the collection year."""
    return ret.table("Episodes").filter(pl.col("REC").is_in(ADOPTED) & _in_year("DEC", ret))


@rule(
    "601",
    tables="Episodes;AD1",
    fields="REC;DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTR;SEX_ADOPTR;LS_ADOPTR",
    kind="cross-table",
    message="A child adopted this year (REC E11 or E12) needs every adoption detail in AD1: "
    "DATE_INT, DATE_MATCH, FOSTER_CARE, NB_ADOPTR, SEX_ADOPTR and LS_ADOPTR.",
)
def adoption_details_missing(ret: Return) -> dict[str, pl.LazyFrame]:
    adopted = _adopted_in_year(ret)
    incomplete = ret.table("AD1").filter(
        pl.any_horizontal([blank(column) for column in ADOPTION_FIELDS])
    )
    incomplete = incomplete.join(adopted, on="CHILD", how="semi")
    return {"Episodes": adopted.join(incomplete, on="CHILD", how="semi"), "AD1": incomplete}


@rule(
    "602",
    tables="Episodes;AD1",
    fields="CHILD",
    kind="cross-table",
    message="AD1 gives adoption details for a child not adopted this year (no episode ending "
    "REC E11 or E12 with DEC in the year).",
)
def adoption_details_without_adoption(ret: Return) -> dict[str, pl.LazyFrame]:
    given = ret.table("AD1").filter(
        pl.any_horizontal([pl.col(column).is_not_null() for column in ADOPTION_FIELDS])
    )
    return {"AD1": given.join(_adopted_in_year(ret), on="CHILD", how="anti")}


def _mother_unknown_after_leaving(ret: Return, female: str) -> dict[str, pl.LazyFrame]:
    header = ret.table("Header").filter((pl.col("SEX") == female) & blank("MOTHER"))
    left = ret.table("Episodes").filter(
        _in_year("DEC", ret)
        & pl.col("REC").is_not_null()
        & (pl.col("REC") != "X1")
        & ~pl.col("LS").is_in(SHORT_BREAKS).fill_null(False)
    )
    left = left.join(header, on="CHILD", how="semi")
    return {"Episodes": left, "Header": header.join(left, on="CHILD", how="semi")}


_607 = dict(
    tables="Episodes;Header",
    fields="DEC;REC;MOTHER;LS;SEX",
    kind="cross-table",
    message="MOTHER (whether she is a mother) is needed for a girl or young woman who left "
    "care this year (DEC in the year, REC other than X1, not on short breaks).",
)


@rule("607", years="2022-23..2023-24", **_607)
def mother_unknown_numeric_sex(ret: Return) -> dict[str, pl.LazyFrame]:
    return _mother_unknown_after_leaving(ret, "2")


@rule("607", years="2024-25..2026-27", **_607)
def mother_unknown(ret: Return) -> dict[str, pl.LazyFrame]:
    return _mother_unknown_after_leaving(ret, "F")


@rule(
    "611",
    tables="Header",
    fields="MOTHER;MC_DOB",
    kind="required",
    message="MOTHER is 1 (she is a mother), so MC_DOB, her first child's date of birth, is needed.",
)
def mother_without_child_dob(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter((pl.col("MOTHER") == "1") & blank("MC_DOB"))


def _child_dob_not_a_mother(ret: Return, female: str) -> pl.LazyFrame:
    return ret.table("Header").filter(
        (pl.col("SEX") == female)
        & (blank("MOTHER") | (pl.col("MOTHER") == "0"))
        & pl.col("MC_DOB").is_not_null()
    )


_612 = dict(
    tables="Header",
    fields="SEX;MOTHER;MC_DOB",
    kind="other",
    message="MC_DOB (her first child's date of birth) is given but MOTHER is 0 or blank: give "
    "MOTHER 1, or leave MC_DOB blank.",
)


@rule("612", years="2022-23..2023-24", **_612)
def child_dob_not_a_mother_numeric_sex(ret: Return) -> pl.LazyFrame:
    return _child_dob_not_a_mother(ret, "2")


@rule("612", years="2024-25..2026-27", **_612)
def child_dob_not_a_mother(ret: Return) -> pl.LazyFrame:
    return _child_dob_not_a_mother(ret, "F")


@rule(
    "620",
    tables="Header",
    fields="DOB;MOTHER",
    kind="date-range",
    message="MOTHER is 1 for a child who was not yet 11 at the start of the year (DOB): check "
    "MOTHER and DOB.",
)
def mother_too_young(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter(
        (pl.col("MOTHER") == "1") & (birthday_in(pl.col("DOB"), 11) > pl.lit(ret.start))
    )


@rule(
    "621",
    tables="Header",
    fields="DOB;MC_DOB",
    kind="date-order",
    message="MC_DOB (her first child's date of birth) must be after her own DOB.",
)
def child_born_before_mother(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter(pl.col("MC_DOB") <= pl.col("DOB"))


@rule(
    "624",
    tables="Header;Header_last",
    fields="MC_DOB",
    kind="previous-year",
    needs="previous",
    message="MC_DOB differs from last year's return, where it was given: her first child's "
    "date of birth does not change.",
)
def child_dob_changed(ret: Return) -> pl.LazyFrame:
    last = (
        ret.last("Header")
        .filter(pl.col("MC_DOB").is_not_null())
        .select("CHILD", pl.col("MC_DOB").alias("_last_mc_dob"))
        .unique("CHILD")
    )
    return (
        ret.table("Header")
        .join(last, on="CHILD", how="inner")
        .filter(~pl.col("MC_DOB").eq_missing(pl.col("_last_mc_dob")))
    )


@rule(
    "625",
    tables="Episodes;Header",
    fields="MC_DOB;DEC",
    kind="date-order",
    message="MC_DOB (her first child's date of birth) is after the year's end or after she "
    "left care (her latest DEC).",
)
def child_dob_too_late(ret: Return) -> dict[str, pl.LazyFrame]:
    mothers = ret.table("Header").filter(pl.col("MC_DOB").is_not_null())
    latest = (
        ret.table("Episodes")
        .filter(pl.col("DEC").is_not_null())
        .filter(pl.col("DEC") == pl.col("DEC").max().over("CHILD"))
        .join(mothers.select("CHILD", pl.col("MC_DOB").alias("_mc_dob")), on="CHILD")
    )
    after_leaving = latest.filter(
        (pl.col("_mc_dob") > pl.col("DEC")) | (pl.col("_mc_dob") > pl.lit(ret.end))
    )
    header = mothers.filter(pl.col("MC_DOB") > pl.lit(ret.end))
    header = pl.concat([header, mothers.join(after_leaving, on="CHILD", how="semi")])
    return {"Episodes": after_leaving, "Header": header}


@rule(
    "626",
    tables="Header;Header_last",
    fields="MOTHER;MC_DOB",
    kind="previous-year",
    needs="previous",
    message="MOTHER is 1 now and was 0 last year, but MC_DOB (her first child's date of "
    "birth) is before this year began.",
)
def became_mother_before_year(ret: Return) -> pl.LazyFrame:
    last = ret.last("Header").filter(pl.col("MOTHER") == "0").select("CHILD").unique()
    return (
        ret.table("Header")
        .filter((pl.col("MOTHER") == "1") & (pl.col("MC_DOB") < pl.lit(ret.start)))
        .join(last, on="CHILD", how="semi")
    )


@rule(
    "628",
    tables="Episodes;Header;OC3",
    fields="MOTHER",
    kind="cross-table",
    message="MOTHER should be blank for a care leaver with no episodes this year (reported "
    "only in OC3).",
)
def mother_for_care_leaver(ret: Return) -> dict[str, pl.LazyFrame]:
    leavers = ret.table("OC3").filter(
        pl.any_horizontal([pl.col(c).is_not_null() for c in ["IN_TOUCH", "ACTIV", "ACCOM"]])
    )
    header = (
        ret.table("Header")
        .filter(pl.col("MOTHER").is_not_null())
        .join(ret.table("Episodes"), on="CHILD", how="anti")
        .join(leavers, on="CHILD", how="semi")
    )
    return {"Header": header}


@rule(
    "630",
    tables="Episodes;PrevPerm",
    fields="RNE",
    kind="cross-table",
    message="A child starting a new period of care this year (RNE S) needs PrevPerm: "
    "PREV_PERM, and unless it is Z1, LA_PERM and DATE_PERM.",
)
def permanence_missing(ret: Return) -> pl.LazyFrame:
    permanence = ret.table("PrevPerm").select("CHILD", *PERMANENCE_FIELDS)
    return (
        ret.table("Episodes")
        .filter((pl.col("RNE") == "S") & (pl.col("DECOM") >= pl.lit(ret.start)))
        .join(permanence, on="CHILD", how="left", suffix="_perm")
        .filter(
            blank("PREV_PERM")  # no PrevPerm row, or PREV_PERM blank
            | ((pl.col("PREV_PERM") != "Z1") & (blank("LA_PERM") | blank("DATE_PERM")))
        )
    )


@rule(
    "631",
    tables="PrevPerm",
    fields="PREV_PERM",
    kind="code-list",
    message="PREV_PERM must be P1, P2, P3, P4 or Z1 (or blank).",
)
def permanence_code(ret: Return) -> pl.LazyFrame:
    return ret.table("PrevPerm").filter(
        pl.col("PREV_PERM").is_not_null()
        & ~pl.col("PREV_PERM").is_in(["P1", "P2", "P3", "P4", "Z1"])
    )


_PARTIAL = r"^(\d{2}|ZZ)/(\d{2}|ZZ)/(\d{4}|ZZZZ)$"


def _latest_possible(text: pl.Expr) -> pl.Expr:
    """DATE_PERM read as the latest day it can mean: ZZ/03/2010 is 31/03/2010 and 15/ZZ/2010
    is 15/12/2010. Null when it is no date (32/01/2010) or its year is unknown (ZZZZ): the
    open validators read an unknown year as 2000, which this does not copy."""
    cleaned = text.str.strip_chars().str.to_uppercase()
    day, month, year = (cleaned.str.extract(_PARTIAL, group) for group in (1, 2, 3))
    month_end = pl.concat_str([pl.lit("01/"), month, pl.lit("/"), year]).str.strptime(
        pl.Date, "%d/%m/%Y", strict=False
    )
    december = pl.concat_str([day, pl.lit("/12/"), year]).str.strptime(
        pl.Date, "%d/%m/%Y", strict=False
    )
    whole = cleaned.str.strptime(pl.Date, "%d/%m/%Y", strict=False)
    return (
        pl.when(year == "ZZZZ")
        .then(pl.lit(None, pl.Date))
        .when((day == "ZZ") & (month == "ZZ"))
        .then(
            pl.concat_str([pl.lit("31/12/"), year]).str.strptime(pl.Date, "%d/%m/%Y", strict=False)
        )
        .when(day == "ZZ")
        .then(month_end.dt.month_end())
        .when(month == "ZZ")
        .then(december)
        .otherwise(whole)
    )


def _valid_partial(text: pl.Expr) -> pl.Expr:
    """dd/mm/yyyy with ZZ for an unknown day or month and ZZZZ for an unknown year, each
    known part possible (a day 01-31 where the month is unknown, a month 01-12)."""
    cleaned = text.str.strip_chars().str.to_uppercase()
    day, month, year = (cleaned.str.extract(_PARTIAL, group) for group in (1, 2, 3))
    known_year = pl.when(year == "ZZZZ").then(pl.lit("2000")).otherwise(year)  # a leap year
    known_month = pl.when(month == "ZZ").then(pl.lit("12")).otherwise(month)
    known_day = pl.when(day == "ZZ").then(pl.lit("01")).otherwise(day)
    as_date = pl.concat_str([known_day, pl.lit("/"), known_month, pl.lit("/"), known_year])
    return (
        cleaned.str.contains(_PARTIAL)
        & as_date.str.strptime(pl.Date, "%d/%m/%Y", strict=False).is_not_null()
    )


@rule(
    "632",
    tables="PrevPerm;Episodes",
    fields="DATE_PERM;DECOM",
    kind="date-order",
    message="DATE_PERM must be a date written dd/mm/yyyy (ZZ for a day or month not known, "
    "ZZZZ for a year) and before the child's first episode began (DECOM).",
)
def permanence_date(ret: Return) -> dict[str, pl.LazyFrame]:
    first = (
        ret.table("Episodes")
        .filter(pl.col("DECOM").is_not_null())
        .filter(pl.col("DECOM") == pl.col("DECOM").min().over("CHILD"))
    )
    earliest = first.group_by("CHILD").agg(pl.col("DECOM").min().alias("_first_decom"))
    date_perm = pl.col("DATE_PERM")
    wrong = (
        ret.table("PrevPerm")
        .filter(date_perm.is_not_null())
        .join(earliest, on="CHILD", how="left")
        .filter(
            ~_valid_partial(date_perm)
            | (_latest_possible(date_perm) >= pl.col("_first_decom")).fill_null(False)
        )
    )
    return {"PrevPerm": wrong, "Episodes": first.join(wrong, on="CHILD", how="semi")}


@rule(
    "633",
    tables="PrevPerm",
    fields="LA_PERM",
    kind="code-list",
    message="LA_PERM must be the 3-digit number of the English council that arranged the "
    "permanence, or 999 (not known), WAL, SCO, NIR or NUK.",
)
def permanence_council(ret: Return) -> pl.LazyFrame:
    la = pl.col("LA_PERM").str.strip_chars().str.to_uppercase()
    return ret.table("PrevPerm").filter(la.is_not_null() & ~la.is_in(LA_PERM_CODES))


@rule(
    "634",
    tables="PrevPerm;Episodes",
    fields="LA_PERM;PREV_PERM;DATE_PERM;DECOM",
    kind="cross-table",
    message="PrevPerm is given for a child whose latest episode began before this year: "
    "PREV_PERM, LA_PERM and DATE_PERM are only reported for a period of care starting this "
    "year.",
)
def permanence_for_earlier_start(ret: Return) -> dict[str, pl.LazyFrame]:
    episodes = ret.table("Episodes")
    started_earlier = (
        episodes.group_by("CHILD")
        .agg(pl.col("DECOM").max().alias("_latest"))
        .filter(pl.col("_latest") < pl.lit(ret.start))
    )
    given = (
        ret.table("PrevPerm")
        .filter(pl.any_horizontal([pl.col(c).is_not_null() for c in PERMANENCE_FIELDS]))
        .join(started_earlier, on="CHILD", how="semi")
    )
    return {"PrevPerm": given, "Episodes": episodes.join(given, on="CHILD", how="semi")}


@rule(
    "635",
    tables="PrevPerm",
    fields="LA_PERM;DATE_PERM;PREV_PERM",
    kind="required",
    message="LA_PERM or DATE_PERM is given, so PREV_PERM (the kind of previous permanence) is "
    "needed.",
)
def permanence_kind_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("PrevPerm").filter(
        blank("PREV_PERM") & (pl.col("LA_PERM").is_not_null() | pl.col("DATE_PERM").is_not_null())
    )


# Deprivation of liberty orders (DoLo), from 2026-27.


@rule(
    "700",
    years="2026-27",
    tables="DoLo",
    fields="DOLO_START",
    kind="required",
    message="DOLO_START, the day the deprivation of liberty order began, must be a date "
    "written dd/mm/yyyy.",
)
def dolo_start_missing(ret: Return) -> pl.LazyFrame:
    # The reader turns a value that is not a date into a blank (and reports it), so blank
    # covers both.
    return ret.table("DoLo").filter(blank("DOLO_START"))


@rule(
    "701",
    years="2026-27",
    tables="DoLo",
    fields="DOLO_END",
    kind="other",
    message="DOLO_END (the day the deprivation of liberty order ended) is not a date: write it "
    "as dd/mm/yyyy, or leave it blank while the order is in force.",
)
def dolo_end_not_a_date(ret: Return) -> pl.LazyFrame:
    return ret.table("DoLo").filter(unreadable_date("DOLO_END"))


@rule(
    "702",
    years="2026-27",
    tables="DoLo",
    fields="DOLO_START;DOLO_END",
    kind="date-order",
    message="DOLO_END must be after DOLO_START.",
)
def dolo_ends_before_start(ret: Return) -> pl.LazyFrame:
    return ret.table("DoLo").filter(pl.col("DOLO_END") <= pl.col("DOLO_START"))


@rule(
    "703",
    years="2026-27",
    tables="DoLo",
    fields="DOLO_START",
    kind="date-range",
    message="DOLO_START is after the end of the collection year (31 March).",
)
def dolo_starts_after_year(ret: Return) -> pl.LazyFrame:
    return ret.table("DoLo").filter(pl.col("DOLO_START") > pl.lit(ret.end))


@rule(
    "704",
    years="2026-27",
    tables="DoLo",
    fields="DOLO_END",
    kind="date-range",
    message="DOLO_END must fall within the collection year (1 April to 31 March).",
)
def dolo_ends_outside_year(ret: Return) -> pl.LazyFrame:
    return ret.table("DoLo").filter(~_in_year("DOLO_END", ret))


@rule(
    "705",
    years="2026-27",
    tables="DoLo",
    fields="DOLO_START;DOLO_END",
    kind="date-order",
    message="This deprivation of liberty order overlaps the child's one before it: that one "
    "has no DOLO_END, or this DOLO_START is before it ended.",
)
def dolo_overlaps(ret: Return) -> pl.LazyFrame:
    ordered = (
        ret.table("DoLo")
        .with_columns(pl.coalesce("DOLO_END", "DOLO_START").alias("_order"))
        .sort(["CHILD", "_order", "DOLO_START"], nulls_last=True)
        .with_columns(
            pl.col("DOLO_END").shift(1).over("CHILD").alias("_prev_end"),
            (pl.int_range(pl.len()).over("CHILD") > 0).alias("_later"),
        )
    )
    return ordered.filter(
        pl.col("_later")
        & (blank("_prev_end") | (pl.col("DOLO_START") < pl.col("_prev_end")).fill_null(False))
    )


@rule(
    "706",
    years="2026-27",
    tables="DoLo;DoLo_last",
    fields="DOLO_START",
    kind="previous-year",
    needs="previous",
    message="Last year's return has this deprivation of liberty order open (no DOLO_END), but "
    "this year's has no order for the child with the same DOLO_START.",
)
def dolo_open_not_carried(ret: Return) -> dict[str, pl.LazyFrame]:
    # Last year's rows are reported as last year's (DoLo_last), by their row in that file.
    now = ret.table("DoLo").select("CHILD", "DOLO_START").filter(pl.col("DOLO_START").is_not_null())
    open_last = ret.last("DoLo").filter(blank("DOLO_END"))
    return {"DoLo_last": open_last.join(now, on=["CHILD", "DOLO_START"], how="anti")}


def _periods_of_care(episodes: pl.LazyFrame) -> pl.LazyFrame:
    """A child's periods of care: episodes by DECOM, a new period wherever one starts after
    the one before ended; the period's start the first DECOM, its end the last episode's DEC."""
    ordered = episodes.filter(pl.col("DECOM").is_not_null()).sort(["CHILD", "DECOM"])
    previous_end = pl.col("DEC").shift(1).over("CHILD")
    starts = (pl.int_range(pl.len()).over("CHILD") == 0) | (
        pl.col("DECOM") > previous_end
    ).fill_null(False)
    return (
        ordered.with_columns(starts.alias("_starts"))
        .with_columns(pl.col("_starts").cum_sum().over("CHILD").alias("_period"))
        .group_by("CHILD", "_period")
        .agg(
            pl.col("DECOM").min().alias("_period_start"),
            pl.col("DEC").sort_by("DECOM").last().alias("_period_end"),
        )
    )


@rule(
    "707",
    years="2026-27",
    tables="DoLo;Episodes",
    fields="DOLO_END",
    kind="cross-table",
    message="This deprivation of liberty order falls outside every period the child was in "
    "care (the episodes' DECOM to DEC): check DOLO_START and DOLO_END.",
)
def dolo_outside_care(ret: Return) -> pl.LazyFrame:
    dolo = ret.table("DoLo").filter(pl.col("DOLO_START").is_not_null())
    start, end = pl.col("DOLO_START"), pl.col("DOLO_END")
    period_start, period_end = pl.col("_period_start"), pl.col("_period_end")
    misfit = (
        (period_end.is_not_null() & end.is_null())
        | (end.is_null() & (start < period_start))
        | (end.is_not_null() & ((end > period_end).fill_null(False) | (end < period_start)))
    )
    outside = (
        dolo.select("CHILD", "_row", "DOLO_START", "DOLO_END")
        .join(_periods_of_care(ret.table("Episodes")), on="CHILD", how="inner")
        .group_by("_row")
        .agg(misfit.all().alias("_outside"))
        .filter(pl.col("_outside"))
    )
    return dolo.join(outside, on="_row", how="semi")


@rule(
    "708",
    years="2026-27",
    tables="DoLo",
    fields="DOLO_START",
    kind="date-order",
    message="DOLO_START must be after the child's date of birth (DOB).",
)
def dolo_before_birth(ret: Return) -> pl.LazyFrame:
    return ret.table("DoLo").filter(pl.col("DOLO_START") <= pl.col("DOB"))


def _dolo_during_placements(ret: Return, placements: pl.Expr) -> dict[str, pl.LazyFrame]:
    """DoLo rows with both dates and the child's episodes they overlap whose PLACE matches
    `placements` (rules 709, 710): the order and the episode both flagged."""
    dolo = ret.table("DoLo").filter(
        pl.col("DOLO_START").is_not_null() & pl.col("DOLO_END").is_not_null()
    )
    overlapping = (
        ret.table("Episodes")
        .filter(placements)
        .join(
            dolo.select("CHILD", pl.col("_row").alias("_dolo_row"), "DOLO_START", "DOLO_END"),
            on="CHILD",
            how="inner",
        )
        .filter(
            ((pl.col("DOLO_START") <= pl.col("DEC")) | blank("DEC"))
            & (pl.col("DOLO_END") >= pl.col("DECOM"))
        )
    )
    rows = overlapping.select(pl.col("_dolo_row").alias("_row")).unique()
    return {
        "DoLo": dolo.join(rows, on="_row", how="semi"),
        "Episodes": overlapping.unique("_row").drop("_dolo_row", "DOLO_START", "DOLO_END"),
    }


@rule(
    "709",
    years="2026-27",
    tables="DoLo;Episodes",
    fields="DOLO_START;PLACE",
    kind="cross-table",
    message="A deprivation of liberty order is recorded during a placement (PLACE) other than "
    "K2, Z12 or Z13: check PLACE and the order's dates.",
)
def dolo_unexpected_placement(ret: Return) -> dict[str, pl.LazyFrame]:
    return _dolo_during_placements(
        ret, ~pl.col("PLACE").is_in(["K2", "Z12", "Z13"]).fill_null(False)
    )


@rule(
    "710",
    years="2026-27",
    tables="DoLo;Episodes",
    fields="DOLO_START;PLACE",
    kind="cross-table",
    message="A deprivation of liberty order is recorded during a placement (PLACE K1, P1, R5 "
    "or K3) for which DfE does not expect one: check PLACE and the order's dates.",
)
def dolo_impossible_placement(ret: Return) -> dict[str, pl.LazyFrame]:
    return _dolo_during_placements(ret, pl.col("PLACE").is_in(["K1", "P1", "R5", "K3"]))
