"""Due dates and response times in working days, worked by hand across bank holidays."""

from __future__ import annotations

from datetime import date

import pytest

from trajectory.escalations import catalogue, timescales


def test_stage_one_due_across_easter():
    # Raised Wednesday 1 April 2026. Good Friday (3 April) and Easter Monday (6 April) are bank
    # holidays: Thu 2 (1), Tue 7 (2), Wed 8 (3), Thu 9 (4), Fri 10 (5).
    assert timescales.step_due_on(date(2026, 4, 1), catalogue.step(1)) == date(2026, 4, 10)


def test_stage_one_from_a_friday_before_a_bank_holiday_monday():
    # Reached Friday 22 May 2026; Monday 25 May is the spring bank holiday:
    # Tue 26 (1), Wed 27 (2), Thu 28 (3), Fri 29 (4), Mon 1 June (5).
    assert timescales.step_due_on(date(2026, 5, 22), catalogue.step(1)) == date(2026, 6, 1)


def test_stage_due_across_christmas():
    # Reached Monday 22 December 2025; 25 and 26 December are bank holidays:
    # Tue 23 (1), Wed 24 (2), Mon 29 (3), Tue 30 (4), Wed 31 (5).
    assert timescales.step_due_on(date(2025, 12, 22), catalogue.step(2)) == date(2025, 12, 31)
    # Stage 3's ten days run on past New Year's Day (a bank holiday): Fri 2 January (6),
    # Mon 5 (7), Tue 6 (8), Wed 7 (9), Thu 8 (10).
    assert timescales.step_due_on(date(2025, 12, 22), catalogue.step(3)) == date(2026, 1, 8)


def test_response_due_twenty_working_days_after_raised():
    # From Wednesday 1 April 2026: 2 Apr (1), 7-10 Apr (2-5), 13-17 (6-10), 20-24 (11-15),
    # 27-30 (16-19), Fri 1 May (20).
    assert timescales.response_due_on(date(2026, 4, 1)) == date(2026, 5, 1)


@pytest.mark.parametrize(
    ("raised", "sent", "days"),
    [
        (date(2026, 4, 1), date(2026, 5, 1), 20),  # exactly the standard
        (date(2026, 4, 1), date(2026, 5, 5), 21),  # past the early May bank holiday (4 May)
        (date(2026, 1, 5), date(2026, 1, 19), 10),  # two plain weeks
        (date(2026, 1, 9), date(2026, 1, 12), 1),  # Friday to Monday
        (date(2026, 1, 10), date(2026, 1, 12), 1),  # from a Saturday: counted from Friday
        (date(2026, 1, 5), date(2026, 1, 5), 0),  # the same day
    ],
)
def test_working_days_between(raised, sent, days):
    assert timescales.working_days_between(raised, sent) == days


def test_within_standard_is_twenty_or_fewer():
    assert timescales.within_standard(20)
    assert not timescales.within_standard(21)


def test_the_procedure_is_four_numbered_stages():
    assert [step.number for step in catalogue.PROCEDURE] == [1, 2, 3, 4]
    assert catalogue.step(1).working_days == 5  # the Pan Sussex "working week"
