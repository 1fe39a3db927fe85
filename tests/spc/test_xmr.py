"""XmR limits and the four special-cause rules on constructed series, each worked by hand.

The screening example is NHSRplotthedots' own (vignettes/deviations.Rmd, "Treatment of outlying
points"): 18 values 1, 2, 1, 2, 10, 1, 2, ... , 1, with the limits it captions."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trajectory.spc.xmr import xmr

# NHSRplotthedots' screening example. Nine 1s, eight 2s and one 10: sum 35, mean 35/18 = 1.944.
# 17 moving ranges: 1, 1, 1, 8, 9 and twelve 1s = 32, mean 32/17 = 1.882.
# Screening: 3.267 x 1.882 = 6.150, so 8 and 9 go; fifteen 1s remain, mean moving range 1.
#   limits 1.944 +/- 2.66 x 1 = 4.604 and -0.716 (the vignette's 4.6 and -0.72).
# Unscreened: 1.944 +/- 2.66 x 1.882 = 1.944 +/- 5.007 = 6.952 and -3.063 (6.95 and -3.06).
SCREENING = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]


def test_screening_example_limits():
    screened = xmr(SCREENING)
    assert round(screened.mean, 2) == 1.94
    assert round(screened.upl, 2) == 4.60
    assert round(screened.lpl, 2) == -0.72
    assert screened.limits.screened == 2
    assert screened.limits.mean_moving_range == 1

    unscreened = xmr(SCREENING, screen_outliers=False)
    assert round(unscreened.mean, 2) == 1.94
    assert round(unscreened.upl, 2) == 6.95
    assert round(unscreened.lpl, 2) == -3.06
    assert unscreened.limits.mean_moving_range == pytest.approx(32 / 17)


def test_rule_one_a_point_outside_the_limits():
    # 10 > 4.604 (and > 6.952 unscreened). Every 2 is above the mean 1.944 and every 1 below,
    # alternately, so no shift; no trend; two-thirds of the way to the upper limit is
    # 1.944 + 2 x 2.66 / 3 = 3.718, which only the 10 passes, and it is outside.
    chart = xmr(SCREENING, polarity="higher_is_better")
    assert [point.special_cause for point in chart.points] == [i == 4 for i in range(18)]
    assert chart.points[4].rule == "outside_limits"
    assert chart.points[4].variation == "improvement"
    assert xmr(SCREENING, polarity="lower_is_better").points[4].variation == "concern"
    neutral = xmr(SCREENING, polarity="neutral").points[4]
    assert (neutral.variation, neutral.side) == ("neutral", "high")
    assert {p.variation for i, p in enumerate(chart.points) if i != 4} == {"common_cause"}


# A shift: 0, 4, 0, 4, 0, 4, 0 then 3, 4, 3, 4, 3, 4, 3. Sum 12 + 24 = 36, mean 36/14 = 2.571.
# Sides: - + - + - + - then seven +: one run of 7 above (indices 7-13).
# Moving ranges: six 4s, a 3, six 1s = 33, mean 33/13 = 2.538 (3.267 x 2.538 = 8.29: none
# screened). Limits 2.571 +/- 6.752 = 9.324 and -4.181; 2 sigma above is 2.571 + 4.501 = 7.073:
# no point near a limit. Steps alternate up and down except 0 -> 3 -> 4: no trend.
SHIFT = [0, 4, 0, 4, 0, 4, 0, 3, 4, 3, 4, 3, 4, 3]


def test_rule_two_seven_points_on_one_side_of_the_mean():
    chart = xmr(SHIFT, polarity="lower_is_better")
    assert chart.mean == pytest.approx(36 / 14)
    assert chart.upl == pytest.approx(36 / 14 + 2.66 * 33 / 13)
    assert [point.special_cause for point in chart.points] == [False] * 7 + [True] * 7
    assert {point.rule for point in chart.points[7:]} == {"shift"}
    assert {point.variation for point in chart.points[7:]} == {"concern"}  # high is worse
    assert chart.variation_icon == "concern_high"
    assert xmr(SHIFT, polarity="higher_is_better").variation_icon == "improvement_high"


def test_a_point_on_the_mean_breaks_the_run():
    # -3, 3, -3, 3, -3, 3, -3, -3 (sum -6) then 1, 1, 1, 0, 1, 1, 1 (sum 6): mean exactly 0.
    # The 0 sits on the mean, leaving runs of three above: no shift. Moving ranges six 6s, 0, 4,
    # 0, 0, 1, 1, 0, 0 = 42, mean 3; limits +/- 7.98, 2 sigma 5.32: nothing near. Level steps: no
    # trend. Nothing is special.
    on_mean = [-3, 3, -3, 3, -3, 3, -3, -3, 1, 1, 1, 0, 1, 1, 1]
    chart = xmr(on_mean)
    assert chart.mean == 0
    assert not any(point.special_cause for point in chart.points)
    # With a 1 in place of the 0 the mean is 1/15 and the seven 1s are a run above it.
    off_mean = on_mean[:11] + [1] + on_mean[12:]
    flagged = [point.special_cause for point in xmr(off_mean).points]
    assert flagged == [False] * 8 + [True] * 7


# A trend: 6, 0, 6, 0, 6, then 0, 1, 2, 3, 4, 5, 6 (seven points, each higher), then 0, 6, 0.
# Sum 18 + 21 + 6 = 45, mean 3. Sides + - + - + - - - 0 + + + - + -: no run of 7.
# Moving ranges five 6s, six 1s, three 6s = 54, mean 54/14 = 3.857; limits 3 +/- 10.26,
# 2 sigma 3 + 6.84 = 9.84: nothing near. Points 5 to 11 rise each month: a trend, upward, so
# improvement when higher is better, even for the points below the mean.
TREND = [6, 0, 6, 0, 6, 0, 1, 2, 3, 4, 5, 6, 0, 6, 0]


def test_rule_three_seven_points_each_higher_than_the_one_before():
    chart = xmr(TREND, polarity="higher_is_better")
    assert chart.mean == 3
    assert [point.special_cause for point in chart.points] == [5 <= i <= 11 for i in range(15)]
    assert {point.rule for point in chart.points[5:12]} == {"trend"}
    assert {point.variation for point in chart.points[5:12]} == {"improvement"}
    assert chart.variation_icon == "common_cause"  # the latest point, 0, is common cause


def test_six_rising_points_or_a_level_step_are_no_trend():
    # 1 to 6 is six points; 0, 1, 2, 2, 3, 4, 5 has a level step. Sides and limits as above
    # keep every point common cause (mean 3 and 37/15 with limits well beyond 6).
    six = [6, 1, 6, 1, 6, 1, 2, 3, 4, 5, 6, 1, 6, 1]
    assert not any(point.special_cause for point in xmr(six).points)
    level = [6, 0, 6, 0, 6, 0, 1, 2, 2, 3, 4, 5, 0, 6, 0]
    assert not any(point.rule == "trend" for point in xmr(level).points)


def test_rule_four_two_of_three_near_the_same_limit():
    # 1, -1 seven times, then 5.5, 1, 5.5. Sum 12, mean 12/17 = 0.706. Moving ranges thirteen
    # 2s, 6.5, 4.5, 4.5 = 41.5, mean 2.594 (none at 3.267 x 2.594 = 8.47). Upper limit
    # 0.706 + 6.899 = 7.605; 2 sigma 0.706 + 4.600 = 5.305. Both 5.5s are beyond 2 sigma and
    # inside the limit; the last three points are all above the mean: the 5.5s are flagged,
    # the 1 between them is not.
    values = [1, -1] * 7 + [5.5, 1, 5.5]
    chart = xmr(values, polarity="lower_is_better")
    assert chart.upl == pytest.approx(12 / 17 + 2.66 * 41.5 / 16)
    flagged = [i for i, point in enumerate(chart.points) if point.special_cause]
    assert flagged == [14, 16]
    assert {chart.points[i].rule for i in flagged} == {"two_in_three"}
    assert chart.points[16].variation == "concern"
    assert chart.variation_icon == "concern_high"


def test_two_near_points_on_opposite_sides_are_common_cause():
    # NHSRplotthedots' own test: 1, -1 eight times with the last two 5.5 and -5.5. Mean 0;
    # moving ranges thirteen 2s, 6.5, 11 (screened: 3.267 x 43.5/15 = 9.47), so mean 2.321,
    # 2 sigma 4.117, limit 6.175: both near, on opposite sides, so no signal.
    values = [1, -1] * 7 + [5.5, -5.5]
    assert [point.special_cause for point in xmr(values).points] == [False] * 16


def _month(index: int) -> date:
    return date(2023 + (index + 3) // 12, (index + 3) % 12 + 1, 1)


def test_rebasing_takes_limits_afresh_from_each_date():
    # 1, 2 six times, then 11, 12 six times. Unrebased the jump is special cause. Rebased at the
    # 13th point each half has mean 1.5 (11.5), mean moving range 1, limits +/- 2.66, and
    # alternates about its mean: nothing special.
    values = [1, 2] * 6 + [11, 12] * 6
    dates = [_month(i) for i in range(24)]
    assert any(point.special_cause for point in xmr(values, dates).points)
    chart = xmr(values, dates, rebase_dates=[dates[12]])
    assert [(limits.start, limits.mean) for limits in chart.segments] == [
        (dates[0], 1.5),
        (dates[12], 11.5),
    ]
    assert chart.segments[1].upl == pytest.approx(14.16)
    assert not any(point.special_cause for point in chart.points)
    assert [point.segment for point in chart.points] == [0] * 12 + [1] * 12
    # A date between points starts the segment at the next point; one before the first
    # changes nothing.
    between = xmr(values, dates, rebase_dates=[date(2024, 3, 15), date(2020, 1, 1)])
    assert [limits.start for limits in between.segments] == [dates[0], dates[12]]


def test_assurance_against_a_target():
    # 1, 2 six times: mean 1.5, limits 4.16 and -1.16.
    values = [1, 2] * 6
    assert xmr(values, polarity="higher_is_better", target=5).assurance_icon == "not_capable"
    assert xmr(values, polarity="higher_is_better", target=-2).assurance_icon == "capable"
    assert xmr(values, polarity="higher_is_better", target=3).assurance_icon == "hit_or_miss"
    assert xmr(values, polarity="lower_is_better", target=5).assurance_icon == "capable"
    assert xmr(values, polarity="lower_is_better", target=-2).assurance_icon == "not_capable"
    assert xmr(values, polarity="neutral", target=5).assurance_icon is None
    assert xmr(values, polarity="higher_is_better").assurance_icon is None


def test_refusals():
    with pytest.raises(ValueError, match="Polarity"):
        xmr([1, 2], polarity="up")
    with pytest.raises(ValueError, match="in order"):
        xmr([1, 2], [date(2024, 2, 1), date(2024, 1, 1)])
    assert xmr([]).limits is None and xmr([]).variation_icon is None
    single = xmr([4])
    assert (single.mean, single.upl, single.lpl) == (4, 4, 4)


series = st.lists(st.integers(-1000, 1000), min_size=2, max_size=40)
polarities = st.sampled_from(["higher_is_better", "lower_is_better", "neutral"])


@given(st.floats(-1e6, 1e6, allow_nan=False), st.integers(1, 60))
def test_a_constant_series_has_no_special_cause(value, length):
    assert not any(point.special_cause for point in xmr([value] * length).points)


@given(series, st.integers(-10_000, 10_000), polarities)
def test_flags_do_not_move_when_a_constant_is_added(values, shift, polarity):
    before = xmr(values, polarity=polarity).points
    after = xmr([value + shift for value in values], polarity=polarity).points
    assert [(p.rules, p.variation) for p in before] == [(p.rules, p.variation) for p in after]


@given(series, st.integers(1, 50))
def test_flags_do_not_move_when_the_scale_changes(values, factor):
    before = xmr(values).points
    after = xmr([value * factor for value in values]).points
    assert [p.rules for p in before] == [p.rules for p in after]


@given(series)
def test_turning_a_series_over_swaps_improvement_and_concern(values):
    up = xmr(values, polarity="higher_is_better").points
    down = xmr([-value for value in values], polarity="lower_is_better").points
    assert [p.variation for p in up] == [p.variation for p in down]
