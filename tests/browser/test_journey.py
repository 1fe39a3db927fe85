"""The analyst's journey in a real browser: sign in, read the scorecard, open an indicator's
chart, upload a broken return and see why it is refused, upload a corrected return, accept it
and see the figures change. Every page must pass axe and raise no CSP violation."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible

END = date(2025, 3, 31)


@pytest.fixture(scope="module")
def return_files(tmp_path_factory) -> dict[str, list[Path]]:
    """A small synthetic council's return, a corrected re-send of it, and a broken file."""
    from trajectory.synth.demo import corrected_tables
    from trajectory.synth.ssda903 import generate, write_csv

    root = tmp_path_factory.mktemp("returns")
    tables = generate(council_code="990", children=120, years=2, seed=7, end=END)
    original = write_csv(tables, root / "original")
    corrected = write_csv(corrected_tables(tables), root / "corrected")

    episodes = next(path for path in original if "DECOM" in path.read_text().splitlines()[0])
    lines = episodes.read_text().splitlines()
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[header.index("DECOM")] = "not a date"
    lines[2] = ",".join(cells)
    broken = root / "broken" / "episodes-broken.csv"
    broken.parent.mkdir()
    broken.write_text("\n".join(lines) + "\n")
    return {
        "original": sorted(original),
        "corrected": sorted(corrected),
        "broken": [broken],
        # Counted here from the generated tables, not by the app: children with an episode
        # open at the end date (DECOM on or before it, DEC empty or after it), short breaks aside.
        "looked_after": (
            looked_after_at(tables["Episodes"], END),
            looked_after_at(corrected_tables(tables)["Episodes"], END),
        ),
    }


def looked_after_at(episodes, when: date) -> int:
    import polars as pl

    return (
        episodes.filter(
            (pl.col("DECOM") <= when)
            & (pl.col("DEC").is_null() | (pl.col("DEC") > when))
            & ~pl.col("LS").is_in(["V3", "V4"])
        )
        .get_column("CHILD")
        .n_unique()
    )


@pytest.fixture
def westshire(council, make_user, return_files):
    """Westshire with version 1 imported and its indicators computed, and its analyst."""
    from trajectory.indicators.services import indicators_compute
    from trajectory.returns.services import return_import

    analyst = make_user("analyst", council, username="ana")
    upload = return_import(council=council, user=analyst, paths=return_files["original"])
    assert upload.version is not None, upload.errors[:3]
    indicators_compute(council=council, user=analyst)
    return {"council": council, "analyst": analyst}


def scorecard_value(page, indicator_id: str) -> str:
    return page.locator(f'tr[data-indicator="{indicator_id}"] td[data-value]').inner_text()


def test_analyst_reads_the_scorecard_uploads_a_correction_and_sees_figures_change(
    page, live_server, sign_in, csp_violations, westshire, return_files
):
    from trajectory.indicators.registry import INDICATORS

    council = westshire["council"]
    sign_in(westshire["analyst"])

    # One council: signing in goes straight to its overview, then the scorecard from it.
    expect(page).to_have_url(re.compile(rf"/councils/{council.code}/overview/$"))
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible()
    expect(page.locator("#data-age")).to_contain_text("Latest data: to 31 March 2025")
    assert_accessible(page)
    page.get_by_role("link", name="The scorecard").click()
    expect(page.get_by_role("heading", name="Children in care scorecard")).to_be_visible()
    expect(page.locator("tr[data-indicator]")).to_have_count(len(INDICATORS))
    expect(page.locator("#data-summary")).to_contain_text("SSDA903 version 1")
    count_before = scorecard_value(page, "cla_count")
    assert re.fullmatch(r"[\d,]+", count_before), count_before
    assert_accessible(page)

    # An indicator: its definition, a chart that really drew, and the same figures as a table.
    page.locator('tr[data-indicator="cla_count"] a').click()
    expect(page.locator("#definition")).to_be_visible()
    chart = page.locator("#indicator-chart")
    expect(chart).to_have_attribute("data-chart-rendered", "true", timeout=15_000)
    assert chart.locator("svg .mark-line path").count() >= 1
    assert chart.locator("svg .mark-symbol path").count() >= 12
    page.get_by_text("The figures as a table").click()
    expect(page.locator("#monthly-values")).to_be_visible()
    assert page.locator("#monthly-values tbody tr").count() >= 12
    assert_accessible(page)

    # The children behind the latest figure (analysts may see them).
    page.locator("#children-link").click()
    expect(page.get_by_role("heading", name=re.compile("Children counted at"))).to_be_visible()
    assert_accessible(page)

    # A broken file is refused with the file, row and column of the problem.
    page.goto(f"{live_server.url}/councils/{council.code}/returns/")
    assert_accessible(page)
    page.locator("#files").set_input_files([str(p) for p in return_files["broken"]])
    page.get_by_role("button", name="Check the files").click()
    expect(page.locator("#upload-status")).to_have_text("Refused")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("episodes-broken.csv")
    first_error = page.locator("#error-table tbody tr").first
    expect(first_error).to_contain_text("episodes-broken.csv")
    expect(first_error).to_contain_text("DECOM")
    expect(first_error.locator("td").nth(1)).to_have_text("3")
    expect(page.get_by_role("button", name="Accept as a new version")).to_have_count(0)
    assert_accessible(page)

    # The corrected return: preview what was recognised, then accept it.
    page.goto(f"{live_server.url}/councils/{council.code}/returns/")
    page.locator("#files").set_input_files([str(p) for p in return_files["corrected"]])
    page.get_by_role("button", name="Check the files").click()
    expect(page.locator("#upload-status")).to_have_text("Waiting for review")
    recognised = page.locator("#recognised")
    for table in ("Header", "Episodes"):
        expect(recognised).to_contain_text(table)
    # What accepting changes, before accepting (issue 7.17): the count now and after.
    before, after = return_files["looked_after"]
    assert before > after
    assert count_before == f"{before:,}"
    expect(
        page.locator('#figure-changes tr[data-indicator="cla_count"] td[data-change]')
    ).to_have_text(f"{before:,} → {after:,}")
    assert_accessible(page)
    page.get_by_role("button", name="Accept as a new version").click()

    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Version 2 accepted")
    expect(banner.get_by_role("link", name="See the scorecard")).to_have_attribute(
        "href", f"/councils/{council.code}/"
    )
    expect(page.locator("#versions")).to_contain_text("version 2")
    assert_accessible(page)

    # The scorecard is now built from version 2, and the count of children has changed.
    banner.get_by_role("link", name="See the scorecard").click()
    expect(page.locator("#data-summary")).to_contain_text("SSDA903 version 2")
    assert scorecard_value(page, "cla_count") != count_before
    assert scorecard_value(page, "cla_count") == f"{after:,}"

    assert csp_violations == []


def test_wrong_password_shows_an_accessible_error(
    page, live_server, council, make_user, csp_violations
):
    make_user("analyst", council, username="ana")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile("^Error: Sign in"))
    assert_accessible(page)
    assert csp_violations == []
