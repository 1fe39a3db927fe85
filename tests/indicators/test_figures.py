"""Format, direction and trend, once (issue 7.21): hand-worked values of each rule."""

from __future__ import annotations

from datetime import date

from trajectory.indicators import figures, registry

RATE = registry.get("cla_rate_per_10k")  # neutral, 0 decimals
MISSING = registry.get("cla_missing_pct")  # lower is better, 1 decimal
REVIEWS = registry.get("cla_reviews_on_time_pct")  # higher is better, 1 decimal
COUNT = registry.get("cla_count")


def test_a_figure_is_shown_to_its_indicators_decimals():
    assert figures.shown(RATE, 70.46) == "70"
    assert figures.shown(MISSING, 12.345) == "12.3%"
    assert figures.shown(COUNT, 1234.0) == "1,234"
    assert figures.shown(REVIEWS, None) == "No figure"
    assert figures.format_number(913, "count") == "913"  # a bare row count


def test_a_change_is_shown_to_the_same_decimals():
    assert figures.change_shown(RATE, 70.46 - 65.2) == "+5"
    assert figures.change_shown(MISSING, -1.54) == "−1.5 percentage points"
    assert figures.change_shown(RATE, 0.4) == "No change"


def test_direction_follows_polarity_and_compares_figures_as_shown():
    assert figures.direction(MISSING, 14.0, 8.0) == figures.WORSENING
    assert figures.direction(REVIEWS, 82.0, 70.0) == figures.IMPROVING
    # 12.34% and 12.31% are both shown as 12.3%: no change, not a worsening.
    assert figures.direction(MISSING, 12.34, 12.31) == figures.NO_CHANGE
    # 70.4 and 69.6 both show as 70 per 10,000.
    assert figures.direction(RATE, 70.4, 69.6) == figures.NO_CHANGE
    assert figures.direction(RATE, 75.0, 70.0) == figures.NOT_RATED
    assert figures.direction(REVIEWS, 82.0, None) == figures.NO_DATA


def test_trend_compares_with_3_and_12_month_ends_before():
    values = [
        (date(2024, 2, 29), 10.0),
        (date(2024, 5, 31), 20.0),
        (date(2024, 8, 31), 15.0),
        (date(2025, 2, 28), 12.0),
        (date(2025, 5, 31), 30.0),
    ]
    trend = figures.trend(MISSING, values)
    assert (trend.latest_as_at, trend.latest_shown) == (date(2025, 5, 31), "30.0%")
    three, twelve = trend.comparisons
    assert (three.as_at, three.value, three.direction) == (date(2025, 2, 28), 12.0, "worsening")
    assert (twelve.as_at, twelve.value, twelve.change) == (date(2024, 5, 31), 20.0, 10.0)
    assert trend.year_before is twelve and trend.headline == "worsening"


def test_trend_without_figures_has_no_comparisons():
    trend = figures.trend(REVIEWS, [(date(2025, 3, 31), None)])
    assert trend.latest_value is None and trend.comparisons == ()
    assert trend.headline == figures.NO_DATA and trend.latest_shown == "No figure"


def test_the_change_agrees_with_the_figures_shown_beside_it():
    """Found in a walk-through: 11.86 a year ago and 11.84 now are shown 11.9% and 11.8%, so
    the change is −0.1 points and improving (lower is better), not "No change" beside a tag
    saying "Improving"; 3.24 and 3.16 are both shown 3.2%, so no change, not −0.1."""
    moved = figures.trend(MISSING, [(date(2024, 3, 31), 11.86), (date(2025, 3, 31), 11.84)])
    year = moved.year_before
    assert (year.direction, figures.change_shown(MISSING, year.change)) == (
        figures.IMPROVING,
        "−0.1 percentage points",
    )
    still = figures.trend(MISSING, [(date(2024, 3, 31), 3.24), (date(2025, 3, 31), 3.16)])
    year = still.year_before
    assert (year.direction, figures.change_shown(MISSING, year.change)) == (
        figures.NO_CHANGE,
        "No change",
    )
