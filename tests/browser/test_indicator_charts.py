"""Indicator charts in a real browser (issue 7.1, 7.2): a monthly chart names each month-end by
its own month and labels its last point; a care leavers' cohort is one point a collection year,
compared with the year before on the scorecard. Each page passes axe with no CSP violation."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible


@pytest.fixture
def two_years(council, make_user, tmp_path):
    """Westshire with returns to March 2024 and to March 2025 imported, and its analyst."""
    from trajectory.indicators.services import indicators_compute
    from trajectory.returns.services import return_import
    from trajectory.synth.ssda903 import generate, write_csv

    analyst = make_user("analyst", council, username="ana")
    for end in (date(2024, 3, 31), date(2025, 3, 31)):
        tables = generate(council_code="990", children=120, years=2, seed=7, end=end)
        paths = write_csv(tables, tmp_path / end.isoformat())
        upload = return_import(council=council, user=analyst, paths=sorted(paths))
        assert upload.version is not None, upload.errors[:3]
    indicators_compute(council=council, user=analyst)
    return {"council": council, "analyst": analyst}


def _axis_labels(chart) -> list[str]:
    return chart.locator("svg .role-axis-label text").all_text_contents()


def test_month_ends_sit_on_their_month_and_cohorts_are_yearly_points(
    page, live_server, sign_in, csp_violations, two_years
):
    council = two_years["council"]
    sign_in(two_years["analyst"])

    page.goto(f"{live_server.url}/councils/{council.code}/indicators/cla_count/")
    chart = page.locator("#indicator-chart")
    expect(chart).to_have_attribute("data-chart-rendered", "true", timeout=15_000)
    # Data from April 2023: month-ends with a year behind them, March 2024 to March 2025 (13),
    # labelled every third month counted back from the last.
    assert chart.locator("svg .mark-symbol path").count() == 13
    labels = [text for text in _axis_labels(chart) if text[-4:].isdigit() and " " in text]
    assert labels == ["Mar 2024", "Jun 2024", "Sep 2024", "Dec 2024", "Mar 2025"], labels
    assert_accessible(page)

    page.goto(f"{live_server.url}/councils/{council.code}/indicators/care_leavers_in_touch_pct/")
    expect(page.get_by_role("heading", name="Year by year")).to_be_visible()
    chart = page.locator("#indicator-chart")
    expect(chart).to_have_attribute("data-chart-rendered", "true", timeout=15_000)
    assert chart.locator("svg .mark-symbol path").count() == 2
    assert [t for t in _axis_labels(chart) if t.startswith("Year to")] == [
        "Year to March 2024",
        "Year to March 2025",
    ]
    assert_accessible(page)

    page.goto(f"{live_server.url}/councils/{council.code}/")
    row = page.locator('tr[data-indicator="care_leavers_in_touch_pct"]')
    expect(row).to_contain_text("Year to March 2025")
    # The change column's direction tag (the target column has its own tag).
    expect(row.locator("td").nth(3).locator("strong.govuk-tag")).not_to_have_text(
        "No earlier figure"
    )
    assert csp_violations == []
