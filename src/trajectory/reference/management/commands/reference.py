"""`trajectory reference fetch | status`: the public reference files, downloaded and checked."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from trajectory.reference.fetch import reference_fetch
from trajectory.reference.manifest import MANIFEST, ManifestError, manifest_files
from trajectory.reference.status import FETCH_COMMAND, PRESENT, reference_status


class Command(BaseCommand):
    help = "Download the public reference files the app reads (sha256 checked), or list them."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        fetch = actions.add_parser(
            "fetch", help="Download every file missing from the reference folder, verifying each"
        )
        fetch.add_argument(
            "--into",
            type=Path,
            default=None,
            help="Reference folder (default settings.TRAJECTORY_REFERENCE_DIR)",
        )
        fetch.add_argument(
            "--base-url",
            default=None,
            help="A mirror: replaces the scheme and host of each pinned URL "
            "(default TRAJECTORY_REFERENCE_BASE_URL)",
        )
        status = actions.add_parser("status", help="Each file: present, missing or wrong hash")
        status.add_argument(
            "--reference-dir",
            type=Path,
            default=None,
            help="Defaults to settings.TRAJECTORY_REFERENCE_DIR",
        )
        for action in (fetch, status):
            action.add_argument(
                "--manifest", type=Path, default=MANIFEST, help="Another manifest (mirrors, tests)"
            )

    def handle(self, *args, action: str, manifest: Path, **options):
        try:
            files = manifest_files(manifest)
        except (ManifestError, OSError) as error:
            raise CommandError(f"The manifest cannot be read: {error}") from error
        if action == "fetch":
            self._fetch(files, options["into"], options["base_url"])
        else:
            self._status(files, options["reference_dir"])

    def _fetch(self, files, into: Path | None, base_url: str | None) -> None:
        into = Path(into or settings.TRAJECTORY_REFERENCE_DIR)
        base_url = base_url or settings.TRAJECTORY_REFERENCE_BASE_URL or None
        self.stdout.write(f"Fetching {len(files)} reference files into {into}")
        result = reference_fetch(into=into, base_url=base_url, files=files)
        for item in result.fetched:
            self.stdout.write(f"  fetched  {item.local_file} ({item.bytes:,} bytes, sha256 ok)")
        for item in result.skipped:
            self.stdout.write(f"  present  {item.local_file}")
        if result.failed:
            for _, reason in result.failed:
                self.stderr.write(f"  FAILED   {reason}")
            raise CommandError(
                f"{len(result.failed)} of {len(files)} reference files could not be fetched."
            )
        self.stdout.write(
            f"{len(result.fetched)} fetched, {len(result.skipped)} already present and verified."
        )

    def _status(self, files, folder: Path | None) -> None:
        folder = Path(folder or settings.TRAJECTORY_REFERENCE_DIR)
        self.stdout.write(f"Reference folder: {folder}")
        states = reference_status(folder, files)
        for item, state in states:
            self.stdout.write(f"  {state:10}  {item.local_file}  ({item.needed_for})")
        bad = [item for item, state in states if state != PRESENT]
        if bad:
            raise CommandError(
                f"{len(bad)} of {len(files)} reference files are missing or do not match the "
                f"manifest. Run `{FETCH_COMMAND}`."
            )
        self.stdout.write(f"All {len(files)} reference files present and verified.")
