"""The board's themes view from a small constructed set, worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from trajectory.escalations import selectors, services
from trajectory.escalations.models import Concern

pytestmark = pytest.mark.django_db


def _closed(log_concern, manager, *, theme, raised, outcome, sent):
    concern = log_concern(theme=theme, raised_on=raised)
    services.concern_review_record(
        concern=concern, user=manager, outcome=outcome, findings="Found.", reviewed_on=sent
    )
    services.concern_response_record(concern=concern, user=manager, sent_on=sent, summary="Sent.")
    return concern


@pytest.fixture
def constructed(log_concern, manager):
    # Schools' confidence, three closed:
    #  5 Jan -> 19 Jan 2026: 10 working days (within), not upheld
    #  5 Jan ->  6 Feb 2026: 24 working days (over), partly upheld
    # 12 Jan ->  9 Feb 2026: 20 working days (within, exactly the standard), upheld
    _closed(
        log_concern,
        manager,
        theme="schools_confidence",
        raised=date(2026, 1, 5),
        outcome=Concern.Outcome.NOT_UPHELD,
        sent=date(2026, 1, 19),
    )
    _closed(
        log_concern,
        manager,
        theme="schools_confidence",
        raised=date(2026, 1, 5),
        outcome=Concern.Outcome.PARTLY_UPHELD,
        sent=date(2026, 2, 6),
    )
    _closed(
        log_concern,
        manager,
        theme="schools_confidence",
        raised=date(2026, 1, 12),
        outcome=Concern.Outcome.UPHELD,
        sent=date(2026, 2, 9),
    )
    # Thresholds: one open since 2 February, overdue by 31 March (due 2 March).
    log_concern(theme="thresholds", raised_on=date(2026, 2, 2))
    # Communication: raised before the period.
    log_concern(theme="communication", raised_on=date(2025, 12, 1))


def test_themes_counts_and_response_times(constructed, council, board_member):
    summary = selectors.concern_themes(
        board_member, council, today=date(2026, 3, 31), since=date(2026, 1, 1)
    )
    rows = {row.theme.code: row for row in summary.rows}
    schools = rows["schools_confidence"]
    assert (schools.raised, schools.open, schools.closed) == (3, 0, 3)
    assert (schools.upheld, schools.partly_upheld, schools.not_upheld) == (1, 1, 1)
    assert sorted(schools.response_days) == [10, 20, 24]
    assert schools.median_working_days == 20
    assert (schools.within_standard, schools.responded) == (2, 3)
    assert round(schools.within_standard_percent, 1) == 66.7

    thresholds = rows["thresholds"]
    assert (thresholds.raised, thresholds.open, thresholds.overdue) == (1, 1, 1)
    assert thresholds.median_working_days is None
    assert thresholds.within_standard_percent is None

    assert rows["communication"].raised == 0  # raised before the period
    total = summary.total
    assert (total.raised, total.open, total.overdue, total.closed) == (4, 1, 1, 3)
    assert total.median_working_days == 20


def test_whole_log_and_a_closed_period(constructed, council, board_member):
    everything = selectors.concern_themes(board_member, council, today=date(2026, 3, 31))
    assert everything.total.raised == 5
    january = selectors.concern_themes(
        board_member,
        council,
        today=date(2026, 3, 31),
        since=date(2026, 1, 1),
        until=date(2026, 1, 31),
    )
    assert january.total.raised == 3
    # 10 and 24 and 20: a median of 20; with 10 and 24 alone it would be 17.
    assert january.total.median_working_days == 20


def test_an_even_number_of_responses_has_a_half_day_median(log_concern, manager, council):
    _closed(
        log_concern,
        manager,
        theme="communication",
        raised=date(2026, 1, 5),
        outcome=Concern.Outcome.UPHELD,
        sent=date(2026, 1, 19),
    )  # 10
    _closed(
        log_concern,
        manager,
        theme="communication",
        raised=date(2026, 1, 5),
        outcome=Concern.Outcome.UPHELD,
        sent=date(2026, 1, 20),
    )  # 11
    summary = selectors.concern_themes(manager, council, today=date(2026, 3, 31))
    assert summary.total.median_working_days == 10.5
