"""Indicators of records kept in Trajectory (issue 11.2, 11.3): case audits and supervision are
counted by their apps month by month and stored in the run beside the returns' figures."""

from __future__ import annotations

from datetime import date as D

import pytest
from django.urls import reverse

from tests.indicators.test_services import store_version
from trajectory.indicators.models import IndicatorValue
from trajectory.indicators.records import figures as records
from trajectory.indicators.services import indicators_compute

pytestmark = pytest.mark.django_db

# What the apps count (tested by hand in tests/assurance and tests/supervision): in January
# 2024 7 of 10 completed audits good or better; in February 9 of 12. Supervision: 44 of 50 due
# held on time in February, and a team's own row, which the council's figure does not take.
MONTHS = {
    "assurance": [
        {
            "indicator": "audits_good_or_better_pct",
            "as_at": D(2024, 1, 31),
            "numerator": 7,
            "denominator": 10,
            "value": 70.0,
        },
        {
            "indicator": "audits_good_or_better_pct",
            "as_at": D(2024, 2, 29),
            "numerator": 9,
            "denominator": 12,
            "value": 75.0,
        },
    ],
    "supervision": [
        {
            "indicator_id": "supervision_compliance_pct",
            "as_at": D(2024, 2, 29),
            "numerator": 44,
            "denominator": 50,
            "value": 88.0,
        },
        {
            "indicator_id": "supervision_compliance_pct",
            "as_at": D(2024, 2, 29),
            "numerator": 1,
            "denominator": 4,
            "value": 25.0,
            "dimension": "team",
            "key": "North",
        },
    ],
}


@pytest.fixture
def kept(monkeypatch):
    monkeypatch.setattr(records, "_read", lambda source, council: MONTHS[source])


def test_the_run_stores_the_records_figures_beside_the_returns(council, kept):
    store_version(council)
    run = indicators_compute(council=council, user=None)
    stored = {
        (v.indicator_id, v.as_at): (v.numerator, v.denominator, v.value)
        for v in IndicatorValue.objects.filter(
            run=run, indicator_id__in=["audits_good_or_better_pct", "supervision_compliance_pct"]
        )
    }
    assert stored == {
        ("audits_good_or_better_pct", D(2024, 1, 31)): (7, 10, 70.0),
        ("audits_good_or_better_pct", D(2024, 2, 29)): (9, 12, 75.0),
        ("supervision_compliance_pct", D(2024, 2, 29)): (44, 50, 88.0),  # the team's left out
    }
    # The return's own figures are still there (one child looked after on 31 March 2024).
    assert IndicatorValue.objects.get(run=run, indicator_id="cla_count", as_at=D(2024, 3, 31))


def test_a_council_keeping_no_records_gets_none(council, monkeypatch):
    monkeypatch.setattr(records, "_read", lambda source, council: [])
    assert records.record_figures(council) is None


def test_the_indicator_page_names_its_source_and_rule(client, council, make_user, kept):
    store_version(council)
    indicators_compute(council=council, user=None)
    client.force_login(make_user("board_member", council))
    url = reverse("indicator_detail", args=[council.code, "audits_good_or_better_pct"])
    page = client.get(url).content.decode()
    assert "The council&#x27;s case audits, recorded in Trajectory" in page
    assert "outstanding or good on Ofsted" in page
    latest = page[page.index('id="latest-figure"') :].split("</p>")[0]
    assert "75.0%" in latest
