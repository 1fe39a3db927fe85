"""`trajectory reference fetch` against a real HTTP server on 127.0.0.1 (issue 6.12)."""

from __future__ import annotations

import hashlib
import re
import socket

import pytest
from django.core.management import CommandError, call_command

from tests.reference.http_server import ABC_SHA256, FILES, write_manifest
from trajectory.reference.fetch import reference_fetch
from trajectory.reference.manifest import ManifestError, manifest_files


def _all_files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_the_manifest_carries_the_hash_worked_out_by_hand(served):
    files = {item.local_file: item for item in manifest_files(served.manifest)}
    assert files["ilacs/history.csv"].sha256 == ABC_SHA256
    assert files["ilacs/history.csv"].bytes == 3


def test_fetch_writes_every_file_verified_then_skips_them(served, tmp_path):
    into = tmp_path / "reference"
    files = manifest_files(served.manifest)

    first = reference_fetch(into=into, base_url=served.base_url, files=files)

    assert first.ok
    assert [item.local_file for item in first.fetched] == [
        "dfe/neighbours.csv",
        "ilacs/history.csv",
    ]
    assert (into / "dfe/neighbours.csv").read_bytes() == b"old_la_code,SN_1\n938,850\n"
    assert (into / "ilacs/history.csv").read_bytes() == b"abc"
    assert _all_files(into) == ["dfe/neighbours.csv", "ilacs/history.csv"]  # no temporary left
    assert served.requests == [
        "/example-org/example-data/0123456789abcdef0123456789abcdef01234567/data-raw/sn.csv",
        "/example-org/scrape/fedcba9876543210fedcba9876543210fedcba98/h.csv",
    ]

    second = reference_fetch(into=into, base_url=served.base_url, files=files)

    assert second.fetched == []
    assert [item.local_file for item in second.skipped] == [
        "dfe/neighbours.csv",
        "ilacs/history.csv",
    ]
    assert len(served.requests) == 2  # nothing downloaded again


def test_a_file_present_with_the_wrong_content_is_replaced(served, tmp_path):
    into = tmp_path / "reference"
    (into / "ilacs").mkdir(parents=True)
    (into / "ilacs/history.csv").write_bytes(b"abd")

    result = reference_fetch(
        into=into, base_url=served.base_url, files=manifest_files(served.manifest)
    )

    assert [item.local_file for item in result.fetched] == [
        "dfe/neighbours.csv",
        "ilacs/history.csv",
    ]
    assert (into / "ilacs/history.csv").read_bytes() == b"abc"


def test_a_tampered_file_is_refused_by_name_and_nothing_is_left(served, tmp_path):
    # Same length as the pinned "abc", different bytes: only the hash can tell.
    (served.folder / FILES["ilacs/history.csv"][0]).write_bytes(b"abd")
    into = tmp_path / "reference"

    result = reference_fetch(
        into=into, base_url=served.base_url, files=manifest_files(served.manifest)
    )

    assert [item.local_file for item, _ in result.failed] == ["ilacs/history.csv"]
    reason = result.failed[0][1]
    assert reason.startswith("ilacs/history.csv: expected sha256 " + ABC_SHA256)
    assert f"got {hashlib.sha256(b'abd').hexdigest()} from {served.base_url}/" in reason
    assert _all_files(into) == ["dfe/neighbours.csv"]  # the good file only, no .part


def test_a_longer_file_is_cut_off_at_the_pinned_size(served, tmp_path):
    (served.folder / FILES["ilacs/history.csv"][0]).write_bytes(b"abc" * 1000)
    into = tmp_path / "reference"

    result = reference_fetch(
        into=into, base_url=served.base_url, files=manifest_files(served.manifest)
    )

    assert "sent more than the 3 bytes the manifest expects" in result.failed[0][1]
    assert _all_files(into) == ["dfe/neighbours.csv"]


