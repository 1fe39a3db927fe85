"""`trajectory councils add | load-reference | list`: register councils from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trajectory.councils.models import Council
from trajectory.councils.reference import CURRENT_MODEL, councils_load_reference
from trajectory.councils.services import council_add
from trajectory.reference.status import LOAD_COMMANDS, missing_files, missing_message


class Command(BaseCommand):
    help = "Register councils: one by hand, or all 153 from the public reference data."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

        add = actions.add_parser("add", help="Register one council (or update it by code)")
        add.add_argument("--code", required=True, help="DfE 3-digit LA number, e.g. 938")
        add.add_argument("--name", required=True)
        add.add_argument("--child-population", type=int, required=True, help="Children aged 0-17")
        add.add_argument("--region", default="")
        add.add_argument("--e-code", default="", help="ONS code, e.g. E10000032")
        add.add_argument("--synthetic", action="store_true", help="A made-up council")

        load = actions.add_parser(
            "load-reference",
            help="Register every council and its statistical neighbours from the reference data",
        )
        load.add_argument(
            "--reference-dir",
            type=Path,
            default=None,
            help="Defaults to settings.TRAJECTORY_REFERENCE_DIR",
        )

        listing = actions.add_parser("list", help="List registered councils")
        listing.add_argument("--json", action="store_true")

    def handle(self, *args, action: str, **options):
        if action == "add":
            self._add(options)
        elif action == "load-reference":
            self._load_reference(options["reference_dir"])
        else:
            self._list(options["json"])

    def _add(self, options) -> None:
        code = options["code"].strip()
        if not (len(code) == 3 and code.isdigit()):
            raise CommandError("--code must be the DfE 3-digit LA number, e.g. 938")
        if options["child_population"] < 0:
            raise CommandError("--child-population cannot be negative")
        council = council_add(
            code=code,
            name=options["name"],
            child_population=options["child_population"],
            region=options["region"],
            e_code=options["e_code"],
            is_synthetic=options["synthetic"],
        )
        self.stdout.write(
            f"Registered {council.name} ({council.code}), "
            f"{council.child_population:,} children aged 0-17."
        )

    def _load_reference(self, base: Path | None) -> None:
        if missing := missing_files("councils", folder=base):
            raise CommandError(missing_message(missing, then=LOAD_COMMANDS[:1]))
        try:
            result = councils_load_reference(base=base)
        except FileNotFoundError as error:
            raise CommandError(f"Reference data not found: {error}") from error
        total = Council.objects.filter(is_synthetic=False).count()
        self.stdout.write(
            f"Councils: {result.councils_created} created, {result.councils_updated} updated, "
            f"{result.councils_unchanged} unchanged ({total} real councils registered)."
        )
        for model, rows in sorted(result.neighbour_rows.items(), reverse=True):
            note = " (current)" if model == CURRENT_MODEL else ""
            unresolved = result.unresolved_neighbours.get(model, 0)
            extra = f", {unresolved} naming a council that no longer exists" if unresolved else ""
            self.stdout.write(f"Statistical neighbours {model}{note}: {rows} links{extra}.")
        self.stdout.write(f"Neighbour links changed by this run: {result.neighbour_rows_changed}.")

    def _list(self, as_json: bool) -> None:
        councils = Council.objects.order_by("code")
        if as_json:
            rows = [
                {
                    "code": c.code,
                    "e_code": c.e_code,
                    "name": c.name,
                    "region": c.region,
                    "child_population": c.child_population,
                    "is_synthetic": c.is_synthetic,
                }
                for c in councils
            ]
            self.stdout.write(json.dumps(rows, indent=2))
            return
        for council in councils:
            population = f"{council.child_population:,}" if council.child_population else "-"
            self.stdout.write(
                f"{council.code}  {council.e_code or '-':9}  {council.name:40}  "
                f"{council.region or '-':26}  {population:>9}"
            )
        self.stdout.write(f"{councils.count()} councils.")
