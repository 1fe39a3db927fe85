"""Every table as CSV and XLSX (issues 7.18, 8.9): ?download=csv|xlsx&table=N on a page gives
its Nth table as the page shows it, each cell through safe_cells, after the page's own permission
check, with the download audited; child-level pages' tables keep `Cache-Control: no-store`."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from trajectory.audit.models import AuditEntry
from trajectory.web.downloads import page_tables

pytestmark = pytest.mark.django_db


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_tables_are_read_as_shown_inside_main_only():
    html = (
        "<table><tr><td>outside</td></tr></table><main>"
        "<table><caption>People  in\n Westshire</caption>"
        "<tr><th>Name</th><th>Note</th></tr>"
        "<tr><td>Ann &amp; Bo</td><td>line one<br>line two"
        "<button>Remove<span> row</span></button></td></tr></table></main>"
    )
    assert page_tables(html) == [
        {
            "caption": "People in Westshire",
            "rows": [["Name", "Note"], ["Ann & Bo", "line one line two"]],
            "downloadable": True,
        }
    ]


def test_a_table_marked_data_no_table_download_is_read_but_not_downloadable():
    html = "<main><table><tr><td>a</td></tr></table><table data-no-table-download></table></main>"
    assert [table["downloadable"] for table in page_tables(html)] == [True, False]


def test_the_audit_log_table_as_csv_with_formulas_made_text_and_the_download_audited(
    client, council, make_user
):
    from trajectory.audit.services import record
    from trajectory.councils.services import user_create

    admin = make_user("admin", council)
    # A user name that a spreadsheet would run as a formula; the page shows it as typed.
    formula = user_create(username="=cmd", password="correct horse 1")
    record(user=formula, action="council.save", council=council, detail={"name": "W", "rows": 3})
    client.force_login(admin)
    url = reverse("audit_log", args=[council.code])

    response = client.get(url, {"download": "csv", "table": "1"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _rows(response)
    assert rows[0] == ["When", "User", "Action", "Object", "Detail"]
    saved = [row for row in rows if row[1] == "'=cmd"]
    assert [row[1:] for row in saved] == [
        ["'=cmd", "Saved the council's details", "", "Name: W; Rows: 3"]
    ]
    assert response["Content-Disposition"].startswith('attachment; filename="')
    entry = AuditEntry.objects.filter(action="table.download").get()
    assert entry.user == admin and entry.council == council
    assert entry.detail["page"] == url
    assert entry.detail["table"] == f"{len(rows) - 1} entries"


def test_no_such_table_is_404_and_the_page_check_still_applies(client, council, make_user):
    url = reverse("audit_log", args=[council.code])
    client.force_login(make_user("admin", council))
    assert client.get(url, {"download": "csv", "table": "9"}).status_code == 404
    assert client.get(url, {"download": "csv", "table": "x"}).status_code == 404

    client.force_login(make_user("board_member", council))
    refused = client.get(url, {"download": "csv", "table": "1"})
    assert refused.status_code in (403, 404)
    assert not AuditEntry.objects.filter(action="table.download").exists()


def test_a_table_as_xlsx_keeps_numbers_as_numbers_and_formulas_as_text(client, council, make_user):
    """?download=xlsx (issue 8.9): the same table as a workbook; '1,234' and '12.5' become the
    numbers 1234 and 12.5, '12.5%' and the header stay text, a formula is neutralised."""
    from django.http import HttpResponse
    from openpyxl import load_workbook

    from trajectory.web.downloads import PageDownloadMiddleware

    html = (
        "<main><table><caption>Children: by team</caption>"
        "<tr><th>Team</th><th>Children</th><th>Share</th><th>Mean</th></tr>"
        "<tr><td>=SUM(A1)</td><td>1,234</td><td>12.5%</td><td>12.5</td></tr>"
        "<tr><td>North</td><td>-3</td><td>Not published</td><td>1,23</td></tr>"
        "<tr><td>South</td><td>+5</td><td>−0.1</td><td>+5 Not judged</td></tr>"
        "</table></main>"
    )
    client.force_login(make_user("analyst", council))
    request = client.get(reverse("council_home", args=[council.code])).wsgi_request
    request.GET = request.GET.copy()
    request.GET.update({"download": "xlsx", "table": "1"})
    middleware = PageDownloadMiddleware(
        lambda _: HttpResponse(html, content_type="text/html; charset=utf-8")
    )
    response = middleware(request)

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="children-by-team.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Children by team"
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Team", "Children", "Share", "Mean"],
        ["'=SUM(A1)", 1234, "12.5%", 12.5],
        ["North", -3, "Not published", "1,23"],
        ["South", 5, -0.1, "'+5 Not judged"],  # a change is a number; text keeps its guard
    ]
    entry = AuditEntry.objects.filter(action="table.download").get()
    assert entry.detail["format"] == "xlsx" and entry.detail["table"] == "Children: by team"
