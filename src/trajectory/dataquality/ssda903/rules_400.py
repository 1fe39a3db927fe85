"""SSDA903 rules 400-499: how one episode follows another (RNE against the episode before),
legal statuses against dates, UPNs, and where and how far away a child is placed.

The spec is ../shared/domain/rules/ssda903_rules.csv; where its notes say the open
validators compare dates as text or treat two blanks as different, these compare dates as
dates and two blanks as the same (the condition the spec's `check` states)."""

from __future__ import annotations

from datetime import date

import polars as pl

from trajectory.dataquality.ssda903 import CATALOGUE
from trajectory.dataquality.ssda903.common import Return, birthday_in, blank

rule = CATALOGUE.rule

# The reasons an episode ends that end the period of care (DfE's REC codes, rule 432).
LEFT_CARE = (
    ["E2", "E3", "E4A", "E4B"]
    + [f"E{n}" for n in range(5, 10)]
    + [f"E{n}" for n in range(11, 18)]
    + ["E41", "E45", "E46", "E47", "E48"]
)
PLACEMENT = ["PLACE", "PL_POST", "URN", "PLACE_PROVIDER"]  # what a placement change changes
SHORT_BREAKS = ["V3", "V4"]


def _with_previous(episodes: pl.LazyFrame, columns: list[str], *, then: str = "") -> pl.LazyFrame:
    """Each episode with the child's episode before it (by DECOM, then `then`) as
    `_prev_<column>`, and `_first` marking the child's first episode."""
    order = ["CHILD", "DECOM"] + ([then] if then else [])
    return episodes.sort(order, nulls_last=True).with_columns(
        *[pl.col(column).shift(1).over("CHILD").alias(f"_prev_{column}") for column in columns],
        (pl.int_range(pl.len()).over("CHILD") == 0).alias("_first"),
    )


def _unchanged(columns: list[str]) -> pl.Expr:
    """Every column as in the episode before (a blank equals a blank)."""
    return pl.all_horizontal([pl.col(c).eq_missing(pl.col(f"_prev_{c}")) for c in columns])


def _distance() -> pl.Expr:
    """PL_DISTANCE, the miles from home to placement, as a number (unreadable -> null)."""
    return pl.col("PL_DISTANCE").str.strip_chars().cast(pl.Float64, strict=False)


def _placed_la(episodes: pl.LazyFrame, postcodes: pl.LazyFrame | None) -> pl.LazyFrame:
    """Episodes with `_pl_la`: the council the placement postcode (PL_POST) lies in, by the
    ONS postcode directory (null where it is not found)."""
    if postcodes is None or "la" not in postcodes.collect_schema().names():
        return episodes.with_columns(pl.lit(None, pl.String).alias("_pl_la"))
    directory = postcodes.select("postcode", pl.col("la").alias("_pl_la")).unique("postcode")
    return episodes.with_columns(
        pl.col("PL_POST").str.replace_all(" ", "").str.to_uppercase().alias("_postcode")
    ).join(directory, left_on="_postcode", right_on="postcode", how="left")


def _uasc_children(ret: Return) -> pl.LazyFrame:
    """Children who are or were unaccompanied asylum seekers: a row in this or last year's
    UASC table (our Header carries no UASC column)."""
    return pl.concat([ret.table("UASC").select("CHILD"), ret.last("UASC").select("CHILD")]).unique()


@rule(
    "406",
    tables="Episodes;Header;UASC;Header_last;UASC_last",
    fields="PL_DISTANCE",
    kind="other",
    message="PL_DISTANCE should be left blank for a child who is or was an unaccompanied "
    "asylum-seeking child (in the UASC table this year or last).",
)
def uasc_distance_given(ret: Return) -> pl.LazyFrame:
    return (
        ret.table("Episodes")
        .filter(pl.col("PL_DISTANCE").is_not_null())
        .join(_uasc_children(ret), on="CHILD", how="semi")
    )


@rule(
    "407",
    tables="Episodes;Header",
    fields="DEC;DOB;REC",
    kind="date-order",
    message="REC E45 to E48 (leaving care at 18 or over) cannot have a DEC after the child's "
    "18th birthday (DOB); check REC, DEC and DOB.",
)
def adult_leaving_after_18(ret: Return) -> dict[str, pl.LazyFrame]:
    header = ret.table("Header")
    episodes = (
        ret.table("Episodes")
        .filter(pl.col("REC").is_in(["E45", "E46", "E47", "E48"]))
        .join(header.select("CHILD", pl.col("DOB").alias("_dob")), on="CHILD", how="inner")
        .filter(pl.col("DEC") > birthday_in(pl.col("_dob"), 18))
    )
    return {"Episodes": episodes, "Header": header.join(episodes, on="CHILD", how="semi")}


