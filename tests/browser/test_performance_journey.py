"""Issue 8's browser journey: the scorecard, one indicator's SPC chart and its benchmark chart,
then the children behind the figure, every page checked with axe and no CSP violation.

The council is made by the project's generator (120 children over two years, made up); the
number of children on the list is counted here from the generated tables, not by the app."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.browser.test_journey import looked_after_at

END = date(2025, 3, 31)
CLA_FILE = (
    settings.TRAJECTORY_REFERENCE_DIR
    / "dfe_csc_outcomes_enablers"
    / "cla_number_and_rate_per_10k_children.csv"
)


@pytest.fixture
def computed(council, make_user, tmp_path):
    from trajectory.indicators.services import indicators_compute
    from trajectory.returns.services import return_import
    from trajectory.synth.ssda903 import generate, write_csv

    tables = generate(council_code="990", children=120, years=2, seed=7, end=END)
    analyst = make_user("analyst", council, username="ana")
    upload = return_import(council=council, user=analyst, paths=write_csv(tables, tmp_path))
    assert upload.version is not None, upload.errors[:3]
    indicators_compute(council=council, user=analyst)
    return analyst, looked_after_at(tables["Episodes"], END)


def test_scorecard_to_spc_and_benchmark_charts_to_the_children(
    page, live_server, sign_in, csp_violations, council, computed
):
    analyst, looked_after = computed
    sign_in(analyst)
    page.goto(f"{live_server.url}/councils/{council.code}/")
    row = page.locator('tr[data-indicator="cla_count"]')
    expect(row.locator("td[data-value]")).to_have_text(f"{looked_after:,}")
    expect(row.locator("td[data-variation]")).to_contain_text("variation")
    expect(row.locator("td[data-rag]")).to_contain_text("No target")
    assert_accessible(page)

    # The rate, set beside England's and the neighbours' published rates (a count is charted
    # beside the neighbours only, and this made-up council has none recorded).
    rate = page.locator('tr[data-indicator="cla_rate_per_10k"]')
    rate.get_by_role("link", name="Children looked after per 10,000 children").click()
    expect(
        page.get_by_role("heading", name="Children looked after per 10,000 children", level=1)
    ).to_be_visible()
    chart = page.locator("#indicator-chart")
    expect(chart).to_have_attribute("data-chart-rendered", "true", timeout=15_000)
    expect(page.locator("#spc-limits")).to_be_visible()
    benchmarks = page.locator("#benchmarks")
    expect(benchmarks).to_be_visible()
    if CLA_FILE.is_file():
        expect(page.locator("#benchmark-chart")).to_have_attribute(
            "data-chart-rendered", "true", timeout=15_000
        )
        expect(benchmarks.locator("table")).to_contain_text("England")
    else:
        expect(page.locator("#benchmarks-missing")).to_contain_text("trajectory reference fetch")
    assert_accessible(page)

    page.locator("#children-link").click()
    expect(page.get_by_role("heading", name="Children counted at 31 March 2025")).to_be_visible()
    expect(page.locator("main")).to_contain_text(f"{looked_after:,} rows. Showing 1 to 25.")
    assert_accessible(page)

    page.get_by_role("navigation", name="Pages in this section").get_by_role(
        "link", name="Benchmarks"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Benchmark")
    assert_accessible(page)
    assert csp_violations == []
