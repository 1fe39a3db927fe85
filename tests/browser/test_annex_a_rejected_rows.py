"""A refused Annex A upload in a real browser: the analyst uploads the workbook, is told it was
refused, and downloads its flagged rows as a workbook from the upload page, read again here
with openpyxl. Every page passes axe, with no CSP violation."""

from __future__ import annotations

from datetime import datetime

import openpyxl
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.returns.annex_a.test_rejected_download import FORMULA, HEADERS, _upload_bytes


def test_an_analyst_downloads_the_rows_to_correct_as_a_workbook(
    page, live_server, sign_in, csp_violations, council, make_user, tmp_path
):
    analyst = make_user("analyst", council, username="ana")
    upload = tmp_path / "annex_a.xlsx"
    upload.write_bytes(_upload_bytes())

    sign_in(analyst)
    page.goto(f"{live_server.url}/councils/{council.code}/returns/")
    page.locator('#return-kinds li[data-kind="annex_a"] a').click()
    page.locator("#files").set_input_files([str(upload)])
    page.get_by_role("button", name="Check the files").click()
    expect(page.locator("#upload-status")).to_have_text("Refused")
    link = page.get_by_role("link", name="Download the 3 rows with problems as a workbook")
    expect(page.locator("#rejected-rows")).to_contain_text("annex_a.xlsx: ")
    expect(page.locator("#rejected-rows")).to_contain_text("(2 with errors)")
    assert_accessible(page)

    with page.expect_download() as found:
        link.click()
    saved = tmp_path / found.value.suggested_filename
    found.value.save_as(saved)
    assert saved.name.endswith("-file-1-rejected.xlsx")
    sheet = openpyxl.load_workbook(saved)["List 1"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == [*HEADERS, "TRAJECTORY_PROBLEMS"]
    # the two rows with errors (sheet rows 4 and 6), then the one with a warning (row 5)
    assert [r[:3] for r in rows[1:]] == [
        ["2", "31/02/2025", "6"],
        [None, datetime(2025, 3, 4), "6"],
        ["3", datetime(2025, 3, 3), FORMULA],
    ]
    assert "not a date" in rows[1][3] and "is blank" in rows[2][3]
    assert "not one of the template's values" in rows[3][3]
    assert csp_violations == []
