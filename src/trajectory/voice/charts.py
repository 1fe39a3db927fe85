"""Survey trend charts: Vega-Lite specs built with Altair and drawn by the static charts
bundle, like the indicator and benchmark charts. Percentages by wave; each line differs from
the others in dash and point shape as well as colour, and the table beside every chart gives
the same figures. A withheld figure ("c") is not drawn.
"""

from __future__ import annotations

import altair as alt

from trajectory.voice.selectors import QuestionTrend
from trajectory.web.chart_cache import cached_spec

STYLES = (  # (colour, dash, shape)
    ("#1d70b8", [1, 0], "circle"),
    ("#0b0c0c", [8, 4], "square"),
    ("#d4351c", [2, 3], "triangle-up"),
    ("#00703c", [6, 2, 2, 2], "diamond"),
    ("#4c2c92", [4, 4], "cross"),
    ("#f47738", [1, 3], "triangle-down"),
    ("#6f777b", [10, 2], "circle"),
    ("#912b88", [3, 1], "square"),
)


def question_rows(item: QuestionTrend, council_name: str, comparator: str) -> list[dict]:
    rows = []
    for row in item.rows:
        if row.council_percent is not None:
            rows.append(_point(row, council_name, row.council_percent, row.council_shown))
        if row.comparator_percent is not None:
            rows.append(_point(row, comparator, row.comparator_percent, row.comparator_shown))
    return rows


def survey_rows(items: list[QuestionTrend]) -> list[dict]:
    return [
        _point(row, item.question.text, row.council_percent, row.council_shown, item.question.text)
        for item in items
        for row in item.rows
        if row.council_percent is not None
    ]


def _point(row, series: str, value, shown: str, text: str = "") -> dict:
    return {
        "wave": row.wave,
        "series": series,
        "value": float(value),
        "shown": shown,
        "question": text or series,
        "respondents": "" if row.respondents is None else f"{row.respondents:,}",
    }


def _names(rows: list[dict]) -> list[str]:
    names: list[str] = []
    for row in rows:
        if row["series"] not in names:
            names.append(row["series"])
    return names


@cached_spec(
    lambda rows, waves, description, legend_title: (rows, waves, description, legend_title)
)
def trend_chart(rows: list[dict], waves: list[str], description: str, legend_title: str) -> dict:
    """Percentages (0 to 100) by wave, one line per series."""
    names = _names(rows)
    styles = [STYLES[index % len(STYLES)] for index in range(len(names))]
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X(
            "wave:O",
            title="Wave",
            sort=waves,
            scale=alt.Scale(domain=waves),
            axis=alt.Axis(labelAngle=0, labelOverlap=False),
        ),
        y=alt.Y(
            "value:Q",
            title="Per cent",
            scale=alt.Scale(domain=[0, 100]),
            axis=alt.Axis(tickCount=5),
        ),
        color=alt.Color(
            "series:N",
            title=legend_title,
            scale=alt.Scale(domain=names, range=[style[0] for style in styles]),
        ),
        tooltip=[
            alt.Tooltip("question:N", title="Question"),
            alt.Tooltip("series:N", title=legend_title),
            alt.Tooltip("wave:N", title="Wave"),
            alt.Tooltip("shown:N", title="Result"),
            alt.Tooltip("respondents:N", title="Answered"),
        ],
    )
    lines = base.mark_line().encode(
        strokeDash=alt.StrokeDash(
            "series:N",
            title=legend_title,
            scale=alt.Scale(domain=names, range=[style[1] for style in styles]),
        )
    )
    points = base.mark_point(filled=True, size=70).encode(
        shape=alt.Shape(
            "series:N",
            title=legend_title,
            scale=alt.Scale(domain=names, range=[style[2] for style in styles]),
        )
    )
    chart = (
        alt.layer(lines, points)
        .properties(width="container", height=300, description=description)
        .configure_axis(labelFont="arial", titleFont="arial", labelFontSize=14, titleFontSize=14)
        .configure_legend(
            labelFont="arial",
            titleFont="arial",
            labelFontSize=14,
            labelLimit=0,
            orient="bottom",
            columns=1,
        )
        .configure_view(stroke=None)
    )
    return chart.to_dict(validate=False)
