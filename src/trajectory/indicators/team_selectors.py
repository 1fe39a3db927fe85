"""Reading figures by team and by social worker from the council's latest run (issue 8.7).

Team figures are aggregates, readable by everyone in the council (view_council). Figures by
social worker are each worker's caseload and its outcomes: not child data, but a worker's
performance and, for small caseloads, close to it, so they go only to those who may see the
children (view_child_level), as the child lists do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trajectory.councils.permissions import require
from trajectory.indicators import figures, registry
from trajectory.indicators.breakdowns import BREAKDOWN_INDICATORS
from trajectory.indicators.models import IndicatorBreakdown, IndicatorRun, IndicatorValue
from trajectory.indicators.registry import Indicator
from trajectory.indicators.selectors import latest_run
from trajectory.indicators.ssda903.allocations import NOT_RECORDED

NO_TEAM = "No team recorded"
NO_WORKER = "No worker recorded"


@dataclass(frozen=True)
class Figure:
    as_at: date | None
    value: float | None
    numerator: float | None
    denominator: float | None


@dataclass(frozen=True)
class Part:
    """One team's (or worker's) latest figure and the same month a year before."""

    key: str
    label: str
    latest: Figure
    year_before: Figure | None
    team: str = ""  # a worker's team


@dataclass(frozen=True)
class Comparison:
    indicator: Indicator
    run: IndicatorRun | None
    as_at: date | None
    year_before_as_at: date | None
    council: Figure | None
    council_year_before: Figure | None
    parts: list[Part]


def breakdown_indicators() -> tuple[Indicator, ...]:
    return BREAKDOWN_INDICATORS


def _figure(row) -> Figure | None:
    if row is None:
        return None
    return Figure(row.as_at, row.value, row.numerator, row.denominator)


def _year_before(as_at: date) -> date:
    return figures.month_end_before(as_at, 12)


def _comparison(run, indicator: Indicator, dimension: str, labels: dict | None = None):
    rows = list(
        IndicatorBreakdown.objects.filter(
            run=run, indicator_id=indicator.id, dimension=dimension
        ).order_by("as_at")
    )
    valued = [r for r in rows if r.value is not None]
    as_at = valued[-1].as_at if valued else None
    if as_at is None:
        return None, None, []
    before = _year_before(as_at)
    latest = {r.key: r for r in rows if r.as_at == as_at}
    earlier = {r.key: r for r in rows if r.as_at == before}
    empty = NO_TEAM if dimension == "team" else NO_WORKER
    parts = [
        Part(
            key=key,
            label=key or empty,
            latest=_figure(latest[key]),
            year_before=_figure(earlier.get(key)),
            team=(labels or {}).get(key, ""),
        )
        for key in sorted(latest, key=lambda k: (k == NOT_RECORDED, k))
    ]
    return as_at, before, parts


def _council_figure(run, indicator_id: str, as_at: date | None) -> Figure | None:
    if as_at is None:
        return None
    value = IndicatorValue.objects.filter(run=run, indicator_id=indicator_id, as_at=as_at).first()
    return _figure(value)


def team_comparison(user, council, indicator_id: str) -> Comparison:
    """Each team's latest figure, with its numerator and denominator and the same month a
    year before, beside the council's, from the latest run."""
    indicator = registry.get(indicator_id)
    run = latest_run(user, council)
    as_at = before = None
    parts: list[Part] = []
    if run is not None:
        as_at, before, parts = _comparison(run, indicator, "team")
    return Comparison(
        indicator,
        run,
        as_at,
        before,
        _council_figure(run, indicator.id, as_at),
        _council_figure(run, indicator.id, before),
        parts,
    )


def worker_comparison(user, council, indicator_id: str, team: str | None = None) -> Comparison:
    """As `team_comparison` by social worker (SW_ID), optionally one team's workers. Only for
    those who may see the children (view_child_level)."""
    require(user, "view_child_level", council)
    indicator = registry.get(indicator_id)
    run = latest_run(user, council)
    as_at = before = None
    parts: list[Part] = []
    if run is not None:
        teams = _worker_teams(run)
        as_at, before, parts = _comparison(run, indicator, "worker", teams)
        if team is not None:
            parts = [p for p in parts if p.team == team]
    return Comparison(
        indicator,
        run,
        as_at,
        before,
        _council_figure(run, indicator.id, as_at),
        _council_figure(run, indicator.id, before),
        parts,
    )


def _worker_teams(run) -> dict[str, str]:
    if run.team_file is None:
        return {}
    return dict(run.team_file.assignments.values_list("worker_id", "team__name"))


def team_series(user, council, indicator_id: str, team: str) -> list[IndicatorBreakdown]:
    """One team's monthly figures from the latest run, oldest first (for its SPC chart)."""
    run = latest_run(user, council)
    if run is None:
        return []
    return list(
        IndicatorBreakdown.objects.filter(
            run=run, indicator_id=indicator_id, dimension="team", key=team
        ).order_by("as_at")
    )


def team_series_all(user, council, team: str) -> dict[str, list[IndicatorBreakdown]]:
    """Every indicator's monthly figures for one team from the latest run, in one read."""
    run = latest_run(user, council)
    out: dict[str, list[IndicatorBreakdown]] = {}
    if run is None:
        return out
    for row in IndicatorBreakdown.objects.filter(run=run, dimension="team", key=team).order_by(
        "indicator_id", "as_at"
    ):
        out.setdefault(row.indicator_id, []).append(row)
    return out


def council_teams(user, council) -> list[str]:
    """The teams with figures in the latest run, by name ("" last: no team recorded)."""
    run = latest_run(user, council)
    if run is None:
        return []
    keys = (
        IndicatorBreakdown.objects.filter(run=run, dimension="team")
        .values_list("key", flat=True)
        .distinct()
    )
    return sorted(set(keys), key=lambda k: (k == NOT_RECORDED, k))
