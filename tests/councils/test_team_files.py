"""The worker-to-team file: read all or nothing, kept as versions, teams made from it (8.7)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from trajectory.audit.models import AuditEntry
from trajectory.councils.models import Role, Team, TeamFile
from trajectory.councils.team_files import read_team_file, team_file_import, worker_teams

GOOD = b"SW_ID,team\nSW1001,Assessment North\nsw1002 , Children in care 1\n"


def test_reads_each_worker_and_team():
    assert read_team_file(GOOD, "teams.csv") == {
        "SW1001": "Assessment North",
        "SW1002": "Children in care 1",
    }


def test_columns_in_any_order_and_case():
    assert read_team_file(b"Team,sw_id\nLeaving care,XX99\n", "t.csv") == {"XX99": "Leaving care"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"SW_ID,team,worker_name\nSW1001,North,Ann\n", "teams.csv, row 1: the header must be"),
        (b"SW_ID,team\nSW1001,North\n,North\n", "teams.csv, row 3, SW_ID: blank"),
        (b"SW_ID,team\nAB1001,North\n", "teams.csv, row 2, SW_ID: 'AB1001' does not begin"),
        (b"SW_ID,team\nSW1,North\n", "(DfE rule SW02)"),
        (b"SW_ID,team\nSW1001,\n", "teams.csv, row 2, team: blank"),
        (b"SW_ID,team\nSW1001,North\nSW1001,South\n", "row 3, SW_ID: SW1001 is already in row 2"),
        (b"SW_ID,team\nSW1001,North,extra\n", "teams.csv, row 2: 3 fields"),
        (b"SW_ID,team\n", "teams.csv: no workers"),
        (b"\xff\xfe", "teams.csv: not UTF-8"),
    ],
)
def test_a_bad_file_names_file_row_and_field(content, message):
    with pytest.raises(ValidationError) as error:
        read_team_file(content, "teams.csv")
    assert any(message in m for m in error.value.messages), error.value.messages


def test_every_bad_row_is_listed():
    with pytest.raises(ValidationError) as error:
        read_team_file(b"SW_ID,team\n,North\nSW1002,\nSW1003,South\n", "t.csv")
    assert error.value.messages == ["t.csv, row 2, SW_ID: blank", "t.csv, row 3, team: blank"]


def test_import_makes_a_version_and_its_teams(council):
    result = team_file_import(council=council, user=None, content=GOOD, file_name="uploads/t.csv")
    assert result.created and result.team_file.number == 1
    assert result.team_file.file_name == "t.csv"
    assert sorted(Team.objects.filter(council=council).values_list("name", flat=True)) == [
        "Assessment North",
        "Children in care 1",
    ]
    assert worker_teams(result.team_file).sort("SW_ID").rows() == [
        ("SW1001", "Assessment North"),
        ("SW1002", "Children in care 1"),
    ]
    entry = AuditEntry.objects.get(action="teams.import")
    assert entry.detail["workers"] == 2 and entry.detail["number"] == 1


def test_a_new_file_is_a_new_version_and_the_old_is_kept(council):
    team_file_import(council=council, user=None, content=GOOD, file_name="t.csv")
    again = team_file_import(council=council, user=None, content=GOOD, file_name="t.csv")
    assert not again.created and again.team_file.number == 1
    moved = b"SW_ID,team\nSW1001,Leaving care\n"
    second = team_file_import(council=council, user=None, content=moved, file_name="t.csv")
    assert second.team_file.number == 2
    first = TeamFile.objects.get(council=council, number=1)
    assert worker_teams(first).sort("SW_ID")["team"].to_list() == [
        "Assessment North",
        "Children in care 1",
    ]
    assert worker_teams(second.team_file).rows() == [("SW1001", "Leaving care")]


def test_a_bad_file_stores_nothing(council):
    with pytest.raises(ValidationError):
        team_file_import(
            council=council, user=None, content=b"SW_ID,team\nSW1001,\n", file_name="t.csv"
        )
    assert not TeamFile.objects.exists() and not Team.objects.exists()


def test_a_board_member_may_not_upload(council, make_user):
    board = make_user(Role.BOARD_MEMBER, council)
    with pytest.raises(PermissionDenied):
        team_file_import(council=council, user=board, content=GOOD, file_name="t.csv")


def test_the_command_imports_and_refuses(council, tmp_path, capsys):
    good = tmp_path / "teams.csv"
    good.write_bytes(GOOD)
    call_command("teams", "import", str(good), "--council", council.code)
    assert "version 1, 2 workers in 2 teams" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"SW_ID,team\nSW1001,\n")
    with pytest.raises(CommandError, match=r"bad.csv, row 2, team: blank"):
        call_command("teams", "import", str(bad), "--council", council.code)
