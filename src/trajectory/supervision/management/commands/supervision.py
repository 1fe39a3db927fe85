"""`trajectory supervision ...`: supervision from the command line (the system actor, trusted
like a deployment script and audited). A file is checked whole before anything is added, as on
the upload page (docs/supervision.md).

- `trajectory supervision upload FILE --council CODE [--accept]`: check the file and keep the
  upload; print what it would add, the rows already recorded, or every error as
  `file:row: field: message` (exit status 1, nothing added). With `--accept`, a clean file is
  then imported, all or nothing.
- `trajectory supervision accept ID --council CODE` / `discard ID --council CODE`: decide an
  upload waiting for review.
- `trajectory supervision compliance --council CODE [--json]`: compliance by month, and by
  team with each month under the team the worker was in then.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from trajectory.councils.models import Council
from trajectory.supervision import selectors, services
from trajectory.supervision.models import SupervisionImport


class Command(BaseCommand):
    help = "Upload supervision records (checked whole first) and read compliance."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        upload = actions.add_parser("upload", help="Check a CSV of supervisions, then import")
        upload.add_argument("file", type=Path)
        upload.add_argument("--council", required=True, metavar="CODE")
        upload.add_argument("--accept", action="store_true", help="Import it if it is clean")
        for name, text in (("accept", "Import"), ("discard", "Discard")):
            decide = actions.add_parser(name, help=f"{text} an upload waiting for review")
            decide.add_argument("upload", type=int, metavar="ID")
            decide.add_argument("--council", required=True, metavar="CODE")
        compliance = actions.add_parser("compliance", help="Compliance by month and team")
        compliance.add_argument("--council", required=True, metavar="CODE")
        compliance.add_argument("--json", action="store_true", help="Print JSON")

    def handle(self, *args, action: str, **options):
        council = Council.objects.filter(code=options["council"]).first()
        if council is None:
            raise CommandError(f"No council {options['council']}. See `trajectory councils list`.")
        getattr(self, f"_{action}")(council, options)

    def _upload(self, council, options):
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        upload = services.supervisions_preview(
            council=council, user=None, content=content, file_name=path.name
        )
        self.stdout.write(self._outcome(upload))
        if upload.status == SupervisionImport.Status.REFUSED:
            lines = [
                f"{p['file']}:{p['row']}: {p['column'] or 'file'}: {p['message']}"
                if p["row"] is not None
                else f"{p['file']}: {p['message']}"
                for p in upload.problems
            ]
            raise CommandError("\n".join(lines))
        if options["accept"] and upload.status == SupervisionImport.Status.PREVIEW:
            self._decide(council, upload.pk, services.supervisions_accept)

    def _outcome(self, upload: SupervisionImport) -> str:
        head = f"Upload {upload.pk}, {upload.file_name} (sha256 {upload.sha256[:12]}…): "
        if upload.status == SupervisionImport.Status.REFUSED:
            return head + f"refused, {upload.error_count} error(s); nothing was added."
        if upload.status == SupervisionImport.Status.ALREADY_IMPORTED:
            if upload.same_as is not None:
                return head + (
                    f"identical to upload {upload.same_as.pk}, already imported; nothing was "
                    "added, nothing is counted twice."
                )
            return head + "every supervision in it is already recorded; nothing was added."
        if upload.status == SupervisionImport.Status.ACCEPTED:
            return head + f"imported {upload.rows}, {upload.skipped} already recorded."
        if upload.status == SupervisionImport.Status.DISCARDED:
            return head + "discarded; nothing was added."
        return head + (
            f"would add {upload.rows}, {upload.skipped} already recorded (not added again). "
            f"Import it with `trajectory supervision accept {upload.pk} --council "
            f"{upload.council.code}`."
        )

    def _decide(self, council, pk: int, service) -> None:
        upload = SupervisionImport.objects.filter(council=council, pk=pk).first()
        if upload is None:
            raise CommandError(f"No upload {pk} in {council.name}.")
        try:
            done = service(upload=upload, user=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self._outcome(done))

    def _accept(self, council, options):
        self._decide(council, options["upload"], services.supervisions_accept)

    def _discard(self, council, options):
        self._decide(council, options["upload"], services.supervisions_discard)

    def _compliance(self, council, options):
        found = selectors.compliance(None, council)
        if options["json"]:
            rows = {"council": found.overall, "teams": found.by_team}
            self.stdout.write(json.dumps(rows, default=str, indent=2))
            return
        self.stdout.write(
            f"{council.name}: supervisions on time (held of due); by team, each month under "
            "the team the worker was in then."
        )
        for as_at, held, due, value in found.overall:
            if due:
                self.stdout.write(f"{as_at:%Y-%m}  {held}/{due}  {value}%")
        for team, rows in found.by_team.items():
            shown = [f"{r[0]:%Y-%m} {r[1]}/{r[2]}" for r in rows if r[2]]
            self.stdout.write(f"{team or 'No team'}: " + ", ".join(shown))
