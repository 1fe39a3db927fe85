"""Issue 6.1: an import killed at any step leaves nothing that reaches another council.

Eastshire (991) imports from the command line and is killed (SIGKILL, as a power cut or the
OOM killer would) at each named step. Westshire's (990) analyst then uploads through the real
server, reads the problems, and accepts. Every byte of Westshire's problems file and stored
version is searched for Eastshire's children, whose identifiers start "EAST" and appear in no
Westshire file; Westshire's version must hold exactly the two tables its upload recognised.
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import polars as pl
import pytest

from trajectory.returns.faults import POINTS

EPISODES_HEADER = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)


def east_files(folder: Path) -> Path:
    """Header, Episodes (one row whose end is before its start: a warning) and AD1."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "header.csv").write_text(
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
        "EAST0001,1,01/02/2010,WBRI,,,\nEAST0002,2,15/06/2012,MWBA,,,\n"
    )
    (folder / "episodes.csv").write_text(
        f"{EPISODES_HEADER}\n"
        "EAST0001,01/04/2022,S,C2,N1,U1,PR1,,,,,,\n"
        "EAST0002,10/10/2022,S,V2,N2,K2,PR2,05/01/2022,E4A,,,,\n"
    )
    (folder / "ad1.csv").write_text(
        "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n"
        "EAST0002,15/06/2012,01/03/2023,01/05/2023,0,1,M1,L0\n"
    )
    return folder


WEST_HEADER = (
    "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
    "WEST0001,1,03/03/2011,WBRI,,,\nWEST0002,2,04/04/2013,WBRI,,,\n"
)
WEST_EPISODES = (
    f"{EPISODES_HEADER}\n"
    "WEST0001,01/05/2022,S,C2,N1,U1,PR1,,,,,,\n"
    "WEST0002,01/06/2022,S,V2,N2,K2,PR2,01/01/2022,E4A,,,,\n"
)


def stored_files(var: Path) -> list[Path]:
    return sorted(p for p in (var / "returns").rglob("*") if p.is_file())


@pytest.mark.parametrize("point", POINTS)
def test_an_import_killed_at_any_step_leaks_nothing_into_the_next_councils_upload(
    server, tmp_path, point
):
    killed = server.trajectory(
        "import",
        "903",
        str(east_files(tmp_path / "east")),
        "--council",
        "991",
        extra_env={"TRAJECTORY_KILL_AT": point},
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    analyst = server.client("analyst-990")
    response = analyst.post(
        "/councils/990/returns/upload/",
        files=[
            ("files", ("header.csv", WEST_HEADER.encode(), "text/csv")),
            ("files", ("episodes.csv", WEST_EPISODES.encode(), "text/csv")),
        ],
    )
    assert response.status_code == 302, response.text[:2000]
    upload_id = int(re.search(r"/uploads/(\d+)/", response.headers["Location"]).group(1))

    problems = analyst.get(f"/councils/990/returns/uploads/{upload_id}/problems.csv")
    assert problems.status_code == 200
    # Exactly Westshire's one warning (Eastshire's would quote 05/01/2022), nothing else.
    assert problems.text == (
        "severity,file,row,column,value,message,code\r\n"
        "warning,episodes.csv,3,DEC,01/01/2022,"
        "The episode ends (DEC) before it starts (DECOM),356\r\n"
    )
    page = analyst.get(f"/councils/990/returns/uploads/{upload_id}/")
    assert "EAST" not in page.text

    accepted = analyst.post(f"/councils/990/returns/uploads/{upload_id}/accept/")
    assert accepted.status_code == 302, accepted.text[:2000]

    versions = (server.var / "returns" / "990" / "ssda903").iterdir()
    # One version per test run: the content is the same each time, so it is found again.
    (version,) = [v for v in versions if not v.name.startswith(".")]
    assert sorted(p.name for p in version.iterdir()) == ["Episodes.parquet", "Header.parquet"]
    for parquet in version.iterdir():
        assert b"EAST" not in parquet.read_bytes()
        assert set(pl.read_parquet(parquet)["CHILD"]) == {"WEST0001", "WEST0002"}
    for path in stored_files(server.var):
        if "990" in path.relative_to(server.var / "returns").parts[:1]:
            assert b"EAST" not in path.read_bytes(), path
    # Tidy Westshire's version away so the next parametrised run uploads afresh.
    server.python(
        "from trajectory.returns.models import ReturnVersion, Upload\n"
        "from trajectory.indicators.models import IndicatorRun\n"
        "from trajectory.dataquality.models import DataQualityRun, Finding\n"
        "import shutil\n"
        f"shutil.rmtree({str(version)!r})\n"
        "Upload.objects.filter(council__code='990').update(version=None)\n"
        "IndicatorRun.objects.filter(council__code='990').delete()\n"
        "Finding.objects.filter(run__version__council__code='990')._raw_delete('default')\n"
        "DataQualityRun.objects.filter(version__council__code='990')._raw_delete('default')\n"
        "ReturnVersion.objects.filter(council__code='990')._raw_delete('default')\n"
    )


def test_leftovers_of_killed_runs_are_swept(server, tmp_path):
    """A killed preview leaves a folder no upload names; once old, the next upload removes it."""
    killed = server.trajectory(
        "import",
        "903",
        str(east_files(tmp_path / "east")),
        "--council",
        "991",
        extra_env={"TRAJECTORY_KILL_AT": "preview.saved"},
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL
    staging = server.var / "returns" / "_staging"
    named = set(
        server.python(
            "from trajectory.returns.models import Upload\n"
            "print('\\n'.join(Upload.objects.values_list('staging_path', flat=True)))"
        ).split()
    )
    leftovers = [p for p in staging.iterdir() if f"_staging/{p.name}" not in named]
    assert leftovers, "the killed run left its staging folder behind"
    two_hours_ago = time.time() - 2 * 3600
    for folder in leftovers:
        os.utime(folder, (two_hours_ago, two_hours_ago))

    server.trajectory("import", "903", str(east_files(tmp_path / "again")), "--council", "991")
    assert not any(folder.exists() for folder in leftovers)
