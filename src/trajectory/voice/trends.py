"""A question's results across waves: the council against its comparator, and the change from
one wave to the next, in percentage points. Pure: plain values in, rows out.

A result withheld for small numbers (`suppression.withheld`) is shown as "c" and takes no part
in a change: the change to the next wave is worked from the last figure shown, never from a
hidden one (or a reader could work the hidden figure back out).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from trajectory.voice.suppression import MARKER, Rule, withheld


@dataclass(frozen=True)
class WaveFigure:
    wave: str
    held_on: date
    council_percent: Decimal | None
    comparator_percent: Decimal | None
    respondents: int | None


@dataclass(frozen=True)
class TrendRow:
    wave: str
    held_on: date
    council_percent: Decimal | None  # None when withheld or not asked
    comparator_percent: Decimal | None
    respondents: int | None
    withheld: bool
    gap: Decimal | None  # council − comparator, percentage points
    change: Decimal | None  # since the previous wave shown, percentage points

    @property
    def council_shown(self) -> str:
        if self.withheld:
            return MARKER
        return percent_text(self.council_percent)

    @property
    def comparator_shown(self) -> str:
        return percent_text(self.comparator_percent)

    @property
    def gap_shown(self) -> str:
        return points_text(self.gap)

    @property
    def change_shown(self) -> str:
        return points_text(self.change)


def percent_text(value) -> str:
    if value is None:
        return ""
    return (
        f"{Decimal(value):.0f}%"
        if Decimal(value) == Decimal(value).to_integral()
        else (f"{Decimal(value):.1f}%")
    )


def points_text(value) -> str:
    """+12 points, −1.5 points, "No change"."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == 0:
        return "No change"
    size = f"{abs(value):.0f}" if value == value.to_integral() else f"{abs(value):.1f}"
    sign = "+" if value > 0 else "\u2212"
    return f"{sign}{size} point{'' if abs(value) == 1 else 's'}"


def trend(figures: list[WaveFigure], rule: Rule | None) -> list[TrendRow]:
    """Rows oldest wave first. `rule=None` shows every figure (inside the council)."""
    rows = []
    previous: Decimal | None = None
    for figure in sorted(figures, key=lambda f: (f.held_on, f.wave)):
        hidden = (
            rule is not None
            and figure.council_percent is not None
            and withheld(figure.council_percent, figure.respondents, rule)
        )
        council = None if hidden else figure.council_percent
        comparator = figure.comparator_percent
        gap = council - comparator if council is not None and comparator is not None else None
        change = council - previous if council is not None and previous is not None else None
        if council is not None:
            previous = council
        rows.append(
            TrendRow(
                wave=figure.wave,
                held_on=figure.held_on,
                council_percent=council,
                comparator_percent=comparator,
                respondents=figure.respondents,
                withheld=hidden,
                gap=gap,
                change=change,
            )
        )
    return rows


def yes_percent(yes: int, answered: int) -> Decimal | None:
    """The share answering yes, to one decimal place (half up): 17 of 21 is 81.0%."""
    if answered == 0:
        return None
    return (Decimal(100 * yes) / answered).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
