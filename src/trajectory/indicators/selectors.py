"""Reading indicators: the scorecard, a series, figures at any date, and the children behind one.

Every selector takes the acting user (or the council) first and reads only that council's runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from trajectory.audit.services import record
from trajectory.councils.permissions import has_capability
from trajectory.indicators import registry
from trajectory.indicators.compute import children_at, compute_all
from trajectory.indicators.models import IndicatorRun, IndicatorValue
from trajectory.indicators.registry import Indicator


def _require(user, capability: str, council) -> None:
    if not has_capability(user, capability, council):
        raise PermissionDenied(f"You may not {capability.replace('_', ' ')} here.")


def latest_run(user, council) -> IndicatorRun | None:
    _require(user, "view_council", council)
    return IndicatorRun.objects.filter(council=council).order_by("-computed_at", "-id").first()


def series(user, council, indicator_id: str) -> list[IndicatorValue]:
    """The indicator's monthly values from the council's latest run, oldest first."""
    run = latest_run(user, council)
    if run is None:
        return []
    return list(run.values.filter(indicator_id=indicator_id).order_by("as_at"))


@dataclass(frozen=True)
class ScorecardRow:
    indicator: Indicator
    as_at: date | None
    value: float | None
    numerator: float | None
    denominator: float | None
    value_year_ago: float | None
    change: float | None
    direction: str | None  # "better" | "worse" | "same" | None (neutral, or nothing to compare)

    @property
    def shown(self) -> str:
        return self.indicator.format(self.value)


def _direction(indicator: Indicator, change: float | None) -> str | None:
    if change is None or indicator.polarity == "neutral":
        return None
    if round(change, indicator.decimals) == 0:
        return "same"
    rising_is_better = indicator.polarity == "higher_is_better"
    return "better" if (change > 0) == rising_is_better else "worse"


def _year_before(as_at: date) -> date:
    """The same month-end a year earlier (29 February becomes 28 February)."""
    return pl.select(pl.lit(as_at).dt.offset_by("-1y").dt.month_end()).item()


def scorecard(user, council) -> list[ScorecardRow]:
    """Each indicator's latest figure in the latest run, against the same month a year before."""
    run = latest_run(user, council)
    values: dict[str, dict[date, IndicatorValue]] = {}
    if run is not None:
        for value in run.values.all():
            values.setdefault(value.indicator_id, {})[value.as_at] = value
    rows = []
    for indicator in registry.INDICATORS:
        by_date = values.get(indicator.id, {})
        known = [d for d, v in by_date.items() if v.value is not None]
        if not known:
            rows.append(ScorecardRow(indicator, None, None, None, None, None, None, None))
            continue
        latest = by_date[max(known)]
        year_ago = by_date.get(_year_before(latest.as_at))
        value_year_ago = year_ago.value if year_ago is not None else None
        change = latest.value - value_year_ago if value_year_ago is not None else None
        rows.append(
            ScorecardRow(
                indicator=indicator,
                as_at=latest.as_at,
                value=latest.value,
                numerator=latest.numerator,
                denominator=latest.denominator,
                value_year_ago=value_year_ago,
                change=change,
                direction=_direction(indicator, change),
            )
        )
    return rows


def _latest_tables(council) -> dict[str, pl.LazyFrame] | None:
    from trajectory.returns.selectors import latest_version, version_tables

    version = latest_version(council, kind="ssda903")
    return version_tables(version) if version is not None else None


def indicators_at(council, as_at: date) -> list[dict]:
    """Every indicator at any date, computed now from the council's latest SSDA903 version.

    Nothing is stored; callers that need a record use `services.indicators_compute`.
    """
    tables = _latest_tables(council)
    if tables is None:
        return []
    figures = compute_all(tables, [as_at], council.child_population)
    by_id = {row["indicator_id"]: row for row in figures.iter_rows(named=True)}
    return [
        {
            "id": indicator.id,
            "value": by_id[indicator.id]["value"],
            "numerator": by_id[indicator.id]["numerator"],
            "denominator": by_id[indicator.id]["denominator"],
            "as_at": as_at,
        }
        for indicator in registry.INDICATORS
    ]


def indicator_children(
    user, council, indicator_id: str, as_at: date, *, request: HttpRequest | None = None
) -> list[dict]:
    """The child-level rows behind one figure at one date, for roles allowed to see children.

    Board members and region/DfE officials never get here (PermissionDenied); every view is
    written to the audit log, with the requesting address.
    """
    _require(user, "view_child_level", council)
    indicator = registry.get(indicator_id)
    tables = _latest_tables(council)
    rows = (
        children_at(tables, indicator.id, as_at, council.child_population).to_dicts()
        if tables is not None
        else []
    )
    record(
        user=user,
        action="child.view",
        council=council,
        request=request,
        detail={"indicator": indicator.id, "as_at": as_at.isoformat(), "rows": len(rows)},
    )
    return rows
