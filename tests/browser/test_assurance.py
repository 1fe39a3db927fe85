"""Case audits in a real browser: a manager draws a month's programme, allocates a child's audit
to themselves, finds it among the audits allocated to them and audits it; a
leader (not the auditor) moderates it from the queue; the results show the month; the leader
cites the month's results in the soft-intelligence domain of a review. Every page passes axe
with no CSP violation; a board member reads the results but no child."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from tests.assurance.conftest import held, people, programme  # noqa: F401, F811
from tests.browser.accessibility import assert_accessible


def _grade(page, audit, *, ofsted: str, yes_no: str, overall: str, first: str | None = None):
    for n, question in enumerate(audit.programme.template.questions()):
        value = ofsted if question.scale == "ofsted" else yes_no
        if n == 0 and first:
            value = first
        page.locator(f'input[name="q{question.pk}_grade"][value="{value}"]').check()
    page.locator(f'input[name="overall_grade"][value="{overall}"]').check()


def test_programme_audit_moderation_results_and_a_citation(
    page,
    live_server,
    sign_in,
    csp_violations,
    settings,
    council,
    people,  # noqa: F811
    held,  # noqa: F811
):
    from trajectory.assessment import services as assessment
    from trajectory.assurance.models import Audit

    settings.TRAJECTORY_TODAY = "2025-03-20"
    manager, leader = people["manager"], people["leader"]
    base = f"{live_server.url}/councils/{council.code}/assurance"

    sign_in(manager)
    page.goto(f"{base}/")
    expect(page.get_by_role("heading", name="Case audit programme", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Month").select_option(label="March 2025")
    page.get_by_label("Seed (optional)").fill("7")
    page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_role("heading", name="Audit programme for March 2025")).to_be_visible()
    expect(page.get_by_role("table", name="Children sampled")).to_contain_text("SW1")
    assert_accessible(page)

    page.get_by_role("link", name="Allocate the audits").click()
    assert_accessible(page)
    page.get_by_label("Child C8 (North)").select_option(label="manager-990")
    page.get_by_role("button", name="Save the allocation").click()
    expect(page.get_by_text("1 audit allocated.")).to_be_visible()
    expect(page.get_by_role("table", name="Allocation and completion by auditor")).to_contain_text(
        "manager-990"
    )
    page.goto(f"{base}/")
    page.get_by_role("link", name="Allocated to me").click()
    expect(page.get_by_role("table", name="Allocated to me")).to_contain_text("31 March 2025")
    assert_accessible(page)
    page.get_by_role("link", name="Child C8").click()
    expect(page.locator("#audit-summary")).to_contain_text("North")
    audit = Audit.objects.get(child_id="C8")
    page.get_by_role("button", name="Submit for moderation").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    _grade(page, audit, ofsted="good", yes_no="yes", overall="good")
    page.get_by_label("Summary for the child's record").fill("Seen alone; plan is clear.")
    page.get_by_role("button", name="Submit for moderation").click()
    expect(page.get_by_text("Audit submitted for moderation.")).to_be_visible()
    expect(page.get_by_role("link", name="Moderate this audit")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(leader)
    page.goto(f"{base}/moderation/")
    expect(page.get_by_role("table", name="Waiting for moderation")).to_contain_text("C8")
    assert_accessible(page)
    page.get_by_role("link", name="Child C8").click()
    page.get_by_role("link", name="Moderate this audit").click()
    assert_accessible(page)
    first = audit.programme.template.questions().first()
    _grade(
        page,
        audit,
        ofsted="good",
        yes_no="yes",
        overall="good",
        first="partly" if first.scale == "yes_no" else "requires_improvement",
    )
    page.locator('input[name="final_grade"][value="good"]').check()
    page.get_by_role("button", name="Record the moderation").click()
    expect(page.get_by_text("Moderation recorded.")).to_be_visible()
    expect(page.locator("#final-grade")).to_contain_text("Good")
    expect(page.get_by_role("table", name="Grades and moderation")).to_contain_text("No")
    assert_accessible(page)

    page.goto(f"{base}/results/")
    expect(page.locator("#by-month")).to_contain_text("March 2025")
    expect(page.locator("#audits_good_or_better_pct")).to_contain_text("100.0%")
    expect(page.locator("#audit_moderation_agreement_pct")).to_contain_text("100.0%")
    expect(page.locator("#grades-chart svg, #grades-chart canvas").first).to_be_visible()
    assert_accessible(page)
    page.locator("#by-month").get_by_role("link", name="March 2025", exact=True).click()
    expect(page.get_by_role("table", name="Audits")).to_contain_text("C8")
    assert_accessible(page)
    page.go_back()
    page.locator('#by-month a[href$="grade=good"]').click()
    expect(page.get_by_role("table", name="Audits")).to_contain_text("C8")
    page.go_back()
    page.locator("#by-team").get_by_role("link", name="North").click()
    expect(page.get_by_text("for North")).to_be_visible()
    expect(page.get_by_role("table", name="Audits")).to_contain_text("C8")

    framework = assessment.framework_default_load()
    review = assessment.review_start(
        council=council, user=leader, framework=framework, kind="mid_year", as_at=date(2025, 3, 31)
    )
    domain = review.domains.get(domain__name="Soft intelligence")
    page.goto(f"{live_server.url}/councils/{council.code}/assessment/reviews/{review.pk}/")
    page.get_by_role(
        "link", name="Cite evidence for the self-assessment of Soft intelligence"
    ).click()
    page.get_by_label("Evidence to cite").select_option("audit_month:2025-03")
    page.get_by_role("button", name="Cite evidence").click()
    expect(page.locator(f"#domain-{domain.domain.number}")).to_contain_text("100.0% good or better")
    assert_accessible(page)
    assert csp_violations == []
    page.get_by_role("button", name="Sign out").click()

    sign_in(people["board_member"])
    page.goto(f"{base}/results/")
    expect(page.locator("#by-month")).to_contain_text("March 2025")
    expect(page.locator("#by-month").get_by_role("link")).to_have_count(0)
    assert_accessible(page)


def test_a_leader_adds_and_removes_questions_in_a_new_version(
    page,
    live_server,
    sign_in,
    csp_violations,
    council,
    people,  # noqa: F811
    programme,  # noqa: F811
):
    """The default template is used by the March audits: adding a question makes version 1 of
    the council's own, where removing a question and moving a theme are then made in place."""
    template = programme.template
    base = f"{live_server.url}/councils/{council.code}/assurance"
    sign_in(people["leader"])
    page.goto(f"{base}/templates/{template.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Add a question to 3. Planning").click()
    page.get_by_label("Question").fill("Is there a contingency plan?")
    page.get_by_label("Yes, partly, no").check()
    assert_accessible(page)
    page.get_by_role("button", name="Add the question").click()
    expect(page.get_by_text("Saved in a new version")).to_be_visible()
    expect(page.locator("#theme-3")).to_contain_text("3.3 Is there a contingency plan?")
    page.get_by_role("link", name="Remove question 1.1").click()
    assert_accessible(page)
    page.get_by_role("button", name="Remove").click()
    expect(page.locator("#theme-1")).not_to_contain_text("management decision")
    page.get_by_role("button", name="Move theme Assessment up").click()
    expect(page.locator("#theme-1 caption")).to_have_text("1. Assessment")
    assert_accessible(page)
    page.goto(f"{base}/templates/{template.pk}/")
    expect(page.locator("#older-version")).to_be_visible()
    expect(page.locator("#theme-1")).to_contain_text("management decision")
    assert csp_violations == []
