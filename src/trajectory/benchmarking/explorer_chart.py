"""The Vega-Lite spec (built with Altair) of one LAIT measure: the council, England, its region
and its statistical neighbours' mean, one point a published year.

Each line has its own colour, dash and point shape, so it is told apart without colour; the
page's table holds the same figures and every neighbour's, so the chart is never the only way
to read them. A suppressed year is a gap in the line, never a 0.
"""

from __future__ import annotations

import altair as alt

from trajectory.benchmarking import explorer

SERIES = (  # (row kind, colour, dash, point shape)
    (explorer.COUNCIL, "#1d70b8", [1, 0], "circle"),
    (explorer.ENGLAND, "#0b0c0c", [6, 3], "square"),
    (explorer.REGION, "#d4351c", [2, 2], "triangle-up"),
    (explorer.NEIGHBOUR_MEAN, "#00703c", [8, 2, 2, 2], "diamond"),
)


def measure_chart(comparison: explorer.Comparison) -> dict:
    measure = comparison.measure
    rows = []
    shown = []
    styles = {"colour": [], "dash": [], "shape": []}
    for kind, colour, dash, shape in SERIES:
        row = comparison.row(kind)
        if row is None:
            continue
        shown.append(row.label)
        styles["colour"].append(colour)
        styles["dash"].append(dash)
        styles["shape"].append(shape)
        for year, cell in zip(comparison.years, row.cells, strict=True):
            rows.append(
                {"year": year, "series": row.label, "value": cell.value, "shown": cell.text}
            )
    legend = alt.Legend(title=None, orient="bottom", direction="vertical", labelLimit=400)
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_line(point=alt.OverlayMarkDef(size=70, filled=True), strokeWidth=3)
        .encode(
            x=alt.X(
                "year:O",
                title="Year",
                sort=comparison.years,
                axis=alt.Axis(labelAngle=0, labelOverlap=True),
            ),
            y=alt.Y(
                "value:Q",
                title=measure.y_axis_name or "Value",
                scale=alt.Scale(zero=True, nice=True),
                axis=alt.Axis(format=f",.{min(comparison.decimals, 1)}f", tickCount=6),
            ),
            color=alt.Color(
                "series:N",
                sort=shown,
                scale=alt.Scale(domain=shown, range=styles["colour"]),
                legend=legend,
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                sort=shown,
                scale=alt.Scale(domain=shown, range=styles["dash"]),
                legend=legend,
            ),
            shape=alt.Shape(
                "series:N",
                sort=shown,
                scale=alt.Scale(domain=shown, range=styles["shape"]),
                legend=legend,
            ),
            tooltip=[
                alt.Tooltip("series:N", title="Area"),
                alt.Tooltip("year:N", title="Year"),
                alt.Tooltip("shown:N", title=measure.chart_title),
            ],
        )
        .properties(
            width="container",
            height=320,
            description=f"Line chart of {measure.chart_title}: "
            + ", ".join(shown)
            + ", one point for each published year. The same figures are in the table below the"
            " chart.",
        )
        .configure_axis(labelFont="arial", titleFont="arial", labelFontSize=14, titleFontSize=14)
        .configure_legend(labelFont="arial", labelFontSize=14)
        .configure_view(stroke=None)
    )
    # Validating against the Vega-Lite schema costs more than building the page; the tests
    # validate the spec (tests/benchmarking/test_lait_pages.py), so the page does not.
    return chart.to_dict(validate=False)
