"""SSDA903 rules SW01STG1-SW19STG2: the social worker episodes (SWEpisodes, from 2023-24).

DfE's rules for the table of each looked-after child's social workers: who (SW_ID), from and
until when (SW_DECOM, SW_DEC) and why the worker changed (SW_REASON); the episodes follow on
from one another, one is open at 31 March, and each period of care has a worker
(../shared/domain/rules/ssda903_rules.csv). The readers turn an unreadable date into a blank
one (and report it themselves), so "blank or invalid" reads here as blank.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from trajectory.dataquality.ssda903 import CATALOGUE
from trajectory.dataquality.ssda903.common import Return, blank, text, unreadable_date

rule = CATALOGUE.rule

REASONS = [
    "MANAGE",
    "FCONTA",
    "LEFTRL",
    "ORGRST",
    "TSPROC",
    "ABSENC",
    "CHCHAN",
    "PCCHAN",
    "SWDIED",
    "OTHERS",
]
WORKERS_COLLECTED_FROM = date(2023, 4, 1)  # SW_REASON is owed for episodes begun since
RESPITE = ["V3", "V4"]  # short breaks: no social worker episode is required for them
PREVIOUS = "_previous_until"


def _episodes(ret: Return) -> pl.LazyFrame:
    return ret.table("SWEpisodes")


def _in_order(ret: Return, by: list[str]) -> pl.LazyFrame:
    """Each child's episodes in order (blank dates last, then as in the file), with the
    previous episode's SW_DEC and whether there is a previous episode at all."""
    return (
        _episodes(ret)
        .sort(["CHILD", *by, "_row"], nulls_last=True)
        .with_columns(
            pl.col("SW_DEC").shift(1).over("CHILD").alias(PREVIOUS),
            pl.col("_row").shift(1).over("CHILD").is_not_null().alias("_has_previous"),
        )
    )


def _within(day: pl.Expr, of: pl.Expr, days: int) -> pl.Expr:
    """`day` is no more than `days` either side of `of` (false where either is blank)."""
    return (day >= of - pl.duration(days=days)) & (day <= of + pl.duration(days=days))


def _latest(ret: Return) -> pl.LazyFrame:
    """Each child's dated episodes, marked `_latest` for the one begun last (the later in the
    file where two begin on one day). An episode with no SW_DECOM cannot be placed in order."""
    return (
        _episodes(ret)
        .filter(pl.col("SW_DECOM").is_not_null())
        .sort(["CHILD", "SW_DECOM", "_row"])
        .with_columns((pl.col("_row") == pl.col("_row").last().over("CHILD")).alias("_latest"))
    )


def _not_fconta() -> pl.Expr:
    return pl.col("SW_REASON").fill_null("") != "FCONTA"


def _year_before(ret: Return) -> date:
    """The collection start a year earlier. The peer tool takes numpy's average year
    (365.24 days), which in 2024-25 puts the bound on 2 April 2023; the spec's intent is the
    year before, so the previous collection year's first day is used."""
    return date(ret.start.year - 1, 4, 1)


@rule(
    "SW01STG1",
    years="2023-24",
    tables="SWEpisodes;Episodes",
    requires="SWEpisodes;Episodes",
    fields="DEC",
    kind="cross-table",
    message="This open episode of care (no DEC, LS not V3 or V4) needs the child's social "
    "worker episodes, each with SW_ID, SW_DECOM and SW_REASON filled in.",
)
def open_care_without_social_worker(ret: Return) -> dict[str, pl.LazyFrame]:
    """DfE SW01STG1. The flagged rows are the care episodes', so they are reported under
    Episodes (the peer tool reports their numbers under SWEpisodes, pointing at wrong rows)."""
    incomplete = (
        _episodes(ret)
        .group_by("CHILD")
        .agg(
            pl.any_horizontal(blank("SW_ID"), blank("SW_DECOM"), blank("SW_REASON"))
            .any()
            .alias("_incomplete")
        )
    )
    open_care = ret.table("Episodes").filter(
        blank("DEC") & ~pl.col("LS").fill_null("").is_in(RESPITE)
    )
    return {
        "Episodes": open_care.join(incomplete, on="CHILD", how="left")
        .filter(pl.col("_incomplete").fill_null(True))
        .drop("_incomplete")
    }


