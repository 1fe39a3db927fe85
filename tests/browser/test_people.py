"""A council's user administrator in a real browser: add a person, read their one-time password
once, see them sign in with it and choose their own password, change their role, and find the
grant in the audit log. Every page must pass axe and raise no CSP violation."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible


def test_admin_adds_a_person_who_signs_in_with_the_one_time_password(
    page, live_server, sign_in, csp_violations, council, make_user
):
    from trajectory.councils.models import Team

    Team.objects.create(council=council, name="Children in care")
    admin = make_user("admin", council, username="adm")
    make_user("leader", council, username="lead")

    sign_in(admin)
    page.goto(f"{live_server.url}/councils/{council.code}/")
    page.get_by_role("link", name="Admin", exact=True).click()  # People, its first page
    expect(page.get_by_role("heading", name="People", exact=True)).to_be_visible()
    expect(page.locator("#person-lead")).to_contain_text("Leader (DCS, head of service)")
    assert_accessible(page)

    # A mistake first: a new account needs a name and an email.
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("User name").fill("jsmith")
    page.get_by_label("Role").select_option("manager")
    page.get_by_role("button", name="Add person").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the person's full name.")
    assert_accessible(page)

    page.get_by_label("Full name").fill("Jo Smith")
    page.get_by_label("Email address").fill("jo.smith@example.org")
    page.get_by_label("Team (optional)").select_option(label="Children in care")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", name="Account created")).to_be_visible()
    password = page.locator("#one-time-password").inner_text().strip()
    assert re.fullmatch(r"[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}", password)
    assert_accessible(page)

    # The people list shows the new person, and never the password again.
    page.get_by_role("link", name="Back to people").click()
    person = page.locator("#person-jsmith")
    expect(person).to_contain_text("Jo Smith")
    expect(person).to_contain_text("jo.smith@example.org")
    expect(person).to_contain_text("Team or service manager")
    expect(person).to_contain_text("Children in care")
    expect(person).to_contain_text("Never")
    assert password not in page.content()

    # Change the role; the form and the confirmation pages are accessible too.
    person.get_by_role("link", name="Change jsmith's role Team or service manager").click()
    expect(page.get_by_role("heading", name="Change role")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Role").select_option("analyst")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("jsmith is now Performance analyst here.")).to_be_visible()
    expect(page.locator("#person-jsmith")).to_contain_text("Performance analyst")

    # The last admin cannot be removed.
    page.locator("#person-adm").get_by_role("link", name=re.compile("^Remove")).click()
    assert_accessible(page)
    page.get_by_role("button", name="Remove role").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("last user administrator")
    assert_accessible(page)

    # The audit log shows the grant, and can be filtered and downloaded.
    page.get_by_role("navigation", name="Pages in this section").get_by_role(
        "link", name="Audit log", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    entries = page.locator("#audit-entries")
    expect(entries).to_contain_text("Added a person")
    expect(entries).to_contain_text("Changed a role")
    assert_accessible(page)
    page.get_by_label("Action").select_option("membership.grant")
    page.get_by_label("User name").fill("adm")
    page.get_by_role("button", name="Filter").click()
    expect(entries.locator("tbody tr").first).to_contain_text("Gave a role")
    expect(entries.locator("tbody tr").first).to_contain_text("jsmith")
    expect(entries).not_to_contain_text("Changed a role")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download these entries as CSV").click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["action"] for row in rows] == ["membership.grant"]
    assert '"user": "jsmith"' in rows[0]["detail"]

    # The new person signs in with the one-time password, which opens only the page to
    # choose their own: a weak one is refused, then a good one takes them to their council.
    page.get_by_role("button", name="Sign out adm").click()
    sign_in(type("NewUser", (), {"username": "jsmith"}), password=password)
    expect(page.get_by_role("button", name="Sign out jsmith")).to_be_visible()
    expect(page.get_by_role("heading", name="Change your password")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/councils/{council.code}/")
    expect(page.get_by_role("heading", name="Change your password")).to_be_visible()
    page.get_by_label("Current password").fill(password)
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("Confirm new password").fill("short")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("too short")
    assert_accessible(page)
    page.get_by_label("Current password").fill(password)
    page.get_by_label("New password", exact=True).fill("lantern orchard pebble")
    page.get_by_label("Confirm new password").fill("lantern orchard pebble")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Your password has been changed.")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out jsmith")).to_be_visible()
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Change your password")).to_be_visible()
    # An analyst has neither the people page nor the audit log in the navigation.
    expect(page.get_by_role("link", name="Admin", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="People", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Audit log", exact=True)).to_have_count(0)
    assert csp_violations == []
