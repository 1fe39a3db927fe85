"""Vega-Lite specs (built with Altair) for indicator pages.

The spec is rendered in the browser by the static charts bundle; the page always carries the
same figures as a table, so the chart is never the only way to read them.
"""

from __future__ import annotations

import altair as alt

from trajectory.indicators import figures
from trajectory.web.chart_cache import cached_spec

Y_TITLE = {
    "count": "Children",
    "percent": "Per cent",
    "rate": "Per 10,000 children",
    "per child": "Incidents per child",
}


MONTH_LABEL = "%b %Y"  # "Mar 2023": a month-end is labelled by its own month
LABEL_STEPS = ((8, 1), (24, 3), (48, 6))  # (at most this many months, label every nth)


def _month_label(as_at) -> str:
    return as_at.strftime(MONTH_LABEL)


def _labelled_months(values) -> list[dict]:
    """The months the x axis names: every month for short series, else every 3rd, 6th or 12th
    counting back from the latest, so the last point always has its label."""
    months = [value.as_at for value in values]
    step = next((step for limit, step in LABEL_STEPS if len(months) <= limit), 12)
    chosen = months[::-1][::step][::-1]
    return [{"year": d.year, "month": d.month, "date": 1, "utc": True} for d in chosen]


def annual_points_chart(indicator, values) -> dict:
    """One point a collection year for an annual cohort (OC3), named "Year to March 2025":
    a cohort is not a monthly line (issue 7.2)."""
    rows = [
        {
            "year": figures.annual_period_text(indicator, value.as_at),
            "value": value.value,
            "shown": figures.shown(indicator, value.value),
        }
        for value in values
    ]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_point(filled=True, size=120, color="#1d70b8")
        .encode(
            x=alt.X(
                "year:O",
                title="Collection year",
                sort=None,
                axis=alt.Axis(labelAngle=0, labelOverlap=False),
            ),
            y=alt.Y(
                "value:Q",
                title=Y_TITLE.get(indicator.unit, "Value"),
                scale=alt.Scale(zero=True, nice=True),
                axis=alt.Axis(format=",.0f", tickCount=6),
            ),
            tooltip=[
                alt.Tooltip("year:N", title="Year"),
                alt.Tooltip("shown:N", title=indicator.title),
            ],
        )
        .properties(
            width="container",
            height=300,
            description=f"Chart of {indicator.title}, one point for each collection year. "
            "The same figures are in the table below the chart.",
        )
        .configure_axis(labelFont="arial", titleFont="arial", labelFontSize=14, titleFontSize=14)
        .configure_view(stroke=None)
    )
    return chart.to_dict(validate=False)


@cached_spec(
    lambda indicator, values: (indicator.id, [(value.as_at, value.value) for value in values])
)
def indicator_series_chart(indicator, values) -> dict:
    """The chart of an indicator's series, by its cadence: annual points or a monthly line."""
    if getattr(indicator, "cadence", "monthly") == "annual":
        return annual_points_chart(indicator, values)
    return monthly_line_chart(indicator, values)


def monthly_line_chart(indicator, values) -> dict:
    """A monthly line chart of one indicator: one point per month-end, gaps where no figure.

    The x field is the month (`utcyearmonth`), not the instant: a 31 March figure sits on the
    "Mar 2023" tick, where a raw date would fall just before the "Apr 2023" one. UTC keeps the
    month the same in every browser's time zone. Tooltips show the same text as the table
    (`figures.shown`).
    """
    rows = [
        {
            "month_end": value.as_at.isoformat(),
            "month": _month_label(value.as_at),
            "value": value.value,
            "shown": figures.shown(indicator, value.value),
        }
        for value in values
    ]
    unit = indicator.unit
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_line(point=alt.OverlayMarkDef(color="#1d70b8"), color="#1d70b8", strokeWidth=3)
        .encode(
            x=alt.X(
                "utcyearmonth(month_end):T",
                title="Month",
                axis=alt.Axis(
                    format=MONTH_LABEL,
                    formatType="utc",
                    values=_labelled_months(values),
                    labelOverlap=False,
                    labelAngle=0,
                ),
            ),
            y=alt.Y(
                "value:Q",
                title=Y_TITLE.get(unit, "Value"),
                scale=alt.Scale(zero=True, nice=True),
                axis=alt.Axis(format=",.0f", tickCount=6),
            ),
            tooltip=[
                alt.Tooltip("month:N", title="Month"),
                alt.Tooltip("shown:N", title=indicator.title),
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
    return chart.to_dict(validate=False)