@rule(
    "SW01aSTG1",
    years="2024-25",
    tables="SWEpisodes",
    fields="SW_DECOM;SW_ID",
    kind="required",
    message="SW_DECOM must be a date, and an episode begun before 1 April 2023 still needs "
    "its SW_ID.",
)
def early_episode_incomplete(ret: Return) -> pl.LazyFrame:
    return _episodes(ret).filter(
        blank("SW_DECOM") | ((pl.col("SW_DECOM") < WORKERS_COLLECTED_FROM) & blank("SW_ID"))
    )


@rule(
    "SW01bSTG1",
    years="2024-25",
    tables="SWEpisodes",
    fields="SW_DECOM;SW_ID;SW_REASON",
    kind="required",
    message="SW_DECOM must be a date, and an episode begun on or after 1 April 2023 needs "
    "both SW_ID and SW_REASON.",
)
def recent_episode_incomplete(ret: Return) -> pl.LazyFrame:
    return _episodes(ret).filter(
        blank("SW_DECOM")
        | ((pl.col("SW_DECOM") >= WORKERS_COLLECTED_FROM) & (blank("SW_ID") | blank("SW_REASON")))
    )


def _id_prefix_wrong() -> pl.Expr:
    return ~pl.col("SW_ID").str.slice(0, 2).is_in(["SW", "XX"]).fill_null(False)


@rule(
    "SW02STG1",
    years="2023-24..2024-25",
    tables="SWEpisodes",
    fields="SW_ID",
    kind="code-list",
    message="SW_ID must begin with SW (a registered social worker's number) or XX.",
)
def worker_id_prefix(ret: Return) -> pl.LazyFrame:
    return _episodes(ret).filter(_id_prefix_wrong())


@rule(
    "SW02STG1",
    years="2025-26..2026-27",
    tables="SWEpisodes",
    fields="SW_ID",
    kind="code-list",
    message="SW_ID must begin with SW or XX and be at least 4 characters long.",
)
def worker_id_prefix_and_length(ret: Return) -> pl.LazyFrame:
    return _episodes(ret).filter(_id_prefix_wrong() | (pl.col("SW_ID").str.len_chars() < 4))


@rule(
    "SW03STG1",
    years="2023-24",
    tables="SWEpisodes",
    fields="SW_ID;SW_DECOM;SW_REASON",
    kind="required",
    message="SW_ID, SW_DECOM and SW_REASON must all be filled in.",
)
def episode_incomplete(ret: Return) -> pl.LazyFrame:
    return _episodes(ret).filter(blank("SW_ID") | blank("SW_DECOM") | blank("SW_REASON"))


# 2023-24 and 2024-25 allow a part of a social worker episode's date to be unknown: ZZ for the
# day or month, ZZZZ for the year (DfE's SWEpisodes guidance), which the reader cannot read as a
# date; from 2025-26 only whole dates are accepted.
_PARTIAL_DATE = r"^\s*(\d{1,2}|ZZ)/(\d{1,2}|ZZ)/(\d{4}|ZZZZ)\s*$"


def _sw_date_check(field: str, *, partial: bool):
    def check(ret: Return) -> pl.LazyFrame:
        flagged = unreadable_date(field)
        if partial:
            flagged = flagged & ~text(field).str.to_uppercase().str.contains(_PARTIAL_DATE)
        return ret.table("SWEpisodes").filter(flagged)

    check.__name__ = f"{field.lower()}_not_a_date{'_or_partial' if partial else ''}"
    return check


for _code, _field, _words in (
    ("SW04STG1", "SW_DECOM", "SW_DECOM (the day the social worker episode began)"),
    ("SW05STG1", "SW_DEC", "SW_DEC (the day the social worker episode ended)"),
):
    rule(
        _code,
        years="2023-24..2024-25",
        tables="SWEpisodes",
        fields=_field,
        kind="other",
        message=f"{_words} is not a date: write it as dd/mm/yyyy, with ZZ for a day or month "
        "not known and ZZZZ for a year not known, or leave it blank.",
    )(_sw_date_check(_field, partial=True))
    rule(
        _code,
        years="2025-26..2026-27",
        tables="SWEpisodes",
        fields=_field,
        kind="other",
        message=f"{_words} is not a date: write it as dd/mm/yyyy (partial dates are no longer "
        "accepted), or leave it blank.",
    )(_sw_date_check(_field, partial=False))


@rule(
    "SW06STG2",
    years="2023-24..2026-27",
    tables="SWEpisodes",
    fields="SW_DECOM",
    kind="date-range",
    message="SW_DECOM is after 31 March: an episode must begin within the collection year "
    "or before it.",
)
def begins_after_year(ret: Return) -> pl.LazyFrame:
    return _episodes(ret).filter(pl.col("SW_DECOM") > ret.end)


