"""Reading indicators: the scorecard, a series, figures at any date, and the children behind one.

Every selector takes the acting user (or the council) first and reads only that council's runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from trajectory.audit.services import record
from trajectory.councils.permissions import require
from trajectory.councils.selectors import council_child_population
from trajectory.indicators import figures, registry
from trajectory.indicators.breakdowns import ROW_HOLDERS
from trajectory.indicators.compute import children_at, compute_all, compute_cin
from trajectory.indicators.models import IndicatorRun, IndicatorValue
from trajectory.indicators.registry import Indicator
from trajectory.indicators.run_cache import latest_for_request, per_run
from trajectory.indicators.ssda903.allocations import NOT_RECORDED
from trajectory.returns.selectors import latest_version, version_tables
from trajectory.web.dates import govuk_date


def latest_run(user, council) -> IndicatorRun | None:
    require(user, "view_council", council)
    return latest_for_request(
        user,
        council,
        lambda: (
            IndicatorRun.objects.filter(council=council).order_by("-computed_at", "-id").first()
        ),
    )


@per_run
def run_series(run: IndicatorRun, indicator_id: str) -> list[IndicatorValue]:
    """One indicator's values in a run, oldest first: every month-end, or for an annual cohort
    one value a collection year (`figures.annual_points`). Kept per run (`run_cache`)."""
    values = list(run.values.filter(indicator_id=indicator_id).order_by("as_at"))
    if registry.get(indicator_id).cadence == "annual":
        return figures.annual_points(values)
    return values


def series(user, council, indicator_id: str) -> list[IndicatorValue]:
    """The indicator's values from the council's latest run (`run_series`)."""
    run = latest_run(user, council)
    if run is None:
        return []
    return run_series(run, indicator_id)


@dataclass(frozen=True)
class ScorecardRow:
    """An indicator's latest figure against the same month a year before (`figures.Trend`)."""

    indicator: Indicator
    trend: figures.Trend
    numerator: float | None = None
    denominator: float | None = None

    @property
    def as_at(self) -> date | None:
        return self.trend.latest_as_at

    @property
    def value(self) -> float | None:
        return self.trend.latest_value

    @property
    def comparison(self) -> figures.Comparison | None:
        return self.trend.year_before

    @property
    def value_year_ago(self) -> float | None:
        return self.comparison.value if self.comparison else None

    @property
    def change(self) -> float | None:
        return self.comparison.change if self.comparison else None

    @property
    def direction(self) -> str:
        return self.comparison.direction if self.comparison else figures.NO_DATA

    @property
    def shown(self) -> str:
        return figures.shown(self.indicator, self.value)


def _run_values(run: IndicatorRun | None) -> dict[str, list[IndicatorValue]]:
    values: dict[str, list[IndicatorValue]] = {}
    if run is not None:
        for value in run.values.order_by("as_at"):
            values.setdefault(value.indicator_id, []).append(value)
    return values


def _trend(indicator: Indicator, values: list[IndicatorValue]) -> figures.Trend:
    return figures.trend(indicator, [(value.as_at, value.value) for value in values])


def scorecard(user, council) -> list[ScorecardRow]:
    """Each indicator's latest figure in the latest run, against the same month a year before."""
    values = _run_values(latest_run(user, council))
    rows = []
    for indicator in registry.INDICATORS:
        series_values = values.get(indicator.id, [])
        trend = _trend(indicator, series_values)
        latest = next((v for v in series_values if v.as_at == trend.latest_as_at), None)
        rows.append(
            ScorecardRow(
                indicator=indicator,
                trend=trend,
                numerator=latest.numerator if latest else None,
                denominator=latest.denominator if latest else None,
            )
        )
    return rows


def indicator_trend(user, council, indicator_id: str) -> figures.Trend:
    """One indicator's latest figure against 3 and 12 months before, from the latest run."""
    return _trend(registry.get(indicator_id), series(user, council, indicator_id))


def indicators_at(council, as_at: date) -> list[dict]:
    """Every indicator at any date, computed now from the council's latest SSDA903 version
    (and the CIN census indicators from its latest CIN version, where it has one; the
    workforce's, one a census, have no figure at any date and are None here).

    Nothing is stored; callers that need a record use `services.indicators_compute`.
    """
    version = latest_version(council, kind="ssda903")
    if version is None:
        return []
    figures = compute_all(
        version_tables(version),
        [as_at],
        council_child_population(council),
        collection_year_end=version.year.end,
    )
    census = latest_version(council, kind="cin")
    if census is not None:
        cin = compute_cin(
            version_tables(census),
            [as_at],
            council_child_population(council),
            coverage=(census.year.start, census.year.end),
        )
        figures = pl.concat([figures, cin.select(figures.columns)], how="vertical_relaxed")
    by_id = {row["indicator_id"]: row for row in figures.iter_rows(named=True)}
    empty = {"value": None, "numerator": None, "denominator": None}
    return [
        {
            "id": indicator.id,
            "value": by_id.get(indicator.id, empty)["value"],
            "numerator": by_id.get(indicator.id, empty)["numerator"],
            "denominator": by_id.get(indicator.id, empty)["denominator"],
            "as_at": as_at,
        }
        for indicator in registry.INDICATORS
    ]


