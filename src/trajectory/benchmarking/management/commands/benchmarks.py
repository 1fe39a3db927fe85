"""`trajectory benchmarks`: a council's published figures against England, region, neighbours."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from trajectory.benchmarking import measures as catalogue
from trajectory.benchmarking.compare import TIES, Benchmarks, UnknownCouncil
from trajectory.benchmarking.published import MissingReferenceData
from trajectory.benchmarking.selectors import benchmarks_for
from trajectory.councils.models import Council
from trajectory.indicators import registry
from trajectory.indicators.figures import format_number, shown

NOT_HELD = "not held"


class Command(BaseCommand):
    help = (
        "Print a council's published DfE figures for an indicator beside England, its region, "
        "the mean of its ten statistical neighbours (DfE 2025 model) and its rank among all "
        "councils, every published year; our own figure beside them where we hold its data. "
        "Any council in DfE's published data can be named, in the database or not."
    )

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, help="The council's 3-digit DfE code")
        parser.add_argument(
            "--indicator",
            help="An indicator id (every indicator with a published counterpart when omitted)",
        )
        parser.add_argument("--json", action="store_true", help="Print JSON")

    def handle(self, *args, **options):
        code = options["council"].strip()
        try:
            council = Council.objects.filter(code=code).first()
        except DatabaseError:  # no database yet: the published figures need none
            council = None
        if options["indicator"]:
            try:
                registry.get(options["indicator"])
            except KeyError:
                raise CommandError(f"No indicator called {options['indicator']}.") from None
            wanted = [options["indicator"]]
        else:
            wanted = [i.id for i in registry.INDICATORS if catalogue.measure_for(i.id)]
        results = []
        for indicator_id in wanted:
            if catalogue.measure_for(indicator_id) is None:
                reason = catalogue.no_counterpart_reason(indicator_id)
                raise CommandError(f"{indicator_id} has no published counterpart. {reason}")
            try:
                results.append(benchmarks_for(None, council, indicator_id, code=code))
            except MissingReferenceData as error:
                raise CommandError(str(error)) from error
            except UnknownCouncil as error:
                raise CommandError(str(error)) from error
        if options["json"]:
            payload = [result.as_json() for result in results]
            self.stdout.write(json.dumps(payload[0] if options["indicator"] else payload))
            return
        for result in results:
            self._print(result, held=council is not None)

    def _print(self, result: Benchmarks, *, held: bool) -> None:
        indicator, measure = result.indicator, result.measure
        unit = measure.unit
        write = self.stdout.write
        write(
            f"{indicator.title}: {result.council_name} ({result.council_code}), "
            f"{result.region_name or 'no region'}"
        )
        filters = "; ".join(f"{column} = {value!r}" for column, value in measure.filters)
        write(f"Published as: {measure.published_as}")
        write(f"  from {measure.file}, column {measure.column}, where {filters}")
        if measure.note:
            write(f"  {measure.note}")
        names = ", ".join(f"{n.name} ({n.code})" for n in result.neighbours) or "none"
        write(f"Statistical neighbours (DfE {result.neighbour_model} model): {names}")
        write(
            f"Ranked among every council with a published figure: {result.rank_one_is}; "
            f"{TIES}. Quartile 1 holds the first quarter by rank."
        )
        if not held:
            write("This council's data is not held in Trajectory: no computed figure.")
        headings = [
            "Year to 31 March",
            "Council",
            "Ours",
            "Difference",
            "England",
            "Region",
            "Neighbours",
            "Rank",
            "Quartile",
            "Against England",
            "Not ranked",
        ]
        rows = []
        for year in result.years:
            ranking = year.ranking
            rank = f"{ranking.rank} of {ranking.ranked}" if ranking.rank else "not ranked"
            if ranking.rank and ranking.tied:
                rank += f" (tied with {ranking.tied})"
            left_out = (
                ", ".join(f"{count} {marker}" for marker, count in sorted(ranking.excluded.items()))
                or "none"
            )
            difference = year.difference
            rows.append(
                [
                    str(year.year),
                    year.council.shown(unit) if year.council else "not published",
                    shown(indicator, year.computed)
                    if year.computed is not None
                    else (NOT_HELD if not held else "no figure"),
                    "" if difference is None else f"{difference:+,}",
                    year.england.shown(unit) if year.england else "not published",
                    year.region.shown(unit) if year.region else "not published",
                    format_number(year.neighbours, unit, 1)
                    + (
                        f" ({year.neighbours_counted} of {len(result.neighbours)})"
                        if year.neighbours_left_out
                        else ""
                    ),
                    rank,
                    str(ranking.quartile or ""),
                    year.against_england or "",
                    left_out,
                ]
            )
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headings)]
        write("  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip())
        for row in rows:
            write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        for year in result.years:
            for neighbour, marker in year.neighbours_left_out:
                write(
                    f"{year.year}: {neighbour.name} ({neighbour.code}) left out of the "
                    f"neighbour mean: {marker}"
                )
        write("")
