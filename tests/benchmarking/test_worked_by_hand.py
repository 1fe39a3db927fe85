"""Markers, ranks, quartiles and the neighbour mean on a tiny file worked by hand.

The file (conftest.TINY_COUNCILS) gives ten councils' percentage with 3 or more placements in
2024, lower is better: 104 8, 108 9, 101 10, 102 12, 103 12, 109 12, 105 15, 110 20, and 106
"c", 107 "x" not published. Eight are ranked, lowest first: 104 is 1, 108 2, 101 3; 102, 103
and 109 tie at 4 (the next rank is 7: 105), 110 is 8. Quartile = ceil(4 × rank ÷ 8), so ranks 1
and 2 are quartile 1, 3 and 4 quartile 2, 7 and 8 quartile 4. Council 101's 2025 neighbours are
102 (12), 106 ("c", left out) and 110 (20): mean (12 + 20) ÷ 2 = 16.0.
"""

from __future__ import annotations

import pytest

from trajectory.benchmarking.compare import (
    BETTER,
    NO_JUDGEMENT,
    WORSE,
    council_benchmarks,
    judgement,
    quartile_of,
    rank_councils,
)
from trajectory.benchmarking.measures import measure_for
from trajectory.benchmarking.published import Figure, figure_of, published_rows

from .published_fixtures import STABILITY_FILE, tiny_reference  # noqa: F401

INDICATOR = "cla_3plus_placements_pct"


def _year(code):
    (year,) = council_benchmarks(code, INDICATOR).years
    return year


@pytest.mark.usefixtures("tiny_reference")
def test_a_suppressed_value_stays_a_marker_never_zero():
    measure = measure_for(INDICATOR)
    rows = published_rows(STABILITY_FILE, measure.filter_map, measure.column)
    by_code = {row["old_la_code"]: row for row in rows.iter_rows(named=True)}
    assert (by_code["106"]["value"], by_code["106"]["marker"]) == (None, "c")
    assert (by_code["107"]["value"], by_code["107"]["marker"]) == (None, "x")
    assert (by_code["101"]["value"], by_code["101"]["marker"]) == (10.0, None)
    suppressed = _year("106")
    assert suppressed.council == Figure(None, "c")
    assert suppressed.council.as_json() == "c"
    assert suppressed.council.shown("percent") == "c"
    assert suppressed.ranking.rank is None and suppressed.ranking.quartile is None
    assert suppressed.against_england is None
    assert _year("107").council.as_json() == "x"


def test_figure_of_reads_numbers_and_keeps_every_marker():
    assert figure_of("1,234") == Figure(1234.0)
    assert figure_of(" 56 ") == Figure(56.0)
    for marker in ("c", "x", "z", "low", "k", "u", ":"):
        assert figure_of(marker) == Figure(None, marker)
    assert figure_of("") == Figure(None, "")


@pytest.mark.usefixtures("tiny_reference")
def test_ranks_and_quartiles_worked_by_hand_with_ties():
    expected = {
        "104": (1, 1, 0),
        "108": (2, 1, 0),
        "101": (3, 2, 0),
        "102": (4, 2, 2),
        "103": (4, 2, 2),
        "109": (4, 2, 2),
        "105": (7, 4, 0),
        "110": (8, 4, 0),
    }
    for code, (rank, quartile, tied) in expected.items():
        ranking = _year(code).ranking
        assert (ranking.rank, ranking.quartile, ranking.tied) == (rank, quartile, tied), code
        assert ranking.ranked == 8
        assert ranking.excluded == {"c": 1, "x": 1}


def test_rank_one_follows_polarity():
    values = {"a": 5.0, "b": 7.0, "c": 7.0, "d": 9.0}
    assert rank_councils(values, "lower_is_better") == {"a": 1, "b": 2, "c": 2, "d": 4}
    assert rank_councils(values, "higher_is_better") == {"d": 1, "b": 2, "c": 2, "a": 4}
    assert rank_councils(values, "neutral") == {"d": 1, "b": 2, "c": 2, "a": 4}
    assert [quartile_of(rank, 4) for rank in (1, 2, 3, 4)] == [1, 2, 3, 4]
    assert [quartile_of(rank, 10) for rank in (1, 2, 3, 5, 6, 8, 10)] == [1, 1, 2, 2, 3, 4, 4]


def test_judgement_by_polarity():
    assert judgement("lower_is_better", 10, 11) == BETTER
    assert judgement("higher_is_better", 10, 11) == WORSE
    assert judgement("neutral", 10, 11) == NO_JUDGEMENT
    assert judgement("higher_is_better", 11, 11) == "same"
    assert judgement("higher_is_better", None, 11) is None


@pytest.mark.usefixtures("tiny_reference")
def test_england_region_and_neighbour_mean_leaving_the_suppressed_neighbour_out():
    benchmarks = council_benchmarks("101", INDICATOR)
    assert (benchmarks.council_name, benchmarks.region_name) == ("Alpha", "South East")
    assert [(n.code, n.name) for n in benchmarks.neighbours] == [
        ("102", "Bravo"),
        ("106", "Foxtrot"),
        ("110", "Juliet"),
    ]
    (year,) = benchmarks.years
    assert year.year == 2024
    assert year.council.value == 10
    assert year.england.value == 11
    assert year.region.value == 10  # South East, not London's 13
    assert year.neighbours == 16.0
    assert year.neighbours_counted == 2
    assert [(n.code, marker) for n, marker in year.neighbours_left_out] == [("106", "c")]
    assert year.against_england == BETTER  # 10 < 11, lower is better
    assert year.against_neighbours == BETTER


@pytest.mark.usefixtures("tiny_reference")
def test_our_figure_beside_the_published_one():
    (year,) = council_benchmarks("105", INDICATOR, computed={2024: 13.25}).years
    assert year.council.value == 15
    assert year.computed == 13.25
    assert year.difference == pytest.approx(-1.75)