@rule(
    "408",
    tables="Episodes",
    fields="PLACE;LS",
    kind="code-list",
    message="A placement for adoption (PLACE A5 or A6) needs LS E1 (placement order).",
)
def adoption_placement_without_order(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        pl.col("PLACE").is_in(["A5", "A6"]) & ~pl.col("LS").eq_missing(pl.lit("E1"))
    )


@rule(
    "411",
    tables="Episodes",
    fields="PL_LOCATION",
    kind="other",
    needs="postcodes",
    message="PL_LOCATION says IN (inside the council's area) but the placement postcode "
    "(PL_POST) lies in another council.",
)
def inside_but_elsewhere(ret: Return) -> pl.LazyFrame:
    episodes = ret.table("Episodes").filter(pl.col("PL_LOCATION") == "IN")
    return _placed_la(episodes, ret.postcodes).filter(
        pl.lit(bool(ret.la_code))
        & pl.col("_pl_la").is_not_null()
        & (pl.col("_pl_la") != pl.lit(ret.la_code.strip().upper()))
    )


@rule(
    "420",
    tables="Episodes",
    fields="PL_LA",
    kind="other",
    needs="postcodes",
    message="A short break (LS V3 or V4) should not give a placement postcode (PL_POST) "
    "that places the child in a council's area.",
)
def short_break_placed(ret: Return) -> pl.LazyFrame:
    episodes = ret.table("Episodes").filter(pl.col("LS").is_in(SHORT_BREAKS))
    return _placed_la(episodes, ret.postcodes).filter(pl.col("_pl_la").is_not_null())


@rule(
    "426",
    tables="Episodes",
    fields="LS",
    kind="other",
    message="A child cannot have both kinds of short-break episode, LS V3 and LS V4.",
)
def both_short_breaks(ret: Return) -> pl.LazyFrame:
    episodes = ret.table("Episodes")
    both = (
        episodes.group_by("CHILD")
        .agg((pl.col("LS") == "V3").any().alias("_v3"), (pl.col("LS") == "V4").any().alias("_v4"))
        .filter(pl.col("_v3") & pl.col("_v4"))
    )
    return episodes.filter(pl.col("LS").is_in(SHORT_BREAKS)).join(both, on="CHILD", how="semi")


@rule(
    "431",
    tables="Episodes",
    fields="RNE;DECOM",
    kind="date-order",
    message="RNE S (a new period of care) must start after the episode before it ended: "
    "DECOM is on or before the previous episode's DEC.",
)
def new_period_overlaps(ret: Return) -> pl.LazyFrame:
    return _with_previous(ret.table("Episodes"), ["DEC"]).filter(
        (pl.col("RNE") == "S") & (pl.col("DECOM") <= pl.col("_prev_DEC"))
    )


@rule(
    "432",
    tables="Episodes",
    fields="RNE",
    kind="code-list",
    message="The episode before this one ended the period of care (REC), so this one starts a "
    "new period: RNE should be S.",
)
def after_leaving_not_new(ret: Return) -> pl.LazyFrame:
    return _with_previous(ret.table("Episodes"), ["REC"]).filter(
        pl.col("_prev_REC").is_in(LEFT_CARE) & ~pl.col("RNE").eq_missing(pl.lit("S"))
    )


@rule(
    "433",
    tables="Episodes",
    fields="RNE;DECOM",
    kind="date-order",
    message="RNE P, L, T, U or B continues the period of care, so DECOM should be the day the "
    "previous episode ended (its DEC).",
)
def continuing_not_contiguous(ret: Return) -> pl.LazyFrame:
    return _with_previous(ret.table("Episodes"), ["DEC"], then="DEC").filter(
        pl.col("RNE").is_in(["P", "L", "T", "U", "B"])
        & ~pl.col("_first")
        & ~pl.col("DECOM").eq_missing(pl.col("_prev_DEC"))
    )


@rule(
    "434",
    tables="Episodes",
    fields="RNE;LS;PLACE;PL_POST;URN;PLACE_PROVIDER",
    kind="other",
    message="RNE L (legal status changed, placement the same) needs a different LS from the "
    "episode before and the same PLACE, PL_POST, URN and PLACE_PROVIDER.",
)
def legal_change_inconsistent(ret: Return) -> pl.LazyFrame:
    return _with_previous(ret.table("Episodes"), ["LS", *PLACEMENT]).filter(
        (pl.col("RNE") == "L")
        & ~pl.col("_first")
        & (pl.col("LS").eq_missing(pl.col("_prev_LS")) | ~_unchanged(PLACEMENT))
    )


