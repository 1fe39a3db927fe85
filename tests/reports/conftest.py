"""The reports framework's fixtures: the sample paper (sample_builder.py) in the catalogue, and a
stored indicator run of children looked after with values written by hand."""

from __future__ import annotations

from datetime import date

import pytest

from tests.reports import sample_builder


@pytest.fixture
def sample_kind(monkeypatch):
    from trajectory.reports import catalogue

    monkeypatch.setitem(catalogue.KINDS, "sample", sample_builder.KIND)
    monkeypatch.setattr(catalogue, "REPORTS", (*catalogue.REPORTS, sample_builder.KIND))
    return sample_builder.KIND


@pytest.fixture
def make_run(db):
    """A run holding children looked after at each month-end given: {date: count}."""
    from trajectory.indicators.models import IndicatorRun, IndicatorValue

    def make(council, counts: dict[date, int]):
        dates = sorted(counts)
        run = IndicatorRun.objects.create(
            council=council, period_from=dates[0], period_to=dates[-1]
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(run=run, indicator_id="cla_count", as_at=day, value=counts[day])
            for day in dates
        )
        return run

    return make
