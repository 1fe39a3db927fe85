"""`trajectory councils add | load-reference | list | population`: register councils and their
child populations from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trajectory.councils.models import Council
from trajectory.councils.reference import CURRENT_MODEL, councils_load_reference
from trajectory.councils.services import child_population_set, council_add
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

        population = actions.add_parser(
            "population",
            help="Set a council's children aged 0-17 for one year (councils not in the reference "
            "data, e.g. the demo), or list the years held",
        )
        population.add_argument("--council", required=True, help="DfE 3-digit LA number")
        population.add_argument(
            "--year",
            type=int,
            help="Mid-year of the estimate: 2024 serves month-ends April 2024 to March 2025",
        )
        population.add_argument("--population", type=int, help="Children aged 0-17")
        population.add_argument("--source", default="Set by hand (trajectory councils population)")

        listing = actions.add_parser("list", help="List registered councils")
        listing.add_argument("--json", action="store_true")

    def handle(self, *args, action: str, **options):
        if action == "add":
            self._add(options)
        elif action == "load-reference":
            self._load_reference(options["reference_dir"])
        elif action == "population":
            self._population(options)
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
        self.stdout.write(
            f"Child populations by year: {result.population_rows} held, "
            f"{result.population_rows_changed} changed by this run."
        )

    def _population(self, options) -> None:
        council = Council.objects.filter(code=options["council"].strip()).first()
        if council is None:
            raise CommandError(f"No council with code {options['council']}.")
        year, population = options["year"], options["population"]
        if (year is None) != (population is None):
            raise CommandError("Give --year and --population together (or neither, to list).")
        if year is not None:
            if population < 0:
                raise CommandError("--population cannot be negative")
            if not 1990 <= year <= 2100:
                raise CommandError("--year is the mid-year of the estimate, e.g. 2024")
            child_population_set(
                council=council, year=year, population=population, source=options["source"]
            )
            self.stdout.write(
                f"{council.name} ({council.code}): {population:,} children aged 0-17 at mid-"
                f"{year}, used for month-ends from April {year} to March {year + 1}."
            )
        for row in council.populations.order_by("year"):
            self.stdout.write(
                f"mid-{row.year}  {row.population:>9,}  April {row.year} to March {row.year + 1}"
                f"  ({row.source})"
            )

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
