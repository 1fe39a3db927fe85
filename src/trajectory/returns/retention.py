"""Retention of uploads that were not imported: their child-level details expire (issue 6.6).

An upload's stored problems quote values from its files, child identifiers among them; its
problems.csv holds every problem and its rejected/ folder whole child rows as uploaded
(rejected_rows.py). For an upload that did not become a version (refused, discarded, already
imported) these are kept settings.TRAJECTORY_RETENTION_DAYS after its decision and then deleted
by `trajectory purge`. The record of the attempt stays: who, when, the files' names, sizes and
hashes, the counts of rows and problems, and `purged_at` saying when the rest went. A preview
nobody decided expires the same number of days after it was uploaded: it is discarded and
purged at once.

Return versions are never touched, neither their rows nor their Parquet folders. An accepted
upload keeps its warnings (the version's own). The staged copy of the files and tables of any
decided upload, accepted ones included, is redundant (accept and discard remove it themselves;
a run killed just after committing leaves it), so it goes at the next purge whatever its age.
Staging folders no upload names are leftovers of killed runs and are swept.

Each run writes one audit entry per council it touched, so every council's own log shows what
went from it, and one summary entry (no council) with the totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from trajectory.audit.services import record
from trajectory.returns import storage
from trajectory.returns.models import Upload
from trajectory.returns.services import LEFTOVER_AGE
from trajectory.returns.storage import KEPT_AFTER_DECISION

NOT_IMPORTED = (Upload.Status.REFUSED, Upload.Status.DISCARDED, Upload.Status.ALREADY_IMPORTED)
# What a decided upload's staging folder keeps until the retention; the rest is its staged copy.


@dataclass
class Expired:
    """An upload whose problems and child rows go, with its staging folder (None if gone)."""

    upload: Upload
    folder: Path | None
    bytes: int
    preview: bool = False  # never decided: it is discarded as it is purged


@dataclass
class StagedCopy:
    """The redundant staged files and tables of a decided upload.

    `whole` when the folder keeps nothing else (no problems were found): the folder itself
    goes and the upload stops naming it, so staging does not fill with empty folders.
    """

    upload: Upload
    paths: list[Path]
    bytes: int
    whole: bool = False


@dataclass
class Purge:
    """What a purge removes (or, planned, would remove)."""

    now: datetime
    retention_days: int
    expired: list[Expired] = field(default_factory=list)
    staged_copies: list[StagedCopy] = field(default_factory=list)
    orphans: list[tuple[Path, int]] = field(default_factory=list)  # (folder, bytes)

    @property
    def cutoff(self) -> datetime:
        return self.now - timedelta(days=self.retention_days)

    def counts(self) -> dict:
        return _counts(self.expired, self.staged_copies, self.orphans)

    def by_council(self) -> list[tuple[object, list[Expired], list[StagedCopy]]]:
        """(council, expired, staged copies) for each council touched, by council code."""
        councils: dict[int, tuple[object, list[Expired], list[StagedCopy]]] = {}
        for item in self.expired:
            council = item.upload.council
            councils.setdefault(council.pk, (council, [], []))[1].append(item)
        for copy in self.staged_copies:
            council = copy.upload.council
            councils.setdefault(council.pk, (council, [], []))[2].append(copy)
        return sorted(councils.values(), key=lambda entry: entry[0].code)


def _counts(expired, staged_copies, orphans=()) -> dict:
    return {
        "uploads_purged": len(expired),
        "previews_expired": sum(item.preview for item in expired),
        "staged_copies_removed": len(staged_copies),
        "orphan_folders_removed": len(orphans),
        "folders_removed": sum(item.folder is not None for item in expired)
        + sum(copy.whole for copy in staged_copies)
        + len(orphans),
        "bytes_removed": sum(item.bytes for item in expired)
        + sum(copy.bytes for copy in staged_copies)
        + sum(size for _, size in orphans),
    }


def purge_plan(*, now: datetime | None = None, retention_days: int | None = None) -> Purge:
    """What `uploads_purge` would remove now; reads only (`trajectory purge --dry-run`)."""
    days = settings.TRAJECTORY_RETENTION_DAYS if retention_days is None else retention_days
    if days < 0:
        raise ValidationError("The retention cannot be a negative number of days.")
    plan = Purge(now=now or timezone.now(), retention_days=days)
    live = Upload.objects.filter(purged_at__isnull=True).select_related("council")
    decided = (
        live.filter(status__in=NOT_IMPORTED)
        .annotate(decision=Coalesce("decided_at", "uploaded_at"))
        .filter(decision__lt=plan.cutoff)
    )
    previews = live.filter(status=Upload.Status.PREVIEW, uploaded_at__lt=plan.cutoff)
    plan.expired = [_expired(upload) for upload in decided.order_by("pk")] + [
        _expired(upload, preview=True) for upload in previews.order_by("pk")
    ]
    going = {item.upload.pk for item in plan.expired}
    for upload in (
        live.exclude(status=Upload.Status.PREVIEW).exclude(staging_path="").order_by("pk")
    ):
        if upload.pk not in going and (copy := _staged_copy(upload)) is not None:
            plan.staged_copies.append(copy)
    plan.orphans = [(folder, storage.size_of(folder)) for folder in _leftovers()]
    return plan


def _expired(upload: Upload, *, preview: bool = False) -> Expired:
    folder = storage.staging_of(upload.staging_path)
    if folder is None or not folder.exists():
        return Expired(upload=upload, folder=None, bytes=0, preview=preview)
    return Expired(upload=upload, folder=folder, bytes=storage.size_of(folder), preview=preview)


def _staged_copy(upload: Upload) -> StagedCopy | None:
    folder = storage.staging_of(upload.staging_path)
    if folder is None or not folder.is_dir():
        return None
    entries = sorted(folder.iterdir())
    paths = [path for path in entries if path.name not in KEPT_AFTER_DECISION]
    if len(paths) == len(entries):
        return StagedCopy(upload=upload, paths=[folder], bytes=storage.size_of(folder), whole=True)
    if not paths:
        return None
    return StagedCopy(
        upload=upload, paths=paths, bytes=sum(storage.size_of(path) for path in paths)
    )


def _leftovers() -> list[Path]:
    named = set(Upload.objects.exclude(staging_path="").values_list("staging_path", flat=True))
    return storage.staging_leftovers(named=named, older_than=LEFTOVER_AGE)


def uploads_purge(
    *, now: datetime | None = None, retention_days: int | None = None, user=None
) -> Purge:
    """Delete what the retention has expired, audited per council; returns what went.

    Each council's rows change in one transaction with its audit entry; folders are removed
    after it commits, so a run killed in between leaves only folders no upload names, which
    the next run sweeps. `user=None` is the command line; a signed-in user must be a superuser.
    """
    if user is not None and not user.is_superuser:
        raise PermissionDenied("Only the command line or a superuser may purge uploads.")
    plan = purge_plan(now=now, retention_days=retention_days)
    done = Purge(now=plan.now, retention_days=plan.retention_days)
    actor = getattr(user, "username", None) or "cli"
    for council, expired, staged_copies in plan.by_council():
        with transaction.atomic():
            purged = [item for item in expired if _purge_row(item, plan)]
            for copy in staged_copies:
                if copy.whole:
                    Upload.objects.filter(
                        pk=copy.upload.pk, staging_path=copy.upload.staging_path
                    ).update(staging_path="")
            if not purged and not staged_copies:
                continue
            record(
                user=user,
                action="returns.purge",
                council=council,
                detail={
                    "actor": actor,
                    "retention_days": plan.retention_days,
                    "cutoff": plan.cutoff.isoformat(),
                    "uploads": [item.upload.pk for item in purged],
                    **_counts(purged, staged_copies),
                },
            )
        for item in purged:
            if item.folder is not None:
                storage.remove_path(item.folder)
        for copy in staged_copies:
            for path in copy.paths:
                storage.remove_path(path)
        done.expired += purged
        done.staged_copies += staged_copies
    for folder in _leftovers():
        done.orphans.append((folder, storage.size_of(folder)))
        storage.remove_path(folder)
    record(
        user=user,
        action="returns.purge",
        detail={
            "actor": actor,
            "retention_days": done.retention_days,
            "cutoff": done.cutoff.isoformat(),
            "councils": sorted(
                {item.upload.council.code for item in done.expired}
                | {copy.upload.council.code for copy in done.staged_copies}
            ),
            **done.counts(),
        },
    )
    return done


def _purge_row(item: Expired, plan: Purge) -> bool:
    """Clear one upload's child-level details, unless it changed since it was planned."""
    upload = Upload.objects.select_for_update().get(pk=item.upload.pk)
    if upload.purged_at is not None or upload.staging_path != item.upload.staging_path:
        return False
    fields = ["errors", "warnings", "staging_path", "purged_at", "purged_after_days"]
    if item.preview:
        if upload.status != Upload.Status.PREVIEW:  # accepted or discarded meanwhile
            return False
        upload.status = Upload.Status.DISCARDED
        upload.decided_at = plan.now
        fields += ["status", "decided_at"]
    elif upload.status not in NOT_IMPORTED:
        return False
    upload.errors = []
    upload.warnings = []
    upload.staging_path = ""
    upload.purged_at = plan.now
    upload.purged_after_days = plan.retention_days
    upload.save(update_fields=fields)
    item.upload = upload
    return True
