"""One indicator value is shown with the same decimals on the scorecard, the indicator page,
the plan and docs/indicators.md (issue 7.21): the rate per 10,000 has 0 decimals."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from trajectory.indicators.models import IndicatorRun, IndicatorValue
from trajectory.plans import services
from trajectory.returns.models import ReturnVersion

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"


@pytest.fixture
def rate_run(council, manager):
    version = ReturnVersion.objects.create(
        council=council,
        kind="ssda903",
        number=1,
        content_sha256="a" * 64,
        storage_key="none",
        row_counts={"Episodes": 10},
        data_from=date(2023, 4, 1),
        data_to=date(2025, 3, 31),
    )
    run = IndicatorRun.objects.create(
        council=council, period_from=date(2024, 3, 31), period_to=date(2025, 3, 31)
    )
    run.versions.add(version)
    for as_at, value in [(date(2024, 3, 31), 65.2), (date(2025, 3, 31), 70.46)]:
        IndicatorValue.objects.create(
            run=run,
            indicator_id="cla_rate_per_10k",
            as_at=as_at,
            value=value,
            numerator=value * 25,
            denominator=25.0,
        )
    return run


def test_the_rate_shows_0_decimals_everywhere(client, council, manager, plan, rate_run):
    client.force_login(manager)
    scorecard = client.get(reverse("council_home", args=[council.code])).content.decode()
    row = re.search(r'data-indicator="cla_rate_per_10k">(.*?)</tr>', scorecard, re.S).group(1)
    cells = [
        re.sub(r"<[^>]+>", "", c.split("<br>")[0]).strip()  # the figure, not the tag below it
        for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]
    assert cells[0] == "70" and cells[2] == "65" and cells[3] == "+5"  # not 70.5, 65.2, +5.3

    page = client.get(reverse("indicator_detail", args=[council.code, "cla_rate_per_10k"]))
    latest = re.search(r'id="latest-figure">([^<]*)<', page.content.decode()).group(1)
    assert latest.strip() == "70"

    priority = plan.priorities.order_by("number").first()
    services.evidence_link_add(
        user=manager, priority=priority, kind="indicator", indicator_id="cla_rate_per_10k"
    )
    detail = client.get(reverse("priority_detail", args=[council.code, priority.pk]))
    html = detail.content.decode()
    assert "70 (March 2025)" in html and "70.5" not in html
    assert "12 months before: 65 — not rated" in html

    docs = DOCS.read_text(encoding="utf-8")
    section = docs.split("## `cla_rate_per_10k`")[1].split("\n## ")[0]
    assert "rate (0 decimal places shown)" in section