@rule(
    "SW07STG2",
    years="2023-24",
    tables="SWEpisodes",
    fields="SW_DEC",
    kind="date-range",
    message="SW_DEC must fall within the collection year (1 April to 31 March).",
)
def ends_outside_year(ret: Return) -> pl.LazyFrame:
    return _episodes(ret).filter(~pl.col("SW_DEC").is_between(ret.start, ret.end))


@rule(
    "SW07STG2",
    years="2024-25..2026-27",
    tables="SWEpisodes",
    fields="SW_DEC",
    kind="date-range",
    message="SW_DEC must fall between 1 April of the year before and 31 March of this "
    "collection year.",
)
def ends_outside_two_years(ret: Return) -> pl.LazyFrame:
    return _episodes(ret).filter(~pl.col("SW_DEC").is_between(_year_before(ret), ret.end))


def _open_before_latest(ret: Return) -> pl.LazyFrame:
    return _latest(ret).filter(~pl.col("_latest") & blank("SW_DEC")).drop("_latest")


@rule(
    "SW08STG2",
    years="2023-24..2026-27",
    tables="SWEpisodes",
    fields="SW_DEC",
    kind="required",
    message="A later social worker episode has begun, so this one needs its SW_DEC.",
)
def earlier_episode_left_open(ret: Return) -> pl.LazyFrame:
    """DfE SW08STG2: only the child's latest episode (by SW_DECOM) may be open."""
    return _open_before_latest(ret)


@rule(
    "SW14STG2",
    years="2023-24",
    tables="SWEpisodes",
    fields="SW_DEC",
    kind="required",
    message="This is not the child's latest social worker episode, so SW_DEC must be filled in.",
)
def earlier_episode_without_end(ret: Return) -> pl.LazyFrame:
    """DfE SW14STG2 (2023-24 only): SW08STG2's condition under a second code."""
    return _open_before_latest(ret)


@rule(
    "SW09STG2",
    years="2023-24..2024-25",
    tables="SWEpisodes",
    fields="SW_DECOM;SW_DEC",
    kind="date-order",
    message="SW_DEC is the same day as SW_DECOM: an episode must last beyond the day it begins.",
)
def ends_the_day_it_begins(ret: Return) -> pl.LazyFrame:
    """DfE SW09STG2. The peer tool compares the dates' text; as dates, 01/04/2023 and
    1/4/2023 are the same day, as the rule means."""
    return _episodes(ret).filter(pl.col("SW_DEC") == pl.col("SW_DECOM"))


@rule(
    "SW09STG2",
    years="2025-26..2026-27",
    tables="SWEpisodes",
    fields="SW_DECOM;SW_DEC",
    kind="arithmetic",
    message="SW_DEC is less than 3 days after SW_DECOM: a social worker episode must last "
    "at least 3 days.",
)
def ends_within_three_days(ret: Return) -> pl.LazyFrame:
    return _episodes(ret).filter(pl.col("SW_DEC") < pl.col("SW_DECOM") + pl.duration(days=3))


def _does_not_follow_on(ret: Return) -> pl.LazyFrame:
    """Episodes beginning more than 7 days either side of the previous one's end (or after
    one with no end): each begins as the last ends, a week's tolerance."""
    return _in_order(ret, ["SW_DECOM", "SW_DEC"]).filter(
        pl.col("_has_previous") & ~_within(pl.col("SW_DECOM"), pl.col(PREVIOUS), 7).fill_null(False)
    )


def _drop_order(frame: pl.LazyFrame) -> pl.LazyFrame:
    return frame.drop(PREVIOUS, "_has_previous")


@rule(
    "SW10STG2",
    years="2023-24",
    tables="SWEpisodes",
    fields="SW_DECOM",
    kind="date-order",
    message="SW_DECOM must be within 7 days of the previous social worker episode's SW_DEC, "
    "which must be filled in.",
)
def gap_or_overlap(ret: Return) -> pl.LazyFrame:
    return _drop_order(_does_not_follow_on(ret))


@rule(
    "SW10STG2",
    years="2024-25..2026-27",
    tables="SWEpisodes",
    fields="SW_DECOM",
    kind="date-order",
    message="Unless SW_REASON is FCONTA, SW_DECOM must be within 7 days of the previous "
    "social worker episode's SW_DEC, which must be filled in.",
)
def gap_or_overlap_except_contact(ret: Return) -> pl.LazyFrame:
    """DfE SW10STG2 from 2024-25: a worker brought in for family contact (FCONTA) may
    overlap; a blank SW_REASON is not exempt."""
    return _drop_order(_does_not_follow_on(ret).filter(_not_fconta()))


