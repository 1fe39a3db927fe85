"""The team comparison page, figures by worker and the children behind a team (issue 8.7)."""

from __future__ import annotations

import re
from datetime import date as D
from pathlib import Path

import polars as pl
import pytest
from django.conf import settings
from django.urls import reverse

from tests.indicators.builders import episodes, header
from trajectory.audit.models import AuditEntry
from trajectory.councils.team_files import team_file_import
from trajectory.indicators.models import IndicatorBreakdown
from trajectory.indicators.services import indicators_compute
from trajectory.returns.models import ReturnVersion

# Four children looked after from 1 April 2022, still on 31 March 2024. C1 with SW1001
# (North) throughout; C2 with SW1001 until 15 March 2024, then SW2001 (Care 1); C3 with SW2001
# throughout; C4 has no worker recorded. By hand, children looked after by team:
#   31 March 2024: North 1 (C1), Care 1 2 (C2, C3), none recorded 1 (C4); council 4.
#   31 March 2023: North 2 (C1, C2), Care 1 1 (C3), none recorded 1; council 4.
CHILDREN = ["C1", "C2", "C3", "C4"]
SW = pl.DataFrame(
    {
        "CHILD": ["C1", "C2", "C2", "C3"],
        "SW_ID": ["SW1001", "SW1001", "SW2001", "SW2001"],
        "SW_DECOM": [D(2022, 4, 1), D(2022, 4, 1), D(2024, 3, 15), D(2022, 4, 1)],
        "SW_DEC": [None, D(2024, 3, 15), None, None],
        "SW_REASON": ["FCONTA", "FCONTA", "MANAGE", "FCONTA"],
    },
    schema_overrides={"SW_DEC": pl.Date},
)
TEAMS = b"SW_ID,team\nSW1001,North\nSW2001,Care 1\n"


@pytest.fixture
def computed(council):
    tables = {
        "Episodes": episodes(*[(c, D(2022, 4, 1), "S", "C2", "U1", None, None) for c in CHILDREN]),
        "Header": header(**{c: D(2012, 1, 1) for c in CHILDREN}),
        "SWEpisodes": SW,
    }
    key = f"{council.code}/ssda903/{1:064d}"
    folder = Path(settings.TRAJECTORY_STORAGE) / key
    folder.mkdir(parents=True)
    for name, frame in tables.items():
        frame.write_parquet(folder / f"{name}.parquet")
    ReturnVersion.objects.create(
        council=council,
        kind="ssda903",
        number=1,
        content_sha256="1" * 64,
        storage_key=key,
        data_from=D(2022, 4, 1),
        data_to=D(2024, 3, 31),
    )
    team_file_import(council=council, user=None, content=TEAMS, file_name="teams.csv")
    return indicators_compute(council=council, user=None)


def _teams_url(council, **query):
    url = reverse("council_teams", args=[council.code])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_run_stores_team_figures_worked_by_hand(computed):
    rows = IndicatorBreakdown.objects.filter(
        run=computed, indicator_id="cla_count", dimension="team"
    )
    got = {(r.key, r.as_at): r.value for r in rows if r.as_at in (D(2024, 3, 31), D(2023, 3, 31))}
    assert got == {
        ("North", D(2024, 3, 31)): 1,
        ("Care 1", D(2024, 3, 31)): 2,
        ("", D(2024, 3, 31)): 1,
        ("North", D(2023, 3, 31)): 2,
        ("Care 1", D(2023, 3, 31)): 1,
        ("", D(2023, 3, 31)): 1,
    }
    assert computed.team_file.number == 1


def _cells(page: str, team: str) -> list[str]:
    import re

    row = re.search(
        rf"<th scope=\"row\" class=\"govuk-table__header\">{team}</th>(.*?)</tr>", page, re.S
    )
    return [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)
    ]


def test_a_board_member_sees_each_team_and_the_council(client, council, make_user, computed):
    client.force_login(make_user("board_member", council))
    page = client.get(_teams_url(council)).content.decode()
    # Every team holds 1 or 2 children: withheld from a reader who may not see the children,
    # while the council's 4 is shown.
    withheld = "Withheld: fewer than 6 children"
    assert _cells(page, "North") == [withheld, withheld]
    assert _cells(page, "Care 1") == [withheld, withheld]
    assert _cells(page, "No team recorded") == [withheld, withheld]
    assert _cells(page, council.name) == ["4", "4"]
    assert 'id="withheld-note"' in page
    assert "team=North" not in page  # no children links, no workers
    assert client.get(_teams_url(council, by="worker")).status_code == 403


def _child_ids(listing: str) -> list[str]:
    """The child ids of a child list, read from the first cell of each of its rows: the whole
    page also holds random tokens (the CSP nonce, the CSRF token) that may contain "C1"."""
    table = listing[listing.index('id="children"') : listing.index("</table>")]
    return sorted(
        re.findall(r'<tr class="govuk-table__row">\s*<td class="govuk-table__cell">([^<]*)<', table)
    )


