"""The span of time an SSDA903 return covers completely.

A return lists the children looked after during its collection years, with each child's episodes
back to when their care began. Early dates therefore describe only the children who were still
in care later, and figures for those dates would be too low. The first date the return records
every child is taken as the earliest end of a period of care (an episode ending with a reason
other than X1, leaving out short breaks, legal status V3/V4): a child who left care before the
collection began is not in the return, so no earlier ending can appear. A return with no ending
at all falls back to its earliest episode start.

Both ends are then widened to whole collection years, which run 1 April to 31 March: the span
starts on the 1 April on or before that first ending and ends on the 31 March on or after the
latest date in the data.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from trajectory.returns.ssda903.schema import SHORT_BREAK_LEGAL_STATUS


def coverage(tables: dict[str, pl.LazyFrame]) -> tuple[date | None, date | None]:
    """(first date with every child recorded, last date in the data) from the Episodes table."""
    episodes = tables.get("Episodes")
    if episodes is None:
        return None, None
    span = episodes.select(
        first_ending=pl.col("DEC")
        .filter(
            pl.col("REC").is_not_null()
            & (pl.col("REC") != "X1")
            & ~pl.col("LS").is_in(sorted(SHORT_BREAK_LEGAL_STATUS))
        )
        .min(),
        first_start=pl.col("DECOM").min(),
        last=pl.max_horizontal(pl.col("DECOM").max(), pl.col("DEC").max()),
    ).collect()
    first = span["first_ending"][0] or span["first_start"][0]
    last = span["last"][0]
    if first is None or last is None:
        return None, None
    return collection_year_start(first), collection_year_end(last)


def collection_year_start(day: date) -> date:
    """The 1 April on or before a date."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def collection_year_end(day: date) -> date:
    """The 31 March on or after a date."""
    return date(day.year if day.month <= 3 else day.year + 1, 3, 31)
