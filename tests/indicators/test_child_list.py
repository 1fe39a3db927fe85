"""The children behind a figure (issue 7.4, 7.12): refused outside the data's span, 25 a page,
searched by child id, downloaded whole as CSV through safe_cells, every view audited."""

from __future__ import annotations

import csv
import io
from datetime import date as D
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.indicators.builders import episodes, header
from trajectory.audit.models import AuditEntry
from trajectory.returns.models import ReturnVersion

ADDRESS = "203.0.113.7"
# Thirty children, each looked after from 1 April 2022 and still on 31 March 2024, plus one
# whose id a spreadsheet would read as a formula; one child left before the date and is not
# counted. cla_count on 31 March 2024 is therefore 31, by hand.
IDS = [f"C{n:02d}" for n in range(1, 31)] + ["=1+1"]


@pytest.fixture
def thirty_one(council):
    rows = [(child, D(2022, 4, 1), "S", "C2", "U1", None, None) for child in IDS]
    rows.append(("LEFT", D(2022, 4, 1), "S", "C2", "U1", D(2023, 1, 1), "E4A"))
    tables = {
        "Episodes": episodes(*rows),
        "Header": header(**{child: D(2012, 1, 1) for child in [*IDS, "LEFT"]}),
    }
    key = f"{council.code}/ssda903/{1:064d}"
    folder = Path(settings.TRAJECTORY_STORAGE) / key
    folder.mkdir(parents=True)
    for name, frame in tables.items():
        frame.write_parquet(folder / f"{name}.parquet")
    return ReturnVersion.objects.create(
        council=council,
        kind="ssda903",
        number=1,
        content_sha256="1" * 64,
        storage_key=key,
        data_from=D(2022, 4, 1),
        data_to=D(2024, 3, 31),
    )


def _url(council, **query):
    base = reverse("indicator_children", args=[council.code, "cla_count"])
    return base + "?" + "&".join(f"{k}={v}" for k, v in query.items())


@pytest.fixture
def analyst_client(client, council, make_user):
    client.force_login(make_user("analyst", council))
    return client


def test_a_date_before_the_data_is_refused_with_the_span(analyst_client, council, thirty_one):
    response = analyst_client.get(_url(council, as_at="2019-01-31"), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The data runs from 1 April 2022 to 31 March 2024: choose a date in that span." in html
    assert 'id="children"' not in html and "C01" not in html
    after = analyst_client.get(_url(council, as_at="2024-04-30"))
    assert after.status_code == 400
    assert not AuditEntry.objects.filter(action="child.view").exists()
    # The span's own ends are inside it.
    assert analyst_client.get(_url(council, as_at="2024-03-31")).status_code == 200


def test_the_list_is_paged_25_then_6_without_count_columns(analyst_client, council, thirty_one):
    first = analyst_client.get(_url(council, as_at="2024-03-31"), REMOTE_ADDR=ADDRESS)
    html = first.content.decode()
    assert first.status_code == 200
    assert "31 rows. Showing 1 to 25." in html
    assert html.count('<tr class="govuk-table__row">') == 1 + 25  # heading row and 25
    assert "LEFT" not in html
    assert ">Counted<" not in html and "In denominator" not in html
    assert 'aria-current="page">1<' in html and "page=2" in html
    second = analyst_client.get(_url(council, as_at="2024-03-31", page=2)).content.decode()
    assert "31 rows. Showing 26 to 31." in second
    assert second.count('<tr class="govuk-table__row">') == 1 + 6
    # Sorted by child id, "=1+1" before "C01", so page 2 is C25 to C30.
    assert "C25" in second and "C30" in second and "C24" not in second
    assert "no-store" in first["Cache-Control"]
    entry = AuditEntry.objects.filter(action="child.view").order_by("pk").first()  # page 1
    assert entry.detail == {"indicator": "cla_count", "as_at": "2024-03-31", "rows": 31}
    assert entry.ip_address == ADDRESS


def test_a_search_by_child_id_finds_exactly_that_child(analyst_client, council, thirty_one):
    html = analyst_client.get(_url(council, as_at="2024-03-31", child="C07")).content.decode()
    assert "1 row for child C07." in html
    assert html.count('<tr class="govuk-table__row">') == 2
    assert "C07" in html and "C08" not in html
    assert AuditEntry.objects.get(action="child.view").detail["child"] == "C07"
    none = analyst_client.get(_url(council, as_at="2024-03-31", child="LEFT")).content.decode()
    assert "0 rows for child LEFT." in none


def test_the_csv_holds_every_row_made_safe_and_is_audited(analyst_client, council, thirty_one):
    response = analyst_client.get(
        _url(council, as_at="2024-03-31", format="csv"), REMOTE_ADDR=ADDRESS
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    table = list(csv.reader(io.StringIO(response.content.decode())))
    assert table[0][:2] == ["child_id", "as_at"]
    assert "counted" not in table[0]
    assert len(table) - 1 == 31
    children = [row[0] for row in table[1:]]
    assert "'=1+1" in children and "=1+1" not in children  # through safe_cells
    entry = AuditEntry.objects.get(action="child.view")
    assert entry.detail["format"] == "csv" and entry.detail["rows"] == 31
    assert entry.ip_address == ADDRESS


def test_a_commissioner_sees_the_list_audited_and_a_board_member_is_told_why(
    client, council, make_user, thirty_one
):
    client.force_login(make_user("commissioner", council))
    assert client.get(_url(council, as_at="2024-03-31")).status_code == 200
    assert AuditEntry.objects.filter(action="child.view").count() == 1
    client.force_login(make_user("board_member", council))
    refused = client.get(_url(council, as_at="2024-03-31"))
    assert refused.status_code == 403
    assert "Child-level data is shown only to" in refused.content.decode()


def test_the_page_of_25_offers_no_table_csv_only_the_whole_list(
    analyst_client, council, thirty_one
):
    """The site-wide table download (web/downloads.py) would give only the 25 rows shown; the
    child list opts out so the one download offered is the whole list of 31."""
    page = analyst_client.get(_url(council, as_at="2024-03-31")).content.decode()
    assert page.count("<table") == 1 and "data-no-table-download" in page
    assert "Download all 31 rows as CSV" in page

    partial = analyst_client.get(_url(council, as_at="2024-03-31", download="csv", table="1"))

    assert partial.status_code == 404
    assert not AuditEntry.objects.filter(action="table.download").exists()
