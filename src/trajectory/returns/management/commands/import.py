"""`trajectory import 903 PATH [PATH ...] --council CODE [--year 2024-25] [--user USERNAME]`.

Reads the files (a folder means every .csv and .xml inside it), prints what was recognised, the
collection year (as given by --year, or inferred from the data and saying from what) and every
problem as `file:row: column: message`, and imports the return as the council's next version
unless something refuses it. Exit status 1 when refused.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from trajectory.councils.models import Council
from trajectory.returns import collection_year
from trajectory.returns.models import Upload
from trajectory.returns.problems import Problem
from trajectory.returns.services import return_import

WARNINGS_LISTED = 50


class Command(BaseCommand):
    help = "Import an SSDA903 return (CSV tables or DfE XML) as a council's next version."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["903"], help="The return: 903 (SSDA903)")
        parser.add_argument("paths", nargs="+", type=Path, help="Files, or folders of files")
        parser.add_argument("--council", required=True, help="The council's 3-digit code")
        parser.add_argument(
            "--year",
            default=None,
            help="The collection year, e.g. 2024-25 (to 31 March 2025); inferred when omitted",
        )
        parser.add_argument(
            "--user",
            default=None,
            help="Import as this user (default: the command line's system actor)",
        )

    def handle(
        self,
        *args,
        kind: str,
        paths: list[Path],
        council: str,
        user: str | None,
        year: str | None,
        **options,
    ):
        found = Council.objects.filter(code=council).first()
        if found is None:
            raise CommandError(
                f"No council with code {council}; add it with `trajectory councils add`"
            )
        try:
            declared = collection_year.parse(year) if year is not None else None
        except ValueError as wrong:
            raise CommandError(f"--year: {wrong}") from wrong
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"Not found: {', '.join(missing)}")
        actor = None
        if user is not None:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No user called {user}")
        try:
            upload = return_import(
                council=found, user=actor, paths=paths, source="cli", year=declared
            )
        except PermissionDenied as denied:
            raise CommandError(f"{user} may not upload returns for {found.name}") from denied
        self._report(upload)

    def _report(self, upload: Upload) -> None:
        out = self.stdout
        for file in upload.files:
            table = file["table"] or "not recognised"
            out.write(f"{file['name']}: {table}")
        for table, rows in upload.row_counts.items():
            out.write(f"  {table}: {rows:,} rows")
        if upload.year is not None:
            how = (
                f"inferred from {upload.collection_year_basis}"
                if upload.collection_year_basis
                else "as given"
            )
            out.write(f"Collection year {upload.year.label} ({how})")
        errors = [Problem(**p) for p in upload.errors]
        warnings = [Problem(**p) for p in upload.warnings]
        for problem in errors:
            out.write(self.style.ERROR(problem.line()))
        if upload.error_count > len(errors):
            out.write(f"… and {upload.error_count - len(errors):,} more errors")
        if upload.warning_count <= WARNINGS_LISTED:
            for problem in warnings:
                out.write(self.style.WARNING(problem.line()))
        else:
            out.write(f"{upload.warning_count:,} warnings; by message:")
            by_message = Counter(f"{p.file}: {p.column}: {p.message}" for p in warnings)
            for message, count in by_message.most_common():
                out.write(self.style.WARNING(f"  {count:>6,} × {message}"))
            if upload.warning_count > len(warnings):
                out.write(f"  (counts are of the first {len(warnings):,} warnings)")

        if upload.status == Upload.Status.ACCEPTED:
            out.write(self.style.SUCCESS(f"Accepted as version {upload.version.number}"))
        elif upload.status == Upload.Status.ALREADY_IMPORTED:
            number = upload.council.return_versions.get(
                kind=upload.kind, content_sha256=upload.content_sha256
            ).number
            out.write(f"Already imported as version {number}")
        else:
            first = errors[0].message if errors else "see the problems above"
            raise CommandError(
                f"Refused: {upload.error_count:,} error(s), nothing was imported. First: {first}"
            )
