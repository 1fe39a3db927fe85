"""Trends across waves, by hand: the gap to the comparator and the change since the wave
before, in percentage points; a withheld wave takes no part in a change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from trajectory.voice.suppression import Rule
from trajectory.voice.trends import WaveFigure, points_text, trend, yes_percent

WAVES = [
    WaveFigure("February 2025", date(2025, 2, 28), D("74"), D("73"), 198),
    WaveFigure("March 2024", date(2024, 3, 22), D("67"), D("73"), 176),
    WaveFigure("November 2025", date(2025, 11, 28), D("81"), D("74"), 221),
]


def test_oldest_first_with_gaps_and_changes():
    rows = trend(WAVES, None)
    assert [row.wave for row in rows] == ["March 2024", "February 2025", "November 2025"]
    assert [row.gap for row in rows] == [D("-6"), D("1"), D("7")]
    assert [row.change for row in rows] == [None, D("7"), D("7")]
    assert [row.council_shown for row in rows] == ["67%", "74%", "81%"]
    assert rows[2].gap_shown == "+7 points"
    assert rows[0].gap_shown == "\u22126 points"
    assert rows[1].gap_shown == "+1 point"


def test_a_withheld_wave_is_c_and_the_next_change_is_from_the_last_shown():
    figures = [
        WaveFigure("One", date(2024, 1, 1), D("62.5"), D("65"), 8),  # fewer than 10
        WaveFigure("Two", date(2025, 1, 1), D("70"), D("66"), 20),  # 14 and 6
        WaveFigure("Three", date(2025, 6, 1), D("90"), D("66"), 20),  # 18 and 2: withheld
        WaveFigure("Four", date(2026, 1, 1), D("75"), D("66"), 20),  # 15 and 5
    ]
    rows = trend(figures, Rule())
    assert [row.council_shown for row in rows] == ["c", "70%", "c", "75%"]
    assert [row.withheld for row in rows] == [True, False, True, False]
    assert [row.change for row in rows] == [None, None, None, D("5")]  # 75 − 70, never 75 − 90
    assert [row.gap for row in rows] == [None, D("4"), None, D("9")]
    assert rows[0].comparator_shown == "65%"  # the comparator is never withheld
    inside = trend(figures, None)
    assert [row.council_shown for row in inside] == ["62.5%", "70%", "90%", "75%"]
    assert [row.change for row in inside] == [None, D("7.5"), D("20"), D("-15")]


def test_points_and_yes_shares():
    assert points_text(D("0")) == "No change"
    assert points_text(D("-1.5")) == "\u22121.5 points"
    assert yes_percent(17, 21) == D("81.0")  # 80.952...
    assert yes_percent(2, 3) == D("66.7")
    assert yes_percent(1, 8) == D("12.5")
    assert yes_percent(0, 0) is None
