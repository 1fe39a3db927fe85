"""The SPC (XmR) chart of an indicator as a Vega-Lite spec, built with Altair.

Month-labelled like the monthly line (`indicators.charts`): the x field is the month, not the
instant, and the axis names every 1st, 3rd, 6th or 12th month counted back from the latest.
The mean and process limits are drawn per segment, so a rebase breaks them. Points are coloured
by variation and shaped by it too (colour is never the only cue); the page gives the same
points as a table and a key with text.
"""

from __future__ import annotations

import altair as alt

from trajectory.indicators import figures
from trajectory.indicators.charts import MONTH_LABEL, Y_TITLE, _labelled_months, _month_label
from trajectory.spc.text import RULE_TEXT, VARIATION_TEXT
from trajectory.spc.xmr import XmR
from trajectory.web.chart_cache import cached_spec

# Colours after Making Data Count (grey, blue, orange, purple), darkened to GOV.UK's palette so
# each has at least 3:1 contrast on white (WCAG 1.4.11).
VARIATIONS = ("common_cause", "improvement", "concern", "neutral")
COLOURS = ("#505a5f", "#1d70b8", "#b14b00", "#4c2c92")
SHAPES = ("circle", "diamond", "square", "triangle-up")
LIMIT_COLOUR = "#505a5f"
TARGET_COLOUR = "#00703c"


def _rows(indicator, chart: XmR) -> list[dict]:
    return [
        {
            "month_end": point.date.isoformat(),
            "month": _month_label(point.date),
            "value": point.value,
            "shown": figures.shown(indicator, point.value),
            "mean": point.mean,
            "upl": point.upl,
            "lpl": point.lpl,
            "segment": point.segment,
            "variation": point.variation,
            "variation_text": VARIATION_TEXT[point.variation],
            "rule_text": RULE_TEXT[point.rule] if point.rule else "",
        }
        for point in chart.points
    ]


@cached_spec(
    lambda indicator, chart, *, target=None: (indicator.id, _rows(indicator, chart), target)
)
def spc_chart(indicator, chart: XmR, *, target: float | None = None) -> dict:
    """Values, the mean (solid) and process limits (dashed) of each segment, points by
    variation, and the target (dotted, green) when there is one."""

    class _Dates:  # `_labelled_months` reads `.as_at`
        def __init__(self, when):
            self.as_at = when

    x = alt.X(
        "utcyearmonth(month_end):T",
        title="Month",
        scale=alt.Scale(padding=10),
        axis=alt.Axis(
            format=MONTH_LABEL,
            formatType="utc",
            values=_labelled_months([_Dates(point.date) for point in chart.points]),
            labelOverlap=False,
            labelAngle=0,
        ),
    )
    y_title = Y_TITLE.get(indicator.unit, "Value")
    base = alt.Chart(alt.Data(values=_rows(indicator, chart)))

    def y(field: str):
        return alt.Y(
            f"{field}:Q",
            title=y_title,
            scale=alt.Scale(zero=False, nice=True, padding=12),  # a point at the edge shows whole
            axis=alt.Axis(format=",.0f", tickCount=6),
        )

    layers = [
        base.mark_line(color=LIMIT_COLOUR, strokeWidth=2).encode(x=x, y=y("value")),
        base.mark_line(color="#0b0c0c", strokeWidth=1.5).encode(
            x=x, y=y("mean"), detail=alt.Detail("segment:N")
        ),
        base.mark_line(color=LIMIT_COLOUR, strokeWidth=1.5, strokeDash=[6, 4]).encode(
            x=x, y=y("upl"), detail=alt.Detail("segment:N")
        ),
        base.mark_line(color=LIMIT_COLOUR, strokeWidth=1.5, strokeDash=[6, 4]).encode(
            x=x, y=y("lpl"), detail=alt.Detail("segment:N")
        ),
    ]
    if target is not None:
        layers.append(
            alt.Chart(alt.Data(values=[{"target": target}]))
            .mark_rule(color=TARGET_COLOUR, strokeWidth=2, strokeDash=[2, 3])
            .encode(y=y("target"))
        )
    layers.append(
        base.mark_point(filled=True, size=90, opacity=1).encode(
            x=x,
            y=y("value"),
            color=alt.Color(
                "variation:N",
                scale=alt.Scale(domain=list(VARIATIONS), range=list(COLOURS)),
                legend=None,
            ),
            shape=alt.Shape(
                "variation:N",
                scale=alt.Scale(domain=list(VARIATIONS), range=list(SHAPES)),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("month:N", title="Month"),
                alt.Tooltip("shown:N", title=indicator.title),
                alt.Tooltip("variation_text:N", title="Variation"),
                alt.Tooltip("rule_text:N", title="Rule"),
            ],
        )
    )
    target_text = " and the target as a dotted green line" if target is not None else ""
    return (
        alt.layer(*layers)
        .properties(
            width="container",
            height=320,
            description=f"Statistical process control chart of {indicator.title} at each "
            "month end: the figures, their mean as a solid line and the process limits as "
            f"dashed lines{target_text}. Points are shaped by variation: circle common cause, "
            "diamond improvement, square concern, triangle neither. The same figures are in "
            "the table below the chart.",
        )
        .configure_axis(labelFont="arial", titleFont="arial", labelFontSize=14, titleFontSize=14)
        .configure_view(stroke=None)
        .to_dict(validate=False)
    )
