"""The quarterly self-assessment in a real browser (issue 12's bar): a leader generates it for 30
September 2026 from the records of the builder's tests, reads it on its page and downloads it
as HTML, PDF and Word; the page passes axe, the Word file reads back with each area as a
heading and real tables."""

from __future__ import annotations

import io
import re
import subprocess

import docx
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.plans.conftest import make_inspection, manager  # noqa: F401
from tests.reports.test_builder_self_assessment import (  # noqa: F401
    audits,
    concerns,
    governance,
    plan,
    run,
    voice,
)


def test_a_leader_generates_the_self_assessment_and_downloads_every_format(
    page,
    live_server,
    sign_in,
    csp_violations,
    settings,
    council,
    make_user,
    tmp_path,
    run,  # noqa: F811
    plan,  # noqa: F811
    audits,  # noqa: F811
    voice,  # noqa: F811
    governance,  # noqa: F811
    concerns,  # noqa: F811
):
    settings.TRAJECTORY_TODAY = "2026-10-01"
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path / "no-reference"
    leader = make_user("leader", council)
    sign_in(leader)
    page.goto(f"{live_server.url}/councils/{council.code}/reports/")
    page.get_by_role("link", name="Generate the quarterly self-assessment").click()
    # The date offered is the last month-end before today (1 October 2026): 30 September.
    expect(page.get_by_label("Day")).to_have_value("30")
    page.get_by_role("button", name="Generate the paper").click()

    expect(page.get_by_role("heading", name="Quarterly self-assessment", level=1)).to_be_visible()
    for area in ("Help and protection", "Children in care", "Leadership and governance"):
        expect(page.get_by_role("heading", name=area, level=2)).to_be_visible()
    expect(page.locator("#main-content")).to_contain_text(
        "Of the 4 actions of the 1 plan priority in this area, 1 was complete, 1 on track, "
        "1 slipping or blocked and 1 overdue at 30 September 2026."
    )
    assert_accessible(page)

    files = {}
    for label, suffix in (("HTML", "html"), ("PDF", "pdf"), ("Word", "docx")):
        with page.expect_download() as download:
            page.get_by_role("link", name=f"Download as {label}").click()
        path = tmp_path / f"paper.{suffix}"
        download.value.save_as(path)
        files[suffix] = path
    assert files["pdf"].read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(files["pdf"])], capture_output=True, text=True)
    assert int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1)) >= 2
    word = docx.Document(io.BytesIO(files["docx"].read_bytes()))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings[:7] == [
        "Introduction",
        "Help and protection",
        "Children in care",
        "Care leavers",
        "Workforce",
        "Quality of practice",
        "Leadership and governance",
    ]
    assert len(word.tables) >= 10

    page.goto(files["html"].as_uri())
    expect(page.get_by_role("heading", name="Quarterly self-assessment", level=1)).to_be_visible()
    expect(page.locator(".paper-contents li")).to_have_count(8)
    assert_accessible(page)
    assert csp_violations == []
