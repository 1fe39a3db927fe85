"""The board pages in a real browser, on the demo's boards (synth/demo_governance.py): the
bodies, the Improvement Board's page with its alternating pattern, a meeting, recording a
meeting whose kind starts at the opposite of the last, the action log's overdue filter and
the plan's approval journey. Every page must pass axe and raise no CSP violation; a board
member reads the same pages without the forms."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible


def _westshire(council, make_user):
    from trajectory.inspections.models import Finding, Framework, Grade, Inspection, Judgement
    from trajectory.plans.services import plan_create_from_inspection
    from trajectory.synth import journey
    from trajectory.synth.demo_governance import governance_demo

    inspection = Inspection.objects.create(
        council=council,
        kind=Inspection.Kind.STANDARD,
        framework=Framework.ILACS,
        fieldwork_start=date(2023, 9, 11),
        fieldwork_end=date(2023, 9, 22),
        published_on=journey.JUDGEMENT_PUBLISHED,
        source="manual",
    )
    Judgement.objects.create(
        inspection=inspection, area=Judgement.Area.OVERALL, grade=Grade.INADEQUATE
    )
    for order, text in enumerate(
        ["Social worker caseloads are too high.", "Management oversight is not effective."], 1
    ):
        Finding.objects.create(
            inspection=inspection, kind=Finding.Kind.AREA_FOR_IMPROVEMENT, text=text, order=order
        )
    leader = make_user("leader", council, username="lydia")
    commissioner = make_user("commissioner", council, username="martin")
    plan = plan_create_from_inspection(council=council, user=leader, inspection=inspection)
    governance_demo(council, {"leader": leader, "commissioner": commissioner})
    return plan, leader


def test_board_pages_for_the_writer_and_the_reader(
    page, live_server, sign_in, csp_violations, settings, council, make_user
):
    settings.TRAJECTORY_TODAY = "2026-12-01"
    plan, leader = _westshire(council, make_user)
    reader = make_user("board_member", council, username="jane")
    base = f"{live_server.url}/councils/{council.code}"

    sign_in(leader)
    page.goto(f"{base}/governance/")
    expect(page.get_by_role("heading", name="Boards and meetings", level=1)).to_be_visible()
    expect(page.locator("#bodies")).to_contain_text("Independent")
    assert_accessible(page)

    page.get_by_role("link", name="Westshire Children's Improvement Board", exact=True).click()
    expect(page.locator("#pattern")).to_contain_text("alternate")
    expect(page.locator("#members")).to_contain_text("Secondary school representative")
    assert_accessible(page)

    # The last meeting (1 September 2026) was internal: the new one starts external.
    page.get_by_role("link", name="Add a meeting").click()
    expect(page.get_by_label("External (with partners)")).to_be_checked()
    expect(page.get_by_label("Internal (council only)")).not_to_be_checked()
    assert_accessible(page)
    group = page.get_by_role("group", name="Date of the meeting")
    group.get_by_label("Day").fill("6")
    group.get_by_label("Month").fill("10")
    group.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Meeting added.")).to_be_visible()
    expect(page.get_by_role("heading", name="Meeting on 6 October 2026")).to_be_visible()
    assert_accessible(page)

    # The meeting before it: attendance, agenda linked to an indicator, minutes awaiting approval.
    page.get_by_role("link", name="Previous meeting, 1 September 2026").click()
    expect(page.locator("#attendance-table")).to_contain_text("Present")
    expect(page.locator("#agenda-items")).to_contain_text("Discusses indicator")
    expect(page.locator("#minutes-summary")).to_contain_text("Draft")
    assert_accessible(page)
    page.get_by_role("link", name="Record their approval").click()
    # The next meeting, the one just added, is offered first.
    expect(
        page.get_by_label("Approved at the meeting on").locator("option:checked")
    ).to_contain_text("6 October 2026")
    assert_accessible(page)
    page.get_by_role("button", name="Approve minutes").click()
    expect(page.locator("#minutes-summary")).to_contain_text("Approved")
    expect(page.locator("#minutes-summary")).to_contain_text("6 October 2026")

    page.goto(f"{base}/governance/actions/")
    expect(page.get_by_role("heading", name="Action log")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Overdue (2)").click()
    expect(page.locator("#action-log tbody tr")).to_have_count(2)
    expect(page.locator('#action-log tr[data-rag="overdue"]')).to_have_count(2)
    assert_accessible(page)

    page.goto(f"{base}/plan/{plan.pk}/")
    journey = page.locator("#approval-journey")
    expect(journey).to_contain_text("Approved by the Improvement Board")
    expect(journey.locator('[data-step="submitted"]')).to_contain_text("On time")
    expect(journey.locator('[data-step="submitted"]')).to_contain_text("due by 14 February 2024")
    assert_accessible(page)
    journey.get_by_role("link", name="Change Ofsted's advice").click()
    expect(page.get_by_label("Reflects the inspection's findings")).to_be_checked()
    assert_accessible(page)

    # Every other form passes axe too.
    from trajectory.governance.models import AgendaItem, Body, Meeting

    board = Body.objects.get(council=council, kind="improvement_board")
    meeting = Meeting.objects.filter(body=board).order_by("held_on").first()
    item = AgendaItem.objects.filter(meeting=meeting).first()
    for path in (
        "governance/bodies/add/",
        f"governance/bodies/{board.pk}/edit/",
        f"governance/bodies/{board.pk}/members/add/",
        f"governance/meetings/{meeting.pk}/attendance/",
        f"governance/meetings/{meeting.pk}/items/add/",
        f"governance/items/{item.pk}/edit/",
        f"governance/items/{item.pk}/papers/add/",
        f"governance/meetings/{meeting.pk}/decisions/add/",
        f"governance/meetings/{meeting.pk}/actions/add/",
        f"governance/plans/{plan.pk}/approval/add/",
    ):
        page.goto(f"{base}/{path}")
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)

    # A board member reads the same pages, without the forms.
    page.context.clear_cookies()
    sign_in(reader)
    page.goto(f"{base}/governance/")
    page.get_by_role("link", name="Westshire Children's Improvement Board", exact=True).click()
    expect(page.get_by_role("link", name="Add a meeting")).to_have_count(0)
    page.get_by_role("link", name="16 January 2024").click()
    expect(page.get_by_role("link", name="Add an agenda item")).to_have_count(0)
    expect(page.locator("#minutes-summary")).to_contain_text("Approved")
    assert_accessible(page)
    page.goto(f"{base}/plan/{plan.pk}/")
    expect(page.locator("#approval-journey")).to_be_visible()
    expect(page.get_by_role("link", name="Record a step")).to_have_count(0)
    assert csp_violations == []
