"""The procedure's clock: due dates and response times in working days (weekdays that are not
England and Wales bank holidays), counted the way `indicators.working_days` counts them: day 1
is the next working day, so a step of 5 working days reached on a Friday before a bank holiday
Monday is due on the Monday after next (22 May 2026 → 1 June 2026). Pure functions, testable
without Django."""

from __future__ import annotations

from datetime import date, timedelta

from trajectory.escalations.catalogue import RESPONSE_STANDARD_WORKING_DAYS, Step
from trajectory.indicators.working_days import add_working_days_to, is_working_day


def step_due_on(reached_on: date, step: Step) -> date:
    """The day a step's timescale runs out: its working days after the day it was reached."""
    return add_working_days_to(reached_on, step.working_days)


def response_due_on(raised_on: date) -> date:
    """The day the written response is due under the procedure's standard."""
    return add_working_days_to(raised_on, RESPONSE_STANDARD_WORKING_DAYS)


def working_days_between(start: date, end: date) -> int:
    """Working days from `start` to `end`: the n for which `add_working_days_to(start, n)` is
    `end` (or the last working day before it). A start on a weekend or bank holiday counts from
    the working day before, as `add_working_days_to` does; an end before the start is 0."""
    while not is_working_day(start):
        start -= timedelta(days=1)
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def within_standard(working_days: int) -> bool:
    return working_days <= RESPONSE_STANDARD_WORKING_DAYS
