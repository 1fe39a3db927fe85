"""Issue 6.6: uploads not imported lose their problems and child rows after the retention.

Every upload's decision is set explicitly relative to one fixed NOW, so the ages are known:
31 days is past the default 30-day retention, 29 days is not. Sizes of what goes are read
from the folders before the purge, file by file.
"""

from __future__ import annotations

import hashlib
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from tests.returns.conftest import EPISODES, HEADER
from trajectory.audit.models import AuditEntry
from trajectory.indicators.models import IndicatorValue
from trajectory.indicators.services import indicators_compute
from trajectory.returns import storage
from trajectory.returns.models import ReturnVersion, Upload
from trajectory.returns.retention import purge_plan, uploads_purge
from trajectory.returns.services import upload_accept, upload_discard, upload_preview

pytestmark = pytest.mark.django_db

NOW = timezone.now()
# Row 3's DECOM is no date: an error, so the upload is refused and row 3 is kept as uploaded.
BAD_EPISODES = EPISODES.replace("1001,01/09/2022,P", "1001,31/02/2022,P")
# RNE "z" is not a DfE code: a warning, not an error, so the upload can be accepted.
WARNED_EPISODES = EPISODES + "1002,06/01/2023,z,V2,N2,K2,PR2,,,,,,\n"


def refused(council, user, write_files, *, days_ago: float) -> Upload:
    upload = upload_preview(
        council=council,
        user=user,
        files=write_files(header__csv=HEADER, episodes__csv=BAD_EPISODES),
    )
    assert upload.status == Upload.Status.REFUSED
    return aged(upload, decided_days_ago=days_ago)


def aged(upload: Upload, *, decided_days_ago: float | None = None, uploaded_days_ago=None):
    changes = {}
    if decided_days_ago is not None:
        changes["decided_at"] = NOW - timedelta(days=decided_days_ago)
    if uploaded_days_ago is not None:
        changes["uploaded_at"] = NOW - timedelta(days=uploaded_days_ago)
    Upload.objects.filter(pk=upload.pk).update(**changes)
    upload.refresh_from_db()
    return upload


def staging_folders() -> list[Path]:
    parent = Path(settings.TRAJECTORY_STORAGE) / storage.STAGING
    return sorted(parent.iterdir()) if parent.exists() else []


