"""A manager cites a record Trajectory holds (an audit-result-like kind registered here) on a
plan action through the form; the action shows the record's current figure, and the board's
meeting page shows an agenda item discussing it. axe on every page, no CSP violation."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.plans.conftest import inspection, make_inspection, manager, plan  # noqa: F401
from trajectory.assessment import evidence

KIND = "test_audit_month"


@pytest.fixture
def audit_kind():
    kind = evidence.register(
        evidence.EvidenceKind(
            KIND,
            "Test audit results",
            lambda council: [("2025-04", "Test audit results, April 2025")],
            lambda council, ref, as_at: {
                "label": "Test audit results, April 2025",
                "value": "70.0% good or better",
                "detail": "7 of 10 audits good or better",
                "as_at": "2025-04-30",
                "source": {},
            },
        )
    )
    yield kind
    evidence.EVIDENCE_KINDS.pop(KIND, None)


def test_a_record_cited_on_an_action_and_an_agenda_item(
    page,
    live_server,
    sign_in,
    csp_violations,
    settings,
    council,
    plan,  # noqa: F811
    manager,  # noqa: F811
    make_user,
    audit_kind,
):
    from trajectory.governance import services as governance
    from trajectory.plans import services

    settings.TRAJECTORY_TODAY = "2025-05-15"
    action = services.action_create(
        priority=plan.priorities.first(),
        user=manager,
        title="Audit supervision",
        due_on=date(2025, 9, 30),
    )
    sign_in(manager)
    page.goto(f"{live_server.url}/councils/{council.code}/plan/actions/{action.pk}/")
    page.get_by_role("link", name="Add evidence").click()
    page.get_by_label("A record in Trajectory").check()
    page.get_by_label("Which record").select_option(f"{KIND}:2025-04")
    assert_accessible(page)
    page.get_by_role("button", name="Add evidence").click()
    cited = page.locator('[data-evidence-kind="record"]')
    expect(cited).to_contain_text("Test audit results: Test audit results, April 2025")
    expect(cited).to_contain_text("70.0% good or better at 30 April 2025")
    assert_accessible(page)

    leader = make_user("leader", council)
    body = governance.body_create(
        council=council, user=leader, name="Improvement Board", kind="improvement_board"
    )
    meeting = governance.meeting_create(
        body=body, user=leader, held_on=date(2025, 5, 13), kind="internal"
    )
    governance.item_add(
        meeting=meeting, user=leader, title="Case audits", subject=f"{KIND}:2025-04"
    )
    page.goto(f"{live_server.url}/councils/{council.code}/governance/meetings/{meeting.pk}/")
    expect(
        page.get_by_text("Discusses test audit results: Test audit results, April 2025")
    ).to_be_visible()
    assert_accessible(page)
    assert csp_violations == []
