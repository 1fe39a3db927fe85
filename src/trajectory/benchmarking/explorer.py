"""Selectors for the LAIT explorer: find a measure, and set a council beside England, its region
and its ten statistical neighbours over every published year.

The neighbours are the council's DfE statistical neighbours of the current model (2025), as
`trajectory councils load-reference` stores them from DfE's `sn_model_2025_wide.csv`
(councils/reference.py `read_neighbours`): the same ten, in the same order, as LAIT's own
`sn_may_2025.xlsx` for every one of the 153 councils, and the same list every other page uses.
The neighbour mean is the mean of the neighbours that have a figure that year, with how many
it is of; a suppressed neighbour is left out, never counted as 0.

A made-up council (the demo's Westshire) has no published figures of its own, whatever its
code: Westshire's "990" is LAIT's number for the South West region.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from trajectory.audit.services import record
from trajectory.benchmarking import lait
from trajectory.benchmarking.compare import quartile_of, rank_councils
from trajectory.councils.models import Council, StatisticalNeighbour
from trajectory.councils.permissions import require
from trajectory.councils.reference import CURRENT_MODEL
from trajectory.indicators.figures import NO_FIGURE, format_number

SUPPRESSED_TEXT = "Suppressed"
NO_ROW_TEXT = "No data"
MAX_INFERRED_DECIMALS = 2

COUNCIL = "council"
ENGLAND = "england"
REGION = "region"
NEIGHBOUR = "neighbour"
NEIGHBOUR_MEAN = "neighbour_mean"
NEIGHBOUR_COUNT = "neighbour_count"
RANK = "rank"
QUARTILE = "quartile"
FIGURE_ROWS = (COUNCIL, ENGLAND, REGION, NEIGHBOUR, NEIGHBOUR_MEAN)


@dataclass(frozen=True)
class MeasureListing:
    measure: lait.Measure
    first_year: str
    latest_year: str


def search_measures(user, council: Council, *, query: str = "", theme: str = "") -> list:
    """The measures whose name, chart title or code holds every word of the query, in the
    theme when one is chosen, by name."""
    require(user, "view_council", council)
    words = query.casefold().split()
    spans = lait.year_spans()
    found = []
    for measure in lait.measures().values():
        if theme and theme not in measure.themes:
            continue
        if any(word not in measure.search_text for word in words):
            continue
        first, latest = spans.get(measure.code, ("", ""))
        found.append(MeasureListing(measure, first, latest))
    return found


LIST_COLUMNS = ("Measure", "Code", "Themes", "Polarity", "First year", "Latest year")


def measures_table(user, council: Council, *, query: str, theme: str, kind: str, request=None):
    """Every measure found as a table (header first) for a whole-list download, audited as
    every table download is (`table.download`, web/downloads.py)."""
    found = search_measures(user, council, query=query, theme=theme)
    record(
        user=user,
        action="table.download",
        council=council,
        detail={
            "page": request.path if request else "",
            "table": "LAIT measures",
            "format": kind,
            "q": query,
            "theme": theme,
        },
        request=request,
    )
    return [
        list(LIST_COLUMNS),
        *(
            [
                listing.measure.name,
                listing.measure.code,
                "; ".join(listing.measure.themes),
                listing.measure.polarity_text,
                listing.first_year,
                listing.latest_year,
            ]
            for listing in found
        ),
    ]


def _decimals(measure: lait.Measure, data: lait.MeasureData) -> int:
    """The dictionary's decimals (dps); where it gives none, as many as the published figures
    carry (floating-point noise such as 513.79999999999995 read as 513.8), at most two."""
    if measure.decimals is not None:
        return measure.decimals
    most = 0
    for figures in data.by_area.values():
        for item in figures.values():
            if item.value is None:
                continue
            text = f"{round(item.value, 6):f}".rstrip("0")
            most = max(most, len(text.split(".")[1]) if "." in text else 0)
    return min(most, MAX_INFERRED_DECIMALS)


@dataclass(frozen=True)
class Cell:
    value: float | None
    text: str
    suppressed: bool = False


@dataclass
class Row:
    kind: str
    label: str
    role: str  # how the row is compared: "This council", "Statistical neighbour 3", ...
    cells: list[Cell]
    rank: int | None = None
    code: str = ""


@dataclass
class Comparison:
    """One measure for a council: a row an area, a cell a year (oldest first)."""

    measure: lait.Measure
    years: list[str]
    rows: list[Row]
    decimals: int
    council_published: bool  # the council is a real council with its own LAIT figures
    region: lait.Area | None
    neighbour_count: int
    neighbour_counts: list[int] = field(default_factory=list)  # with a figure, each year

    def row(self, kind: str) -> Row | None:
        return next((row for row in self.rows if row.kind == kind), None)

    @property
    def has_figures(self) -> bool:
        return any(
            cell.value is not None
            for row in self.rows
            if row.kind in FIGURE_ROWS
            for cell in row.cells
        )


def _cell(item: lait.Figure | None, decimals: int) -> Cell:
    if item is None:
        return Cell(None, NO_ROW_TEXT)
    if item.suppressed:
        return Cell(None, SUPPRESSED_TEXT, suppressed=True)
    return Cell(item.value, format_number(item.value, "count", decimals))


def _own_number(council: Council) -> int | None:
    """The council's LA number in LAIT, for a real council only."""
    if council.is_synthetic or not council.code.isdigit():
        return None
    number = int(council.code)
    if number == lait.ENGLAND or number in lait.REGIONS:
        return None
    return number if number in lait.areas() else None


