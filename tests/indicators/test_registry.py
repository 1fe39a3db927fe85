"""The catalogue is complete: every entry computes, is documented and says how to read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from trajectory.indicators import registry

DOCS = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"
IDS = [
    "cla_count",
    "cla_rate_per_10k",
    "cla_starts_12m",
    "cla_ceased_12m",
    "cla_3plus_placements_pct",
    "cla_long_term_stability_pct",
    "cla_reviews_on_time_pct",
    "care_leavers_in_touch_pct",
    "care_leavers_suitable_accom_pct",
    "care_leavers_eet_pct",
    "care_leavers_in_touch_17_18_pct",
    "care_leavers_suitable_accom_17_18_pct",
    "care_leavers_eet_17_18_pct",
    "cla_missing_pct",
]


def test_the_catalogue_holds_exactly_the_agreed_ids():
    assert [indicator.id for indicator in registry.INDICATORS] == IDS
    assert registry.get("cla_count").title == "Children looked after"
    with pytest.raises(KeyError):
        registry.get("no_such_indicator")


@pytest.mark.parametrize("indicator", registry.INDICATORS, ids=lambda i: i.id)
def test_every_entry_is_complete(indicator):
    assert callable(indicator.compute) and callable(indicator.children)
    assert indicator.unit in {"count", "percent", "rate"}
    assert indicator.polarity in {"higher_is_better", "lower_is_better", "neutral"}
    assert indicator.domain in {"children in care", "care leavers"}
    assert indicator.source_return == "ssda903"
    assert (indicator.denominator is None) == (indicator.unit == "count")
    assert indicator.title and indicator.description and indicator.period_rule
    assert len(indicator.rule) > 80, "the compute function's docstring states the rule"
    assert f"## `{indicator.id}`" in DOCS.read_text(encoding="utf-8")


def test_the_committed_docs_are_current():
    """docs/indicators.md is generated; regenerate with
    `trajectory indicators --write-docs docs/indicators.md`."""
    assert DOCS.read_text(encoding="utf-8") == registry.render_docs()


def test_reviews_on_time_is_labelled_a_local_measure_and_the_rest_name_their_dfe_source():
    """DfE publishes no timeliness of reviews (issue 8.1); every other indicator names the
    published file or LAIT measure its counting follows, in the docs as on its page."""
    docs = DOCS.read_text(encoding="utf-8")
    local = [indicator.id for indicator in registry.INDICATORS if indicator.local_measure]
    assert local == ["cla_reviews_on_time_pct"]
    reviews = docs.split("## `cla_reviews_on_time_pct`")[1].split("\n## ")[0]
    assert "- **DfE counterpart:** none, a local measure." in reviews
    for indicator in registry.INDICATORS:
        assert indicator.dfe_source
        if not indicator.local_measure:
            assert "LAIT measure" in indicator.dfe_source


def test_care_leavers_come_in_two_bands_never_pooled():
    titles = {i.id: i.title for i in registry.INDICATORS if i.domain == "care leavers"}
    assert titles == {
        "care_leavers_in_touch_pct": "Care leavers aged 19-21 in touch",
        "care_leavers_suitable_accom_pct": "Care leavers aged 19-21 in suitable accommodation",
        "care_leavers_eet_pct": "Care leavers aged 19-21 in education, employment or training",
        "care_leavers_in_touch_17_18_pct": "Care leavers aged 17-18 in touch",
        "care_leavers_suitable_accom_17_18_pct": "Care leavers aged 17-18 in suitable "
        "accommodation",
        "care_leavers_eet_17_18_pct": "Care leavers aged 17-18 in education, employment or "
        "training",
    }
