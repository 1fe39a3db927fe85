"""Issue 13.4's browser journey: the scorecard's warning that its figures read a version with
data-quality findings leads to the data-quality page (counts by rule and table, the trend's
chart and table), then to one rule's failing rows and back; each page axe-clean with no CSP
violation. Only rules 101 and 102 run, so the counts are the planted ones: version 1 has two
(1002's SEX "1", 1004's "X"), version 2 one (1004's)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.dataquality.uploads import accept


@pytest.fixture
def checked(council, make_user, tmp_path, monkeypatch):
    from trajectory.dataquality import registry
    from trajectory.indicators.services import indicators_compute

    rules_for = registry.rules_for
    monkeypatch.setattr(
        registry,
        "rules_for",
        lambda returns, year: [r for r in rules_for(returns, year) if r.code in ("101", "102")],
    )
    analyst = make_user("analyst", council, username="ana")
    accept(council, analyst, tmp_path / "v1", sexes=("M", "1", "M", "X"))
    accept(council, analyst, tmp_path / "v2", sexes=("M", "F", "M", "X"))
    indicators_compute(council=council, user=analyst)
    return analyst


def test_from_the_scorecards_warning_to_a_rules_rows(
    page, live_server, sign_in, csp_violations, council, checked
):
    sign_in(checked)
    page.goto(f"{live_server.url}/councils/{council.code}/")
    warning = page.locator("#data-quality-warning")
    expect(warning).to_contain_text(
        "These figures read SSDA903 (children looked after) version 2, which has 1 "
        "data-quality finding"
    )
    warning.get_by_role("link", name="see Data quality").click()

    expect(page.get_by_role("heading", name="Data quality", level=1)).to_be_visible()
    expect(page.locator("#ssda903-summary")).to_contain_text("1 finding")
    rules = page.locator("#ssda903-rules")
    expect(rules.locator('tr[data-rule="101"] td').last).to_have_text("1")
    trend = page.locator("#ssda903-trend tbody tr")
    expect(trend).to_have_count(2)
    expect(trend.nth(0).locator("td").last).to_have_text("2")
    expect(trend.nth(1).locator("td").last).to_have_text("1")
    expect(page.locator("#ssda903-trend-chart svg, #ssda903-trend-chart canvas")).to_have_count(1)
    assert_accessible(page)

    rules.locator('tr[data-rule="101"]').get_by_role("link").click()
    expect(page.get_by_role("heading", name="Rule 101", level=1)).to_be_visible()
    rows = page.locator("#rule-rows tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td").nth(2)).to_have_text("1004")
    expect(rows.first.locator("td").nth(3)).to_have_text("X")
    assert_accessible(page)
    page.get_by_role("link", name="Back to Data quality").click()
    expect(page.get_by_role("heading", name="Data quality", level=1)).to_be_visible()
    assert csp_violations == []
