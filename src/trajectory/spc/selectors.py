"""Reading SPC: an indicator's XmR chart from the council's latest run, its rebases, and the
council's signals (every monthly indicator whose latest point shows special cause).

Annual cohorts (registry `cadence == "annual"`, one figure a collection year) get no chart:
Making Data Count asks for a run of like-for-like points, and a handful of yearly cohorts is
not one. Months without a figure are left out of the chart (the line joins across them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from trajectory.councils.permissions import require
from trajectory.indicators import registry
from trajectory.indicators.models import IndicatorBreakdown, IndicatorValue
from trajectory.indicators.registry import Indicator
from trajectory.indicators.selectors import latest_run, series
from trajectory.spc.models import LimitRebase
from trajectory.spc.xmr import XmR, xmr


@dataclass(frozen=True)
class IndicatorSpc:
    indicator: Indicator
    chart: XmR
    values: list[IndicatorValue]
    rebases: list[LimitRebase] = field(default_factory=list)  # in force, oldest first
    history: list[LimitRebase] = field(default_factory=list)  # every row, newest first


@dataclass(frozen=True)
class Signal:
    """An indicator whose latest point shows special cause."""

    indicator: Indicator
    chart: XmR

    @property
    def latest(self):
        return self.chart.latest

    @property
    def rule(self) -> str:
        """The rule that names the signal (NHSRplotthedots' order: outside, trend, ...)."""
        return self.latest.rule

    @property
    def rules(self) -> tuple[str, ...]:
        """Every rule the latest point is part of."""
        return self.latest.rules

    @property
    def variation(self) -> str:
        return self.latest.variation

    @property
    def since(self) -> date:
        """The first month of the unbroken run of special-cause points ending now."""
        return self.chart.latest_run()[0].date

    @property
    def icon(self) -> str:
        return self.chart.variation_icon


def rebase_history(user, council, indicator_id: str) -> list[LimitRebase]:
    """Every rebase and withdrawal of the indicator's limits, newest first."""
    require(user, "view_council", council)
    return list(
        LimitRebase.objects.filter(council=council, indicator_id=indicator_id)
        .select_related("created_by", "withdraws")
        .order_by("-created_at", "-id")
    )


def rebases_in_force(history: list[LimitRebase]) -> list[LimitRebase]:
    """The rebases not withdrawn, oldest date first."""
    withdrawn = {row.withdraws_id for row in history if row.is_withdrawal}
    kept = [row for row in history if not row.is_withdrawal and row.pk not in withdrawn]
    return sorted(kept, key=lambda row: row.from_date)


def chart_of(indicator: Indicator, values, rebases, target=None) -> XmR:
    """The XmR chart of values with the rebases given (pages: the latest run; papers: a
    pinned run up to their date, reports/facts.py)."""
    points = [value for value in values if value.value is not None]
    return xmr(
        [value.value for value in points],
        [value.as_at for value in points],
        polarity=indicator.polarity,
        rebase_dates=[rebase.from_date for rebase in rebases],
        target=target,
    )


def indicator_spc(
    user, council, indicator_id: str, *, target: float | None = None
) -> IndicatorSpc | None:
    """The indicator's XmR chart from the latest run with its rebases in force; None for an
    annual cohort or when there are no figures."""
    indicator = registry.get(indicator_id)
    if indicator.cadence == "annual":
        return None
    values = [value for value in series(user, council, indicator_id) if value.value is not None]
    if not values:
        return None
    history = rebase_history(user, council, indicator_id)
    rebases = rebases_in_force(history)
    return IndicatorSpc(
        indicator=indicator,
        chart=chart_of(indicator, values, rebases, target),
        values=values,
        rebases=rebases,
        history=history,
    )


def has_figures(user, council) -> bool:
    """Whether the council has a run of indicators to look for signals in."""
    return latest_run(user, council) is not None


def council_charts(user, council, *, team=None) -> dict[str, XmR]:
    """Every monthly indicator's XmR chart from the latest run, by indicator id, with its
    rebases in force: one read of the run, for the signals page and the scorecard's icons.

    `team` (a team's name, "" for children with no team recorded) reads that team's series
    from the run's figures by team instead (issue 8.7), for the indicators cut by team (not
    the rate per 10,000). The council's rebases apply to its teams too: a rebase records a
    change in the council's process, which its teams share. A month in which the team held
    no case has no point."""
    run = latest_run(user, council)
    if run is None:
        return {}
    rows = (
        run.values.all()
        if team is None
        else run.breakdowns.filter(dimension=IndicatorBreakdown.Dimension.TEAM, key=team)
    )
    by_indicator: dict[str, list] = {}
    for value in rows.exclude(value__isnull=True).order_by("as_at"):
        by_indicator.setdefault(value.indicator_id, []).append(value)
    history: dict[str, list[LimitRebase]] = {}
    for row in LimitRebase.objects.filter(council=council).select_related("withdraws"):
        history.setdefault(row.indicator_id, []).append(row)
    charts = {}
    for indicator in registry.INDICATORS:
        values = by_indicator.get(indicator.id)
        if indicator.cadence == "annual" or not values:
            continue
        rebases = rebases_in_force(history.get(indicator.id, []))
        charts[indicator.id] = chart_of(indicator, values, rebases)
    return charts


def council_signals(user, council, *, team=None) -> list[Signal]:
    """Every monthly indicator whose latest point shows special cause, in registry order; for
    one team's series with `team` (`council_charts`)."""
    charts = council_charts(user, council, team=team)
    return [
        Signal(indicator=registry.get(indicator_id), chart=chart)
        for indicator_id, chart in charts.items()
        if chart.latest is not None and chart.latest.special_cause
    ]
