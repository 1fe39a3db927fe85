"""SSDA903 rules 200-299: this year against last year, UPNs, placements' URNs, providers and
where a child is placed (DfE's SSDA903 validation rules, ../shared/domain/rules)."""

from __future__ import annotations

from datetime import date

import polars as pl

from trajectory.dataquality.ssda903 import CATALOGUE
from trajectory.dataquality.ssda903.common import Return, age_on, birthday_in, blank

rule = CATALOGUE.rule

NO_URN = "XXXXXXX"  # DfE's URN for a regional adoption agency placement
TEMPORARY = ["T0", "T1", "T2", "T3", "T4"]
ADOPTION = ["A3", "A4", "A5", "A6"]
ADOPTION_U = ["U1", "U2", "U3", "U4", "U5", "U6"]
Z_SPLIT = ["Z11", "Z12", "Z13", "Z14"]  # Z1 split in 2025-26
UN_CODES = ["UN1", "UN2", "UN3", "UN4", "UN5"]
OUTSIDE_ENGLAND = ("N", "W", "S")  # ONS codes of Northern Ireland, Wales, Scotland


def _upper(column: str) -> pl.Expr:
    """A free-text column compared as DfE does, case- and edge-space-insensitively."""
    return pl.col(column).str.strip_chars().str.to_uppercase()


def _real_urn() -> pl.Expr:
    return pl.col("URN").is_not_null() & (_upper("URN") != NO_URN)


def _last(ret: Return, name: str, *columns: str) -> pl.LazyFrame:
    """Last year's table, one row a child, its columns prefixed `_last_`."""
    return (
        ret.last(name)
        .select("CHILD", *[pl.col(c).alias(f"_last_{c}") for c in columns])
        .unique("CHILD", keep="first")
    )


