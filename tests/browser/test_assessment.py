"""A council leader self-assesses a domain with evidence and submits; the Commissioner writes
an opinion and finalises; a board member reads the workspace, the domain history and the
frameworks. Every page must pass axe and raise no CSP violation."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible


def test_a_review_cycle_in_the_browser(
    page, live_server, sign_in, csp_violations, council, make_user
):
    from trajectory.assessment import services
    from trajectory.indicators.models import IndicatorRun, IndicatorValue

    run = IndicatorRun.objects.create(
        council=council, period_from=date(2024, 3, 31), period_to=date(2025, 3, 31)
    )
    IndicatorValue.objects.create(
        run=run, indicator_id="cla_count", as_at=date(2025, 3, 31), value=412
    )
    leader = make_user("leader", council, username="dcs")
    commissioner = make_user("commissioner", council, username="commissioner")
    reader = make_user("board_member", council, username="board")
    framework = services.framework_default_load()
    review = services.review_start(
        council=council, user=leader, framework=framework, kind="mid_year", as_at=date(2025, 4, 20)
    )
    for entry in review.domains.exclude(domain__number=4):
        services.self_assessment_update(entry=entry, user=leader, self_rating="Progressing")
    base = f"{live_server.url}/councils/{council.code}/assessment"

    sign_in(leader)
    page.goto(f"{base}/reviews/{review.pk}/")
    expect(page.locator("#review-framework")).to_contain_text(
        "Progress under intervention, version 1"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Change self-assessment for Performance").click()
    page.get_by_label("Well progressed").check()
    page.get_by_label("The council's narrative").fill("Monthly scrutiny at every level.")
    assert_accessible(page)
    page.get_by_role("button", name="Save self-assessment").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Self-assessment for Performance saved."
    )
    page.get_by_role("link", name="Cite evidence for the self-assessment of Performance").click()
    page.get_by_label("Evidence to cite").select_option("indicator:cla_count")
    assert_accessible(page)
    page.get_by_role("button", name="Cite evidence").click()
    expect(page.locator("#domain-4")).to_contain_text("412")
    page.get_by_role("button", name="Submit the self-assessment").click()
    expect(page.locator("#review-status")).to_contain_text("Council submitted")
    page.get_by_role("button", name="Sign out").click()

    for entry in review.domains.exclude(domain__number=4):
        services.opinion_update(entry=entry, user=commissioner, opinion_rating="Progressing")
    sign_in(commissioner)
    page.goto(f"{base}/reviews/{review.pk}/")
    page.get_by_role("link", name="Change opinion for Performance").click()
    page.get_by_label("Progressing").check()
    page.get_by_label("Caveats").fill("The QA framework is embedding rather than embedded.")
    page.get_by_role("button", name="Save commissioner's opinion").click()
    expect(page.locator("#agreement-summary")).to_contain_text("1 step more cautious")
    page.get_by_role("button", name="Record the opinion as given").click()
    page.get_by_role("button", name="Finalise the review").click()
    expect(page.locator("#review-status")).to_contain_text("Final")
    expect(page.locator("#domain-4")).to_contain_text("as at the review")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(reader)
    page.goto(f"{base}/reviews/{review.pk}/")
    expect(page.locator("#domain-4")).to_contain_text("More cautious")
    expect(page.get_by_role("link", name="Change opinion for Performance")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Performance across reviews").click()
    expect(page.locator("#domain-history")).to_contain_text("Well progressed")
    assert_accessible(page)
    page.goto(f"{base}/frameworks/")
    expect(page.get_by_role("heading", name="Assessment frameworks")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/frameworks/{framework.pk}/")
    assert_accessible(page)
    page.goto(f"{base}/reviews/{review.pk}/history/")
    assert_accessible(page)
    assert csp_violations == []
