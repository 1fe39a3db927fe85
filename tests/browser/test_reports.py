"""The board pack in a real browser (issue 12's bar): a leader generates the Improvement Board
pack for the demo's board, reads it on its page and downloads it as HTML, PDF and Word; each
file is what it says it is, the Word document reads back with its headings and tables, and the
page and the HTML file pass axe with no CSP violation. A board member sees only papers made to
leave the council."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date

import docx
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.browser.test_governance import _westshire

MONTHS = [
    date(2026, 4, 30),
    date(2026, 5, 31),
    date(2026, 6, 30),
    date(2026, 7, 31),
    date(2026, 8, 31),
]


def _run(council):
    from trajectory.indicators.models import IndicatorRun, IndicatorValue

    run = IndicatorRun.objects.create(council=council, period_from=MONTHS[0], period_to=MONTHS[-1])
    IndicatorValue.objects.bulk_create(
        IndicatorValue(run=run, indicator_id="cla_count", as_at=day, value=900 + 5 * index)
        for index, day in enumerate(MONTHS)
    )
    return run


def test_a_leader_generates_the_board_pack_and_downloads_every_format(
    page, live_server, sign_in, csp_violations, settings, council, make_user, tmp_path
):
    settings.TRAJECTORY_TODAY = "2026-09-01"
    _plan, leader = _westshire(council, make_user)
    _run(council)
    base = f"{live_server.url}/councils/{council.code}"

    sign_in(leader)
    page.goto(f"{base}/reports/")
    expect(page.get_by_role("heading", name="Reports", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Generate the improvement board pack").click()
    expect(page.get_by_role("heading", name="Generate the improvement board pack")).to_be_visible()
    assert_accessible(page)
    # The date offered is the last month-end before today (1 September 2026): 31 August.
    expect(page.get_by_label("Day")).to_have_value("31")
    page.get_by_label("Watermark").fill("OFFICIAL – for the board")
    page.get_by_role("button", name="Generate the paper").click()

    expect(page.get_by_role("heading", name="Improvement Board pack", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Agenda", level=2)).to_be_visible()
    expect(page.get_by_role("heading", name="Figures cited", level=2)).to_be_visible()
    expect(page.locator(".paper-meta")).to_contain_text("Indicator run")
    assert_accessible(page)

    files = {}
    for label, suffix in (("HTML", "html"), ("PDF", "pdf"), ("Word", "docx")):
        with page.expect_download() as download:
            page.get_by_role("link", name=f"Download as {label}").click()
        path = tmp_path / f"pack.{suffix}"
        download.value.save_as(path)
        assert download.value.suggested_filename == f"990-board-pack-v1-2026-08-31.{suffix}"
        files[suffix] = path

    assert files["pdf"].read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(files["pdf"])], capture_output=True, text=True)
    assert int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1)) >= 1
    word = docx.Document(io.BytesIO(files["docx"].read_bytes()))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Agenda", "Minutes of the last meeting, for approval"]
    assert "Figures cited" in headings
    assert word.tables  # real tables, not text laid out with spaces
    assert "OFFICIAL – for the board" in word.sections[0].header.paragraphs[0].text

    # The HTML file on its own, as a board member would open it from an email.
    page.goto(files["html"].as_uri())
    expect(page.get_by_role("heading", name="Improvement Board pack", level=1)).to_be_visible()
    assert_accessible(page)
    assert csp_violations == []


def test_a_board_member_sees_only_papers_made_to_leave_the_council(
    page, live_server, sign_in, settings, council, make_user
):
    from trajectory.reports import services

    settings.TRAJECTORY_TODAY = "2026-09-01"
    _westshire(council, make_user)
    _run(council)
    services.report_generate(user=None, council=council, kind="board-pack", as_at=MONTHS[-1])
    reader = make_user("board_member", council, username="jane")
    sign_in(reader)
    page.goto(f"{live_server.url}/councils/{council.code}/reports/")
    expect(page.locator("#main-content")).to_contain_text(
        "No improvement board pack has been generated yet."
    )
    expect(page.get_by_role("link", name=re.compile("^Generate"))).to_have_count(0)
    assert_accessible(page)
