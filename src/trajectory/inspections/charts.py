"""Vega-Lite specs (built with Altair) for the Ofsted trajectory pages.

Each chart sits beside a table holding the same figures, so the chart is never the only way to
read them.
"""

from __future__ import annotations

import altair as alt

from trajectory.inspections.models import Grade, Inspection, Judgement

GRADE_LABELS = [Grade(grade).label for grade in Grade.values]
VISIT_ROW = "Visit (not graded)"
GRADE_COLOURS = ["#00703c", "#1d70b8", "#f47738", "#d4351c"]  # GOV.UK green, blue, orange, red


def _finish(chart: alt.Chart | alt.LayerChart, description: str, height: int = 260) -> dict:
    return (
        chart.properties(width="container", height=height, description=description)
        .configure_axis(labelFont="arial", titleFont="arial", labelFontSize=14, titleFontSize=14)
        .configure_legend(
            labelFont="arial",
            titleFont="arial",
            labelFontSize=14,
            titleFontSize=14,
            orient="bottom",
            columns=2,
            labelLimit=400,
        )
        .configure_view(stroke=None)
        .to_dict(validate=False)
    )


def council_trajectory_chart(council, inspections: list[Inspection]) -> dict:
    """Overall effectiveness at each graded inspection, joined by a line, and the ungraded
    monitoring and focused visits on their own row below the grades. Sub-judgements are in the
    tables (drawn here they would sit on top of one another)."""
    rows = []
    for inspection in inspections:
        when = inspection.fieldwork_start or inspection.published_on
        if when is None:
            continue
        overall = next(
            (j for j in inspection.judgements.all() if j.area == Judgement.Area.OVERALL), None
        )
        if overall is not None:
            rows.append(
                {
                    "date": when.isoformat(),
                    "grade": Grade(overall.grade).label,
                    "series": inspection.get_kind_display(),
                    "overall": True,
                    "what": inspection.get_framework_display(),
                }
            )
        elif inspection.kind not in Inspection.GRADED_KINDS:
            rows.append(
                {
                    "date": when.isoformat(),
                    "grade": VISIT_ROW,
                    "series": inspection.get_kind_display(),
                    "overall": False,
                    "what": inspection.theme or inspection.get_kind_display(),
                }
            )
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X(
            "date:T",
            title="First day of fieldwork",
            axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1}),
        ),
        y=alt.Y(
            "grade:N",
            title=None,
            sort=[*GRADE_LABELS, VISIT_ROW],
            scale=alt.Scale(domain=[*GRADE_LABELS, VISIT_ROW]),
            axis=alt.Axis(labelLimit=260),
        ),
    )
    line = base.transform_filter(alt.datum.overall).mark_line(color="#0b0c0c", strokeWidth=3)
    points = base.mark_point(size=160, filled=True, opacity=0.9).encode(
        color=alt.Color("series:N", title="Inspection or visit"),
        shape=alt.Shape("series:N", title="Inspection or visit"),
        tooltip=[
            alt.Tooltip("date:T", title="Fieldwork began", format="%d %b %Y"),
            alt.Tooltip("series:N", title="Inspection or visit"),
            alt.Tooltip("grade:N", title="Overall effectiveness"),
            alt.Tooltip("what:N", title="Framework or theme"),
        ],
    )
    return _finish(
        alt.layer(line, points),
        f"Ofsted's overall effectiveness judgements for {council.name} over time, joined by a "
        "line, with monitoring and focused visits on a separate row. The table of inspections "
        "on this page gives the same record.",
        height=300,
    )


def national_grades_chart(rows: list[dict], council) -> dict:
    """Councils at each overall grade as at 31 March of each year (stacked), with an outline
    on the segment holding this council's grade."""
    data = [
        {
            "year": str(row["year"]),
            "grade": row["grade_label"],
            "count": row["count"],
            "order": GRADE_LABELS.index(row["grade_label"]),
            "this_council": row["is_council_grade"],
        }
        for row in rows
        if row["count"]
    ]
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="As at 31 March", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("count:Q", title="Councils", stack="zero"),
            color=alt.Color(
                "grade:N",
                title="Latest overall effectiveness",
                scale=alt.Scale(domain=GRADE_LABELS, range=GRADE_COLOURS),
                sort=GRADE_LABELS,
            ),
            order=alt.Order("order:Q", sort="ascending"),
            stroke=alt.condition(alt.datum.this_council, alt.value("#0b0c0c"), alt.value(None)),
            strokeWidth=alt.condition(alt.datum.this_council, alt.value(3), alt.value(0)),
            tooltip=[
                alt.Tooltip("year:O", title="31 March"),
                alt.Tooltip("grade:N", title="Grade"),
                alt.Tooltip("count:Q", title="Councils"),
            ],
        )
    )
    return _finish(
        chart,
        "Stacked bar chart of how many councils in England held each latest overall "
        f"effectiveness grade as at 31 March of each year; the segment holding {council.name}'s "
        "grade is outlined. The table beside the chart gives the same counts.",
    )
