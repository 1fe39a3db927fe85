"""The issue's full cycle in a real browser (issue 9, bar): the council's leader self-assesses
with evidence and submits; the Commissioner writes opinions, finalises, records the intervention's
events and a recommendation with a follow-up, then corrects it; a board member reads the
recommendation and finds the follow-up on the plan's watch list. Axe on every page, no CSP
violation."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible


@pytest.fixture(autouse=True)
def _today(settings):
    settings.TRAJECTORY_TODAY = "2026-10-06"


def _fill_date(page, prefix: str, when: date) -> None:
    page.locator(f"#id_{prefix}-day").fill(str(when.day))
    page.locator(f"#id_{prefix}-month").fill(str(when.month))
    page.locator(f"#id_{prefix}-year").fill(str(when.year))


def test_the_assessment_cycle_to_the_watch_list(
    page, live_server, sign_in, csp_violations, council, make_user
):
    from trajectory.assessment import services
    from trajectory.indicators.models import IndicatorRun, IndicatorValue
    from trajectory.inspections.models import Finding, Framework, Inspection
    from trajectory.plans.services import plan_create_from_inspection

    run = IndicatorRun.objects.create(
        council=council, period_from=date(2024, 3, 31), period_to=date(2025, 3, 31)
    )
    IndicatorValue.objects.create(
        run=run, indicator_id="cla_count", as_at=date(2025, 3, 31), value=412
    )
    leader = make_user("leader", council, username="dcs")
    leader.first_name, leader.last_name = "Dana", "Leader"
    leader.save()
    commissioner = make_user("commissioner", council, username="commissioner")
    reader = make_user("board_member", council, username="board")
    inspection = Inspection.objects.create(
        council=council,
        kind=Inspection.Kind.STANDARD,
        framework=Framework.ILACS,
        fieldwork_end=date(2023, 10, 13),
        published_on=date(2023, 11, 3),
        source="manual",
    )
    Finding.objects.create(
        inspection=inspection,
        kind=Finding.Kind.AREA_FOR_IMPROVEMENT,
        text="The quality of social work practice.",
        order=1,
    )
    plan = plan_create_from_inspection(council=council, user=leader, inspection=inspection)
    framework = services.framework_default_load()
    review = services.review_start(
        council=council, user=leader, framework=framework, kind="final", as_at=date(2026, 9, 14)
    )
    for entry in review.domains.exclude(domain__number=4):
        services.self_assessment_update(entry=entry, user=leader, self_rating="Well progressed")
    assessment = f"{live_server.url}/councils/{council.code}/assessment"
    intervention = f"{live_server.url}/councils/{council.code}/intervention"

    # The council: the performance domain's self-assessment with evidence, then submitted.
    sign_in(leader)
    page.goto(f"{assessment}/reviews/{review.pk}/")
    page.get_by_role("link", name="Change self-assessment for Performance").click()
    page.get_by_label("Well progressed").check()
    page.get_by_label("The council's narrative").fill("Performance is scrutinised monthly.")
    page.get_by_role("button", name="Save self-assessment").click()
    page.get_by_role("link", name="Cite evidence for the self-assessment of Performance").click()
    page.get_by_label("Evidence to cite").select_option("indicator:cla_count")
    page.get_by_role("button", name="Cite evidence").click()
    expect(page.locator("#domain-4")).to_contain_text("412")
    page.get_by_role("button", name="Submit the self-assessment").click()
    expect(page.locator("#review-status")).to_contain_text("Council submitted")
    assert_accessible(page)
    # The council cannot record a recommendation: the page offers none.
    page.goto(f"{intervention}/")
    expect(page.locator("#awaiting-recommendation")).to_have_count(0)
    page.get_by_role("button", name="Sign out").click()

    # The Commissioner: opinions, finalised.
    for entry in review.domains.exclude(domain__number=4):
        services.opinion_update(entry=entry, user=commissioner, opinion_rating="Well progressed")
    sign_in(commissioner)
    page.goto(f"{assessment}/reviews/{review.pk}/")
    page.get_by_role("link", name="Change opinion for Performance").click()
    page.get_by_label("Progressing").check()
    page.get_by_label("Caveats").fill("Embedding rather than embedded.")
    page.get_by_role("button", name="Save commissioner's opinion").click()
    page.get_by_role("button", name="Record the opinion as given").click()
    page.get_by_role("button", name="Finalise the review").click()
    expect(page.locator("#review-status")).to_contain_text("Final")

    # The intervention's events: the trust proposed, then paused.
    page.goto(f"{intervention}/events/")
    assert_accessible(page)
    for kind, on, summary in (
        ("Children's trust proposed", date(2024, 7, 15), "The diagnostic report proposes it."),
        ("Trust proposal paused", date(2025, 9, 15), "The minister pauses it for a year."),
    ):
        page.get_by_role("link", name="Record an event").click()
        page.get_by_label(kind, exact=True).check()
        _fill_date(page, "occurred_on", on)
        page.get_by_label("What it says or requires").fill(summary)
        assert_accessible(page)
        page.get_by_role("button", name="Record event").click()
    expect(page.locator("#trust-status")).to_contain_text("Trust proposal paused")

    # The recommendation on the final review, from the Recommendation section.
    page.goto(f"{intervention}/")
    assert_accessible(page)
    page.get_by_role("link", name="Record the recommendation on the final review").click()
    page.get_by_label("Withdraw the trust proposal").check()
    _fill_date(page, "made_on", date(2026, 10, 5))
    page.get_by_label("Rationale").fill("The evidence across the domains supports it.")
    page.get_by_label("Conditions (optional)").fill("Support continues to the next inspection.")
    assert_accessible(page)
    page.get_by_role("button", name="Record recommendation").click()
    expect(page.locator("#recommendation-option")).to_have_text("Withdraw the trust proposal")
    expect(page.locator("#recommendation-trust")).to_contain_text("trust proposal paused")

    page.get_by_role("link", name="Add a follow-up action").click()
    page.get_by_label("Follow-up action").fill(
        "Work with representatives of the schools' community on communication."
    )
    page.get_by_label("Owner", exact=True).select_option(label="Dana Leader")
    _fill_date(page, "due_on", date(2026, 12, 7))
    assert_accessible(page)
    page.get_by_role("button", name="Add follow-up").click()
    row = page.locator("#followups tbody tr").first
    expect(row).to_contain_text("Dana Leader")
    expect(row).to_contain_text("7 December 2026")
    expect(row).to_contain_text("On track")

    page.get_by_role("link", name="Correct the recommendation").click()
    page.get_by_label("Rationale").fill("The evidence across all eight domains supports it.")
    page.get_by_label("Why it is corrected").fill("To say all eight domains.")
    assert_accessible(page)
    page.get_by_role("button", name="Record corrected version").click()
    expect(page.locator("#recommendation")).to_contain_text("all eight domains")
    expect(page.locator("[data-version='1']")).to_contain_text("Superseded")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    # A board member reads the recommendation and finds the follow-up on the watch list.
    sign_in(reader)
    page.goto(f"{live_server.url}/councils/{council.code}/")
    page.get_by_role("link", name="Assessment").first.click()
    page.get_by_role("link", name="Recommendation").first.click()
    expect(page.locator("#recommendation-option")).to_have_text("Withdraw the trust proposal")
    expect(page.get_by_role("link", name="Add a follow-up action")).to_have_count(0)
    expect(page.get_by_role("link", name="Correct the recommendation")).to_have_count(0)
    assert_accessible(page)
    page.goto(f"{live_server.url}/councils/{council.code}/plan/{plan.pk}/watch/")
    followups = page.locator("table", has_text="The Commissioner's follow-up actions")
    expect(followups).to_contain_text("schools' community")
    expect(followups).to_contain_text("On track")
    assert_accessible(page)
    assert csp_violations == []
