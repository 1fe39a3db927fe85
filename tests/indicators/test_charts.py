"""The indicator chart labels each month-end by its own month, and the last point has a label
(issue 7.1). The spec is rendered to SVG with vl-convert (the Vega the app ships), so the test
reads where the labels and points really are."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

import vl_convert

from trajectory.indicators import registry
from trajectory.indicators.charts import indicator_series_chart
from trajectory.indicators.compute import month_ends

COUNT = registry.get("cla_count")


def _values(first: date, last: date):
    return [
        SimpleNamespace(as_at=as_at, value=900.0 + index)
        for index, as_at in enumerate(month_ends(first, last))
    ]


def _render(values) -> tuple[dict[str, float], dict[str, float]]:
    spec = indicator_series_chart(COUNT, values)
    spec["width"] = 800  # "container" has no container outside a page
    svg = vl_convert.vegalite_to_svg(spec)
    labels = re.findall(
        r'<text[^>]*transform="translate\(([-\d.]+),[^"]*"[^>]*>([A-Z][a-z]{2} \d{4})</text>', svg
    )
    points = re.findall(
        r'aria-label="Month: ([^;]+);[^"]*" role="graphics-symbol" '
        r'aria-roledescription="point" transform="translate\(([-\d.]+),',
        svg,
    )
    return {text: float(x) for x, text in labels}, {month: float(x) for month, x in points}


def test_31_march_2023_sits_on_the_mar_2023_label_and_the_last_point_is_labelled():
    values = _values(date(2023, 3, 31), date(2024, 3, 31))  # 13 month-ends
    labels, points = _render(values)
    assert list(points)[:2] == ["Mar 2023", "Apr 2023"] and len(points) == 13
    # Every third month counted back from the last: March, June, September, December, March.
    assert list(labels) == ["Mar 2023", "Jun 2023", "Sep 2023", "Dec 2023", "Mar 2024"]
    for month, x in labels.items():
        assert abs(points[month] - x) < 0.5, month  # the label is under its own month's point


def test_a_long_series_still_labels_its_last_month():
    values = _values(date(2022, 4, 30), date(2025, 2, 28))  # 35 month-ends: every 6th
    labels, points = _render(values)
    assert list(labels)[-1] == "Feb 2025" and list(points)[-1] == "Feb 2025"
    assert list(labels) == ["Aug 2022", "Feb 2023", "Aug 2023", "Feb 2024", "Aug 2024", "Feb 2025"]
    assert abs(labels["Feb 2025"] - points["Feb 2025"]) < 0.5


def test_the_spec_encodes_the_month_and_tooltips_show_the_tables_text():
    spec = indicator_series_chart(COUNT, _values(date(2023, 3, 31), date(2023, 5, 31)))
    x = spec["encoding"]["x"]
    assert (x["field"], x["timeUnit"], x["type"]) == ("month_end", "utcyearmonth", "temporal")
    rows = spec["datasets"][spec["data"]["name"]] if "datasets" in spec else spec["data"]["values"]
    assert rows[0] == {
        "month_end": "2023-03-31",
        "month": "Mar 2023",
        "value": 900.0,
        "shown": "900",
    }
