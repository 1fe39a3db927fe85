"""SPC in a real browser (issue 8.5): the indicator page's XmR chart with its variation and
limits, rebasing from the page as an analyst would, and the Signals page. Each page passes axe
with no CSP violation. The run is the hand-worked one of tests/spc/conftest.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.overview.conftest import add_run, add_version
from tests.spc.conftest import SERIES


@pytest.fixture
def charted(council, make_user):
    add_run(council, add_version(council), SERIES)
    return {"council": council, "analyst": make_user("analyst", council, username="ana")}


def test_spc_chart_rebase_and_signals(page, live_server, sign_in, csp_violations, charted):
    council = charted["council"]
    sign_in(charted["analyst"])

    page.goto(f"{live_server.url}/councils/{council.code}/indicators/cla_reviews_on_time_pct/")
    chart = page.locator("#indicator-chart")
    expect(chart).to_have_attribute("data-chart-rendered", "true", timeout=15_000)
    assert chart.locator("svg .mark-symbol path").count() == 13  # one point a month
    assert chart.locator("svg .mark-line path").count() >= 4  # values, mean, two limits
    expect(page.locator("#spc-variation")).to_contain_text(
        "Special cause variation: improvement, higher figures in March 2025"
    )
    # The icon beside those words is decoration: a screen reader hears the words once.
    icon = page.locator(".app-spc-icon-text svg.app-spc-icon").first
    expect(icon).to_be_visible()
    expect(icon).to_have_attribute("aria-hidden", "true")
    expect(page.locator("#spc-limits")).to_contain_text("73.4")  # the mean, 954 / 13
    assert_accessible(page)

    page.goto(f"{live_server.url}/councils/{council.code}/indicators/cla_count/")
    form = page.locator("#rebase-form")
    form.get_by_role("button", name="Rebase the limits").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason")
    assert_accessible(page)
    form = page.locator("#rebase-form")
    form.get_by_label("Day").fill("1")
    form.get_by_label("Month").fill("10")
    form.get_by_label("Year").fill("2024")
    form.get_by_label("Reason").fill("Respite stays no longer counted")
    form.get_by_role("button", name="Rebase the limits").click()
    expect(page.locator("#rebase-history")).to_contain_text("Respite stays no longer counted")
    expect(page.locator("#spc-limits tbody tr")).to_have_count(2)
    expect(page.locator("#indicator-chart")).to_have_attribute("data-chart-rendered", "true")
    assert_accessible(page)

    page.get_by_role("link", name="Signals").first.click()
    expect(page.get_by_role("heading", name="Signals", level=1)).to_be_visible()
    rows = page.locator("#signals tbody tr")
    # Rebased from October 2024, children looked after is common cause in March 2025.
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Special cause: improvement")
    rows.first.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Reviews held on time")
    assert "cla_reviews_on_time_pct" in page.url
    page.go_back()
    assert_accessible(page)
    assert csp_violations == []
