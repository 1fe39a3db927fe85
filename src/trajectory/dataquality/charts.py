"""The trend of findings across versions (issue 13.4, "are we getting better?") as a Vega-Lite
spec built with Altair, in the indicator charts' style (indicators/charts.py); the page gives
the same figures as a table below it."""

from __future__ import annotations

import altair as alt


def trend_chart(points, title: str) -> dict:
    """Findings of each version's newest run, by the day the version was accepted."""
    rows = [
        {
            "accepted": point.version.accepted_at.date().isoformat(),
            "version": f"Version {point.version.number} ({point.version.year.label})",
            "findings": point.findings,
        }
        for point in points
    ]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_line(
            point=alt.OverlayMarkDef(color="#1d70b8", size=80), color="#1d70b8", strokeWidth=3
        )
        .encode(
            x=alt.X("accepted:T", title="Accepted", axis=alt.Axis(format="%d %b %Y", labelAngle=0)),
            y=alt.Y(
                "findings:Q",
                title="Findings",
                scale=alt.Scale(zero=True, nice=True),
                axis=alt.Axis(format=",.0f", tickCount=6),
            ),
            tooltip=[
                alt.Tooltip("version:N", title="Version"),
                alt.Tooltip("accepted:T", title="Accepted", format="%d %B %Y"),
                alt.Tooltip("findings:Q", title="Findings", format=",.0f"),
            ],
        )
        .properties(
            width="container",
            height=260,
            description=f"Chart of the data-quality findings in each {title} version, by the "
            "day it was accepted. The same figures are in the table below the chart.",
        )
        .configure_axis(labelFont="arial", titleFont="arial", labelFontSize=14, titleFontSize=14)
        .configure_view(stroke=None)
    )
    return chart.to_dict(validate=False)
