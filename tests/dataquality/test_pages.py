"""The data-quality page (issue 13.4) and the warning on figures (13.3): counts by rule and
table, the trend across versions, findings by team and worker, the failing rows and the rows
as uploaded with their findings, for the roles entitled to each."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.dataquality import uploads
from tests.dataquality.uploads import accept
from tests.returns.cin.conftest import SMALL
from trajectory.audit.models import AuditEntry
from trajectory.councils.team_files import team_file_import
from trajectory.dataquality import registry as registry_of_rules
from trajectory.indicators import registry
from trajectory.indicators.services import indicators_compute
from trajectory.returns.collection_year import CollectionYear
from trajectory.returns.services import upload_accept, upload_preview

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def only_rules_101_and_102(monkeypatch):
    """Only rules 101 and 102 run here, so every count on the page is worked out by hand
    (others' rules, written in parallel, would add findings the tests cannot foresee)."""
    rules_for = registry_of_rules.rules_for
    monkeypatch.setattr(
        registry_of_rules,
        "rules_for",
        lambda returns, year: [r for r in rules_for(returns, year) if r.code in ("101", "102")],
    )


@pytest.fixture
def versions(council, make_user, tmp_path):
    """Version 1: 1002 (row 3) has SEX "1" and 1004 (row 5) "X": two 101 findings. Version 2
    fixes 1002 only: one, 1004's. 1004's case is worker SW02's, in team Blue."""
    analyst = make_user("analyst", council, username="ana")
    team_file_import(
        council=council, user=None, content=b"SW_ID,team\nSW01,Red\nSW02,Blue\n", file_name="t.csv"
    )
    first = accept(council, analyst, tmp_path / "v1", sexes=("M", "1", "M", "X"))
    second = accept(council, analyst, tmp_path / "v2", sexes=("M", "F", "M", "X"))
    return analyst, first, second


def _cells(html: str, row_marker: str) -> str:
    start = html.index(row_marker)
    return html[start : html.index("</tr>", start)]


def test_the_page_counts_by_rule_and_table_and_shows_the_trend(client, council, versions):
    analyst, first, second = versions
    client.force_login(analyst)
    page = client.get(reverse("dataquality_page", args=[council.code])).content.decode()

    rules = page[page.index('id="ssda903-rules"') :]
    row = _cells(rules, 'data-rule="101"')
    assert ">1</td>" in row  # version 2: 1004's SEX only
    assert reverse("dataquality_rule", args=[council.code, "ssda903", "101"]) in row
    # The trend: version 1 had two findings, version 2 one (1002's SEX fixed).
    trend = page[page.index('id="ssda903-trend"') :]
    assert _cells(trend, ">1</th>").endswith(">2</td>")
    assert _cells(trend, ">2</th>").endswith(">1</td>")
    assert 'id="ssda903-trend-chart"' in page  # two versions: a chart
    # By team: 1004's case is SW02's, in Blue.
    teams = page[page.index('id="ssda903-teams"') :]
    assert ">Blue</th>" in teams
    assert ">SW02</th>" in page[page.index('id="ssda903-workers"') :]
    # No CIN return yet.
    assert "No CIN census return has been accepted yet." in page


def test_a_rules_rows_are_child_level_audited_and_never_cached(client, council, versions):
    analyst, _, second = versions
    client.force_login(analyst)
    url = reverse("dataquality_rule", args=[council.code, "ssda903", "101"])
    response = client.get(url)
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    table = html[
        html.index('id="rule-rows"') : html.index("</table>", html.index('id="rule-rows"'))
    ]
    assert table.count('<tr class="govuk-table__row">') == 2  # the header and 1004's row
    assert ">1004<" in table and ">X<" in table and ">5<" in table and ">Blue<" in table
    entry = AuditEntry.objects.filter(user=analyst, action="child.view").latest("pk")
    assert entry.detail["rule"] == "101" and entry.detail["rows"] == 1

    response = client.get(url, {"format": "csv"})
    assert "no-store" in response["Cache-Control"]
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["Table", "Row", "Child", "SEX", "Worker", "Team"],
        ["Header", "5", "1004", "X", "SW02", "Blue"],
    ]
    entry = AuditEntry.objects.filter(user=analyst, action="child.view").latest("pk")
    assert entry.detail["format"] == "csv"


