"""`trajectory synth 903 ...`: write a synthetic council's SSDA903 extract as DfE-format CSV."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trajectory.synth import ssda903


class Command(BaseCommand):
    help = "Generate synthetic statutory returns (seeded, no real child data)."

    def add_arguments(self, parser):
        returns = parser.add_subparsers(dest="return_kind", required=True, metavar="RETURN")
        children_in_care = returns.add_parser(
            "903", help="SSDA903 children looked after return: Header, Episodes, Reviews, ..."
        )
        children_in_care.add_argument("--council", required=True, help="3-digit council code")
        children_in_care.add_argument(
            "--children", type=int, required=True, help="distinct children in the extract"
        )
        children_in_care.add_argument(
            "--years", type=int, required=True, help="collection years covered, ending --end"
        )
        children_in_care.add_argument("--seed", type=int, required=True)
        children_in_care.add_argument("--out", type=Path, required=True, help="output folder")
        children_in_care.add_argument(
            "--end",
            type=date.fromisoformat,
            default=date(2025, 3, 31),
            help="last day of the extract, YYYY-MM-DD (31 March)",
        )

    def handle(self, *args, **options):
        if options["children"] < 1 or options["years"] < 1:
            raise CommandError("--children and --years must be at least 1")
        tables = ssda903.generate(
            council_code=options["council"],
            children=options["children"],
            years=options["years"],
            seed=options["seed"],
            end=options["end"],
        )
        paths = ssda903.write_csv(tables, options["out"])
        for path, frame in zip(paths, tables.values(), strict=True):
            self.stdout.write(f"{path}  {frame.height} rows")
        looked_after = ssda903.looked_after_on(tables, options["end"])
        self.stdout.write(
            f"Children looked after on {options['end']:%d/%m/%Y} (not counting short breaks): "
            f"{looked_after}"
        )
