"""SSDA903 rules 1000-1099 and 3000-3099 (care leavers, missing episodes, adoption, children
in no table), EPI and NoE (DfE's SSDA903 validation rules, ../shared/domain/rules)."""

from __future__ import annotations

import polars as pl

from trajectory.dataquality.ssda903 import CATALOGUE
from trajectory.dataquality.ssda903.common import (
    Return,
    age_on,
    birthday_in,
    blank,
    unreadable_date,
)

rule = CATALOGUE.rule

LEAVER_FIELDS = ["IN_TOUCH", "ACTIV", "ACCOM"]
CHANGE_REASONS = [
    "CARPL",
    "CLOSE",
    "ALLEG",
    "STAND",
    "APPRR",
    "CREQB",
    "CREQO",
    "CHILD",
    "LAREQ",
    "PLACE",
    "CUSTOD",
    "OTHER",
]


def _leaver_info() -> pl.Expr:
    """Care leaver information given (any of IN_TOUCH, ACTIV, ACCOM)."""
    return pl.any_horizontal([pl.col(c).is_not_null() for c in LEAVER_FIELDS])


def _children(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame.select("CHILD").unique()


def _both_years_episodes(ret: Return) -> pl.LazyFrame:
    columns = ["CHILD", "DECOM", "DEC", "LS", "REC"]
    return pl.concat([ret.table("Episodes").select(columns), ret.last("Episodes").select(columns)])


def _latest(episodes: pl.LazyFrame) -> pl.LazyFrame:
    """Each child's latest episode by start date (episodes without a start are left out)."""
    return (
        episodes.filter(pl.col("DECOM").is_not_null())
        .sort("CHILD", "DECOM")
        .group_by("CHILD")
        .agg(pl.all().last())
    )


@rule(
    "1000",
    tables="OC3;Episodes;Episodes_last",
    fields="IN_TOUCH;ACTIV;ACCOM",
    kind="previous-year",
    message="Care leaver information (OC3) is recorded for a child whose episode ended with "
    "their death (REC E2).",
)
def leaver_who_died(ret: Return) -> pl.LazyFrame:
    # Last year's episodes are read when supplied and add nothing when not (spec notes).
    died = _both_years_episodes(ret).filter(pl.col("REC") == "E2")
    return ret.table("OC3").join(_children(died), on="CHILD", how="semi")


@rule(
    "1001",
    tables="OC3;Episodes;Header;Episodes_last",
    fields="IN_TOUCH;ACTIV;ACCOM",
    kind="previous-year",
    needs="previous",
    message="The child in OC3 is not a care leaver: they need 13 weeks (91 days) looked "
    "after from age 14 including a day from age 16, and must not have left care by adoption.",
)
def not_a_care_leaver(ret: Return) -> pl.LazyFrame:
    # Unlike the peer, children aged 20 or over at 31 March are exempt, not flagged, and a
    # child without a date of birth is not judged (rule 102 reports it).
    episodes = (
        _both_years_episodes(ret)
        .filter(pl.col("DECOM").is_not_null())
        .unique(["CHILD", "DECOM"], keep="first")
        .filter(~pl.col("LS").is_in(["V3", "V4"]).fill_null(False))
        .with_columns(pl.col("DEC").fill_null(pl.lit(ret.end)))
    )
    dob = ret.table("Header").select("CHILD", pl.col("DOB").alias("_dob")).unique("CHILD")
    oc3 = (
        ret.table("OC3")
        .join(dob, on="CHILD", how="left")
        .with_columns(pl.coalesce("_dob", "DOB").alias("_dob"))  # the Header's, else OC3's
    )
    judged = oc3.filter(pl.col("_dob").is_not_null() & (age_on(pl.col("_dob"), ret.end) < 20))

    def days_from(age: int) -> pl.Expr:
        start = pl.max_horizontal(pl.col("DECOM"), birthday_in(pl.col("_dob"), age))
        return (pl.col("DEC") - start).dt.total_days().clip(lower_bound=0).sum()

    totals = (
        episodes.join(judged.select("CHILD", "_dob").unique("CHILD"), on="CHILD", how="inner")
        .group_by("CHILD")
        .agg(days_from(14).alias("_from_14"), days_from(16).alias("_from_16"))
    )
    adopted = _latest(episodes).filter(pl.col("REC").is_in(["E11", "E12"]))
    return (
        judged.join(totals, on="CHILD", how="left")
        .join(adopted.select("CHILD", pl.lit(True).alias("_adopted")), on="CHILD", how="left")
        .filter(
            ~((pl.col("_from_14") >= 91) & (pl.col("_from_16") >= 1)).fill_null(False)
            | pl.col("_adopted").fill_null(False)
        )
    )


@rule(
    "1002",
    tables="OC3;Episodes;Episodes_last",
    fields="IN_TOUCH;ACTIV;ACCOM",
    kind="previous-year",
    needs="previous",
    message="The care leaver in OC3 has no episodes this year or last year.",
)
def leaver_never_looked_after(ret: Return) -> pl.LazyFrame:
    return ret.table("OC3").join(_children(_both_years_episodes(ret)), on="CHILD", how="anti")


@rule(
    "1003",
    tables="PlacedAdoption;Episodes",
    fields="DATE_PLACED;DECOM;RNE",
    kind="cross-table",
    message="DATE_PLACED (placed for adoption) is before the child's first episode with "
    "RNE S (started a placement for adoption).",
)
def placed_before_adoption_episode(ret: Return) -> dict[str, pl.LazyFrame]:
    first = (
        ret.table("Episodes")
        .filter((pl.col("RNE") == "S") & pl.col("DECOM").is_not_null())
        .sort("CHILD", "DECOM", "_row")
        .group_by("CHILD")
        .agg(pl.col("DECOM").first().alias("_s_start"), pl.col("_row").first().alias("_s_row"))
    )
    placed = (
        ret.table("PlacedAdoption")
        .join(first, on="CHILD", how="inner")
        .filter(pl.col("DATE_PLACED") < pl.col("_s_start"))
    )
    episodes = ret.table("Episodes").join(
        placed.select("CHILD", pl.col("_s_row").alias("_row")).unique(),
        on=["CHILD", "_row"],
        how="semi",
    )
    return {"PlacedAdoption": placed, "Episodes": episodes}


@rule(
    "1004",
    tables="Missing",
    fields="MIS_START",
    kind="required",
    message="MIS_START (the day the missing or away episode began) must be a date, written "
    "dd/mm/yyyy.",
)
def missing_start_absent(ret: Return) -> pl.LazyFrame:
    # An unreadable date is read as blank (and reported by the reader), so both are flagged.
    return ret.table("Missing").filter(blank("MIS_START"))


@rule(
    "1005",
    tables="Missing",
    fields="MIS_END",
    kind="other",
    message="MIS_END (the day the missing or away episode ended) is not a date: write it as "
    "dd/mm/yyyy, or leave it blank while the child is still missing or away.",
)
def missing_end_not_a_date(ret: Return) -> pl.LazyFrame:
    return ret.table("Missing").filter(unreadable_date("MIS_END"))


@rule(
    "1006",
    tables="Missing",
    fields="MISSING",
    kind="code-list",
    message="MISSING must be M (missing) or A (away from placement without authorisation).",
)
def missing_code(ret: Return) -> pl.LazyFrame:
    return ret.table("Missing").filter(
        pl.col("MISSING").is_not_null() & ~pl.col("MISSING").str.strip_chars().is_in(["M", "A"])
    )


@rule(
    "1007",
    tables="OC3;Episodes",
    fields="IN_TOUCH;ACTIV;ACCOM",
    kind="date-range",
    message="Care leaver information (OC3) is given for a 17- or 18-year-old who was still "
    "looked after on their latest birthday.",
)
def leaver_in_care_on_birthday(ret: Return) -> pl.LazyFrame:
    # Still-open episodes do cover the birthday (the peer misses them), and 29 February
    # births turn on 1 March (common.birthday_in): no date is built from parts.
    oc3 = ret.table("OC3").with_columns(age_on(pl.col("DOB"), ret.end).alias("_age"))
    oc3 = oc3.filter(_leaver_info() & pl.col("_age").is_in([17, 18])).with_columns(
        pl.when(pl.col("_age") == 17)
        .then(birthday_in(pl.col("DOB"), 17))
        .otherwise(birthday_in(pl.col("DOB"), 18))
        .alias("_birthday")
    )
    covering = (
        ret.table("Episodes")
        .select("CHILD", "DECOM", "DEC")
        .join(oc3.select("CHILD", "_birthday").unique("CHILD"), on="CHILD", how="inner")
        .filter(
            (pl.col("DECOM") <= pl.col("_birthday"))
            & (blank("DEC") | (pl.col("DEC") > pl.col("_birthday")))
        )
    )
    return oc3.join(_children(covering), on="CHILD", how="semi")


@rule(
    "1008",
    tables="Episodes;Provider Info;provider_info",
    fields="URN",
    kind="cross-table",
    needs="providers",
    message="URN is not in Ofsted's lists of registered providers.",
)
def unknown_urn(ret: Return) -> pl.LazyFrame:
    known = ret.providers.select(pl.col("URN").str.strip_chars().str.to_uppercase().alias("_urn"))
    urn = pl.col("URN").str.strip_chars().str.to_uppercase()
    return (
        ret.table("Episodes")
        .filter(pl.col("URN").is_not_null() & (urn != "XXXXXXX"))
        .with_columns(urn.alias("_urn"))
        .join(known.unique(), on="_urn", how="anti")
    )


@rule(
    "1009",
    tables="Episodes",
    fields="REASON_PLACE_CHANGE",
    kind="code-list",
    message="REASON_PLACE_CHANGE is not one of DfE's codes (CARPL, CLOSE, ALLEG, STAND, "
    "APPRR, CREQB, CREQO, CHILD, LAREQ, PLACE, CUSTOD, OTHER).",
)
def change_reason_code(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        pl.col("REASON_PLACE_CHANGE").is_not_null()
        & ~pl.col("REASON_PLACE_CHANGE").str.strip_chars().is_in(CHANGE_REASONS)
    )


@rule(
    "1010",
    tables="OC3;Episodes;Episodes_last",
    fields="IN_TOUCH;ACTIV;ACCOM",
    kind="previous-year",
    needs="previous",
    message="The child is in OC3 with no episodes this year, but last year's return left "
    "their latest episode open: it should continue or end this year.",
)
def leaver_left_open(ret: Return) -> pl.LazyFrame:
    open_last = _latest(ret.last("Episodes")).filter(blank("DEC"))
    return (
        ret.table("OC3")
        .join(_children(ret.table("Episodes")), on="CHILD", how="anti")
        .join(_children(open_last), on="CHILD", how="semi")
    )


@rule(
    "1011",
    tables="OC3;Episodes",
    fields="IN_TOUCH;ACTIV;ACCOM",
    kind="cross-table",
    message="Care leaver information (OC3) is given for a child whose latest episode ended "
    "with REC E3 (care transferred to another authority, so not this council's leaver).",
)
def leaver_transferred(ret: Return) -> pl.LazyFrame:
    transferred = _latest(ret.table("Episodes")).filter(pl.col("REC") == "E3")
    return (
        ret.table("OC3").filter(_leaver_info()).join(_children(transferred), on="CHILD", how="semi")
    )


_WITHOUT_EPISODES = ["PlacedAdoption", "Missing", "Reviews", "AD1", "PrevPerm", "OC2"]


@rule(
    "1012",
    tables="PlacedAdoption;Missing;Reviews;AD1;PrevPerm;OC2;Episodes",
    requires="Episodes",
    fields="CHILD",
    kind="cross-table",
    message="This child has no episode in this year's return, so cannot have rows here.",
)
def rows_without_episodes(ret: Return) -> dict[str, pl.LazyFrame]:
    looked_after = _children(ret.table("Episodes"))
    return {
        name: ret.table(name).join(looked_after, on="CHILD", how="anti")
        for name in _WITHOUT_EPISODES
    }


@rule(
    "1014",
    tables="UASC;OC3;Episodes",
    fields="ACTIV;ACCOM;IN_TOUCH;DUC",
    kind="cross-table",
    message="UASC and care leaver (OC3) information is given for a child with no episode "
    "open during this year.",
)
def uasc_leaver_not_in_year(ret: Return) -> dict[str, pl.LazyFrame]:
    episodes = ret.table("Episodes")
    in_year = episodes.filter(
        (pl.col("DECOM") <= ret.end) & (blank("DEC") | (pl.col("DEC") >= ret.start))
    )
    oc3 = ret.table("OC3").filter(_leaver_info())
    children = (
        _children(ret.table("UASC"))
        .join(_children(oc3), on="CHILD", how="semi")
        .join(_children(episodes), on="CHILD", how="semi")
        .join(_children(in_year), on="CHILD", how="anti")
    )
    return {
        "UASC": ret.table("UASC").join(children, on="CHILD", how="semi"),
        "OC3": oc3.join(children, on="CHILD", how="semi"),
    }


for _years in ("2022-23..2024-25", "2025-26..2026-27"):
    CATALOGUE.not_implemented(
        "1015",
        years=_years,
        reason="compares the placement's local authority (from PL_POST) with the submitting "
        "council's code; the ONS directory gives ONS codes (E06000001) and no reference table "
        "maps them to DfE's three-digit LA codes",
    )


@rule(
    "1016",
    years="2023-24..2026-27",
    tables="OC3;Episodes",
    fields="IN_TOUCH;ACTIV;ACCOM",
    kind="date-range",
    message="Care leaver information (OC3) is given for a 17- or 18-year-old whose episode "
    "ended on or after that birthday, so they were looked after when the leaver data was due.",
)
def leaver_looked_after_since_birthday(ret: Return) -> pl.LazyFrame:
    # Ages by calendar birthdays (common.age_on), not average year lengths as the peer does.
    oc3 = ret.table("OC3").with_columns(age_on(pl.col("DOB"), ret.end).alias("_age"))
    oc3 = oc3.filter(_leaver_info() & pl.col("_age").is_in([17, 18])).with_columns(
        pl.when(pl.col("_age") == 17)
        .then(birthday_in(pl.col("DOB"), 17))
        .otherwise(birthday_in(pl.col("DOB"), 18))
        .alias("_birthday")
    )
    after = (
        ret.table("Episodes")
        .select("CHILD", "DEC")
        .join(oc3.select("CHILD", "_birthday").unique("CHILD"), on="CHILD", how="inner")
        .filter(pl.col("DEC") >= pl.col("_birthday"))
    )
    return oc3.join(_children(after), on="CHILD", how="semi")


@rule(
    "3001",
    tables="OC3;Header",
    fields="REC",
    kind="date-range",
    message="ACCOM Z1 or Z2 is given for a child who turned 17 this year: that "
    "accommodation code is for 19- to 21-year-olds.",
)
def accommodation_at_seventeen(ret: Return) -> pl.LazyFrame:
    dob = ret.table("Header").select("CHILD", pl.col("DOB").alias("_dob")).unique("CHILD")
    seventeenth = birthday_in(pl.col("_dob"), 17)
    return (
        ret.table("OC3")
        .filter(pl.col("ACCOM").is_in(["Z1", "Z2"]))
        .join(dob, on="CHILD", how="inner")
        .filter(seventeenth.is_between(pl.lit(ret.start), pl.lit(ret.end)))
    )


@rule(
    "EPI",
    tables="Header;Episodes;OC3",
    requires="Header;Episodes",
    fields="CHILD",
    kind="cross-table",
    message="This child has a Header row but no episodes and no care leaver (OC3) row.",
)
def child_in_no_table(ret: Return) -> pl.LazyFrame:
    return (
        ret.table("Header")
        .join(_children(ret.table("Episodes")), on="CHILD", how="anti")
        .join(_children(ret.table("OC3")), on="CHILD", how="anti")
    )


@rule(
    "NoE",
    tables="Episodes;Episodes_last",
    fields="DECOM",
    kind="previous-year",
    needs="previous",
    message="This episode began before this year (DECOM) but the child is not in last "
    "year's episodes.",
)
def earlier_episode_not_reported(ret: Return) -> pl.LazyFrame:
    return (
        ret.table("Episodes")
        .filter(pl.col("DECOM") < ret.start)
        .join(_children(ret.last("Episodes")), on="CHILD", how="anti")
    )