def _children(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame.select("CHILD").unique()


def _of(table: pl.LazyFrame, children: pl.LazyFrame) -> pl.LazyFrame:
    """The table's rows for these children."""
    return table.join(children.unique("CHILD"), on="CHILD", how="semi")


def _in_order(episodes: pl.LazyFrame) -> pl.LazyFrame:
    """Each child's episodes by start date, with the next and previous episode's codes."""
    return episodes.sort("CHILD", "DECOM", "_row").with_columns(
        pl.col("RNE").shift(-1).over("CHILD").alias("_next_RNE"),
        pl.col("PLACE").shift(-1).over("CHILD").alias("_next_PLACE"),
        pl.col("CHILD").shift(-1).over("CHILD").alias("_next_CHILD"),
        pl.col("REASON_PLACE_CHANGE").shift(1).over("CHILD").alias("_previous_RPC"),
    )


def _uasc_flag(uasc: pl.LazyFrame) -> pl.LazyFrame:
    """Children marked UASC. The Header as read holds no UASC flag, so (as DfE's CSV
    specification reads it) a child is UASC when their UASC row holds anything beyond CHILD
    and DOB."""
    return (
        uasc.filter(pl.col("SEX").is_not_null() | pl.col("DUC").is_not_null())
        .select("CHILD")
        .unique()
    )


# -- this year against last year --------------------------------------------------------


@rule(
    "202",
    tables="Header;Header_last",
    fields="SEX",
    kind="previous-year",
    needs="previous",
    message="SEX differs from last year's return for the same child.",
)
def sex_changed(ret: Return) -> pl.LazyFrame:
    # 2024-25 wrote sex as M, F and U where 2023-24 wrote 1 and 2: the same child's 1 last year
    # and M this year is the same sex, so both are read as letters before comparing.
    last = ret.last("Header").select("CHILD", _sex_letter("SEX").alias("_last_sex")).unique("CHILD")
    return (
        ret.table("Header")
        .join(last, on="CHILD", how="inner")
        .filter(_sex_letter("SEX").fill_null("") != pl.col("_last_sex").fill_null(""))
    )


def _sex_letter(column: str) -> pl.Expr:
    return pl.col(column).str.strip_chars().replace({"1": "M", "2": "F"})


@rule(
    "203",
    tables="Header;Header_last",
    fields="DOB",
    kind="previous-year",
    needs="previous",
    message="DOB differs from the date of birth in last year's return for the same child.",
)
def dob_changed(ret: Return) -> pl.LazyFrame:
    return (
        ret.table("Header")
        .join(_last(ret, "Header", "DOB"), on="CHILD", how="inner")
        .filter(~pl.col("DOB").eq_missing(pl.col("_last_DOB")))
    )


@rule(
    "204",
    tables="Header;Header_last",
    fields="ETHNIC",
    kind="previous-year",
    needs="previous",
    message="ETHNIC differs from the ethnic origin in last year's return for the same child.",
)
def ethnicity_changed(ret: Return) -> pl.LazyFrame:
    return (
        ret.table("Header")
        .join(_last(ret, "Header", "ETHNIC"), on="CHILD", how="inner")
        .filter(~_upper("ETHNIC").eq_missing(_upper("_last_ETHNIC")))
    )


def _uasc_both_years(ret: Return) -> pl.LazyFrame:
    """Each child in this year's UASC table, whether UASC this year and last, with DUCs and
    last year's DOB."""
    now = _uasc_flag(ret.table("UASC")).with_columns(pl.lit(True).alias("_uasc"))
    then = _uasc_flag(ret.last("UASC")).with_columns(pl.lit(True).alias("_last_uasc"))
    last_duc = _last(ret, "UASC", "DUC", "DOB")
    last_dob = _last(ret, "Header", "DOB").rename({"_last_DOB": "_last_header_DOB"})
    return (
        ret.table("UASC")
        .group_by("CHILD")
        .agg(pl.col("DUC").drop_nulls().first())
        .join(now, on="CHILD", how="left")
        .join(then, on="CHILD", how="left")
        .join(last_duc, on="CHILD", how="left")
        .join(last_dob, on="CHILD", how="left")
        .with_columns(pl.col("_uasc", "_last_uasc").fill_null(False))
    )


def _uasc_and_header(ret: Return, children: pl.LazyFrame) -> dict[str, pl.LazyFrame]:
    return {
        "UASC": _of(ret.table("UASC"), children),
        "Header": _of(ret.table("Header"), children),
    }


CATALOGUE.not_implemented(
    "205C",
    reason="needs a child's UASC flag apart from the UASC table; the return as read has none "
    "(the Header holds no UASC column), and with the flag inferred from the UASC table a "
    "filled DUC always means UASC, so a non-UASC child with a DUC cannot be found",
)


@rule(
    "205A",
    tables="UASC;UASC_last;Header;Header_last",
    fields="CHILD;UASC",
    kind="previous-year",
    needs="previous",
    message="The child was UASC last year but is not now: last year's DUC must fall in last "
    "year's collection year and this year's DUC must be blank.",
)
def uasc_ceased(ret: Return) -> dict[str, pl.LazyFrame]:
    last_start, last_end = date(ret.year - 2, 4, 1), date(ret.year - 1, 3, 31)
    ceased = _uasc_both_years(ret).filter(~pl.col("_uasc") & pl.col("_last_uasc"))
    wrong = pl.col("DUC").is_not_null() | ~pl.col("_last_DUC").is_between(
        pl.lit(last_start), pl.lit(last_end)
    ).fill_null(False)
    return _uasc_and_header(ret, ceased.filter(wrong))


@rule(
    "205B",
    tables="UASC;UASC_last;Header;Header_last",
    fields="DUC;UASC",
    kind="previous-year",
    needs="previous",
    message="A child UASC both years: last year's DUC must be the 18th birthday, and a DUC "
    "outside this year must match last year's.",
)
def uasc_ceased_date_moved(ret: Return) -> dict[str, pl.LazyFrame]:
    # Evident intent, not the peer's: a blank DUC last year is not flagged (spec notes).
    both = _uasc_both_years(ret).filter(pl.col("_uasc") & pl.col("_last_uasc"))
    last_dob = pl.coalesce("_last_DOB", "_last_header_DOB")
    wrong_last = pl.col("_last_DUC").is_not_null() & (
        pl.col("_last_DUC") != birthday_in(last_dob, 18)
    )
    outside = pl.col("DUC").is_not_null() & ~pl.col("DUC").is_between(
        pl.lit(ret.start), pl.lit(ret.end)
    )
    moved = outside & ~pl.col("DUC").eq_missing(pl.col("_last_DUC"))
    return _uasc_and_header(ret, both.filter(wrong_last.fill_null(False) | moved))


@rule(
    "205D",
    tables="UASC;UASC_last;Header;Header_last",
    fields="UASC;CHILD",
    kind="previous-year",
    needs="previous",
    message="The child is UASC this year but was not last year: UASC status cannot begin "
    "once a child is looked after.",
)
def uasc_started(ret: Return) -> dict[str, pl.LazyFrame]:
    both_years = _children(ret.table("Header")).join(
        _children(ret.last("Header")), on="CHILD", how="semi"
    )
    started = (
        _uasc_flag(ret.table("UASC"))
        .join(both_years, on="CHILD", how="semi")
        .join(_uasc_flag(ret.last("UASC")), on="CHILD", how="anti")
    )
    return _uasc_and_header(ret, started)


@rule(
    "207",
    tables="Header;Episodes;Header_last",
    fields="MOTHER",
    kind="previous-year",
    needs="previous",
    message="MOTHER was 1 last year, so it must stay 1 for this child this year.",
)
def mother_changed(ret: Return) -> pl.LazyFrame:
    return (
        ret.table("Header")
        .join(_children(ret.table("Episodes")), on="CHILD", how="semi")
        .join(_last(ret, "Header", "MOTHER"), on="CHILD", how="inner")
        .filter((_upper("_last_MOTHER") == "1") & ~_upper("MOTHER").eq_missing(pl.lit("1")))
    )


@rule(
    "208",
    tables="Header;Header_last",
    fields="UPN",
    kind="previous-year",
    needs="previous",
    message="UPN differs from last year's for the same child (only UN1 or blank may become "
    "UN2-UN5, and only blank or a UN code may become a real UPN).",
)
def upn_changed(ret: Return) -> pl.LazyFrame:
    now, then = _upper("UPN"), _upper("_last_UPN")
    now_real = now.is_not_null() & ~now.is_in(UN_CODES)
    allowed = (
        now.eq_missing(then)
        | ((then.is_null() | (then == "UN1")) & now.is_in(UN_CODES[1:]))
        | ((then.is_null() | then.is_in(UN_CODES)) & now_real)
    )
    return (
        ret.table("Header")
        .join(_last(ret, "Header", "UPN"), on="CHILD", how="inner")
        .filter(~allowed.fill_null(False))
    )


# -- UPNs --------------------------------------------------------------------------------


@rule(
    "209",
    tables="Header",
    fields="UPN;DOB",
    kind="date-range",
    message="UPN is UN1 (child not yet of school age) but the child was 4 by 31 August of "
    "the year before this collection began, so should have a UPN.",
)
def un1_school_age(ret: Return) -> pl.LazyFrame:
    cutoff = date(ret.year - 2, 8, 31)
    return ret.table("Header").filter(
        (_upper("UPN") == "UN1") & (birthday_in(pl.col("DOB"), 4) <= cutoff)
    )


@rule(
    "210",
    tables="Header;Episodes",
    fields="UPN;DECOM",
    kind="date-range",
    message="UPN is UN4 (UPN not yet obtained) for a child whose episode began on or after "
    "24 March: UN4 is only for children who came into care in the last week of the year.",
)
def un4_late_start(ret: Return) -> dict[str, pl.LazyFrame]:
    # Read as: the child's episodes that began on or after 24 March are flagged with the
    # Header row (the episodes before then are not at fault).
    header = ret.table("Header").filter(_upper("UPN") == "UN4")
    late = ret.table("Episodes").filter(pl.col("DECOM") >= date(ret.year, 3, 24))
    late = late.join(_children(header), on="CHILD", how="semi")
    return {"Header": _of(header, _children(late)), "Episodes": late}


# -- placements, providers and URNs -------------------------------------------------------


def _provider_filled_when_temporary(places: list[str]):
    def check(ret: Return) -> pl.LazyFrame:
        return ret.table("Episodes").filter(
            pl.col("PLACE").is_in(places) & pl.col("PLACE_PROVIDER").is_not_null()
        )

    return check


rule(
    "213",
    years="2022-23..2024-25",
    tables="Episodes",
    fields="PLACE_PROVIDER",
    kind="other",
    message="PLACE_PROVIDER must be blank for a temporary placement (PLACE T0-T4).",
)(_provider_filled_when_temporary(TEMPORARY))
rule(
    "213",
    years="2025-26..2026-27",
    tables="Episodes",
    fields="PLACE_PROVIDER",
    kind="other",
    message="PLACE_PROVIDER must be blank when PLACE is T0-T4 or Z11-Z14.",
)(_provider_filled_when_temporary(TEMPORARY + Z_SPLIT))


@rule(
    "214",
    tables="Episodes",
    fields="PL_POST;URN",
    kind="other",
    message="PL_POST and URN must be blank for a series of short breaks (LS V3 or V4).",
)
def short_break_placement(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        pl.col("LS").is_in(["V3", "V4"])
        & (pl.col("PL_POST").is_not_null() | pl.col("URN").is_not_null())
    )


OC2_FIELDS = [
    "CONVICTED",
    "HEALTH_CHECK",
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
]
OC3_FIELDS = ["IN_TOUCH", "ACTIV", "ACCOM"]


def any_filled(columns: list[str]) -> pl.Expr:
    return pl.any_horizontal([pl.col(c).is_not_null() for c in columns])


@rule(
    "215",
    tables="OC3;OC2",
    fields="IN_TOUCH;ACTIV;ACCOM;CONVICTED;HEALTH_CHECK;IMMUNISATIONS;TEETH_CHECK;"
    "HEALTH_ASSESSMENT;SUBSTANCE_MISUSE;INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
    kind="cross-table",
    message="A child has both care leaver (OC3) and children-looked-after outcomes (OC2) "
    "filled: only one of the two can apply.",
)
def leaver_and_outcomes(ret: Return) -> dict[str, pl.LazyFrame]:
    oc3 = ret.table("OC3").filter(any_filled(OC3_FIELDS))
    oc2 = ret.table("OC2").filter(any_filled(OC2_FIELDS))
    return {
        "OC3": oc3.join(_children(oc2), on="CHILD", how="semi"),
        "OC2": oc2.join(_children(oc3), on="CHILD", how="semi"),
    }


@rule(
    "217",
    tables="Episodes",
    fields="PLACE;DECOM;RNE",
    kind="code-list",
    message="A placement with a prospective adopter (PLACE A3 or A5) from 1 April 2015 must "
    "have RNE S, T or U.",
)
def adoption_placement_reason(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        pl.col("PLACE").is_in(["A3", "A5"])
        & (pl.col("DECOM") >= date(2015, 4, 1))
        & ~pl.col("RNE").is_in(["S", "T", "U"]).fill_null(False)
    )


@rule(
    "217t",
    years="2023-24",
    tables="Episodes",
    fields="PLACE;DECOM",
    kind="date-range",
    message="PLACE P2 was withdrawn from 28 October 2023: an episode with P2 must have "
    "ended by then (DEC).",
)
def p2_withdrawn(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        (pl.col("PLACE") == "P2") & (blank("DEC") | (pl.col("DEC") > date(2023, 10, 28)))
    )


def _urn_must_be_blank(places: list[str]):
    def check(ret: Return) -> pl.LazyFrame:
        return ret.table("Episodes").filter(pl.col("PLACE").is_in(places) & _real_urn())

    return check


_NO_URN_PLACES = ["P1", "P3", "R1", "R2", "R5", *TEMPORARY]
for _years, _places in (
    ("2022-23", ["H5", "P2", *_NO_URN_PLACES, "Z1"]),
    ("2023-24", ["P2", *_NO_URN_PLACES, "Z1"]),
    ("2024-25", [*_NO_URN_PLACES, "Z1"]),
    ("2025-26..2026-27", [*_NO_URN_PLACES, *Z_SPLIT]),
):
    rule(
        "222",
        years=_years,
        tables="Episodes",
        fields="URN",
        kind="other",
        message=f"URN must be blank (or XXXXXXX) when PLACE is {', '.join(_places)}: "
        "these placements are not registered with Ofsted.",
    )(_urn_must_be_blank(_places))


@rule(
    "225",
    tables="Episodes",
    fields="REASON_PLACE_CHANGE",
    kind="required",
    message="REASON_PLACE_CHANGE is blank on an episode that ended with a change of "
    "placement (REC X1, next episode RNE P, B, T or U).",
)
def placement_change_reason_missing(ret: Return) -> pl.LazyFrame:
    return _in_order(ret.table("Episodes")).filter(
        (pl.col("REC") == "X1")
        & blank("REASON_PLACE_CHANGE")
        & ~pl.col("PLACE").is_in(TEMPORARY).fill_null(False)
        & pl.col("_next_CHILD").is_not_null()
        & pl.col("_next_RNE").is_in(["P", "B", "T", "U"]).fill_null(False)
        & ~pl.col("_next_PLACE").is_in(TEMPORARY).fill_null(False)
    )


def _temporary_with_reason(ret: Return) -> pl.LazyFrame:
    return _in_order(ret.table("Episodes")).filter(
        pl.col("PLACE").is_in(TEMPORARY)
        & (pl.col("REASON_PLACE_CHANGE").is_not_null() | pl.col("_previous_RPC").is_not_null())
    )


rule(
    "226",
    years="2022-23..2024-25",
    tables="Episodes",
    fields="REASON_PLACE_CHANGE;PLACE",
    kind="other",
    message="REASON_PLACE_CHANGE must be blank for a temporary placement (PLACE T0-T4) and "
    "on the episode before it.",
)(_temporary_with_reason)
rule(
    "226",
    years="2025-26..2026-27",
    tables="Episodes",
    fields="REASON_PLACE_CHANGE;PLACE",
    kind="other",
    message="A move into or out of a temporary placement (PLACE T0-T4) is not a change of "
    "placement: leave REASON_PLACE_CHANGE blank there and on the episode before.",
)(_temporary_with_reason)


@rule(
    "231",
    years="2024-25..2026-27",
    tables="Header;UASC",
    fields="DOB;UASC_STATUS",
    kind="date-range",
    message="The child is recorded as UASC but is under 11 at 31 March (DOB).",
)
def young_uasc(ret: Return) -> pl.LazyFrame:
    # The peer reads a column that never exists (spec notes); the UASC flag here is the
    # UASC table's (_uasc_flag).
    return (
        ret.table("Header")
        .join(_uasc_flag(ret.table("UASC")), on="CHILD", how="semi")
        .filter(age_on(pl.col("DOB"), ret.end) < 11)
    )


@rule(
    "232",
    years="2024-25..2026-27",
    tables="Header",
    fields="SEX",
    kind="code-list",
    message="SEX is U (not known): please check whether the child's sex can be recorded.",
)
def sex_unknown(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter(pl.col("SEX").str.strip_chars() == "U")


@rule(
    "233",
    years="2025-26..2026-27",
    tables="Episodes",
    fields="REASON_PLACE_CHANGE",
    kind="other",
    message="REASON_PLACE_CHANGE is filled on an episode that has not ended (DEC blank).",
)
def open_episode_with_change_reason(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(blank("DEC") & pl.col("REASON_PLACE_CHANGE").is_not_null())


@rule(
    "234",
    years="2025-26..2026-27",
    tables="Episodes;Header",
    fields="REASON_PLACE_CHANGE;DOB",
    kind="date-order",
    message="REASON_PLACE_CHANGE is CUSTOD (custody) for an episode starting before the "
    "child's 10th birthday, the age of criminal responsibility.",
)
def custody_under_ten(ret: Return) -> dict[str, pl.LazyFrame]:
    dob = ret.table("Header").select("CHILD", pl.col("DOB").alias("_dob")).unique("CHILD")
    episodes = (
        ret.table("Episodes")
        .filter(pl.col("REASON_PLACE_CHANGE") == "CUSTOD")
        .join(dob, on="CHILD", how="inner")
        .filter(pl.col("DECOM") < birthday_in(pl.col("_dob"), 10))
    )
    return {"Episodes": episodes, "Header": _of(ret.table("Header"), _children(episodes))}


@rule(
    "242",
    years="2025-26..2026-27",
    tables="Episodes",
    fields="URN",
    kind="code-list",
    message="URN XXXXXXX is only for adoption placements (PLACE A3-A6 or U1-U6).",
)
def raa_urn_outside_adoption(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        (_upper("URN") == NO_URN) & ~pl.col("PLACE").is_in(ADOPTION + ADOPTION_U).fill_null(False)
    )


# -- where the child is placed (ONS postcode directory) -----------------------------------


def placed_la(ret: Return, episodes: pl.LazyFrame) -> pl.LazyFrame:
    """Episodes with `_placed_la`: the ONS local authority code of PL_POST (null where the
    postcode is blank or not in the directory). English codes begin E; Scotland's S, Wales'
    W, Northern Ireland's N (and the Channel Islands' L, the Isle of Man's M)."""
    directory = ret.postcodes.select("postcode", pl.col("la").alias("_placed_la")).unique(
        "postcode"
    )
    return episodes.with_columns(
        _upper("PL_POST").str.replace_all(" ", "").alias("_postcode")
    ).join(directory, left_on="_postcode", right_on="postcode", how="left")


def _in_england() -> pl.Expr:
    return pl.col("_placed_la").str.starts_with("E").fill_null(False)


def _outside_england() -> pl.Expr:
    return (
        pl.col("_placed_la").is_not_null() & ~pl.col("_placed_la").str.starts_with("E")
    ).fill_null(False)


def _urn_missing(places: list[str], *, unresolved_exempt: bool):
    def check(ret: Return) -> pl.LazyFrame:
        where = _in_england() if unresolved_exempt else ~_outside_england()
        current = ret.table("Episodes").filter(
            blank("URN")
            & (blank("DEC") | (pl.col("DEC") >= ret.start))
            & ~pl.col("PLACE").is_in(places).fill_null(False)
        )
        return placed_la(ret, current).filter(where)

    return check


for _years, _places, _exempt, _message in (
    (
        "2022-23..2023-24",
        ["H5", "P1", "P2", "P3", "R1", "R2", "R5", *TEMPORARY, "Z1"],
        True,
        "URN is blank for a placement in England that Ofsted registers: give the provider's URN.",
    ),
    (
        "2024-25",
        [*_NO_URN_PLACES, "Z1"],
        True,
        "URN is blank for a placement in England that Ofsted registers (now including H5 "
        "and P2): give the provider's URN.",
    ),
    (
        "2025-26..2026-27",
        [*_NO_URN_PLACES, *Z_SPLIT],
        False,
        "URN is blank for a placement that Ofsted registers and that PL_POST does not place "
        "outside England: give the provider's URN.",
    ),
):
    rule(
        "218",
        years=_years,
        tables="Episodes",
        fields="URN",
        kind="required",
        needs="postcodes",
        message=_message,
    )(_urn_missing(_places, unresolved_exempt=_exempt))


@rule(
    "230",
    years="2023-24",
    tables="Episodes",
    fields="PLACE;DEC;URN",
    kind="required",
    needs="postcodes",
    message="A supported accommodation placement (PLACE H5) in England open on or after 29 "
    "October 2023 needs the provider's URN.",
)
def supported_accommodation_urn(ret: Return) -> pl.LazyFrame:
    current = ret.table("Episodes").filter(
        (pl.col("PLACE") == "H5")
        & (blank("DEC") | (pl.col("DEC") >= date(2023, 10, 29)))
        & (blank("URN") | (_upper("URN") == NO_URN))
    )
    return placed_la(ret, current).filter(_in_england())


@rule(
    "243",
    years="2025-26..2026-27",
    tables="Episodes",
    fields="URN",
    kind="other",
    needs="postcodes",
    message="URN must be blank for a placement outside England (by PL_POST): Ofsted does "
    "not register providers there.",
)
def urn_outside_england(ret: Return) -> pl.LazyFrame:
    current = ret.table("Episodes").filter(pl.col("URN").is_not_null())
    return placed_la(ret, current).filter(_outside_england())


CATALOGUE.not_implemented(
    "241",
    years="2025-26..2026-27",
    reason="compares the placement's local authority (from PL_POST) with the submitting "
    "council's code; the ONS directory gives ONS codes (E06000001) and no table maps them to "
    "DfE's three-digit LA codes, and DfE's intent (the provider's own premises) needs "
    "Ofsted's premises list, which is not configured",
)


# -- Ofsted's provider lists --------------------------------------------------------------


def _providers(ret: Return) -> pl.LazyFrame:
    """Ofsted's lists, one row a URN: URN, REG_END (registration ended, a date) and
    POSTCODE, the columns the open validators read (reference.py)."""
    from trajectory.returns.ssda903.values import read_dates

    names = ret.providers.collect_schema().names()
    return ret.providers.select(
        pl.col("URN").str.strip_chars().str.to_uppercase().alias("_urn"),
        (read_dates(pl.col("REG_END")) if "REG_END" in names else pl.lit(None, pl.Date)).alias(
            "_reg_end"
        ),
        (
            pl.col("POSTCODE").str.replace_all(" ", "").str.to_uppercase()
            if "POSTCODE" in names
            else pl.lit(None, pl.String)
        ).alias("_provider_postcode"),
    ).unique("_urn")


def _with_provider(ret: Return, episodes: pl.LazyFrame) -> pl.LazyFrame:
    return episodes.filter(_real_urn()).join(
        _providers(ret), left_on=_upper("URN"), right_on="_urn", how="left"
    )


@rule(
    "227",
    tables="Episodes;Provider Info;provider_info",
    fields="URN;DECOM",
    kind="cross-table",
    needs="providers",
    message="The placement began (DECOM) on or after the day the provider's Ofsted "
    "registration ended.",
)
def started_after_deregistration(ret: Return) -> pl.LazyFrame:
    return _with_provider(ret, ret.table("Episodes")).filter(pl.col("DECOM") >= pl.col("_reg_end"))


@rule(
    "228",
    tables="Episodes;Provider Info;provider_info",
    fields="URN;DEC",
    kind="cross-table",
    needs="providers",
    message="The placement continued (DEC, or still open at 31 March) after the provider's "
    "Ofsted registration ended.",
)
def ended_after_deregistration(ret: Return) -> pl.LazyFrame:
    return _with_provider(ret, ret.table("Episodes")).filter(
        pl.col("_reg_end").is_not_null()
        & (pl.col("DEC").fill_null(pl.lit(ret.end)) > pl.col("_reg_end"))
    )


def _postcode_differs(places: list[str]):
    def check(ret: Return) -> pl.LazyFrame:
        current = ret.table("Episodes").filter(
            ~pl.col("LS").is_in(["V3", "V4"]).fill_null(False)
            & pl.col("PLACE").is_in(places)
            & pl.col("PL_POST").is_not_null()
        )
        return _with_provider(ret, current).filter(
            ~_upper("PL_POST").str.replace_all(" ", "").eq_missing(pl.col("_provider_postcode"))
        )

    return check


for _years, _places in (
    ("2022-23", ["K1", "K2", "R3", "S1"]),
    ("2023-24", ["H5", "K1", "K2", "R3", "S1"]),
    ("2024-25..2026-27", ["K1", "K2", "K3", "R3", "S1"]),
):
    rule(
        "221",
        years=_years,
        tables="Episodes;Provider Info;provider_info",
        fields="PL_POST",
        kind="cross-table",
        needs="providers",
        message=f"PL_POST differs from the postcode Ofsted holds for the URN (PLACE "
        f"{', '.join(_places)}).",
    )(_postcode_differs(_places))

CATALOGUE.not_implemented(
    "219",
    reason="needs the placement types Ofsted lists for each URN; the provider lists as "
    "configured (reference.py) define only URN, registration end and postcode",
)
CATALOGUE.not_implemented(
    "224",
    reason="needs the provider codes Ofsted lists for each URN; the provider lists as "
    "configured (reference.py) define only URN, registration end and postcode",
)
for _years in ("2022-23..2024-25", "2025-26..2026-27"):
    CATALOGUE.not_implemented(
        "229",
        years=_years,
        reason="needs each provider's local authority in DfE's code (the peer infers it "
        "from the postcode) to compare with the submitting council's; no reference table "
        "maps ONS codes to DfE's LA codes",
    )
