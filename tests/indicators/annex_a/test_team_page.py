"""The Teams page shows an Annex A indicator by each list row's own Allocated Team and Worker,
from an Annex A imported on the one upload path (issue 10.6). Worked by hand."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from django.urls import reverse

from trajectory.audit.models import AuditEntry
from trajectory.indicators.models import IndicatorBreakdown
from trajectory.indicators.services import indicators_compute
from trajectory.returns.annex_a.xlsx_writer import xlsx_bytes
from trajectory.returns.services import return_import

D = date
AS_AT = D(2025, 9, 30)
INDICATOR = "annex_a_assessments_45wd_pct"


def _workbook() -> bytes:
    """Lists 1 and 4 from 1 April to 30 September 2025: two teams, three workers."""
    return xlsx_bytes(
        [
            ("List 1", [["Child Unique ID", "Date of Contact"], ["A", D(2025, 4, 1)]]),
            (
                "List 4",
                [
                    [
                        "Child Unique ID",
                        "Continuous Assessment Start Date",
                        "Continuous Assessment Date of Authorisation",
                        "Allocated Team",
                        "Allocated Worker",
                    ],
                    ["A", D(2025, 6, 2), D(2025, 8, 4), "North", "W1"],  # 45th working day
                    ["B", D(2025, 6, 2), D(2025, 8, 5), "North", "W1"],  # 46th: late
                    ["C", D(2025, 7, 18), D(2025, 9, 22), "North", "W2"],  # on time (holiday)
                    ["D", D(2025, 7, 1), D(2025, 9, 30), "South", "W3"],  # due 3 Sep: late
                    ["E", D(2025, 9, 1), D(2025, 9, 12), "South", "W3"],  # on time
                    ["F", D(2025, 6, 2), D(2025, 8, 4), None, None],  # on time, no team
                ],
            ),
        ],
        when=datetime(2025, 10, 1),
    )


@pytest.fixture
def computed(council, tmp_path):
    path = tmp_path / "annex_a.xlsx"
    path.write_bytes(_workbook())
    upload = return_import(council=council, user=None, paths=[path], kind="annex_a")
    assert upload.version is not None, upload.errors
    return indicators_compute(council=council, user=None)  # Annex A alone


def _cells(page: str, label: str, table: str) -> list[str]:
    part = page.split(f'id="{table}"')[1].split("</table>")[0]
    row = re.search(
        rf'<th scope="row" class="govuk-table__header">{label}</th>(.*?)</tr>', part, re.S
    )
    assert row, label
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in cells]


def _teams_url(council, **query) -> str:
    url = reverse("indicator_teams", args=[council.code, INDICATOR])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_run_stores_the_annex_a_figure_of_each_team(computed):
    rows = IndicatorBreakdown.objects.filter(run=computed, indicator_id=INDICATOR)
    got = {(r.dimension, r.key): (r.numerator, r.denominator) for r in rows if r.as_at == AS_AT}
    # North: A on time, B late, C on time: 2/3. South: D late, E on time: 1/2. F: 1/1.
    # W1: A, B 1/2; W2: C 1/1; W3: D, E 1/2. The council: 4/6.
    assert got == {
        ("team", "North"): (2, 3),
        ("team", "South"): (1, 2),
        ("team", ""): (1, 1),
        ("worker", "W1"): (1, 2),
        ("worker", "W2"): (1, 1),
        ("worker", "W3"): (1, 2),
        ("worker", ""): (1, 1),
    }
    assert not rows.filter(indicator_id="annex_a_contacts_to_referral_pct").exists()


def test_an_analyst_sees_the_annex_a_indicator_by_team(client, council, make_user, computed):
    client.force_login(make_user("analyst", council))
    page = client.get(_teams_url(council)).content.decode()
    assert f'<option value="{INDICATOR}" selected>' in page
    assert "the team and for the worker the list names on it" in page
    # figure, numerator, denominator, a year before (none: the lists begin in April), link
    assert _cells(page, "North", "teams")[:4] == ["66.7%", "2", "3", "No figure"]
    assert _cells(page, "South", "teams")[:3] == ["50.0%", "1", "2"]
    assert _cells(page, "No team recorded", "teams")[:3] == ["100.0%", "1", "1"]
    assert _cells(page, council.name, "teams")[:3] == ["66.7%", "4", "6"]
    # the children counted for North: its rows of list 4 at 30 September
    listing = client.get(
        reverse("indicator_children", args=[council.code, INDICATOR])
        + "?as_at=2025-09-30&team=North"
    ).content.decode()
    table = listing[listing.index('id="children"') : listing.index("</table>")]
    firsts = re.findall(
        r'<tr class="govuk-table__row">\s*<td class="govuk-table__cell">([^<]*)<', table
    )
    assert sorted(firsts) == ["A", "B", "C"]
    entry = AuditEntry.objects.filter(action="child.view").latest("id")
    assert entry.detail["team"] == "North" and entry.detail["rows"] == 3


def test_each_worker_with_the_team_the_list_names(client, council, make_user, computed):
    client.force_login(make_user("analyst", council))
    page = client.get(_teams_url(council, by="worker", team="North")).content.decode()
    # W1 and W2 are North's on list 4 (no worker-to-team file is needed); W3 is South's
    assert _cells(page, "W1", "workers")[:4] == ["North", "50.0%", "1", "2"]
    assert _cells(page, "W2", "workers")[:4] == ["North", "100.0%", "1", "1"]
    assert "W3" not in page.split('id="workers"')[1].split("</table>")[0]


def test_a_board_member_sees_small_teams_withheld(client, council, make_user, computed):
    client.force_login(make_user("board_member", council))
    page = client.get(_teams_url(council)).content.decode()
    withheld = "Withheld: fewer than 6 children"
    assert _cells(page, "North", "teams")[0] == withheld
    assert _cells(page, council.name, "teams")[:3] == ["66.7%", "4", "6"]


def test_the_contacts_figure_has_no_teams_page(client, council, make_user, computed):
    client.force_login(make_user("analyst", council))
    url = reverse("indicator_teams", args=[council.code, "annex_a_contacts_to_referral_pct"])
    assert client.get(url).status_code == 404
