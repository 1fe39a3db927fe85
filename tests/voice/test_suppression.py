"""The small-number rule, worked by hand at its boundaries (suppression.py): fewer than 10
answering, or fewer than 5 (but not none) on either side of the percentage."""

from __future__ import annotations

from decimal import Decimal

import pytest

from trajectory.voice.suppression import Rule, count_withheld, implied_count, withheld

DEFAULT = Rule()


@pytest.mark.parametrize(
    ("percent", "respondents", "count"),
    [
        (81, 42, 34),  # 34.02
        (50, 9, 5),  # 4.5 rounds half up
        (Decimal("91.7"), 12, 11),  # 11.004
        (Decimal("62.5"), 8, 5),
        (0, 40, 0),
        (100, 40, 40),
    ],
)
def test_the_people_a_percentage_stands_for(percent, respondents, count):
    assert implied_count(percent, respondents) == count


@pytest.mark.parametrize(
    ("percent", "respondents", "hidden"),
    [
        (50, 9, True),  # 9 answered: fewer than 10
        (50, 10, False),  # 10 answered, 5 and 5: shown
        (60, 10, True),  # 6 and 4: the 4 are fewer than 5
        (70, 20, False),  # 14 and 6
        (80, 20, True),  # 16 and 4
        (75, 20, False),  # 15 and 5: shown, 5 is not below 5
        (98, 50, True),  # 49 and 1: the one saying no is findable
        (100, 50, False),  # everyone: points to no one
        (0, 50, False),  # no one
        (2, 50, True),  # 1 and 49
        (10, 50, False),  # 5 and 45
        (8, 50, True),  # 4 and 46
    ],
)
def test_withheld_at_the_boundaries(percent, respondents, hidden):
    assert withheld(percent, respondents, DEFAULT) is hidden


def test_a_council_sets_its_own_thresholds():
    strict = Rule(minimum_respondents=20, minimum_count=3)
    assert withheld(50, 19, strict) is True
    assert withheld(50, 20, strict) is False
    assert withheld(90, 20, strict) is True  # 18 and 2: 2 is fewer than 3
    assert withheld(Decimal("87.5"), 24, strict) is False  # 21 and 3
    assert withheld(Decimal("91.7"), 24, strict) is True  # 22 and 2


def test_counts_of_answers():
    assert [count_withheld(n, DEFAULT) for n in (0, 1, 4, 5, 6)] == [
        False,
        True,
        True,
        False,
        False,
    ]


def test_no_respondents_count_is_withheld():
    assert withheld(50, None, DEFAULT) is True
