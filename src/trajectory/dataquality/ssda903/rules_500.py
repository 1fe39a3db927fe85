"""SSDA903 rules 500-599: episodes against each other and last year, adoption (AD1,
PlacedAdoption), the OC2 outcomes by age, and missing periods (Missing).

Each check follows the `check` and `notes` of ../shared/domain/rules/ssda903_rules.csv (DfE's
SSDA903 validation rules as the open validators implement them); dates are compared as dates,
never as the text written (the peer tools' 583/584 bug)."""

from __future__ import annotations

import polars as pl

from trajectory.dataquality.ssda903 import CATALOGUE
from trajectory.dataquality.ssda903.common import (
    ROW,
    Return,
    birthday_in,
    blank,
    looked_after_all_year,
)

rule = CATALOGUE.rule

CHILD = "CHILD"
ADOPTION_PLACES = ["A3", "A4", "A5", "A6"]
SHORT_BREAK_PLACES = ["U1", "U2", "U3", "U4", "U5", "U6"]
ADOPTED = ["E11", "E12"]
AD1_FIELDS = ["DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"]
OC2_HEALTH = ["IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"]


# --- shared expressions -------------------------------------------------------------------


def _is(column: str, *codes: str) -> pl.Expr:
    """The coded column holds one of the codes (a blank holds none)."""
    return pl.col(column).fill_null("").is_in(list(codes))


def _rows(table: pl.LazyFrame, flagged: pl.LazyFrame) -> pl.LazyFrame:
    """The table's own rows (all their columns) whose `_row` is among the flagged."""
    return table.join(flagged.select(ROW).unique(), on=ROW, how="semi")


def _previous(column: str) -> pl.Expr:
    """The value on the child's previous row (the frame sorted by child first)."""
    return pl.col(column).shift(1).over(CHILD)


def _has_previous() -> pl.Expr:
    return pl.int_range(pl.len()).over(CHILD) > 0


def _first_of_child(frame: pl.LazyFrame, by: str, *, descending: bool = False) -> pl.LazyFrame:
    """Each child's row with the earliest (or latest) valid `by` date; ties go to the file's
    first row, as the peer's idxmin/idxmax do."""
    return (
        frame.filter(pl.col(by).is_not_null())
        .sort([CHILD, by, ROW], descending=[False, descending, False])
        .unique(CHILD, keep="first", maintain_order=True)
    )


def _first_against_last_year(ret: Return) -> pl.LazyFrame:
    """Each child's earliest episode this year beside their latest episode last year (by
    DECOM), where that one is still open: the 503 rules' comparison; last year's columns
    carry the suffix `_last`."""
    latest = _first_of_child(ret.last("Episodes"), "DECOM", descending=True).filter(blank("DEC"))
    latest = latest.select(pl.all().name.suffix("_last")).rename({"CHILD_last": CHILD})
    return _first_of_child(ret.table("Episodes"), "DECOM").join(latest, on=CHILD, how="inner")


def _changed(column: str) -> pl.Expr:
    """This year's value differs from last year's; two blanks are the same, one blank is not."""
    return pl.col(column).ne_missing(pl.col(f"{column}_last"))


