"""Every chart a page draws is valid Vega-Lite. Pages build their specs without Altair's
validation (it cost about 100 ms a chart, issue 8.9's p95 of 150 ms), so each kind of chart is
validated here against the Vega-Lite schema Altair ships: the SPC chart, an annual cohort's
points, the benchmark chart, and the Ofsted trajectory and national picture."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from altair.vegalite.v6.schema import load_schema
from django.urls import reverse

from tests.overview.conftest import add_inspections, add_run, add_version

pytestmark = pytest.mark.django_db

SERIES = {
    "cla_count": [100.0 + (month % 3) for month in range(13)],
    "care_leavers_in_touch_pct": [90.0] * 13,
}


def _specs(html: str) -> dict[str, dict]:
    found = re.findall(r'<script id="([^"]+)" type="application/json">(.*?)</script>', html, re.S)
    specs = {name: json.loads(text) for name, text in found}
    return {name: spec for name, spec in specs.items() if "$schema" in spec}


def test_the_chart_of_every_kind_of_page_is_valid_vega_lite(client, council, make_user):
    add_run(council, add_version(council), SERIES)
    add_inspections(council)
    client.force_login(make_user("analyst", council))
    pages = {
        "spc": reverse("indicator_detail", args=[council.code, "cla_count"]),
        "annual": reverse("indicator_detail", args=[council.code, "care_leavers_in_touch_pct"]),
        "ofsted": reverse("inspection_list", args=[council.code]),
    }
    schema = load_schema()
    drawn = {}
    for kind, url in pages.items():
        specs = _specs(client.get(url).content.decode())
        drawn[kind] = sorted(specs)
        for name, spec in specs.items():
            jsonschema.validate(spec, schema)  # raises, naming the path, if invalid
            assert spec.get("description"), (kind, name)  # read aloud in place of the chart
    assert "indicator-chart-spec" in drawn["spc"]
    assert "indicator-chart-spec" in drawn["annual"]
    assert drawn["ofsted"], "the council's Ofsted trajectory is drawn"
