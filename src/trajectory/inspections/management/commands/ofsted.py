"""`trajectory ofsted load | history | national`: the Ofsted record from the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trajectory.councils.models import Council
from trajectory.inspections.models import Grade
from trajectory.inspections.selectors import (
    BY_FIELDWORK,
    BY_PUBLICATION,
    council_inspections,
    national_grade_counts,
    national_record_loaded,
)
from trajectory.inspections.services import ofsted_load
from trajectory.reference.status import LOAD_COMMANDS, missing_files, missing_message


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


class Command(BaseCommand):
    help = "Load every council's Ofsted history from the reference data, and print it."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

        load = actions.add_parser(
            "load",
            help="Read every registered council's inspections and visits from the Ofsted files",
        )
        load.add_argument(
            "--reference-dir",
            type=Path,
            default=None,
            help="Defaults to settings.TRAJECTORY_REFERENCE_DIR",
        )
        load.add_argument(
            "--council",
            action="append",
            dest="councils",
            metavar="CODE",
            help="Only this council (repeatable)",
        )

        history = actions.add_parser("history", help="A council's inspections and visits")
        history.add_argument("--council", required=True, metavar="CODE")
        history.add_argument("--json", action="store_true")

        national = actions.add_parser(
            "national", help="How many councils hold each latest overall-effectiveness grade"
        )
        national.add_argument(
            "--as-at", required=True, type=dt.date.fromisoformat, metavar="YYYY-MM-DD"
        )
        national.add_argument(
            "--by",
            choices=[BY_FIELDWORK, BY_PUBLICATION],
            default=BY_FIELDWORK,
            help="fieldwork (default, Ofsted's rule): latest inspection whose fieldwork began "
            "on or before the date; published: whose report was published by then",
        )
        national.add_argument("--json", action="store_true")

    def handle(self, *args, action: str, **options):
        if action == "load":
            self._load(options)
        elif action == "history":
            self._history(options["council"], options["json"])
        else:
            self._national(options["as_at"], options["by"], options["json"])

    def _load(self, options) -> None:
        codes = set(options["councils"] or [])
        if missing := missing_files("ofsted", folder=options["reference_dir"]):
            raise CommandError(missing_message(missing, then=LOAD_COMMANDS[1:]))
        if not Council.objects.filter(is_synthetic=False).exists():
            raise CommandError("No councils registered: run `trajectory councils load-reference`.")
        try:
            result = ofsted_load(base=options["reference_dir"], council_codes=codes or None)
        except FileNotFoundError as error:
            raise CommandError(f"Reference data not found: {error}") from error
        self.stdout.write(
            f"Ofsted history for {result.councils} councils: {result.created} created, "
            f"{result.updated} updated, {result.unchanged} unchanged, "
            f"{result.kept_manual} left as entered by hand."
        )
        read = ", ".join(f"{source} {rows}" for source, rows in result.rows_read.items())
        self.stdout.write(f"Rows read: {read}.")
        if result.skipped_councils:
            gone = ", ".join(sorted(result.skipped_councils))
            self.stdout.write(
                f"Skipped rows for councils not registered or no longer existing: {gone}."
            )

    def _history(self, code: str, as_json: bool) -> None:
        council = Council.objects.filter(code=code).first()
        if council is None:
            raise CommandError(f"No council {code}. See `trajectory councils list`.")
        rows = [
            {
                "kind": inspection.kind,
                "framework": inspection.framework,
                "theme": inspection.theme,
                "fieldwork_start": _iso(inspection.fieldwork_start),
                "fieldwork_end": _iso(inspection.fieldwork_end),
                "published_on": _iso(inspection.published_on),
                "judgements": {j.area: j.grade for j in inspection.judgements.all()},
                "source": inspection.source,
            }
            for inspection in council_inspections(council)
        ]
        if as_json:
            self.stdout.write(
                json.dumps(
                    {"council": council.code, "name": council.name, "inspections": rows}, indent=2
                )
            )
            return
        self.stdout.write(f"{council.name} ({council.code}): {len(rows)} inspections and visits")
        for row in rows:
            overall = row["judgements"].get("overall", "")
            self.stdout.write(
                f"{row['fieldwork_start'] or '-':10}  {row['kind']:16}  {row['framework']:10}  "
                f"{overall or row['theme']}"
            )

    def _national(self, as_at: dt.date, rule: str, as_json: bool) -> None:
        if not national_record_loaded():  # zero councils at every grade would not be data
            if missing := missing_files("councils", "ofsted"):
                raise CommandError(missing_message(missing, then=LOAD_COMMANDS))
            raise CommandError(
                "No council's Ofsted history is loaded. Run "
                + " and ".join(f"`{command}`" for command in LOAD_COMMANDS)
                + "."
            )
        counts = national_grade_counts(as_at, rule=rule)
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "as_at": as_at.isoformat(),
                        "rule": rule,
                        "counts": {str(grade): count for grade, count in counts.items()},
                        "councils": sum(counts.values()),
                    },
                    indent=2,
                )
            )
            return
        self.stdout.write(f"Latest overall effectiveness as at {as_at:%d %B %Y} (by {rule}):")
        for grade, count in counts.items():
            self.stdout.write(f"  {Grade(grade).label:35} {count:4}")
        self.stdout.write(f"  {'Councils with a grade':35} {sum(counts.values()):4}")
