"""`trajectory indicators`: figures at a date, a stored recompute, or the generated docs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from trajectory.councils.models import Council
from trajectory.indicators import registry, selectors, services
from trajectory.indicators.figures import shown
from trajectory.web.dates import govuk_date


class Command(BaseCommand):
    help = (
        "Print every indicator for a council at a date (--as-at, --json for JSON), store a "
        "monthly run (--recompute), or write docs/indicators.md (--write-docs PATH)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--council", help="The council's 3-digit DfE code")
        parser.add_argument("--as-at", type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--json", action="store_true", help="Print a JSON list")
        parser.add_argument(
            "--recompute",
            action="store_true",
            help="Compute every month-end from the latest return and store it as a run",
        )
        parser.add_argument(
            "--user",
            help="Username to record on a --recompute (needs compute_indicators); "
            "without it the run is recorded as made from the command line",
        )
        parser.add_argument(
            "--write-docs",
            type=Path,
            metavar="PATH",
            help="Write the indicator catalogue as Markdown to PATH",
        )

    def handle(self, *args, **options):
        if options["write_docs"]:
            options["write_docs"].write_text(registry.render_docs(), encoding="utf-8")
            self.stdout.write(f"Wrote {options['write_docs']}")
            if not options["council"]:
                return
        if not options["council"]:
            raise CommandError("Give --council CODE.")
        try:
            council = Council.objects.get(code=options["council"])
        except Council.DoesNotExist as missing:
            raise CommandError(f"No council with code {options['council']}.") from missing
        if options["recompute"]:
            self._recompute(council, options["user"])
        if options["as_at"]:
            self._print(selectors.indicators_at(council, options["as_at"]), options["json"])
        elif not options["recompute"]:
            raise CommandError("Give --as-at YYYY-MM-DD, or --recompute.")

    def _recompute(self, council, username: str | None) -> None:
        user = None
        if username:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"No user called {username}.")
        try:
            run = services.indicators_compute(council=council, user=user)
        except (PermissionDenied, ValidationError) as problem:
            raise CommandError(str(problem)) from problem
        self.stderr.write(
            f"Stored run {run.pk} for {council.name}: {run.values.count()} values, "
            f"{run.period_from} to {run.period_to}."
        )

    def _print(self, figures: list[dict], as_json: bool) -> None:
        if as_json:
            self.stdout.write(
                json.dumps([{**f, "as_at": f["as_at"].isoformat()} for f in figures], indent=2)
            )
            return
        if not figures:
            self.stdout.write("No SSDA903 return has been imported for this council.")
            return
        width = max(len(registry.get(f["id"]).title) for f in figures)
        self.stdout.write(f"Indicators at {govuk_date(figures[0]['as_at'])}")
        for figure in figures:
            indicator = registry.get(figure["id"])
            parts = ""
            if figure["denominator"] is not None and figure["numerator"] is not None:
                parts = f"  ({figure['numerator']:,.0f} / {figure['denominator']:,.0f})"
            self.stdout.write(
                f"  {indicator.title:<{width}}  {shown(indicator, figure['value']):>10}{parts}"
            )
