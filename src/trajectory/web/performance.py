"""Each figure of the scorecard with what the board asks of it (issue 8.9): is it moving beyond
its usual variation (SPC, spc/), is it on target (targets/), and where does it stand against
England and the statistical neighbours (benchmarking/)?

One read per source for the whole scorecard: the latest run's charts, the targets in force and
each indicator's published benchmarks (cached per reference file by the benchmarking app). The
scorecard and the overview's headline figures both show these lines, so the two agree."""

from __future__ import annotations

from dataclasses import dataclass

from trajectory.benchmarking import compare
from trajectory.benchmarking.compare import YearBenchmark
from trajectory.benchmarking.selectors import (
    IndicatorBenchmarks,
    council_facts,
    indicator_benchmarks,
)
from trajectory.indicators import figures
from trajectory.indicators.selectors import ScorecardRow
from trajectory.spc.selectors import council_charts
from trajectory.spc.templatetags.spc import icon_text
from trajectory.spc.xmr import XmR
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
