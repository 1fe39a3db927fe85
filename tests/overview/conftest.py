"""A council with a known Ofsted record, plan and indicator run, the overview's hand-worked
example: today is 30 June 2025 (the plan's clock)."""

from __future__ import annotations

import calendar
from datetime import date

import pytest

TODAY = date(2025, 6, 30)


def month_ends(first: date, count: int) -> list[date]:
    result, year, month = [], first.year, first.month
    for _ in range(count):
        result.append(date(year, month, calendar.monthrange(year, month)[1]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


@pytest.fixture(autouse=True)
def _today(settings):
    settings.TRAJECTORY_TODAY = TODAY.isoformat()
    settings.TRAJECTORY_STALE_DATA_DAYS = 120


def add_version(council, *, data_to=date(2025, 3, 31), number=1):
    from trajectory.returns.models import ReturnVersion

    return ReturnVersion.objects.create(
        council=council,
        kind="ssda903",
        number=number,
        content_sha256=f"{council.code}-{number}".ljust(64, "a"),
        storage_key="none",
        files=[{"name": "episodes.csv"}],
        row_counts={"Episodes": 10},
        data_from=date(2022, 4, 1),
        data_to=data_to,
    )


def add_run(council, version, series: dict[str, list[float]]):
    """A run of 13 month-ends, March 2024 to March 2025, with the given values per indicator."""
    from trajectory.indicators.models import IndicatorRun, IndicatorValue

    dates = month_ends(date(2024, 3, 1), 13)
    run = IndicatorRun.objects.create(council=council, period_from=dates[0], period_to=dates[-1])
    run.versions.add(version)
    for indicator_id, values in series.items():
        for as_at, value in zip(dates, values, strict=True):
            IndicatorValue.objects.create(
                run=run, indicator_id=indicator_id, as_at=as_at, value=value
            )
    return run


def add_inspections(council, *, overall="inadequate"):
    """An inspection graded `overall` (fieldwork February 2019, published 8 May 2019) with three
    areas for improvement, then a monitoring visit on 10 June 2020."""
    from trajectory.inspections.models import Finding, Framework, Inspection, Judgement

    inspection = Inspection.objects.create(
        council=council,
        kind=Inspection.Kind.STANDARD,
        framework=Framework.ILACS,
        fieldwork_start=date(2019, 2, 4),
        fieldwork_end=date(2019, 2, 15),
        published_on=date(2019, 5, 8),
        source="manual",
    )
    Judgement.objects.create(inspection=inspection, area=Judgement.Area.OVERALL, grade=overall)
    for order, text in enumerate(
        [
            "Social worker caseloads are too high.",
            "Management oversight is not effective.",
            "Permanence planning is too slow.",
        ],
        start=1,
    ):
        Finding.objects.create(
            inspection=inspection, kind=Finding.Kind.AREA_FOR_IMPROVEMENT, text=text, order=order
        )
    visit = Inspection.objects.create(
        council=council,
        kind=Inspection.Kind.MONITORING_VISIT,
        framework=Framework.ILACS,
        theme="Children in care",
        fieldwork_start=date(2020, 6, 10),
        fieldwork_end=date(2020, 6, 11),
        published_on=date(2020, 7, 20),
        source="manual",
    )
    return inspection, visit


def add_plan(council, leader, inspection):
    """Three priorities from the three areas: priority 1's action was due 31 January 2025
    (overdue on 30 June), priority 2's is due 10 July 2025 with no update (slipping: due within
    14 days), priority 3's is due 31 December 2025 (on track)."""
    from trajectory.plans.services import action_create, plan_create_from_inspection

    plan = plan_create_from_inspection(council=council, user=leader, inspection=inspection)
    first, second, third = plan.priorities.order_by("number")
    overdue = action_create(
        priority=first, user=leader, title="Recruit six social workers", due_on=date(2025, 1, 31)
    )
    slipping = action_create(
        priority=second, user=leader, title="Monthly case supervision", due_on=date(2025, 7, 10)
    )
    on_track = action_create(
        priority=third, user=leader, title="Permanence tracker", due_on=date(2025, 12, 31)
    )
    return plan, (first, second, third), (overdue, slipping, on_track)


# Missing episodes (lower is better) rise 8.0 → 14.0: worsened. Reviews on time (higher is
# better) rise 70 → 82: improved. Children looked after 400 → 412 (neutral: not judged).
SERIES = {
    "cla_missing_pct": [8.0 + index * 0.5 for index in range(13)],
    "cla_reviews_on_time_pct": [70.0 + index for index in range(13)],
    "cla_count": [400.0 + index for index in range(13)],
}


@pytest.fixture
def seeded(make_council, make_user):
    council = make_council()
    leader = make_user("leader", council)
    inspection, visit = add_inspections(council)
    plan, priorities, actions = add_plan(council, leader, inspection)
    version = add_version(council)
    run = add_run(council, version, SERIES)
    return {
        "council": council,
        "leader": leader,
        "inspection": inspection,
        "visit": visit,
        "plan": plan,
        "priorities": priorities,
        "actions": actions,
        "run": run,
    }