# Columns that say nothing in a list behind a count: every row is counted (issue 7.12).
_COUNT_ONLY = ("counted", "in_denominator")


def children_span(council, kind: str = "ssda903") -> tuple[date, date] | None:
    """The first and last dates the council's latest version of the return covers, or None
    (a census without recorded dates: its collection year)."""

    version = latest_version(council, kind=kind)
    if version is None:
        return None
    if version.data_from is None or version.data_to is None:
        if kind == "ssda903":
            return None
        return version.year.start, version.year.end
    return version.data_from, version.data_to


def _source_kind(indicator: Indicator) -> str:
    """The return an indicator's child list reads ("" for figures of records kept in
    Trajectory, the monthly workforce figures among them, which have none)."""
    return "" if indicator.source_return in registry.KEPT_SOURCES else indicator.source_return


def indicator_children(
    user,
    council,
    indicator_id: str,
    as_at: date,
    *,
    child: str = "",
    purpose: str = "page",
    request: HttpRequest | None = None,
    team: str | None = None,
    worker: str | None = None,
) -> list[dict]:
    """The child-level rows behind one figure at one date, for roles allowed to see children.

    Board members and region/DfE officials never get here (PermissionDenied). A date outside
    the data's span is refused naming the span (issue 7.4). `child` keeps one child's rows; a
    count's rows drop the counted columns, all true. Every view and CSV download (`purpose`)
    is written to the audit log with the requesting address. `team` keeps the children whose
    case the team held at the date ("" none recorded; `ssda903/allocations.py`), and is
    written in the audit entry (issue 8.7); `worker` (an SW_ID) likewise, the worker's.
    """
    require(user, "view_child_level", council)
    indicator = registry.get(indicator_id)
    kind = _source_kind(indicator)
    span = children_span(council, kind) if kind else None
    if span is not None and not span[0] <= as_at <= span[1]:
        raise ValidationError(
            f"The data runs from {govuk_date(span[0])} to {govuk_date(span[1])}: "
            "choose a date in that span."
        )
    version = latest_version(council, kind=kind) if kind else None
    tables = version_tables(version) if version is not None else None
    frame = (
        children_at(
            tables,
            indicator.id,
            as_at,
            council_child_population(council),
            collection_year_end=version.year.end,
        )
        if tables is not None
        else None
    )
    rows = frame.to_dicts() if frame is not None else []
    if indicator.denominator is None:
        rows = [
            {key: value for key, value in row.items() if key not in _COUNT_ONLY}
            for row in rows
            if row.get("counted", True)
        ]
    if child:
        rows = [row for row in rows if str(row.get("child_id")) == child]
    holders = ROW_HOLDERS.get(indicator.source_return)
    for key, dimension in ((team, "team"), (worker, "worker")):
        if key is not None and not indicator.by_team:
            rows = []  # the census names no team or worker
        elif key is not None and holders is not None:  # each row names its own (Annex A)
            column = holders[dimension]
            rows = [row for row in rows if (row.get(column) or NOT_RECORDED) == key]
        elif key is not None:
            held = (
                _children_held(council, tables, as_at, key, dimension)
                if tables is not None
                else set()
            )
            rows = [row for row in rows if str(row.get("child_id")) in held]
    detail = {"indicator": indicator.id, "as_at": as_at.isoformat(), "rows": len(rows)}
    if child:
        detail["child"] = child
    if team is not None:
        detail["team"] = team
    if worker is not None:
        detail["worker"] = worker
    if purpose != "page":
        detail["format"] = purpose
    record(user=user, action="child.view", council=council, request=request, detail=detail)
    return rows


def _children_held(council, tables, as_at: date, key: str, dimension: str) -> set[str]:
    """The children the team (or worker) held at the date, by the latest run's
    worker-to-team file."""
    from trajectory.councils.team_files import latest_team_file, worker_teams
    from trajectory.indicators.ssda903.allocations import children_held

    run = IndicatorRun.objects.filter(council=council).order_by("-computed_at", "-id").first()
    team_file = run.team_file if run is not None and run.team_file else latest_team_file(council)
    return children_held(tables, as_at, worker_teams(team_file), key, dimension)
