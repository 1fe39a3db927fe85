"""Each figure of the scorecard with what the board asks of it (issue 8.9): is it moving beyond
its usual variation (SPC, spc/), is it on target (targets/), and where does it stand against
England and the statistical neighbours (benchmarking/)?

One read per source for the whole scorecard: the latest run's charts, the targets in force and
each indicator's published benchmarks (cached per reference file by the benchmarking app). The
scorecard and the overview's headline figures both show these lines, so the two agree."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from threading import Lock

from django.conf import settings

from trajectory.benchmarking import compare
from trajectory.benchmarking.compare import YearBenchmark
from trajectory.benchmarking.selectors import (
    IndicatorBenchmarks,
    council_facts,
    indicator_benchmarks,
)
from trajectory.councils.permissions import require
from trajectory.indicators import figures
from trajectory.indicators.selectors import ScorecardRow, scorecard
from trajectory.reference.manifest import manifest_files
from trajectory.spc.models import LimitRebase
from trajectory.spc.selectors import council_charts
from trajectory.spc.templatetags.spc import icon_text
from trajectory.spc.xmr import XmR
from trajectory.targets.models import IndicatorTarget
from trajectory.targets.selectors import TargetRag, scorecard_rags

AGAINST_ENGLAND = {
    compare.BETTER: "better than England",
    compare.WORSE: "worse than England",
    compare.SAME: "the same as England",
}


@dataclass(frozen=True)
class PerformanceLine:
    row: ScorecardRow
    chart: XmR | None  # None: an annual cohort, or no monthly figures
    rag: TargetRag | None
    benchmarks: IndicatorBenchmarks

    @property
    def indicator(self):
        return self.row.indicator

    @property
    def variation_icon(self) -> str | None:
        return self.chart.variation_icon if self.chart is not None else None

    @property
    def variation_text(self) -> str:
        if self.chart is None:
            if self.indicator.cadence == "annual":
                return "Annual cohort: no monthly chart"
            return "No monthly figures"
        icon = self.chart.variation_icon
        return icon_text(icon) if icon else "Too few points"

    @property
    def published(self) -> YearBenchmark | None:
        """The latest published year with a figure for England."""
        found = self.benchmarks.benchmarks
        if found is None:
            return None
        years = [year for year in found.years if year.england and year.england.value is not None]
        return years[-1] if years else None

    @property
    def england_text(self) -> str:
        """ "England 69 (2024)", or why there is no comparison."""
        year = self.published
        if year is None:
            if self.benchmarks.no_counterpart:
                return "Local measure: no published figure"
            if self.benchmarks.missing:
                return "Reference data missing"
            return "Not published"
        unit = self.benchmarks.benchmarks.measure.unit
        return f"England {year.england.shown(unit)} ({year.year})"

    @property
    def neighbours_text(self) -> str:
        year = self.published
        if year is None or year.neighbours is None:
            return ""
        unit = self.benchmarks.benchmarks.measure.unit
        return f"Neighbours {figures.format_number(year.neighbours, unit, year.decimals)}"

    @property
    def position_text(self) -> str:
        """ "Rank 119 of 150 (quartile 4)" among all councils, where DfE publishes the council;
        rank 1 is the best by the indicator's polarity."""
        year = self.published
        if year is None or not year.ranking.rank:
            return ""
        ranking = year.ranking
        return f"Rank {ranking.rank} of {ranking.ranked} (quartile {ranking.quartile})"

    @property
    def against_england(self) -> str:
        """The council's figure that year against England's, by polarity, in words."""
        year = self.published
        if year is None:
            return ""
        return AGAINST_ENGLAND.get(year.against_england or "", "")


KEPT = 64  # councils' scorecards kept per process
_kept: OrderedDict[tuple, list[PerformanceLine]] = OrderedDict()
_lock = Lock()


def _newest(model, council, made: str) -> tuple | None:
    """The council's newest row of an append-only model, by id and when it was made (an id
    alone can come back after a rolled-back transaction)."""
    return model.objects.filter(council=council).order_by("-pk").values_list("pk", made).first()


def _reference_stamp() -> tuple:
    """The reference files' sizes and times: a fetched or replaced file is a new stamp."""
    folder = Path(settings.TRAJECTORY_REFERENCE_DIR)
    stamp = []
    for item in manifest_files(needed_for=("benchmarks", "councils")):
        try:
            info = (folder / item.local_file).stat()
        except OSError:
            stamp.append((item.local_file, None))
        else:
            stamp.append((item.local_file, info.st_size, info.st_mtime_ns))
    return tuple(stamp)


def scorecard_lines(user, council, run) -> list[PerformanceLine]:
    """Every indicator of the latest run with its variation, target RAG and benchmarks, kept
    per process while nothing they are made from changes: the run, the council's newest target
    setting and limit rebase, its details and neighbours, and the reference files (issue 8.9:
    the scorecard at p95 <= 150 ms). Lines are the same for every role that reads the council,
    so the check comes first and the lines are shared."""
    require(user, "view_council", council)
    if run is None:
        return []
    key = (
        council.pk,
        run.pk,
        run.computed_at,
        _newest(IndicatorTarget, council, "set_at"),
        _newest(LimitRebase, council, "created_at"),
        council.name,
        council.region,
        tuple(council.neighbour_links.values_list("pk", "neighbour_id", "model", "rank")),
        _reference_stamp(),
    )
    with _lock:
        lines = _kept.get(key)
        if lines is not None:
            _kept.move_to_end(key)
            return lines
    lines = performance_lines(user, council, scorecard(user, council))
    with _lock:
        _kept[key] = lines
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return lines


def performance_lines(user, council, rows: list[ScorecardRow]) -> list[PerformanceLine]:
    """The scorecard rows given, each with its SPC chart, target RAG and benchmarks."""
    if not rows:
        return []
    charts = council_charts(user, council)
    rags = scorecard_rags(user, council)
    facts = council_facts(user, council)
    return [
        PerformanceLine(
            row=row,
            chart=charts.get(row.indicator.id),
            rag=rags.get(row.indicator.id),
            benchmarks=indicator_benchmarks(
                user, council, row.indicator.id, with_chart=False, facts=facts
            ),
        )
        for row in rows
    ]
