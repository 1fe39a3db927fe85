"""Printing and downloads in Chromium (issue 7.18, 7.11): the navigation holds on one line for
leader and admin; each table has a CSV download link that gives the table; printed, a page
has no header, navigation, breadcrumbs or download links, spells out no link addresses and
starts each scorecard section on a new page. axe runs on screen and in print media."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from trajectory.indicators.registry import INDICATORS


@pytest.fixture
def two_domains(council):
    """A year of figures in two domains, so the scorecard has two sections."""
    from trajectory.indicators.models import IndicatorRun, IndicatorValue
    from trajectory.returns.models import ReturnVersion

    ends = [date(2024, 3, 31), date(2025, 3, 31)]
    version = ReturnVersion.objects.create(
        council=council,
        kind="ssda903",
        number=1,
        content_sha256="a" * 64,
        storage_key="none",
        files=[{"name": "episodes.csv"}],
        row_counts={"Episodes": 10},
        data_from=date(2022, 4, 1),
        data_to=ends[-1],
    )
    run = IndicatorRun.objects.create(
        council=council,
        period_from=ends[0],
        period_to=ends[-1],
        child_population=council.child_population,
    )
    run.versions.add(version)
    for as_at, looked_after, in_touch in zip(ends, (410, 432), (88.0, 91.0), strict=True):
        IndicatorValue.objects.create(
            run=run,
            indicator_id="cla_count",
            as_at=as_at,
            value=looked_after,
            numerator=looked_after,
        )
        IndicatorValue.objects.create(
            run=run, indicator_id="care_leavers_in_touch_pct", as_at=as_at, value=in_touch
        )
    return run


def _one_line(page) -> bool:
    items = page.locator(".govuk-service-navigation__item")
    tops = {round(items.nth(i).bounding_box()["y"]) for i in range(items.count())}
    return len(tops) == 1


def test_navigation_is_one_line_tables_download_and_print_plainly(
    page, live_server, sign_in, csp_violations, council, make_user, two_domains
):
    admin = make_user("admin", council, username="adm")
    sign_in(admin)
    page.goto(f"{live_server.url}/councils/{council.code}/people/")
    assert _one_line(page), "the admin's navigation wraps"
    assert_accessible(page)

    leader = make_user("leader", council, username="lee")
    page.get_by_role("button", name="Sign out adm").click()
    sign_in(leader)
    page.goto(f"{live_server.url}/councils/{council.code}/")
    expect(page.locator(".govuk-service-navigation")).to_be_visible()
    assert _one_line(page), "the leader's navigation wraps"
    assert_accessible(page)

    # Each table has its download link; the first gives the children-in-care section.
    links = page.get_by_role("link", name="Download this table (CSV)")
    domains = len({indicator.domain for indicator in INDICATORS})  # one table each
    expect(page.locator("main table.app-scorecard")).to_have_count(domains)
    expect(links).to_have_count(page.locator("main table").count())
    with page.expect_download() as downloaded:
        links.first.click()
    with open(downloaded.value.path(), encoding="utf-8") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert rows[0][:2] == ["Indicator", "Latest"]
    assert rows[1][:2] == ["Children looked after", "432"]

    page.emulate_media(media="print")
    for hidden in (
        ".govuk-header",
        ".govuk-service-navigation",
        ".govuk-footer",
        ".app-table-download",
    ):
        for index in range(page.locator(hidden).count()):
            expect(page.locator(hidden).nth(index)).to_be_hidden()
    spelled = page.evaluate(
        """() => Array.from(document.querySelectorAll("main a[href]"))
              .map(a => getComputedStyle(a, "::after").content)
              .filter(c => c && c !== "none" && c !== "normal")"""
    )
    assert spelled == []
    breaks = page.evaluate(
        """() => Array.from(document.querySelectorAll("main table.app-scorecard"))
              .map(t => getComputedStyle(t).breakBefore)"""
    )
    assert breaks == ["auto"] + ["page"] * (domains - 1)
    assert_accessible(page)

    # A chart page: PNG and SVG links under the chart, gone when printed.
    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/councils/{council.code}/indicators/cla_count/")
    expect(page.locator("#indicator-chart[data-chart-rendered]")).to_have_count(1)
    png = page.get_by_role("link", name="Download this chart (PNG)")
    expect(png).to_be_visible()
    expect(page.get_by_role("link", name="Download this chart (SVG)")).to_be_visible()
    with page.expect_download() as downloaded:
        png.click()
    with open(downloaded.value.path(), "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(png).to_be_hidden()
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()
    assert_accessible(page)
    assert csp_violations == []
