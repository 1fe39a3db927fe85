"""XmR (individuals and moving range) charts as NHS England's "Making Data Count" (MDC) defines
them, following NHS-R's NHSRplotthedots (`ptd_spc`). Pure Python, no Django.

Within each segment (the whole series, or from each rebase date on):
- the mean of the values; the moving ranges |x(i) - x(i-1)| and their mean;
- with screening (NHSRplotthedots' default, after Nelson 1982), moving ranges at or above
  3.267 x their mean are left out and the mean moving range is taken again; MDC's Excel tool
  does not screen (`screen_outliers=False`);
- process limits at mean +/- 2.66 x mean moving range (3 sigma, sigma = 2.66 / 3 x mean MR).

The four special-cause rules, each flagging every point of its run:
1. a point above the upper or below the lower process limit;
2. a shift: 7 or more points in a row on the same side of the mean (a point exactly on the
   mean breaks the run);
3. a trend: 7 or more points in a row, each higher (or each lower) than the one before;
4. two of three points in a row beyond two-thirds of the way to the same limit (beyond
   mean +/- 2 sigma but not outside the limit), the three all on that side of the mean;
   the points near the limit are flagged.

A point's direction is its side of the mean, or for a trend the trend's direction; where rules
overlap the first in NHSRplotthedots' order (outside, trend, two in three, shift) names it.

Arithmetic is exact (`fractions.Fraction` of each float), so a constant series has no special
cause and adding a constant to every value moves the limits without changing a flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Literal

Polarity = Literal["higher_is_better", "lower_is_better", "neutral"]
POLARITIES: tuple[str, ...] = ("higher_is_better", "lower_is_better", "neutral")

LIMIT_FACTOR = Fraction("2.66")  # 3 / d2, d2 = 1.128 for a moving range of two points
SCREEN_FACTOR = Fraction("3.267")  # D4 for a moving range of two points
NEAR_FACTOR = 2 * LIMIT_FACTOR / 3  # two-thirds of the way to a limit: 2 sigma
RUN_LENGTH = 7
SHORT_SEGMENT = 12  # NHSRplotthedots warns that limits on fewer points are unreliable

OUTSIDE = "outside_limits"
TREND = "trend"
TWO_IN_THREE = "two_in_three"
SHIFT = "shift"
RULE_ORDER = (OUTSIDE, TREND, TWO_IN_THREE, SHIFT)

COMMON_CAUSE = "common_cause"
IMPROVEMENT = "improvement"
CONCERN = "concern"
NEUTRAL = "neutral"


@dataclass(frozen=True)
class Limits:
    """One segment's centre line and process limits."""

    start: date | None
    points: int
    mean: float
    mean_moving_range: float
    upl: float
    lpl: float
    screened: int  # moving ranges left out by screening

    @property
    def short(self) -> bool:
        return self.points < SHORT_SEGMENT


@dataclass(frozen=True)
class Point:
    date: date | None
    value: float
    segment: int
    mean: float
    upl: float
    lpl: float
    rules: tuple[str, ...]  # every rule the point is part of, in RULE_ORDER
    direction: int  # +1 high, -1 low, 0 common cause
    variation: str  # common_cause, improvement, concern or neutral

    @property
    def special_cause(self) -> bool:
        return bool(self.rules)

    @property
    def rule(self) -> str | None:
        return self.rules[0] if self.rules else None

    @property
    def side(self) -> str:
        return {1: "high", -1: "low"}.get(self.direction, "")


@dataclass(frozen=True)
class XmR:
    points: list[Point]
    segments: list[Limits]
    polarity: str
    target: float | None = None

    @property
    def limits(self) -> Limits | None:
        """The latest segment's limits: the ones the latest point is judged against."""
        return self.segments[-1] if self.segments else None

    @property
    def mean(self) -> float | None:
        return self.limits.mean if self.limits else None

    @property
    def upl(self) -> float | None:
        return self.limits.upl if self.limits else None

    @property
    def lpl(self) -> float | None:
        return self.limits.lpl if self.limits else None

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def variation_icon(self) -> str | None:
        return variation_icon(self)

    @property
    def assurance_icon(self) -> str | None:
        return assurance_icon(self)

    def latest_run(self) -> list[Point]:
        """The unbroken run of special-cause points ending at the latest, in one segment."""
        run: list[Point] = []
        for point in reversed(self.points):
            if not point.special_cause or (run and point.segment != run[0].segment):
                break
            run.insert(0, point)
        return run


def _exact(value: float) -> Fraction:
    return Fraction(value)


def _limits(values: list[Fraction], *, screen_outliers: bool) -> tuple[Fraction, Fraction, int]:
    """(mean, mean moving range, ranges screened out) of one segment."""
    mean = sum(values, Fraction(0)) / len(values)
    ranges = [abs(later - earlier) for earlier, later in zip(values, values[1:], strict=False)]
    if not ranges:
        return mean, Fraction(0), 0
    average = sum(ranges, Fraction(0)) / len(ranges)
    kept = ranges
    if screen_outliers:
        kept = [moving_range for moving_range in ranges if moving_range < SCREEN_FACTOR * average]
        if kept:
            average = sum(kept, Fraction(0)) / len(kept)
    return mean, average, len(ranges) - len(kept)


def _runs(flags: Sequence[int], length: int) -> list[tuple[int, int, int]]:
    """(first, last, sign) of each run of at least `length` equal non-zero entries."""
    found, start = [], 0
    for index in range(1, len(flags) + 1):
        if index == len(flags) or flags[index] != flags[start]:
            if flags[start] != 0 and index - start >= length:
                found.append((start, index - 1, flags[start]))
            start = index
    return found


