"""Issue 8.7's browser journey: the Teams page (each team's figure beside the council's), a
team's children and workers, and the Signals page for one team, each checked with axe and no
CSP violation.

The council is made by the project's generator with its social workers (120 children over two
years, made up); the children each team held at the last month-end are counted here from the
generated tables, not by the app."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible

END = date(2025, 3, 31)


def _looked_after_by_team(tables, teams) -> dict[str, int]:
    """Children looked after at END by the team of the worker whose episode began last."""
    episodes = tables["Episodes"]
    in_care = (
        episodes.filter(
            (pl.col("DECOM") <= END)
            & (pl.col("DEC").is_null() | (pl.col("DEC") > END))
            & ~pl.col("LS").is_in(["V3", "V4"])
        )
        .select("CHILD")
        .unique()
    )
    worker = (
        tables["SWEpisodes"]
        .filter(pl.col("SW_DECOM") <= END)
        .sort("SW_DECOM")
        .group_by("CHILD")
        .last()
        .join(teams, on="SW_ID")
        .select("CHILD", "team")
    )
    counted = in_care.join(worker, on="CHILD", how="left").with_columns(
        pl.col("team").fill_null("No team recorded")
    )
    return dict(counted.group_by("team").len().rows())


@pytest.fixture
def computed(council, make_user, tmp_path):
    from trajectory.councils.team_files import team_file_import
    from trajectory.indicators.services import indicators_compute
    from trajectory.returns.services import return_import
    from trajectory.synth.ssda903 import generate, write_csv
    from trajectory.synth.workers import social_workers, write_worker_teams

    tables = generate(council_code="990", children=120, years=2, seed=7, end=END)
    sw, teams = social_workers(tables, seed=7, since=date(2023, 3, 31), end=END)
    tables = {**tables, "SWEpisodes": sw}
    analyst = make_user("analyst", council, username="ana")
    team_path = write_worker_teams(teams, tmp_path / "teams" / "teams.csv")
    team_file_import(
        council=council, user=analyst, content=team_path.read_bytes(), file_name="teams.csv"
    )
    upload = return_import(
        council=council, user=analyst, paths=write_csv(tables, tmp_path / "return")
    )
    assert upload.version is not None, upload.errors[:3]
    indicators_compute(council=council, user=analyst)
    return analyst, _looked_after_by_team(tables, teams)


def test_teams_page_to_a_teams_children_and_its_signals(
    page, live_server, sign_in, csp_violations, council, computed
):
    analyst, by_team = computed
    sign_in(analyst)
    page.goto(f"{live_server.url}/councils/{council.code}/")
    page.get_by_role("navigation", name="Pages in this section").get_by_role(
        "link", name="Teams"
    ).click()
    expect(
        page.get_by_role("heading", name="Children looked after by team", level=1)
    ).to_be_visible()
    table = page.locator("#teams")
    for team, count in by_team.items():
        row = table.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=team))
        expect(row.locator("td").first).to_have_text(f"{count:,}")
    expect(page.locator("#council-figure")).to_have_text(f"{sum(by_team.values()):,}")
    assert_accessible(page)

    team = next(t for t in sorted(by_team) if t.startswith("Children in care"))
    page.get_by_role("link", name=f"Children counted for {team}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Children counted at 31 March 2025 in {team}"
    )
    expect(page.locator("#count")).to_contain_text(f"{by_team[team]} row")
    assert_accessible(page)

    page.go_back()
    page.get_by_role("link", name=f"Workers in {team}").click()
    expect(page.locator("#workers")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Indicator").select_option("cla_missing_pct")
    page.get_by_role("button", name="Show").click()
    from trajectory.indicators.registry import get

    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{get('cla_missing_pct').title} by team"
    )
    expect(page.locator("#teams")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Pages in this section").get_by_role(
        "link", name="Signals"
    ).click()
    page.get_by_label("Team").select_option(team)
    page.get_by_role("button", name="Show signals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Signals for {team}")
    assert_accessible(page)
    assert csp_violations == []
