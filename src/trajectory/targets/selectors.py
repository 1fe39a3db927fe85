"""Reading targets and the RAG of each indicator's latest figure against them (issue 8.6).

Every selector takes the acting user (None: the command line) and the council first and reads
only that council's rows. The latest figure is the scorecard's (indicators/selectors.py): the
latest month-end of the latest run, or for an annual cohort its latest collection year's
figure. It is rated against the target in force at that figure's as-at date (models.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from trajectory.councils.permissions import require
from trajectory.indicators import figures, registry
from trajectory.indicators import selectors as indicator_selectors
from trajectory.indicators.registry import Indicator
from trajectory.plans.rag import Rag
from trajectory.targets import rag as target_rags
from trajectory.targets.models import IndicatorTarget


@dataclass(frozen=True)
class TargetRow:
    """An indicator's current setting (None if never set) and every setting, newest first."""

    indicator: Indicator
    current: IndicatorTarget | None
    history: list[IndicatorTarget] = field(default_factory=list)

    @property
    def version(self) -> int:
        """The version a form opened now carries (0: never set)."""
        return self.current.version if self.current else 0

    @property
    def has_target(self) -> bool:
        return self.current is not None and not self.current.withdrawn


@dataclass(frozen=True)
class TargetRag:
    """The RAG of an indicator's latest figure against the target in force at its date."""

    indicator: Indicator
    as_at: date | None
    value: float | None
    target: IndicatorTarget | None  # the setting in force at as_at (None: none applied)
    rag: Rag

    @property
    def shown(self) -> str:
        return figures.shown(self.indicator, self.value)

    @property
    def sentence(self) -> str:
        """ "Off target: 14.0% against a target of 10.0% or lower (tolerance 2.0 percentage
        points)": the rating in words, for pages and the command line."""
        if self.rag is target_rags.NO_TARGET:
            return "No target set"
        if self.rag is target_rags.NO_DATA:
            return f"No figure to rate against a target of {target_text(self.target)}"
        return f"{self.rag.label}: {self.against}"

    @property
    def against(self) -> str:
        """ "11.2% against a target of 10.0% or lower": beside the rating's tag, which already
        says the rating in words."""
        if self.rag is target_rags.NO_TARGET:
            return "No target set"
        if self.rag is target_rags.NO_DATA:
            return f"No figure to rate against a target of {target_text(self.target)}"
        return f"{self.shown} against a target of {target_text(self.target)}"


def target_shown(setting: IndicatorTarget | None) -> str:
    """The target as the indicator's figures are shown: 60.0%, 1,200."""
    if setting is None or setting.withdrawn or setting.indicator is None:
        return "No target"
    return figures.shown(setting.indicator, setting.target)


def tolerance_shown(setting: IndicatorTarget | None) -> str:
    """The tolerance in the indicator's units: 2.0 percentage points, 5 (a band: ± 5)."""
    if setting is None or setting.withdrawn or setting.indicator is None:
        return ""
    indicator = setting.indicator
    number = figures.format_number(setting.tolerance, "count", indicator.decimals)
    suffix = figures.CHANGE_SUFFIX.get(indicator.unit, "")
    return f"± {number}{suffix}" if indicator.polarity == "neutral" else f"{number}{suffix}"


POLARITY_TARGET_WORDS = {
    "higher_is_better": "{target} or higher",
    "lower_is_better": "{target} or lower",
    "neutral": "{target} ± {tolerance}",
}


def target_text(setting: IndicatorTarget | None) -> str:
    """The target in words by polarity: "60.0% or higher", "50 ± 5"."""
    if setting is None or setting.withdrawn or setting.indicator is None:
        return "No target"
    indicator = setting.indicator
    tolerance = figures.format_number(setting.tolerance, "count", indicator.decimals)
    tolerance += figures.CHANGE_SUFFIX.get(indicator.unit, "")
    return POLARITY_TARGET_WORDS[indicator.polarity].format(
        target=target_shown(setting), tolerance=tolerance
    )


def _settings(council) -> dict[str, list[IndicatorTarget]]:
    by_indicator: dict[str, list[IndicatorTarget]] = {}
    rows = (
        IndicatorTarget.objects.filter(council=council)
        .select_related("set_by")
        .order_by("indicator_id", "-version")
    )
    for setting in rows:
        by_indicator.setdefault(setting.indicator_id, []).append(setting)
    return by_indicator


def in_force(history: Iterable[IndicatorTarget], as_at: date | None) -> IndicatorTarget | None:
    """The newest setting that applied on `as_at` (models.py), or None if none did.

    A withdrawal in force means no target: None."""
    if as_at is None:
        return None
    applying = [setting for setting in history if setting.applies_on(as_at)]
    if not applying:
        return None
    newest = max(applying, key=lambda setting: setting.version)
    return None if newest.withdrawn else newest


def target_history(user, council, indicator_id: str) -> list[IndicatorTarget]:
    """Every setting of one indicator, newest first."""
    require(user, "view_council", council)
    return list(
        IndicatorTarget.objects.filter(council=council, indicator_id=indicator_id)
        .select_related("set_by")
        .order_by("-version")
    )


def current_targets(user, council) -> list[TargetRow]:
    """Every indicator in the catalogue, in its order, with its current setting and history."""
    require(user, "view_council", council)
    settings = _settings(council)
    return [
        TargetRow(
            indicator=indicator,
            current=(settings.get(indicator.id) or [None])[0],
            history=settings.get(indicator.id, []),
        )
        for indicator in registry.INDICATORS
    ]


def target_row(user, council, indicator_id: str) -> TargetRow:
    """One indicator's current setting and history (KeyError for an id not in the catalogue)."""
    indicator = registry.get(indicator_id)
    history = target_history(user, council, indicator_id)
    return TargetRow(indicator=indicator, current=history[0] if history else None, history=history)


def _rate(indicator: Indicator, as_at, value, history) -> TargetRag:
    """With no figure there is no date to look the target up at: the current target says
    whether the answer is "No data" (a target, nothing to rate) or "No target"."""
    if as_at is None:
        newest = max(history, key=lambda setting: setting.version, default=None)
        setting = None if newest is None or newest.withdrawn else newest
    else:
        setting = in_force(history, as_at)
    if setting is None:
        rating = target_rags.NO_TARGET
    else:
        rating = target_rags.target_rag(
            value, setting.target, setting.tolerance, indicator.polarity, indicator.decimals
        )
    return TargetRag(indicator=indicator, as_at=as_at, value=value, target=setting, rag=rating)


def target_rag_at(indicator: Indicator, as_at, value, history) -> TargetRag:
    """A figure at `as_at` rated against the setting of `history` in force then: what a paper
    pinned to a date rates (reports/facts.py), by the rule every page uses."""
    return _rate(indicator, as_at, value, history)


def indicator_rag(user, council, indicator_id: str) -> TargetRag:
    """One indicator's latest figure rated against the target in force at its date."""
    trend = indicator_selectors.indicator_trend(user, council, indicator_id)
    indicator = registry.get(indicator_id)
    history = target_history(user, council, indicator_id)
    return _rate(indicator, trend.latest_as_at, trend.latest_value, history)


def scorecard_rags(user, council) -> dict[str, TargetRag]:
    """Every indicator's latest figure rated against its target, by indicator id, in the
    catalogue's order: what the scorecard and the overview show beside each figure."""
    rows = indicator_selectors.scorecard(user, council)
    settings = _settings(council)
    return {
        row.indicator.id: _rate(
            row.indicator, row.as_at, row.value, settings.get(row.indicator.id, [])
        )
        for row in rows
    }
