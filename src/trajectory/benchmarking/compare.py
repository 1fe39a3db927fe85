"""One council's published figures beside England, its region, its neighbours and every council.

For each year DfE publishes (the year ending 31 March) this gives: the council's published
figure (where it is a council in the file), our computed figure beside it where we hold its
data (the caller passes it in: `selectors.indicator_benchmarks`), the difference, England, the
council's region, the mean of its ten statistical neighbours under DfE's current model (the
2025 model, `councils.reference.CURRENT_MODEL`, read with `councils.reference.read_neighbours`),
and its rank and quartile among all councils with a published figure that year.

Ranking follows the indicator's polarity: rank 1 is the best figure, the lowest when lower is
better and the highest otherwise (for a neutral indicator, the highest, with no judgement).
Councils with the same published figure share the best rank of their group ("standard
competition" ranking: 1, 2, 2, 4). The quartile is ``ceil(4 × rank ÷ councils ranked)``, so
quartile 1 holds the best quarter and tied councils share a quartile. Councils whose figure is
a marker (suppressed ``c``, not applicable ``z`` for a council that no longer exists, ...) are
left out of the ranking and counted by marker. The neighbour mean is of the neighbours with a
published figure that year (a suppressed neighbour is named and left out), to 1 decimal place.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from pathlib import Path

from trajectory.benchmarking import measures as catalogue
from trajectory.benchmarking.published import Figure, published_table, require_files
from trajectory.councils.reference import (
    CURRENT_MODEL,
    NEIGHBOURS_2021_FILE,
    NEIGHBOURS_2025_FILE,
    read_neighbours,
)
from trajectory.indicators import registry

# read_neighbours reads both groupings, so both must be here.
NEIGHBOUR_FILES = (NEIGHBOURS_2025_FILE, NEIGHBOURS_2021_FILE)
NEIGHBOUR_MEAN_DECIMALS = 1

BETTER = "better"
WORSE = "worse"
SAME = "same"
NO_JUDGEMENT = "no judgement"  # a neutral indicator: neither higher nor lower is better

RANK_ONE = {
    "higher_is_better": "rank 1 is the highest figure (higher is better)",
    "lower_is_better": "rank 1 is the lowest figure (lower is better)",
    "neutral": "rank 1 is the highest figure (neither higher nor lower is better)",
}
TIES = "councils with the same figure share the best rank of their group (1, 2, 2, 4)"


class UnknownCouncil(LookupError):
    """The code is not a council in the published file and no region or neighbours were given."""


@dataclass(frozen=True)
class Neighbour:
    code: str
    name: str


@dataclass(frozen=True)
class Ranking:
    rank: int | None  # None: the council's own figure is a marker, or it is not in the file
    quartile: int | None
    ranked: int  # councils with a published figure that year
    excluded: dict[str, int] = field(default_factory=dict)  # marker -> councils left out
    tied: int = 0  # other councils sharing the rank


@dataclass(frozen=True)
class YearBenchmark:
    year: int
    council: Figure | None  # None: not a council in the published file
    computed: float | None
    england: Figure | None
    region: Figure | None
    neighbours: float | None
    neighbour_figures: tuple[tuple[Neighbour, Figure | None], ...]  # None: not in the file
    ranking: Ranking
    against_england: str | None
    against_neighbours: str | None
    decimals: int = 1

    @property
    def neighbours_counted(self) -> int:
        return sum(1 for _, figure in self.neighbour_figures if figure and not figure.suppressed)

    @property
    def neighbours_left_out(self) -> list[tuple[Neighbour, str]]:
        """Neighbours left out of the mean, each with its marker (or "not in the file")."""
        return [
            (neighbour, figure.marker if figure is not None else "not in the file")
            for neighbour, figure in self.neighbour_figures
            if figure is None or figure.suppressed
        ]

    @property
    def difference(self) -> float | None:
        """Our computed figure less the published one (to the indicator's decimals + 1)."""
        if self.computed is None or self.council is None or self.council.value is None:
            return None
        return round(self.computed - self.council.value, self.decimals + 1)


@dataclass(frozen=True)
class Benchmarks:
    indicator: registry.Indicator
    measure: catalogue.PublishedMeasure
    council_code: str
    council_name: str
    region_name: str
    neighbours: tuple[Neighbour, ...]
    years: tuple[YearBenchmark, ...]
    neighbour_model: str = CURRENT_MODEL

    @property
    def rank_one_is(self) -> str:
        return RANK_ONE[self.indicator.polarity]

    def as_json(self) -> dict:
        """The CLI's JSON: the issue's keys first, then what they rest on."""

        def published(item: Figure | None):
            return None if item is None else item.as_json()

        return {
            "indicator": self.indicator.id,
            "council": self.council_code,
            "years": [
                {
                    "year": year.year,
                    "council": published(year.council),
                    "england": published(year.england),
                    "region": published(year.region),
                    "neighbours": year.neighbours,
                    "rank": year.ranking.rank,
                    "quartile": year.ranking.quartile,
                    "ranked": year.ranking.ranked,
                    "excluded": year.ranking.excluded,
                    "tied": year.ranking.tied,
                    "computed": year.computed,
                    "difference": year.difference,
                    "neighbours_counted": year.neighbours_counted,
                    "neighbours_left_out": [
                        {"code": n.code, "name": n.name, "marker": marker}
                        for n, marker in year.neighbours_left_out
                    ],
                    "against_england": year.against_england,
                    "against_neighbours": year.against_neighbours,
                }
                for year in self.years
            ],
            "council_name": self.council_name,
            "region_name": self.region_name,
            "polarity": self.indicator.polarity,
            "rank_1_is": self.rank_one_is,
            "ties": TIES,
            "neighbour_model": self.neighbour_model,
            "neighbour_councils": [{"code": n.code, "name": n.name} for n in self.neighbours],
            "published": {
                "file": self.measure.file,
                "filters": self.measure.filter_map,
                "column": self.measure.column,
                "unit": self.measure.unit,
                "published_as": self.measure.published_as,
            },
        }


def rank_councils(values: dict[str, float], polarity: str) -> dict[str, int]:
    """{code: rank}, rank 1 the best by polarity, ties sharing the best rank of their group."""
    descending = polarity != "lower_is_better"
    ordered = sorted(values.values(), reverse=descending)
    first_position: dict[float, int] = {}
    for position, value in enumerate(ordered, start=1):
        first_position.setdefault(value, position)
    return {code: first_position[value] for code, value in values.items()}


def quartile_of(rank: int, ranked: int) -> int:
    """1 for the best quarter of the councils ranked, 4 for the worst: ceil(4 × rank ÷ n)."""
    return min(4, max(1, math.ceil(4 * rank / ranked)))


def judgement(polarity: str, value: float | None, other: float | None) -> str | None:
    """Whether `value` is better, worse or the same as `other` by polarity (None: no figure)."""
    if value is None or other is None:
        return None
    if value == other:
        return SAME
    if polarity == "neutral":
        return NO_JUDGEMENT
    higher = value > other
    return BETTER if higher == (polarity == "higher_is_better") else WORSE


def _ranking(code: str, councils: dict[str, Figure], polarity: str) -> Ranking:
    numbers = {other: figure.value for other, figure in councils.items() if not figure.suppressed}
    excluded: dict[str, int] = {}
    for figure in councils.values():
        if figure.suppressed:
            excluded[figure.marker or ""] = excluded.get(figure.marker or "", 0) + 1
    ranks = rank_councils(numbers, polarity)
    rank = ranks.get(code)
    if rank is None:
        return Ranking(None, None, len(numbers), excluded)
    tied = sum(1 for other, value in ranks.items() if value == rank and other != code)
    return Ranking(rank, quartile_of(rank, len(numbers)), len(numbers), excluded, tied)


@functools.lru_cache(maxsize=8)
def _neighbour_model(stamps: tuple, folder: str) -> dict[str, list[str]]:
    return read_neighbours(Path(folder))[CURRENT_MODEL]


def current_neighbours(folder: Path) -> dict[str, list[str]]:
    """{code: its ten neighbours in rank order} under DfE's current model, remembered per
    version of the neighbour files."""
    stamps = tuple(
        (info.st_size, info.st_mtime_ns)
        for info in ((Path(folder) / name).stat() for name in NEIGHBOUR_FILES)
    )
    return _neighbour_model(stamps, str(folder))


def council_benchmarks(
    code: str,
    indicator_id: str,
    *,
    computed: dict[int, float | None] | None = None,
    region: str | None = None,
    neighbour_codes: list[str] | None = None,
    council_name: str | None = None,
    folder: Path | None = None,
) -> Benchmarks:
    """Every published year of one indicator for one council (by its 3-digit code).

    A council in the published file takes its name and region from it and its neighbours from
    DfE's current model. A council that is not (a synthetic one) needs `region` and may pass
    `neighbour_codes`; otherwise UnknownCouncil. `computed` is {year: our figure at 31 March}.
    Raises LookupError when the indicator has no published counterpart and
    `published.MissingReferenceData` when a file is absent or changed.
    """
    indicator = registry.get(indicator_id)
    measure = catalogue.measure_for(indicator_id)
    if measure is None:
        raise LookupError(f"{indicator_id}: {catalogue.no_counterpart_reason(indicator_id)}")
    folder = require_files([measure.file, *NEIGHBOUR_FILES], folder)
    table = published_table(measure.file, measure.filter_map, measure.column, folder)
    if code in table.names:
        region = table.council_regions[code]
        council_name = table.names[code]
        neighbour_codes = current_neighbours(folder).get(code, [])
    elif region is None:
        raise UnknownCouncil(
            f"No council with code {code} in {measure.file}: give the 3-digit LA number of a "
            "council in DfE's published data."
        )
    neighbours = tuple(Neighbour(n, table.names.get(n, n)) for n in neighbour_codes or [])
    computed = computed or {}
    years = []
    for year in table.years:
        year_councils = table.councils.get(year, {})
        council = year_councils.get(code)
        england = table.england.get(year)
        neighbour_figures = tuple(
            (neighbour, year_councils.get(neighbour.code)) for neighbour in neighbours
        )
        counted = [f.value for _, f in neighbour_figures if f is not None and not f.suppressed]
        mean = round(sum(counted) / len(counted), NEIGHBOUR_MEAN_DECIMALS) if counted else None
        own_value = council.value if council is not None else None
        years.append(
            YearBenchmark(
                year=year,
                council=council,
                computed=computed.get(year),
                england=england,
                region=table.region(year, region or ""),
                neighbours=mean,
                neighbour_figures=neighbour_figures,
                ranking=_ranking(code, year_councils, indicator.polarity),
                against_england=judgement(
                    indicator.polarity, own_value, england.value if england else None
                ),
                against_neighbours=judgement(indicator.polarity, own_value, mean),
                decimals=indicator.decimals,
            )
        )
    return Benchmarks(
        indicator=indicator,
        measure=measure,
        council_code=code,
        council_name=council_name or code,
        region_name=region,
        neighbours=neighbours,
        years=tuple(years),
    )
