"""The LAIT explorer in a real browser (issue 8.4): a West Sussex analyst searches the measures
by a word of a name, filters by theme, opens a measure and reads its table and chart, each page
passing axe (WCAG 2.2 AA) with no Content-Security-Policy violation."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible

BDS = Path(settings.TRAJECTORY_REFERENCE_DIR) / "dfe_lait/bds_long_0.parquet"


@pytest.fixture
def west_sussex(transactional_db, make_user):
    if not BDS.exists():
        pytest.skip(f"LAIT reference data not found in {BDS.parent}")
    from trajectory.councils.models import Council
    from trajectory.councils.reference import councils_load_reference

    councils_load_reference()
    council = Council.objects.get(code="938")
    return {"council": council, "analyst": make_user("analyst", council, username="ana")}


def test_search_open_a_measure_and_read_its_table_and_chart(
    page, live_server, sign_in, csp_violations, west_sussex
):
    sign_in(west_sussex["analyst"])
    page.goto(f"{live_server.url}/councils/938/")
    # Benchmarks is one of Performance's pages, listed under the bar on the scorecard.
    page.get_by_role("navigation", name="Pages in this section").get_by_role(
        "link", name="Benchmarks"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Benchmark explorer")
    expect(page.locator("#count")).to_contain_text("434 measures.")
    expect(page.locator("#measures tbody tr")).to_have_count(25)
    expect(page.get_by_role("navigation", name="Pages of measures")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Search measures by name").fill("looked after rate")
    page.get_by_label("Theme").select_option("Children Looked After")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#count")).to_contain_text("in Children Looked After")
    link = page.get_by_role("link", name="Children looked after rate per 10,000", exact=True)
    expect(link).to_be_visible()
    assert_accessible(page)

    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Children looked after rate per 10,000"
    )
    expect(page.locator("#polarity")).to_have_text("Neither higher nor lower is better")
    table = page.locator("#comparison")
    # West Sussex, England, South East, ten neighbours, their mean, how many had a figure, and
    # West Sussex's rank and quartile.
    expect(table.locator("tbody tr")).to_have_count(17)
    headers = table.locator("thead th").all_text_contents()
    column = headers.index("2024")
    row = table.locator('tr[data-row="council"]')
    expect(row.locator("th")).to_have_text("West Sussex")
    assert row.locator("td").nth(column - 1).text_content() == "50"
    england = table.locator('tr[data-row="england"] td').nth(column - 1)
    assert england.text_content() == "69"
    region = table.locator('tr[data-row="region"]')
    expect(region.locator("th")).to_have_text("South East")
    assert region.locator("td").nth(column - 1).text_content() == "56"
    expect(table.locator('tr[data-row="neighbour"]').first.locator("th")).to_have_text(
        "Gloucestershire"
    )

    chart = page.locator("#measure-chart")
    expect(chart).to_have_attribute("data-chart-rendered", "true", timeout=15_000)
    # Four lines (council, England, region, neighbours' mean), a point for each of 10 years.
    assert chart.locator("svg .mark-symbol.role-mark path").count() == 40
    legend = chart.locator("svg .role-legend-label text").all_text_contents()
    assert legend == ["West Sussex", "England", "South East", "Statistical neighbours' mean"]
    # init.js offers the table as CSV through the pages' download mechanism.
    expect(page.get_by_role("link", name="Download this table (CSV)")).to_have_count(1)
    assert_accessible(page)
    assert csp_violations == []
