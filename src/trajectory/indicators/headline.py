"""The headline figures a council is summed up by, and what an upload would change in them.

Before an analyst accepts an upload, its preview shows each headline figure as the scorecard
shows it now and as it will be once the upload is accepted and the indicators recomputed (issue
7.17): "Children looked after 913 → 893". The "after" figure is computed, not stored, from the
upload's staged tables at the last month-end a run of them would hold (`services.run_dates`'s
rule), with the same compute functions as every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from trajectory.councils.permissions import require
from trajectory.councils.selectors import council_child_population
from trajectory.indicators import figures, registry
from trajectory.indicators import selectors as indicator_selectors
from trajectory.indicators.compute import compute_all, month_ends, series_dates
from trajectory.indicators.registry import Indicator
from trajectory.returns import storage
from trajectory.returns.ssda903.coverage import coverage

# How many children are looked after, at what rate, and how many started and ceased in the
# year: the figures shown side by side for several councils and in an upload's preview.
HEADLINE_INDICATORS = ("cla_count", "cla_rate_per_10k", "cla_starts_12m", "cla_ceased_12m")


def headline_indicators() -> list[Indicator]:
    return [registry.get(indicator_id) for indicator_id in HEADLINE_INDICATORS]


@dataclass(frozen=True)
class FigureChange:
    """One headline figure now (the scorecard's) and after the upload is accepted."""

    indicator: Indicator
    now_as_at: date | None
    now: float | None
    after_as_at: date | None
    after: float | None

    @property
    def now_shown(self) -> str:
        return figures.shown(self.indicator, self.now)

    @property
    def after_shown(self) -> str:
        return figures.shown(self.indicator, self.after)

    @property
    def change_shown(self) -> str:
        if self.now is None or self.after is None:
            return "Not available"
        return figures.change_shown(self.indicator, self.after - self.now)


def _last_run_date(tables) -> date | None:
    data_from, data_to = coverage(tables)
    if data_from is None or data_to is None:
        return None
    dates = series_dates(data_from, data_to) or month_ends(data_from, data_to)
    return dates[-1] if dates else None


def upload_figure_changes(user, council, upload) -> list[FigureChange]:
    """Each headline figure now and after accepting `upload`. Aggregates only, so any role that
    reads the council may see them; empty when the upload has no staged tables (refused, or
    already decided)."""
    require(user, "view_council", council)
    if upload.council_id != council.pk:
        raise Http404("No such upload for this council.")
    tables = storage.staged_tables(upload.staging_path)
    if not tables:
        return []
    as_at = _last_run_date(tables)
    after: dict[str, float | None] = {}
    if as_at is not None:
        computed = compute_all(
            tables,
            [as_at],
            council_child_population(council),
            collection_year_end=upload.year.end if upload.year else None,
        )
        after = {row["indicator_id"]: row["value"] for row in computed.iter_rows(named=True)}
    now = {}
    if indicator_selectors.latest_run(user, council) is not None:
        now = {row.indicator.id: row for row in indicator_selectors.scorecard(user, council)}
    changes = []
    for indicator in headline_indicators():
        row = now.get(indicator.id)
        changes.append(
            FigureChange(
                indicator=indicator,
                now_as_at=row.as_at if row else None,
                now=row.value if row else None,
                after_as_at=as_at,
                after=after.get(indicator.id),
            )
        )
    return changes