def test_the_export_gives_the_rows_as_uploaded_with_their_findings(client, council, versions):
    analyst, first, _ = versions
    client.force_login(analyst)
    run = first.dataquality_runs.get()
    url = reverse("dataquality_export", args=[council.code, "ssda903", "csv"])
    response = client.get(url, {"run": run.pk, "table": "Header"})
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB", "Data-quality findings"
    ]  # fmt: skip
    by_child = {row[0]: row for row in rows[1:]}
    assert [row[0] for row in rows[1:]] == ["1001", "1002", "1003", "1004"]  # the file's order
    assert by_child["1002"][1:3] == ["1", "15/06/2012"]
    assert by_child["1002"][-1].startswith("101: SEX")
    assert by_child["1004"][-1].startswith("101: SEX")
    assert "101:" not in by_child["1001"][-1] and "101:" not in by_child["1003"][-1]
    assert AuditEntry.objects.filter(
        user=analyst, action="child.view", detail__download="data quality rows"
    ).exists()

    book = client.get(reverse("dataquality_export", args=[council.code, "ssda903", "xlsx"]))
    workbook = load_workbook(io.BytesIO(book.content))
    assert workbook.sheetnames == ["Episodes", "Header", "SWEpisodes"]
    header = [[cell.value for cell in row] for row in workbook["Header"].iter_rows()]
    assert header[0][-1] == "Data-quality findings"
    # The latest version (2): only 1004's SEX.
    assert [row[0] for row in header[1:] if "101:" in (row[-1] or "")] == ["1004"]


def test_a_board_member_sees_counts_but_no_rows(client, council, make_user, versions):
    board = make_user("board_member", council, username="bea")
    client.force_login(board)
    page = client.get(reverse("dataquality_page", args=[council.code])).content.decode()
    row = _cells(page[page.index('id="ssda903-rules"') :], 'data-rule="101"')
    assert ">1</td>" in row and "<a " not in row
    assert 'id="ssda903-workers"' not in page and 'id="ssda903-exports"' not in page
    # Team counts are aggregates, but Blue's rest on one child: withheld, as team figures are.
    blue = _cells(page[page.index('id="ssda903-teams"') :], ">Blue</th>")
    assert "Withheld: fewer than 6 children" in blue
    for url in (
        reverse("dataquality_rule", args=[council.code, "ssda903", "101"]),
        reverse("dataquality_export", args=[council.code, "ssda903", "xlsx"]),
    ):
        assert client.get(url).status_code == 403


def test_another_councils_user_is_told_nothing(client, council, make_council, make_user, versions):
    other = make_council(code="991", name="Eastshire")
    client.force_login(make_user("analyst", other, username="eve"))
    for url in (
        reverse("dataquality_page", args=[council.code]),
        reverse("dataquality_rule", args=[council.code, "ssda903", "101"]),
        reverse("dataquality_export", args=[council.code, "ssda903", "xlsx"]),
    ):
        assert client.get(url).status_code == 404


def test_every_figure_reading_a_version_with_findings_says_so(client, council, versions):
    analyst, _, _ = versions
    indicators_compute(council=council, user=analyst)
    client.force_login(analyst)
    expected = "SSDA903 (children looked after) version 2, which has 1 data-quality finding ("
    scorecard = client.get(reverse("council_home", args=[council.code])).content.decode()
    line = _cells(scorecard, 'id="data-quality-warning"').split("</p>")[0]
    assert "These figures read " + expected in line
    indicator = next(i for i in registry.INDICATORS if i.source_return == "ssda903")
    detail = client.get(reverse("indicator_detail", args=[council.code, indicator.id]))
    line = _cells(detail.content.decode(), 'id="data-quality-warning"').split("</p>")[0]
    assert "This figure reads " + expected in line
    assert reverse("dataquality_page", args=[council.code]) in line


