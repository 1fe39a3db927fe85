"""Every chart as PNG and SVG (issue 7.18): ?download=png|svg&chart=ID on a page draws the
Vega-Lite spec the page carries with vl-convert, after the page's own checks, audited."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from trajectory.audit.models import AuditEntry
from trajectory.web.chart_images import FILE_WIDTH, PNG_SCALE, chart_png, chart_svg

pytestmark = pytest.mark.django_db
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _series(council):
    from trajectory.indicators.models import IndicatorRun, IndicatorValue

    ends = [date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31)]
    run = IndicatorRun.objects.create(council=council, period_from=ends[0], period_to=ends[-1])
    for as_at, value in zip(ends, (410, 418, 425, 432), strict=True):
        IndicatorValue.objects.create(run=run, indicator_id="cla_count", as_at=as_at, value=value)
    return run


def test_a_container_width_spec_is_drawn_at_the_file_width_with_its_text():
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": "container",
        "height": 200,
        "data": {"values": [{"x": "A", "y": 3}, {"x": "B", "y": 5}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "x", "type": "nominal", "title": "Team"},
            "y": {"field": "y", "type": "quantitative", "title": "Cases"},
        },
        "config": {"axis": {"labelFont": "arial", "titleFont": "arial"}},
    }
    svg = chart_svg(spec)
    assert f'width="{FILE_WIDTH}"' in svg.split(">")[0]
    assert {"Team", "Cases", "A", "B"} <= set(re.findall(r"<text[^>]*>([^<]+)</text>", svg))
    width, height = _png_size(chart_png(spec))
    assert (width, height) == (FILE_WIDTH * PNG_SCALE, 200 * PNG_SCALE)
    assert spec["width"] == "container"  # the page's spec is not changed


def test_the_indicator_chart_downloads_as_png_and_svg_and_is_audited(client, council, make_user):
    _series(council)
    leader = make_user("leader", council)
    client.force_login(leader)
    url = reverse("indicator_detail", args=[council.code, "cla_count"])

    svg = client.get(url, {"download": "svg", "chart": "indicator-chart-spec"})
    png = client.get(url, {"download": "png", "chart": "indicator-chart-spec"})

    assert svg["Content-Type"] == "image/svg+xml; charset=utf-8"
    texts = re.findall(r"<text[^>]*>([^<]+)</text>", svg.content.decode())
    assert "Mar 2024" in texts and "Dec 2024" in texts
    # A file leaving its page says what it shows and where it came from (the page's heading).
    assert "Children looked after" in texts
    today = date.today()
    source = f"Source: Trajectory, {council.name} ({council.code}), downloaded "
    assert f"{source}{today.day} {today:%B %Y}" in [t.replace("&#39;", "'") for t in texts]
    assert png["Content-Type"] == "image/png" and png.content[:8] == PNG_SIGNATURE
    assert png["Content-Disposition"].endswith('.png"')
    entries = AuditEntry.objects.filter(action="chart.download", user=leader).order_by("pk")
    assert [e.detail["format"] for e in entries] == ["svg", "png"]
    assert all(e.detail["page"] == url and e.council == council for e in entries)


def test_no_such_chart_is_404(client, council, make_user):
    _series(council)
    client.force_login(make_user("leader", council))
    url = reverse("indicator_detail", args=[council.code, "cla_count"])
    assert client.get(url, {"download": "png", "chart": "nothing"}).status_code == 404
    assert client.get(url, {"download": "png"}).status_code == 404


def test_png_text_in_arial_is_drawn_where_arial_is_not_installed():
    """vl-convert draws nothing for a font it lacks: a title, a mark's text or an axis asked for
    in Arial falls back to its metric twin, so a PNG for a board paper keeps its words."""
    import io

    from PIL import Image

    from trajectory.web.chart_images import chart_png

    def dark_pixels(spec) -> int:
        image = Image.open(io.BytesIO(chart_png(spec, width=300, scale=1))).convert("L")
        return sum(1 for level in image.tobytes() if level < 128)

    def spec(title: str) -> dict:
        return {
            "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "title": {"text": title, "font": "Arial", "fontSize": 30},
            "data": {"values": [{"label": title}]},
            "mark": {"type": "text", "font": "arial", "fontSize": 30},
            "encoding": {"text": {"field": "label"}},
            "height": 40,
        }

    assert dark_pixels(spec("")) == 0
    assert dark_pixels(spec("Children looked after")) > 100
