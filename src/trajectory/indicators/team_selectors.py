"""Reading figures by team and by social worker from the council's latest run (issue 8.7).

Team figures are aggregates, readable by everyone in the council (view_council). Figures by
social worker are each worker's caseload and its outcomes: not child data, but a worker's
performance and, for small caseloads, close to it, so they go only to those who may see the
children (view_child_level), as the child lists do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from trajectory.councils.permissions import has_capability, require
from trajectory.indicators import figures, registry
from trajectory.indicators.breakdowns import BREAKDOWN_INDICATORS, ROW_HOLDERS
from trajectory.indicators.models import IndicatorBreakdown, IndicatorRun, IndicatorValue
from trajectory.indicators.registry import Indicator
from trajectory.indicators.selectors import latest_run
from trajectory.indicators.ssda903.allocations import NOT_RECORDED

NO_TEAM = "No team recorded"
NO_WORKER = "No worker recorded"

# A team's figure built on 1 to 5 children is withheld from those who may not see the children
# (board members, region and DfE officials): in a team of a few dozen cases so small a number
# can point to a child. DfE's own statistics withhold small numbers the same way (marked "c").
WITHHELD_BELOW = 6


@dataclass(frozen=True)
class Figure:
    as_at: date | None
    value: float | None
    numerator: float | None
    denominator: float | None
    withheld: bool = False

    def small(self) -> bool:
        """Built on 1 to 5 children (numerator or denominator), so it could point to one."""
        return any(
            part is not None and 0 < part < WITHHELD_BELOW
            for part in (self.numerator, self.denominator)
        )

    def for_reader(self, may_see_children: bool) -> Figure:
        """The figure as this reader may see it: withheld when small and not entitled."""
        if may_see_children or not self.small():
            return self
        return Figure(self.as_at, None, None, None, withheld=True)


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
    year before, beside the council's, from the latest run; a team's figure on fewer than
    WITHHELD_BELOW children withheld from a reader who may not see the children."""
    indicator = registry.get(indicator_id)
    run = latest_run(user, council)
    as_at = before = None
    parts: list[Part] = []
    if run is not None:
        as_at, before, parts = _comparison(run, indicator, "team")
    entitled = has_capability(user, "view_child_level", council)
    parts = [
        replace(
            part,
            latest=part.latest.for_reader(entitled),
            year_before=part.year_before.for_reader(entitled) if part.year_before else None,
        )
        for part in parts
    ]
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
        if indicator.source_return in ROW_HOLDERS:
            teams = _listed_worker_teams(run, indicator.source_return)
        else:
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


def _listed_worker_teams(run, source: str) -> dict[str, str]:
    """Each worker's team as the run's version of a return naming both on its rows (Annex A)
    gives it: the team most of the worker's rows name, the first by name on a tie."""
    import polars as pl

    from trajectory.returns.selectors import version_tables

    version = run.versions.filter(kind=source).order_by("-number").first()
    if version is None:
        return {}
    holders = ROW_HOLDERS[source]
    team, worker = holders["team"], holders["worker"]
    pairs = [
        frame.select(pl.col(worker).cast(pl.String), pl.col(team).cast(pl.String))
        for frame in version_tables(version).values()
        if {team, worker} <= set(frame.collect_schema().names())
    ]
    if not pairs:
        return {}
    counted = (
        pl.concat(pairs)
        .drop_nulls()
        .group_by(worker, team)
        .len()
        .sort([worker, "len", team], descending=[False, True, False])
        .group_by(worker, maintain_order=True)
        .first()
        .collect()
    )
    return dict(zip(counted[worker], counted[team], strict=True))


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
