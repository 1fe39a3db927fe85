"""`trajectory purge`: what it prints, `--dry-run` changing nothing, `--days` overriding."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.returns.test_retention import bytes_under, refused, staging_folders
from trajectory.audit.models import AuditEntry
from trajectory.returns import storage
from trajectory.returns.models import Upload

pytestmark = pytest.mark.django_db


def purge(*args: str) -> str:
    out = io.StringIO()
    call_command("purge", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def aged_uploads(council, analyst, write_files):
    """A refusal 31 days old (expired), one 29 days old (kept) and a 2-hour-old orphan folder."""
    old = refused(council, analyst, write_files, days_ago=31)
    recent = refused(council, analyst, write_files, days_ago=29)
    orphan = Path(settings.TRAJECTORY_STORAGE) / storage.STAGING / "upload-killedrun"
    orphan.mkdir()
    (orphan / "problems.csv").write_bytes(b"y" * 500)
    two_hours_ago = time.time() - 2 * 3600
    os.utime(orphan, (two_hours_ago, two_hours_ago))
    return old, recent, orphan


def test_purge_prints_what_it_removed(aged_uploads):
    old, recent, orphan = aged_uploads
    old_bytes = bytes_under(storage.staging_of(old.staging_path))
    decided = old.decided_at

    output = purge()

    assert output.splitlines() == [
        output.splitlines()[0],
        f"Upload {old.pk} (990 Westshire, refused {decided:%Y-%m-%d}): problems and child rows, "
        f"{old_bytes:,} bytes",
        "Staging folder no upload names: _staging/upload-killedrun, 500 bytes",
        f"Removed: 1 upload purged (0 never decided), 0 staged copies and 2 folders removed, "
        f"{old_bytes + 500:,} bytes.",
    ]
    assert output.startswith("Retention: 30 days (uploads decided before ")
    assert staging_folders() == [storage.staging_of(recent.staging_path)]
    old.refresh_from_db()
    assert old.purged_at is not None and old.errors == []


def test_dry_run_lists_the_same_and_changes_nothing(aged_uploads):
    old, recent, orphan = aged_uploads
    folders_before = staging_folders()
    files_before = sorted(p for folder in folders_before for p in folder.rglob("*"))
    rows_before = list(Upload.objects.order_by("pk").values())
    entries_before = AuditEntry.objects.count()

    output = purge("--dry-run")

    lines = output.splitlines()
    assert lines[1].startswith(f"Upload {old.pk} (990 Westshire, refused ")
    assert lines[2] == "Staging folder no upload names: _staging/upload-killedrun, 500 bytes"
    assert lines[3].startswith("Would go: 1 upload purged (0 never decided), 0 staged copies and ")
    assert lines[3].endswith("Nothing was changed (dry run).")
    assert staging_folders() == folders_before and orphan in folders_before
    assert sorted(p for folder in folders_before for p in folder.rglob("*")) == files_before
    assert list(Upload.objects.order_by("pk").values()) == rows_before
    assert AuditEntry.objects.count() == entries_before

    # What the dry run listed is then what goes.
    assert purge().splitlines()[1:3] == lines[1:3]


def test_days_overrides_the_retention(aged_uploads):
    old, recent, _ = aged_uploads
    output = purge("--days", "28")
    assert output.startswith("Retention: 28 days")
    assert "Removed: 2 uploads purged" in output
    recent.refresh_from_db()
    assert recent.purged_after_days == 28
    assert (
        AuditEntry.objects.filter(action="returns.purge")
        .order_by("id")
        .first()
        .detail["retention_days"]
        == 28
    )


def test_negative_days_is_refused(db):
    with pytest.raises(CommandError, match="negative"):
        purge("--days", "-1")
