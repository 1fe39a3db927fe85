"""The upload preview's collection year in a real browser (issue 8.2): shown as inferred, a
mistake shown on its field, a change checked again. Every page passes axe, with no CSP
violation."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.returns.conftest import EPISODES, HEADER


def test_an_analyst_changes_the_year_of_an_upload(
    page, live_server, sign_in, csp_violations, council, make_user, tmp_path
):
    from trajectory.returns.services import upload_preview

    analyst = make_user("analyst", council, username="ana")
    files = []
    for name, text in (("header.csv", HEADER), ("episodes.csv", EPISODES)):
        (tmp_path / name).write_text(text)
        files.append((name, tmp_path / name))
    upload = upload_preview(council=council, user=analyst, files=files)

    sign_in(analyst)
    page.goto(f"{live_server.url}/councils/{council.code}/returns/uploads/{upload.pk}/")
    expect(page.locator("#collection-year")).to_contain_text(
        "Collection year 2022-23, 1 April 2022 to 31 March 2023 (inferred from the latest "
        "episode date 5 January 2023)"
    )
    assert_accessible(page)

    page.get_by_label("Collection year").fill("24-25")
    page.get_by_role("button", name="Change the year and check again").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("is not a collection year")
    assert_accessible(page)

    page.get_by_label("Collection year").fill("2024-25")
    page.get_by_role("button", name="Change the year and check again").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Collection year set to 2024-25"
    )
    expect(page.locator("#collection-year")).to_contain_text("(declared by ana)")
    expect(page.locator("#warning-summary")).to_contain_text("SEX is not one of DfE's codes")
    assert_accessible(page)
    assert csp_violations == []