def test_an_analyst_sees_workers_and_the_children_of_a_team(client, council, make_user, computed):
    client.force_login(make_user("analyst", council))
    page = client.get(_teams_url(council, by="worker", team="Care 1")).content.decode()
    assert 'id="workers"' in page
    assert _cells(page, "SW2001") == ["Care 1", "2", "1", "Children counted for SW2001"]
    assert "SW1001" not in page.split('id="workers"')[1]  # North's worker not in Care 1
    url = reverse("indicator_children", args=[council.code, "cla_count"])
    listing = client.get(url + "?as_at=2024-03-31&team=Care+1").content.decode()
    # The child ids, read from the first cell of each row of the list (the whole page also
    # holds a random CSP nonce, which may contain "C1").
    assert _child_ids(listing) == ["C2", "C3"]
    entry = AuditEntry.objects.filter(action="child.view").latest("id")
    assert entry.detail == {
        "indicator": "cla_count",
        "as_at": "2024-03-31",
        "rows": 2,
        "team": "Care 1",
    }
    none = client.get(url + "?as_at=2024-03-31&team=").content.decode()
    assert _child_ids(none) == ["C4"]
    # SW1001 held C1 at 31 March 2024 (C2 had passed to SW2001 on 15 March).
    worker = client.get(url + "?as_at=2024-03-31&worker=SW1001").content.decode()
    assert _child_ids(worker) == ["C1"]
    entry = AuditEntry.objects.filter(action="child.view").latest("id")
    assert entry.detail["worker"] == "SW1001" and entry.detail["rows"] == 1


def test_a_board_member_gets_no_child_list_of_a_team(client, council, make_user, computed):
    client.force_login(make_user("board_member", council))
    url = reverse("indicator_children", args=[council.code, "cla_count"])
    assert client.get(url + "?as_at=2024-03-31&team=North").status_code == 403


def test_another_council_is_not_found(client, council, make_council, make_user, computed):
    other = make_council(code="991", name="Eastshire")
    client.force_login(make_user("analyst", other))
    assert client.get(_teams_url(council)).status_code == 404
    assert client.get(_teams_url(council, by="worker")).status_code == 404


def test_an_indicator_without_team_figures_is_not_found(client, council, make_user, computed):
    client.force_login(make_user("analyst", council))
    assert client.get(_teams_url(council, indicator="cla_rate_per_10k")).status_code == 404


def test_an_analyst_uploads_a_new_worker_to_team_file(client, council, make_user, computed):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from trajectory.councils.models import TeamFile

    client.force_login(make_user("analyst", council))
    url = reverse("team_file_upload", args=[council.code])
    moved = SimpleUploadedFile("teams-2.csv", b"SW_ID,team\nSW1001,Care 1\nSW2001,Care 1\n")
    response = client.post(url, {"team_file": moved})
    assert response.status_code == 302
    assert TeamFile.objects.get(council=council, number=2).file_name == "teams-2.csv"
    page = client.get(_teams_url(council)).content.decode()
    assert "Version 2 (teams-2.csv)" in page and "recompute the indicators to use it" in page
    bad = SimpleUploadedFile("bad.csv", b"SW_ID,team\nSW1001,\n")
    refused = client.post(url, {"team_file": bad})
    assert refused.status_code == 400
    assert "bad.csv, row 2, team: blank" in refused.content.decode()
    assert TeamFile.objects.filter(council=council).count() == 2


def test_a_board_member_may_not_upload_the_file(client, council, make_user, computed):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(make_user("board_member", council))
    url = reverse("team_file_upload", args=[council.code])
    upload = SimpleUploadedFile("t.csv", TEAMS)
    assert client.post(url, {"team_file": upload}).status_code == 403
    assert 'id="team-file-form"' not in client.get(_teams_url(council)).content.decode()


def test_the_indicator_page_links_to_its_teams(client, council, make_user, computed):
    client.force_login(make_user("board_member", council))
    page = client.get(reverse("indicator_detail", args=[council.code, "cla_count"])).content
    assert reverse("indicator_teams", args=[council.code, "cla_count"]) in page.decode()
    rate = client.get(reverse("indicator_detail", args=[council.code, "cla_rate_per_10k"]))
    assert 'id="teams-link"' not in rate.content.decode()
    teams = client.get(reverse("indicator_teams", args=[council.code, "cla_count"]))
    assert teams.status_code == 200


@pytest.mark.parametrize(
    ("numerator", "denominator", "withheld"),
    [
        (5, None, True),  # a count of 5 children
        (6, None, False),
        (0, None, False),  # none is no child to point to
        (0, 3, True),  # 0% of 3 children still describes those 3
        (7, 12, False),
        (None, None, False),  # no figure at all
    ],
)
def test_a_small_team_figure_is_withheld_only_from_those_not_entitled(
    numerator, denominator, withheld
):
    from trajectory.indicators.team_selectors import Figure

    figure = Figure(D(2024, 3, 31), 1.0, numerator, denominator)
    assert figure.for_reader(True) is figure
    shown = figure.for_reader(False)
    assert shown.withheld is withheld
    assert (shown.value is None) is withheld
