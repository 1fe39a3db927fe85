"""A programme drawn from generated returns stored as the importer stores them: the SSDA903
with its social workers, a CIN census read by its reader from DfE's XML, and the team file."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from django.conf import settings

from trajectory.assurance import services
from trajectory.returns.cin.reader import read_return
from trajectory.returns.models import ReturnVersion
from trajectory.synth.cin import generate_cin, write_cin_xml
from trajectory.synth.ssda903 import generate
from trajectory.synth.workers import social_workers, write_worker_teams

END = date(2025, 3, 31)


def _store(council, kind: str, frames: dict[str, pl.DataFrame], *, number: int, data_to=END):
    key = f"{council.code}/{kind}/{kind}{number:060d}"
    folder = Path(settings.TRAJECTORY_STORAGE) / key
    folder.mkdir(parents=True)
    for name, frame in frames.items():
        frame.write_parquet(folder / f"{name}.parquet")
    return ReturnVersion.objects.create(
        council=council,
        kind=kind,
        number=number,
        content_sha256=hashlib.sha256(f"{kind}{number}".encode()).hexdigest(),  # 64 characters
        storage_key=key,
        collection_year=2025,
        data_to=data_to,
    )


@pytest.mark.django_db
def test_a_programme_from_stored_returns(council, make_user, tmp_path):
    from trajectory.councils.team_files import team_file_import

    tables = generate(council_code=council.code, children=300, years=2, seed=3, end=END)
    sw, teams = social_workers(tables, seed=3, since=date(2023, 3, 31), end=END)
    _store(council, "ssda903", {**tables, "SWEpisodes": sw}, number=1)
    path = write_cin_xml(
        generate_cin(
            children=300, seed=3, council_code=council.code, looked_after=tables["Header"]
        ),
        tmp_path / "cin.xml",
    )
    census = read_return([("cin.xml", path)], max_bytes=50_000_000)
    assert not census.log.errors
    _store(council, "cin", census.tables, number=2)
    team_path = write_worker_teams(teams, tmp_path / "teams.csv")
    team_file_import(
        council=council, user=None, content=team_path.read_bytes(), file_name="teams.csv"
    )

    programme = services.programme_create(
        council=council, user=make_user("manager", council), month=date(2025, 6, 1), seed=5
    )
    assert programme.sampled_at == END  # the return ends before June
    assert programme.ssda903_version.number == 1 and programme.cin_version.number == 2
    assert programme.team_file is not None
    rules = dict(
        programme.audits.values_list("sample_rule")
        .distinct()
        .values_list("sample_rule", "sample_rule")
    )
    for rule in ("team", "worker", "permanence", "care_leaver", "child_protection"):
        assert rule in rules, rule
    held = programme.audits.filter(sample_rule="team")
    assert set(held.values_list("team", flat=True)) == set(teams["team"].unique())
    assert all(audit.worker for audit in held)