@rule(
    "435",
    tables="Episodes",
    fields="LS;PLACE;PL_POST;URN;PLACE_PROVIDER",
    kind="other",
    message="RNE P or T (placement changed, legal status the same) needs the same LS as the "
    "episode before and a change in PLACE, PL_POST, URN or PLACE_PROVIDER.",
)
def placement_change_inconsistent(ret: Return) -> pl.LazyFrame:
    return _with_previous(ret.table("Episodes"), ["LS", *PLACEMENT]).filter(
        pl.col("RNE").is_in(["P", "T"])
        & ~pl.col("_first")
        & (~pl.col("LS").eq_missing(pl.col("_prev_LS")) | _unchanged(PLACEMENT))
    )


@rule(
    "436",
    tables="Episodes",
    fields="RNE;LS;PLACE;PL_POST;URN;PLACE_PROVIDER",
    kind="other",
    message="RNE U or B (legal status and placement both changed) needs a different LS from "
    "the episode before and a change in PLACE, PL_POST, URN or PLACE_PROVIDER.",
)
def both_change_inconsistent(ret: Return) -> pl.LazyFrame:
    return _with_previous(ret.table("Episodes"), ["LS", *PLACEMENT]).filter(
        pl.col("RNE").is_in(["U", "B"])
        & ~pl.col("_first")
        & (pl.col("LS").eq_missing(pl.col("_prev_LS")) | _unchanged(PLACEMENT))
    )


@rule(
    "437",
    tables="Episodes",
    fields="REC",
    kind="other",
    message="REC E2 (died) or E15 (care taken by another council) must be the child's last "
    "episode, but a later one starts after it.",
)
def final_reason_not_last(ret: Return) -> pl.LazyFrame:
    episodes = ret.table("Episodes")
    return episodes.with_columns(pl.col("DECOM").max().over("CHILD").alias("_latest")).filter(
        pl.col("REC").is_in(["E2", "E15"]) & (pl.col("DECOM") < pl.col("_latest"))
    )


@rule(
    "440",
    tables="Reviews",
    fields="DOB;REVIEW;REVIEW_CODE",
    kind="date-order",
    message="REVIEW_CODE PN0 (a child under 4) is for reviews up to the 4th birthday; this "
    "REVIEW is after it (DOB).",
)
def under_four_code_too_old(ret: Return) -> pl.LazyFrame:
    return ret.table("Reviews").filter(
        (pl.col("REVIEW_CODE") == "PN0") & (pl.col("REVIEW") > birthday_in(pl.col("DOB"), 4))
    )


@rule(
    "441",
    tables="Reviews",
    fields="DOB;REVIEW;REVIEW_CODE",
    kind="date-order",
    message="REVIEW_CODE PN1 to PN7 (how a child took part) is for children aged 4 or over; "
    "this REVIEW is before the 4th birthday (DOB): use PN0.",
)
def participation_code_too_young(ret: Return) -> pl.LazyFrame:
    return ret.table("Reviews").filter(
        pl.col("REVIEW_CODE").is_in([f"PN{n}" for n in range(1, 8)])
        & (pl.col("REVIEW") < birthday_in(pl.col("DOB"), 4))
    )


@rule(
    "442",
    tables="Episodes;Header",
    fields="UPN",
    kind="required",
    message="UPN is needed for a child looked after other than on short breaks (LS V3, V4): "
    "give the UPN, or UN1 to UN5 for why there is none.",
)
def upn_missing(ret: Return) -> dict[str, pl.LazyFrame]:
    not_short_breaks = ret.table("Episodes").filter(
        ~pl.col("LS").is_in(SHORT_BREAKS).fill_null(False)
    )
    header = ret.table("Header").filter(blank("UPN"))
    return {"Header": header.join(not_short_breaks, on="CHILD", how="semi")}


@rule(
    "444",
    years="2025-26..2026-27",
    tables="Header",
    fields="UPN",
    kind="uniqueness",
    message="The same UPN is given for more than one child; each child's UPN is their own.",
)
def upn_shared(ret: Return) -> pl.LazyFrame:
    upn = pl.col("UPN").str.strip_chars().str.to_uppercase()
    return ret.table("Header").filter(
        upn.is_not_null() & ~upn.is_in([f"UN{n}" for n in range(1, 6)]) & (pl.len().over(upn) > 1)
    )


