"""A manager's journey through the improvement plan in a real browser: create a plan from an
inadequate inspection, add an action citing an indicator, post an update, then move the plan's
clock past the due date and see the action overdue. Every page must pass axe and raise no CSP
violation.

Time travel: the plan reads "today" only through `trajectory.plans.clock.today()`, which honours
the TRAJECTORY_TODAY setting. The live server runs in this process, so changing the setting
here changes the date the pages use.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible


@pytest.fixture
def inadequate_inspection(council):
    """An inadequate ILACS inspection naming three areas for improvement (made up)."""
    from trajectory.inspections.models import Finding, Framework, Grade, Inspection, Judgement

    inspection = Inspection.objects.create(
        council=council,
        kind=Inspection.Kind.STANDARD,
        framework=Framework.ILACS,
        fieldwork_start=date(2025, 1, 13),
        fieldwork_end=date(2025, 1, 24),
        published_on=date(2025, 3, 7),
        source="manual",
    )
    Judgement.objects.create(
        inspection=inspection, area=Judgement.Area.OVERALL, grade=Grade.INADEQUATE
    )
    for order, text in enumerate(
        [
            "The quality and consistency of social work practice.",
            "Management oversight and supervision of social workers.",
            "Timely permanence for children in care.",
        ],
        start=1,
    ):
        Finding.objects.create(
            inspection=inspection, kind=Finding.Kind.AREA_FOR_IMPROVEMENT, text=text, order=order
        )
    return inspection


@pytest.fixture
def missing_figures(council):
    """A year of monthly figures for the missing-children indicator, rising (worsening)."""
    from trajectory.indicators.models import IndicatorRun, IndicatorValue

    month_ends = [date(2024, 3, 31), date(2024, 12, 31), date(2025, 3, 31)]
    run = IndicatorRun.objects.create(
        council=council, period_from=month_ends[0], period_to=month_ends[-1]
    )
    for as_at, value in zip(month_ends, (9.0, 10.5, 11.2), strict=True):
        IndicatorValue.objects.create(
            run=run, indicator_id="cla_missing_pct", as_at=as_at, value=value
        )
    return run


def fill_date(page, legend: str, day: int, month: int, year: int) -> None:
    """Type a date into GOV.UK's day, month and year boxes under the legend (issue 7.14)."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def test_manager_builds_the_plan_and_sees_an_action_go_overdue(
    page,
    live_server,
    sign_in,
    csp_violations,
    settings,
    council,
    make_user,
    inadequate_inspection,
    missing_figures,
):
    from trajectory.indicators import registry

    settings.TRAJECTORY_TODAY = "2025-04-01"
    manager = make_user("manager", council, username="maya")
    indicator = registry.get("cla_missing_pct")

    sign_in(manager)
    page.goto(f"{live_server.url}/councils/{council.code}/plan/")
    expect(page.get_by_role("heading", name="Improvement plan", exact=True)).to_be_visible()
    assert_accessible(page)

    # Create the plan from the inspection: one priority per area for improvement.
    page.get_by_label("Inspection or visit").select_option(str(inadequate_inspection.pk))
    page.get_by_label("Plan title (optional)").fill("Children First improvement plan")
    page.get_by_role("button", name="Create plan").click()
    expect(page.get_by_role("heading", name="Children First improvement plan")).to_be_visible()
    expect(page.get_by_text("Plan created with 3 priorities.")).to_be_visible()
    expect(page.get_by_text("Timely permanence for children in care.")).to_be_visible()
    # 70 working days from 7 March 2025 (Good Friday and Easter Monday are bank holidays).
    expect(page.get_by_text("Plan due 19 June 2025.")).to_be_visible()
    assert_accessible(page)

    # Priority 1: add an action due at the end of May.
    page.get_by_role("link", name="1. The quality and consistency").click()
    expect(page.get_by_role("heading", name="Priority 1:")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add an action").click()
    assert_accessible(page)
    page.get_by_label("Action", exact=True).fill("Launch practice standards with every team")
    page.get_by_label("Owner's name or job title").fill("Principal Social Worker")
    fill_date(page, "Start date", 1, 4, 2025)
    fill_date(page, "Due date", 30, 5, 2025)
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_role("heading", name="Action 1.1:")).to_be_visible()
    expect(page.locator("#action-rag")).to_have_text("On track")
    assert_accessible(page)

    # Cite the missing-children indicator as evidence; its live value and trend show inline.
    page.get_by_role("link", name="Add evidence").click()
    page.get_by_label("Indicator", exact=True).check()
    page.get_by_label("Which indicator").select_option(indicator.id)
    page.get_by_label("Note").fill("Return interviews should bring missing episodes down.")
    assert_accessible(page)
    page.get_by_role("button", name="Add evidence").click()
    evidence = page.locator('[data-evidence-kind="indicator"]')
    expect(evidence).to_contain_text(indicator.title)
    expect(evidence).to_contain_text("11.2%")
    expect(evidence).to_contain_text("worsening")
    assert_accessible(page)

    # Post April's update.
    page.get_by_role("link", name="Post an update").click()
    page.get_by_label("What has happened this month").fill(
        "Standards launched with four of nine teams; the rest are booked for May."
    )
    page.get_by_label("On track", exact=True).check()
    page.get_by_label("Status").select_option("in_progress")
    assert_accessible(page)
    page.get_by_role("button", name="Post update").click()
    expect(page.locator(".govuk-inset-text").first).to_contain_text(
        "Standards launched with four of nine teams"
    )
    expect(page.locator("#action-rag")).to_have_text("On track")
    action_url = page.url

    # Time travel to after the due date: the action is overdue everywhere it appears.
    settings.TRAJECTORY_TODAY = "2025-06-02"
    page.goto(action_url)
    expect(page.locator("#action-rag")).to_have_text("Overdue")
    assert_accessible(page)
    page.get_by_role("link", name="Plan", exact=True).first.click()
    page.get_by_role("link", name="Watch list").click()
    overdue = page.get_by_role("table", name="Overdue actions")
    expect(overdue).to_contain_text("1.1 Launch practice standards")
    expect(overdue.locator('[data-rag="overdue"]')).to_have_text("Overdue")
    assert_accessible(page)

    page.get_by_role("link", name="Plan on a page").click()
    expect(page.get_by_role("table", name="Actions by RAG")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change history").click()
    expect(page.get_by_role("table", name="Changes, newest first")).to_contain_text(
        "Principal Social Worker"
    )
    assert_accessible(page)
    fill_date(page, "From", 1, 3, 2025)
    page.get_by_role("button", name="Show changes").click()
    expect(page.get_by_role("table", name="Changes, newest first")).to_contain_text(
        "Standards launched"
    )
    assert_accessible(page)
    page.get_by_role("link", name="My actions").click()
    assert_accessible(page)

    # The remaining forms a manager uses are accessible too.
    page.goto(action_url)
    page.get_by_role("link", name="Add a milestone").click()
    page.get_by_label("Milestone").fill("All nine teams trained")
    fill_date(page, "Due date", 16, 5, 2025)
    assert_accessible(page)
    page.get_by_role("button", name="Add milestone").click()
    expect(page.get_by_role("table", name="Milestones")).to_contain_text("Missed")
    page.get_by_role("link", name="Priority 1", exact=True).click()
    page.get_by_role("link", name="Change priority").click()
    page.get_by_label("Outcomes sought").fill("Every child has a plan that is acted on.")
    assert_accessible(page)
    page.get_by_role("button", name="Save priority").click()
    expect(page.locator(".govuk-summary-list")).to_contain_text(
        "Every child has a plan that is acted on."
    )
    assert_accessible(page)
    assert csp_violations == []