def test_a_cin_census_is_checked_and_exported_as_a_cin_file_writes_it(
    client, council, make_user, tmp_path
):
    analyst = make_user("analyst", council, username="ana")
    path = tmp_path / "cin.xml"
    path.write_text(SMALL)
    upload = upload_preview(
        council=council,
        user=analyst,
        files=[("cin.xml", path)],
        kind="cin",
        year=CollectionYear(2025),
    )
    version = upload_accept(upload=upload, user=analyst)
    run = version.dataquality_runs.get()
    assert (run.kind, run.collection_year, run.held_at) == ("cin", 2025, None)
    client.force_login(analyst)
    response = client.get(
        reverse("dataquality_export", args=[council.code, "cin", "csv"]),
        {"table": "ChildIdentifiers"},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    # C1 born 1 June 2015, C2 9 January 2022, in the census's order.
    columns = rows[0]
    assert [row[columns.index("LAchildID")] for row in rows[1:]] == ["C1", "C2"]
    born = [row[columns.index("PersonBirthDate")] for row in rows[1:]]
    assert born == ["01/06/2015", "09/01/2022"]
    page = client.get(reverse("dataquality_page", args=[council.code])).content.decode()
    assert 'id="cin-summary"' in page and "Version 1 (2024-25)" in page


def test_a_value_a_spreadsheet_would_run_is_written_as_text(client, council, versions, tmp_path):
    analyst, _, _ = versions

    header = uploads.header("M", "F", "M", "X").replace(
        "1001,M,01/02/2010,WBRI,,", "1001,M,01/02/2010,WBRI,=1+2,"
    )
    (tmp_path / "v3").mkdir()
    for name, text in {"header.csv": header, "episodes.csv": uploads.EPISODES}.items():
        (tmp_path / "v3" / name).write_text(text)

    upload = upload_preview(
        council=council,
        user=analyst,
        files=[(p.name, p) for p in sorted((tmp_path / "v3").iterdir())],
        year=CollectionYear(2025),
    )
    upload_accept(upload=upload, user=analyst)
    client.force_login(analyst)
    response = client.get(reverse("dataquality_export", args=[council.code, "ssda903", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content))["Header"]
    upn = [cell.value for cell in sheet["E"]]
    assert upn[:2] == ["UPN", "'=1+2"]


def test_the_exported_rows_fixed_are_uploaded_again(client, council, versions, tmp_path):
    """Download every table, fix 1004's SEX in the Header file, upload the files as they are
    (the findings column is left out with a warning): the new version has no 101 finding."""
    analyst, _, second = versions
    client.force_login(analyst)
    folder = tmp_path / "fixed"
    folder.mkdir()
    files = []
    for table in sorted(second.row_counts):
        response = client.get(
            reverse("dataquality_export", args=[council.code, "ssda903", "csv"]), {"table": table}
        )
        text = response.content.decode()
        if table == "Header":
            assert "\n1004,X," in text
            text = text.replace("\n1004,X,", "\n1004,F,")
        (folder / f"{table}.csv").write_text(text)
        files.append((f"{table}.csv", folder / f"{table}.csv"))
    upload = upload_preview(council=council, user=analyst, files=files, year=CollectionYear(2025))
    assert any(w["code"] == "extra_column" for w in upload.warnings)
    fixed = upload_accept(upload=upload, user=analyst)
    assert fixed.number == 3
    assert fixed.dataquality_runs.get().finding_count == 0


def test_a_run_of_another_council_is_not_found_under_ones_own(
    client, council, make_council, make_user, versions
):
    _, _, second = versions
    other = make_council(code="991", name="Eastshire")
    client.force_login(make_user("analyst", other, username="eve"))
    run = second.dataquality_runs.get()
    url = reverse("dataquality_rule", args=[other.code, "ssda903", "101"])
    assert client.get(url, {"run": run.pk}).status_code == 404
    export = reverse("dataquality_export", args=[other.code, "ssda903", "xlsx"])
    assert client.get(export, {"run": run.pk}).status_code == 404
