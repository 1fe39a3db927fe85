"""Working days in England: weekdays that are not England and Wales bank holidays.

Statutory timescales such as the first review of a looked-after child (within 20 working days,
Care Planning Regulations 2010 reg 33) count working days. Bank holidays come from the data
shipped inside `govuk-bank-holidays`, so nothing is fetched at run time.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import polars as pl
from govuk_bank_holidays.bank_holidays import BankHolidays


@functools.cache
def bank_holidays() -> tuple[date, ...]:
    """England and Wales bank holidays from the package's shipped copy (never downloaded)."""
    holidays = BankHolidays(use_cached_holidays=True).get_holidays(
        division=BankHolidays.ENGLAND_AND_WALES
    )
    return tuple(sorted(h["date"] for h in holidays))


def add_working_days(expr: pl.Expr, days: int) -> pl.Expr:
    """The date `days` working days after each date (day 0 is the date itself).

    A start on a weekend or bank holiday counts from the working day before it, so the first
    working day after a Saturday is the Monday.
    """
    return expr.dt.add_business_days(days, holidays=list(bank_holidays()), roll="backward")


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in set(bank_holidays())


def add_working_days_to(day: date, days: int) -> date:
    """The same rule for one date in plain Python (used by tests and the CLI)."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
