"""The demo prints each login as "user name – role" (issue 7.15), so the role's code
(`board_member`) is not mistaken for the user name (`board-member`)."""

from __future__ import annotations

from django.core.management import call_command


def test_the_demo_prints_user_name_then_role(db, settings, tmp_path, capsys):
    settings.VAR_DIR = tmp_path / "var"
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path / "no-reference"

    call_command("demo", "--children", "60", "--years", "1", "--seed", "7")

    lines = capsys.readouterr().out.splitlines()
    start = lines.index("Sign in at http://127.0.0.1:8000/ as one of these (user name – role):")
    assert lines[start + 1 : start + 8] == [
        "  analyst – Performance analyst",
        "  manager – Team or service manager",
        "  leader – Leader (DCS, head of service)",
        "  commissioner – Commissioner or improvement partner",
        "  board-member – Improvement Board member",
        "  region – Region or DfE official",
        "  admin – User administrator",
    ]
    assert lines[start + 8].startswith("Password for every demo user (new on each start): ")
