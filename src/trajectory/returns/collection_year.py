"""The collection year of a return: written "2024-25", ending 31 March 2025, stored as 2025.

DfE's SSDA903 collection year runs from 1 April to 31 March; a return is for one year and the
year decides its OC3/OC2/AD1 cohorts and which code lists apply. This is the one place that
turns between the label ("2024-25"), the year's end (31 March 2025) and the stored int (2025,
the calendar year the collection ends in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import polars as pl

FIRST = 2001  # 2000-01: no SSDA903 return held here is older
LAST = 2100
_LABEL = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class CollectionYear:
    end_year: int  # 2025 for 2024-25

    def __post_init__(self):
        if not FIRST <= self.end_year <= LAST:
            raise ValueError(
                f"A collection year ends between {FIRST} and {LAST}; {self.end_year} does not"
            )

    @property
    def label(self) -> str:
        return f"{self.end_year - 1}-{self.end_year % 100:02d}"

    @property
    def start(self) -> date:
        return date(self.end_year - 1, 4, 1)

    @property
    def end(self) -> date:
        return date(self.end_year, 3, 31)

    def __str__(self) -> str:
        return self.label


def parse(text: str) -> CollectionYear:
    """ "2024-25" -> the year to 31 March 2025. Anything else is a ValueError that says why."""
    cleaned = (text or "").strip()
    found = _LABEL.match(cleaned)
    if found is None:
        raise ValueError(
            f"“{cleaned}” is not a collection year: write the year it starts and the last two "
            "digits of the next, for example 2024-25"
        )
    start, end = int(found[1]), int(found[2])
    if end != (start + 1) % 100:
        raise ValueError(
            f"“{cleaned}” is not a collection year: a year runs 1 April to 31 March, so one "
            f"starting in {start} is {start}-{(start + 1) % 100:02d}"
        )
    return CollectionYear(start + 1)


def of_date(day: date) -> CollectionYear:
    """The collection year a date falls in (1 April to 31 March)."""
    return CollectionYear(day.year + 1 if day.month >= 4 else day.year)


def of_end_year(end_year: int | None) -> CollectionYear | None:
    return CollectionYear(end_year) if end_year is not None else None


@dataclass(frozen=True)
class Inferred:
    year: CollectionYear
    basis: str  # "the latest episode date 31 March 2025", for "inferred from …"


def infer(tables: dict[str, pl.DataFrame | pl.LazyFrame], *, today: date) -> Inferred:
    """The year a return is for, when the uploader does not say: the year of its latest date.

    The latest episode date is the later of the latest episode start (DECOM) and end (DEC):
    a return is sent for the year its data runs to, so the year holding that date (31 March
    2025 is in 2024-25, 1 April 2025 in 2025-26) is its year, as the indicators have always
    read it (indicators/ssda903/facts.py). A return with no episode dates is taken to be for
    the year holding `today` (the upload date).
    """
    episodes = tables.get("Episodes")
    latest = None
    if episodes is not None:
        names = episodes.lazy().collect_schema().names()
        dated = [pl.col(c).max() for c in ("DECOM", "DEC") if c in names]
        if dated:
            latest = episodes.lazy().select(pl.max_horizontal(dated).alias("d")).collect()["d"][0]
    if latest is None:
        return Inferred(of_date(today), f"the upload date {_day(today)}, as no episode is dated")
    return Inferred(of_date(latest), f"the latest episode date {_day(latest)}")


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
