"""Fixtures for targets tests: a council with a leader and a board member, and an indicator
run whose figures are known."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def leader(council, make_user):
    return make_user("leader", council)


@pytest.fixture
def board_member(council, make_user):
    return make_user("board_member", council)


@pytest.fixture
def make_run(db):
    """A stored run holding the given figures: {indicator_id: [(as_at, value), ...]}."""
    from trajectory.indicators.models import IndicatorRun, IndicatorValue

    def make(council, figures: dict[str, list[tuple[date, float | None]]]):
        dates = [as_at for points in figures.values() for as_at, _ in points]
        run = IndicatorRun.objects.create(
            council=council, period_from=min(dates), period_to=max(dates)
        )
        for indicator_id, points in figures.items():
            for as_at, value in points:
                IndicatorValue.objects.create(
                    run=run, indicator_id=indicator_id, as_at=as_at, value=value
                )
        return run

    return make
