"""Writing indicator runs: compute every indicator from the latest SSDA903 version and store it,
with the CIN census's indicators from the CIN versions and the workforce's from the workforce
census versions and monthly figures, where the council has them."""

from __future__ import annotations

from datetime import date

import polars as pl
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from trajectory.audit.services import record
from trajectory.councils.permissions import has_capability
from trajectory.councils.selectors import council_child_population
from trajectory.indicators import registry
from trajectory.indicators.cin.facts import stack_years
from trajectory.indicators.compute import (
    compute_all,
    compute_annex_a,
    compute_cin,
    compute_snapshots,
    compute_workforce,
    month_ends,
    series_dates,
)
from trajectory.indicators.figures import collection_year_end
from trajectory.indicators.models import IndicatorRun, IndicatorValue
from trajectory.indicators.records.figures import record_figures
from trajectory.indicators.ssda903.facts import prepare
from trajectory.indicators.team_runs import annex_a_breakdowns_store, breakdowns_store
from trajectory.returns.selectors import latest_of_each_year, latest_version, version_tables
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


ANNUAL = [
    indicator.id
    for indicator in registry.INDICATORS
    if indicator.cadence == "annual" and indicator.source_return == "ssda903"
]
COLUMNS = ["indicator_id", "as_at", "value", "numerator", "denominator"]


def cin_figures(council) -> tuple[pl.DataFrame | None, list]:
    """The CIN census indicators at every month-end of the census years held, and the versions
    read: the newest version of each year (`latest_of_each_year`), stacked so the series runs
    across them (`cin.facts.stack_years`); a figure whose period runs outside those years has
    none. None without a CIN version."""
    versions = latest_of_each_year(council, "cin")
    if not versions:
        return None, []
    chosen = [versions[year] for year in sorted(versions)]
    tables = stack_years([(v.collection_year, version_tables(v)) for v in chosen])
    first, last = chosen[0].year.start, chosen[-1].year.end
    figures = compute_cin(
        tables, month_ends(first, last), council_child_population(council), coverage=(first, last)
    )
    return figures.select(COLUMNS), chosen


def annex_a_figures(council) -> tuple[pl.DataFrame | None, list]:
    """The Annex A indicators from the council's latest Annex A version (`latest_version`: the
    newest of the latest year), at every month-end its lists cover and at the day they end;
    and the version read. None without an Annex A. Each Annex A covers the months before the
    day it was run, so the latest holds the current picture; earlier ones are not stacked."""
    version = latest_version(council, kind="annex_a")
    if version is None:
        return None, []
    tables = version_tables(version)
    figures = compute_annex_a(tables, *annex_a_span(version, tables))
    return figures.select(COLUMNS), [version]


def annex_a_span(version, tables: dict[str, pl.LazyFrame]) -> tuple[date, date]:
    """The days an Annex A version's lists cover: as recorded, or (a version accepted before
    Annex A versions recorded their span) from its lists."""
    from trajectory.returns.annex_a.coverage import coverage

    if version.data_from and version.data_to:
        return version.data_from, version.data_to
    return coverage(tables, today=version.accepted_at.date())


def workforce_figures(council) -> tuple[pl.DataFrame | None, list]:
    """The workforce census indicators, one figure a census year held (its newest version) at
    its census date, 30 September; with the monthly figures' indicators where the council
    records its workforce monthly. None when it has neither."""
    from trajectory.returns.workforce.reader import census_date
    from trajectory.workforce.models import WorkforceSnapshot

    frames, chosen = [], []
    for _, version in sorted(latest_of_each_year(council, "workforce").items()):
        frames.append(compute_workforce(version_tables(version), census_date(version.year)))
        chosen.append(version)
    months = list(
        WorkforceSnapshot.objects.filter(council=council)
        .order_by("month")
        .values_list("month", "supervision_held", "supervision_due")
    )
    if months:
        frame = pl.DataFrame(
            months,
            schema={"month": pl.Date, "supervision_held": pl.Int64, "supervision_due": pl.Int64},
            orient="row",
        ).select(
            pl.col("month").dt.month_end().alias("as_at"), "supervision_held", "supervision_due"
        )
        frames.append(compute_snapshots(frame))
    if not frames:
        return None, chosen
    return pl.concat(frames, how="vertical_relaxed").select(COLUMNS), chosen


def _cohort_years(figures: pl.DataFrame) -> pl.DataFrame:
    """Annual figures with a value, the last month-end of each collection year only."""
    return (
        figures.filter(pl.col("indicator_id").is_in(ANNUAL) & pl.col("value").is_not_null())
        .with_columns(year=pl.col("as_at").map_elements(collection_year_end, return_dtype=pl.Date))
        .sort("as_at")
        .group_by("indicator_id", "year", maintain_order=True)
        .last()
    )


def earlier_cohorts(council, latest, figures: pl.DataFrame) -> tuple[pl.DataFrame | None, list]:
    """Annual cohort figures (OC3) of the collection years other than the latest version's.

    A return holds one OC3 cohort, that of its collection year (declared, or inferred from its
    latest data: returns/collection_year.py). Each other year held gives its cohort from the
    newest version of that year, computed for that year, at that year's last month-end (issue
    7.2: compared year with year; issue 8.2: each annual figure from its own year's return).
    A year `figures` already hold is left to them. Returns those figures (indicator_id, as_at,
    value, numerator, denominator) and the versions read.
    """

    seen = set(_cohort_years(figures)["year"].to_list())
    frames, versions = [], []
    for end_year, version in sorted(latest_of_each_year(council, latest.kind).items()):
        year_end = version.year.end
        if end_year == latest.collection_year or year_end in seen:
            continue
        tables = version_tables(version)
        dates = run_dates(version, tables)
        if not dates:
            continue
        computed = compute_all(
            tables, dates, council_child_population(council), ANNUAL, collection_year_end=year_end
        )
        cohorts = _cohort_years(computed).filter(pl.col("year") == year_end)
        if cohorts.height:
            seen.add(year_end)
            frames.append(cohorts.drop("year"))
            versions.append(version)
    if not frames:
        return None, []
    return pl.concat(frames, how="vertical_relaxed"), versions