@rule(
    "445",
    years="2022-23..2023-24",
    tables="Episodes",
    fields="LS;DECOM",
    kind="date-range",
    message="LS D1 (freeing order) ended on 30 December 2005; an episode on it cannot start "
    "(DECOM) after 31 December 2005.",
)
def freeing_order_too_late(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        (pl.col("LS") == "D1") & (pl.col("DECOM") > pl.lit(date(2005, 12, 31)))
    )


@rule(
    "446",
    tables="Episodes",
    fields="LS;DECOM",
    kind="date-range",
    message="LS E1 (placement order) began on 30 December 2005; an episode on it cannot start "
    "(DECOM) before 1 December 2005.",
)
def placement_order_too_early(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter(
        (pl.col("LS") == "E1") & (pl.col("DECOM") < pl.lit(date(2005, 12, 1)))
    )


@rule(
    "451",
    years="2022-23..2023-24",
    tables="Episodes",
    fields="DEC;REC;LS",
    kind="other",
    message="LS D1 (freeing order) no longer exists, so an episode on it cannot still be open: "
    "give its DEC and REC.",
)
def freeing_order_open(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter((pl.col("LS") == "D1") & blank("DEC") & blank("REC"))


def _continuing(ret: Return, extra) -> pl.LazyFrame:
    """The child's first episode this year beside last year's latest episode when that one
    was still open at year end, with the same RNE (rules 452, 453): the same episode carried
    over, so what it says should agree. `extra(frame)` adds the columns compared."""
    first = (
        extra(ret.table("Episodes"))
        .sort(["CHILD", "DECOM"], nulls_last=True)
        .filter(pl.int_range(pl.len()).over("CHILD") == 0)
    )
    last = (
        extra(ret.last("Episodes"))
        .sort(["CHILD", "DECOM"], nulls_last=True)
        .filter(pl.int_range(pl.len(), 0, -1).over("CHILD") == 1)
        .filter(blank("DEC"))
    )
    return first.join(last, on="CHILD", how="inner", suffix="_last").filter(
        pl.col("RNE").eq_missing(pl.col("RNE_last"))
    )


@rule(
    "452",
    tables="Episodes;Episodes_last",
    fields="PL_LA",
    kind="previous-year",
    needs="previous;postcodes",
    message="The episode carried over from last year (open then, same RNE) is placed in a "
    "different council from last year's (PL_POST): check PL_POST.",
)
def carried_over_la_changed(ret: Return) -> pl.LazyFrame:
    joined = _continuing(ret, lambda frame: _placed_la(frame, ret.postcodes))
    return joined.filter(~pl.col("_pl_la").eq_missing(pl.col("_pl_la_last")))


@rule(
    "453",
    tables="Episodes;Episodes_last",
    fields="PL_DISTANCE",
    kind="previous-year",
    needs="previous",
    message="The episode carried over from last year (open then, same RNE) gives a "
    "PL_DISTANCE 0.2 miles or more different from last year's: check HOME_POST and PL_POST.",
)
def carried_over_distance_changed(ret: Return) -> pl.LazyFrame:
    joined = _continuing(ret, lambda frame: frame.with_columns(_distance().alias("_miles")))
    now, then = pl.col("_miles"), pl.col("_miles_last")
    # Distances are written to a tenth of a mile: rounded, 10.2 - 10.0 is 0.2, not 0.1999...
    return joined.filter(
        ((now - then).abs().round(6) >= 0.2).fill_null(False) | (then.is_null() & now.is_not_null())
    )


@rule(
    "454",
    years="2025-26..2026-27",
    tables="Episodes",
    fields="PL_DISTANCE",
    kind="arithmetic",
    message="PL_DISTANCE is over 350 miles: check HOME_POST and PL_POST (999.9 is accepted "
    "for a distance not known).",
)
def distance_too_far(ret: Return) -> pl.LazyFrame:
    return ret.table("Episodes").filter((_distance() > 350) & (_distance() != 999.9))


@rule(
    "460",
    tables="Header;Episodes",
    fields="DEC;REC",
    kind="date-order",
    message="REC E17 (aged 18 or over and staying on with the carers) cannot have a DEC "
    "before the child's 18th birthday (DOB).",
)
def adult_reason_before_18(ret: Return) -> dict[str, pl.LazyFrame]:
    dob = ret.table("Header").select("CHILD", pl.col("DOB").alias("_dob")).unique("CHILD")
    episodes = (
        ret.table("Episodes")
        .filter(pl.col("REC") == "E17")
        .join(dob, on="CHILD", how="inner")
        .filter(pl.col("DEC") < birthday_in(pl.col("_dob"), 18))
    )
    return {"Episodes": episodes}
