"""An Annex A upload with flagged rows offers them back as a workbook: on the upload page (for
roles allowed child-level data, audited) and from `trajectory import annexa`, which says where
it wrote them. Each workbook is read again with openpyxl and its rows checked by hand."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.returns.annex_a.conftest import workbook
from trajectory.audit.models import AuditEntry
from trajectory.returns import storage
from trajectory.returns.annex_a.xlsx_writer import xlsx_bytes
from trajectory.returns.models import Upload

HEADERS = ["Child ID", "Date of Contact", "Contact Source"]
FORMULA = '=HYPERLINK("http://example.com","click")'


def _upload_bytes() -> bytes:
    """Written with inline strings, as case management systems' exports often are: the
    formula's text is a text cell (openpyxl would make it a formula with no value)."""
    return xlsx_bytes(
        [
            ("Notes", [["Prepared for inspection"]]),
            (
                "List 1",
                [
                    ["Contacts to 31 March 2025"],  # a title row: headers are in row 2
                    HEADERS,
                    ["1", datetime(2025, 3, 1), "6"],  # row 3: nothing wrong
                    ["2", "31/02/2025", "6"],  # row 4: no such day, an error
                    ["3", datetime(2025, 3, 3), FORMULA],  # row 5: no such source, a warning
                    [None, datetime(2025, 3, 4), "6"],  # row 6: no child, an error
                ],
            ),
        ],
        when=datetime(2025, 4, 1),
    )


def _rows(content: bytes, tmp_path: Path) -> tuple[list[list], openpyxl.Workbook]:
    path = tmp_path / "back.xlsx"
    path.write_bytes(content)
    book = openpyxl.load_workbook(path)
    return [list(r) for r in book["List 1"].iter_rows(values_only=True)], book


def _check_workbook(content: bytes, tmp_path: Path) -> None:
    rows, book = _rows(content, tmp_path)
    assert book.sheetnames == ["List 1"]  # only the sheet with flagged rows
    assert rows[0] == [*HEADERS, "TRAJECTORY_PROBLEMS"]
    # errors first in sheet order (rows 4 and 6), then the warning (row 5), as uploaded
    assert [r[:3] for r in rows[1:]] == [
        ["2", "31/02/2025", "6"],
        [None, datetime(2025, 3, 4), "6"],
        ["3", datetime(2025, 3, 3), FORMULA],
    ]
    assert rows[1][3].startswith("Date of Contact (error): ")
    assert rows[2][3].startswith("Child Unique ID (error): ")
    assert rows[3][3].startswith("Contact Source (warning): ")
    # the formula's text comes back unchanged but as a text cell Excel will not run
    cell = book["List 1"]["C4"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (FORMULA, "s", True)
    assert not book["List 1"]["A4"].quotePrefix


@pytest.mark.django_db
def test_the_upload_page_offers_the_flagged_rows_as_a_workbook(
    client, council, make_user, tmp_path
):
    analyst = make_user("analyst", council)
    client.force_login(analyst)
    sent = io.BytesIO(_upload_bytes())
    sent.name = "annex_a.xlsx"
    response = client.post(
        reverse("returns_upload", args=[council.code]), {"kind": "annex_a", "files": [sent]}
    )
    upload = Upload.objects.get(council=council)
    assert response.status_code == 302 and upload.status == Upload.Status.REFUSED
    assert (upload.files[0]["flagged_rows"], upload.files[0]["flagged_error_rows"]) == (3, 2)

    page = client.get(reverse("upload_detail", args=[council.code, upload.pk])).content.decode()
    link = page[page.index('id="rejected-workbook-1"') :].split("</li>")[0]
    url = reverse("upload_rejected_workbook", args=[council.code, upload.pk, 1])
    assert f'href="{url}"' in link
    assert "Download the 3 rows with problems as a workbook</a> (2 with errors)" in link
    assert 'id="formula-warning"' not in page  # no CSV file's rows are given back

    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"upload-{upload.pk}-file-1-rejected.xlsx" in download["Content-Disposition"]
    _check_workbook(download.content, tmp_path)
    entry = AuditEntry.objects.filter(action="child.view").latest("id")
    assert entry.detail["download"] == "rejected rows" and entry.detail["rows"] == 3

    # a board member reads the council but not its children's rows
    client.force_login(make_user("board_member", council))
    assert client.get(url).status_code == 403
    client.force_login(analyst)
    missing = reverse("upload_rejected_workbook", args=[council.code, upload.pk, 2])
    assert client.get(missing).status_code == 404


@pytest.mark.django_db
def test_the_command_line_says_where_it_wrote_the_flagged_rows(council, tmp_path):
    path = tmp_path / "annex_a.xlsx"
    path.write_bytes(_upload_bytes())
    out = io.StringIO()
    with pytest.raises(CommandError, match="Refused"):
        call_command("import", "annexa", str(path), "--council", council.code, stdout=out)
    upload = Upload.objects.get(council=council)
    written = storage.staging_of(upload.staging_path) / "rejected" / "1-rejected.xlsx"
    line = next(x for x in out.getvalue().splitlines() if "written to" in x)
    assert line == (
        f"annex_a.xlsx: the 3 row(s) with problems, with a TRAJECTORY_PROBLEMS column, were "
        f"written to {written} (also on the upload's page, "
        f"{reverse('upload_detail', args=[council.code, upload.pk])})"
    )
    _check_workbook(written.read_bytes(), tmp_path)


@pytest.mark.django_db
def test_a_clean_workbook_has_no_rows_to_give_back(council, tmp_path):
    clean = workbook({"List 1": [HEADERS, ["1", datetime(2025, 3, 1), "6"]]})
    path = tmp_path / "annex_a.xlsx"
    path.write_bytes(clean)
    out = io.StringIO()
    call_command("import", "annexa", str(path), "--council", council.code, stdout=out)
    assert "written to" not in out.getvalue()
    upload = Upload.objects.get(council=council)
    assert "flagged_rows" not in upload.files[0]
