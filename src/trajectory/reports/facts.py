"""What a paper knows: one council at one as-at date, read from one stored indicator run
(issue 12.1), and the figures its sentences cite.

`Snapshot.indicator(id)` gives an indicator's figures at the as-at date as the pages give them
now (`indicators.figures.trend`, `spc.xmr`, the benchmark comparison, the target in force), but
from the pinned run and only its values up to the as-at date, so a paper made in March says
what was known in March. Every figure a builder states is registered in the snapshot's book
(`Snapshot.figure`, `Snapshot.indicator_figure`) with its counting rule and source, which the
paper prints in its "Figures cited" list and which its sentences link to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from trajectory.benchmarking import selectors as benchmark_selectors
from trajectory.benchmarking.compare import judgement
from trajectory.benchmarking.published import MissingReferenceData
from trajectory.indicators import figures, registry
from trajectory.indicators.models import IndicatorRun
from trajectory.indicators.registry import Indicator
from trajectory.indicators.selectors import run_series
from trajectory.reports.document import Figure
from trajectory.spc import selectors as spc_selectors
from trajectory.spc.xmr import XmR
from trajectory.targets import selectors as target_selectors
from trajectory.web.dates import govuk_date


def rule_text(indicator: Indicator) -> str:
    """The indicator's counting rule as running text: its docstring's paragraphs, each on one
    line (the docstring is wrapped for the source, not for a paper)."""
    text = indicator.rule or indicator.description
    return "\n".join(" ".join(part.split()) for part in text.split("\n\n") if part.strip())


@dataclass(frozen=True)
class Benchmark:
    """The latest published year's comparison at or before the as-at date."""

    year: int
    on: date  # the day the year's figures stand at (31 March, or a census's 30 September)
    ours: float | None
    england: float | None
    neighbours: float | None
    # benchmarking.compare.judgement of our figure against each, by the indicator's polarity:
    # "better", "worse", "same", "no judgement" (a made-up council has no published figure
    # of its own for the comparison to judge, so it is judged here from the figures stated).
    against_england: str | None
    against_neighbours: str | None
    quartile: int | None


@dataclass(frozen=True)
class IndicatorFacts:
    indicator: Indicator
    values: list  # IndicatorValue up to the as-at date, oldest first
    trend: figures.Trend
    chart: XmR | None  # None for an annual cohort or too few points
    target: target_selectors.TargetRag
    benchmark: Benchmark | None
    benchmark_missing: str = ""  # why there is no benchmark, in words
    key: str = ""  # the latest figure's key in the paper's book ("" with no figure)
    year_before_key: str = ""

    @property
    def known(self) -> bool:
        return self.trend.latest_value is not None

    @property
    def special_cause(self) -> bool:
        return bool(self.chart and self.chart.latest and self.chart.latest.rules)


