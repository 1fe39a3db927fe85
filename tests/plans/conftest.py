"""Fixtures for plan tests: an inadequate inspection with areas for improvement, a plan made
from it, and an indicator run whose figures move in known directions."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def make_inspection(db):
    from trajectory.inspections.models import Finding, Framework, Grade, Inspection, Judgement

    def make(
        council,
        *,
        kind=Inspection.Kind.STANDARD,
        published_on=date(2019, 5, 8),
        overall=Grade.INADEQUATE,
        areas=(
            "Social worker caseloads are too high.",
            "Management oversight is not effective.",
            "Permanence planning is too slow.",
        ),
        priority_actions=(),
    ):
        inspection = Inspection.objects.create(
            council=council,
            kind=kind,
            framework=Framework.ILACS,
            fieldwork_start=date(2019, 2, 4),
            fieldwork_end=date(2019, 2, 15),
            published_on=published_on,
            source="manual",
        )
        if overall:
            Judgement.objects.create(
                inspection=inspection, area=Judgement.Area.OVERALL, grade=overall
            )
        Finding.objects.create(
            inspection=inspection,
            kind=Finding.Kind.STRENGTH,
            text="Children are seen regularly.",
            order=1,
        )
        for order, text in enumerate(areas, start=1):
            Finding.objects.create(
                inspection=inspection,
                kind=Finding.Kind.AREA_FOR_IMPROVEMENT,
                text=text,
                order=order,
            )
        for order, text in enumerate(priority_actions, start=1):
            Finding.objects.create(
                inspection=inspection, kind=Finding.Kind.PRIORITY_ACTION, text=text, order=order
            )
        return inspection

    return make


@pytest.fixture
def inspection(make_inspection, council):
    return make_inspection(council)


@pytest.fixture
def manager(make_user, council):
    return make_user("manager", council)


@pytest.fixture
def plan(manager, council, inspection):
    from trajectory.plans.services import plan_create_from_inspection

    return plan_create_from_inspection(council=council, user=manager, inspection=inspection)


def month_ends(first: date, count: int) -> list[date]:
    import calendar

    result = []
    year, month = first.year, first.month
    for _ in range(count):
        result.append(date(year, month, calendar.monthrange(year, month)[1]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


@pytest.fixture
def indicator_run(council):
    """13 month-ends to March 2025. Missing episodes (lower is better) rise: worsening.
    Reviews on time (higher is better) rise: improving. Long-term stability stays flat."""
    from trajectory.indicators.models import IndicatorRun, IndicatorValue

    dates = month_ends(date(2024, 3, 1), 13)
    run = IndicatorRun.objects.create(council=council, period_from=dates[0], period_to=dates[-1])
    for index, as_at in enumerate(dates):
        IndicatorValue.objects.create(
            run=run, indicator_id="cla_missing_pct", as_at=as_at, value=8.0 + index * 0.5
        )
        IndicatorValue.objects.create(
            run=run, indicator_id="cla_reviews_on_time_pct", as_at=as_at, value=70.0 + index
        )
        IndicatorValue.objects.create(
            run=run, indicator_id="cla_long_term_stability_pct", as_at=as_at, value=66.0
        )
    return run