@rule(
    "SW10aSTG2",
    years="2025-26..2026-27",
    tables="SWEpisodes",
    fields="SW_DECOM",
    kind="date-order",
    message="Unless SW_REASON is FCONTA, SW_DECOM must be within 7 days of the previous "
    "social worker episode's SW_DEC, which must be filled in.",
)
def gap_or_overlap_except_contact_a(ret: Return) -> pl.LazyFrame:
    """DfE SW10aSTG2: SW10STG2's condition again (both codes stay in DfE's set)."""
    return _drop_order(_does_not_follow_on(ret).filter(_not_fconta()))


@rule(
    "SW10bSTG2",
    years="2025-26..2026-27",
    tables="SWEpisodes",
    fields="SW_DECOM;SW_REASON",
    kind="date-order",
    message="A family-contact worker's episode (SW_REASON FCONTA) must begin after the "
    "previous social worker episode's SW_DEC.",
)
def contact_worker_overlaps(ret: Return) -> pl.LazyFrame:
    return _drop_order(
        _in_order(ret, ["SW_DECOM", "SW_DEC"]).filter(
            (pl.col("SW_REASON") == "FCONTA") & (pl.col("SW_DECOM") <= pl.col(PREVIOUS))
        )
    )


@rule(
    "SW11aSTG2",
    years="2023-24",
    tables="SWEpisodes",
    fields="SW_DEC",
    kind="date-order",
    message="The previous social worker episode ended before 26 March, so this episode's "
    "SW_DECOM must be within 5 days of that SW_DEC.",
)
def no_follow_on_after_early_end(ret: Return) -> pl.LazyFrame:
    """DfE SW11aSTG2 as the spec states it; as in the peer tool, a final episode that ended
    early with none after it is not flagged here."""
    cutoff = pl.lit(ret.end) - pl.duration(days=5)
    return _drop_order(
        _in_order(ret, ["SW_DECOM"]).filter(
            (pl.col(PREVIOUS) <= cutoff)
            & ~_within(pl.col("SW_DECOM"), pl.col(PREVIOUS), 5).fill_null(False)
        )
    )


@rule(
    "SW11bSTG2",
    years="2023-24..2026-27",
    tables="SWEpisodes",
    fields="SW_DEC",
    kind="date-range",
    message="A social worker episode ending in the last 5 days of March must be followed by "
    "another, with its SW_DECOM filled in.",
)
def no_follow_on_at_year_end(ret: Return) -> pl.LazyFrame:
    """DfE SW11bSTG2 as the spec's notes give its intent: an episode ending within 5 days of
    31 March with no later episode, and an episode with no SW_DECOM straight after one
    ending then. The peer tool also flags an ending episode that has a successor."""
    window = pl.col("SW_DEC").is_between(pl.lit(ret.end) - pl.duration(days=5), ret.end)
    ordered = _in_order(ret, ["SW_DECOM"]).with_columns(
        pl.col("_row").shift(-1).over("CHILD").is_null().alias("_last"),
    )
    previous_in_window = pl.col(PREVIOUS).is_between(pl.lit(ret.end) - pl.duration(days=5), ret.end)
    return _drop_order(
        ordered.filter(
            (window & pl.col("_last")) | (blank("SW_DECOM") & previous_in_window.fill_null(False))
        ).drop("_last")
    )


def _care_without_worker(ret: Return, episodes: pl.LazyFrame) -> dict[str, pl.LazyFrame]:
    """DfE SW12STG2's test of care episodes that begin or end a period of care: each of the
    child's social worker episodes must begin on or before the episode's DEC (if it does
    not end in X1) or on or after its DECOM (if it begins care, RNE S); as the spec reads
    the rule, one episode failing both, or none at all, flags the care episode."""
    not_x1 = ~pl.col("REC").eq_missing(pl.lit("X1"))
    starts_care = pl.col("RNE").eq_missing(pl.lit("S"))
    considered = episodes.filter(
        ~pl.col("LS").fill_null("").is_in(RESPITE) & (starts_care | not_x1)
    )
    workers = _episodes(ret).select("CHILD", pl.col("SW_DECOM").alias("_worker_from"))
    begun_by_end = (pl.col("_worker_from") <= pl.col("DEC")).fill_null(False) & not_x1
    begun_since_start = (pl.col("_worker_from") >= pl.col("DECOM")).fill_null(False) & starts_care
    failing = (
        considered.join(workers, on="CHILD", how="left")
        .filter(~begun_by_end & ~begun_since_start)
        .select("_row")
        .unique()
    )
    return {"Episodes": considered.join(failing, on="_row", how="semi")}


