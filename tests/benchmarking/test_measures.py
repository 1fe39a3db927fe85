"""The catalogue: every indicator is compared with one published figure or says why not."""

from __future__ import annotations

import pytest

from trajectory.benchmarking import measures
from trajectory.benchmarking.published import NATIONAL, published_rows
from trajectory.indicators.registry import INDICATORS
from trajectory.reference.manifest import manifest_files

from .published_fixtures import needs_shared_data


def test_every_indicator_has_a_published_measure_or_a_reason():
    for indicator in INDICATORS:
        has_measure = measures.measure_for(indicator.id) is not None
        has_reason = indicator.id in measures.NO_COUNTERPART
        assert has_measure != has_reason, indicator.id
    assert measures.measure_for("cla_reviews_on_time_pct") is None
    assert "local measure" in measures.no_counterpart_reason("cla_reviews_on_time_pct")


def test_every_file_a_measure_reads_is_pinned_for_benchmarks():
    pinned = {item.local_file: item for item in manifest_files()}
    for name in measures.files():
        assert pinned[name].needed_for == "benchmarks", name
        assert pinned[name].url.startswith("https://raw.githubusercontent.com/"), name


@needs_shared_data
@pytest.mark.parametrize("measure", measures.MEASURES, ids=lambda m: m.indicator_id)
def test_each_measure_picks_one_figure_a_place_a_year_with_england_every_year(measure):
    rows = published_rows(measure.file, measure.filter_map, measure.column)
    england = rows.filter(rows["geographic_level"] == NATIONAL)
    assert set(range(measure.first_year, measure.last_year + 1)) <= set(england["year"].to_list())
    assert england["value"].null_count() == 0
    assert rows.filter(rows["old_la_code"] == "938").height == england.height
