"""Every registered return through the upload page in a real browser (issue 10.1): choose the
return, upload its files, see the preview (what was recognised and the year), accept it and
see it listed; a return whose reader is not yet available says so. Every page passes axe,
with no CSP violation."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.returns.conftest import EPISODES, HEADER


def _files(tmp_path) -> dict[str, tuple[list, str, str]]:
    """kind -> (files, a table the preview recognises, the year it shows)."""
    from tests.returns.cin.conftest import SMALL
    from trajectory.synth.workforce import generate, write_csv

    ssda903 = tmp_path / "903"
    ssda903.mkdir()
    (ssda903 / "header.csv").write_text(HEADER)
    (ssda903 / "episodes.csv").write_text(EPISODES)
    (tmp_path / "census.xml").write_text(SMALL)
    workers = pl.DataFrame(
        {
            "SW_ID": ["SW1", "SW2", "SW3"],
            "SW_DECOM": [date(2023, 1, 1), date(2024, 2, 1), date(2022, 5, 1)],
            "SW_DEC": [None, None, date(2024, 6, 1)],
        }
    )
    teams = pl.DataFrame({"SW_ID": ["SW1", "SW2", "SW3"], "team": ["A", "B", "A"]})
    workforce = write_csv(generate(workers, teams, seed=1), tmp_path / "workforce")
    from tests.indicators.annex_a.builders import inspection_workbook

    (tmp_path / "annex_a.xlsx").write_bytes(inspection_workbook())
    return {
        "ssda903": (sorted(ssda903.iterdir()), "Episodes", "2022-23"),
        "cin": ([tmp_path / "census.xml"], "ChildIdentifiers", "2024-25"),
        "annex_a": ([tmp_path / "annex_a.xlsx"], "List1", "2025-26"),
        "workforce": (sorted(workforce), "CSWWWorker", "2023-24"),
    }


def test_each_registered_return_is_uploaded_previewed_accepted_and_listed(
    page, live_server, sign_in, csp_violations, council, make_user, tmp_path
):
    from trajectory.returns import formats

    analyst = make_user("analyst", council, username="ana")
    sign_in(analyst)
    returns = f"{live_server.url}/councils/{council.code}/returns/"
    page.goto(returns)
    kinds = page.locator("#return-kinds")
    for fmt in formats.FORMATS.values():
        item = kinds.locator(f'li[data-kind="{fmt.kind}"]')
        if fmt.available:
            expect(item).not_to_contain_text("not yet available")
        else:
            expect(item).to_contain_text(f"{fmt.title} (not yet available)")
    assert_accessible(page)

    for number, (kind, (files, table, year)) in enumerate(_files(tmp_path).items(), start=1):
        fmt = formats.FORMATS[kind]
        if not fmt.available:
            continue
        page.goto(returns)
        page.locator(f'#return-kinds li[data-kind="{kind}"] a').click()
        expect(page.locator('label[for="files"]')).to_have_text(fmt.upload_label)
        assert_accessible(page)
        page.locator("#files").set_input_files([str(p) for p in files])
        page.get_by_role("button", name="Check the files").click()
        expect(page.locator("#upload-status")).to_have_text("Waiting for review")
        expect(page.locator(".govuk-caption-l")).to_contain_text(fmt.title)
        expect(page.locator("#recognised")).to_contain_text(table)
        expect(page.locator("#collection-year")).to_contain_text(f"Collection year {year}")
        if kind == "annex_a":
            expect(page.locator("#recognition")).to_contain_text("Notes")
        assert_accessible(page)
        page.get_by_role("button", name="Accept as a new version").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text(
            re.compile("version 1 accepted", re.IGNORECASE)
        )
        if fmt.recompute:  # the indicators read this return: recomputed with the accept
            expect(page.locator(".govuk-notification-banner")).to_contain_text(
                "The indicators have been recomputed from it."
            )
        expect(page.locator("#versions")).to_contain_text(f"{fmt.title} version 1")
        assert page.locator("#versions tbody tr").count() == number
        assert_accessible(page)

    # Each return's indicators, from the scorecard to the indicator's page, which names the
    # version it read.
    for indicator_id, title, version in (
        ("cla_count", "Children looked after", "SSDA903 (children looked after) version 1"),
        ("cin_count", "Children in need", "CIN census version 1"),
        ("annex_a_assessments_45wd_pct", "Assessments completed", "Annex A version 1"),
        ("workforce_caseload_per_fte", "Caseload", "Social work workforce version 1"),
    ):
        page.goto(f"{live_server.url}/councils/{council.code}/")
        row = page.locator(f'tr[data-indicator="{indicator_id}"]')
        expect(row).to_contain_text(title)
        row.get_by_role("link").first.click()
        expect(page.locator("#versions-read")).to_contain_text(version)
        expect(page.locator("#latest-figure")).not_to_contain_text("No figure")
        assert_accessible(page)
    assert csp_violations == []
