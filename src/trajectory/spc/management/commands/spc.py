"""`trajectory spc --csv FILE [--json] [--polarity ...]`: an XmR chart of any series."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from trajectory.spc.series_file import SeriesFileError, read_series
from trajectory.spc.text import RULE_TEXT, VARIATION_TEXT
from trajectory.spc.xmr import POLARITIES, XmR, xmr


def as_json(chart: XmR) -> dict:
    """The chart as the issue's CLI prints it: the latest segment's mean and limits, then
    every point with its flag and variation (and the rule that names it)."""
    return {
        "mean": chart.mean,
        "upl": chart.upl,
        "lpl": chart.lpl,
        "points": [
            {
                "date": point.date.isoformat(),
                "value": point.value,
                "special_cause": point.special_cause,
                "variation": point.variation,
                "rule": point.rule,
            }
            for point in chart.points
        ],
    }


class Command(BaseCommand):
    help = (
        "Print the XmR (Making Data Count) chart of a CSV series with the header 'date,value': "
        "mean, process limits and each point's special cause and variation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--csv", type=Path, required=True, metavar="FILE")
        parser.add_argument("--json", action="store_true", help="Print JSON")
        parser.add_argument("--polarity", choices=POLARITIES, default="neutral")
        parser.add_argument(
            "--rebase",
            type=date.fromisoformat,
            action="append",
            default=[],
            metavar="YYYY-MM-DD",
            help="Take the limits afresh from this date (repeatable)",
        )
        parser.add_argument(
            "--no-screen",
            action="store_true",
            help="Keep moving ranges above 3.267 x their mean (as MDC's Excel tool does)",
        )

    def handle(self, *args, **options):
        try:
            dates, values = read_series(options["csv"])
        except SeriesFileError as problem:
            raise CommandError(str(problem)) from problem
        chart = xmr(
            values,
            dates,
            polarity=options["polarity"],
            rebase_dates=options["rebase"],
            screen_outliers=not options["no_screen"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(as_json(chart), indent=2))
            return
        self._print(chart)

    def _print(self, chart: XmR) -> None:
        for number, limits in enumerate(chart.segments, start=1):
            screened = (
                f", {limits.screened} moving range(s) screened out" if limits.screened else ""
            )
            self.stdout.write(
                f"Limits {number} from {limits.start.isoformat()} ({limits.points} points"
                f"{screened}): mean {limits.mean:.4g}, upper {limits.upl:.4g}, "
                f"lower {limits.lpl:.4g}"
            )
        self.stdout.write("")
        self.stdout.write(f"{'date':<12}{'value':>12}  variation")
        for point in chart.points:
            text = VARIATION_TEXT[point.variation]
            if point.special_cause:
                text += f" ({RULE_TEXT[point.rule]})"
            self.stdout.write(f"{point.date.isoformat():<12}{point.value:>12.6g}  {text}")
