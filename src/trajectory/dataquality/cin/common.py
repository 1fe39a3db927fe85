"""Expressions the CIN census rules share (see ssda903/common.py for the same ideas there)."""

from __future__ import annotations

from datetime import date

import polars as pl

from trajectory.dataquality.context import ROW, TEXT, Return
from trajectory.dataquality.ssda903.common import age_on, birthday_in, blank, text

__all__ = [
    "ROW",
    "TEXT",
    "Return",
    "age_on",
    "birthday_in",
    "blank",
    "by_episode",
    "outside_census",
    "overlapping",
    "rows_of",
    "text",
]

EPISODE = ["LAchildID", "CINdetailsID"]


def by_episode(left: pl.LazyFrame, right: pl.LazyFrame, columns: list[str]) -> pl.LazyFrame:
    """`left`'s rows with `right`'s columns of the same CIN episode (LAchildID, CINdetailsID)."""
    return left.join(right.select([*EPISODE, *columns]), on=EPISODE, how="inner")


def outside_census(column: str, ret: Return) -> pl.Expr:
    """A date filled and outside the census period, 1 April to the 31 March ReferenceDate
    inclusive (DfE CIN census specification: the period is ReferenceDate less a year plus a
    day, to ReferenceDate)."""
    day = pl.col(column)
    return day.is_not_null() & ((day < ret.start) | (day > ret.end))


def rows_of(frame: pl.LazyFrame, flagged: pl.LazyFrame, on: list[str]) -> pl.LazyFrame:
    """`frame`'s rows sharing `on` with any flagged row (the related rows a rule also flags)."""
    return frame.join(flagged.select(on).unique(), on=on, how="semi", nulls_equal=False)


def overlapping(
    frame: pl.LazyFrame,
    keys: list[str],
    start: str,
    end: str,
    *,
    open_: pl.Expr,
    reference: date,
    inclusive: bool = True,
    before_reference: bool = False,
    skip_identical: bool = False,
) -> pl.LazyFrame:
    """Rows of `frame` in a pair (same `keys`) where one starts on/after the other's start and
    on/before its end (before it when not `inclusive`), or the other is open (`open_`) and the
    start is on/before the ReferenceDate (before it when `before_reference`): DfE's overlap
    rules 4014, 8820, 8863Q, 8890, 8940. A self-join on the keys, never a cross join."""
    ends = "_end"
    own = frame.select(
        [*keys, ROW, pl.col(start).alias("_start"), pl.col(end).alias(ends), open_.alias("_open")]
    )
    pairs = own.join(own, on=keys, suffix="_b").filter(pl.col(ROW) != pl.col(ROW + "_b"))
    begins, other_start, other_end = pl.col("_start"), pl.col("_start_b"), pl.col(ends + "_b")
    within = (begins <= other_end) if inclusive else (begins < other_end)
    by_reference = (begins < reference) if before_reference else (begins <= reference)
    hit = (begins >= other_start) & (within.fill_null(False) | (pl.col("_open_b") & by_reference))
    if skip_identical:
        hit = hit & ~((begins == other_start) & pl.col(ends).eq_missing(other_end))
    hits = pairs.filter(hit.fill_null(False))
    rows = pl.concat([hits.select(ROW), hits.select(pl.col(ROW + "_b").alias(ROW))]).unique()
    return frame.join(rows, on=ROW, how="semi")
