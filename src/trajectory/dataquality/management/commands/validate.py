"""`trajectory validate {903,cin} FILES [--previous FILES] --year 2024-25 [--json]`: DfE's
data-quality rules over a return, without importing it (issue 13.5).

Prints each finding ({"rule", "table", "row", "child", "fields", "message"}: `row` is the row
in the file as uploaded, the header being row 1) and a summary per rule (run with its count,
or not run with the reason). The reader's own problems (a file it cannot read, a date it
cannot parse) are printed first as findings of rule "read". Exit status 0 whatever is found:
finding problems is the command's job; a file that cannot be read at all exits 1.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from trajectory.dataquality import findings as finding_text
from trajectory.dataquality.context import Return
from trajectory.dataquality.reference import postcodes, providers
from trajectory.dataquality.run import validate
from trajectory.returns import collection_year
from trajectory.returns.cin.reader import read_return as read_cin
from trajectory.returns.progress import step_reporter
from trajectory.returns.ssda903.reader import read_return as read_903

READERS = {"903": ("ssda903", read_903), "cin": ("cin", read_cin)}


def _files(paths: list[Path]) -> list[tuple[str, Path]]:
    found = []
    for path in paths:
        if path.is_dir():
            found += [(item.name, item) for item in sorted(path.iterdir()) if item.is_file()]
        elif path.exists():
            found.append((path.name, path))
        else:
            raise CommandError(f"{path}: no such file or folder")
    return found


class Command(BaseCommand):
    help = "Run DfE's data-quality rules over a return without importing it."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(READERS))
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--previous", nargs="+", type=Path, default=[], metavar="FILE")
        parser.add_argument("--year", required=True, metavar="YYYY-YY")
        parser.add_argument("--la", default="", metavar="CODE", help="The submitting council")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        returns, reader = READERS[options["kind"]]
        try:
            year = collection_year.parse(options["year"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        with step_reporter(self.stderr._out) as step:
            step(f"Reading {len(options['files'])} path(s)")
            current = reader(
                _files(options["files"]), max_bytes=settings.TRAJECTORY_MAX_UPLOAD_BYTES, year=year
            )
            previous = None
            if options["previous"]:
                step("Reading the previous year")
                previous = reader(
                    _files(options["previous"]),
                    max_bytes=settings.TRAJECTORY_MAX_UPLOAD_BYTES,
                    year=collection_year.of_end_year(year.end_year - 1),
                )
            if not current.frames:
                for problem in current.log.kept:
                    self.stderr.write(f"{problem.file}: {problem.message}")
                raise CommandError("Nothing could be read from the files given.")
            step("Running the rules")
            report = validate(
                Return.of(
                    returns,
                    year.end_year,
                    current.frames,
                    previous=previous.frames if previous is not None else None,
                    postcodes=postcodes(),
                    providers=providers(),
                    la_code=options["la"],
                )
            )
        found = finding_text.read_findings(current, report) + finding_text.rule_findings(report)
        summary = [result.as_dict() for result in report.results] + [
            {
                "rule": item.code,
                "status": "not run",
                "reason": f"not run: not implemented: {item.reason}",
                "findings": 0,
            }
            for item in report.not_implemented
        ]
        if options["json"]:
            self.stdout.write(
                json.dumps({"findings": found, "rules": summary}, indent=2, default=str)
            )
            return
        for item in found:
            where = f"{item['table']} row {item['row']}" if item["row"] else item["table"]
            child = f" child {item['child']}" if item["child"] else ""
            fields = ", ".join(item["fields"])
            self.stdout.write(f"{item['rule']}: {where}{child} [{fields}]: {item['message']}")
        ran = [r for r in report.results if r.status == "ran"]
        self.stdout.write(
            f"{len(report.results)} rules for {year.label}: {len(ran)} run, "
            f"{sum(1 for r in report.results if r.status == 'not run')} not run, "
            f"{sum(1 for r in report.results if r.status == 'failed')} failed; "
            f"{sum(r.count for r in ran)} findings."
        )
        for item in report.not_implemented:
            self.stdout.write(f"  {item.code}: not run: not implemented: {item.reason}")
        for result in report.results:
            if result.status != "ran":
                self.stdout.write(f"  {result.rule.code}: {result.reason}")
            elif result.count:
                self.stdout.write(f"  {result.rule.code}: {result.count} finding(s)")