@dataclass
class Snapshot:
    """The council, date and run a paper reads; `user` is the actor (None: the command line)."""

    council: object
    as_at: date
    run: IndicatorRun | None
    user: object = None
    options: dict = field(default_factory=dict)  # a paper's own choices: the board meeting
    book: dict[str, Figure] = field(default_factory=dict)
    _facts: dict[str, IndicatorFacts] = field(default_factory=dict)
    _once: dict = field(default_factory=dict, repr=False)

    def once(self, key: str, read):
        """`read()` the first time a paper asks for `key`, kept for its other sections (the
        board pack's meeting, read by four of them)."""
        if key not in self._once:
            self._once[key] = read()
        return self._once[key]

    # Figures ------------------------------------------------------------------------------

    def figure(
        self,
        key: str,
        label: str,
        shown: str,
        *,
        rule: str,
        source: str,
        as_at: date | None = None,
        url: str = "",
        count: int | None = None,
        denominator: int | None = None,
        respondents: int | None = None,
    ) -> str:
        """Register a figure the paper states; returns its key for a sentence's `cites`."""
        stated = as_at or self.as_at
        self.book[key] = Figure(
            key=key,
            label=label,
            shown=shown,
            as_at=stated.isoformat(),
            rule=rule,
            source=source,
            url=url,
            count=count,
            denominator=denominator,
            respondents=respondents,
        )
        return key

    @property
    def run_source(self) -> str:
        if self.run is None:
            return "No indicator run"
        kinds = ", ".join(
            f"{version.get_kind_display()} version {version.number}"
            for version in self.run.versions.order_by("kind", "number")
        )
        return f"Indicator run {self.run.pk} of {govuk_date(self.run.computed_at)} ({kinds})"

    def indicator_figure(self, indicator: Indicator, value) -> str:
        """Register one stored indicator value; returns its key."""
        counts_people = indicator.unit == "count" and indicator.counts_children
        whole = lambda number: None if number is None else round(number)  # noqa: E731
        return self.figure(
            f"{indicator.id}@{value.as_at.isoformat()}",
            indicator.title,
            figures.shown(indicator, value.value),
            rule=rule_text(indicator),
            source=self.run_source,
            as_at=value.as_at,
            url=reverse("indicator_detail", args=[self.council.code, indicator.id]),
            count=whole(value.value) if counts_people else whole(value.numerator),
            denominator=None if counts_people else whole(value.denominator),
        )

    # Indicators ---------------------------------------------------------------------------

    def indicator(self, indicator_id: str) -> IndicatorFacts:
        if indicator_id not in self._facts:
            self._facts[indicator_id] = self._read(registry.get(indicator_id))
        return self._facts[indicator_id]

    def _read(self, indicator: Indicator) -> IndicatorFacts:
        values = []
        if self.run is not None:
            values = [
                value for value in run_series(self.run, indicator.id) if value.as_at <= self.as_at
            ]
        trend = figures.trend(indicator, [(value.as_at, value.value) for value in values])
        known = [value for value in values if value.value is not None]
        history = target_selectors.target_history(self.user, self.council, indicator.id)
        target = target_selectors.target_rag_at(
            indicator, trend.latest_as_at, trend.latest_value, history
        )
        chart = None
        if indicator.cadence != "annual" and known:
            rebases = [
                rebase
                for rebase in spc_selectors.rebases_in_force(
                    spc_selectors.rebase_history(self.user, self.council, indicator.id)
                )
                if rebase.from_date <= self.as_at
            ]
            setting = target.target
            chart = spc_selectors.chart_of(
                indicator, known, rebases, setting.target if setting else None
            )
        benchmark, missing = self._benchmark(indicator)
        key = year_key = ""
        by_date = {value.as_at: value for value in known}
        if trend.latest_as_at is not None:
            key = self.indicator_figure(indicator, by_date[trend.latest_as_at])
            before = trend.year_before
            if before is not None and before.as_at in by_date:
                year_key = self.indicator_figure(indicator, by_date[before.as_at])
        return IndicatorFacts(
            indicator=indicator,
            values=values,
            trend=trend,
            chart=chart,
            target=target,
            benchmark=benchmark,
            benchmark_missing=missing,
            key=key,
            year_before_key=year_key,
        )

    def _benchmark(self, indicator: Indicator) -> tuple[Benchmark | None, str]:
        if self.run is None:
            return None, "No indicator run"
        try:
            found = benchmark_selectors.benchmarks_for(
                self.user,
                self.council,
                indicator.id,
                facts=benchmark_selectors.council_facts_of_run(self.council, self.run),
            )
        except MissingReferenceData as error:
            return None, str(error)
        except LookupError as error:  # no published counterpart, or not a published council
            return None, str(error)
        years = [
            year
            for year in found.years
            if benchmark_selectors.compared_on(indicator.id, year.year) <= self.as_at
            and year.england is not None
            and year.england.value is not None
        ]
        if not years:
            return None, "No published year at or before the paper's date"
        latest = years[-1]
        ours = (
            latest.computed
            if latest.computed is not None
            else (latest.council.value if latest.council is not None else None)
        )
        return (
            Benchmark(
                year=latest.year,
                on=benchmark_selectors.compared_on(indicator.id, latest.year),
                ours=ours,
                england=latest.england.value,
                neighbours=latest.neighbours,
                against_england=judgement(indicator.polarity, ours, latest.england.value),
                against_neighbours=judgement(indicator.polarity, ours, latest.neighbours),
                quartile=latest.ranking.quartile,
            ),
            "",
        )
