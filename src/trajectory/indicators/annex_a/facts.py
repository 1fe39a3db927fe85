"""An Annex A version's lists as the indicators read them, and the as-at dates they can give.

Each list is the stored table ("List1" ... "List11") with Ofsted's template column names; a list
the workbook lacks is read as an empty table of its columns, so every figure can be asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from trajectory.returns.annex_a.schema import LISTS_BY_NAME

SIX_MONTHS = "-6mo"


@dataclass
class AnnexAFacts:
    dates: list[date]  # the as-at dates, oldest first
    lists: dict[str, pl.LazyFrame]  # "List1" ... "List11", every template column present
    first: date | None = None  # the first day the lists cover (None: not checked)
    last: date | None = None  # the day the lists end: the day a current status stands at

    def list(self, name: str) -> pl.LazyFrame:
        return self.lists[name]

    def dates_frame(self) -> pl.LazyFrame:
        """One row an as-at date: as_at, and window_from, the six months' first day."""
        return pl.LazyFrame({"as_at": self.dates}, schema={"as_at": pl.Date}).with_columns(
            window_from=pl.col("as_at").dt.offset_by("1d").dt.offset_by(SIX_MONTHS)
        )


def as_at_dates(first: date | None, last: date | None) -> list[date]:
    """Every month-end the lists cover, and the day they end when that is not a month-end."""
    if last is None:
        return []
    begin = first or last
    ends = pl.date_range(begin, last, "1mo", eager=True).dt.month_end().to_list()
    dates = sorted({end for end in ends if begin <= end <= last})
    return dates if dates and dates[-1] == last else [*dates, last]


def prepare(
    tables: dict[str, pl.LazyFrame],
    dates: list[date],
    first: date | None = None,
    last: date | None = None,
) -> AnnexAFacts:
    """The lists of `tables` (a version's, or tests' hand-made ones) for the as-at dates."""
    lists = {}
    for name, annex_list in LISTS_BY_NAME.items():
        frame = tables.get(name)
        if frame is None:
            lists[name] = pl.LazyFrame(schema=annex_list.schema)
            continue
        frame = frame.lazy()
        held = frame.collect_schema()
        lists[name] = frame.with_columns(
            pl.lit(None, dtype=dtype).alias(column)
            for column, dtype in annex_list.schema.items()
            if column not in held.names()
        )
    return AnnexAFacts(dates=sorted(set(dates)), lists=lists, first=first, last=last)