def _sign(number: Fraction) -> int:
    return (number > 0) - (number < 0)


def _segment_points(
    dates: list, values: list[Fraction], number: int, *, screen_outliers: bool, polarity: str
) -> tuple[Limits, list[Point]]:
    mean, average_range, screened = _limits(values, screen_outliers=screen_outliers)
    upl, lpl = mean + LIMIT_FACTOR * average_range, mean - LIMIT_FACTOR * average_range
    near_upper = mean + NEAR_FACTOR * average_range
    near_lower = mean - NEAR_FACTOR * average_range
    count = len(values)
    side = [_sign(value - mean) for value in values]
    outside = [value > upl or value < lpl for value in values]
    near = [
        not outside[i] and (values[i] > near_upper or values[i] < near_lower) for i in range(count)
    ]
    rules: list[dict[str, int]] = [{} for _ in range(count)]  # rule -> direction

    for i in range(count):
        if outside[i]:
            rules[i][OUTSIDE] = side[i]
    # A trend's steps: +1 up, -1 down, 0 level; 6 like steps join 7 points.
    steps = [_sign(values[i + 1] - values[i]) for i in range(count - 1)]
    for first, last, sign in _runs(steps, RUN_LENGTH - 1):
        for i in range(first, last + 2):
            rules[i][TREND] = sign  # a shared turning point takes the later trend's direction
    for start in range(count - 2):
        window = range(start, start + 3)
        same_side = abs(sum(side[i] for i in window)) == 3
        if same_side and sum(near[i] for i in window) >= 2:
            for i in window:
                if near[i]:
                    rules[i][TWO_IN_THREE] = side[i]
    for first, last, sign in _runs(side, RUN_LENGTH):
        for i in range(first, last + 1):
            rules[i][SHIFT] = sign

    limits = Limits(
        start=dates[0],
        points=count,
        mean=float(mean),
        mean_moving_range=float(average_range),
        upl=float(upl),
        lpl=float(lpl),
        screened=screened,
    )
    points = []
    for i in range(count):
        named = tuple(rule for rule in RULE_ORDER if rule in rules[i])
        direction = rules[i][named[0]] if named else 0
        points.append(
            Point(
                date=dates[i],
                value=float(values[i]),
                segment=number,
                mean=limits.mean,
                upl=limits.upl,
                lpl=limits.lpl,
                rules=named,
                direction=direction,
                variation=variation(direction, polarity),
            )
        )
    return limits, points


def variation(direction: int, polarity: str) -> str:
    """Common cause, or special cause of improvement, concern or neutral by the polarity."""
    if direction == 0:
        return COMMON_CAUSE
    if polarity == "neutral":
        return NEUTRAL
    better = 1 if polarity == "higher_is_better" else -1
    return IMPROVEMENT if direction == better else CONCERN


def xmr(
    values: Iterable[float],
    dates: Iterable[date] | None = None,
    *,
    polarity: str = "neutral",
    rebase_dates: Iterable[date] = (),
    screen_outliers: bool = True,
    target: float | None = None,
) -> XmR:
    """The XmR chart of a series in date order, limits taken afresh from each rebase date.

    A rebase date starts a new segment at the first point on or after it; a rebase before
    the first point or after the last changes nothing.
    """
    if polarity not in POLARITIES:
        raise ValueError(f"Polarity must be one of {', '.join(POLARITIES)}, not {polarity!r}.")
    exact = [_exact(value) for value in values]
    when = list(dates) if dates is not None else [None] * len(exact)
    if len(when) != len(exact):
        raise ValueError("There must be one date for each value.")
    if any(later <= earlier for earlier, later in zip(when, when[1:], strict=False) if later):
        raise ValueError("The dates must be in order, each after the one before.")
    starts = [0]
    for rebase in sorted(set(rebase_dates)):
        first = next((i for i, day in enumerate(when) if day is not None and day >= rebase), None)
        if first is not None and first > starts[-1]:
            starts.append(first)
    segments, points = [], []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(exact)
        if start >= end:
            continue
        limits, segment_points = _segment_points(
            when[start:end],
            exact[start:end],
            number,
            screen_outliers=screen_outliers,
            polarity=polarity,
        )
        segments.append(limits)
        points.extend(segment_points)
    return XmR(points=points, segments=segments, polarity=polarity, target=target)


# MDC's variation icons: common cause, special cause improvement (high or low), concern (high
# or low), neutral (high or low); "high" when the latest point's special cause is upward.
VARIATION_ICONS = (
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neutral_high",
    "neutral_low",
)
# MDC's assurance icons: the target against the latest limits.
ASSURANCE_ICONS = ("capable", "not_capable", "hit_or_miss")


def variation_icon(chart: XmR) -> str | None:
    """The variation icon of the latest point, as MDC's summary shows it."""
    point = chart.latest
    if point is None:
        return None
    if not point.special_cause:
        return "common_cause"
    return f"{point.variation}_{point.side}"


def assurance_icon(chart: XmR) -> str | None:
    """Whether the process, within its latest limits, will meet the target (MDC assurance):
    capable (it always will: the target is beyond the limit on the wrong side), not capable
    (it never will: the target is beyond the limit on the better side), or hit or miss (the
    target lies between the limits). None without a target or for a neutral measure."""
    limits = chart.limits
    if chart.target is None or chart.polarity == "neutral" or limits is None:
        return None
    higher = chart.polarity == "higher_is_better"
    if chart.target > limits.upl:
        return "not_capable" if higher else "capable"
    if chart.target < limits.lpl:
        return "capable" if higher else "not_capable"
    return "hit_or_miss"
