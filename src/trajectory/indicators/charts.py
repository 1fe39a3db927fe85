"""Vega-Lite specs (built with Altair) for indicator pages.

The spec is rendered in the browser by the static charts bundle; the page always carries the
same figures as a table, so the chart is never the only way to read them.
"""

from __future__ import annotations

import altair as alt

Y_TITLE = {"count": "Children", "percent": "Per cent", "rate": "Per 10,000 children"}


def d3_format(indicator) -> str:
    """The d3 number format of the indicator's figures, to its decimals (`figures.shown`)."""
    return f",.{indicator.decimals}f"


def indicator_series_chart(indicator, values) -> dict:
    """A monthly line chart of one indicator: one point per month-end, gaps where no figure."""
    rows = [{"month_end": value.as_at.isoformat(), "value": value.value} for value in values]
    unit = indicator.unit
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_line(point=True, color="#1d70b8", strokeWidth=3)
        .encode(
            x=alt.X("month_end:T", title="Month end", axis=alt.Axis(format="%b %Y")),
            y=alt.Y(
                "value:Q",
                title=Y_TITLE.get(unit, "Value"),
                scale=alt.Scale(zero=True, nice=True),
                axis=alt.Axis(format=",.0f", tickCount=6),
            ),
            tooltip=[
                alt.Tooltip("month_end:T", title="Month end", format="%d %b %Y"),
                alt.Tooltip("value:Q", title=indicator.title, format=d3_format(indicator)),
            ],
        )
        .properties(
            width="container",
            height=300,
            description=f"Line chart of {indicator.title} at each month end. "
            "The same figures are in the table below the chart.",
        )
        .configure_axis(labelFont="arial", titleFont="arial", labelFontSize=14, titleFontSize=14)
        .configure_view(stroke=None)
    )
    return chart.to_dict()