def council_region(council: Council) -> lait.Area | None:
    """The region row LAIT compares the council with: its region in LAIT's code list (Inner or
    Outer London for a London borough), else the council's own recorded region."""
    number = _own_number(council)
    name = lait.areas()[number].region if number is not None else council.region
    return lait.region_row(name) if name else None


def neighbours(council: Council) -> list[StatisticalNeighbour]:
    return list(
        StatisticalNeighbour.objects.filter(council=council, model=CURRENT_MODEL)
        .select_related("neighbour")
        .order_by("rank")
    )


def _rank_rows(council, measure, data, own: int, years: list[str]) -> list[Row]:
    """The council's rank and quartile among every council with a figure that year, as the
    published benchmarks rank them (compare.py: rank 1 the best by polarity, the highest for a
    neutral measure; ties share the best rank; quartile 1 the best quarter). Figures are
    compared to 6 decimal places, so 12.700000000000001 ties with 12.7."""
    ranks, quartiles = [], []
    for year in years:
        values = {
            number: round(figures[year].value, 6)
            for number, figures in data.by_area.items()
            if number < lait.ENGLAND and year in figures and figures[year].value is not None
        }
        if own not in values:
            ranks.append(Cell(None, NO_FIGURE))
            quartiles.append(Cell(None, NO_FIGURE))
            continue
        rank = rank_councils(values, measure.polarity)[own]
        quartile = quartile_of(rank, len(values))
        ranks.append(Cell(rank, f"{rank} of {len(values)}"))
        quartiles.append(Cell(quartile, str(quartile)))
    return [
        Row(RANK, f"{council.name}'s rank", "Among councils with a figure", ranks),
        Row(QUARTILE, f"{council.name}'s quartile", "1 is the best quarter", quartiles),
    ]


def measure_comparison(user, council: Council, measure: lait.Measure) -> Comparison:
    """The council, England, its region, each of its statistical neighbours (named, by rank)
    and the neighbours' mean, for every year the measure is published."""
    require(user, "view_council", council)
    data = lait.measure_data(measure.code)
    decimals = _decimals(measure, data)
    years = data.years
    own = _own_number(council)
    region = council_region(council)
    links = neighbours(council)

    def cells(number: int | None) -> list[Cell]:
        return [_cell(data.get(number, year), decimals) for year in years]

    rows = []
    if own is not None:
        rows.append(Row(COUNCIL, council.name, "This council", cells(own), code=council.code))
    rows.append(Row(ENGLAND, "England", "England", cells(lait.ENGLAND)))
    if region is not None:
        rows.append(Row(REGION, region.name, "Region", cells(region.number)))
    neighbour_rows = []
    for link in links:
        number = int(link.neighbour.code) if link.neighbour.code.isdigit() else None
        neighbour_rows.append(
            Row(
                NEIGHBOUR,
                link.neighbour.name,
                f"Statistical neighbour {link.rank}",
                cells(number),
                rank=link.rank,
                code=link.neighbour.code,
            )
        )
    rows.extend(neighbour_rows)
    counts = []
    if neighbour_rows:
        mean_cells = []
        for index in range(len(years)):
            values = [row.cells[index].value for row in neighbour_rows]
            values = [value for value in values if value is not None]
            counts.append(len(values))
            mean = math.fsum(values) / len(values) if values else None
            mean_cells.append(
                Cell(mean, format_number(mean, "count", decimals) if values else NO_FIGURE)
            )
        rows.append(
            Row(
                NEIGHBOUR_MEAN,
                "Statistical neighbours' mean",
                "Mean of the neighbours with a figure",
                mean_cells,
            )
        )
        rows.append(
            Row(
                NEIGHBOUR_COUNT,
                "Neighbours with a figure",
                f"Of {len(neighbour_rows)}",
                [Cell(count, str(count)) for count in counts],
            )
        )
    if own is not None and measure.quartiles:
        rows.extend(_rank_rows(council, measure, data, own, years))
    return Comparison(
        measure=measure,
        years=years,
        rows=rows,
        decimals=decimals,
        council_published=own is not None,
        region=region,
        neighbour_count=len(neighbour_rows),
        neighbour_counts=counts,
    )