def bytes_under(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def test_refused_upload_is_decided_as_it_is_read(council, analyst, write_files):
    before = timezone.now()
    upload = upload_preview(
        council=council, user=analyst, files=write_files(episodes__csv=BAD_EPISODES)
    )
    assert upload.status == Upload.Status.REFUSED
    assert before <= upload.decided_at <= timezone.now()


def test_refused_31_days_ago_is_purged_and_29_days_ago_is_kept(council, analyst, write_files):
    old = refused(council, analyst, write_files, days_ago=31)
    recent = refused(council, analyst, write_files, days_ago=29)
    old_folder = storage.staging_of(old.staging_path)
    recent_folder = storage.staging_of(recent.staging_path)
    # What a refused upload keeps: every problem, and episodes.csv's (file 2) flagged rows.
    assert sorted(p.name for p in old_folder.iterdir()) == ["problems.csv", "rejected"]
    assert [p.name for p in (old_folder / "rejected").iterdir()] == ["2.json"]
    assert "31/02/2022" in (old_folder / "rejected" / "2.json").read_text()
    old_bytes = (old_folder / "problems.csv").stat().st_size + (
        old_folder / "rejected" / "2.json"
    ).stat().st_size
    recent_problems = list(recent.errors)
    assert staging_folders() == sorted([old_folder, recent_folder])

    done = uploads_purge(now=NOW)

    assert done.counts() == {
        "uploads_purged": 1,
        "previews_expired": 0,
        "staged_copies_removed": 0,
        "orphan_folders_removed": 0,
        "folders_removed": 1,
        "bytes_removed": old_bytes,
    }
    assert staging_folders() == [recent_folder]
    old.refresh_from_db()
    assert (old.errors, old.warnings, old.staging_path) == ([], [], "")
    assert (old.purged_at, old.purged_after_days) == (NOW, 30)
    # The record of the attempt stays: its status, counts and files.
    assert old.status == Upload.Status.REFUSED
    assert old.error_count == 1
    assert [f["name"] for f in old.files] == ["header.csv", "episodes.csv"]

    recent.refresh_from_db()
    assert recent.purged_at is None
    assert recent.errors == recent_problems and len(recent_problems) == 1
    assert recent.errors[0]["value"] == "31/02/2022"
    assert (recent_folder / "rejected" / "2.json").exists()

    # Purging again finds nothing more: the kept one is still 29 days old.
    assert uploads_purge(now=NOW).counts()["uploads_purged"] == 0
    assert staging_folders() == [recent_folder]


def test_retention_comes_from_settings_or_the_call(council, analyst, write_files, settings):
    settings.TRAJECTORY_RETENTION_DAYS = 10
    eleven = refused(council, analyst, write_files, days_ago=11)
    nine = refused(council, analyst, write_files, days_ago=9)
    assert [item.upload.pk for item in purge_plan(now=NOW).expired] == [eleven.pk]
    assert [item.upload.pk for item in purge_plan(now=NOW, retention_days=8).expired] == [
        eleven.pk,
        nine.pk,
    ]
    uploads_purge(now=NOW)
    eleven.refresh_from_db()
    nine.refresh_from_db()
    assert (eleven.purged_after_days, nine.purged_at) == (10, None)


def test_discarded_expires_from_its_decision_not_its_upload(council, analyst, write_files):
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES)
    old = upload_discard(
        upload=upload_preview(council=council, user=analyst, files=files), user=analyst
    )
    late = upload_discard(
        upload=upload_preview(council=council, user=analyst, files=files), user=analyst
    )
    aged(old, uploaded_days_ago=40, decided_days_ago=31)
    aged(late, uploaded_days_ago=40, decided_days_ago=29)  # decided late: kept 29 days so far
    assert [item.upload.pk for item in uploads_purge(now=NOW).expired] == [old.pk]
    late.refresh_from_db()
    assert late.purged_at is None


def test_preview_never_decided_expires_discarded_and_purged(council, analyst, write_files):
    files = write_files(header__csv=HEADER, episodes__csv=EPISODES)
    forgotten = aged(
        upload_preview(council=council, user=analyst, files=files), uploaded_days_ago=31
    )
    waiting = aged(upload_preview(council=council, user=analyst, files=files), uploaded_days_ago=29)
    forgotten_folder = storage.staging_of(forgotten.staging_path)
    waiting_folder = storage.staging_of(waiting.staging_path)
    # A preview holds its files as received and its tables, ready to accept.
    assert sorted(p.name for p in forgotten_folder.iterdir()) == ["files", "tables"]
    forgotten_bytes = bytes_under(forgotten_folder)

    done = uploads_purge(now=NOW)

    assert (done.counts()["previews_expired"], done.counts()["bytes_removed"]) == (
        1,
        forgotten_bytes,
    )
    forgotten.refresh_from_db()
    assert forgotten.status == Upload.Status.DISCARDED
    assert (forgotten.decided_at, forgotten.purged_at) == (NOW, NOW)
    assert not forgotten_folder.exists()
    waiting.refresh_from_db()
    assert (waiting.status, waiting.purged_at) == (Upload.Status.PREVIEW, None)
    assert list((waiting_folder / "tables").glob("*.parquet"))
    # The one still waiting can be accepted as ever.
    assert upload_accept(upload=waiting, user=analyst).number == 1


