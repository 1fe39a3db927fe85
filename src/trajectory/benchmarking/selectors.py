"""Reading benchmarks for one council: published figures beside our own, scoped by the user.

Our figure for a published year is the value at 31 March of that year in the council's latest
IndicatorRun (`indicators.selectors.latest_run`): for an annual OC3 cohort, the cohort of the
collection year ending then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from trajectory.benchmarking import measures as catalogue
from trajectory.benchmarking.charts import benchmark_chart, benchmark_rows
from trajectory.benchmarking.compare import Benchmarks, UnknownCouncil, council_benchmarks
from trajectory.benchmarking.published import MissingReferenceData
from trajectory.councils.permissions import require
from trajectory.councils.reference import CURRENT_MODEL
from trajectory.indicators import figures, registry
from trajectory.indicators.registry import Indicator
from trajectory.indicators.run_cache import per_run
from trajectory.indicators.selectors import latest_run

# How a marker reads in "not ranked: 3 not applicable, 1 suppressed".
MARKER_WORDS = {"c": "suppressed", "z": "not applicable", "x": "not available", "": "blank"}


@dataclass(frozen=True)
class IndicatorBenchmarks:
    """What the indicator page's benchmark section shows: the comparison, or why there is none.

    Exactly one of `benchmarks`, `missing`, `no_counterpart` and `not_published` is set.
    """

    indicator: Indicator
    benchmarks: Benchmarks | None = None
    missing: list = field(default_factory=list)  # ReferenceFile rows absent or changed
    missing_message: str = ""
    no_counterpart: str = ""  # why the indicator has no published figure (a local measure)
    not_published: str = ""  # the council is not in DfE's published data
    chart: dict | None = None

    @property
    def rows(self) -> list[dict]:
        """Each published year as the page's table shows it (figures as strings)."""
        if self.benchmarks is None:
            return []
        unit = self.benchmarks.measure.unit
        rows = []
        for year in self.benchmarks.years:
            ranking = year.ranking
            not_ranked = ", ".join(
                f"{count} {MARKER_WORDS.get(marker, marker)}"
                for marker, count in sorted(ranking.excluded.items())
            )
            rows.append(
                {
                    "year": year.year,
                    "council": year.council.shown(unit) if year.council else "Not published",
                    "computed": figures.shown(self.indicator, year.computed)
                    if year.computed is not None
                    else "",
                    "difference": "" if year.difference is None else f"{year.difference:+,}",
                    "england": year.england.shown(unit) if year.england else "Not published",
                    "region": year.region.shown(unit) if year.region else "Not published",
                    "neighbours": figures.format_number(year.neighbours, unit, 1),
                    "neighbours_left_out": [
                        f"{neighbour.name} ({marker})"
                        for neighbour, marker in year.neighbours_left_out
                    ],
                    "rank": f"{ranking.rank} of {ranking.ranked}" if ranking.rank else "Not ranked",
                    "tied": ranking.tied,
                    "quartile": ranking.quartile or "",
                    "against_england": year.against_england or "",
                    "not_ranked": not_ranked,
                }
            )
        return rows


def all_computed_at_year_ends(user, council) -> dict[str, dict[int, float | None]]:
    """{indicator id: {year: our figure at 31 March}} from the latest run, in one read."""
    run = latest_run(user, council)
    if run is None:
        return {}
    return _year_ends(run)


# A census's figure stands at its census day: the workforce census of 30 September Y is LAIT's
# year Y (its Work_Force measures); every other figure is compared at 31 March Y.
_CENSUS_DAY = {
    indicator.id: (9, 30)
    for indicator in registry.INDICATORS
    if indicator.source_return in figures.CENSUS_SOURCES
}


def compared_on(indicator_id: str, year: int) -> date:
    """The day a published year's figure stands at: 30 September for a census's, else 31 March."""
    month, day = _CENSUS_DAY.get(indicator_id, (3, 31))
    return date(year, month, day)


@per_run
def _year_ends(run) -> dict[str, dict[int, float | None]]:
    found: dict[str, dict[int, float | None]] = {}
    rows = run.values.filter(
        Q(as_at__month=3, as_at__day=31) | Q(as_at__month=9, as_at__day=30)
    ).values_list("indicator_id", "as_at", "value")
    for indicator_id, as_at, value in rows:
        if (as_at.month, as_at.day) == _CENSUS_DAY.get(indicator_id, (3, 31)):
            found.setdefault(indicator_id, {})[as_at.year] = value
    return found


@dataclass(frozen=True)
class CouncilFacts:
    """What the comparison needs of a council in the database: our 31 March figures, and the
    region and neighbours for a council DfE does not publish. Read once for many indicators."""

    computed: dict[str, dict[int, float | None]]
    region: str
    council_name: str
    neighbour_codes: list[str]


def council_facts(user, council) -> CouncilFacts:
    require(user, "view_council", council)
    return _facts(council, all_computed_at_year_ends(user, council))


def council_facts_of_run(council, run) -> CouncilFacts:
    """`council_facts` from a given run rather than the latest: what a board paper pinned to
    its run compares (reports/facts.py)."""
    return _facts(council, _year_ends(run))


def _facts(council, computed) -> CouncilFacts:
    return CouncilFacts(
        computed=computed,
        region=council.region or "",
        council_name=council.name,
        neighbour_codes=list(
            council.neighbour_links.filter(model=CURRENT_MODEL)
            .order_by("rank")
            .values_list("neighbour__code", flat=True)
        ),
    )


def benchmarks_for(
    user, council, indicator_id: str, *, code: str | None = None, facts: CouncilFacts | None = None
) -> Benchmarks:
    """The comparison for a council in the database (`council`) or, for the command line, any
    council code in DfE's published data (`code`, `council` None). Raises like
    `compare.council_benchmarks`. `facts` (from `council_facts`) saves reading the council
    again for each indicator."""
    measure = catalogue.measure_for(indicator_id)
    if measure is None:
        raise LookupError(f"{indicator_id}: {catalogue.no_counterpart_reason(indicator_id)}")
    if council is None:
        return council_benchmarks(code, indicator_id, computed={})
    facts = facts or council_facts(user, council)
    return council_benchmarks(
        council.code,
        indicator_id,
        computed=facts.computed.get(indicator_id, {}),
        region=facts.region,
        council_name=facts.council_name,
        neighbour_codes=facts.neighbour_codes,
    )


def indicator_benchmarks(
    user, council, indicator_id: str, *, with_chart: bool = True, facts: CouncilFacts | None = None
) -> IndicatorBenchmarks:
    """The benchmark section of one indicator's page, for a user who may view the council;
    without its chart where only the figures are shown (the scorecard's column), with `facts`
    read once where many indicators are compared."""
    require(user, "view_council", council)
    indicator = registry.get(indicator_id)
    if catalogue.measure_for(indicator_id) is None:
        return IndicatorBenchmarks(
            indicator, no_counterpart=catalogue.no_counterpart_reason(indicator_id)
        )
    try:
        benchmarks = benchmarks_for(user, council, indicator_id, facts=facts)
    except MissingReferenceData as error:
        return IndicatorBenchmarks(indicator, missing=error.missing, missing_message=str(error))
    except UnknownCouncil as error:
        return IndicatorBenchmarks(indicator, not_published=str(error))
    # No chart of nothing (a made-up council's count with no neighbours recorded): the table
    # says what is published.
    drawn = with_chart and benchmark_rows(benchmarks)
    chart = benchmark_chart(benchmarks) if drawn else None
    return IndicatorBenchmarks(indicator, benchmarks=benchmarks, chart=chart)
