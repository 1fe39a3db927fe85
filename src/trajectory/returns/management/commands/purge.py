"""`trajectory purge [--dry-run] [--days N]`: delete what the upload retention has expired.

Prints each upload whose problems and child rows go, each staged copy and orphan staging folder
removed, and the totals (uploads, folders, bytes). `--dry-run` lists the same and changes
nothing; `--days` overrides TRAJECTORY_RETENTION_DAYS for this run. What expires, and what
never does (return versions), is in returns/retention.py.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from trajectory.returns import storage
from trajectory.returns.retention import Purge, purge_plan, uploads_purge


def _plural(count: int, word: str, plural: str = "") -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


class Command(BaseCommand):
    help = "Delete the problems and child rows of uploads past the retention, and stale staging."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be removed; change nothing"
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention in days for this run (default: TRAJECTORY_RETENTION_DAYS)",
        )

    def handle(self, *args, dry_run: bool, days: int | None, **options):
        try:
            if dry_run:
                purge = purge_plan(retention_days=days)
            else:
                purge = uploads_purge(retention_days=days)
        except ValidationError as problem:
            raise CommandError(" ".join(problem.messages)) from problem
        self._report(purge, dry_run=dry_run)

    def _report(self, purge: Purge, *, dry_run: bool) -> None:
        out = self.stdout
        out.write(
            f"Retention: {_plural(purge.retention_days, 'day')} "
            f"(uploads decided before {purge.cutoff:%Y-%m-%d %H:%M} UTC)"
        )
        for item in purge.expired:
            upload = item.upload
            if item.preview:
                what = f"waiting for review since {upload.uploaded_at:%Y-%m-%d}, discarded"
            else:
                decided = upload.decided_at or upload.uploaded_at
                what = f"{upload.get_status_display().lower()} {decided:%Y-%m-%d}"
            out.write(
                f"Upload {upload.pk} ({upload.council.code} {upload.council.name}, {what}): "
                f"problems and child rows, {_plural(item.bytes, 'byte')}"
            )
        for copy in purge.staged_copies:
            upload = copy.upload
            out.write(
                f"Upload {upload.pk} ({upload.council.code} {upload.council.name}, "
                f"{upload.get_status_display().lower()}): "
                f"{'staging folder' if copy.whole else 'staged copy'}, "
                f"{_plural(copy.bytes, 'byte')}"
            )
        for folder, size in purge.orphans:
            out.write(
                f"Staging folder no upload names: {storage.staging_relative(folder)}, "
                f"{_plural(size, 'byte')}"
            )
        counts = purge.counts()
        summary = (
            f"{_plural(counts['uploads_purged'], 'upload')} purged "
            f"({counts['previews_expired']:,} never decided), "
            f"{_plural(counts['staged_copies_removed'], 'staged copy', 'staged copies')} and "
            f"{_plural(counts['folders_removed'], 'folder')} removed, "
            f"{_plural(counts['bytes_removed'], 'byte')}."
        )
        if dry_run:
            out.write(f"Would go: {summary} Nothing was changed (dry run).")
        else:
            out.write(self.style.SUCCESS(f"Removed: {summary}"))
