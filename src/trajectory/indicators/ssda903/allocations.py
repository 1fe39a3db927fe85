"""Each child's social worker and team at each as-at date, as ranges of as-at indices.

From SSDA903's SWEpisodes table (CHILD, SW_ID, SW_DECOM, SW_DEC; from 2023-24) and the
council's worker-to-team file (SW_ID, team). The rule, the same for every indicator cut by team
or worker:

- **The worker at a date** *d* is the one whose episode began last on or before *d*
  (SW_DECOM <= *d*). The allocation lasts until the child's next worker begins, so a child whose
  care (or social work) ended stays with the worker, and the team, that last held the case: a
  child counted among the year's ceases, or a care leaver of the OC3 cohort, is counted where the
  case was last held. DfE's rules SW08 and SW17 keep the latest episode open while a child is
  looked after, and SW10 has each episode begin within 7 days of the previous one's SW_DEC, so
  the gaps this rule bridges are short.
- Two episodes beginning on the same day: the last in the file stands (SW19 refuses the repeat).
- **Before a child's first worker**, or for a child with no SWEpisodes row at all, the child is
  counted as *no worker recorded* (key ""), so the parts always add up to the council's figure.
- **The team** is the worker's team in the worker-to-team file; a worker missing from it is
  counted under *no team recorded* (key "").

Ranges are half-open [lo, hi) over `Facts.dates`, the same indices as `child_rows`.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from trajectory.indicators.ssda903.facts import Facts, prepare

NOT_RECORDED = ""
DIMENSIONS = ("team", "worker")


def _sw_episodes(frame: pl.DataFrame | pl.LazyFrame | None) -> pl.LazyFrame:
    schema = {"council": pl.String, "CHILD": pl.String, "SW_ID": pl.String, "SW_DECOM": pl.Date}
    if frame is None:
        return pl.LazyFrame(schema=schema)
    frame = frame.lazy()
    names = frame.collect_schema().names()
    council = pl.col("council").cast(pl.String) if "council" in names else pl.lit("")
    return frame.select(
        council.alias("council"),
        pl.col("CHILD").cast(pl.String).str.strip_chars(),
        pl.col("SW_ID").cast(pl.String).str.strip_chars().str.to_uppercase(),
        pl.col("SW_DECOM").cast(pl.Date),
    ).filter(pl.col("CHILD").is_not_null() & pl.col("SW_DECOM").is_not_null())


def _teams(worker_teams: pl.DataFrame | None) -> pl.LazyFrame:
    """[council, worker, team] from the worker-to-team file (SW_ID, team)."""
    schema = {"council": pl.String, "worker": pl.String, "team": pl.String}
    if worker_teams is None:
        return pl.LazyFrame(schema=schema)
    frame = worker_teams.lazy()
    names = frame.collect_schema().names()
    council = pl.col("council").cast(pl.String) if "council" in names else pl.lit("")
    return frame.select(
        council.alias("council"),
        worker=pl.col("SW_ID").cast(pl.String).str.strip_chars().str.to_uppercase(),
        team=pl.col("team").cast(pl.String).str.strip_chars(),
    ).unique(["council", "worker"], keep="last")


def allocations(
    facts: Facts,
    sw_episodes: pl.DataFrame | pl.LazyFrame | None,
    worker_teams: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """[council_key, child, worker, team, lo, hi]: each child's worker and team over the as-at
    indices [lo, hi), and the child's time before any worker as worker = team = "".

    A child with no SWEpisodes row has no row here: `breakdowns` counts them as not recorded.
    """
    n = len(facts.dates)
    episodes = (
        _sw_episodes(sw_episodes)
        .join(facts.councils.lazy().select("council", "council_key"), on="council")
        .with_row_index("_order")
        .sort("council_key", "CHILD", "SW_DECOM", "_order")
        .unique(["council_key", "CHILD", "SW_DECOM"], keep="last", maintain_order=True)
        .with_columns(lo=facts.index("as_at", pl.col("SW_DECOM"), "left"))
    )
    same_child = (pl.col("CHILD") == pl.col("CHILD").shift(-1)) & (
        pl.col("council_key") == pl.col("council_key").shift(-1)
    )
    workers = (
        episodes.with_columns(
            hi=pl.when(same_child).then(pl.col("lo").shift(-1)).otherwise(pl.lit(n, pl.Int64))
        )
        .join(
            _teams(worker_teams).join(
                facts.councils.lazy().select("council", "council_key"), on="council"
            ),
            left_on=["council_key", "SW_ID"],
            right_on=["council_key", "worker"],
            how="left",
        )
        .select(
            "council_key",
            child="CHILD",
            worker=pl.col("SW_ID").fill_null(NOT_RECORDED),
            team=pl.col("team").fill_null(NOT_RECORDED),
            lo="lo",
            hi="hi",
        )
    )
    before_first = (
        workers.group_by("council_key", "child")
        .agg(hi=pl.col("lo").min())
        .select(
            "council_key",
            "child",
            worker=pl.lit(NOT_RECORDED),
            team=pl.lit(NOT_RECORDED),
            lo=pl.lit(0, pl.Int64),
            hi="hi",
        )
    )
    return (
        pl.concat([before_first, workers])
        .filter(pl.col("lo") < pl.col("hi"))
        .sort("council_key", "child", "lo")
        .collect()
    )


def children_held(
    tables: dict[str, pl.LazyFrame], as_at: date, worker_teams, key: str, dimension: str = "team"
) -> set[str]:
    """The ids of the children whose case the team (or worker) `key` held at the date, by the
    rule above; key "" is the children with none recorded."""
    facts = prepare(tables, [as_at])
    held = allocations(facts, tables.get("SWEpisodes"), worker_teams).filter(
        (pl.col("lo") <= 0) & (pl.col("hi") > 0)
    )
    found = set(held.filter(pl.col(dimension) == key)["child"].to_list())
    if key == NOT_RECORDED:
        known = set(facts.children["child"].to_list()) | set(facts.care_leavers["child"].to_list())
        found |= known - set(held["child"].to_list())
    return found