def test_a_missing_file_on_the_server_names_its_url(served, tmp_path):
    (served.folder / FILES["dfe/neighbours.csv"][0]).unlink()

    result = reference_fetch(
        into=tmp_path / "reference",
        base_url=served.base_url,
        files=manifest_files(served.manifest),
    )

    ((item, reason),) = result.failed
    assert item.local_file == "dfe/neighbours.csv"
    assert f"{served.base_url}/{FILES['dfe/neighbours.csv'][0]}" in reason
    assert "HTTP 404" in reason
    assert [item.local_file for item in result.fetched] == ["ilacs/history.csv"]


def test_a_server_that_is_down_is_a_clear_error_naming_the_url(tmp_path):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    manifest = write_manifest(tmp_path / "manifest.csv", FILES)
    base_url = f"http://127.0.0.1:{port}"

    with pytest.raises(CommandError, match="2 of 2 reference files could not be fetched"):
        call_command(
            "reference",
            "fetch",
            "--into",
            str(tmp_path / "reference"),
            "--base-url",
            base_url,
            "--manifest",
            str(manifest),
        )

    result = reference_fetch(
        into=tmp_path / "reference", base_url=base_url, files=manifest_files(manifest)
    )
    first, second = (reason for _, reason in result.failed)
    assert first.startswith(f"dfe/neighbours.csv: could not download {base_url}/example-org/")
    assert "refused" in first.lower()
    assert second == (
        f"ilacs/history.csv: not tried: 127.0.0.1:{port} did not answer for "
        f"{base_url}/{FILES['dfe/neighbours.csv'][0]}"
    )
    assert _all_files(tmp_path / "reference") == []


def test_the_command_fetches_then_reports_present(served, tmp_path, capsys):
    into = tmp_path / "reference"
    arguments = ["--manifest", str(served.manifest)]

    call_command(
        "reference", "fetch", "--into", str(into), "--base-url", served.base_url, *arguments
    )
    out = capsys.readouterr().out
    assert "fetched  ilacs/history.csv (3 bytes, sha256 ok)" in out
    assert "2 fetched, 0 already present and verified." in out

    call_command("reference", "status", "--reference-dir", str(into), *arguments)
    out = capsys.readouterr().out
    assert "present     dfe/neighbours.csv  (councils)" in out
    assert "All 2 reference files present and verified." in out


def test_the_base_url_comes_from_the_environment_setting(served, tmp_path, settings):
    settings.TRAJECTORY_REFERENCE_BASE_URL = served.base_url
    into = tmp_path / "reference"

    call_command("reference", "fetch", "--into", str(into), "--manifest", str(served.manifest))

    assert (into / "ilacs/history.csv").read_bytes() == b"abc"


def test_status_names_missing_and_wrong_files(served, tmp_path, capsys):
    into = tmp_path / "reference"
    (into / "ilacs").mkdir(parents=True)
    (into / "ilacs/history.csv").write_bytes(b"abd")

    with pytest.raises(CommandError, match="2 of 2 reference files are missing or do not match"):
        call_command(
            "reference", "status", "--reference-dir", str(into), "--manifest", str(served.manifest)
        )
    out = capsys.readouterr().out
    assert "missing     dfe/neighbours.csv" in out
    assert "wrong hash  ilacs/history.csv" in out


@pytest.mark.parametrize(
    ("local_file", "url", "sha256", "complaint"),
    [
        ("../outside.csv", "https://example.org/a.csv", ABC_SHA256, "not a path inside"),
        ("/etc/passwd", "https://example.org/a.csv", ABC_SHA256, "not a path inside"),
        ("a.csv", "file:///etc/passwd", ABC_SHA256, "not an http(s) address"),
        ("a.csv", "https://example.org/a.csv", "ABC", "not a sha256"),
    ],
)
def test_a_manifest_row_that_cannot_be_trusted_is_refused(
    tmp_path, local_file, url, sha256, complaint
):
    path = tmp_path / "manifest.csv"
    path.write_text(
        "local_file,needed_for,source,url,bytes,sha256,licence\n"
        f"{local_file},ofsted,x,{url},3,{sha256},none\n"
    )
    with pytest.raises(ManifestError, match=re.escape(complaint)):
        manifest_files(path)
