"""The span of days an Annex A workbook covers, recorded on its version (data_from, data_to).

Annex A is made for an inspection on any day, not for a collection: its lists run up to the day
the council ran it (Ofsted, Annex A: children's services inspection data). So its span is read
from the lists themselves:

- **from** the earliest contact (list 1) or referral (list 3): every row of the front door
  lists is an event of the period, where the other lists also hold episodes, plans and periods
  of care begun before it; without either, the earliest assessment start (list 4) or section 47
  start (list 5);
- **to** the latest date in any list no later than `today`, as the reader infers the year
  (dates of birth are not counted, and a date after the upload day is a typing error, not the
  period).

The indicators read it to know which as-at dates the lists can give a figure for
(indicators/annex_a).
"""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

from trajectory.returns.annex_a.schema import DATE, LISTS_BY_NAME
from trajectory.returns.ssda903.reader import ENGLAND

NOT_DATED = ("Date of Birth",)
FRONT_DOOR = (("List1", "Date of Contact"), ("List3", "Date of referral"))
THEN = (
    ("List4", "Continuous Assessment Start Date"),
    ("List5", "Strategy discussion initiating Section 47 Enquiry Start Date"),
)


def _earliest(tables: dict[str, pl.LazyFrame], columns, today: date) -> date | None:
    found = []
    for table, column in columns:
        frame = tables.get(table)
        if frame is None or column not in frame.collect_schema().names():
            continue
        day = frame.select(pl.col(column).filter(pl.col(column) <= today).min()).collect().item()
        if day is not None:
            found.append(day)
    return min(found) if found else None


def latest_date(tables: dict[str, pl.LazyFrame], today: date) -> date | None:
    """The latest date of any list, dates of birth aside, no later than `today`."""
    latest = None
    for name, frame in tables.items():
        annex_list = LISTS_BY_NAME.get(name)
        if annex_list is None:
            continue
        names = frame.collect_schema().names()
        for field in annex_list.fields:
            if field.kind != DATE or field.name in NOT_DATED or field.name not in names:
                continue
            column = pl.col(field.name)
            day = frame.lazy().select(column.filter(column <= today).max()).collect().item()
            if day is not None and (latest is None or day > latest):
                latest = day
    return latest


def coverage(
    tables: dict[str, pl.LazyFrame], today: date | None = None
) -> tuple[date | None, date | None]:
    """(first day, last day) the lists cover, or (None, None) when they hold no dates."""
    today = today or datetime.now(ENGLAND).date()
    tables = {name: frame.lazy() for name, frame in tables.items()}
    last = latest_date(tables, today)
    if last is None:
        return None, None
    first = _earliest(tables, FRONT_DOOR, today) or _earliest(tables, THEN, today) or last
    return min(first, last), last