@rule(
    "SW12STG2",
    years="2023-24",
    tables="SWEpisodes;Episodes",
    requires="SWEpisodes;Episodes",
    fields="SW_DECOM",
    kind="cross-table",
    message="This care episode begins or ends a period of care, but the child's social "
    "worker episodes do not cover it: each SW_DECOM must be on or before its DEC (unless "
    "REC is X1) or on or after its DECOM (when RNE is S).",
)
def care_not_covered(ret: Return) -> dict[str, pl.LazyFrame]:
    return _care_without_worker(ret, ret.table("Episodes"))


@rule(
    "SW12STG2",
    years="2024-25..2026-27",
    tables="SWEpisodes;Episodes",
    requires="SWEpisodes;Episodes",
    fields="SW_DECOM",
    kind="cross-table",
    message="This care episode (open, or ended since 1 April of the year before) begins or "
    "ends a period of care, but the child's social worker episodes do not cover it: each "
    "SW_DECOM must be on or before its DEC (unless REC is X1) or on or after its DECOM "
    "(when RNE is S).",
)
def recent_care_not_covered(ret: Return) -> dict[str, pl.LazyFrame]:
    recent = ret.table("Episodes").filter(
        blank("DEC") | pl.col("DEC").is_between(_year_before(ret), ret.end)
    )
    return _care_without_worker(ret, recent)


@rule(
    "SW13STG1",
    years="2023-24",
    tables="SWEpisodes",
    fields="SW_REASON",
    kind="code-list",
    message="SW_REASON must be one of DfE's codes for a change of social worker (MANAGE, "
    "FCONTA, LEFTRL, ORGRST, TSPROC, ABSENC, CHCHAN, PCCHAN, SWDIED, OTHERS).",
)
def reason_code(ret: Return) -> pl.LazyFrame:
    return _episodes(ret).filter(~pl.col("SW_REASON").is_in(REASONS).fill_null(False))


@rule(
    "SW13STG1",
    years="2024-25..2026-27",
    tables="SWEpisodes",
    fields="SW_REASON",
    kind="code-list",
    message="SW_REASON must be one of DfE's codes for a change of social worker, and is "
    "required for an episode begun on or after 1 April 2023.",
)
def reason_code_since_2023(ret: Return) -> pl.LazyFrame:
    """DfE SW13STG1 from 2024-25. An unreadable SW_DECOM reads as blank, so it neither
    raises (as it does in the peer tool) nor calls for a reason."""
    return _episodes(ret).filter(
        (pl.col("SW_REASON").is_not_null() & ~pl.col("SW_REASON").is_in(REASONS))
        | (blank("SW_REASON") & (pl.col("SW_DECOM") >= WORKERS_COLLECTED_FROM).fill_null(False))
    )


@rule(
    "SW17STG2",
    years="2025-26..2026-27",
    tables="SWEpisodes",
    fields="SW_DEC;SW_DECOM",
    kind="required",
    message="The child's latest social worker episode has a SW_DEC: one episode must still "
    "be open at 31 March.",
)
def none_open_at_year_end(ret: Return) -> pl.LazyFrame:
    return _latest(ret).filter(pl.col("_latest") & pl.col("SW_DEC").is_not_null()).drop("_latest")


@rule(
    "SW18STG2",
    years="2025-26..2026-27",
    tables="SWEpisodes",
    fields="SW_DEC;SW_DECOM",
    kind="date-order",
    message="SW_DEC must be after SW_DECOM.",
)
def ends_before_it_begins(ret: Return) -> pl.LazyFrame:
    return _episodes(ret).filter(pl.col("SW_DEC") <= pl.col("SW_DECOM"))


@rule(
    "SW19STG2",
    years="2025-26..2026-27",
    tables="SWEpisodes",
    fields="SW_DEC;SW_DECOM",
    kind="uniqueness",
    message="The child already has a social worker episode beginning on this SW_DECOM: each "
    "begins on a different day.",
)
def begins_twice(ret: Return) -> pl.LazyFrame:
    """DfE SW19STG2: the repeats after the first in the file. Dates are compared as dates
    (the peer compares text); a blank SW_DECOM is not compared, as it may stand for two
    different unreadable dates."""
    return (
        _episodes(ret)
        .filter(pl.col("SW_DECOM").is_not_null())
        .sort("_row")
        .filter(pl.int_range(pl.len()).over("CHILD", "SW_DECOM") > 0)
    )
