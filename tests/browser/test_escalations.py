"""A manager takes a school's concern through the escalation procedure in a real browser: logs
it with a child's identifier, moves it to stage 2, records the review and the response; the
log and the board's themes show it; a board member reads the concern without the child's
identifier. Every page must pass axe and raise no CSP violation.

The pages read "today" through `trajectory.plans.clock.today()`; the live server runs in this
process, so the TRAJECTORY_TODAY setting here is the date the pages use.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible

CHILD = "C555123"


def fill_date(page, legend: str, day: int, month: int, year: int) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def test_a_concern_through_the_procedure_and_the_board_reads_it(
    page, live_server, sign_in, csp_violations, council, make_user, settings
):
    settings.TRAJECTORY_TODAY = "2026-04-30"
    manager = make_user("manager", council, username="team-manager")
    board_member = make_user("board_member", council, username="board")

    sign_in(manager)
    page.goto(f"{live_server.url}/councils/{council.code}/escalations/")
    expect(page.get_by_role("heading", name="Partners' concerns and escalations")).to_be_visible()
    expect(page.locator("#no-concerns")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Log a concern").click()
    expect(page.get_by_role("heading", name="Log a concern")).to_be_visible()
    assert_accessible(page)
    # A mistake first: nothing chosen.
    page.get_by_role("button", name="Log the concern").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select the kind of partner who raised it"
    )
    assert_accessible(page)

    page.get_by_label("Raised by").fill("Mrs J Okafor")
    page.get_by_label("Organisation (optional)").fill("Westshire Park School")
    page.get_by_label("School or college").check()
    # Wednesday 1 April 2026, before Easter's two bank holidays.
    fill_date(page, "Date raised", 1, 4, 2026)
    page.get_by_label("A child's case").check()
    page.get_by_label("Theme", exact=True).select_option(label="Thresholds")
    page.get_by_label("Summary of the concern").fill("A referral was closed with no visit.")
    page.get_by_label("Children's identifiers (optional)").fill(CHILD)
    page.get_by_role("button", name="Log the concern").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text("logged at stage 1")
    expect(page.locator("#concern-children")).to_contain_text(CHILD)
    # Stage 1's five working days skip Good Friday and Easter Monday: due 10 April 2026.
    stage_one = page.locator('tr[data-stage="1"]')
    expect(stage_one).to_contain_text("10 April 2026")
    expect(stage_one).to_contain_text("Overdue")
    assert_accessible(page)

    page.get_by_role("link", name="Move to the next stage").click()
    assert_accessible(page)
    fill_date(page, "Date it moved to the next stage", 13, 4, 2026)
    page.get_by_label("Why it was escalated (optional)").fill("No reply from the team.")
    page.get_by_role("button", name="Move to the next stage").click()
    expect(page.locator('tr[data-stage="2"]')).to_contain_text("13 April 2026")

    page.get_by_role("link", name="Record the review").click()
    assert_accessible(page)
    page.get_by_label("Partly upheld").check()
    page.get_by_label("Findings").fill("The decision was sound; the school was not told.")
    fill_date(page, "Date reviewed", 24, 4, 2026)
    page.get_by_role("button", name="Save the review").click()
    expect(page.locator("#concern-review")).to_contain_text("Partly upheld")

    page.get_by_role("link", name="Record the response").click()
    assert_accessible(page)
    fill_date(page, "Date the response was sent", 29, 4, 2026)
    page.get_by_label("What the response said").fill("The head of service wrote to the school.")
    page.get_by_role("button", name="Record the response").click()
    # 1 April to 29 April 2026: 18 working days, within the standard of 20.
    expect(page.locator("#concern-response")).to_contain_text("18 working days")
    expect(page.locator("#concern-response")).to_contain_text("within the standard of 20")
    expect(page.locator("#concern-history")).to_contain_text("Stage 2: Team managers")
    assert_accessible(page)

    page.locator(".govuk-breadcrumbs").get_by_role("link", name="Escalations").click()
    row = page.locator('tr[data-concern="1"]')
    expect(row).to_contain_text("Mrs J Okafor")
    expect(row).to_contain_text("Partly upheld")
    expect(row).to_contain_text("18 working days")
    expect(page.locator("main")).not_to_contain_text(CHILD)
    assert_accessible(page)

    page.get_by_role("link", name="Themes for the board").click()
    thresholds = page.locator('tr[data-theme="thresholds"]')
    expect(thresholds).to_contain_text("1 of 1 (100%)")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(board_member)
    page.goto(f"{live_server.url}/councils/{council.code}/escalations/")
    page.get_by_role("link", name="Concern 1").click()
    expect(page.locator("#concern-children")).to_contain_text("1 child named")
    expect(page.locator("main")).not_to_contain_text(CHILD)
    expect(page.get_by_role("link", name="Record the review")).to_have_count(0)
    assert_accessible(page)
    assert csp_violations == []
