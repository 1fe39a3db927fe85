"""Each indicator's page names the DfE measure its counting follows; reviews on time, which DfE
does not publish, is labelled a local measure (issue 8.1)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.indicators.test_annual_cohorts import YEAR_2025, store
from trajectory.indicators.services import indicators_compute

pytestmark = pytest.mark.django_db


def test_the_page_says_local_measure_or_names_the_published_measure(client, council, make_user):
    store(council, 1, latest_episode=date(2024, 6, 1), data_to=date(2025, 3, 31), leavers=YEAR_2025)
    leader = make_user("leader", council)
    indicators_compute(council=council, user=leader)
    client.force_login(leader)

    def counterpart(indicator_id: str) -> str:
        page = client.get(reverse("indicator_detail", args=[council.code, indicator_id]))
        assert page.status_code == 200
        html = page.content.decode()
        return html.split('id="dfe-counterpart"')[1].split("</div>")[0]

    reviews = counterpart("cla_reviews_on_time_pct")
    assert "Local measure" in reviews and "DfE publishes no timeliness of reviews" in reviews
    stability = counterpart("cla_long_term_stability_pct")
    assert "Local measure" not in stability
    assert "la_cla_placement_stability.csv" in stability and "LAIT measure 393" in stability
    assert "17 to 18 years" in counterpart("care_leavers_eet_17_18_pct")
