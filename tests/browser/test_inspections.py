"""The Ofsted record in a real browser: sign in, open the Ofsted page, see West Sussex's
trajectory and the national picture drawn, with no accessibility failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible

REFERENCE = Path(settings.TRAJECTORY_REFERENCE_DIR)
ODS_2025 = REFERENCE / "dfe_csc_outcomes_enablers/LA_Inspection_Outcomes_as_at_31_March_2025.ods"


@pytest.fixture
def west_sussex(transactional_db, make_user):
    if not ODS_2025.exists():
        pytest.skip(f"reference data not found in {REFERENCE}")
    from trajectory.councils.models import Council
    from trajectory.councils.reference import councils_load_reference
    from trajectory.inspections.services import ofsted_load

    councils_load_reference()
    ofsted_load()
    council = Council.objects.get(code="938")
    return {"council": council, "board": make_user("board_member", council, username="board")}


def test_board_member_opens_ofsted_and_sees_the_trajectory(
    page, live_server, sign_in, csp_violations, west_sussex
):
    sign_in(west_sussex["board"])
    page.goto(f"{live_server.url}/councils/938/inspections/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ofsted inspections and visits")
    table = page.locator("#inspections")
    expect(table).to_contain_text("Inadequate")
    expect(table).to_contain_text("Monitoring visit")
    expect(page.locator("#add-inspection")).to_have_count(0)
    expect(page.locator("#council-chart[data-chart-rendered=true]")).to_have_count(1)
    assert_accessible(page)

    page.get_by_role(
        "link", name="Trajectory: judgements over time and the national picture"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ofsted trajectory")
    page.wait_for_selector("#trajectory-chart[data-chart-rendered=true]")
    page.wait_for_selector("#national-chart[data-chart-rendered=true]")
    assert page.locator("#trajectory-chart svg").count() == 1
    expect(page.locator("#national-table")).to_contain_text("2025")
    expect(page.locator("#neighbours-table tbody tr")).to_have_count(11)
    assert_accessible(page)
    assert csp_violations == []
