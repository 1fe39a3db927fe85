"""SSDA903 rules 100-199 (DfE's SSDA903 validation rules, as ../shared/domain/rules/
ssda903_rules.csv states them): the Header's and episodes' codes, adoption and care-leaver
details, reviews, and the OC2 outcomes and SDQ, which DfE collects only for children looked
after continuously through the year (`_looked_after_all_year`)."""

from __future__ import annotations

import polars as pl

from trajectory.dataquality.ssda903 import CATALOGUE
from trajectory.dataquality.ssda903.common import (
    Return,
    birthday_in,
    blank,
    text,
    unreadable_date,
)

rule = CATALOGUE.rule


@rule(
    "101",
    years="2022-23..2023-24",
    tables="Header",
    fields="SEX",
    kind="code-list",
    message="SEX must be 1 (male) or 2 (female).",
)
def sex_numeric(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter(
        blank("SEX") | ~text("SEX").str.strip_chars().is_in(["1", "2"])
    )


@rule(
    "101",
    years="2024-25..2026-27",
    tables="Header",
    fields="SEX",
    kind="code-list",
    message="SEX must be M (male), F (female) or U (not known); 1 and 2 are no longer used.",
)
def sex_letters(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter(
        blank("SEX") | ~pl.col("SEX").str.strip_chars().is_in(["M", "F", "U"])
    )


@rule(
    "102",
    tables="Header",
    fields="DOB",
    kind="required",
    message="DOB (date of birth) must be a date, written dd/mm/yyyy.",
)
def dob_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter(blank("DOB"))


# --- Shared pieces -----------------------------------------------------------------------


def _codes(text_codes: str) -> list[str]:
    return text_codes.split()


def _not_in(column: str, codes: list[str]) -> pl.Expr:
    """Filled with a value outside the list (readers upper-case codes, as DfE compares them)."""
    return pl.col(column).is_not_null() & ~pl.col(column).is_in(codes)


def _any_filled(columns: list[str]) -> pl.Expr:
    return pl.any_horizontal([pl.col(column).is_not_null() for column in columns])


def _any_blank(columns: list[str]) -> pl.Expr:
    return pl.any_horizontal([pl.col(column).is_null() for column in columns])


def _some_not_all(columns: list[str]) -> pl.Expr:
    return _any_filled(columns) & _any_blank(columns)


def _no_rows(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame.filter(pl.lit(False))


def _looked_after_all_year(ret: Return) -> pl.LazyFrame:
    """The children (CHILD) continuously looked after through the collection year, as DfE's
    OC2/OC3 guidance derives it (spec rule 157's notes): an episode overlapping the year, and
    no episode starting care (RNE S) after 1 April, none ending in the year with a reason
    other than X1 (a blank reason counts as another reason: the child left care), and no
    short-break (V3/V4) episode in the year."""
    start, end = ret.start, ret.end
    episodes = ret.table("Episodes").filter(pl.col("DECOM").is_not_null())
    overlaps = (pl.col("DECOM") <= end) & (pl.col("DEC").is_null() | (pl.col("DEC") >= start))
    breaks_it = (
        ((pl.col("RNE") == "S") & (pl.col("DECOM") > start))
        | (pl.col("DEC").is_between(start, end) & (pl.col("REC").fill_null("") != "X1"))
        | (pl.col("LS").is_in(["V3", "V4"]) & overlaps)
    )
    return (
        episodes.group_by("CHILD")
        .agg(overlaps.any().alias("_overlaps"), breaks_it.any().alias("_breaks"))
        .filter(pl.col("_overlaps") & ~pl.col("_breaks"))
        .select("CHILD")
    )


def _of_children(frame: pl.LazyFrame, children: pl.LazyFrame, *, keep: bool) -> pl.LazyFrame:
    """Rows of `frame` whose child is (keep) or is not (not keep) among `children`."""
    return frame.join(children, on="CHILD", how="semi" if keep else "anti")


# --- Header ------------------------------------------------------------------------------

ETHNIC_CODES = _codes(
    "WBRI WIRI WOTH WIRT WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE "
    "OOTH REFU NOBT"
)


@rule(
    "103",
    tables="Header",
    fields="ETHNIC",
    kind="code-list",
    message="ETHNIC must be one of DfE's ethnicity codes (such as WBRI, MWBC, BAFR, REFU "
    "or NOBT); it is blank or holds another value.",
)
def ethnicity_code(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter(blank("ETHNIC") | ~pl.col("ETHNIC").is_in(ETHNIC_CODES))


@rule(
    "104",
    tables="UASC",
    fields="DUC",
    kind="date-range",
    message="DUC (date UASC status ceased) is not a date, or is before 1 April, the start of "
    "this collection year; it should be a date in the year (dd/mm/yyyy) or be left blank.",
)
def uasc_ceased_before_year(ret: Return) -> pl.LazyFrame:
    return ret.table("UASC").filter(unreadable_date("DUC") | (pl.col("DUC") < ret.start))


CATALOGUE.not_implemented(
    "105",
    reason="XML uploads only (the Header's UASC flag); our readers keep no UASC column on "
    "Header: a CSV upload derives it from the UASC table and the XML reader reads the UASC "
    "items as that table, so there is no flag to test.",
)

_FORMAT_RULES = (
    (
        "112",
        "AD1",
        "DATE_INT",
        "DATE_INT (date of the decision that the child should be placed for adoption)",
    ),
    ("113", "AD1", "DATE_MATCH", "DATE_MATCH (date the child was matched with adopters)"),
    (
        "115",
        "PlacedAdoption",
        "DATE_PLACED",
        "DATE_PLACED (date of the decision to place for adoption)",
    ),
    (
        "116",
        "PlacedAdoption",
        "DATE_PLACED_CEASED",
        "DATE_PLACED_CEASED (date that decision ceased)",
    ),
    ("141", "Episodes", "DECOM", "DECOM (date the episode began)"),
    ("147", "Episodes", "DEC", "DEC (date the episode ceased)"),
    ("171", "Header", "MC_DOB", "MC_DOB (date of birth of the mother's child)"),
)


def _format_check(table: str, field: str):
    def check(ret: Return) -> pl.LazyFrame:
        return ret.table(table).filter(unreadable_date(field))

    check.__name__ = f"{field.lower()}_not_a_date"
    check.__doc__ = f"DfE rule: {table}.{field}, where filled, is a date (blank allowed)."
    return check


for _code, _table, _field, _words in _FORMAT_RULES:
    rule(
        _code,
        tables=_table,
        fields=_field,
        kind="other",
        message=f"{_words} is not a date: write it as dd/mm/yyyy, or leave it blank.",
    )(_format_check(_table, _field))


# --- Adoption ----------------------------------------------------------------------------


@rule(
    "114",
    tables="AD1",
    fields="FOSTER_CARE",
    kind="code-list",
    message="FOSTER_CARE (adopted by foster carer) must be 0 (no) or 1 (yes) when given.",
)
def adopted_by_foster_carer_code(ret: Return) -> pl.LazyFrame:
    return ret.table("AD1").filter(_not_in("FOSTER_CARE", ["0", "1"]))


@rule(
    "117",
    tables="Episodes;PlacedAdoption",
    fields="DATE_PLACED_CEASED;DATE_PLACED;DEC;REC;DECOM",
    kind="date-order",
    message="DATE_PLACED or DATE_PLACED_CEASED (placement-for-adoption decision dates) is "
    "after 31 March or after the end (DEC) of the child's latest episode.",
)
def adoption_decision_after_care(ret: Return) -> dict[str, pl.LazyFrame]:
    # The child's latest episode by DECOM among those not ending X1 (blank REC kept).
    latest = (
        ret.table("Episodes")
        .filter(pl.col("DECOM").is_not_null() & (pl.col("REC").fill_null("") != "X1"))
        .sort(["DECOM", "_row"])
        .group_by("CHILD")
        .last()
        .select("CHILD", pl.col("DEC").alias("_dec"), pl.col("_row").alias("_episode_row"))
    )
    paired = ret.table("PlacedAdoption").join(latest, on="CHILD", how="inner")
    too_late = pl.lit(False)
    for column in ("DATE_PLACED", "DATE_PLACED_CEASED"):
        too_late = too_late | (pl.col(column) > ret.end) | (pl.col(column) > pl.col("_dec"))
    found = paired.filter(too_late.fill_null(False))
    episodes = ret.table("Episodes").join(
        found.select(pl.col("_episode_row").alias("_row")).unique(), on="_row", how="semi"
    )
    return {"PlacedAdoption": found, "Episodes": episodes}


@rule(
    "118",
    tables="Episodes;PlacedAdoption",
    fields="DECOM;LS",
    kind="date-order",
    message="DATE_PLACED_CEASED (decision to place for adoption ceased) is before 1 April or "
    "before the start (DECOM) of the child's first episode that is not a short break.",
)
def adoption_decision_ceased_too_early(ret: Return) -> dict[str, pl.LazyFrame]:
    earliest = (
        ret.table("Episodes")
        .filter(pl.col("DECOM").is_not_null() & ~pl.col("LS").fill_null("").is_in(["V3", "V4"]))
        .sort(["DECOM", "_row"])
        .group_by("CHILD")
        .first()
        .select("CHILD", pl.col("DECOM").alias("_decom"), pl.col("_row").alias("_episode_row"))
    )
    ceased = pl.col("DATE_PLACED_CEASED")
    found = (
        ret.table("PlacedAdoption")
        .filter(ceased.is_not_null())
        .join(earliest, on="CHILD", how="left")
        .filter((ceased < ret.start) | (ceased < pl.col("_decom")).fill_null(False))
    )
    episodes = ret.table("Episodes").join(
        found.select(pl.col("_episode_row").alias("_row")).drop_nulls().unique(),
        on="_row",
        how="semi",
    )
    return {"PlacedAdoption": found, "Episodes": episodes}


@rule(
    "119",
    tables="PlacedAdoption",
    fields="REASON_PLACED_CEASED;DATE_PLACED_CEASED",
    kind="required",
    message="DATE_PLACED_CEASED and REASON_PLACED_CEASED go together: give both (the "
    "decision ceased, and why) or neither.",
)
def adoption_ceased_date_and_reason(ret: Return) -> pl.LazyFrame:
    return ret.table("PlacedAdoption").filter(
        blank("DATE_PLACED_CEASED") != blank("REASON_PLACED_CEASED")
    )


@rule(
    "120",
    tables="PlacedAdoption",
    fields="REASON_PLACED_CEASED",
    kind="code-list",
    message="REASON_PLACED_CEASED must be RD1, RD2, RD3 or RD4 when given.",
)
def adoption_ceased_reason_code(ret: Return) -> pl.LazyFrame:
    return ret.table("PlacedAdoption").filter(
        _not_in("REASON_PLACED_CEASED", ["RD1", "RD2", "RD3", "RD4"])
    )


# --- Care leavers (OC3) ------------------------------------------------------------------

IN_TOUCH_CODES = _codes("YES NO DIED REFU NREQ RHOM")
ACTIVITY_CODES = _codes("F1 P1 F2 P2 F4 P4 F5 P5 G4 G5 G6 0")
ACCOMMODATION_CODES = _codes(
    "B1 B2 C1 C2 D1 D2 E1 E2 G1 G2 H1 H2 K1 K2 R1 R2 S2 T1 T2 U1 U2 V1 V2 W1 W2 X2 Y1 Y2 Z1 Z2 0"
)
OC3_FIELDS = ["IN_TOUCH", "ACTIV", "ACCOM"]
AD1_FIELDS = ["DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"]


@rule(
    "131",
    tables="OC3",
    fields="IN_TOUCH",
    kind="code-list",
    message="IN_TOUCH must be YES, NO, DIED, REFU, NREQ or RHOM; it is blank or holds "
    "another value.",
)
def in_touch_code(ret: Return) -> pl.LazyFrame:
    return ret.table("OC3").filter(blank("IN_TOUCH") | ~pl.col("IN_TOUCH").is_in(IN_TOUCH_CODES))


@rule(
    "132",
    tables="OC3",
    fields="ACTIV",
    kind="code-list",
    message="ACTIV (care leaver's main activity) must be one of F1, P1, F2, P2, F4, P4, F5, "
    "P5, G4, G5, G6 or 0; it is blank or holds another value.",
)
def activity_code(ret: Return) -> pl.LazyFrame:
    return ret.table("OC3").filter(blank("ACTIV") | ~pl.col("ACTIV").is_in(ACTIVITY_CODES))


@rule(
    "133",
    tables="OC3",
    fields="ACCOM",
    kind="code-list",
    message="ACCOM (care leaver's accommodation) must be one of DfE's accommodation codes "
    "(B1 to Z2, or 0); it is blank or holds another value.",
)
def accommodation_code(ret: Return) -> pl.LazyFrame:
    return ret.table("OC3").filter(blank("ACCOM") | ~pl.col("ACCOM").is_in(ACCOMMODATION_CODES))


@rule(
    "134",
    tables="OC3;AD1",
    fields="IN_TOUCH;ACTIV;ACCOM;DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTR;SEX_ADOPTR;LS_ADOPTR",
    kind="cross-table",
    message="A child with care-leaver details (OC3) cannot also have adoption details (AD1): "
    "DATE_INT, DATE_MATCH, FOSTER_CARE, NB_ADOPTR, SEX_ADOPTR and LS_ADOPTR should be blank.",
)
def adoption_and_care_leaver(ret: Return) -> dict[str, pl.LazyFrame]:
    leavers = ret.table("OC3").filter(_any_filled(OC3_FIELDS)).select("CHILD").unique()
    adoption = ret.table("AD1").filter(_any_filled(AD1_FIELDS))
    return {"AD1": _of_children(adoption, leavers, keep=True)}


# --- Episodes ----------------------------------------------------------------------------


@rule(
    "142",
    tables="Episodes",
    fields="DEC;REC",
    kind="required",
    message="Only a child's latest episode may be open: an earlier episode needs its end "
    "date (DEC) and reason (REC).",
)
def earlier_episode_open(ret: Return) -> pl.LazyFrame:
    # The latest is the last in DECOM order, blank DECOM sorting last (so an episode with no
    # start can be the latest, leaving every dated one "earlier"); ties go by the file's row.
    latest_row = pl.col("_row").sort_by(["DECOM", "_row"], nulls_last=True).last().over("CHILD")
    return ret.table("Episodes").filter(
        pl.col("DECOM").is_not_null()
        & (blank("DEC") | blank("REC"))
        & (pl.col("_row") != latest_row)
    )


@rule(
    "143",
    tables="Episodes",
    fields="RNE",
    kind="code-list",
    message="RNE (reason for new episode) must be S, P, L, T, U or B when given.",
)
def reason_new_episode_code(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(_not_in("RNE", _codes("S P L T U B")))


@rule(
    "144",
    tables="Episodes",
    fields="LS",
    kind="code-list",
    message="LS (legal status) must be one of C1, C2, D1, E1, V2, V3, V4, J1, J2, J3, L1, L2 "
    "or L3 when given.",
)
def legal_status_code(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        _not_in("LS", _codes("C1 C2 D1 E1 V2 V3 V4 J1 J2 J3 L1 L2 L3"))
    )


@rule(
    "145",
    tables="Episodes",
    fields="CIN",
    kind="code-list",
    message="CIN (category of need) must be one of N1 to N8 when given.",
)
def category_of_need_code(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(_not_in("CIN", _codes("N1 N2 N3 N4 N5 N6 N7 N8")))


_PLACE_TO_2024 = _codes(
    "A3 A4 A5 A6 H5 K1 K2 P1 P2 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z1"
)
_PLACE_2025 = _PLACE_TO_2024 + ["K3"]
_PLACE_FROM_2026 = [code for code in _PLACE_2025 if code not in ("H5", "P2", "Z1")] + _codes(
    "Z11 Z12 Z13 Z14"
)


@rule(
    "146",
    years="2022-23..2023-24",
    tables="Episodes",
    fields="PLACE",
    kind="code-list",
    message="PLACE (placement type) must be one of this year's placement codes when given.",
)
def placement_type_code_to_2024(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(_not_in("PLACE", _PLACE_TO_2024))


@rule(
    "146",
    years="2024-25",
    tables="Episodes",
    fields="PLACE",
    kind="code-list",
    message="PLACE (placement type) must be one of this year's placement codes (K3 included) "
    "when given.",
)
def placement_type_code_2025(ret: Return) -> pl.LazyFrame:
    # The open validator's list holds 'k3' in lower case, so it rejects a valid K3; not here.
    return ret.table("Episodes").filter(_not_in("PLACE", _PLACE_2025))


@rule(
    "146",
    years="2025-26..2026-27",
    tables="Episodes",
    fields="PLACE",
    kind="code-list",
    message="PLACE (placement type) must be one of this year's placement codes when given: "
    "H5, P2 and Z1 are no longer used (Z1 is now Z11 to Z14).",
)
def placement_type_code_from_2026(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(_not_in("PLACE", _PLACE_FROM_2026))


@rule(
    "148",
    tables="Episodes",
    fields="DEC;REC",
    kind="required",
    message="DEC (episode end date) and REC (reason episode ceased) go together: give both "
    "or neither.",
)
def episode_end_and_reason(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(blank("DEC") != blank("REC"))


REASON_CEASED_CODES = _codes(
    "E11 E12 E2 E3 E4A E4B E13 E41 E45 E46 E47 E48 E5 E6 E7 E8 E9 E14 E15 E16 E17 X1"
)


@rule(
    "149",
    tables="Episodes",
    fields="REC",
    kind="code-list",
    message="REC (reason episode ceased) must be one of DfE's reason codes (E11 to E17, E2 "
    "to E9, E41 to E48, E4A, E4B, or X1) when given.",
)
def reason_ceased_code(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(_not_in("REC", REASON_CEASED_CODES))


CATALOGUE.not_implemented(
    "164",
    reason="needs each postcode's easting and northing to derive the placement distance, and "
    "the ONS postcode directory is read for postcode and local authority only "
    "(dataquality/reference.py); an extract's own PL_DISTANCE is not the derived value the "
    "rule defines.",
)


def _placement_not_found(ret: Return) -> pl.LazyFrame:
    """Episodes other than short breaks whose placement postcode is blank or not in the ONS
    postcode directory (so no placing authority or IN/OUT can be derived from it)."""
    known = ret.postcodes.select("postcode").unique()
    return (
        ret.table("Episodes")
        .filter(~pl.col("LS").fill_null("").is_in(["V3", "V4"]))
        .with_columns(
            pl.col("PL_POST").str.replace_all(" ", "").str.to_uppercase().alias("_postcode")
        )
        .join(known, left_on="_postcode", right_on="postcode", how="left", coalesce=False)
        .filter(pl.col("postcode").is_null())
        .drop("_postcode", "postcode")
    )


@rule(
    "169",
    tables="Episodes",
    fields="PL_LA",
    kind="required",
    needs="postcodes",
    message="The placement's local authority cannot be found: PL_POST (placement postcode) "
    "is blank or not a postcode in ONS's directory.",
)
def placement_authority_unknown(ret: Return) -> pl.LazyFrame:
    return _placement_not_found(ret)


@rule(
    "178",
    years="2022-23..2024-25",
    tables="Episodes",
    fields="PLACE_PROVIDER",
    kind="code-list",
    message="PLACE_PROVIDER must be PR0 to PR5, and is left blank for placements that have "
    "no provider (T0 to T4, Z1).",
)
def placement_provider_to_2025(ret: Return) -> pl.LazyFrame:
    return _provider_wrong(ret, _codes("T0 T1 T2 T3 T4 Z1"))


@rule(
    "178",
    years="2025-26..2026-27",
    tables="Episodes",
    fields="PLACE_PROVIDER",
    kind="code-list",
    message="PLACE_PROVIDER must be PR0 to PR5, and is left blank for placements that have "
    "no provider (T0 to T3, Z11 to Z14).",
)
def placement_provider_from_2026(ret: Return) -> pl.LazyFrame:
    return _provider_wrong(ret, _codes("T0 T1 T2 T3 Z11 Z12 Z13 Z14"))


def _provider_wrong(ret: Return, no_provider: list[str]) -> pl.LazyFrame:
    given = pl.col("PLACE_PROVIDER").is_not_null()
    return ret.table("Episodes").filter(
        given
        & (
            ~pl.col("PLACE_PROVIDER").is_in(_codes("PR0 PR1 PR2 PR3 PR4 PR5"))
            | pl.col("PLACE").fill_null("").is_in(no_provider)
        )
    )


@rule(
    "179",
    tables="Episodes",
    fields="PL_LOCATION",
    kind="required",
    needs="postcodes",
    message="Whether the placement is in or out of the council's area cannot be worked out: "
    "PL_POST (placement postcode) is blank or not a postcode in ONS's directory.",
)
def placement_location_unknown(ret: Return) -> pl.LazyFrame:
    return _placement_not_found(ret)


# --- Completeness of a table's group of fields -------------------------------------------


@rule(
    "151",
    tables="AD1",
    # The spec writes NB_ADOPTER; the column is NB_ADOPTR.
    fields="DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTR;SEX_ADOPTR;LS_ADOPTR",
    kind="required",
    message="Adoption details are all given or all left blank: some of DATE_INT, DATE_MATCH, "
    "FOSTER_CARE, NB_ADOPTR, SEX_ADOPTR and LS_ADOPTR are missing.",
)
def adoption_details_incomplete(ret: Return) -> pl.LazyFrame:
    return ret.table("AD1").filter(_some_not_all(AD1_FIELDS))


@rule(
    "153",
    tables="OC3",
    fields="IN_TOUCH;ACTIV;ACCOM",
    kind="required",
    message="Care-leaver details are all given or all left blank: some of IN_TOUCH, ACTIV "
    "and ACCOM are missing.",
)
def care_leaver_details_incomplete(ret: Return) -> pl.LazyFrame:
    return ret.table("OC3").filter(_some_not_all(OC3_FIELDS))


# --- Reviews, Header details -------------------------------------------------------------


@rule(
    "166",
    tables="Reviews",
    fields="REVIEW",
    kind="required",
    message="REVIEW (date of the review) must be a date, written dd/mm/yyyy.",
)
def review_date_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("Reviews").filter(blank("REVIEW"))


@rule(
    "167",
    tables="Reviews",
    fields="REVIEW_CODE",
    kind="code-list",
    message="A review needs REVIEW_CODE (the child's participation) as one of PN0 to PN7, "
    "and a participation code needs its REVIEW date.",
)
def review_participation_code(ret: Return) -> pl.LazyFrame:
    valid = pl.col("REVIEW_CODE").is_in(_codes("PN0 PN1 PN2 PN3 PN4 PN5 PN6 PN7"))
    return ret.table("Reviews").filter(
        (~blank("REVIEW") & ~valid.fill_null(False)) | (blank("REVIEW") & ~blank("REVIEW_CODE"))
    )


# A capital letter other than I, O or S, then 12 digits, or 11 digits and a capital letter.
_UPN = r"^[A-HJ-NP-RT-Z](\d{12}|\d{11}[A-Z])$"


@rule(
    "168",
    tables="Header",
    fields="UPN",
    kind="other",
    message="UPN (unique pupil number) must be 13 characters (a letter, then 12 digits or 11 "
    "digits and a letter) or one of UN1 to UN5 when given.",
)
def pupil_number_shape(ret: Return) -> pl.LazyFrame:
    upn = pl.col("UPN")
    return ret.table("Header").filter(
        upn.is_not_null() & ~upn.str.contains(_UPN) & ~upn.is_in(_codes("UN1 UN2 UN3 UN4 UN5"))
    )


@rule(
    "174",
    years="2022-23..2023-24",
    tables="Header",
    fields="SEX;MC_DOB",
    kind="other",
    message="MC_DOB (date of birth of the mother's child) must be blank for a boy (SEX 1).",
)
def male_with_childs_birth_numeric(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter((pl.col("SEX") == "1") & ~blank("MC_DOB"))


@rule(
    "174",
    years="2024-25..2026-27",
    tables="Header",
    fields="SEX;MC_DOB",
    kind="other",
    message="MC_DOB (date of birth of the mother's child) must be blank for a boy (SEX M).",
)
def male_with_childs_birth(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter((pl.col("SEX") == "M") & ~blank("MC_DOB"))


@rule(
    "175",
    tables="AD1",
    fields="NB_ADOPTR",
    kind="code-list",
    message="NB_ADOPTR (number of adopters) must be 1 or 2 when given.",
)
def number_of_adopters_code(ret: Return) -> pl.LazyFrame:
    return ret.table("AD1").filter(_not_in("NB_ADOPTR", ["1", "2"]))


@rule(
    "176",
    tables="AD1",
    fields="SEX_ADOPTR",
    kind="code-list",
    message="SEX_ADOPTR (sex of the adopters) must be M1, F1, MM, FF or MF when given.",
)
def adopters_sex_code(ret: Return) -> pl.LazyFrame:
    return ret.table("AD1").filter(_not_in("SEX_ADOPTR", _codes("M1 F1 MM FF MF")))


@rule(
    "177",
    tables="AD1",
    fields="LS_ADOPTR",
    kind="code-list",
    message="LS_ADOPTR (adopters' legal status) must be L0, L11, L12, L2, L3 or L4 when given.",
)
def adopters_legal_status_code(ret: Return) -> pl.LazyFrame:
    return ret.table("AD1").filter(_not_in("LS_ADOPTR", _codes("L0 L11 L12 L2 L3 L4")))


# --- Outcomes (OC2) ----------------------------------------------------------------------

HEALTH_FIELDS = ["IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"]
OC2_FIELDS = [
    "CONVICTED",
    "HEALTH_CHECK",
    *HEALTH_FIELDS,
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
]


def _sdq_blank() -> pl.Expr:
    return blank("SDQ_SCORE") & blank("SDQ_REASON")


def _sdq_given() -> pl.Expr:
    return ~blank("SDQ_SCORE") | ~blank("SDQ_REASON")


@rule(
    "157",
    tables="OC2;Episodes",
    fields="SDQ_REASON;DOB",
    kind="date-range",
    message="SDQ_REASON SDQ1 (no SDQ: child under 4 or over 16) is given for a child looked "
    "after all year who was 4 to 16 throughout it; give the SDQ score or another reason.",
)
def sdq_age_reason_wrong(ret: Return) -> pl.LazyFrame:
    return _of_children(
        ret.table("OC2").filter(
            blank("SDQ_SCORE")
            & (pl.col("SDQ_REASON") == "SDQ1")
            & (birthday_in(pl.col("DOB"), 4) <= ret.start)
            & (birthday_in(pl.col("DOB"), 16) >= ret.end)
        ),
        _looked_after_all_year(ret),
        keep=True,
    )


@rule(
    "158",
    tables="OC2",
    fields="INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
    kind="other",
    message="INTERVENTION_OFFERED must be blank when INTERVENTION_RECEIVED is 1 (the child "
    "received an intervention).",
)
def intervention_offered_after_received(ret: Return) -> pl.LazyFrame:
    return ret.table("OC2").filter(
        (pl.col("INTERVENTION_RECEIVED") == "1") & ~blank("INTERVENTION_OFFERED")
    )


@rule(
    "159",
    tables="OC2",
    fields="SUBSTANCE_MISUSE;INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
    kind="required",
    message="A child with a substance misuse problem (SUBSTANCE_MISUSE 1) who received no "
    "intervention (INTERVENTION_RECEIVED 0) needs INTERVENTION_OFFERED.",
)
def intervention_offered_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("OC2").filter(
        (pl.col("SUBSTANCE_MISUSE") == "1")
        & (pl.col("INTERVENTION_RECEIVED") == "0")
        & blank("INTERVENTION_OFFERED")
    )


@rule(
    "180",
    tables="OC2",
    fields="SDQ_SCORE",
    kind="code-list",
    message="SDQ_SCORE must be a whole number from 0 to 40 when given.",
)
def sdq_score_range(ret: Return) -> pl.LazyFrame:
    # A number, compared as one: "5.0" is 5.
    score = pl.col("SDQ_SCORE").str.strip_chars().cast(pl.Float64, strict=False)
    whole_in_range = score.is_between(0, 40) & (score == score.floor())
    return ret.table("OC2").filter(~blank("SDQ_SCORE") & ~whole_in_range.fill_null(False))


@rule(
    "181",
    tables="OC2",
    fields="CONVICTED;HEALTH_CHECK;IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;"
    "SUBSTANCE_MISUSE;INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
    kind="code-list",
    message="The outcome flags (CONVICTED, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK, "
    "HEALTH_ASSESSMENT, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED, INTERVENTION_OFFERED) must "
    "each be 0 or 1 when given.",
)
def outcome_flags_code(ret: Return) -> pl.LazyFrame:
    return ret.table("OC2").filter(
        pl.any_horizontal([_not_in(column, ["0", "1"]) for column in OC2_FIELDS])
    )


@rule(
    "182",
    tables="OC2",
    fields="IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE;CONVICTED;"
    "HEALTH_CHECK;INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
    kind="required",
    message="Where any of CONVICTED, HEALTH_CHECK, INTERVENTION_RECEIVED or "
    "INTERVENTION_OFFERED is given, IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT and "
    "SUBSTANCE_MISUSE are needed too.",
)
def health_outcomes_missing(ret: Return) -> pl.LazyFrame:
    others = ["CONVICTED", "HEALTH_CHECK", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"]
    return ret.table("OC2").filter(_any_filled(others) & _any_blank(HEALTH_FIELDS))


@rule(
    "184",
    tables="Header;PlacedAdoption",
    fields="DATE_PLACED;DOB",
    kind="date-order",
    message="DATE_PLACED (decision to place for adoption) is before the child's date of birth "
    "(DOB on Header), or the child has no Header date of birth to compare it with.",
)
def adoption_decision_before_birth(ret: Return) -> dict[str, pl.LazyFrame]:
    births = (
        ret.table("Header")
        .select("CHILD", pl.col("DOB").alias("_header_dob"))
        .unique("CHILD", keep="first")
    )
    # A decision with no Header date of birth to compare it with is flagged (spec's notes).
    found = (
        ret.table("PlacedAdoption")
        .filter(~blank("DATE_PLACED"))
        .join(births, on="CHILD", how="left")
        .filter(pl.col("_header_dob").is_null() | (pl.col("DATE_PLACED") < pl.col("_header_dob")))
    )
    return {"PlacedAdoption": found}


@rule(
    "185",
    tables="Episodes;OC2",
    fields="SDQ_SCORE",
    kind="cross-table",
    message="SDQ_SCORE is given for a child who was not looked after continuously all year; "
    "it is only collected for those who were.",
)
def sdq_score_not_looked_after(ret: Return) -> dict[str, pl.LazyFrame]:
    given = ret.table("OC2").filter(~blank("SDQ_SCORE"))
    return {"OC2": _of_children(given, _looked_after_all_year(ret), keep=False)}


@rule(
    "186",
    tables="Episodes;OC2",
    fields="SDQ_SCORE",
    kind="date-range",
    message="A child looked after all year, aged 4 to 16 throughout it, needs an SDQ_SCORE or "
    "an SDQ_REASON why there is none.",
)
def sdq_missing_school_age(ret: Return) -> dict[str, pl.LazyFrame]:
    missing = ret.table("OC2").filter(
        _sdq_blank()
        & (birthday_in(pl.col("DOB"), 4) <= ret.start)
        & (birthday_in(pl.col("DOB"), 17) > ret.end)
    )
    return {"OC2": _of_children(missing, _looked_after_all_year(ret), keep=True)}


@rule(
    "187",
    tables="OC3;AD1;Episodes",
    fields="DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTR;SEX_ADOPTR;LS_ADOPTR;IN_TOUCH;ACTIV;ACCOM",
    kind="cross-table",
    message="A child looked after all year is neither a care leaver nor adopted: the OC3 "
    "details (IN_TOUCH, ACTIV, ACCOM) and AD1 details should be blank.",
)
def leaver_or_adopted_but_looked_after(ret: Return) -> dict[str, pl.LazyFrame]:
    leavers = ret.table("OC3").filter(_any_filled(OC3_FIELDS))
    adopted = ret.table("AD1").filter(_any_filled(AD1_FIELDS))
    if not all(ret.has(name) for name in ("OC3", "AD1", "Episodes")):
        # Spec: the rule reads all three tables together, so runs only when all are given.
        return {"OC3": _no_rows(leavers), "AD1": _no_rows(adopted)}
    looked_after = _looked_after_all_year(ret)
    return {
        "OC3": _of_children(leavers, looked_after, keep=True),
        "AD1": _of_children(adopted, looked_after, keep=True),
    }


@rule(
    "188",
    tables="OC2",
    fields="SDQ_SCORE;SDQ_REASON",
    kind="date-range",
    message="SDQ_SCORE and SDQ_REASON must be blank for a child not yet 4 on 31 March.",
)
def sdq_under_four(ret: Return) -> pl.LazyFrame:
    return ret.table("OC2").filter(_sdq_given() & (birthday_in(pl.col("DOB"), 4) > ret.end))


@rule(
    "189",
    tables="OC2",
    fields="DOB;SDQ_SCORE;SDQ_REASON",
    kind="date-range",
    message="SDQ_SCORE and SDQ_REASON must be blank for a child already 17 before 1 April.",
)
def sdq_over_seventeen(ret: Return) -> pl.LazyFrame:
    return ret.table("OC2").filter(_sdq_given() & (birthday_in(pl.col("DOB"), 17) < ret.start))


@rule(
    "190",
    tables="OC2;Episodes",
    fields="CONVICTED;HEALTH_CHECK;IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;"
    "SUBSTANCE_MISUSE;INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
    kind="cross-table",
    message="Outcome details (CONVICTED, HEALTH_CHECK, IMMUNISATIONS and the rest) are given "
    "for a child not looked after continuously all year; they are only collected for those "
    "who were.",
)
def outcomes_not_looked_after(ret: Return) -> pl.LazyFrame:
    given = ret.table("OC2").filter(_any_filled(OC2_FIELDS))
    return _of_children(given, _looked_after_all_year(ret), keep=False)


@rule(
    "191",
    tables="OC2;Episodes",
    fields="IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE;CHILD",
    kind="cross-table",
    message="A child looked after all year needs IMMUNISATIONS, TEETH_CHECK, "
    "HEALTH_ASSESSMENT and SUBSTANCE_MISUSE on an OC2 row.",
)
def health_outcomes_looked_after(ret: Return) -> dict[str, pl.LazyFrame]:
    looked_after = _looked_after_all_year(ret)
    outcomes = ret.table("OC2")
    missing = _of_children(outcomes.filter(_any_blank(HEALTH_FIELDS)), looked_after, keep=True)
    # No OC2 row at all: the child's earliest episode carries the finding.
    without = looked_after.join(outcomes.select("CHILD"), on="CHILD", how="anti")
    earliest = (
        _of_children(ret.table("Episodes").filter(~blank("DECOM")), without, keep=True)
        .sort(["DECOM", "_row"])
        .group_by("CHILD")
        .first()
    )
    return {"OC2": missing, "Episodes": earliest}


@rule(
    "192",
    tables="OC2",
    fields="SUBSTANCE_MISUSE;INTERVENTION_RECEIVED",
    kind="required",
    message="A child with a substance misuse problem (SUBSTANCE_MISUSE 1) needs "
    "INTERVENTION_RECEIVED.",
)
def intervention_received_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("OC2").filter(
        (pl.col("SUBSTANCE_MISUSE") == "1") & blank("INTERVENTION_RECEIVED")
    )


@rule(
    "193",
    tables="OC2",
    fields="SUBSTANCE_MISUSE;INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
    kind="other",
    message="INTERVENTION_RECEIVED and INTERVENTION_OFFERED must be blank unless the child has "
    "a substance misuse problem (SUBSTANCE_MISUSE 1).",
)
def intervention_without_misuse(ret: Return) -> pl.LazyFrame:
    return ret.table("OC2").filter(
        (pl.col("SUBSTANCE_MISUSE").fill_null("0") == "0")
        & _any_filled(["INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"])
    )


@rule(
    "196",
    tables="OC2",
    fields="SDQ_REASON",
    kind="code-list",
    message="SDQ_REASON must be one of SDQ1 to SDQ5 when given.",
)
def sdq_reason_code(ret: Return) -> pl.LazyFrame:
    return ret.table("OC2").filter(_not_in("SDQ_REASON", _codes("SDQ1 SDQ2 SDQ3 SDQ4 SDQ5")))


@rule(
    "197a",
    tables="OC2",
    fields="SDQ_SCORE;SDQ_REASON",
    kind="other",
    message="Give either SDQ_SCORE or SDQ_REASON (why there is no score), not both.",
)
def sdq_score_and_reason(ret: Return) -> pl.LazyFrame:
    return ret.table("OC2").filter(~blank("SDQ_SCORE") & ~blank("SDQ_REASON"))


@rule(
    "197B",
    tables="OC2;Episodes",
    fields="SDQ_REASON;DOB",
    kind="date-range",
    message="A child looked after all year who turned 4 or 17 during it needs an SDQ_SCORE or "
    "an SDQ_REASON why there is none.",
)
def sdq_missing_turning_age(ret: Return) -> pl.LazyFrame:
    dob = pl.col("DOB")
    turns = birthday_in(dob, 4).is_between(ret.start, ret.end) | birthday_in(dob, 17).is_between(
        ret.start, ret.end
    )
    missing = ret.table("OC2").filter(_sdq_blank() & turns)
    return _of_children(missing, _looked_after_all_year(ret), keep=True)


@rule(
    "198",
    tables="Episodes;OC2",
    fields="SDQ_REASON",
    kind="cross-table",
    message="SDQ_REASON is given for a child who was not looked after continuously all year; "
    "it is only collected for those who were.",
)
def sdq_reason_not_looked_after(ret: Return) -> dict[str, pl.LazyFrame]:
    given = ret.table("OC2").filter(~blank("SDQ_REASON"))
    return {"OC2": _of_children(given, _looked_after_all_year(ret), keep=False)}


# --- Mothers, and care after adoption ----------------------------------------------------


@rule(
    "165",
    tables="Header;Episodes;OC3",
    fields="MOTHER;SEX;ACTIV;ACCOM;IN_TOUCH;DECOM",
    kind="cross-table",
    message="MOTHER must be 0 or 1, is left blank for a boy, and is given for a girl looked "
    "after during the year (and blank for a girl only in the care-leaver return, OC3).",
)
def mother_flag(ret: Return) -> dict[str, pl.LazyFrame]:
    # SEX is 1/2 until 2023-24 and M/F from 2024-25: the spec writes the rule in the old
    # codes, and its evident intent (boys, girls) reads both.
    care = ret.table("Episodes").filter(
        ~blank("DECOM") & ~pl.col("LS").fill_null("").is_in(["V3", "V4"])
    )
    in_year = (pl.col("DECOM") <= ret.end) & (pl.col("DEC").fill_null(ret.end) >= ret.start)
    checked = care.group_by("CHILD").agg(in_year.any().alias("_in_year"))
    leavers = (
        ret.table("OC3")
        .filter(_any_filled(OC3_FIELDS))
        .select("CHILD")
        .unique()
        .with_columns(pl.lit(True).alias("_leaver"))
    )
    mother, sex = pl.col("MOTHER"), pl.col("SEX")
    boy, girl = sex.is_in(["1", "M"]), sex.is_in(["2", "F"])
    given = mother.is_not_null()
    header = (
        ret.table("Header")
        .join(checked, on="CHILD", how="inner")
        .join(leavers, on="CHILD", how="left")
        .filter(
            (given & ~mother.is_in(["0", "1"]))
            | (given & boy)
            | (girl & ~given & pl.col("_in_year"))
            | (girl & given & ~pl.col("_in_year") & pl.col("_leaver").fill_null(False))
        )
    )
    oc3 = _of_children(ret.table("OC3"), header.select("CHILD"), keep=True)
    return {"Header": header, "OC3": oc3}


@rule(
    "199",
    tables="Episodes;Episodes_last",
    fields="CHILD",
    kind="previous-year",
    message="This episode starts on or after the child's adoption (an earlier episode ended "
    "E11 or E12, this year or last): an adopted child is not looked after again under the "
    "same CHILD identifier.",
)
def care_after_adoption(ret: Return) -> pl.LazyFrame:
    # Last year's episodes are read when supplied (the rule runs on this year's alone too).
    def episodes(frame: pl.LazyFrame, current: bool) -> pl.LazyFrame:
        return frame.filter(~blank("DECOM")).select(
            "CHILD", "DECOM", "REC", "_row", pl.lit(current).alias("_current")
        )

    pooled = pl.concat(
        [episodes(ret.last("Episodes"), False), episodes(ret.table("Episodes"), True)]
    )
    adoption = (
        pooled.filter(pl.col("REC").is_in(["E11", "E12"]))
        .sort(["DECOM", "_current", "_row"])
        .group_by("CHILD")
        .first()
        .select(
            "CHILD",
            pl.col("DECOM").alias("_adopted_decom"),
            pl.col("_current").alias("_adopted_current"),
            pl.col("_row").alias("_adopted_row"),
        )
    )
    that_episode = pl.col("_adopted_current") & (pl.col("_row") == pl.col("_adopted_row"))
    return (
        ret.table("Episodes")
        .filter(~blank("DECOM"))
        .join(adoption, on="CHILD", how="inner")
        .filter((pl.col("DECOM") >= pl.col("_adopted_decom")) & ~that_episode)
    )
