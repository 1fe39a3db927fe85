"""The results chart (Vega-Lite, built with Altair): each month's final grades, stacked, as a
share of the month's completed audits. The table beside it holds the same counts, so the chart
is never the only way to read them."""

from __future__ import annotations

import altair as alt

from trajectory.assurance import grades
from trajectory.inspections.charts import _finish
from trajectory.web.chart_cache import cached_spec

# Outstanding to inadequate: GOV.UK green, light green, orange, red.
COLOURS = ["#00703c", "#85994b", "#f47738", "#d4351c"]


@cached_spec(lambda rows: rows)
def grades_by_month_chart(rows: list[dict]) -> dict | None:
    """rows: [{"month": ISO date, "grade": label, "audits": n}]."""
    if not rows:
        return None
    order = [label for _, label in grades.OFSTED_CHOICES]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("month:O", title="Programme month", timeUnit="yearmonth"),
            y=alt.Y("audits:Q", title="Share of completed audits", stack="normalize"),
            color=alt.Color(
                "grade:N", title="Final grade", scale=alt.Scale(domain=order, range=COLOURS)
            ),
            order=alt.Order("rank:Q"),
            detail=alt.Detail("grade:N"),
            tooltip=[
                alt.Tooltip("month:T", title="Month", format="%B %Y"),
                alt.Tooltip("grade:N", title="Grade"),
                alt.Tooltip("audits:Q", title="Audits"),
            ],
        )
    )
    return _finish(chart, "Final grades of each month's completed case audits, as shares")


def chart_rows(by_month: list[dict]) -> list[dict]:
    rows = []
    for row in by_month:
        for rank, (key, label) in enumerate(grades.OFSTED_CHOICES):
            rows.append(
                {
                    "month": row["key"].isoformat(),
                    "grade": label,
                    "rank": rank,
                    "audits": row["counts"][key],
                }
            )
    return rows
