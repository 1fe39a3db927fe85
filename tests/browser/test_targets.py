"""A leader sets a target in a real browser and sees the latest figure rated against it; a
mistake is shown on its field first. Every page must pass axe and raise no CSP violation."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible


def test_a_leader_sets_a_target_and_sees_the_rating(
    page, live_server, sign_in, csp_violations, council, make_user
):
    from trajectory.indicators.models import IndicatorRun, IndicatorValue

    run = IndicatorRun.objects.create(
        council=council, period_from=date(2024, 3, 31), period_to=date(2025, 3, 31)
    )
    for as_at, value in ((date(2024, 3, 31), 9.0), (date(2025, 3, 31), 11.2)):
        IndicatorValue.objects.create(
            run=run, indicator_id="cla_missing_pct", as_at=as_at, value=value
        )
    leader = make_user("leader", council, username="dcs")

    sign_in(leader)
    page.goto(f"{live_server.url}/councils/{council.code}/")
    page.get_by_role("link", name="Targets", exact=True).click()
    expect(page.get_by_role("heading", name="Targets", exact=True)).to_be_visible()
    row = page.locator('tr[data-indicator="cla_missing_pct"]')
    expect(row).to_contain_text("11.2%")
    expect(row).to_contain_text("No target")
    assert_accessible(page)

    row.get_by_role("link", name="Children who went missing").click()
    expect(page.get_by_role("heading", name="Children who went missing")).to_be_visible()
    assert_accessible(page)

    # A mistake first: no reason.
    page.get_by_label("Target", exact=True).fill("10")
    page.get_by_label("Tolerance").fill("2")
    page.get_by_role("button", name="Save target").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason for this target")
    assert_accessible(page)

    page.get_by_label("Reason").fill("The regional average; agreed at the board in May.")
    page.get_by_role("button", name="Save target").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Target for children who went missing saved."
    )
    # 11.2% against 10% or lower with 2 points' tolerance: near target, in words and colour.
    rating = page.locator("#target-rating")
    expect(rating).to_contain_text("Near target")
    expect(rating).to_contain_text("11.2% against a target of 10.0% or lower")
    expect(rating.locator(".govuk-tag--orange")).to_have_text("Near target")
    expect(page.locator("#target-history")).to_contain_text(
        "The regional average; agreed at the board in May."
    )
    assert_accessible(page)

    page.get_by_role("link", name="Targets", exact=True).first.click()
    row = page.locator('tr[data-indicator="cla_missing_pct"]')
    expect(row).to_contain_text("10.0% or lower")
    expect(row).to_contain_text("Near target")
    assert_accessible(page)
    assert csp_violations == []
