"""`trajectory import {903,cin,annexa,workforce} PATH [PATH ...] --council CODE [--year 2024-25]
[--previous PATH ...] [--user USERNAME]`.

The return is named as formats.py names it (903, cin, annexa, workforce), and read by that
format's reader on the one path every return takes (services.return_import). Reads the files
(a folder means every file of the format's types inside it), prints what was recognised, the
collection year (as given by --year, or inferred from the data and saying from what) and every
problem in one format for every return, `file:row: field: message (found "value")` (the row
of a CSV or spreadsheet as people count it, the line of an XML element), and imports the
return as the council's next version unless something refuses it. An Annex A workbook with
flagged rows has them written back as a workbook to fix, and the command prints where.
`--previous` gives the previous year's return too: both are imported, each as its own version,
or neither.

While it reads, a progress line on standard error (rich's, when standard error is a terminal)
says what it is doing and for how long. Exit status 1 when refused, and for a return whose
reader is not yet available.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from trajectory.councils.models import Council
from trajectory.returns import collection_year, formats, storage
from trajectory.returns.models import Upload
from trajectory.returns.problems import Problem
from trajectory.returns.progress import step_reporter
from trajectory.returns.services import return_import

WARNINGS_LISTED = 50


class Command(BaseCommand):
    help = "Import a statutory return (SSDA903, CIN census, Annex A, workforce) as a new version."

    def add_arguments(self, parser):
        parser.add_argument(
            "kind",
            choices=list(formats.BY_CLI_NAME),
            help="The return: "
            + ", ".join(f"{f.cli_name} ({f.title})" for f in formats.FORMATS.values()),
        )
        parser.add_argument("paths", nargs="+", type=Path, help="Files, or folders of files")
        parser.add_argument(
            "--previous",
            nargs="+",
            type=Path,
            default=None,
            help="The previous year's return (files or folders), imported with it",
        )
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
        previous: list[Path] | None = None,
        **options,
    ):
        fmt = formats.BY_CLI_NAME[kind]
        if not fmt.available:
            raise CommandError(formats.not_available_message(fmt))
        found = Council.objects.filter(code=council).first()
        if found is None:
            raise CommandError(
                f"No council with code {council}; add it with `trajectory councils add`"
            )
        try:
            declared = collection_year.parse(year) if year is not None else None
        except ValueError as wrong:
            raise CommandError(f"--year: {wrong}") from wrong
        missing = [str(p) for p in [*paths, *(previous or [])] if not p.exists()]
        if missing:
            raise CommandError(f"Not found: {', '.join(missing)}")
        actor = None
        if user is not None:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No user called {user}")
        try:
            with self._progress() as step:
                upload = return_import(
                    council=found,
                    user=actor,
                    paths=paths,
                    source="cli",
                    year=declared,
                    kind=fmt.kind,
                    previous_paths=previous,
                    progress=step,
                )
        except PermissionDenied as denied:
            raise CommandError(f"{user} may not upload returns for {found.name}") from denied
        except ValidationError as problem:
            raise CommandError(" ".join(problem.messages)) from problem
        if upload.companion is not None:
            refused = [self._report(upload.companion, final=False)]
            self.stdout.write("")
            refused.append(self._report(upload, final=False))
            if any(refused):
                raise CommandError(
                    "Refused: nothing of the two years was imported (see the errors above)"
                )
            return
        self._report(upload)

    def _rows_to_fix(self, upload: Upload) -> None:
        """Where a workbook's flagged rows were written (annex_a/rejected.py), to fix and
        import again, and the upload's page that offers them for download."""
        folder = storage.staging_of(upload.staging_path)
        if folder is None:
            return
        page = reverse("upload_detail", args=[upload.council.code, upload.pk])
        for number, file in enumerate(upload.files, start=1):
            kept = folder / storage.REJECTED_FOLDER / f"{number}{storage.REJECTED_WORKBOOK}"
            if file.get("flagged_rows") and kept.exists():
                self.stdout.write(
                    f"{file['name']}: the {file['flagged_rows']:,} row(s) with problems, with a "
                    f"TRAJECTORY_PROBLEMS column, were written to {kept} (also on the upload's "
                    f"page, {page})"
                )

    def _progress(self):
        return step_reporter(self.stderr._out)

    def _report(self, upload: Upload, *, final: bool = True) -> bool:
        """Print what the upload found; True when it was refused (raised when `final`)."""
        out = self.stdout
        out.write(f"{upload.get_kind_display()}, upload {upload.pk}")
        for file in upload.files:
            table = file["table"] or "not recognised"
            out.write(f"{file['name']}: {table}")
        for table, rows in upload.row_counts.items():
            out.write(f"  {table}: {rows:,} rows")
        for sheet in upload.recognition:
            where = f"{sheet.get('file', '')} › {sheet.get('sheet', '')}"
            if sheet.get("list_name"):
                out.write(
                    f"{where}: {sheet['list_name']} (by {sheet.get('recognised_by', '')}; "
                    f"headers in row {sheet.get('header_row')}, {sheet.get('rows', 0):,} rows)"
                )
                for column in sheet.get("columns", []):
                    if not column.get("field"):
                        out.write(
                            f"    column {column.get('letter', '')} "
                            f"“{column.get('header', '')}”: not read"
                        )
                for name in sheet.get("missing", []):
                    out.write(f"    no column for “{name}”")
            else:
                out.write(f"{where}: not recognised ({sheet.get('note', '')})")
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

        self._rows_to_fix(upload)
        if upload.status == Upload.Status.ACCEPTED:
            out.write(self.style.SUCCESS(f"Accepted as version {upload.version.number}"))
        elif upload.status == Upload.Status.ALREADY_IMPORTED:
            number = upload.council.return_versions.get(
                kind=upload.kind, content_sha256=upload.content_sha256
            ).number
            out.write(f"Already imported as version {number}")
        elif upload.status == Upload.Status.DISCARDED:
            out.write("Not imported: the other year's return was refused")
        else:
            first = errors[0].message if errors else "see the problems above"
            message = (
                f"Refused: {upload.error_count:,} error(s), nothing was imported. First: {first}"
            )
            if final:
                raise CommandError(message)
            out.write(self.style.ERROR(message))
            return True
        return False
