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


# The ONS code of each council by its 3-digit DfE LA number (the latest new_la_code for each
# old_la_code in DfE's ONS mid-year population file, 2012-2024), so a council known by its LA
# number (Council.code) can be matched with the postcode directory's ONS codes (rule 411).
ONS_CODES = dict(
    pair.split(":")
    for pair in (  # noqa: SIM905 (a table of codes reads best as one)
        "201:E09000001 202:E09000007 203:E09000011 204:E09000012 205:E09000013 206:E09000019 "
        "207:E09000020 208:E09000022 209:E09000023 210:E09000028 211:E09000030 212:E09000032 "
        "213:E09000033 301:E09000002 302:E09000003 303:E09000004 304:E09000005 305:E09000006 "
        "306:E09000008 307:E09000009 308:E09000010 309:E09000014 310:E09000015 311:E09000016 "
        "312:E09000017 313:E09000018 314:E09000021 315:E09000024 316:E09000025 317:E09000026 "
        "318:E09000027 319:E09000029 320:E09000031 330:E08000025 331:E08000026 332:E08000027 "
        "333:E08000028 334:E08000029 335:E08000030 336:E08000031 340:E08000011 341:E08000012 "
        "342:E08000013 343:E08000014 344:E08000015 350:E08000001 351:E08000002 352:E08000003 "
        "353:E08000004 354:E08000005 355:E08000006 356:E08000007 357:E08000008 358:E08000009 "
        "359:E08000010 370:E08000016 371:E08000017 372:E08000018 373:E08000019 380:E08000032 "
        "381:E08000033 382:E08000034 383:E08000035 384:E08000036 390:E08000037 391:E08000021 "
        "392:E08000022 393:E08000023 394:E08000024 420:E06000053 800:E06000022 801:E06000023 "
        "802:E06000024 803:E06000025 805:E06000001 806:E06000002 807:E06000003 808:E06000004 "
        "810:E06000010 811:E06000011 812:E06000012 813:E06000013 815:E06000065 816:E06000014 "
        "821:E06000032 822:E06000055 823:E06000056 825:E06000060 826:E06000042 830:E10000007 "
        "831:E06000015 835:E10000009 836:E06000029 837:E06000028 838:E06000059 839:E06000058 "
        "840:E06000047 841:E06000005 845:E10000011 846:E06000043 850:E10000014 851:E06000044 "
        "852:E06000045 855:E10000018 856:E06000016 857:E06000017 860:E10000028 861:E06000021 "
        "865:E06000054 866:E06000030 867:E06000036 868:E06000040 869:E06000037 870:E06000038 "
        "871:E06000039 872:E06000041 873:E10000003 874:E06000031 876:E06000006 877:E06000007 "
        "878:E10000008 879:E06000026 880:E06000027 881:E10000012 882:E06000033 883:E06000034 "
        "884:E06000019 885:E10000034 886:E10000016 887:E06000035 888:E10000017 889:E06000008 "
        "890:E06000009 891:E10000024 892:E06000018 893:E06000051 894:E06000020 895:E06000049 "
        "896:E06000050 908:E06000052 909:E10000006 916:E10000013 919:E10000015 921:E06000046 "
        "925:E10000019 926:E10000020 928:E10000021 929:E06000057 931:E10000025 933:E06000066 "
        "935:E10000029 936:E10000030 937:E10000031 938:E10000032 940:E06000061 941:E06000062 "
        "942:E06000063 943:E06000064"
    ).split()
)
_NOT_A_COUNTY = "E99999999"  # the directory's county code for a postcode outside one


def _ons_code(la_code: str) -> str:
    """The submitting council's ONS code, given it or its 3-digit LA number ("" unknown)."""
    code = la_code.strip().upper()
    return ONS_CODES.get(code, code if len(code) == 9 and code[0] in "EWSN" else "")


def _placed_la(episodes: pl.LazyFrame, postcodes: pl.LazyFrame | None) -> pl.LazyFrame:
    """Episodes with `_pl_la`: the council whose area the placement postcode (PL_POST) lies
    in, by the ONS postcode directory (null where it is not found). That is the county
    (`county`, ONSPD's oscty) where the postcode is in a two-tier county, else the district
    or unitary council (`la`, oslaua); `_has_county` says whether the directory said."""
    names = postcodes.collect_schema().names() if postcodes is not None else []
    if "la" not in names:
        return episodes.with_columns(
            pl.lit(None, pl.String).alias("_pl_la"), pl.lit(False).alias("_has_county")
        )
    county = pl.col("county") if "county" in names else pl.lit(None, pl.String)
    council = pl.when(county.is_not_null() & (county != _NOT_A_COUNTY)).then(county)
    directory = postcodes.select(
        "postcode", council.otherwise(pl.col("la")).alias("_pl_la")
    ).unique("postcode")
    return (
        episodes.with_columns(
            pl.col("PL_POST").str.replace_all(" ", "").str.to_uppercase().alias("_postcode")
        )
        .join(directory, left_on="_postcode", right_on="postcode", how="left")
        .with_columns(pl.lit("county" in names).alias("_has_county"))
    )


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
    needs="postcodes;council",
    message="PL_LOCATION says IN (inside the council's area) but the placement postcode "
    "(PL_POST) lies in another council.",
)
def inside_but_elsewhere(ret: Return) -> pl.LazyFrame:
    """Compared only where the submitting council is known (`Return.la_code`, its ONS code or
    LA number) and, for a county council, where the directory gives counties: without them
    a postcode in Kent reads as Ashford or Dover, never as Kent, so nothing can be told."""
    council = _ons_code(ret.la_code)
    episodes = ret.table("Episodes").filter(pl.col("PL_LOCATION") == "IN")
    return _placed_la(episodes, ret.postcodes).filter(
        pl.lit(bool(council))
        & (pl.col("_has_county") | pl.lit(not council.startswith("E10")))
        & pl.col("_pl_la").is_not_null()
        & (pl.col("_pl_la") != pl.lit(council))
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
