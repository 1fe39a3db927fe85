"""The workforce months in a real browser: the list with the demo's months, adding a month by
the form (its errors first), changing one and reading its history, each page passing axe with
no CSP violation; a board member reads the list without the forms."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible


def test_workforce_months_for_an_analyst_and_a_board_member(
    page, live_server, sign_in, csp_violations, settings, council, make_user
):
    from trajectory.synth.demo_workforce import workforce_demo

    settings.TRAJECTORY_TODAY = "2025-05-20"
    analyst = make_user("analyst", council, username="anna")
    reader = make_user("board_member", council, username="jane")
    workforce_demo(council, {"analyst": analyst})  # January 2024 to April 2025
    base = f"{live_server.url}/councils/{council.code}/workforce/"

    sign_in(analyst)
    page.goto(base)
    expect(
        page.get_by_role("heading", name="Social work workforce by month", level=1)
    ).to_be_visible()
    expect(page.locator("#workforce-months")).to_contain_text("April 2025")
    assert_accessible(page)

    page.get_by_role("link", name="Add a month").click()
    expect(page.get_by_role("heading", name="Add a month", level=1)).to_be_visible()
    page.get_by_label("Month").select_option(label="May 2025")
    page.get_by_role("button", name="Add the month").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the establishment")
    assert_accessible(page)
    for label, value in (
        ("Establishment", "515.8"),
        ("Filled by the council's social workers", "506.0"),
        ("Agency social workers", "7.4"),
        ("Vacancies", "9.8"),
        ("Starters", "5"),
        ("Leavers", "4"),
        ("Working days lost to absence", "150.0"),
        ("Supervisions due (optional)", "375"),
        ("Supervisions held on time (optional)", "330"),
    ):
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Add the month").click()
    expect(page.get_by_text("May 2025 recorded.")).to_be_visible()
    row = page.locator('tr[data-month="2025-05"]')
    expect(row).to_contain_text("1.9%")
    expect(row).to_contain_text("88.0%")
    assert_accessible(page)

    page.locator('tr[data-month="2025-05"]').get_by_role("link", name="May 2025").click()
    page.get_by_label("Leavers", exact=True).fill("6")
    page.get_by_role("button", name="Save the month").click()
    expect(page.get_by_text("May 2025 saved.")).to_be_visible()
    page.locator('tr[data-month="2025-05"]').get_by_role("link", name="May 2025").click()
    expect(page.get_by_role("table", name="History of this month")).to_contain_text("Leavers")
    assert_accessible(page)
    assert csp_violations == []

    page.context.clear_cookies()
    sign_in(reader)
    page.goto(base)
    expect(page.locator("#workforce-months")).to_contain_text("May 2025")
    expect(page.get_by_role("link", name="Add a month")).to_have_count(0)
    assert_accessible(page)
