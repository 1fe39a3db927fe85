"""`trajectory rules [--write-docs FILE]`: the data-quality rules in the catalogue, each year's
count, and those not implemented; `--write-docs` writes docs/dataquality-rules.md."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from trajectory.dataquality import registry
from trajectory.dataquality.catalogue import FIRST_YEAR, LAST_YEAR, year_text
from trajectory.dataquality.docs import TITLES, rules_markdown


class Command(BaseCommand):
    help = "List DfE's data-quality rules in the catalogue, or write their docs."

    def add_arguments(self, parser):
        parser.add_argument("--write-docs", type=Path, metavar="FILE")

    def handle(self, *args, **options):
        if options["write_docs"]:
            options["write_docs"].write_text(rules_markdown(), encoding="utf-8")
            self.stdout.write(f"Wrote {options['write_docs']}")
            return
        for returns, title in TITLES.items():
            counts = ", ".join(
                f"{year_text(year)}: {len(registry.rules_for(returns, year))}"
                for year in range(FIRST_YEAR, LAST_YEAR + 1)
            )
            missing = len(registry.catalogues()[returns].missing)
            self.stdout.write(f"{title}: {counts}; not implemented: {missing}")
