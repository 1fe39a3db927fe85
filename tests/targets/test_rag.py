"""The RAG rule worked by hand for each polarity, boundaries included (targets/rag.py)."""

from __future__ import annotations

import pytest

from trajectory.plans.rag import Rag
from trajectory.targets.rag import (
    NEAR_TARGET,
    NO_DATA,
    NO_TARGET,
    OFF_TARGET,
    ON_TARGET,
    target_rag,
)

HIGHER, LOWER, NEUTRAL = "higher_is_better", "lower_is_better", "neutral"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (65.0, ON_TARGET),
        (60.0, ON_TARGET),  # at the target
        (59.96, ON_TARGET),  # shown as 60.0%
        (59.9, NEAR_TARGET),
        (55.0, NEAR_TARGET),  # 60 − 5: the edge of near
        (54.96, NEAR_TARGET),  # shown as 55.0%
        (54.9, OFF_TARGET),
        (0.0, OFF_TARGET),
        (None, NO_DATA),
    ],
)
def test_higher_is_better_target_60_tolerance_5(value, expected):
    assert target_rag(value, 60.0, 5.0, HIGHER, decimals=1) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (8.0, ON_TARGET),
        (10.0, ON_TARGET),
        (10.04, ON_TARGET),  # shown as 10.0%
        (10.1, NEAR_TARGET),
        (12.0, NEAR_TARGET),  # 10 + 2
        (12.1, OFF_TARGET),
        (100.0, OFF_TARGET),
        (None, NO_DATA),
    ],
)
def test_lower_is_better_target_10_tolerance_2(value, expected):
    assert target_rag(value, 10.0, 2.0, LOWER, decimals=1) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (50, ON_TARGET),
        (55, ON_TARGET),  # +5, inside the band
        (45, ON_TARGET),  # −5
        (55.4, ON_TARGET),  # shown as 55
        (55.6, NEAR_TARGET),  # shown as 56
        (56, NEAR_TARGET),
        (44, NEAR_TARGET),
        (60, NEAR_TARGET),  # +10 = 2 × 5
        (40, NEAR_TARGET),  # −10
        (61, OFF_TARGET),
        (39, OFF_TARGET),
        (None, NO_DATA),
    ],
)
def test_neutral_band_50_plus_or_minus_5(value, expected):
    assert target_rag(value, 50, 5, NEUTRAL, decimals=0) is expected


def test_zero_tolerance_leaves_no_near():
    assert target_rag(60.0, 60.0, 0.0, HIGHER, decimals=1) is ON_TARGET
    assert target_rag(59.9, 60.0, 0.0, HIGHER, decimals=1) is OFF_TARGET
    assert target_rag(10.1, 10.0, 0.0, LOWER, decimals=1) is OFF_TARGET


def test_bounds_are_not_spoilt_by_float_arithmetic():
    # 0.3 − 0.1 is 0.19999999999999998 in floating point: 0.2 is still at the edge of near.
    assert target_rag(0.2, 0.3, 0.1, HIGHER) is NEAR_TARGET
    # 0.1 + 0.2 is 0.30000000000000004: 0.3 is at the edge of near.
    assert target_rag(0.3, 0.1, 0.2, LOWER) is NEAR_TARGET


def test_no_target_is_never_a_colour_and_comes_before_no_data():
    assert target_rag(None, None, None, HIGHER) is NO_TARGET
    assert target_rag(70.0, None, None, LOWER) is NO_TARGET
    assert NO_TARGET.colour == NO_DATA.colour == "grey"


def test_ratings_are_the_plans_rag_with_its_tags_and_words():
    assert all(isinstance(rating, Rag) for rating in (ON_TARGET, NEAR_TARGET, OFF_TARGET))
    assert (ON_TARGET.colour, ON_TARGET.tag_class, ON_TARGET.label) == (
        "green",
        "govuk-tag--green",
        "On target",
    )
    assert (NEAR_TARGET.colour, NEAR_TARGET.tag_class, NEAR_TARGET.label) == (
        "amber",
        "govuk-tag--orange",
        "Near target",
    )
    assert (OFF_TARGET.colour, OFF_TARGET.tag_class, OFF_TARGET.label) == (
        "red",
        "govuk-tag--red",
        "Off target",
    )
    assert NO_DATA.tag_class == "govuk-tag--grey" and NO_DATA.label == "No data"


def test_an_unknown_polarity_is_refused():
    with pytest.raises(ValueError, match="sideways"):
        target_rag(1.0, 1.0, 0.0, "sideways")
