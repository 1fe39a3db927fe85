"""Writing indicator runs: compute every indicator from the latest SSDA903 version and store it."""

from __future__ import annotations

from datetime import date

import polars as pl
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from trajectory.audit.services import record
from trajectory.councils.permissions import has_capability
from trajectory.indicators.compute import compute_all, month_ends, series_dates
from trajectory.indicators.models import IndicatorRun, IndicatorValue
from trajectory.returns.ssda903.coverage import coverage


def _data_span(version, tables: dict[str, pl.LazyFrame]) -> tuple[date, date]:
    """The version's recorded span, or the span its episodes cover when it has none."""
    if version.data_from and version.data_to:
        return version.data_from, version.data_to
    return coverage(tables)


def run_dates(version, tables: dict[str, pl.LazyFrame]) -> list[date]:
    """Month-ends with a full 12 months of data behind them; every month-end if the data are
    shorter than a year."""
    data_from, data_to = _data_span(version, tables)
    return series_dates(data_from, data_to) or month_ends(data_from, data_to)


@transaction.atomic
def indicators_compute(*, council, user) -> IndicatorRun:
    """Compute every indicator at every month-end of the latest SSDA903 version and store it.

    The run is tied to the version it read, so the figures can be traced and rebuilt.
    `user` None is the command line (`trajectory indicators --recompute`), where shell access
    already means full trust; any signed-in user needs the compute_indicators capability.
    """
    from trajectory.returns.selectors import latest_version, version_tables

    if user is not None and not has_capability(user, "compute_indicators", council):
        raise PermissionDenied("You may not compute indicators for this council.")
    version = latest_version(council, kind="ssda903")
    if version is None:
        raise ValidationError(f"{council.name} has no SSDA903 return to compute from yet.")
    tables = version_tables(version)
    dates = run_dates(version, tables)
    if not dates:
        raise ValidationError("The return holds no complete month to compute indicators for.")
    figures = compute_all(tables, dates, council.child_population)

    run = IndicatorRun(
        council=council,
        computed_by=user,
        period_from=dates[0],
        period_to=dates[-1],
        child_population=council.child_population,
    )
    run.full_clean()
    run.save()
    run.versions.add(version)
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(run=run, **row)
            for row in figures.select(
                "indicator_id", "as_at", "value", "numerator", "denominator"
            ).iter_rows(named=True)
        ],
        batch_size=2000,
    )
    record(
        user=user,
        action="indicators.compute",
        council=council,
        obj=run,
        detail={
            "versions": [version.pk],
            "period_from": dates[0].isoformat(),
            "period_to": dates[-1].isoformat(),
            "values": figures.height,
            "source": "web" if user is not None else "cli",
        },
    )
    return run
