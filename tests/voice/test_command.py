"""`trajectory voice`: surveys wave by wave, an upload all or nothing, the engagement log."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.voice.conftest import HEADER
from trajectory.voice import services
from trajectory.voice.models import ResultsUpload


def test_upload_list_and_engagement(council, survey, analyst, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "March 2024,2024-03-22,a,A,67,73,\n")
    errors = StringIO()
    with pytest.raises(CommandError, match="Nothing was kept: 1 problem"):
        call_command(
            "voice",
            "upload",
            str(bad),
            "--council",
            council.code,
            "--survey",
            str(survey.pk),
            stderr=errors,
        )
    assert "bad.csv, row 2, respondents '': is blank" in errors.getvalue()
    assert ResultsUpload.objects.count() == 0
    good = tmp_path / "good.csv"
    good.write_text(
        HEADER + "March 2024,2024-03-22,a,A,67,73,176\nMay 2025,2025-05-30,a,A,75,73,180\n"
    )
    out = StringIO()
    call_command(
        "voice",
        "upload",
        str(good),
        "--council",
        council.code,
        "--survey",
        str(survey.pk),
        stdout=out,
    )
    assert "Kept good.csv: 2 rows" in out.getvalue()
    out = StringIO()
    call_command("voice", "surveys", "--council", council.code, "--json", stdout=out)
    [found] = json.loads(out.getvalue())["surveys"]
    assert [w["council_percent"] for w in found["questions"][0]["waves"]] == ["67%", "75%"]
    assert found["questions"][0]["waves"][1]["change"] == "+8 points"
    services.event_create(
        council=council,
        user=analyst,
        kind="event",
        format="virtual",
        held_on=date(2025, 6, 16),
        title="Online session",
        attendance=20,
    )
    out = StringIO()
    call_command(
        "voice", "engagement", "--council", council.code, "--since", "2025-06-01", stdout=out
    )
    assert out.getvalue().strip() == (
        "Staff engagement event: 0 face to face, 1 virtual, 20 attended (2025-06-16 to 2025-06-16)"
    )
