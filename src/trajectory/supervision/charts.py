"""The compliance chart: supervision on time by month (the council; teams too when given), as
a Vega-Lite spec built with Altair and drawn by the static charts bundle like the other charts.
Lines differ in dash and point shape as well as colour; the table beside the chart gives the
same figures. Channels are given as objects (field and type named), never as shorthand strings.
"""

from __future__ import annotations

import altair as alt

from trajectory.web.chart_cache import cached_spec

STYLES = (  # (colour, dash, shape)
    ("#0b0c0c", [1, 0], "circle"),
    ("#1d70b8", [8, 4], "square"),
    ("#d4351c", [2, 3], "triangle-up"),
    ("#00703c", [6, 2, 2, 2], "diamond"),
    ("#4c2c92", [4, 4], "cross"),
    ("#f47738", [1, 3], "triangle-down"),
    ("#6f777b", [10, 2], "circle"),
    ("#912b88", [3, 1], "square"),
)


def chart_rows(council_name: str, overall: list[list], by_team: dict[str, list[list]]) -> list:
    """[month ISO, series, value] for every month with a figure."""
    rows = [[r[0].isoformat(), council_name, r[3]] for r in overall if r[3] is not None]
    for team, team_rows in by_team.items():
        name = team or "No team"
        rows.extend([r[0].isoformat(), name, r[3]] for r in team_rows if r[3] is not None)
    return rows


@cached_spec(lambda rows, reference=88.0: (rows, reference))
def compliance_chart(rows: list[list], reference: float | None = 88.0) -> dict:
    values = [{"month": m, "series": s, "value": v} for m, s, v in rows]
    names = list(dict.fromkeys(s for _, s, _ in rows))
    styles = [STYLES[i % len(STYLES)] for i in range(len(names))]
    legend = alt.Legend(title="Council or team", orient="bottom", columns=3)
    base = alt.Chart(alt.Data(values=values)).encode(
        x=alt.X(field="month", type="temporal", title="Month due", axis=alt.Axis(format="%b %Y")),
        y=alt.Y(
            field="value",
            type="quantitative",
            title="Supervisions on time (%)",
            scale=alt.Scale(domain=[0, 100]),
        ),
        color=alt.Color(
            field="series",
            type="nominal",
            sort=names,
            scale=alt.Scale(domain=names, range=[s[0] for s in styles]),
            legend=legend,
        ),
        strokeDash=alt.StrokeDash(
            field="series",
            type="nominal",
            sort=names,
            scale=alt.Scale(domain=names, range=[s[1] for s in styles]),
            legend=legend,
        ),
        shape=alt.Shape(
            field="series",
            type="nominal",
            sort=names,
            scale=alt.Scale(domain=names, range=[s[2] for s in styles]),
            legend=legend,
        ),
        tooltip=[
            alt.Tooltip(field="series", type="nominal", title="Council or team"),
            alt.Tooltip(field="month", type="temporal", title="Month", format="%B %Y"),
            alt.Tooltip(field="value", type="quantitative", title="On time (%)", format=".1f"),
        ],
    )
    layers = [base.mark_line(), base.mark_point(filled=True, size=40)]
    if reference is not None:
        rule = (
            alt.Chart(alt.Data(values=[{"reference": reference}]))
            .mark_rule(color="#505a5f", strokeDash=[2, 2])
            .encode(y=alt.Y(field="reference", type="quantitative"))
        )
        layers.append(rule)
    chart = alt.layer(*layers).properties(
        width="container",
        height=300,
        description="Supervisions held on time by the month they were due; the dotted line "
        "is 88%, the figure the source documents quote.",
    )
    return chart.to_dict()
