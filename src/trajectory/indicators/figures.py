"""How a figure is shown and compared, once for the whole app (issue 7.21).

A figure is shown to its indicator's `decimals` (the registry's, which docs/indicators.md
states), with "%" for a percentage and thousands separators. Two figures are compared as they
are shown, so a change too small to show is "no change"; whether a change is an improvement
follows the indicator's polarity, and a neutral indicator is never called either. The
scorecard, the indicator page, the plan, exports and the command line all call these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import polars as pl

NO_FIGURE = "No figure"
DEFAULT_DECIMALS = {"count": 0, "percent": 1, "rate": 1, "per child": 1}
UNIT_SUFFIX = {"percent": "%"}
CHANGE_SUFFIX = {"percent": " percentage points"}

IMPROVING = "improving"
WORSENING = "worsening"
NO_CHANGE = "no change"
NOT_RATED = "not rated"  # neutral polarity: neither direction is better
NO_DATA = "no data"  # nothing to compare with
DIRECTION_LABEL = {
    IMPROVING: "Improving",
    WORSENING: "Worsening",
    NO_CHANGE: "No change",
    NOT_RATED: "Not judged",
    NO_DATA: "No earlier figure",
}
DIRECTION_TAG = {IMPROVING: "govuk-tag--green", WORSENING: "govuk-tag--red"}
# The verb for one indicator's movement, for sentences: "Reviews held on time improved".
DIRECTION_VERB = {IMPROVING: "improved", WORSENING: "worsened"}


def decimals_of(indicator=None, unit: str = "count") -> int:
    """The indicator's decimals, or the unit's default for a bare number (counts: 0)."""
    if indicator is not None:
        return indicator.decimals
    return DEFAULT_DECIMALS.get(unit, 1)


def format_number(value: float | None, unit: str = "count", decimals: int | None = None) -> str:
    """1,234 · 12.5% · 64: a value with its unit's suffix, to the given decimals."""
    if value is None:
        return NO_FIGURE
    places = DEFAULT_DECIMALS.get(unit, 1) if decimals is None else decimals
    return f"{float(value):,.{places}f}{UNIT_SUFFIX.get(unit, '')}"


def shown(indicator, value: float | None) -> str:
    """An indicator's figure as every page shows it."""
    return format_number(value, indicator.unit, indicator.decimals)


def change_shown(indicator, change: float | None, unit: str = "count") -> str:
    """A signed difference: +12, −1.5 percentage points; "No change" when it rounds to zero."""
    if change is None:
        return "Not available"
    unit = indicator.unit if indicator is not None else unit
    places = decimals_of(indicator, unit)
    number = float(change)
    if round(number, places) == 0:
        return "No change"
    sign = "+" if number > 0 else "−"
    return f"{sign}{abs(number):,.{places}f}{CHANGE_SUFFIX.get(unit, '')}"


def direction(indicator, latest: float | None, earlier: float | None) -> str:
    """IMPROVING, WORSENING, NO_CHANGE, NOT_RATED or NO_DATA, comparing the figures as shown."""
    if latest is None or earlier is None:
        return NO_DATA
    if round(latest, indicator.decimals) == round(earlier, indicator.decimals):
        return NO_CHANGE
    if indicator.polarity not in ("higher_is_better", "lower_is_better"):
        return NOT_RATED
    rising = latest > earlier
    return IMPROVING if rising == (indicator.polarity == "higher_is_better") else WORSENING


def month_end_before(as_at: date, months: int) -> date:
    """The month-end `months` before (31 May less 3 months is 28 or 29 February)."""
    return pl.select(pl.lit(as_at).dt.offset_by(f"-{months}mo").dt.month_end()).item()


@dataclass(frozen=True)
class Comparison:
    """The latest figure against one earlier figure."""

    label: str  # "3 months before", "12 months before"
    as_at: date | None
    value: float | None
    direction: str
    change: float | None
    indicator: object = field(repr=False)

    @property
    def shown(self) -> str:
        return shown(self.indicator, self.value)

    @property
    def change_shown(self) -> str:
        return change_shown(self.indicator, self.change)

    @property
    def label_text(self) -> str:
        return DIRECTION_LABEL[self.direction]


