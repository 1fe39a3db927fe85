"""The domain history chart (Vega-Lite, built with Altair): both ratings at each review.

It sits beside the table holding the same ratings, so the chart is never the only way to read
them."""

from __future__ import annotations

import altair as alt

from trajectory.inspections.charts import _finish

SIDES = {"self": "Council's self-assessment", "opinion": "Commissioner's opinion"}
COLOURS = ["#1d70b8", "#d4351c"]  # GOV.UK blue, red


def domain_history_chart(name: str, points) -> dict | None:
    """Ratings on the framework's scale (lowest at the bottom) at each review's date."""
    rows = []
    scale: list[str] = []
    for point in points:
        for key, label in SIDES.items():
            rating = getattr(point.entry, f"{key}_rating")
            if rating:
                rows.append(
                    {"date": point.review.as_at.isoformat(), "side": label, "rating": rating}
                )
        for rating in point.review.framework.rating_scale:
            if rating not in scale:
                scale.append(rating)
    if not rows:
        return None
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_line(point=alt.OverlayMarkDef(size=80))
        .encode(
            x=alt.X("date:T", title="Review date"),
            y=alt.Y(
                "rating:O",
                title="Rating",
                sort=list(reversed(scale)),
                scale=alt.Scale(domain=list(reversed(scale))),
            ),
            color=alt.Color("side:N", title=None, scale=alt.Scale(range=COLOURS)),
            strokeDash=alt.StrokeDash("side:N", title=None),
            tooltip=["date:T", "side:N", "rating:O"],
        )
    )
    return _finish(chart, f"{name}: the council's and the Commissioner's ratings at each review")
