"""The benchmark chart: the council against England, its region and each neighbour, by year.

A Vega-Lite spec (built with Altair, drawn by the static charts bundle like the indicator
chart). Each published year is one point labelled by the 31 March it ends on ("Mar 2024").
Colour is never the only cue: the council, England, the region and the neighbours differ by
line dash, point shape and line width as well, one legend names them with all four cues, and
every point's tooltip names its place. A figure DfE suppressed is not drawn (the table beside
the chart gives its marker); it is never drawn as 0.
"""

from __future__ import annotations

import altair as alt

from trajectory.benchmarking.compare import Benchmarks
from trajectory.indicators import figures
from trajectory.indicators.charts import Y_TITLE
from trajectory.web.chart_cache import cached_spec

YEAR_LABEL = "Mar {year}"  # a published year ends on 31 March

NEIGHBOUR = "Statistical neighbour"
# (colour, dash, shape, width) of the council, England, the region and the neighbours, in that
# order: each differs in more than colour.
STYLES = (
    ("#1d70b8", [1, 0], "circle", 4),
    ("#0b0c0c", [8, 4], "square", 2.5),
    ("#d4351c", [2, 3], "triangle-up", 2.5),
    ("#6f777b", [1, 0], "diamond", 1),
)


def _counts(benchmarks: Benchmarks) -> bool:
    """A count (children looked after, adopted): England's and a region's are of many
    councils' children, a scale on which a council's own line would lie flat, so the chart
    sets the council beside its neighbours only; the table still gives every place."""
    return benchmarks.measure.unit == "count"


def _groups(benchmarks: Benchmarks) -> list[str]:
    """The legend's names: the council, England, its region, the neighbours (for a count,
    the council and its neighbours)."""
    if _counts(benchmarks):
        return [benchmarks.council_name, NEIGHBOUR]
    return [benchmarks.council_name, "England", benchmarks.region_name or "Region", NEIGHBOUR]


def _row(benchmarks: Benchmarks, year: int, group: str, place: str, value) -> dict:
    return {
        "year": YEAR_LABEL.format(year=year),
        "group": group,
        "place": place,
        "value": value,
        "shown": figures.shown(benchmarks.indicator, value) if value is not None else "",
    }


def benchmark_rows(benchmarks: Benchmarks) -> list[dict]:
    """One row a place a year with a published number (markers are left to the table)."""
    council = benchmarks.council_name
    drawn = set(_groups(benchmarks))
    rows = []
    for year in benchmarks.years:
        places = [
            (council, benchmarks.council_name, year.council),
            ("England", "England", year.england),
            (benchmarks.region_name or "Region", benchmarks.region_name, year.region),
            *((NEIGHBOUR, neighbour.name, figure) for neighbour, figure in year.neighbour_figures),
        ]
        places = [place for place in places if place[0] in drawn]
        for group, place, published in places:
            if published is not None and published.value is not None:
                rows.append(_row(benchmarks, year.year, group, place, published.value))
    return rows


def _against(benchmarks: Benchmarks) -> str:
    """What the chart sets the council beside, in words, for its description and caption."""
    if _counts(benchmarks):
        return "its statistical neighbours (England's and the region's counts are in the table)"
    return f"England, {benchmarks.region_name or 'its region'} and its statistical neighbours"


@cached_spec(
    lambda benchmarks: (
        benchmarks.indicator.id,
        benchmarks.council_name,
        _groups(benchmarks),
        [year.year for year in benchmarks.years],
        benchmark_rows(benchmarks),
    )
)
def benchmark_chart(benchmarks: Benchmarks) -> dict:
    """The Vega-Lite spec of the council against England, region and each neighbour by year."""
    indicator = benchmarks.indicator
    names = _groups(benchmarks)
    legend = {
        channel: alt.Scale(domain=names, range=[style[index] for style in STYLES])
        for index, channel in enumerate(("color", "strokeDash", "shape", "strokeWidth"))
    }
    years = [YEAR_LABEL.format(year=year.year) for year in benchmarks.years]
    base = alt.Chart(alt.Data(values=benchmark_rows(benchmarks))).encode(
        x=alt.X(
            "year:O",
            title="Year ending 31 March",
            sort=years,
            scale=alt.Scale(domain=years),
            axis=alt.Axis(labelAngle=0, labelOverlap=False),
        ),
        y=alt.Y(
            "value:Q",
            title=Y_TITLE.get(indicator.unit, "Value"),
            scale=alt.Scale(zero=True, nice=True),
            axis=alt.Axis(format=",.0f", tickCount=6),
        ),
        color=alt.Color("group:N", title="Place", scale=legend["color"]),
        detail=alt.Detail("place:N"),
        tooltip=[
            alt.Tooltip("place:N", title="Place"),
            alt.Tooltip("group:N", title="Compared as"),
            alt.Tooltip("year:N", title="Year ending"),
            alt.Tooltip("shown:N", title=indicator.title),
        ],
    )
    lines = base.mark_line().encode(
        strokeDash=alt.StrokeDash("group:N", title="Place", scale=legend["strokeDash"]),
        strokeWidth=alt.StrokeWidth("group:N", title="Place", scale=legend["strokeWidth"]),
    )
    points = base.mark_point(filled=True, size=70).encode(
        shape=alt.Shape("group:N", title="Place", scale=legend["shape"]),
    )
    chart = (
        alt.layer(lines, points)
        .properties(
            width="container",
            height=320,
            description=f"Chart of {indicator.title} for {benchmarks.council_name} against "
            f"{_against(benchmarks)}, one point for each published year. The same figures are "
            "in the table beside the chart.",
        )
        .configure_axis(labelFont="arial", titleFont="arial", labelFontSize=14, titleFontSize=14)
        .configure_legend(
            labelFont="arial", titleFont="arial", labelFontSize=14, labelLimit=0, orient="bottom"
        )
        .configure_view(stroke=None)
    )
    return chart.to_dict(validate=False)