def _episodes_by_start(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").sort([CHILD, "DECOM", ROW], nulls_last=True)


def _periods_of_care(ret: Return) -> pl.LazyFrame:
    """A child's periods of care (577, 578): their episodes by DECOM, a new period whenever an
    episode starts after the previous one's DEC; a period ends at its last episode's DEC
    (blank: still open)."""
    episodes = (
        ret.table("Episodes")
        .filter(pl.col("DECOM").is_not_null())
        .sort([CHILD, "DECOM", ROW])
        .with_columns((pl.col("DECOM") > _previous("DEC")).fill_null(False).alias("_new"))
        .with_columns(pl.col("_new").cum_sum().over(CHILD).alias("_period"))
    )
    return episodes.group_by(CHILD, "_period").agg(
        pl.col("DECOM").first().alias("_period_start"),
        pl.col("DEC").last().alias("_period_end"),
    )


# --- 501-504: episodes in order, and against last year's ---------------------------------


@rule(
    "501",
    tables="Episodes",
    fields="DECOM;DEC",
    kind="date-order",
    message="An episode's DECOM is before the DEC of the child's previous episode: episodes "
    "must not overlap.",
)
def episode_starts_before_previous_ended(ret: Return) -> pl.LazyFrame:
    """A child is in one episode at a time; starting on the day the last ended is a change,
    and an open previous episode is left to the open-episode rules."""
    return _episodes_by_start(ret).filter(pl.col("DECOM") < _previous("DEC"))


@rule(
    "502",
    tables="Episodes;Episodes_last",
    fields="DECOM",
    kind="previous-year",
    needs="previous",
    message="Last year's return left an episode open for this child, but this year's first "
    "episode has a different DECOM: the open episode should carry over with its DECOM.",
)
def first_episode_not_last_years_open_one(ret: Return) -> pl.LazyFrame:
    """An episode open at 31 March continues into the next return with the same start."""
    open_last = ret.last("Episodes").filter(blank("DEC")).select(CHILD, DECOM_last="DECOM")
    first = _first_of_child(ret.table("Episodes"), "DECOM")
    differing = first.join(open_last, on=CHILD, how="inner").filter(
        pl.col("DECOM").ne_missing(pl.col("DECOM_last"))
    )
    return _rows(ret.table("Episodes"), differing)


def _carried_over(field: str):
    """A 503 check: the first episode's `field` differs from last year's open episode's."""

    def check(ret: Return) -> pl.LazyFrame:
        return _rows(ret.table("Episodes"), _first_against_last_year(ret).filter(_changed(field)))

    check.__name__ = f"first_episode_{field.lower()}_not_carried_over"
    return check


for _code, _field, _name in (
    ("503A", "RNE", "RNE (reason for new episode)"),
    ("503B", "LS", "LS (legal status)"),
    ("503C", "CIN", "CIN (category of need)"),
    ("503E", "PLACE_PROVIDER", "PLACE_PROVIDER"),
    ("503F", "URN", "URN"),
):
    rule(
        _code,
        tables="Episodes;Episodes_last",
        fields=_field,
        kind="previous-year",
        needs="previous",
        message=f"The child's first episode this year has a different {_name} from the "
        "episode left open at the end of last year's return.",
    )(_carried_over(_field))


@rule(
    "503D",
    years="2022-23..2023-24",
    tables="Episodes;Episodes_last",
    fields="PLACE",
    kind="previous-year",
    needs="previous",
    message="The child's first episode this year has a different PLACE from the episode left "
    "open at the end of last year's return.",
)
def first_episode_place_not_carried_over(ret: Return) -> pl.LazyFrame:
    return _carried_over("PLACE")(ret)


@rule(
    "503D",
    years="2024-25",
    tables="Episodes;Episodes_last",
    fields="PLACE",
    kind="previous-year",
    needs="previous",
    message="The child's first episode this year has a different PLACE from the episode left "
    "open at the end of last year's return (K3 following H5 is accepted).",
)
def first_episode_place_not_carried_over_2025(ret: Return) -> pl.LazyFrame:
    """2024-25 replaced H5 with K3, so K3 after H5 is the same placement renamed. Only that
    pair is exempt (the peer exempts any K3 or any H5)."""
    renamed = _is("PLACE", "K3") & _is("PLACE_last", "H5")
    flagged = _first_against_last_year(ret).filter(_changed("PLACE") & ~renamed)
    return _rows(ret.table("Episodes"), flagged)


@rule(
    "503D",
    years="2025-26..2026-27",
    tables="Episodes;Episodes_last",
    fields="PLACE",
    kind="previous-year",
    needs="previous",
    message="The child's first episode this year has a different PLACE from the episode left "
    "open at the end of last year's return (Z11-Z14 following Z1 is accepted).",
)
def first_episode_place_not_carried_over_2026(ret: Return) -> pl.LazyFrame:
    """2025-26 split Z1 into Z11-Z14, so one of those after Z1 is the same placement."""
    renamed = _is("PLACE", "Z11", "Z12", "Z13", "Z14") & _is("PLACE_last", "Z1")
    flagged = _first_against_last_year(ret).filter(_changed("PLACE") & ~renamed)
    return _rows(ret.table("Episodes"), flagged)


@rule(
    "503G",
    tables="Episodes;Episodes_last",
    fields="PL_DISTANCE",
    kind="previous-year",
    needs="previous",
    message="The child's first episode this year has a placement distance (PL_DISTANCE) 0.2 "
    "miles or more from that of the episode left open at the end of last year's return.",
)
def first_episode_distance_not_carried_over(ret: Return) -> pl.LazyFrame:
    """PL_DISTANCE as the extract carries it (derived from HOME_POST and PL_POST with ONS's
    postcode directory); a distance that is not a number reads as blank."""
    this = pl.col("PL_DISTANCE").cast(pl.Float64, strict=False)
    last = pl.col("PL_DISTANCE_last").cast(pl.Float64, strict=False)
    moved = ((this - last).abs().round(6) >= 0.2) | (last.is_null() & this.is_not_null())
    flagged = _first_against_last_year(ret).filter(moved.fill_null(False))
    return _rows(ret.table("Episodes"), flagged)


CATALOGUE.not_implemented(
    "503H",
    reason="needs each placement's local authority (PL_LA) as DfE derives it, the upper-tier "
    "council of PL_POST; the configured ONS postcode directory gives only the lower-tier "
    "district (oslaua), which would report two placements in one county as a change.",
)


@rule(
    "503J",
    tables="Episodes;Episodes_last",
    fields="PL_LOCATION",
    kind="previous-year",
    needs="previous",
    message="The child's first episode this year is placed IN/OUT of the council "
    "(PL_LOCATION) differently from the episode left open at the end of last year's return.",
)
def first_episode_location_not_carried_over(ret: Return) -> pl.LazyFrame:
    """PL_LOCATION as the extract carries it (derived from PL_POST)."""
    return _carried_over("PL_LOCATION")(ret)


@rule(
    "504",
    tables="Episodes",
    fields="CIN",
    kind="other",
    message="An episode continuing the child's care (the previous one ended X1 the same day) "
    "must keep the previous episode's CIN (category of need).",
)
def category_of_need_changed_mid_care(ret: Return) -> pl.LazyFrame:
    """X1 ends an episode without ending care, and the need that brought the child into care
    does not change with a placement."""
    continuing = (_previous("REC") == "X1") & (_previous("DEC") == pl.col("DECOM"))
    # A blank on either side counts as a change (the spec's quirk).
    changed = (pl.col("CIN") != _previous("CIN")).fill_null(True)
    return _episodes_by_start(ret).filter(continuing.fill_null(False) & changed)


# --- 511-520, 524: adopters' number, sex and legal status (AD1) --------------------------


def _adopters(code: str, fields: str, message: str, condition: pl.Expr, name: str) -> None:
    def check(ret: Return) -> pl.LazyFrame:
        return ret.table("AD1").filter(condition)

    check.__name__ = name
    rule(code, tables="AD1", fields=fields, kind="other", message=message)(check)


_adopters(
    "511",
    "NB_ADOPTR;SEX_ADOPTR",
    "Two adopters (NB_ADOPTR 2) cannot have SEX_ADOPTR M1 or F1, which describe one adopter.",
    _is("NB_ADOPTR", "2") & _is("SEX_ADOPTR", "M1", "F1"),
    "two_adopters_recorded_as_one",
)
for _code, _status, _sexes, _what in (
    ("514", "L0", ("M1", "F1"), "a single adopter: SEX_ADOPTR M1 or F1"),
    ("517", "L3", ("MF",), "a male and female couple: SEX_ADOPTR MF"),
    ("518", "L4", ("MM", "FF"), "a same-sex couple: SEX_ADOPTR MM or FF"),
    ("519", "L2", ("MM", "FF", "MF"), "a couple: SEX_ADOPTR MM, FF or MF"),
    ("520", "L11", ("MF",), "a male and female couple: SEX_ADOPTR MF"),
    ("524", "L12", ("MM", "FF"), "a same-sex couple: SEX_ADOPTR MM or FF"),
):
    _adopters(
        _code,
        "LS_ADOPTR;SEX_ADOPTR",
        f"Adopters' legal status (LS_ADOPTR) {_status} means {_what}.",
        _is("LS_ADOPTR", _status) & ~_is("SEX_ADOPTR", *_sexes),
        f"adopters_{_status.lower()}_sex_mismatch",
    )


@rule(
    "516",
    tables="Episodes",
    fields="REC;PLACE",
    kind="code-list",
    message="An episode ending E45 or E46 (a short-break arrangement ended) must have PLACE U1-U6.",
)
def short_break_ending_not_short_break_place(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        _is("REC", "E45", "E46") & ~_is("PLACE", *SHORT_BREAK_PLACES)
    )


# --- 521-525: adoption dates (AD1, PlacedAdoption) ---------------------------------------


@rule(
    "521",
    tables="Episodes;AD1",
    requires="Episodes;AD1",
    fields="PLACE;DECOM;DATE_INT",
    kind="cross-table",
    message="The adoption placement (PLACE A3-A6) starts (DECOM) before the date the council "
    "decided the child should be placed for adoption (AD1 DATE_INT).",
)
def adoption_placed_before_decision(ret: Return) -> dict[str, pl.LazyFrame]:
    episodes = ret.table("Episodes").filter(_is("PLACE", *ADOPTION_PLACES))
    ad1 = ret.table("AD1").select(CHILD, "DATE_INT", _ad1_row=ROW)
    pairs = episodes.join(ad1, on=CHILD, how="inner").filter(pl.col("DATE_INT") > pl.col("DECOM"))
    return {
        "Episodes": _rows(ret.table("Episodes"), pairs),
        "AD1": _rows(ret.table("AD1"), pairs.select(pl.col("_ad1_row").alias(ROW))),
    }


@rule(
    "522",
    tables="PlacedAdoption",
    fields="DATE_PLACED;DATE_PLACED_CEASED",
    kind="date-order",
    message="DATE_PLACED_CEASED is before DATE_PLACED: a decision cannot cease before it is made.",
)
def placement_decision_ceased_before_made(ret: Return) -> pl.LazyFrame:
    return ret.table("PlacedAdoption").filter(pl.col("DATE_PLACED_CEASED") < pl.col("DATE_PLACED"))


def _placed_beside_ad1(ret: Return) -> pl.LazyFrame:
    ad1 = (
        ret.table("AD1").select(pl.exclude("DOB").name.suffix("_ad1")).rename({"CHILD_ad1": CHILD})
    )
    return ret.table("PlacedAdoption").join(ad1, on=CHILD, how="inner")


@rule(
    "523",
    tables="PlacedAdoption;AD1",
    requires="PlacedAdoption;AD1",
    fields="DATE_PLACED;DATE_INT",
    kind="cross-table",
    message="DATE_PLACED (the decision to place for adoption) differs from AD1 DATE_INT: they "
    "record the same decision.",
)
def placement_decision_dates_differ(ret: Return) -> dict[str, pl.LazyFrame]:
    pairs = _placed_beside_ad1(ret).filter(pl.col("DATE_PLACED") != pl.col("DATE_INT_ad1"))
    return {
        "PlacedAdoption": _rows(ret.table("PlacedAdoption"), pairs),
        "AD1": _rows(ret.table("AD1"), pairs.select(pl.col("_row_ad1").alias(ROW))),
    }


@rule(
    "525",
    tables="PlacedAdoption;AD1",
    requires="PlacedAdoption;AD1",
    fields="DATE_PLACED_CEASED;DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTR;SEX_ADOPTR;LS_ADOPTR",
    kind="cross-table",
    message="The decision to place for adoption has ceased (DATE_PLACED_CEASED), so the "
    "child's AD1 details (DATE_INT, DATE_MATCH, FOSTER_CARE, NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR) "
    "should be blank.",
)
def ceased_decision_with_adoption_details(ret: Return) -> dict[str, pl.LazyFrame]:
    any_filled = pl.any_horizontal(pl.col(f"{name}_ad1").is_not_null() for name in AD1_FIELDS)
    pairs = _placed_beside_ad1(ret).filter(pl.col("DATE_PLACED_CEASED").is_not_null() & any_filled)
    return {
        "PlacedAdoption": _rows(ret.table("PlacedAdoption"), pairs),
        "AD1": _rows(ret.table("AD1"), pairs.select(pl.col("_row_ad1").alias(ROW))),
    }


# --- 526-531, 550: placement against provider --------------------------------------------


@rule(
    "526",
    years="2022-23..2024-25",
    tables="Episodes",
    fields="PLACE;PLACE_PROVIDER",
    kind="required",
    message="PLACE_PROVIDER is blank; it is needed for every PLACE except T0-T4 and Z1.",
)
def provider_missing(ret: Return) -> pl.LazyFrame:
    exempt = _is("PLACE", "T0", "T1", "T2", "T3", "T4", "Z1")
    return ret.table("Episodes").filter(~exempt & blank("PLACE_PROVIDER"))


@rule(
    "526",
    years="2025-26..2026-27",
    tables="Episodes",
    fields="PLACE;PLACE_PROVIDER",
    kind="required",
    message="PLACE_PROVIDER is blank; it is needed for every PLACE except T0-T4 and Z11-Z14.",
)
def provider_missing_2026(ret: Return) -> pl.LazyFrame:
    exempt = _is("PLACE", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14")
    return ret.table("Episodes").filter(~exempt & blank("PLACE_PROVIDER"))


def _forbidden(code: str, places: list[str], provider: str, what: str, name: str) -> None:
    def check(ret: Return) -> pl.LazyFrame:
        return ret.table("Episodes").filter(_is("PLACE", *places) & _is("PLACE_PROVIDER", provider))

    check.__name__ = name
    rule(
        code,
        tables="Episodes",
        fields="PLACE;PLACE_PROVIDER",
        kind="other",
        message=f"PLACE {what} cannot have PLACE_PROVIDER {provider}.",
    )(check)


_forbidden("527", ["P1", "R2", "R5"], "PR1", "P1, R2 or R5", "home_placement_own_provision")
_forbidden("528", ["P1", "R2", "R5"], "PR2", "P1, R2 or R5", "home_placement_other_council")
_forbidden(
    "529",
    [*ADOPTION_PLACES, "K1", "K2", "P1", *SHORT_BREAK_PLACES],
    "PR3",
    "A3-A6, K1, K2, P1 or U1-U6",
    "placement_other_public_provision",
)
_forbidden("530", ["P1"], "PR4", "P1", "parents_private_provision")
_forbidden("531", ["P1"], "PR5", "P1", "parents_voluntary_provision")


@rule(
    "550",
    tables="Episodes",
    fields="PLACE;PLACE_PROVIDER",
    kind="other",
    message="PLACE_PROVIDER PR0 (placed with a parent) is only for PLACE P1.",
)
def parent_provider_not_parent_placement(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(_is("PLACE_PROVIDER", "PR0") & ~_is("PLACE", "P1"))


# --- 542-547: OC2 by age ------------------------------------------------------------------


@rule(
    "542",
    tables="OC2",
    fields="CONVICTED",
    kind="date-range",
    message="CONVICTED is filled for a child under 10 at 31 March, below the age of criminal "
    "responsibility: leave it blank.",
)
def convicted_under_ten(ret: Return) -> pl.LazyFrame:
    return ret.table("OC2").filter(
        (birthday_in(pl.col("DOB"), 10) > ret.end) & pl.col("CONVICTED").is_not_null()
    )


def _oc2_looked_after(ret: Return) -> pl.LazyFrame:
    return ret.table("OC2").join(looked_after_all_year(ret), on=CHILD, how="semi")


@rule(
    "543",
    tables="Episodes;OC2",
    requires="Episodes;OC2",
    fields="DOB;CONVICTED",
    kind="date-range",
    message="CONVICTED is blank for a child looked after all year who was 10 before 31 March: "
    "record 0 or 1.",
)
def convicted_missing(ret: Return) -> dict[str, pl.LazyFrame]:
    found = _oc2_looked_after(ret).filter(
        (birthday_in(pl.col("DOB"), 10) < ret.end) & blank("CONVICTED")
    )
    return {"OC2": found}


@rule(
    "544",
    tables="OC2",
    fields="CONVICTED;IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE",
    kind="required",
    message="CONVICTED is 1, so IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT and "
    "SUBSTANCE_MISUSE must all be recorded.",
)
def convicted_health_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("OC2").filter(
        _is("CONVICTED", "1") & pl.any_horizontal(blank(name) for name in OC2_HEALTH)
    )


@rule(
    "545",
    tables="OC2;Episodes",
    requires="OC2;Episodes",
    fields="DOB;HEALTH_CHECK",
    kind="date-range",
    message="HEALTH_CHECK is blank for a child under 5 at 31 March looked after all year: "
    "record 0 or 1.",
)
def under_five_health_check_missing(ret: Return) -> pl.LazyFrame:
    return _oc2_looked_after(ret).filter(
        (birthday_in(pl.col("DOB"), 5) > ret.end) & blank("HEALTH_CHECK")
    )


@rule(
    "546",
    tables="Episodes;OC2",
    requires="Episodes;OC2",
    fields="DOB;HEALTH_CHECK",
    kind="date-range",
    message="HEALTH_CHECK (the development check for under-5s) is filled for a child aged 5 "
    "or over at 31 March: leave it blank.",
)
def health_check_over_five(ret: Return) -> dict[str, pl.LazyFrame]:
    found = _oc2_looked_after(ret).filter(
        (birthday_in(pl.col("DOB"), 5) <= ret.end) & pl.col("HEALTH_CHECK").is_not_null()
    )
    return {"OC2": found}


@rule(
    "547",
    tables="OC2",
    fields="HEALTH_CHECK;IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE",
    kind="required",
    message="HEALTH_CHECK is 1, so IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT and "
    "SUBSTANCE_MISUSE must all be recorded.",
)
def health_check_details_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("OC2").filter(
        _is("HEALTH_CHECK", "1") & pl.any_horizontal(blank(name) for name in OC2_HEALTH)
    )


# --- 551-563, 579, 583, 584: placed for adoption ------------------------------------------


@rule(
    "551",
    tables="Episodes;PlacedAdoption",
    requires="Episodes;PlacedAdoption",
    fields="DATE_PLACED;PLACE",
    kind="cross-table",
    message="The child is placed for adoption (PLACE A3-A6) but has no PlacedAdoption row with "
    "the date of the decision (DATE_PLACED).",
)
def adoption_placement_without_decision(ret: Return) -> pl.LazyFrame:
    """A child can only be placed for adoption after the decision that they should be."""
    placed = ret.table("PlacedAdoption")
    undated = placed.filter(blank("DATE_PLACED")).select(CHILD)
    episodes = ret.table("Episodes").filter(_is("PLACE", *ADOPTION_PLACES))
    return pl.concat(
        [
            episodes.join(placed.select(CHILD), on=CHILD, how="anti"),
            episodes.join(undated, on=CHILD, how="semi"),
        ]
    ).unique(ROW)


@rule(
    "552",
    tables="Episodes;PlacedAdoption",
    requires="Episodes;PlacedAdoption",
    fields="DATE_PLACED;DECOM",
    kind="cross-table",
    message="The child's first adoption placement (PLACE A3-A6) starts (DECOM) before the "
    "decision to place them for adoption (DATE_PLACED).",
)
def adoption_placement_before_latest_decision(ret: Return) -> dict[str, pl.LazyFrame]:
    first = _first_of_child(ret.table("Episodes").filter(_is("PLACE", *ADOPTION_PLACES)), "DECOM")
    latest = _first_of_child(ret.table("PlacedAdoption"), "DATE_PLACED", descending=True)
    pairs = first.join(
        latest.select(CHILD, "DATE_PLACED", _placed_row=ROW), on=CHILD, how="inner"
    ).filter(pl.col("DECOM") < pl.col("DATE_PLACED"))
    return {
        "Episodes": _rows(ret.table("Episodes"), pairs),
        "PlacedAdoption": _rows(
            ret.table("PlacedAdoption"), pairs.select(pl.col("_placed_row").alias(ROW))
        ),
    }


def _placed_for_status(ret: Return, status: str) -> dict[str, pl.LazyFrame]:
    """553/555: an episode under `status` needs a PlacedAdoption row; while such an episode is
    open, the decision cannot have ceased."""
    episodes = ret.table("Episodes").filter(_is("LS", status))
    placed = ret.table("PlacedAdoption")
    still_open = episodes.filter(blank("DEC")).select(CHILD)
    ceased = (
        pl.col("DATE_PLACED_CEASED").is_not_null() | pl.col("REASON_PLACED_CEASED").is_not_null()
    )
    return {
        "Episodes": episodes.join(placed.select(CHILD), on=CHILD, how="anti"),
        "PlacedAdoption": placed.filter(ceased).join(still_open, on=CHILD, how="semi"),
    }


@rule(
    "553",
    tables="Episodes;PlacedAdoption",
    requires="Episodes;PlacedAdoption",
    fields="CHILD;DATE_PLACED;DATE_PLACED_CEASED;REASON_PLACED_CEASED",
    kind="cross-table",
    message="A placement order (LS E1) needs a PlacedAdoption row, and while the E1 episode is "
    "open the decision cannot have ceased (DATE_PLACED_CEASED, REASON_PLACED_CEASED blank).",
)
def placement_order_without_decision(ret: Return) -> dict[str, pl.LazyFrame]:
    return _placed_for_status(ret, "E1")


@rule(
    "554",
    tables="Episodes;PlacedAdoption",
    requires="Episodes;PlacedAdoption",
    fields="DATE_PLACED;DECOM;LS",
    kind="cross-table",
    message="The decision to place for adoption (DATE_PLACED) is after the start (DECOM) of "
    "the child's first placement-order episode (LS E1).",
)
def decision_after_placement_order(ret: Return) -> dict[str, pl.LazyFrame]:
    first = _first_of_child(ret.table("Episodes").filter(_is("LS", "E1")), "DECOM")
    placed = ret.table("PlacedAdoption").select(CHILD, "DATE_PLACED", _placed_row=ROW)
    pairs = first.join(placed, on=CHILD, how="inner").filter(
        pl.col("DATE_PLACED") > pl.col("DECOM")
    )
    return {
        "Episodes": _rows(ret.table("Episodes"), pairs),
        "PlacedAdoption": _rows(
            ret.table("PlacedAdoption"), pairs.select(pl.col("_placed_row").alias(ROW))
        ),
    }


@rule(
    "555",
    years="2022-23..2023-24",
    tables="Episodes;PlacedAdoption",
    requires="Episodes;PlacedAdoption",
    fields="CHILD;DATE_PLACED;DATE_PLACED_CEASED;REASON_PLACED_CEASED",
    kind="cross-table",
    message="Freeing for adoption (LS D1) needs a PlacedAdoption row, and while the D1 episode "
    "is open the decision cannot have ceased (DATE_PLACED_CEASED, REASON_PLACED_CEASED blank).",
)
def freeing_order_without_decision(ret: Return) -> dict[str, pl.LazyFrame]:
    return _placed_for_status(ret, "D1")


@rule(
    "556",
    years="2022-23..2023-24",
    tables="Episodes;PlacedAdoption",
    requires="Episodes;PlacedAdoption",
    fields="DATE_PLACED;DECOM",
    kind="cross-table",
    message="A decision to place for adoption (DATE_PLACED) is after the start (DECOM) of a "
    "freeing-order episode (LS D1).",
)
def decision_after_freeing_order(ret: Return) -> pl.LazyFrame:
    episodes = ret.table("Episodes").filter(_is("LS", "D1"))
    placed = ret.table("PlacedAdoption").select(CHILD, "DATE_PLACED")
    pairs = episodes.join(placed, on=CHILD, how="inner").filter(
        pl.col("DATE_PLACED") > pl.col("DECOM")
    )
    return _rows(ret.table("Episodes"), pairs)


def _adoption_ended_not_ceased(ret: Return, statuses: list[str]) -> dict[str, pl.LazyFrame]:
    """557: an adoption episode ending other than by adoption (E11, E12) or a change within
    care (X1) means the decision to place ceased: the PlacedAdoption row must say when and why."""
    episodes = ret.table("Episodes").filter(
        (_is("PLACE", *ADOPTION_PLACES) | _is("LS", *statuses))
        & pl.col("REC").is_not_null()
        & ~_is("REC", *ADOPTED, "X1")
    )
    placed = ret.table("PlacedAdoption").select(
        CHILD, "DATE_PLACED_CEASED", "REASON_PLACED_CEASED", _placed_row=ROW
    )
    pairs = episodes.join(placed, on=CHILD, how="left").filter(
        blank("DATE_PLACED_CEASED") | blank("REASON_PLACED_CEASED")
    )
    return {
        "Episodes": _rows(ret.table("Episodes"), pairs),
        "PlacedAdoption": _rows(
            ret.table("PlacedAdoption"),
            pairs.filter(pl.col("_placed_row").is_not_null()).select(
                pl.col("_placed_row").alias(ROW)
            ),
        ),
    }


@rule(
    "557",
    years="2022-23..2023-24",
    tables="Episodes;PlacedAdoption",
    requires="Episodes;PlacedAdoption",
    fields="DATE_PLACED_CEASED;REASON_PLACED_CEASED;PLACE;LS;REC",
    kind="cross-table",
    message="An adoption episode (PLACE A3-A6, LS D1 or E1) ended other than by adoption or "
    "X1, so the PlacedAdoption row needs DATE_PLACED_CEASED and REASON_PLACED_CEASED.",
)
def adoption_ended_decision_not_ceased(ret: Return) -> dict[str, pl.LazyFrame]:
    return _adoption_ended_not_ceased(ret, ["D1", "E1"])


@rule(
    "557",
    years="2024-25..2026-27",
    tables="Episodes;PlacedAdoption",
    requires="Episodes;PlacedAdoption",
    fields="DATE_PLACED_CEASED;REASON_PLACED_CEASED;PLACE;LS;REC",
    kind="cross-table",
    message="An adoption episode (PLACE A3-A6 or LS E1) ended other than by adoption or X1, so "
    "the PlacedAdoption row needs DATE_PLACED_CEASED and REASON_PLACED_CEASED.",
)
def adoption_ended_decision_not_ceased_2025(ret: Return) -> dict[str, pl.LazyFrame]:
    return _adoption_ended_not_ceased(ret, ["E1"])


@rule(
    "558",
    tables="Episodes;PlacedAdoption",
    requires="Episodes;PlacedAdoption",
    fields="DATE_PLACED_CEASED;REC",
    kind="cross-table",
    message="The child was adopted (REC E11 or E12), yet their decisions to place for adoption "
    "all record a DATE_PLACED_CEASED: the decision that led to adoption did not cease.",
)
def adopted_but_decisions_ceased(ret: Return) -> pl.LazyFrame:
    """As the spec's check states it: the filled DATE_PLACED_CEASED are counted over the
    pairs of adoption episode and PlacedAdoption row, so two adoption episodes and one ceased
    decision count two."""
    adopted = ret.table("Episodes").filter(_is("REC", *ADOPTED))
    placed = ret.table("PlacedAdoption").select(CHILD, "DATE_PLACED_CEASED")
    open_decision = placed.filter(blank("DATE_PLACED_CEASED")).select(CHILD)
    ceased_pairs = (
        adopted.join(placed, on=CHILD, how="inner")
        .group_by(CHILD)
        .agg(pl.col("DATE_PLACED_CEASED").is_not_null().sum().alias("_ceased"))
        .filter(pl.col("_ceased") > 1)
        .join(open_decision, on=CHILD, how="anti")
    )
    return adopted.join(ceased_pairs, on=CHILD, how="semi")


def _placed_beside_last_year(ret: Return) -> pl.LazyFrame:
    last = ret.last("PlacedAdoption").select(
        CHILD,
        DATE_PLACED_last="DATE_PLACED",
        DATE_PLACED_CEASED_last="DATE_PLACED_CEASED",
        REASON_PLACED_CEASED_last="REASON_PLACED_CEASED",
    )
    return ret.table("PlacedAdoption").join(last, on=CHILD, how="inner")


@rule(
    "559",
    tables="PlacedAdoption;PlacedAdoption_last",
    fields="DATE_PLACED",
    kind="previous-year",
    needs="previous",
    message="DATE_PLACED is before this year began, but last year's return has no decision to "
    "place this child for adoption.",
)
def earlier_decision_missing_last_year(ret: Return) -> pl.LazyFrame:
    dated_last = ret.last("PlacedAdoption").filter(pl.col("DATE_PLACED").is_not_null())
    return (
        ret.table("PlacedAdoption")
        .filter(pl.col("DATE_PLACED") < ret.start)
        .join(dated_last.select(CHILD), on=CHILD, how="anti")
    )


@rule(
    "560",
    tables="PlacedAdoption;PlacedAdoption_last",
    fields="DATE_PLACED;DATE_PLACED_CEASED",
    kind="previous-year",
    needs="previous",
    message="Last year's return has a decision to place for adoption that had not ceased, but "
    "this year's DATE_PLACED differs from it.",
)
def open_decision_date_changed(ret: Return) -> pl.LazyFrame:
    pairs = _placed_beside_last_year(ret).filter(
        pl.col("DATE_PLACED_last").is_not_null()
        & blank("DATE_PLACED_CEASED_last")
        & pl.col("DATE_PLACED").ne_missing(pl.col("DATE_PLACED_last"))
    )
    return _rows(ret.table("PlacedAdoption"), pairs)


@rule(
    "561",
    tables="PlacedAdoption;PlacedAdoption_last",
    fields="DATE_PLACED",
    kind="previous-year",
    needs="previous",
    message="This decision to place for adoption (DATE_PLACED) already ceased in last year's "
    "return: a new decision needs its own date.",
)
def ceased_decision_repeated(ret: Return) -> pl.LazyFrame:
    ceased_last = (
        pl.col("DATE_PLACED_CEASED_last").is_not_null()
        | pl.col("REASON_PLACED_CEASED_last").is_not_null()
    )
    pairs = _placed_beside_last_year(ret).filter(
        (pl.col("DATE_PLACED") == pl.col("DATE_PLACED_last")) & ceased_last
    )
    return _rows(ret.table("PlacedAdoption"), pairs)


@rule(
    "562",
    tables="Episodes;Episodes_last",
    fields="DECOM",
    kind="previous-year",
    needs="previous",
    message="The child's first episode began before this year (DECOM before 1 April), but it "
    "is not the latest episode in last year's return.",
)
def earlier_episode_missing_last_year(ret: Return) -> pl.LazyFrame:
    """An episode begun before 1 April was in last year's return as that year's latest;
    a child absent from last year's episodes is flagged, as the spec says."""
    first = _first_of_child(ret.table("Episodes").filter(pl.col("DECOM") < ret.start), "DECOM")
    latest = _first_of_child(ret.last("Episodes"), "DECOM", descending=True).select(
        CHILD, DECOM_last="DECOM"
    )
    missing = first.join(latest, on=CHILD, how="left").filter(
        pl.col("DECOM_last").is_null() | (pl.col("DECOM") != pl.col("DECOM_last"))
    )
    return _rows(ret.table("Episodes"), missing)


@rule(
    "563",
    tables="PlacedAdoption",
    fields="DATE_PLACED;REASON_PLACED_CEASED;DATE_PLACED_CEASED",
    kind="required",
    message="The decision ceased (DATE_PLACED_CEASED and REASON_PLACED_CEASED) but its date "
    "(DATE_PLACED) is blank.",
)
def ceased_decision_without_date(ret: Return) -> pl.LazyFrame:
    return ret.table("PlacedAdoption").filter(
        pl.col("REASON_PLACED_CEASED").is_not_null()
        & pl.col("DATE_PLACED_CEASED").is_not_null()
        & blank("DATE_PLACED")
    )


@rule(
    "579",
    tables="PlacedAdoption",
    fields="DATE_PLACED;DATE_PLACED_CEASED",
    kind="date-order",
    message="A new decision to place for adoption (DATE_PLACED) is recorded before the previous "
    "one ceased (DATE_PLACED_CEASED).",
)
def decision_before_previous_ceased(ret: Return) -> pl.LazyFrame:
    ordered = ret.table("PlacedAdoption").sort([CHILD, "DATE_PLACED", ROW], nulls_last=True)
    previous_open = _has_previous() & _previous("DATE_PLACED_CEASED").is_null()
    restarted_early = (pl.col("DATE_PLACED") < _previous("DATE_PLACED_CEASED")).fill_null(False)
    return ordered.filter(previous_open | restarted_early)


@rule(
    "583",
    tables="PlacedAdoption",
    fields="DATE_PLACED;DATE_PLACED_CEASED",
    kind="other",
    message="Only the child's latest decision to place for adoption (DATE_PLACED) can still be "
    "open; an earlier one needs DATE_PLACED_CEASED.",
)
def earlier_decision_still_open(ret: Return) -> pl.LazyFrame:
    """'Latest' by date (the peer sorts the dd/mm/yyyy text, so 02/01/2024 comes before
    31/12/2023); a blank DATE_PLACED is never the latest."""
    ordered = ret.table("PlacedAdoption").sort([CHILD, "DATE_PLACED", ROW], nulls_last=False)
    not_latest = pl.int_range(pl.len()).over(CHILD) < pl.len().over(CHILD) - 1
    return ordered.filter(not_latest & blank("DATE_PLACED_CEASED"))


@rule(
    "584",
    tables="PlacedAdoption;PlacedAdoption_last",
    fields="DATE_PLACED",
    kind="previous-year",
    needs="previous",
    message="Last year's decision to place for adoption ceased, so this year's must be a new "
    "one: DATE_PLACED must be filled and after last year's.",
)
def decision_not_after_ceased_one(ret: Return) -> pl.LazyFrame:
    """Compared as dates, on the child's own rows (the peer compares the text and maps the
    result back by position)."""
    ceased_last = (
        pl.col("DATE_PLACED_CEASED_last").is_not_null()
        | pl.col("REASON_PLACED_CEASED_last").is_not_null()
    )
    not_after = blank("DATE_PLACED") | (
        pl.col("DATE_PLACED") <= pl.col("DATE_PLACED_last")
    ).fill_null(False)
    pairs = _placed_beside_last_year(ret).filter(ceased_last & not_after)
    return _rows(ret.table("PlacedAdoption"), pairs)


# --- 564-586: missing periods (Missing) ---------------------------------------------------


@rule(
    "564",
    tables="Missing",
    fields="MISSING;MIS_START",
    kind="required",
    message="A missing or away-from-placement period (MISSING M or A) needs its start date "
    "(MIS_START).",
)
def missing_without_start(ret: Return) -> pl.LazyFrame:
    return ret.table("Missing").filter(_is("MISSING", "M", "A") & blank("MIS_START"))


@rule(
    "565",
    tables="Missing",
    fields="MISSING;MIS_START",
    kind="required",
    message="MIS_START is recorded but MISSING (M missing or A away) is blank.",
)
def start_without_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("Missing").filter(pl.col("MIS_START").is_not_null() & blank("MISSING"))


@rule(
    "566",
    tables="Missing",
    fields="MISSING;MIS_END",
    kind="required",
    message="MIS_END is recorded but MISSING (M missing or A away) is blank.",
)
def end_without_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("Missing").filter(pl.col("MIS_END").is_not_null() & blank("MISSING"))


@rule(
    "567",
    tables="Missing",
    fields="MIS_START;MIS_END",
    kind="date-order",
    message="The missing period ends (MIS_END) before it starts (MIS_START).",
)
def missing_ends_before_start(ret: Return) -> pl.LazyFrame:
    return ret.table("Missing").filter(pl.col("MIS_START") > pl.col("MIS_END"))


@rule(
    "570",
    tables="Missing",
    fields="MIS_START",
    kind="date-range",
    message="MIS_START is after 31 March, the end of this collection year.",
)
def missing_starts_after_year(ret: Return) -> pl.LazyFrame:
    return ret.table("Missing").filter(pl.col("MIS_START") > ret.end)


@rule(
    "571",
    tables="Missing",
    fields="MIS_END",
    kind="date-range",
    message="MIS_END must fall in this collection year (1 April to 31 March).",
)
def missing_ends_outside_year(ret: Return) -> pl.LazyFrame:
    return ret.table("Missing").filter(~pl.col("MIS_END").is_between(ret.start, ret.end))


@rule(
    "574",
    tables="Missing",
    fields="MIS_START;MIS_END",
    kind="date-order",
    message="This missing period starts while the child's previous one was still open or had "
    "not yet ended (MIS_START before the previous MIS_END).",
)
def missing_periods_overlap(ret: Return) -> pl.LazyFrame:
    """A child is missing or away once at a time; returning and going again the same day
    is two periods, not an overlap."""
    ordered = (
        ret.table("Missing")
        .with_columns(pl.coalesce("MIS_END", "MIS_START").alias("_order"))
        .sort([CHILD, "_order", "MIS_START", ROW], nulls_last=True)
    )
    previous_open = _has_previous() & _previous("MIS_END").is_null()
    overlapping = (pl.col("MIS_START") < _previous("MIS_END")).fill_null(False)
    return ordered.filter(previous_open | overlapping).drop("_order")


def _missing_beside_episodes(ret: Return) -> pl.LazyFrame:
    episodes = ret.table("Episodes").select(CHILD, "DECOM", "DEC", "REC", _episode_row=ROW)
    return ret.table("Missing").join(episodes, on=CHILD, how="inner")


@rule(
    "575",
    tables="Episodes;Missing",
    requires="Episodes;Missing",
    fields="MIS_END",
    kind="cross-table",
    message="The missing period is still open (MIS_END blank) but began during an episode "
    "that has ended: record when the child came back.",
)
def missing_open_after_episode_ended(ret: Return) -> dict[str, pl.LazyFrame]:
    pairs = _missing_beside_episodes(ret).filter(
        blank("MIS_END")
        & pl.col("DEC").is_not_null()
        & (pl.col("DECOM") <= pl.col("MIS_START"))
        & (pl.col("MIS_START") <= pl.col("DEC"))
    )
    return {"Missing": _rows(ret.table("Missing"), pairs)}


@rule(
    "576",
    tables="Missing;Missing_last",
    fields="CHILD",
    kind="previous-year",
    needs="previous",
    message="Last year's return left a missing period open for this child, but this year's "
    "first missing period has a different MIS_START.",
)
def first_missing_not_last_years_open_one(ret: Return) -> pl.LazyFrame:
    open_last = (
        ret.last("Missing").filter(blank("MIS_END")).select(CHILD, MIS_START_last="MIS_START")
    )
    first = _first_of_child(ret.table("Missing"), "MIS_START")
    pairs = first.join(open_last, on=CHILD, how="inner").filter(
        pl.col("MIS_START").ne_missing(pl.col("MIS_START_last"))
    )
    return _rows(ret.table("Missing"), pairs)


def _missing_beside_periods(ret: Return) -> pl.LazyFrame:
    return (
        ret.table("Missing")
        .filter(pl.col("MIS_START").is_not_null())
        .join(_periods_of_care(ret), on=CHILD, how="inner")
    )


@rule(
    "577",
    tables="Episodes;Missing",
    requires="Episodes;Missing",
    fields="MIS_END",
    kind="cross-table",
    message="The missing period's end (MIS_END) fits none of the child's periods of care: it "
    "is blank after care ended, or falls outside the period.",
)
def missing_end_outside_care(ret: Return) -> dict[str, pl.LazyFrame]:
    end, start = pl.col("_period_end"), pl.col("_period_start")
    misfit = (
        (end.is_not_null() & blank("MIS_END"))
        | (blank("MIS_END") & (pl.col("MIS_START") < start))
        | (pl.col("MIS_END") > end).fill_null(False)
        | (pl.col("MIS_END") < start).fill_null(False)
    )
    pairs = _missing_beside_periods(ret).with_columns(misfit.alias("_misfit"))
    misfits = pairs.group_by(ROW).agg(pl.col("_misfit").all()).filter("_misfit")
    return {"Missing": _rows(ret.table("Missing"), misfits)}


@rule(
    "578",
    tables="Episodes;Missing",
    requires="Episodes;Missing",
    fields="MIS_START",
    kind="cross-table",
    message="The missing period starts (MIS_START) outside every period of the child's care.",
)
def missing_start_outside_care(ret: Return) -> dict[str, pl.LazyFrame]:
    end, start = pl.col("_period_end"), pl.col("_period_start")
    outside = (pl.col("MIS_START") < start) | (pl.col("MIS_START") > end).fill_null(False)
    pairs = _missing_beside_periods(ret).with_columns(outside.alias("_outside"))
    outside_all = pairs.group_by(ROW).agg(pl.col("_outside").all()).filter("_outside")
    return {"Missing": _rows(ret.table("Missing"), outside_all)}


@rule(
    "580",
    tables="Episodes;Missing",
    requires="Episodes;Missing",
    fields="REC",
    kind="cross-table",
    message="The child came back from missing on their 18th birthday, the day their episode "
    "ended: that episode's REC should be E8 (care ended at 18).",
)
def missing_to_eighteen_not_e8(ret: Return) -> pl.LazyFrame:
    pairs = _missing_beside_episodes(ret).filter(
        (pl.col("MIS_END") == birthday_in(pl.col("DOB"), 18))
        & (pl.col("MIS_END") == pl.col("DEC"))
        & ~_is("REC", "E8")
    )
    return _rows(ret.table("Episodes"), pairs.select(pl.col("_episode_row").alias(ROW)))


@rule(
    "581",
    tables="Episodes;Missing",
    requires="Episodes;Missing",
    fields="MIS_START",
    kind="cross-table",
    message="The missing period starts (MIS_START) outside all of the child's episodes of care.",
)
def missing_start_outside_episodes(ret: Return) -> dict[str, pl.LazyFrame]:
    """Missing periods are recorded for looked-after children, so each starts in an episode
    (an open one runs on); children with no episodes here are left to the 1012 rule."""
    within = (pl.col("DECOM") <= pl.col("MIS_START")) & (
        pl.col("DEC").is_null() | (pl.col("MIS_START") <= pl.col("DEC"))
    )
    pairs = _missing_beside_episodes(ret).with_columns(within.fill_null(False).alias("_within"))
    outside = pairs.group_by(ROW).agg(pl.col("_within").any()).filter(~pl.col("_within"))
    return {"Missing": _rows(ret.table("Missing"), outside)}


@rule(
    "582",
    tables="Episodes;AD1",
    requires="Episodes;AD1",
    fields="DEC;DATE_MATCH",
    kind="cross-table",
    message="The adoption episode (REC E11 or E12) ends (DEC) on the day the child was matched "
    "with the adopters (AD1 DATE_MATCH): the match comes before the adoption.",
)
def adopted_on_match_day(ret: Return) -> pl.LazyFrame:
    ad1 = ret.table("AD1").select(CHILD, "DATE_MATCH")
    pairs = (
        ret.table("Episodes")
        .filter(_is("REC", *ADOPTED))
        .join(ad1, on=CHILD, how="inner")
        .filter(pl.col("DEC") == pl.col("DATE_MATCH"))
    )
    return _rows(ret.table("Episodes"), pairs)


@rule(
    "586",
    tables="Missing",
    fields="MIS_START",
    kind="date-order",
    message="The missing period starts (MIS_START) on or before the child's date of birth.",
)
def missing_before_birth(ret: Return) -> pl.LazyFrame:
    return ret.table("Missing").filter(pl.col("MIS_START") <= pl.col("DOB"))