def test_accepted_version_is_untouched_and_its_staged_copy_goes(
    council, analyst, write_files, monkeypatch
):
    # An accept killed just after committing leaves its staged copy: skip the clean-up once.
    upload = upload_preview(
        council=council,
        user=analyst,
        files=write_files(header__csv=HEADER, episodes__csv=WARNED_EPISODES),
    )
    assert (upload.error_count, upload.warning_count) == (0, 1)
    monkeypatch.setattr("trajectory.returns.services.storage.remove_staging", lambda *a, **k: None)
    version = upload_accept(upload=upload, user=analyst)
    monkeypatch.undo()
    upload = aged(upload, decided_days_ago=400)
    folder = storage.staging_of(upload.staging_path)
    staged_bytes = bytes_under(folder / "files") + bytes_under(folder / "tables")
    version_folder = Path(settings.TRAJECTORY_STORAGE) / version.storage_key
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in version_folder.iterdir()}
    assert sorted(before) == ["Episodes.parquet", "Header.parquet"]
    row_before = ReturnVersion.objects.filter(pk=version.pk).values().get()
    run_before = indicators_compute(council=council, user=None)
    expired = refused(council, analyst, write_files, days_ago=31)

    done = uploads_purge(now=NOW, retention_days=30)

    assert [item.upload.pk for item in done.expired] == [expired.pk]
    assert [(copy.upload.pk, copy.whole) for copy in done.staged_copies] == [(upload.pk, False)]
    assert done.counts()["staged_copies_removed"] == 1
    # The staged copy goes; the accepted upload keeps its warning and the file listing it.
    assert sorted(p.name for p in folder.iterdir()) == ["problems.csv", "rejected"]
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in version_folder.iterdir()}
    assert after == before
    assert ReturnVersion.objects.filter(pk=version.pk).values().get() == row_before
    upload.refresh_from_db()
    assert (upload.status, upload.version_id, upload.purged_at) == (
        Upload.Status.ACCEPTED,
        version.pk,
        None,
    )
    assert [w["value"] for w in upload.warnings] == ["z"]
    assert done.counts()["bytes_removed"] == staged_bytes + done.expired[0].bytes

    run_after = indicators_compute(council=council, user=None)

    def values(run):
        return sorted(
            IndicatorValue.objects.filter(run=run).values_list(
                "indicator_id", "as_at", "value", "numerator", "denominator"
            )
        )

    assert values(run_after) == values(run_before) and values(run_after)


def test_orphan_staging_folders_are_swept_once_an_hour_old(council, analyst, write_files):
    kept = refused(council, analyst, write_files, days_ago=1)
    parent = Path(settings.TRAJECTORY_STORAGE) / storage.STAGING
    orphan = parent / "upload-killedrun"
    (orphan / "tables").mkdir(parents=True)
    (orphan / "tables" / "Header.parquet").write_bytes(b"x" * 1234)
    two_hours_ago = time.time() - 2 * 3600
    os.utime(orphan, (two_hours_ago, two_hours_ago))
    under_way = parent / "upload-underway"  # an attempt whose row is not committed yet
    under_way.mkdir()
    assert len(staging_folders()) == 3

    done = uploads_purge(now=NOW)

    assert done.orphans == [(orphan, 1234)]
    assert done.counts()["folders_removed"] == 1
    assert done.counts()["bytes_removed"] == 1234
    assert staging_folders() == sorted([storage.staging_of(kept.staging_path), under_way])


