"""The children behind a figure in a real browser (issue 7.12, 7.4): 25 a page with GOV.UK
pagination, a search by child id, the whole list as CSV, a date outside the data refused.
Each page passes axe with no CSP violation; each view and the download are audited."""

from __future__ import annotations

import csv
import io
import math
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible


@pytest.fixture
def imported(council, make_user, tmp_path):
    """Westshire with two years of generated returns to March 2025 imported, and its analyst."""
    from trajectory.indicators.services import indicators_compute
    from trajectory.returns.services import return_import
    from trajectory.synth.ssda903 import generate, write_csv

    analyst = make_user("analyst", council, username="ana")
    tables = generate(council_code="990", children=120, years=2, seed=7, end=date(2025, 3, 31))
    paths = write_csv(tables, tmp_path / "return")
    upload = return_import(council=council, user=analyst, paths=sorted(paths))
    assert upload.version is not None, upload.errors[:3]
    run = indicators_compute(council=council, user=analyst)
    figure = run.values.get(indicator_id="cla_count", as_at=date(2025, 3, 31)).value
    return {"council": council, "analyst": analyst, "figure": int(figure)}


def test_the_child_list_pages_searches_and_downloads(
    page, live_server, sign_in, csp_violations, imported
):
    from trajectory.audit.models import AuditEntry

    council, figure = imported["council"], imported["figure"]
    assert figure > 25  # the generator's 120 children give more than one page
    sign_in(imported["analyst"])
    base = f"{live_server.url}/councils/{council.code}/indicators/cla_count/children/"

    page.goto(f"{base}?as_at=2025-03-31")
    expect(page.locator("#count")).to_have_text(f"{figure} rows. Showing 1 to 25.")
    assert page.locator("#children tbody tr").count() == 25
    # Only the whole-list download: the site-wide table link would give just these 25 rows.
    expect(page.locator("#children-csv")).to_have_text(f"Download all {figure} rows as CSV")
    expect(page.get_by_role("link", name="Download this table (CSV)")).to_have_count(0)
    pages = math.ceil(figure / 25)
    last = figure - 25 * (pages - 1)
    assert_accessible(page)

    page.get_by_role("link", name="Next page").click()
    expect(page.locator("#count")).to_contain_text("Showing 26 to")
    page.goto(f"{base}?as_at=2025-03-31&page={pages}")
    assert page.locator("#children tbody tr").count() == last
    assert_accessible(page)

    wanted = page.locator("#children tbody tr").first.locator("td").first.inner_text()
    page.get_by_label("Search by child id").fill(wanted)
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#count")).to_have_text(f"1 row for child {wanted}.")
    assert page.locator("#children tbody tr").count() == 1
    assert_accessible(page)

    page.goto(f"{base}?as_at=2025-03-31")
    with page.expect_download() as waiting:
        page.locator("#children-csv").click()
    rows = list(csv.reader(io.StringIO(Path(waiting.value.path()).read_text(encoding="utf-8"))))
    assert rows[0][0] == "child_id" and len(rows) - 1 == figure

    page.goto(f"{base}?as_at=2019-01-31")
    expect(page.locator("#refusal")).to_have_text(
        "The data runs from 1 April 2023 to 31 March 2025: choose a date in that span."
    )
    assert_accessible(page)
    assert csp_violations == []
    views = AuditEntry.objects.filter(action="child.view")
    assert views.filter(detail__format="csv").count() == 1
    assert views.filter(detail__child=wanted).count() == 1


def test_a_board_member_is_told_why_the_list_is_withheld(
    page, live_server, sign_in, csp_violations, council, make_user
):
    """A page of one's own council the role may not see is 403 saying why (issue 7.6)."""
    sign_in(make_user("board_member", council, username="board"))
    response = page.goto(
        f"{live_server.url}/councils/{council.code}/indicators/cla_count/children/?as_at=2025-03-31"
    )
    assert response.status == 403
    expect(page.locator("#refusal")).to_have_text(
        "Child-level data is shown only to performance analysts, team and service managers, "
        "leaders, commissioners and improvement partners."
    )
    assert_accessible(page)
    assert csp_violations == []