def _with_earlier_cohorts(figures: pl.DataFrame, earlier: pl.DataFrame | None) -> pl.DataFrame:
    """The latest version's figures, with earlier years' cohorts where it has none."""
    if earlier is None:
        return figures
    keys = ["indicator_id", "as_at"]
    columns = ["indicator_id", "as_at", "value", "numerator", "denominator"]
    earlier = earlier.select(columns).join(
        figures.filter(pl.col("value").is_not_null()).select(keys), on=keys, how="anti"
    )
    kept = figures.select(columns).join(earlier.select(keys), on=keys, how="anti")
    return pl.concat([kept, earlier], how="vertical_relaxed").sort(keys)


def _last_population(figures: pl.DataFrame, last: date) -> int | None:
    """The child population behind the run's last month-end rate (each month's rate stores
    its own year's as its denominator): the children looked after's, else (a council with
    only its CIN census) the children in need's."""
    for indicator_id in ("cla_rate_per_10k", "cin_rate_per_10k"):
        rate = figures.filter((pl.col("indicator_id") == indicator_id) & (pl.col("as_at") == last))[
            "denominator"
        ]
        if len(rate) and rate[0] is not None:
            return int(rate[0])
    return None


@transaction.atomic
def indicators_compute(*, council, user) -> IndicatorRun:
    """Compute every indicator at every month-end of the latest SSDA903 version and store it,
    with the annual cohorts of the other collection years from their own versions, the CIN
    census indicators from the CIN versions (`cin_figures`), the Annex A indicators from the
    latest Annex A (`annex_a_figures`) and the workforce's from the
    workforce versions and monthly figures (`workforce_figures`), and the figures of the
    records it keeps in Trajectory (case audits, supervision: `records.record_figures`), where
    the council has them. A council with only a census so far gets its census's figures alone.

    The latest version is the newest of the latest collection year (`latest_version`), so
    the monthly series read the latest year's data even when an earlier year's return was
    imported after it.

    The run is tied to the versions it read, so the figures can be traced and rebuilt.
    `user` None is the command line (`trajectory indicators --recompute`), where shell access
    already means full trust; any signed-in user needs the compute_indicators capability.
    """

    if user is not None and not has_capability(user, "compute_indicators", council):
        raise PermissionDenied("You may not compute indicators for this council.")
    version = latest_version(council, kind="ssda903")
    others, other_versions = [], []
    for more, versions in (
        cin_figures(council),
        annex_a_figures(council),
        workforce_figures(council),
    ):
        if more is not None:
            others.append(more)
        other_versions += versions
    kept = record_figures(council)  # case audits and supervision, as they stand now
    if kept is not None:
        others.append(kept.select(COLUMNS))
    if version is None and not others:
        raise ValidationError(f"{council.name} has no SSDA903 return to compute from yet.")
    earlier_versions, tables, facts = [], None, None
    if version is not None:
        tables = version_tables(version)
        dates = run_dates(version, tables)
        if not dates:
            raise ValidationError("The return holds no complete month to compute indicators for.")
        population = council_child_population(council)
        # shared with the team figures
        facts = prepare(tables, dates, population, version.year.end)
        figures = compute_all(
            tables, dates, population, collection_year_end=version.year.end, facts=facts
        )
        earlier, earlier_versions = earlier_cohorts(council, version, figures)
        figures = _with_earlier_cohorts(figures, earlier).select(COLUMNS)
        figures = pl.concat([figures, *others], how="vertical_relaxed")
    else:  # a council with only its censuses so far: their figures alone
        figures = pl.concat(others, how="vertical_relaxed")
        dates = sorted(set(figures["as_at"].to_list()))

    run = IndicatorRun(
        council=council,
        computed_by=user,
        period_from=dates[0],
        period_to=dates[-1],
        child_population=_last_population(figures, dates[-1]),
    )
    run.full_clean()
    run.save()
    run.versions.add(*([version] if version else []), *earlier_versions, *other_versions)
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(run=run, **row)
            for row in figures.select(
                "indicator_id", "as_at", "value", "numerator", "denominator"
            ).iter_rows(named=True)
        ],
        batch_size=2000,
    )
    breakdowns = (
        breakdowns_store(run, tables, dates, year_end=version.year.end, facts=facts)
        if version is not None
        else 0
    )
    for other in other_versions:  # Annex A's lists name their own teams and workers
        if other.kind == "annex_a":
            lists = version_tables(other)
            breakdowns += annex_a_breakdowns_store(run, lists, *annex_a_span(other, lists))
    record(
        user=user,
        action="indicators.compute",
        council=council,
        obj=run,
        detail={
            "versions": ([version.pk] if version else [])
            + [earlier.pk for earlier in earlier_versions]
            + [other.pk for other in other_versions],
            "period_from": dates[0].isoformat(),
            "period_to": dates[-1].isoformat(),
            "values": figures.height,
            "breakdowns": breakdowns,
            "source": "web" if user is not None else "cli",
        },
    )
    return run
