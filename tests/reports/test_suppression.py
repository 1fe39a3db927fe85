"""Small-number suppression in papers leaving the council, worked by hand (issue 12.7).

The rule throughout: the smallest count shown is 5, so 1 to 4 are withheld; nought is shown."""

from __future__ import annotations

from trajectory.reports.document import Cell, Figure, Table
from trajectory.reports.suppression import figure_withheld, table_withheld
from trajectory.voice.suppression import Rule

RULE = Rule(minimum_count=5)


def _figure(count, denominator=None) -> Figure:
    return Figure(
        "k", "A figure", "x", "2026-03-31", "rule", "source", count=count, denominator=denominator
    )


def test_a_small_count_is_withheld_and_nought_and_five_are_not():
    assert figure_withheld(_figure(3), RULE)
    assert figure_withheld(_figure(1), RULE)
    assert not figure_withheld(_figure(0), RULE)
    assert not figure_withheld(_figure(5), RULE)
    assert not figure_withheld(_figure(None), RULE)  # a rate, say: counts no one


def test_a_percentage_is_withheld_when_either_side_is_small():
    # 48 of 50 is 96%: the 2 not counted are findable.
    assert figure_withheld(_figure(48, 50), RULE)
    # 2 of 50 is 4%: the 2 counted are.
    assert figure_withheld(_figure(2, 50), RULE)
    # 25 of 50 and everyone (50 of 50) point to no one.
    assert not figure_withheld(_figure(25, 50), RULE)
    assert not figure_withheld(_figure(50, 50), RULE)


def _row(label, *counts, total_row=False):
    cells = [Cell(label, total=total_row)]
    for index, count in enumerate(counts):
        last = index == len(counts) - 1
        cells.append(Cell(str(count), count=count, total=last or total_row))
    return tuple(cells)


def test_a_row_with_one_small_count_loses_its_next_smallest_as_well():
    # 1 + 20 + 30 = 51. Withholding only the 1 leaves 51 - 20 - 30 = 1: so the 20 goes too.
    table = Table(
        "t", ("Team", "A", "B", "C", "Total"), (_row("North", 1, 20, 30, 51),), totals=("rows",)
    )
    assert table_withheld(table, RULE) == {(0, 1), (0, 2)}


def test_equal_counts_lose_the_leftmost():
    # 2 + 6 + 6 = 14: the 2 is withheld, then the first 6.
    table = Table(
        "t", ("Team", "A", "B", "C", "Total"), (_row("North", 2, 6, 6, 14),), totals=("rows",)
    )
    assert table_withheld(table, RULE) == {(0, 1), (0, 2)}


def test_secondary_suppression_runs_down_the_columns_and_back_along_the_rows():
    #            Girls Boys Total
    #   North      2     9    11     the 2 is small: withheld; the row then gives it away
    #   South      6     7    13     (11 - 9), so the 9 goes; the Girls column gives the 2
    #   Total      8    16    24     away (8 - 6), so the 6 goes; the South row then gives
    #                                the 6 away (13 - 7), so the 7 goes. The Boys column
    #                                has 9 and 7 withheld: two, so it stops.
    table = Table(
        "t",
        ("Team", "Girls", "Boys", "Total"),
        (
            _row("North", 2, 9, 11),
            _row("South", 6, 7, 13),
            _row("Total", 8, 16, 24, total_row=True),
        ),
        totals=("rows", "columns"),
    )
    assert table_withheld(table, RULE) == {(0, 1), (0, 2), (1, 1), (1, 2)}


def test_a_small_total_goes_with_its_only_count():
    # 3 + 0 = 3: the 3 and the total 3 are both small, and the nought is shown.
    table = Table("t", ("Team", "A", "B", "Total"), (_row("North", 3, 0, 3),), totals=("rows",))
    assert table_withheld(table, RULE) == {(0, 1), (0, 3)}


def test_a_table_that_adds_up_to_nothing_withholds_only_the_small_counts():
    table = Table("t", ("Team", "A", "B"), (_row("North", 3, 40),))
    # No totals declared: 3 is withheld and nothing gives it away.
    assert table_withheld(table, RULE) == {(0, 1)}


def test_no_small_numbers_no_marks():
    table = Table("t", ("Team", "A", "B", "Total"), (_row("North", 5, 0, 5),), totals=("rows",))
    assert table_withheld(table, RULE) == set()


def test_a_survey_result_too_few_answered_is_withheld_whatever_it_says():
    # 100% of 8 staff: no small count on either side, but fewer than 10 answered.
    few = Figure(
        "k", "Staff", "100%", "2026-03-31", "rule", "source", count=8, denominator=8, respondents=8
    )
    # 50% of 12: 6 either side and 12 answered, so shown.
    # 50% of 12: six on either side and twelve answered, so it is shown.
    enough = Figure(
        "k", "Staff", "50%", "2026-03-31", "rule", "source", count=6, denominator=12, respondents=12
    )
    assert figure_withheld(few, Rule(minimum_respondents=10, minimum_count=5))
    assert not figure_withheld(enough, Rule(minimum_respondents=10, minimum_count=5))
