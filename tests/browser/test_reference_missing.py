"""A fresh install without the public reference data, in a real browser: the trajectory page
says which files are missing and how to fetch them, draws no national chart, and stays
accessible (issue 6.12)."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible


@pytest.fixture
def westshire_without_reference(transactional_db, settings, tmp_path, make_council, make_user):
    from trajectory.inspections.services import inspection_save

    settings.TRAJECTORY_REFERENCE_DIR = tmp_path / "reference"  # nothing fetched
    council = make_council()
    leader = make_user("leader", council, username="leader")
    inspection_save(
        council=council,
        user=leader,
        kind="standard",
        fieldwork_start=dt.date(2019, 2, 25),
        published_on=dt.date(2019, 5, 8),
        judgements={"overall": "inadequate"},
    )
    return {"council": council, "leader": leader}


def test_the_trajectory_page_names_the_missing_reference_files(
    page, live_server, sign_in, csp_violations, westshire_without_reference
):
    sign_in(westshire_without_reference["leader"])
    page.goto(f"{live_server.url}/councils/990/inspections/trajectory/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Ofsted trajectory")
    page.wait_for_selector("#trajectory-chart[data-chart-rendered=true]")
    national = page.locator("#national-missing")
    expect(national).to_contain_text("Reference data is missing:")
    expect(national).to_contain_text("LA_Inspection_Outcomes_as_at_31_March_2025.ods")
    expect(national).to_contain_text("Run trajectory reference fetch")
    expect(page.locator("#neighbours-missing")).to_contain_text("sn_model_2025_wide.csv")
    expect(page.locator("#national-chart")).to_have_count(0)
    expect(page.locator("#national-table")).to_have_count(0)
    assert_accessible(page)
    assert csp_violations == []
