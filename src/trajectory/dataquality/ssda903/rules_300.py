"""SSDA903 rules 300-399: dates of birth and episodes in range, adoption dates, care leavers'
contact, legal statuses' time limits, placement types by age, short breaks, temporary
placements and postcodes (DfE's SSDA903 validation rules; ../shared/domain/rules/)."""

from __future__ import annotations

from datetime import date

import polars as pl

from trajectory.dataquality.ssda903 import CATALOGUE
from trajectory.dataquality.ssda903.common import ROW, Return, birthday_in, blank

rule = CATALOGUE.rule

TEMPORARY = ["T0", "T1", "T2", "T3", "T4"]  # temporary placements (short, while away)
SHORT_BREAKS = ["V3", "V4"]  # legal status: a series of short breaks (respite)
ADOPTION_CEASED = ["E11", "E12"]  # ceased: adopted (unopposed / opposed application)


def _dob(ret: Return) -> pl.LazyFrame:
    """One date of birth per child, from the Header."""
    return (
        ret.table("Header")
        .filter(pl.col("DOB").is_not_null())
        .select("CHILD", pl.col("DOB").alias("_dob"))
        .unique("CHILD", keep="first")
    )


def _episodes_with_dob(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").join(_dob(ret), on="CHILD", how="inner")


def _in_order(episodes: pl.LazyFrame) -> pl.LazyFrame:
    """A child's episodes in the order they began (ties by the file's order)."""
    return episodes.sort(["CHILD", "DECOM", ROW], nulls_last=True)


def _is(column: str, codes: list[str]) -> pl.Expr:
    """A coded value is one of `codes` (a blank is not)."""
    return pl.col(column).is_in(codes).fill_null(False)


def _not(column: str, codes: list[str]) -> pl.Expr:
    """A coded value is not one of `codes` (a blank is not one of them either)."""
    return ~_is(column, codes)


def _ended_or_year_end(ret: Return) -> pl.Expr:
    """The episode's end, an open one's taken as the collection year's last day."""
    return pl.col("DEC").fill_null(pl.lit(ret.end))


def _days(later: pl.Expr, earlier: pl.Expr) -> pl.Expr:
    return (later - earlier).dt.total_days()


def _header_rows(ret: Return, children: pl.LazyFrame) -> pl.LazyFrame:
    """The Header rows of the children in `children` (a frame with CHILD)."""
    return ret.table("Header").join(children.select("CHILD").unique(), on="CHILD", how="semi")


# --- 301-304: dates of birth, first episodes, UASC ---------------------------------------


@rule(
    "301",
    tables="Header",
    fields="DOB",
    kind="date-range",
    message="DOB (date of birth) is after the collection year's end (31 March): check the date.",
)
def born_after_year_end(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter(pl.col("DOB") > pl.lit(ret.end))


@rule(
    "302",
    tables="Header;Episodes",
    fields="DECOM;DOB",
    kind="date-order",
    message="The child's first episode starts (DECOM) before their date of birth (DOB).",
)
def first_episode_before_birth(ret: Return) -> dict[str, pl.LazyFrame]:
    first = (
        _in_order(ret.table("Episodes").filter(pl.col("DECOM").is_not_null()))
        .group_by("CHILD", maintain_order=True)
        .first()
    )
    episodes = first.join(_dob(ret), on="CHILD", how="inner").filter(
        pl.col("DECOM") < pl.col("_dob")
    )
    return {"Episodes": episodes, "Header": _header_rows(ret, episodes)}


CATALOGUE.not_implemented(
    "303",
    reason=(
        "compares the UASC table's DUC with a UASC flag on the Header, and our Header holds no "
        "such flag (the readers take a child's UASC status from the UASC table itself), so "
        "there is nothing to compare it with"
    ),
)


@rule(
    "304",
    tables="UASC",
    fields="DUC;DOB",
    kind="date-order",
    message="DUC (date UASC status ceased) is after the child's 18th birthday: status ends by 18.",
)
def uasc_ceased_after_18(ret: Return) -> pl.LazyFrame:
    return ret.table("UASC").filter(pl.col("DUC") > birthday_in(pl.col("DOB"), 18))


# --- 331-336: adoption --------------------------------------------------------------------


def _adoptions(ret: Return) -> pl.LazyFrame:
    """AD1 rows with an AD1 prefix on their columns, to join to episodes."""
    ad1 = ret.table("AD1")
    return ad1.select(
        "CHILD", *[pl.col(name).alias(f"_ad1{name}") for name in ad1.collect_schema().names()]
    ).drop("_ad1CHILD")


def _both(ret: Return, joined: pl.LazyFrame) -> dict[str, pl.LazyFrame]:
    """Flagged episode rows (joined with AD1) and the AD1 rows they were joined with."""
    ad1_rows = joined.select(pl.col(f"_ad1{ROW}").alias(ROW))
    return {
        "Episodes": joined,
        "AD1": ret.table("AD1").join(ad1_rows, on=ROW, how="semi"),
    }


@rule(
    "331",
    tables="AD1;Episodes",
    fields="DATE_MATCH;DECOM;REC",
    kind="cross-table",
    message=(
        "DATE_MATCH (matched with adopters) is after the start (DECOM) of an episode that ended "
        "in adoption (REC E11/E12): the match comes before the placement."
    ),
)
def matched_after_adoptive_placement(ret: Return) -> dict[str, pl.LazyFrame]:
    joined = (
        ret.table("Episodes")
        .filter(_is("REC", ADOPTION_CEASED))
        .join(_adoptions(ret), on="CHILD", how="inner")
        .filter(pl.col("_ad1DATE_MATCH") > pl.col("DECOM"))
    )
    return _both(ret, joined)


@rule(
    "333",
    tables="AD1",
    fields="DATE_INT;DATE_MATCH",
    kind="date-order",
    message=(
        "DATE_INT (decision the child should be placed for adoption) must be given and on or "
        "before DATE_MATCH (matched with adopters)."
    ),
)
def adoption_decision_after_match(ret: Return) -> pl.LazyFrame:
    return ret.table("AD1").filter(
        pl.col("DATE_MATCH").is_not_null()
        & (blank("DATE_INT") | (pl.col("DATE_INT") > pl.col("DATE_MATCH")))
    )


@rule(
    "334",
    tables="Episodes;AD1",
    fields="DATE_INT;DECOM;RNE",
    kind="cross-table",
    message=(
        "DATE_INT (decision to place for adoption) is before the start (DECOM) of the child's "
        "latest period of care (RNE S): the decision is made while looked after."
    ),
)
def adoption_decision_before_care(ret: Return) -> dict[str, pl.LazyFrame]:
    latest = (
        _in_order(ret.table("Episodes").filter(_is("RNE", ["S"]) & pl.col("DECOM").is_not_null()))
        .group_by("CHILD", maintain_order=True)
        .last()
    )
    joined = latest.join(_adoptions(ret), on="CHILD", how="inner").filter(
        pl.col("_ad1DATE_INT") < pl.col("DECOM")
    )
    return _both(ret, joined)


@rule(
    "335",
    tables="Episodes;AD1",
    fields="PLACE;FOSTER_CARE",
    kind="cross-table",
    message=(
        "FOSTER_CARE (adopted by foster carers) disagrees with the adoption placement (PLACE): "
        "A2, A3, A5 are with the current foster carers (1), A1, A4, A6 are not (0)."
    ),
)
def adopted_by_foster_carers_mismatch(ret: Return) -> dict[str, pl.LazyFrame]:
    foster = pl.col("_ad1FOSTER_CARE")
    joined = (
        ret.table("Episodes")
        .filter(_is("REC", ["E1", *ADOPTION_CEASED]))
        .join(_adoptions(ret), on="CHILD", how="inner")
        .filter(
            (_is("PLACE", ["A2", "A3", "A5"]) & (foster == "0"))
            | (_is("PLACE", ["A1", "A4", "A6"]) & (foster == "1"))
        )
    )
    return _both(ret, joined)


@rule(
    "336",
    tables="Episodes",
    fields="PLACE",
    kind="other",
    message=(
        "A placement for adoption with the current foster carers (PLACE A3/A5) follows a "
        "placement that was neither foster care (U1-U6) nor a placement for adoption (A3-A6)."
    ),
)
def adoption_by_carers_not_after_foster(ret: Return) -> pl.LazyFrame:
    """Placed for adoption with the current foster carers (A3, A5) only from foster care.
    The spec's check names A3/A4, as the peer tool tests, while its own comment and DfE's
    codes (A3, A5 with the current foster carers, A4, A6 not) say A3/A5: we follow the codes,
    as rule 335 reads them."""
    allowed = ["A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"]
    return (
        _in_order(ret.table("Episodes"))
        .with_columns(
            pl.col("PLACE").shift(1).over("CHILD").alias("_before"),
            pl.int_range(pl.len()).over("CHILD").alias("_index"),
        )
        .filter(
            (pl.col("_index") > 0)
            & _is("PLACE", ["A3", "A5"])
            & ~pl.col("_before").is_in(allowed).fill_null(False)
        )
    )


# --- 344-348, 391: care leavers (OC3) ------------------------------------------------------


@rule(
    "344",
    tables="OC3",
    fields="IN_TOUCH;ACTIV;ACCOM",
    kind="other",
    message=(
        "The care leaver died or has returned home (IN_TOUCH DIED/RHOM), so ACTIV and ACCOM "
        "must be 0."
    ),
)
def died_or_home_with_activity(ret: Return) -> pl.LazyFrame:
    return ret.table("OC3").filter(
        _is("IN_TOUCH", ["DIED", "RHOM"]) & (_not("ACTIV", ["0"]) | _not("ACCOM", ["0"]))
    )


@rule(
    "345",
    tables="OC3",
    fields="IN_TOUCH;ACTIV;ACCOM",
    kind="other",
    message="The council is in touch (IN_TOUCH YES), so ACTIV and ACCOM must be recorded, not 0.",
)
def in_touch_without_activity(ret: Return) -> pl.LazyFrame:
    return ret.table("OC3").filter(
        _is("IN_TOUCH", ["YES"]) & (_is("ACTIV", ["0"]) | _is("ACCOM", ["0"]))
    )


@rule(
    "347",
    years="2023-24..2026-27",
    tables="OC3",
    fields="ACCOM;DOB",
    kind="date-range",
    message="A care leaver under 18 at 1 April is recorded as living in a foyer (ACCOM T1/T2).",
)
def foyer_under_18(ret: Return) -> pl.LazyFrame:
    return ret.table("OC3").filter(
        _is("ACCOM", ["T1", "T2"]) & (birthday_in(pl.col("DOB"), 18) > pl.lit(ret.start))
    )


@rule(
    "348",
    years="2025-26..2026-27",
    tables="OC3;OC3_last",
    fields="IN_TOUCH",
    kind="previous-year",
    needs="previous",
    message="Last year's return recorded this care leaver as died (IN_TOUCH DIED); so must this.",
)
def died_last_year(ret: Return) -> pl.LazyFrame:
    died = ret.last("OC3").filter(_is("IN_TOUCH", ["DIED"])).select("CHILD")
    return ret.table("OC3").join(died, on="CHILD", how="semi").filter(_not("IN_TOUCH", ["DIED"]))


@rule(
    "391",
    tables="OC3",
    fields="DOB;IN_TOUCH;ACTIV;ACCOM",
    kind="date-range",
    message=(
        "The young person is not yet 17 at the year's end, so IN_TOUCH, ACTIV and ACCOM must "
        "be left blank."
    ),
)
def care_leaver_too_young(ret: Return) -> pl.LazyFrame:
    filled = pl.any_horizontal(
        [pl.col(name).is_not_null() for name in ("IN_TOUCH", "ACTIV", "ACCOM")]
    )
    return ret.table("OC3").filter((birthday_in(pl.col("DOB"), 17) > pl.lit(ret.end)) & filled)


# --- 351-359: ages and episode dates -------------------------------------------------------


@rule(
    "351",
    tables="Header",
    fields="DOB",
    kind="date-range",
    message="The child was 25 before the collection year began (DOB): check the date of birth.",
)
def over_25(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter(birthday_in(pl.col("DOB"), 25) < pl.lit(ret.start))


@rule(
    "352",
    tables="Header;Episodes",
    fields="DECOM;RNE",
    kind="date-order",
    message="A new period of care (RNE S) starts (DECOM) on or after the child's 18th birthday.",
)
def new_care_at_18(ret: Return) -> dict[str, pl.LazyFrame]:
    return {
        "Episodes": _episodes_with_dob(ret).filter(
            _is("RNE", ["S"]) & (pl.col("DECOM") >= birthday_in(pl.col("_dob"), 18))
        )
    }


@rule(
    "353",
    tables="Episodes",
    fields="DECOM",
    kind="date-range",
    message="DECOM (episode start) is before 14 October 1991, when the Children Act 1989 began.",
)
def started_before_children_act(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(pl.col("DECOM") < pl.lit(date(1991, 10, 14)))


@rule(
    "354",
    tables="Episodes",
    fields="DECOM",
    kind="date-range",
    message="DECOM (episode start) is after the collection year's end (31 March).",
)
def started_after_year_end(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(pl.col("DECOM") > pl.lit(ret.end))


@rule(
    "355",
    tables="Episodes",
    fields="DECOM;DEC",
    kind="date-order",
    message="The episode ends (DEC) on the day it starts (DECOM): an episode lasts a day or more.",
)
def ends_on_start_day(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(pl.col("DECOM") == pl.col("DEC"))


@rule(
    "356",
    tables="Episodes",
    fields="DECOM;DEC",
    kind="date-order",
    message="The episode ends (DEC) before it starts (DECOM).",
)
def ends_before_start(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(pl.col("DEC") < pl.col("DECOM"))


@rule(
    "357",
    tables="Episodes",
    fields="RNE",
    kind="other",
    message=(
        "The child's first episode starts in this collection year, so it must open a new "
        "period of care (RNE S)."
    ),
)
def first_episode_not_new_care(ret: Return) -> pl.LazyFrame:
    return (
        _in_order(ret.table("Episodes").filter(pl.col("DECOM").is_not_null()))
        .group_by("CHILD", maintain_order=True)
        .first()
        .filter((pl.col("DECOM") >= pl.lit(ret.start)) & _not("RNE", ["S"]))
    )


@rule(
    "358",
    tables="Header;Episodes",
    fields="DECOM;DOB;LS",
    kind="date-order",
    message=(
        "A youth justice legal status (LS J1, J2, J3) begins (DECOM) on or before the child's "
        "10th birthday, below the age of criminal responsibility."
    ),
)
def youth_justice_under_10(ret: Return) -> dict[str, pl.LazyFrame]:
    episodes = _episodes_with_dob(ret).filter(
        _is("LS", ["J1", "J2", "J3"]) & (pl.col("DECOM") <= birthday_in(pl.col("_dob"), 10))
    )
    return {"Episodes": episodes, "Header": _header_rows(ret, episodes)}


@rule(
    "359",
    tables="Header;Episodes",
    fields="DEC;LS;PLACE",
    kind="date-range",
    message=(
        "The child turned 18 before the year's end but the episode is still open (no DEC); only "
        "a V2 status in a K2 placement may continue."
    ),
)
def open_past_18(ret: Return) -> dict[str, pl.LazyFrame]:
    exempt = _is("LS", ["V2"]) & _is("PLACE", ["K2"])
    return {
        "Episodes": _episodes_with_dob(ret).filter(
            blank("DEC") & (birthday_in(pl.col("_dob"), 18) < pl.lit(ret.end)) & ~exempt
        )
    }


# --- 361-367: time limits of legal statuses -------------------------------------------------


def _contiguous_runs_longer_than(ret: Return, status: str, days: int) -> pl.LazyFrame:
    """A child's episodes of one legal status, run together where one ends (DEC) the day the
    next starts (DECOM), an open one ending at the year's end; those of a run from first
    start to last end longer than `days`."""
    end = _ended_or_year_end(ret)
    return (
        _in_order(ret.table("Episodes").filter(_is("LS", [status]) & pl.col("DECOM").is_not_null()))
        .with_columns(_end=end)
        .with_columns(
            (pl.col("_end").shift(1).over("CHILD") != pl.col("DECOM"))
            .fill_null(True)
            .cum_sum()
            .over("CHILD")
            .alias("_run")
        )
        .filter(_days(pl.col("_end").max(), pl.col("DECOM").min()).over(["CHILD", "_run"]) > days)
    )


def _chained_periods_longer_than(ret: Return, status: str, days: int) -> pl.LazyFrame:
    """A child's episodes of one legal status chained into periods where one starts on or
    before the previous one ends (an open one ending at the year's end); those of a period
    whose episodes' days add up to more than `days`. Chained in date order (the peer tool
    meant to, but follows the file's order: DfE's rule is about time, not file order)."""
    end = _ended_or_year_end(ret)
    return (
        _in_order(ret.table("Episodes").filter(_is("LS", [status]) & pl.col("DECOM").is_not_null()))
        .with_columns(_end=end)
        .with_columns(
            (pl.col("DECOM") > pl.col("_end").shift(1).over("CHILD"))
            .fill_null(True)
            .cum_sum()
            .over("CHILD")
            .alias("_period")
        )
        .filter(_days(pl.col("_end"), pl.col("DECOM")).sum().over(["CHILD", "_period"]) > days)
    )


@rule(
    "361",
    tables="Episodes",
    fields="DECOM;LS;DEC",
    kind="arithmetic",
    message="Police protection (LS L1) lasts more than 3 days (72 hours) from DECOM to DEC.",
)
def police_protection_too_long(ret: Return) -> pl.LazyFrame:
    return _contiguous_runs_longer_than(ret, "L1", 3)


@rule(
    "362",
    tables="Episodes",
    fields="DECOM;LS;DEC",
    kind="arithmetic",
    message="An emergency protection order (LS L2) lasts more than 21 days from DECOM to DEC.",
)
def emergency_protection_too_long(ret: Return) -> pl.LazyFrame:
    return _contiguous_runs_longer_than(ret, "L2", 21)


@rule(
    "363",
    tables="Episodes",
    fields="LS;DECOM;DEC",
    kind="arithmetic",
    message="A child assessment order (LS L3) lasts more than 7 days in all from DECOM to DEC.",
)
def assessment_order_too_long(ret: Return) -> pl.LazyFrame:
    return _chained_periods_longer_than(ret, "L3", 7)


@rule(
    "364",
    tables="Episodes",
    fields="LS;DECOM;DEC",
    kind="arithmetic",
    message="PACE detention in local authority accommodation (LS J2) lasts more than 21 days.",
)
def pace_detention_too_long(ret: Return) -> pl.LazyFrame:
    return _chained_periods_longer_than(ret, "J2", 21)


@rule(
    "365",
    tables="Episodes",
    fields="LS;DECOM;DEC",
    kind="arithmetic",
    message="A short break (LS V3) lasts more than 17 days from DECOM to DEC.",
)
def short_break_too_long(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        _is("LS", ["V3"]) & (_days(_ended_or_year_end(ret), pl.col("DECOM")) > 17)
    )


@rule(
    "366",
    tables="Episodes",
    fields="RNE;LS",
    kind="code-list",
    message="Each short break (LS V3) is a new period of care: RNE must be S.",
)
def short_break_not_new_care(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(_is("LS", ["V3"]) & _not("RNE", ["S"]))


@rule(
    "367",
    tables="Episodes",
    fields="LS;DECOM;DEC",
    kind="arithmetic",
    message="The child's short breaks (LS V3) add up to more than 75 days in the collection year.",
)
def short_breaks_over_75_days(ret: Return) -> pl.LazyFrame:
    start = pl.max_horizontal(pl.col("DECOM"), pl.lit(ret.start))
    end = pl.min_horizontal(_ended_or_year_end(ret), pl.lit(ret.end))
    return (
        ret.table("Episodes")
        .filter(_is("LS", ["V3"]) & pl.col("DECOM").is_not_null())
        .with_columns(_days(end, start).clip(lower_bound=0).alias("_in_year"))
        .filter((pl.col("_in_year").sum().over("CHILD") > 75) & (pl.col("_in_year") > 0))
    )


# --- 370-379: placement types by age and length --------------------------------------------


def _placed_too_young(place: str, age: int):
    """A placement of type `place` begun (DECOM) before the child was `age`. Open episodes
    are tested too: the peer tool skips those without DEC, which the rule does not ask."""

    def check(ret: Return) -> pl.LazyFrame:
        return _episodes_with_dob(ret).filter(
            _is("PLACE", [place]) & (pl.col("DECOM") < birthday_in(pl.col("_dob"), age))
        )

    return check


def _age_rule(code: str, place: str, age: int, years: str, what: str) -> None:
    rule(
        code,
        years=years,
        tables="Episodes;Header",
        fields="DECOM;PLACE",
        kind="date-order",
        message=f"A placement {what} (PLACE {place}) begins (DECOM) before the child is {age}.",
    )(_placed_too_young(place, age))


_age_rule("370", "P2", 15, "2022-23", "in foyer or similar supported accommodation")
_age_rule("370", "P2", 16, "2023-24", "in foyer or similar supported accommodation")
_age_rule("371", "H5", 14, "2022-23", "in semi-independent living accommodation")
_age_rule("371", "H5", 16, "2023-24", "in semi-independent living accommodation")
_age_rule("371", "K3", 16, "2024-25..2026-27", "in supported accommodation")
_age_rule("372", "R5", 10, "2022-23..2026-27", "in a young offender institution")
_age_rule("373", "S1", 4, "2022-23..2026-27", "in a residential school")
_age_rule("374", "P3", 14, "2022-23..2026-27", "in residential employment")


def _temporary_longer_than(place: str, days: int):
    """A placement of type `place` lasting more than `days` from DECOM to DEC, an open one
    to the collection year's end (as 361-367 read open episodes): the peer tool skips open
    placements, so a temporary placement still open after months was never reported."""

    def check(ret: Return) -> pl.LazyFrame:
        return ret.table("Episodes").filter(
            _is("PLACE", [place]) & (_days(_ended_or_year_end(ret), pl.col("DECOM")) > days)
        )

    return check


def _length_rule(code: str, place: str, days: int, what: str) -> None:
    rule(
        code,
        tables="Episodes;Header",
        fields="DECOM;DEC;PLACE",
        kind="arithmetic",
        message=f"A temporary placement {what} (PLACE {place}) lasts more than {days} days.",
    )(_temporary_longer_than(place, days))


_length_rule("375", "T1", 42, "while the usual school is closed")
_length_rule("376", "T3", 21, "while the carer is on holiday")
_length_rule("379", "T4", 7, "for another reason")


@rule(
    "377",
    tables="Episodes",
    fields="PLACE",
    kind="arithmetic",
    message="The child has more than two temporary placements while carers are away (PLACE T3).",
)
def too_many_holiday_placements(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        _is("PLACE", ["T3"]) & (_is("PLACE", ["T3"]).sum().over("CHILD") > 2)
    )


@rule(
    "378",
    tables="Episodes",
    fields="PLACE;LS",
    kind="other",
    message="A child accommodated under section 20 (LS V2) cannot be placed with parents (P1).",
)
def section_20_with_parents(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(_is("PLACE", ["P1"]) & _is("LS", ["V2"]))


@rule(
    "380",
    tables="Episodes",
    fields="PLACE;RNE",
    kind="code-list",
    message="A temporary placement (PLACE T0-T4) is a change of placement: RNE must be P or B.",
)
def temporary_not_a_move(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(_is("PLACE", TEMPORARY) & _not("RNE", ["P", "B"]))


@rule(
    "381",
    tables="Episodes",
    fields="PLACE;REC",
    kind="code-list",
    message="A temporary placement (PLACE T0-T4) that has ended must end with REC X1.",
)
def temporary_ceased_otherwise(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        _is("PLACE", TEMPORARY) & pl.col("REC").is_not_null() & _not("REC", ["X1"])
    )


@rule(
    "382",
    tables="Episodes",
    fields="LS;PLACE",
    kind="other",
    message="A short break (LS V3/V4) cannot be a temporary placement (PLACE T0-T4).",
)
def short_break_temporary(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(_is("LS", SHORT_BREAKS) & _is("PLACE", TEMPORARY))


def _after_temporary(ret: Return) -> pl.LazyFrame:
    """Episodes whose previous episode was temporary (T0-T4), with the one before that, in
    date order; only where there is one before the temporary placement."""
    return (
        _in_order(ret.table("Episodes"))
        .with_columns(
            pl.col("PLACE").shift(1).over("CHILD").alias("_temporary"),
            pl.col("PLACE").shift(2).over("CHILD").alias("_before_place"),
            pl.col("PL_POST").shift(2).over("CHILD").alias("_before_post"),
            pl.int_range(pl.len()).over("CHILD").alias("_index"),
        )
        .filter((pl.col("_index") >= 2) & pl.col("_temporary").is_in(TEMPORARY).fill_null(False))
    )


@rule(
    "383",
    years="2022-23..2024-25",
    tables="Episodes",
    fields="PLACE;RNE",
    kind="other",
    message=(
        "After a temporary placement (T0-T4) the child returns to the placement before it: RNE "
        "must be P and PLACE the same as before the temporary placement."
    ),
)
def not_back_after_temporary(ret: Return) -> pl.LazyFrame:
    return _after_temporary(ret).filter(
        _not("RNE", ["P"]) | pl.col("PLACE").ne_missing(pl.col("_before_place"))
    )


@rule(
    "383",
    years="2025-26..2026-27",
    tables="Episodes",
    fields="PLACE;RNE;PL_POST",
    kind="other",
    message=(
        "After a temporary placement (T0-T4) the child returns to the placement before it: RNE "
        "must be P, and PLACE and PL_POST the same as before the temporary placement."
    ),
)
def not_back_after_temporary_postcode(ret: Return) -> pl.LazyFrame:
    return _after_temporary(ret).filter(
        _not("RNE", ["P"])
        | pl.col("PLACE").ne_missing(pl.col("_before_place"))
        | pl.col("PL_POST").ne_missing(pl.col("_before_post"))
    )


@rule(
    "384",
    tables="Episodes",
    fields="PLACE;LS",
    kind="other",
    message="A short break (LS V3/V4) cannot be foster care with a relative or friend (U1/U4).",
)
def short_break_with_connected_carer(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(_is("LS", SHORT_BREAKS) & _is("PLACE", ["U1", "U4"]))


@rule(
    "385",
    tables="Episodes",
    fields="DEC",
    kind="date-range",
    message="DEC (episode end) is after the collection year's end (31 March).",
)
def ended_after_year_end(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(pl.col("DEC") > pl.lit(ret.end))


# --- 386-390: reasons an episode ended ------------------------------------------------------


@rule(
    "386",
    tables="Header;Episodes",
    fields="REC",
    kind="date-order",
    message="The child was adopted (REC E11/E12) on or after their 18th birthday (DEC).",
)
def adopted_at_18(ret: Return) -> dict[str, pl.LazyFrame]:
    return {
        "Episodes": _episodes_with_dob(ret).filter(
            _is("REC", ADOPTION_CEASED) & (pl.col("DEC") >= birthday_in(pl.col("_dob"), 18))
        )
    }


@rule(
    "387",
    tables="Header;Episodes",
    fields="REC",
    kind="date-order",
    message="A child under 14 at the episode's end (DEC) is recorded as living alone (REC E5/E6).",
)
def independent_under_14(ret: Return) -> dict[str, pl.LazyFrame]:
    return {
        "Episodes": _episodes_with_dob(ret).filter(
            _is("REC", ["E5", "E6"]) & (pl.col("DEC") < birthday_in(pl.col("_dob"), 14))
        )
    }


@rule(
    "388",
    tables="Episodes",
    fields="REC;DEC;DECOM",
    kind="other",
    message=(
        "REC X1 (episode ceased, care continues) must be used exactly when the next episode "
        "starts (DECOM) the day this one ends (DEC), and not on the child's last episode."
    ),
)
def continuing_care_mismatch(ret: Return) -> pl.LazyFrame:
    ordered = _in_order(ret.table("Episodes")).with_columns(
        pl.col("DECOM").shift(-1).over("CHILD").alias("_next"),
        (pl.int_range(pl.len()).over("CHILD") == pl.len().over("CHILD") - 1).alias("_final"),
    )
    continues = _is("REC", ["X1"])
    runs_on = (pl.col("DEC") == pl.col("_next")).fill_null(False)
    return ordered.filter(
        (~pl.col("_final") & continues & ~runs_on)
        | (~pl.col("_final") & ~continues & runs_on)
        | (pl.col("_final") & pl.col("DEC").is_not_null() & continues)
    )


@rule(
    "389",
    tables="Episodes;Header",
    fields="REC",
    kind="date-order",
    message=(
        "A child under 16 at the episode's end (DEC) is recorded as moving to adult social "
        "care (REC E7)."
    ),
)
def adult_care_under_16(ret: Return) -> pl.LazyFrame:
    return _episodes_with_dob(ret).filter(
        _is("REC", ["E7"]) & (pl.col("DEC") < birthday_in(pl.col("_dob"), 16))
    )


@rule(
    "390",
    tables="Episodes",
    fields="PLACE;REC",
    kind="code-list",
    message="An episode ending in adoption (REC E11/E12) must be a placement for adoption (A3-A6).",
)
def adopted_from_other_placement(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        _is("REC", ADOPTION_CEASED) & _not("PLACE", ["A3", "A4", "A5", "A6"])
    )


# --- 392-399: postcodes, mothers, short breaks ----------------------------------------------


def _not_uasc(ret: Return) -> pl.LazyFrame:
    """Episodes other than short breaks (LS V3/V4; a blank LS counts as other) of children
    not known to be (or to have been) unaccompanied asylum seekers, by this year's or last
    year's UASC table."""
    uasc = pl.concat([ret.table("UASC").select("CHILD"), ret.last("UASC").select("CHILD")])
    return ret.table("Episodes").filter(_not("LS", SHORT_BREAKS)).join(uasc, on="CHILD", how="anti")


def _uasc_known(ret: Return) -> bool:
    """Whether a UASC table was supplied, this year or last: without one the rules that
    exempt UASC children cannot tell who they are, and (as the spec has it) flag no one."""
    return ret.has("UASC") or (ret.previous is not None and "UASC" in ret.previous)


def _normalised(column: str) -> pl.Expr:
    return pl.col(column).str.replace_all(" ", "").str.to_uppercase()


def _directory(ret: Return) -> pl.LazyFrame:
    return ret.postcodes.select(_normalised("postcode").alias("_postcode")).unique()


def _found(ret: Return, episodes: pl.LazyFrame, column: str, name: str) -> pl.LazyFrame:
    """`episodes` with `name` true where `column` is in the ONS postcode directory."""
    found = _directory(ret).with_columns(pl.lit(True).alias(name))
    return episodes.join(
        found, left_on=_normalised(column), right_on="_postcode", how="left"
    ).with_columns(pl.col(name).fill_null(False))


@rule(
    "392a",
    tables="Episodes;UASC",
    fields="PL_DISTANCE;HOME_POST;PL_POST",
    kind="required",
    needs="postcodes",
    message=(
        "The placement's distance (PL_DISTANCE) is missing and cannot be worked out: HOME_POST "
        "or PL_POST is blank or not a known postcode."
    ),
)
def distance_missing(ret: Return) -> pl.LazyFrame:
    episodes = _not_uasc(ret).filter(blank("PL_DISTANCE"))
    if not _uasc_known(ret):
        episodes = episodes.filter(pl.lit(False))
    episodes = _found(ret, episodes, "HOME_POST", "_home_found")
    episodes = _found(ret, episodes, "PL_POST", "_place_found")
    return episodes.filter(~pl.col("_home_found") | ~pl.col("_place_found"))


@rule(
    "392b",
    tables="Episodes;UASC",
    fields="HOME_POST;PL_POST",
    kind="required",
    message=(
        "HOME_POST and PL_POST (home and placement postcodes) must be given for every episode "
        "other than a short break, except for unaccompanied asylum-seeking children."
    ),
)
def postcode_missing(ret: Return) -> pl.LazyFrame:
    episodes = _not_uasc(ret).filter(blank("HOME_POST") | blank("PL_POST"))
    if not _uasc_known(ret):
        episodes = episodes.filter(pl.lit(False))
    return episodes


@rule(
    "392c",
    tables="Episodes",
    fields="HOME_POST;PL_POST",
    kind="cross-table",
    needs="postcodes",
    message="HOME_POST or PL_POST is not a postcode in the ONS postcode directory.",
)
def postcode_unknown(ret: Return) -> pl.LazyFrame:
    episodes = _found(ret, ret.table("Episodes"), "HOME_POST", "_home_found")
    episodes = _found(ret, episodes, "PL_POST", "_place_found")
    return episodes.filter(
        (pl.col("HOME_POST").is_not_null() & ~pl.col("_home_found"))
        | (pl.col("PL_POST").is_not_null() & ~pl.col("_place_found"))
    )


@rule(
    "392d",
    tables="Episodes",
    fields="HOME_POST;PL_POST;PLACE",
    kind="other",
    message="HOME_POST and PL_POST are the same, which only a placement with parents (P1) may be.",
)
def placed_at_home_postcode(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        _not("PLACE", ["P1"]) & (pl.col("HOME_POST") == pl.col("PL_POST")).fill_null(False)
    )


def _mother_missing(ret: Return, female: str) -> pl.LazyFrame:
    looked_after = ret.table("Episodes").filter(_not("LS", SHORT_BREAKS)).select("CHILD")
    return (
        ret.table("Header")
        .filter(_is("SEX", [female]) & blank("MOTHER"))
        .join(looked_after, on="CHILD", how="semi")
    )


@rule(
    "393",
    years="2022-23..2023-24",
    tables="Header;Episodes",
    fields="MOTHER;SEX",
    kind="required",
    message="MOTHER (whether the girl is a mother) must be given for a looked-after girl (SEX 2).",
)
def mother_missing_numeric(ret: Return) -> pl.LazyFrame:
    return _mother_missing(ret, "2")


@rule(
    "393",
    years="2024-25..2026-27",
    tables="Header;Episodes",
    fields="MOTHER;SEX",
    kind="required",
    message="MOTHER (whether the girl is a mother) must be given for a looked-after girl (SEX F).",
)
def mother_missing(ret: Return) -> pl.LazyFrame:
    return _mother_missing(ret, "F")


@rule(
    "398",
    tables="Episodes",
    fields="LS;HOME_POST;PL_POST",
    kind="other",
    message="For a short break (LS V3/V4) HOME_POST and PL_POST must be left blank.",
)
def short_break_with_postcodes(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        _is("LS", SHORT_BREAKS)
        & (pl.col("HOME_POST").is_not_null() | pl.col("PL_POST").is_not_null())
    )


@rule(
    "399",
    tables="Episodes;Header;Reviews",
    fields="MOTHER;LS;REVIEW;REVIEW_CODE",
    kind="cross-table",
    message=(
        "A child only ever on short breaks (LS V3/V4) has MOTHER or a review (REVIEW, "
        "REVIEW_CODE) recorded: those are left blank for short breaks."
    ),
)
def short_breaks_only_with_mother_or_reviews(ret: Return) -> dict[str, pl.LazyFrame]:
    episodes = ret.table("Episodes")
    short_breaks_only = (
        episodes.group_by("CHILD")
        .agg(_is("LS", SHORT_BREAKS).all().alias("_only"))
        .filter(pl.col("_only"))
        .select("CHILD")
    )
    header = ret.table("Header").join(short_breaks_only, on="CHILD", how="semi")
    mothers = header.filter(pl.col("MOTHER").is_not_null())
    reviews = (
        ret.table("Reviews")
        .join(short_breaks_only, on="CHILD", how="semi")
        .filter(pl.col("REVIEW").is_not_null() | pl.col("REVIEW_CODE").is_not_null())
    )
    at_fault = pl.concat([mothers.select("CHILD"), reviews.select("CHILD")]).unique()
    return {
        "Episodes": episodes.join(at_fault, on="CHILD", how="semi"),
        "Header": header.join(at_fault, on="CHILD", how="semi"),
        "Reviews": reviews,
    }
