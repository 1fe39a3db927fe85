"""The project's manifest pins exactly the files the loaders read, with their real hashes."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pytest

from trajectory.benchmarking import measures as benchmark_measures
from trajectory.councils import reference as councils_reference
from trajectory.inspections import reference as inspections_reference
from trajectory.reference.manifest import manifest_files

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
PINNED = re.compile(r"^https://raw\.githubusercontent\.com/[\w.-]+/[\w.-]+/[0-9a-f]{40}/[\w./-]+$")


def test_the_manifest_lists_exactly_the_files_the_loaders_read():
    read_by_loaders = {
        councils_reference.POPULATION_FILE: "councils",
        councils_reference.NEIGHBOURS_2025_FILE: "councils",
        councils_reference.NEIGHBOURS_2021_FILE: "councils",
        **{name: "ofsted" for name in inspections_reference.SOURCE_FILES.values()},
        inspections_reference.URN_LOOKUP: "ofsted",
    }
    assert len(read_by_loaders) == 8
    # DfE's LAIT dataset, named by the issue, for benchmarking: the measures, their dictionary
    # and the council codes (not its statistical neighbour copies; DfE's model is above).
    lait = {
        "dfe_lait/bds_long_0.parquet": "benchmarks",
        "dfe_lait/lait_data_dictionary.csv": "benchmarks",
        "dfe_lait/la_code_list.xlsx": "benchmarks",
    }
    # DfE's published EES files each indicator is compared with (benchmarking.measures; its
    # LAIT figure is in the dataset above).
    published = {name: "benchmarks" for name in benchmark_measures.files() if name not in lait}
    assert len(published) == 4
    assert {item.local_file: item.needed_for for item in manifest_files()} == (
        read_by_loaders | lait | published
    )
    assert [item.local_file for item in manifest_files(needed_for=("benchmarks",))] == [
        *lait,
        *published,
    ]


def test_every_url_is_pinned_to_a_commit():
    for item in manifest_files():
        assert PINNED.match(item.url), item.url
        assert item.url.endswith("/" + Path(item.local_file).name) or "ilacs" in item.local_file


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not on this machine")
def test_the_manifest_matches_the_files_in_shared_data():
    shared_manifest = {
        row["local_file"]: row for row in csv.DictReader((SHARED / "MANIFEST.csv").open())
    }
    for item in manifest_files():
        content = (SHARED / item.local_file).read_bytes()
        assert len(content) == item.bytes, item.local_file
        assert hashlib.sha256(content).hexdigest() == item.sha256, item.local_file
        row = shared_manifest[item.local_file]
        assert item.url == (
            "https://raw.githubusercontent.com/"
            f"{row['source_repo']}/{row['file_commit']}/{row['source_path']}"
        )


def test_the_reference_folder_defaults_to_shared_data_else_var_reference(monkeypatch, tmp_path):
    from trajectory import settings as project_settings

    monkeypatch.delenv("TRAJECTORY_REFERENCE_DIR", raising=False)
    monkeypatch.setattr(project_settings, "PROJECT_DIR", tmp_path / "checkout" / "main")
    monkeypatch.setattr(project_settings, "VAR_DIR", tmp_path / "var")
    assert project_settings._reference_dir() == tmp_path / "var" / "reference"

    (tmp_path / "checkout" / "shared" / "data").mkdir(parents=True)
    assert project_settings._reference_dir() == tmp_path / "checkout" / "shared" / "data"

    monkeypatch.setenv("TRAJECTORY_REFERENCE_DIR", str(tmp_path / "mine"))
    assert project_settings._reference_dir() == tmp_path / "mine"


@pytest.mark.django_db
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not on this machine")
def test_the_real_manifest_fetched_from_a_mirror_loads_englands_councils(tmp_path):
    """A mirror of the pinned files on 127.0.0.1 (copied from ../shared/data at their URL
    paths) gives a folder the council loader reads: 153 councils, as DfE's file lists."""
    from urllib.parse import urlsplit

    from django.core.management import call_command

    from tests.reference.http_server import Server
    from trajectory.councils.models import Council
    from trajectory.councils.reference import councils_load_reference
    from trajectory.reference.status import missing_files

    mirror = tmp_path / "mirror"
    for item in manifest_files():
        target = mirror / urlsplit(item.url).path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((SHARED / item.local_file).read_bytes())
    server = Server(mirror)
    into = tmp_path / "reference"
    try:
        call_command("reference", "fetch", "--into", str(into), "--base-url", server.base_url)
    finally:
        server.stop()

    assert missing_files(folder=into) == []
    result = councils_load_reference(base=into)
    assert result.councils_created == 153
    assert Council.objects.filter(code="938").get().name == "West Sussex"
