"""Supervision in a real browser: compliance by team and month with its chart, recording a
supervision by the form (its errors first), the worker's due dates, the CSV import refusing a
bad file with its error report and previewing a good one before importing it, the standard
changed and its history, case oversight recorded and changed with its history; each page
passing axe with no CSP violation. A board member reads the aggregates only."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible


def test_supervision_pages(
    page, live_server, sign_in, csp_violations, settings, council, make_user, tmp_path
):
    from trajectory.councils.team_files import team_file_import
    from trajectory.supervision import services

    settings.TRAJECTORY_TODAY = "2025-03-15"
    manager = make_user("manager", council, username="mo")
    reader = make_user("board_member", council, username="jane")
    team_file_import(
        council=council,
        user=None,
        content=b"SW_ID,team\nSW0001,Team A\nSW0002,Team B\n",
        file_name="teams.csv",
    )
    for worker, day in (("SW0001", date(2025, 1, 10)), ("SW0002", date(2025, 1, 20))):
        services.supervision_record(
            council=council,
            user=manager,
            worker_id=worker,
            held_on=day,
            kind="individual",
            supervisor="M1",
            cases=["CHILD7"],
        )
    services.oversight_record(
        council=council, user=manager, child="CHILD7", recorded_on=date(2025, 1, 3), manager="M1"
    )
    base = f"{live_server.url}/councils/{council.code}/supervision/"

    sign_in(manager)
    page.goto(base)
    expect(page.get_by_role("heading", name="Supervision compliance", level=1)).to_be_visible()
    expect(page.locator('#supervision-months tr[data-month="2025-01"]')).to_contain_text("100.0%")
    expect(page.locator("#supervision-chart svg, #supervision-chart canvas").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record a supervision").first.click()
    page.get_by_role("button", name="Record the supervision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the worker's SW_ID")
    assert_accessible(page)
    page.get_by_label("Worker's SW_ID").fill("SW0001")
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Individual").check()
    page.get_by_label("Supervisor").fill("M2")
    page.get_by_role("button", name="Record the supervision").click()
    expect(
        page.get_by_text("Individual supervision of SW0001 on 3 February 2025 recorded.")
    ).to_be_visible()
    expect(page.locator("#worker-supervisions")).to_contain_text("CHILD7")
    expect(page.locator("#worker-dues")).to_contain_text("28 February 2025")
    assert_accessible(page)
    page.get_by_role("group", name="Qualified as a social worker (optional)").get_by_label(
        "Year"
    ).fill("20")
    page.get_by_role("button", name="Save the worker").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The qualification date must include a day and month"
    )
    assert_accessible(page)

    page.goto(base + "import/")
    bad = tmp_path / "sup.csv"
    bad.write_text("SW_ID,date,type,supervisor,cases\nSW0001,31/02/2025,individual,M1,\n")
    page.get_by_label("Supervisions (CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#import-problems")).to_contain_text("31/02/2025")
    expect(page.locator("#upload-outcome")).to_contain_text("Nothing was added")
    assert_accessible(page)
    page.get_by_role("link", name="Upload another file").click()
    good = tmp_path / "sup-good.csv"
    good.write_text(
        "SW_ID,date,type,supervisor,cases\n"
        "SW0001,10/01/2025,individual,M1,CHILD7\n"  # as recorded above: not added again
        "SW0002,14/02/2025,individual,M1,\n"
    )
    page.get_by_label("Supervisions (CSV)").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#upload-outcome")).to_contain_text("adds 1 supervision;")
    expect(page.locator("#upload-staged")).to_contain_text("14 February 2025")
    assert_accessible(page)
    page.get_by_role("button", name="Import 1 supervision").click()
    expect(page.get_by_text("1 supervision imported from sup-good.csv; 1 already")).to_be_visible()
    expect(page.locator("#upload-status")).to_have_text("Imported")
    assert_accessible(page)

    page.goto(base + "standard/")
    assert_accessible(page)
    page.get_by_role("link", name="Change the standard").click()
    page.get_by_role("button", name="Save the new version").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date it applies from")
    assert_accessible(page)
    page.get_by_role("group", name="Applies from").get_by_label("Day").fill("1")
    page.get_by_role("group", name="Applies from").get_by_label("Month").fill("3")
    page.get_by_role("group", name="Applies from").get_by_label("Year").fill("2025")
    page.get_by_label("Reason for the change").fill("Monthly for all")
    page.get_by_role("button", name="Save the new version").click()
    expect(page.get_by_text("The supervision standard is changed.")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Version 1, from 1 March 2025 (latest)")
    ).to_be_visible()
    assert_accessible(page)

    page.goto(base + "oversight/")
    expect(page.locator("#oversight-children")).to_be_visible()  # no returns: no open cases
    assert_accessible(page)
    page.get_by_role("link", name="Record oversight").click()
    page.get_by_role("button", name="Record the oversight").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the child's identifier")
    assert_accessible(page)
    page.get_by_label("Child's identifier").fill("CHILD7")
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Manager").fill("M2")
    page.get_by_label("Note (optional)").fill("Plan reviewed; visits on time.")
    page.get_by_role("button", name="Record the oversight").click()
    expect(page.get_by_text("Management oversight recorded.")).to_be_visible()
    expect(page.locator("#oversight-records")).to_contain_text("Plan reviewed")
    expect(page.locator("#oversight-records")).to_contain_text("3 January 2025")
    assert_accessible(page)
    page.get_by_role("link", name="Change the oversight of 14 March 2025").click()
    page.get_by_label("Note (optional)").fill(
        "Plan reviewed; visits on time; school placement agreed."
    )
    page.get_by_role("button", name="Save the oversight").click()
    expect(page.get_by_text("Management oversight saved.")).to_be_visible()
    expect(page.locator("#oversight-records")).to_contain_text("school placement agreed")
    page.get_by_role("link", name="Change the oversight of 14 March 2025").click()
    expect(page.locator("#oversight-history")).to_contain_text("Plan reviewed; visits on time.")
    assert_accessible(page)
    page.goto(base + "workers/")
    expect(page.locator("#supervision-workers")).to_contain_text("SW0002")
    assert_accessible(page)
    assert csp_violations == []

    page.context.clear_cookies()
    sign_in(reader)
    page.goto(base)
    expect(page.locator("#supervision-teams")).to_contain_text("Team A")
    expect(page.get_by_role("link", name="Record a supervision")).to_have_count(0)
    expect(page.get_by_role("link", name="Workers")).to_have_count(0)
    assert_accessible(page)
    page.goto(base + "oversight/")
    expect(page.locator("#oversight-children")).to_have_count(0)
    assert_accessible(page)