def test_audit_entry_per_council_touched_and_a_summary(
    council, analyst, make_council, make_user, write_files
):
    east = make_council(code="991", name="Eastshire")
    east_analyst = make_user("analyst", east)
    make_council(code="992", name="Northshire")  # nothing of its own: no entry
    west_old = refused(council, analyst, write_files, days_ago=45)
    refused(council, analyst, write_files, days_ago=3)
    east_old = [refused(east, east_analyst, write_files, days_ago=d) for d in (31, 60)]
    west_bytes = bytes_under(storage.staging_of(west_old.staging_path))
    east_bytes = sum(bytes_under(storage.staging_of(u.staging_path)) for u in east_old)

    uploads_purge(now=NOW)

    entries = AuditEntry.objects.filter(action="returns.purge").order_by("id")
    assert [entry.council.code if entry.council else None for entry in entries] == [
        "990",
        "991",
        None,
    ]
    west, east_entry, summary = entries
    cutoff = (NOW - timedelta(days=30)).isoformat()
    assert west.detail == {
        "actor": "cli",
        "retention_days": 30,
        "cutoff": cutoff,
        "uploads": [west_old.pk],
        "uploads_purged": 1,
        "previews_expired": 0,
        "staged_copies_removed": 0,
        "orphan_folders_removed": 0,
        "folders_removed": 1,
        "bytes_removed": west_bytes,
    }
    assert east_entry.detail["uploads"] == [u.pk for u in east_old]
    assert (east_entry.detail["folders_removed"], east_entry.detail["bytes_removed"]) == (
        2,
        east_bytes,
    )
    assert summary.detail == {
        "actor": "cli",
        "retention_days": 30,
        "cutoff": cutoff,
        "councils": ["990", "991"],
        "uploads_purged": 3,
        "previews_expired": 0,
        "staged_copies_removed": 0,
        "orphan_folders_removed": 0,
        "folders_removed": 3,
        "bytes_removed": west_bytes + east_bytes,
    }
    # A run with nothing to do still leaves its summary, and no council entry.
    uploads_purge(now=NOW)
    last = AuditEntry.objects.filter(action="returns.purge").order_by("id").last()
    assert (last.council, last.detail["uploads_purged"], last.detail["bytes_removed"]) == (
        None,
        0,
        0,
    )
    assert AuditEntry.objects.filter(action="returns.purge").count() == 4


def test_plan_changes_nothing_and_names_what_the_purge_removes(council, analyst, write_files):
    old = refused(council, analyst, write_files, days_ago=31)
    folder = storage.staging_of(old.staging_path)
    files_before = sorted(p for p in folder.rglob("*"))
    entries_before = AuditEntry.objects.count()

    plan = purge_plan(now=NOW)

    assert [(item.upload.pk, item.folder) for item in plan.expired] == [(old.pk, folder)]
    assert sorted(p for p in folder.rglob("*")) == files_before
    old.refresh_from_db()
    assert old.purged_at is None and len(old.errors) == 1
    assert AuditEntry.objects.count() == entries_before
    assert uploads_purge(now=NOW).counts() == plan.counts()


def test_a_signed_in_user_who_is_not_a_superuser_cannot_purge(council, analyst):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        uploads_purge(now=NOW, user=analyst)


def test_empty_staging_folder_of_an_accepted_upload_goes_and_the_version_stays(
    council, analyst, write_files
):
    upload = upload_preview(
        council=council, user=analyst, files=write_files(header__csv=HEADER, episodes__csv=EPISODES)
    )
    assert (upload.error_count, upload.warning_count) == (0, 0)
    version = upload_accept(upload=upload, user=analyst)
    upload.refresh_from_db()
    folder = storage.staging_of(upload.staging_path)
    assert folder.is_dir() and list(folder.iterdir()) == []  # the accept emptied it
    version_folder = Path(settings.TRAJECTORY_STORAGE) / version.storage_key
    before = {p.name: p.read_bytes() for p in version_folder.iterdir()}

    done = uploads_purge(now=NOW)

    assert [(copy.upload.pk, copy.whole, copy.bytes) for copy in done.staged_copies] == [
        (upload.pk, True, 0)
    ]
    assert done.counts()["folders_removed"] == 1
    assert staging_folders() == []
    upload.refresh_from_db()
    assert (upload.staging_path, upload.purged_at, upload.version_id) == ("", None, version.pk)
    assert {p.name: p.read_bytes() for p in version_folder.iterdir()} == before
    assert uploads_purge(now=NOW).counts()["folders_removed"] == 0
