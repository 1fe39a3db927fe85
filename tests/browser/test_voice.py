"""The voice pages in a real browser: an analyst reads the demo's surveys with their charts,
a question's trend, uploads a bad file and reads the error report, tags a child's answer,
reads the themes, records an event and the small-number rule, each page passing axe with no
CSP violation; a board member reads the same survey with small numbers as c and no
children's words."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible


def test_voice_for_an_analyst_and_a_board_member(
    page, live_server, sign_in, csp_violations, settings, council, make_user, monkeypatch, tmp_path
):
    from trajectory.synth.demo_voice import voice_demo

    settings.TRAJECTORY_TODAY = "2026-12-04"
    monkeypatch.setattr("trajectory.plans.clock.today", lambda: date(2026, 12, 4))
    analyst = make_user("analyst", council, username="anna")
    reader = make_user("board_member", council, username="jane")
    voice_demo(council, {"analyst": analyst})
    base = f"{live_server.url}/councils/{council.code}/voice/"

    sign_in(analyst)
    page.goto(base)
    expect(
        page.get_by_role("heading", name="Voice of children, staff and partners", level=1)
    ).to_be_visible()
    expect(page.locator("#children-surveys")).to_contain_text("81%")
    expect(page.locator("#engagement-summary")).to_contain_text("455")
    assert_accessible(page)

    page.get_by_role("link", name="Bright Spots: Your Life, Your Care", exact=True).click()
    chart = page.locator("#survey-chart")
    expect(chart).to_have_attribute("data-chart-rendered", "true", timeout=15_000)
    expect(page.locator('#survey-trends tr[data-question="life_better"]')).to_contain_text("67%")
    expect(page.locator("#survey-uploads")).to_contain_text("bright-spots-november-2025.csv")
    assert_accessible(page)

    page.locator("#survey-trends").get_by_role(
        "link", name="My life is getting better", exact=True
    ).click()
    expect(page.locator("#question-chart")).to_have_attribute(
        "data-chart-rendered", "true", timeout=15_000
    )
    expect(page.locator('#question-trend tr[data-wave="November 2025"]')).to_contain_text(
        "+7 points"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Bright Spots: Your Life, Your Care", exact=True).click()
    page.get_by_role("link", name="Upload results", exact=True).click()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "wave,wave_date,question_code,question,council_percent,comparator_percent,respondents\n"
        "May 2026,2026-05-29,life_better,My life is getting better,120,74,230\n"
    )
    page.get_by_label("Results file").set_input_files(str(bad))
    page.get_by_role("button", name="Upload the file").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Nothing was kept")
    expect(page.locator("#upload-problems")).to_contain_text("council_percent")
    assert_accessible(page)
    bad.write_text(
        "wave,wave_date,question_code,question,council_percent,comparator_percent,respondents\n"
        "May 2026,2026-05-29,life_better,My life is getting better,83,74,230\n"
    )
    page.get_by_label("Results file").set_input_files(str(bad))
    page.get_by_role("button", name="Upload the file").click()
    expect(page.locator('#preview-waves tr[data-wave="May 2026"]')).to_contain_text("A new wave")
    assert_accessible(page)
    page.get_by_role("button", name="Keep these results").click()
    expect(page.get_by_text("bad.csv kept: 1 row for May 2026.")).to_be_visible()
    expect(page.locator('#survey-trends tr[data-question="life_better"]')).to_contain_text("83%")

    page.goto(base)
    page.get_by_role(
        "link", name="Westshire Voices: children in care and care leavers", exact=True
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name="What would make things better for you?", exact=True).click()
    expect(page.locator("#answers")).to_be_visible()
    assert_accessible(page)
    page.locator("#answers").get_by_role("link", name="Tag answer 1", exact=True).click()
    page.get_by_label("Where I live").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the themes").click()
    expect(page.get_by_text("Themes saved.")).to_be_visible()
    page.get_by_role("button", name="Add the theme to the answers ticked").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a theme")
    assert_accessible(page)
    page.get_by_label("Choose answer 2", exact=True).check()
    page.get_by_label("Choose answer 3", exact=True).check()
    page.get_by_label("Theme to add").select_option(label="Money and independence")
    page.get_by_role("button", name="Add the theme to the answers ticked").click()
    expect(page.get_by_text("Money and independence added to")).to_be_visible()
    expect(page.locator("#question-themes")).to_contain_text("Money and independence")

    page.goto(base + "themes/")
    expect(page.locator("#theme-counts")).to_contain_text("Being listened to")
    assert_accessible(page)
    page.get_by_role("link", name="Add a theme", exact=True).click()
    page.get_by_role("button", name="Add the theme").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name")
    assert_accessible(page)

    page.goto(base + "engagement/")
    expect(page.locator("#engagement-events")).to_contain_text("Commissioner's focus group")
    assert_accessible(page)
    for box, value in (("since-day", "1"), ("since-month", "4"), ("since-year", "2025")):
        page.locator(f"#id_{box}").fill(value)
    for box, value in (("until-day", "30"), ("until-month", "6"), ("until-year", "2025")):
        page.locator(f"#id_{box}").fill(value)
    page.get_by_role("button", name="Show this period").click()
    exercise = page.locator("#engagement-summary tr", has_text="Staff engagement event")
    expect(exercise).to_contain_text("15")
    expect(exercise).to_contain_text("455")
    assert_accessible(page)
    page.get_by_role("link", name="Show every event", exact=True).click()
    page.get_by_role("link", name="Record an event", exact=True).click()
    page.get_by_role("button", name="Record the event").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the title")
    assert_accessible(page)
    page.get_by_label("Focus group").check()
    page.get_by_label("Virtual").check()
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Title").fill("Focus group: family support workers")
    page.get_by_label("Attendance (optional)").fill("9")
    page.get_by_role("button", name="Record the event").click()
    expect(
        page.get_by_text("Focus group: family support workers on 3 November 2026")
    ).to_be_visible()
    page.get_by_role("link", name="Focus group: family support workers", exact=True).click()
    expect(page.get_by_role("table", name="History of this event")).to_contain_text("Attendance")
    assert_accessible(page)

    page.goto(base + "small-numbers/")
    expect(page.get_by_role("heading", name="The small-number rule", level=1)).to_be_visible()
    assert_accessible(page)

    page.goto(base + "surveys/add/")
    assert_accessible(page)
    assert csp_violations == []

    page.context.clear_cookies()
    sign_in(reader)
    page.goto(base)
    expect(page.locator("#suppression-note")).to_be_visible()
    expect(page.get_by_role("link", name="Add a survey", exact=True)).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Bright Spots: Your Life, Your Care", exact=True).click()
    row = page.locator('#survey-trends tr[data-question="know_why_in_care"]')
    expect(row).to_contain_text("c")
    expect(row).not_to_contain_text("91.7%")
    assert_accessible(page)
    page.goto(base)
    page.get_by_role(
        "link", name="Westshire Voices: children in care and care leavers", exact=True
    ).click()
    page.get_by_role("link", name="What would make things better for you?", exact=True).click()
    expect(page.locator("#free-text-refusal")).to_be_visible()
    expect(page.locator("#answers")).to_have_count(0)
    assert_accessible(page)
    assert csp_violations == []
