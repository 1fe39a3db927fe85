"""In a real browser: a leader lands on the council overview and follows its links; a region
official sees two councils side by side; an administrator resets a person's password, who then
must choose their own. Every page passes axe and raises no CSP violation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.overview.conftest import SERIES, add_inspections, add_plan, add_run, add_version


@pytest.fixture(autouse=True)
def _today(settings):
    # 91 days after 31 March 2025, past a 60-day limit: the age warning shows.
    settings.TRAJECTORY_TODAY = "2025-06-30"
    settings.TRAJECTORY_STALE_DATA_DAYS = 60


def test_a_leader_lands_on_the_overview_and_follows_it(
    page, live_server, sign_in, csp_violations, council, make_user
):
    leader = make_user("leader", council, username="lead")
    inspection, _ = add_inspections(council)
    add_plan(council, leader, inspection)
    add_run(council, add_version(council), SERIES)

    sign_in(leader)
    expect(page).to_have_url(re.compile(rf"/councils/{council.code}/overview/$"))
    expect(page.locator("#ofsted-grade")).to_contain_text("Inadequate")
    expect(page.locator("#ofsted-visit")).to_contain_text("Monitoring visit")
    expect(page.locator("#overview-priorities [data-rag]")).to_have_count(3)
    expect(page.locator("#overview-overdue")).to_contain_text("Recruit six social workers")
    expect(page.locator("#overview-slipping")).to_contain_text("Monthly case supervision")
    expect(page.locator('#overview-worsened [data-indicator="cla_missing_pct"]')).to_contain_text(
        "8.0% to 14.0%"
    )
    expect(page.locator("#stale-data-warning")).to_contain_text("91 days ago")
    assert_accessible(page)

    page.locator("#overview-overdue").get_by_role("link").first.click()
    expect(
        page.get_by_role("heading", name=re.compile("Recruit six social workers"))
    ).to_be_visible()
    page.get_by_role("link", name="Overview", exact=True).click()
    page.locator('#overview-worsened [data-indicator="cla_missing_pct"] a').click()
    expect(page.locator("#stale-data-warning")).to_be_visible()
    assert csp_violations == []


def test_a_region_official_sees_their_councils_side_by_side(
    page, live_server, sign_in, csp_violations, make_council, make_user
):
    from trajectory.councils.services import membership_grant

    west = make_council(code="990", name="Westshire")
    east = make_council(code="991", name="Eastshire")
    add_run(west, add_version(west), SERIES)
    add_inspections(east, overall="good")
    official = make_user("region", west, username="official")
    membership_grant(user=official, council=east, role="region")

    sign_in(official)
    table = page.locator("#councils-side-by-side")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator('tr[data-council="990"] td[data-indicator="cla_count"]')).to_have_text(
        "412"
    )
    expect(table.locator('tr[data-council="991"] td[data-grade]')).to_have_text("Good")
    assert_accessible(page)
    assert csp_violations == []


def test_an_admin_resets_a_password_and_the_person_must_choose_their_own(
    page, live_server, sign_in, csp_violations, council, make_user
):
    admin = make_user("admin", council, username="adm")
    make_user("analyst", council, username="ana")

    sign_in(admin)
    page.get_by_role("link", name="Admin", exact=True).click()  # People, its first page
    page.locator("#person-ana").get_by_role("link", name="Reset password of ana").click()
    expect(page.get_by_role("heading", name="Reset ana's password?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Reset password").click()
    expect(page.get_by_role("heading", name="Password reset")).to_be_visible()
    password = page.locator("#one-time-password").inner_text().strip()
    assert re.fullmatch(r"[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}", password)
    assert_accessible(page)
    page.get_by_role("link", name="Back to people").click()
    assert password not in page.content()

    page.get_by_role("button", name="Sign out adm").click()
    sign_in(type("Person", (), {"username": "ana"}), password=password)
    expect(page.get_by_role("heading", name="Change your password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Current password").fill(password)
    page.get_by_label("New password", exact=True).fill("lantern orchard pebble")
    page.get_by_label("Confirm new password").fill("lantern orchard pebble")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Your password has been changed.")).to_be_visible()
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible()
    assert csp_violations == []
