"""The impact of a priority says per indicator what moved, by polarity (issue 7.3): one
worsening and one improving indicator are named as such, never "indicators are worsening",
and a flat one "did not change", never "are no change"."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from trajectory.indicators.models import IndicatorValue
from trajectory.plans import selectors, services

pytestmark = pytest.mark.django_db
# tests/plans/conftest.py indicator_run: March 2024 to March 2025, missing children (lower is
# better) 8.0% to 14.0%, reviews on time (higher is better) 70.0% to 82.0%, stability 66.0%.
MISSING = "Children who went missing worsened, 8.0% to 14.0% compared with 12 months before"
REVIEWS = "Reviews held on time improved, 70.0% to 82.0% compared with 12 months before"
STABILITY = "Long-term placement stability did not change (66.0%) compared with 12 months before"


@pytest.fixture
def priority(plan, manager, indicator_run):
    first = plan.priorities.order_by("number").first()
    for indicator_id in (
        "cla_missing_pct",
        "cla_reviews_on_time_pct",
        "cla_long_term_stability_pct",
    ):
        services.evidence_link_add(
            user=manager, priority=first, kind="indicator", indicator_id=indicator_id
        )
    return first


def test_one_worsening_and_one_improving_are_each_named(plan, manager, priority):
    row = selectors.plan_overview(manager, plan, today=date(2025, 4, 10))[0]
    assert row.impact.movements == [MISSING, REVIEWS, STABILITY]
    assert row.impact.summary == f"{MISSING}. {REVIEWS}. {STABILITY}."
    assert [t.indicator_id for t in row.impact.worsening] == ["cla_missing_pct"]
    assert [t.indicator_id for t in row.impact.improving] == ["cla_reviews_on_time_pct"]


def test_the_priority_page_lists_what_each_indicator_did(client, council, manager, priority):
    client.force_login(manager)
    html = client.get(reverse("priority_detail", args=[council.code, priority.pk])).content.decode()
    impact = html.split('id="impact">')[1].split("</ul>")[0]
    assert impact.count("<li>") == 3
    for movement in (MISSING, REVIEWS, STABILITY):
        assert f"<li>{movement}.</li>" in impact
    assert "indicators are" not in html and "are no change" not in html


def test_a_neutral_indicator_rises_or_falls_without_a_judgement(council, manager, indicator_run):
    for as_at, value in ((date(2024, 3, 31), 65.2), (date(2025, 3, 31), 70.46)):
        IndicatorValue.objects.create(
            run=indicator_run, indicator_id="cla_rate_per_10k", as_at=as_at, value=value
        )
    trend = selectors.indicator_trend(manager, council, "cla_rate_per_10k")
    assert trend.movement == (
        "Children looked after per 10,000 children rose, 65 to 70 compared with 12 months "
        "before (neither higher nor lower is better)"
    )
