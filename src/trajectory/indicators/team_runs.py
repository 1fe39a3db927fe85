"""Storing a run's figures by team and by social worker (issue 8.7), called by
`services.indicators_compute` in its transaction."""

from __future__ import annotations

import polars as pl
from django.db import connection

from trajectory.councils.team_files import latest_team_file, worker_teams
from trajectory.indicators.breakdowns import compute_annex_a_breakdowns, compute_breakdowns
from trajectory.indicators.figures import month_end_before
from trajectory.indicators.models import IndicatorBreakdown
from trajectory.indicators.ssda903.facts import Facts

COLUMNS = ("indicator_id", "dimension", "key", "as_at", "numerator", "denominator", "value")


def breakdowns_store(
    run, tables: dict[str, pl.LazyFrame], dates, *, year_end, facts: Facts | None = None
) -> int:
    """Compute every child-based indicator by team (every month-end) and by worker (the last
    month-end and the same month a year before: `breakdowns`) from the run's tables and the
    council's newest worker-to-team file, store them with the run in one insert, and return
    how many rows. Nothing is stored when the return has no SWEpisodes table."""
    if "SWEpisodes" not in tables:
        return 0
    team_file = latest_team_file(run.council)
    if team_file is not None:
        run.team_file = team_file
        run.save(update_fields=["team_file"])
    last = max(dates)
    frame = compute_breakdowns(
        tables,
        dates,
        worker_teams(team_file),
        collection_year_end=year_end,
        worker_dates=[last, month_end_before(last, 12)],
        facts=facts,
    ).select(COLUMNS)
    _insert(run, frame)
    return frame.height


def annex_a_breakdowns_store(run, tables: dict[str, pl.LazyFrame], first, last) -> int:
    """Compute the Annex A indicators by team (every date they are given) and by worker (the
    day the lists end and the same month a year before) from each list's own Allocated Team
    and Allocated Worker, store them with the run, and return how many rows."""
    frame = compute_annex_a_breakdowns(
        tables, first, last, worker_dates=[last, month_end_before(last, 12)]
    ).select(COLUMNS)
    _insert(run, frame)
    return frame.height


def _insert(run, frame: pl.DataFrame) -> None:
    """One executemany of every row: some 20,000 rows a run for a council of 2,500 children,
    where building a model instance for each would take longer than the computing."""
    quote = connection.ops.quote_name
    fields = ["run_id", *COLUMNS]
    # The names are the model's own, quoted; every value is a parameter.
    table = quote(IndicatorBreakdown._meta.db_table)
    names = ", ".join(quote(f) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
    rows = frame.select(pl.lit(run.pk).alias("run_id"), *COLUMNS).rows()
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
