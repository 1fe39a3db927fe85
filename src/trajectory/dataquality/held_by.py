"""Whose case a finding's child was (issue 13.4: findings by team and worker): the social
worker holding it on the day the return ends, by the rule the indicators' team figures use
(indicators/ssda903/allocations.py: the worker whose SWEpisodes episode began last on or before
the day). Only SSDA903 names workers (SWEpisodes, from 2023-24); the CIN census does not.

The worker is a fact of the version, kept with each finding; the team is the worker's team in
the council's worker-to-team file as it is when the page is read (councils/team_files.py).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from trajectory.indicators.ssda903.allocations import allocations
from trajectory.indicators.ssda903.facts import prepare


def held_at(version) -> date | None:
    """The day the return ends: its 31 March, or its latest date when earlier."""
    end = version.year.end
    return min(end, version.data_to) if version.data_to else end


def workers_on(tables: dict[str, pl.LazyFrame], day: date) -> dict[str, str]:
    """{child: SW_ID} for the children whose case a worker held on the day."""
    if "SWEpisodes" not in tables or "Episodes" not in tables:
        return {}
    facts = prepare(tables, [day])
    held = allocations(facts, tables.get("SWEpisodes")).filter(
        (pl.col("lo") <= 0) & (pl.col("hi") > 0) & (pl.col("worker") != "")
    )
    return dict(zip(held["child"].to_list(), held["worker"].to_list(), strict=True))
