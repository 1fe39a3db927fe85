"""The CIN and workforce indicators on the scorecard and their pages, SPC and benchmarks."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from django.urls import reverse

from tests.indicators.cin.test_run import _store, census  # noqa: F401 (a fixture)
from tests.indicators.test_services import store_version
from trajectory.indicators.services import indicators_compute

D = date


@pytest.mark.django_db
def test_every_new_indicator_has_its_page_and_a_scorecard_row(client, council, make_user, census):  # noqa: F811
    store_version(council)
    _store(council, "cin", census, number=2, year=2025)
    worker = pl.DataFrame(
        {"SWENo": ["SW1"], "AgencyWorker": ["0"], "FTE": [1.0], "FTE30": [1.0], "Cases30": [17]}
    )
    _store(council, "workforce", {"CSWWWorker": worker}, number=3, year=2024)
    indicators_compute(council=council, user=None)
    analyst = make_user("analyst", council)
    client.force_login(analyst)
    home = client.get(reverse("council_home", args=[council.code])).content.decode()
    for indicator_id in ("cin_referrals_12m", "cpp_count", "workforce_caseload_per_fte"):
        assert f'data-indicator="{indicator_id}"' in home
    for indicator_id in (
        "cin_referrals_12m",
        "cpp_reviews_on_time_pct",
        "cin_rate_per_10k",
        "workforce_vacancy_pct",
        "workforce_caseload_per_fte",
        "workforce_supervision_pct",
    ):
        page = client.get(reverse("indicator_detail", args=[council.code, indicator_id]))
        assert page.status_code == 200, indicator_id
        html = page.content.decode()
        assert "CIN census" in html or indicator_id.startswith("workforce")
        assert 'id="teams-link"' not in html  # the censuses name no team
        if indicator_id.startswith("workforce"):  # a worker is not a child
            assert 'id="children-link"' not in html
    children = client.get(
        reverse("indicator_children", args=[council.code, "cpp_count"]), {"as_at": "2025-03-31"}
    )
    assert children.status_code == 200


@pytest.mark.django_db
def test_a_census_figure_is_named_by_its_day_and_benchmarked_in_its_year(
    client,
    council,
    make_user,
):
    """The workforce census of 30 September 2024 (one worker, 17 cases on 1.0 FTE: a caseload
    of 17) is "Census at 30 September 2024" on its page, never "Year to March 2025", and is
    our figure for LAIT's year 2024 in the benchmark comparison."""
    from trajectory.benchmarking.selectors import all_computed_at_year_ends

    store_version(council)
    worker = pl.DataFrame(
        {"SWENo": ["SW1"], "AgencyWorker": ["0"], "FTE": [1.0], "FTE30": [1.0], "Cases30": [17]}
    )
    _store(council, "workforce", {"CSWWWorker": worker}, number=2, year=2024)
    indicators_compute(council=council, user=None)
    analyst = make_user("analyst", council)
    client.force_login(analyst)
    url = reverse("indicator_detail", args=[council.code, "workforce_caseload_per_fte"])
    page = client.get(url).content.decode()
    latest = page[page.index('id="latest-figure"') :].split("</p>")[0]
    assert "17" in latest and "Census at 30 September 2024" in latest
    assert "Year to March 2025" not in page
    ours = all_computed_at_year_ends(analyst, council)["workforce_caseload_per_fte"]
    assert ours == {2024: 17.0}
