"""`trajectory supervision`: the upload checked whole from the command line, refused with every
error by file, row and field, imported with --accept, a second run adding nothing; compliance
by team printed."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from trajectory.supervision.models import Supervision, SupervisionImport

GOOD = "SW_ID,date,type,supervisor,cases\nSW0001,10/01/2025,individual,M1,C1\n"


def _run(*args) -> str:
    out = io.StringIO()
    call_command("supervision", *args, stdout=out)
    return out.getvalue()


def test_upload_from_the_command_line(council, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD + "SW0002,31/02/2025,individual,M1,\n")
    with pytest.raises(CommandError) as refused:
        _run("upload", str(bad), "--council", council.code)
    assert "bad.csv:3: date: The date must be a date such as 31/01/2025" in str(refused.value)
    assert Supervision.objects.count() == 0

    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    checked = _run("upload", str(good), "--council", council.code)
    assert "would add 1, 0 already recorded" in checked and Supervision.objects.count() == 0
    pk = SupervisionImport.objects.get(file_name="good.csv", status="preview").pk
    assert "imported 1" in _run("accept", str(pk), "--council", council.code)
    assert Supervision.objects.count() == 1
    again = _run("upload", str(good), "--council", council.code, "--accept")
    assert f"identical to upload {pk}, already imported" in again
    assert Supervision.objects.count() == 1
    with pytest.raises(CommandError):
        _run("accept", str(pk), "--council", council.code)
    # The default standard from January 2025 (the first record's month); SW0001 has no
    # qualification date, so is due monthly: January held on the 10th, February not.
    printed = _run("compliance", "--council", council.code)
    assert "2025-01  1/1  100.0%" in printed and "2025-02  0/1  0.0%" in printed
    assert "No team: 2025-01 1/1, 2025-02 0/1" in printed