@dataclass(frozen=True)
class Trend:
    """An indicator's latest figure and how it compares with earlier ones.

    `year_before` is the comparison the scorecard shows and the headline uses when there is
    one: the same month-end a year earlier, or for an annual cohort the year before's cohort.
    """

    indicator: object  # None for an id no longer in the catalogue
    latest_as_at: date | None = None
    latest_value: float | None = None
    comparisons: tuple[Comparison, ...] = ()
    indicator_id: str = ""

    @property
    def known(self) -> bool:
        return self.indicator is not None

    @property
    def title(self) -> str:
        return self.indicator.title if self.known else f"Unknown indicator {self.indicator_id}"

    @property
    def latest_shown(self) -> str:
        return shown(self.indicator, self.latest_value) if self.known else NO_FIGURE

    @property
    def year_before(self) -> Comparison | None:
        return self.comparisons[-1] if self.comparisons else None

    @property
    def headline_comparison(self) -> Comparison | None:
        """The year-on-year comparison where it has a figure, otherwise the nearest one."""
        for comparison in reversed(self.comparisons):
            if comparison.direction != NO_DATA:
                return comparison
        return None

    @property
    def headline(self) -> str:
        comparison = self.headline_comparison
        return comparison.direction if comparison else NO_DATA

    @property
    def movement(self) -> str:
        """What moved, in words, by polarity (issue 7.3): "Children who went missing worsened,
        8.0% to 14.0% compared with 12 months before"."""
        if not self.known:
            return f"{self.title}: not in the catalogue"
        if self.latest_value is None:
            return f"{self.title} has no figures yet"
        comparison = self.headline_comparison
        if comparison is None:
            return f"{self.title} has no earlier figure to compare with ({self.latest_shown})"
        if comparison.direction == NO_CHANGE:
            return (
                f"{self.title} did not change ({self.latest_shown}) "
                f"compared with {comparison.label}"
            )
        if comparison.direction == NOT_RATED:
            verb = "rose" if comparison.change > 0 else "fell"
            note = " (neither higher nor lower is better)"
        else:
            verb, note = DIRECTION_VERB[comparison.direction], ""
        return (
            f"{self.title} {verb}, {comparison.shown} to {self.latest_shown} "
            f"compared with {comparison.label}{note}"
        )


MONTHLY_COMPARISONS = ((3, "3 months before"), (12, "12 months before"))
YEAR_BEFORE = "the year before"


def collection_year_end(as_at: date) -> date:
    """The 31 March ending the collection year (1 April to 31 March) that holds `as_at`."""
    return date(as_at.year + (as_at.month > 3), 3, 31)


def collection_year_text(as_at: date) -> str:
    """ "Year to March 2025": how an annual cohort's point is named."""
    return f"Year to March {collection_year_end(as_at).year}"


CENSUS_SOURCES = ("workforce",)  # returns whose annual figure is a census on one day


def annual_period_text(indicator, as_at: date) -> str:
    """What an annual figure's date stands for: a cohort's collection year ("Year to March
    2025"), or for a census (the workforce's, on 30 September) the census day ("Census at 30
    September 2024"), never a year the census does not count."""
    if getattr(indicator, "source_return", "") in CENSUS_SOURCES:
        return f"Census at {as_at.day} {as_at:%B %Y}"
    return collection_year_text(as_at)


def annual_points(values: Iterable) -> list:
    """One value a collection year: the latest with a figure in each, oldest first.

    An OC3 cohort has one figure for its year however many month-ends carry it, so it is one
    point, not a flat monthly line (issue 7.2). `values` have `as_at` and `value`.
    """
    latest: dict[date, object] = {}
    for value in values:
        if value.value is None:
            continue
        year = collection_year_end(value.as_at)
        if year not in latest or value.as_at > latest[year].as_at:
            latest[year] = value
    return [latest[year] for year in sorted(latest)]


def change_between(indicator, latest: float | None, earlier: float | None) -> float | None:
    """The change between two figures as shown (each rounded to the indicator's decimals), so
    the change, its direction and the two figures beside it always agree: 11.84 against 11.86
    is shown 11.8 against 11.9, a change of −0.1, never "No change" beside two figures that
    differ."""
    if latest is None or earlier is None:
        return None
    return round(round(latest, indicator.decimals) - round(earlier, indicator.decimals), 10)


def _comparison(indicator, label, as_at, latest, earlier) -> Comparison:
    return Comparison(
        label=label,
        as_at=as_at,
        value=earlier,
        direction=direction(indicator, latest, earlier),
        change=change_between(indicator, latest, earlier),
        indicator=indicator,
    )


@dataclass(frozen=True)
class _Point:
    as_at: date
    value: float | None


def trend(indicator, values: Iterable[tuple[date, float | None]]) -> Trend:
    """The latest figure of a series of (as_at, value) against earlier ones.

    A monthly indicator is compared with the month-ends 3 and 12 months before; an annual
    cohort with the cohort of the collection year before, never with itself.
    """
    known = {as_at: value for as_at, value in values if value is not None}
    if not known:
        return Trend(indicator, indicator_id=indicator.id)
    if getattr(indicator, "cadence", "monthly") == "annual":
        points = annual_points(_Point(as_at, value) for as_at, value in known.items())
        latest = points[-1]
        this_year = collection_year_end(latest.as_at)
        year_before = this_year.replace(year=this_year.year - 1)
        earlier = next(
            (point for point in points if collection_year_end(point.as_at) == year_before), None
        )
        comparison = _comparison(
            indicator,
            YEAR_BEFORE,
            earlier.as_at if earlier else year_before,
            latest.value,
            earlier.value if earlier else None,
        )
        return Trend(indicator, latest.as_at, latest.value, (comparison,), indicator.id)
    latest_as_at = max(known)
    latest = known[latest_as_at]
    comparisons = []
    for months, label in MONTHLY_COMPARISONS:
        as_at = month_end_before(latest_as_at, months)
        comparisons.append(_comparison(indicator, label, as_at, latest, known.get(as_at)))
    return Trend(indicator, latest_as_at, latest, tuple(comparisons), indicator.id)
