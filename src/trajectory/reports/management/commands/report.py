"""`trajectory report KIND --council CODE --as-at YYYY-MM-DD --format FORMAT --out FILE`:
generate a paper (issue 12.8) as a new report version, and write one of its files.

`--report-version N` writes a kept version's file instead of generating: the same paper as it was
generated, whatever has been imported since. `--from-version N` generates a new version with
version N's choices and today's figures, and prints what changed. `--list` prints the kind's
versions. The command line is the trusted system actor (`councils.permissions.require`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from trajectory.councils.models import Council
from trajectory.reports import catalogue, selectors, services
from trajectory.reports.models import ReportFile


class Command(BaseCommand):
    help = "Generate a board-ready paper and write it as HTML, PDF or Word."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[kind.key for kind in catalogue.REPORTS])
        parser.add_argument("--council", required=True, metavar="CODE")
        parser.add_argument("--as-at", type=date.fromisoformat, metavar="YYYY-MM-DD")
        parser.add_argument("--format", choices=ReportFile.Format.values, default="pdf")
        parser.add_argument("--out", type=Path, metavar="FILE")
        parser.add_argument(
            "--omit", action="append", default=[], metavar="SECTION", help="Leave a section out"
        )
        audience = parser.add_mutually_exclusive_group()
        audience.add_argument(
            "--external", action="store_true", help="Leaving the council: suppress small numbers"
        )
        audience.add_argument("--internal", action="store_true", help="Within the council")
        parser.add_argument("--minimum-count", type=int, metavar="N")
        parser.add_argument("--watermark", default="")
        parser.add_argument("--distribution", default="", help="Names, separated by ';'")
        parser.add_argument(
            "--option",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="A paper's own choice, e.g. meeting=12 for the board pack",
        )
        parser.add_argument("--report-version", type=int, dest="number", metavar="N")
        parser.add_argument("--from-version", type=int, metavar="N")
        parser.add_argument("--list", action="store_true", help="List the kind's versions")

    def handle(self, *args, **options):
        council = Council.objects.filter(code=options["council"]).first()
        if council is None:
            raise CommandError(f"No council {options['council']}. See `trajectory councils list`.")
        kind = catalogue.get(options["kind"])
        if options["list"]:
            self._list(council, kind)
            return
        if options["number"] is not None:
            version = selectors.version_for(None, council, kind.key, options["number"])
        else:
            version = self._generate(council, kind, options)
        if options["out"] is not None:
            file = services.report_file(version=version, file_format=options["format"])
            options["out"].write_bytes(bytes(file.content))
            self.stdout.write(
                f"Wrote {options['out']} ({file.size:,} bytes, sha256 {file.sha256[:12]}…)"
            )

    def _list(self, council, kind) -> None:
        versions = list(selectors.versions_for(None, council, kind.key))
        if not versions:
            self.stdout.write(f"{council.name} has no {kind.title.lower()}.")
        for version in versions:
            issued = f", issued {version.issued_at:%Y-%m-%d}" if version.issued_at else ""
            self.stdout.write(
                f"Version {version.number}: as at {version.as_at}, run {version.run_id}, "
                f"{version.get_audience_display().lower()}{issued}"
            )

    def _generate(self, council, kind, options):
        previous = None
        if options["from_version"] is not None:
            previous = selectors.version_for(None, council, kind.key, options["from_version"])
        as_at = options["as_at"] or (previous.as_at if previous else None)
        if as_at is None:
            raise CommandError(
                "Give --as-at YYYY-MM-DD (or --report-version N for a kept version)."
            )
        chosen = {}
        for pair in options["option"]:
            name, _, value = pair.partition("=")
            if not value:
                raise CommandError(f"--option {pair}: give NAME=VALUE")
            chosen[name] = int(value) if value.isdigit() else value
        leaves = True if options["external"] else False if options["internal"] else None
        try:
            version = services.report_generate(
                user=None,
                council=council,
                kind=kind.key,
                as_at=as_at,
                omit=frozenset(options["omit"]),
                leaves_council=leaves,
                minimum_count=options["minimum_count"],
                watermark=options["watermark"],
                distribution="\n".join(
                    name.strip() for name in options["distribution"].split(";") if name.strip()
                ),
                options=chosen,
                previous=previous,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"{kind.title}, version {version.number}, as at {version.as_at}: run "
            f"{version.run_id}, {version.get_audience_display().lower()}."
        )
        if version.changes:
            self.stdout.write(version.changes["summary"])
            for change in version.changes["figures"]:
                self.stdout.write(
                    f"  {change['label']} ({change['as_at']}): {change['before']} → "
                    f"{change['after']}"
                )
        return version
