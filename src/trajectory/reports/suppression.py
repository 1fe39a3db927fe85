"""Small numbers in a paper leaving the council (issue 12.7), by the council's one small-number
rule (voice/suppression.py: counts from 1 to `minimum_count` − 1 are shown as "c", nought and
everyone are not).

Primary suppression withholds each small count, a percentage whose children on either side
(its numerator, or its base less its numerator) are a small count, and a survey's result that
fewer than `minimum_respondents` answered (default 10). Secondary suppression then
withholds, in any line of a table that adds up to a total (a row to its last cell, a column to
the table's last row), one more cell wherever exactly one is withheld: otherwise the total less
the others gives the withheld one away. The cell chosen is the line's smallest count above
nought (the least information lost; the leftmost of equal counts, so the choice is repeatable),
or the total itself when every other count is nought. It repeats until no line has a single
cell withheld, as the Government Statistical Service's disclosure-control guidance describes.
"""

from __future__ import annotations

from trajectory.reports.document import Figure, Table
from trajectory.voice.suppression import MARKER, Rule, count_withheld

__all__ = ["MARKER", "figure_withheld", "table_withheld"]


def figure_withheld(figure: Figure, rule: Rule) -> bool:
    """A small count; a percentage with a small count on either side; a survey result that
    fewer than the rule's `minimum_respondents` answered (voice.suppression.withheld's rule)."""
    if figure.respondents is not None and figure.respondents < rule.minimum_respondents:
        return True
    if figure.count is None:
        return False
    if count_withheld(figure.count, rule):
        return True
    if figure.denominator is None:
        return False
    return count_withheld(figure.denominator - figure.count, rule)


def _lines(table: Table) -> list[tuple[list[tuple[int, int]], tuple[int, int] | None]]:
    """Each line that adds up: (its counted cells, its total cell)."""
    counted = [
        [column for column, cell in enumerate(row) if cell.count is not None] for row in table.rows
    ]
    lines = []
    if "rows" in table.totals:
        for row, columns in enumerate(counted):
            if len(columns) >= 2:
                lines.append(([(row, c) for c in columns[:-1]], (row, columns[-1])))
    if "columns" in table.totals and len(table.rows) >= 2:
        last = len(table.rows) - 1
        for column in counted[last]:
            cells = [(row, column) for row in range(last) if column in counted[row]]
            lines.append((cells, (last, column)))
    return lines


def table_withheld(table: Table, rule: Rule) -> set[tuple[int, int]]:
    """The (row, column) of every cell to show as the mark."""

    def count(position: tuple[int, int]) -> int:
        return table.rows[position[0]][position[1]].count

    withheld = {
        (row, column)
        for row, cells in enumerate(table.rows)
        for column, cell in enumerate(cells)
        if cell.count is not None and count_withheld(cell.count, rule)
    }
    lines = _lines(table)
    changed = True
    while changed:
        changed = False
        for cells, total in lines:
            members = [*cells, total]
            if sum(member in withheld for member in members) != 1:
                continue
            candidates = sorted(
                (count(cell), cell[0], cell[1])
                for cell in cells
                if cell not in withheld and count(cell) > 0
            )
            if candidates:
                withheld.add(candidates[0][1:])
            elif total not in withheld:
                withheld.add(total)
            else:
                continue
            changed = True
    return withheld
