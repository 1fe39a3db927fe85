"""Indicators cut by team and worker, worked by hand from tiny tables (issue 8.7)."""

from __future__ import annotations

from datetime import date

import polars as pl

from tests.indicators.builders import episodes, missing, tables
from trajectory.indicators.breakdowns import BREAKDOWN_INDICATORS, compute_breakdowns
from trajectory.indicators.compute import compute_all
from trajectory.indicators.ssda903.allocations import allocations
from trajectory.indicators.ssda903.facts import prepare

JAN, FEB, MAR = date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)
DATES = [JAN, FEB, MAR]


def sw_episodes(*rows: tuple) -> pl.DataFrame:
    """Rows of (CHILD, SW_ID, SW_DECOM, SW_DEC)."""
    return pl.DataFrame(
        [dict(zip(("CHILD", "SW_ID", "SW_DECOM", "SW_DEC"), r, strict=True)) for r in rows],
        schema={"CHILD": pl.String, "SW_ID": pl.String, "SW_DECOM": pl.Date, "SW_DEC": pl.Date},
    )


TEAMS = pl.DataFrame({"SW_ID": ["SW1", "SW2", "SW3"], "team": ["North", "Care 1", "Care 1"]})

# A: in care from 1 January 2024 with SW1 (North), moves to SW2 (Care 1) on 15 February.
# B: in care from 1 December 2023, no social worker recorded.
# C: in care 1 January to 10 March 2024 with SW3 (Care 1) from 5 January, whose episode ends
#    with the care; C stays with SW3 after it (the worker who last held the case).
EPISODES = episodes(
    ("A", date(2024, 1, 1), "S", "C2", "U1", None, None),
    ("B", date(2023, 12, 1), "S", "C2", "U1", None, None),
    ("C", date(2024, 1, 1), "S", "V2", "U1", date(2024, 3, 10), "E11"),
)
SW = sw_episodes(
    ("A", "SW1", date(2024, 1, 1), date(2024, 2, 15)),
    ("A", "SW2", date(2024, 2, 15), None),
    ("C", "SW3", date(2024, 1, 5), date(2024, 3, 10)),
)


def test_a_child_with_two_workers_in_different_teams_across_an_as_at_date():
    facts = prepare(tables(Episodes=EPISODES), DATES)
    got = allocations(facts, SW, TEAMS).select("child", "worker", "team", "lo", "hi").rows()
    # SW1 holds A at 31 January (index 0) only; SW2 from 29 February (index 1) on; C has SW3
    # from 31 January on, after the episode ended too (no later worker began).
    assert got == [
        ("A", "SW1", "North", 0, 1),
        ("A", "SW2", "Care 1", 1, 3),
        ("C", "SW3", "Care 1", 0, 3),
    ]


def test_time_before_the_first_worker_is_not_recorded():
    sw = sw_episodes(("A", "SW2", date(2024, 2, 15), None))
    facts = prepare(tables(Episodes=EPISODES), DATES)
    got = allocations(facts, sw, TEAMS).select("child", "worker", "team", "lo", "hi").rows()
    assert got == [("A", "", "", 0, 1), ("A", "SW2", "Care 1", 1, 3)]


def _by(frame: pl.DataFrame, indicator: str, dimension: str) -> dict:
    rows = frame.filter(
        (pl.col("indicator_id") == indicator) & (pl.col("dimension") == dimension)
    ).select("key", "as_at", "numerator", "denominator", "value")
    return {(r[0], r[1]): r[2:] for r in rows.rows()}


def test_children_looked_after_by_team_and_worker():
    out = compute_breakdowns(tables(Episodes=EPISODES, SWEpisodes=SW), DATES, TEAMS)
    teams = _by(out, "cla_count", "team")
    # 31 Jan: A (North), B (none), C (Care 1). 29 Feb: A (Care 1), B, C (Care 1).
    # 31 Mar: A (Care 1), B; C left care on 10 March.
    assert teams == {
        ("North", JAN): (1.0, None, 1.0),
        ("", JAN): (1.0, None, 1.0),
        ("", FEB): (1.0, None, 1.0),
        ("", MAR): (1.0, None, 1.0),
        ("Care 1", JAN): (1.0, None, 1.0),
        ("Care 1", FEB): (2.0, None, 2.0),
        ("Care 1", MAR): (1.0, None, 1.0),
    }
    workers = _by(out, "cla_count", "worker")
    assert workers[("SW1", JAN)] == (1.0, None, 1.0)
    assert ("SW1", FEB) not in workers  # no cases held: left out
    assert workers[("SW2", FEB)] == (1.0, None, 1.0)
    assert ("SW3", MAR) not in workers  # C left care on 10 March


def test_a_percentage_by_team_worked_by_hand():
    # A goes missing on 10 February (in SW2's time, but a 12-month measure counts A where the
    # case is held at the as-at date). C goes missing on 20 January.
    frames = tables(
        Episodes=EPISODES,
        SWEpisodes=SW,
        Missing=missing(("A", "M", date(2024, 2, 10)), ("C", "M", date(2024, 1, 20))),
    )
    out = compute_breakdowns(frames, DATES, TEAMS)
    teams = _by(out, "cla_missing_pct", "team")
    # 31 Jan: North has A (not yet missing) 0/1; Care 1 has C (missing) 1/1; B 0/1.
    assert teams[("North", JAN)] == (0.0, 1.0, 0.0)
    assert teams[("Care 1", JAN)] == (1.0, 1.0, 100.0)
    # 29 Feb and 31 Mar: Care 1 holds A and C (C ceased in March: looked after during the
    # 12 months, still with SW3), both missing in the 12 months: 2/2.
    assert teams[("Care 1", FEB)] == (2.0, 2.0, 100.0)
    assert teams[("Care 1", MAR)] == (2.0, 2.0, 100.0)
    assert teams[("", MAR)] == (0.0, 1.0, 0.0)
    assert ("North", FEB) not in teams


def test_the_teams_add_up_to_the_council():
    frames = tables(
        Episodes=EPISODES,
        SWEpisodes=SW,
        Missing=missing(("A", "M", date(2024, 2, 10)), ("C", "M", date(2024, 1, 20))),
    )
    cut = [indicator.id for indicator in BREAKDOWN_INDICATORS]
    council = compute_all(frames, DATES).filter(pl.col("indicator_id").is_in(cut))
    out = compute_breakdowns(frames, DATES, TEAMS)
    for dimension in ("team", "worker"):
        summed = (
            out.filter(pl.col("dimension") == dimension)
            .group_by("indicator_id", "as_at")
            .agg(pl.col("numerator").sum(), pl.col("denominator").sum())
        )
        joined = council.join(summed, on=["indicator_id", "as_at"], how="left", suffix="_parts")
        for row in joined.iter_rows(named=True):
            assert (row["numerator_parts"] or 0) == (row["numerator"] or 0), row
            if row["denominator"] is not None:
                assert (row["denominator_parts"] or 0) == row["denominator"], row


def test_no_sw_episodes_table_gives_no_breakdowns():
    out = compute_breakdowns(tables(Episodes=EPISODES), DATES, TEAMS)
    assert out.height == 0


def test_workers_at_chosen_dates_only_match_the_monthly_sums():
    frames = tables(
        Episodes=EPISODES,
        SWEpisodes=SW,
        Missing=missing(("A", "M", date(2024, 2, 10)), ("C", "M", date(2024, 1, 20))),
    )
    every = compute_breakdowns(frames, DATES, TEAMS).filter(pl.col("dimension") == "worker")
    chosen = compute_breakdowns(frames, DATES, TEAMS, worker_dates=[FEB])
    assert (
        chosen.filter(pl.col("dimension") == "worker")
        .sort("indicator_id", "key", "as_at")
        .equals(every.filter(pl.col("as_at") == FEB).sort("indicator_id", "key", "as_at"))
    )
    # teams stay monthly
    assert set(chosen.filter(pl.col("dimension") == "team")["as_at"]) == set(DATES)


def test_a_care_leaver_is_counted_where_the_case_was_last_held():
    from tests.indicators.builders import oc3

    # L left care before these dates; SW3 (Care 1) held the case from 1 January 2023. M has
    # no worker recorded. Both are 19 in the year to 31 March 2024 (DOB 1 January 2005).
    sw = pl.concat([SW, sw_episodes(("L", "SW3", date(2023, 1, 1), date(2023, 6, 1)))])
    frames = tables(
        Episodes=EPISODES,
        SWEpisodes=sw,
        OC3=oc3(("L", "YES", "F1", "B1"), ("M", "NO", "G4", "B2")),
    )
    teams = _by(compute_breakdowns(frames, DATES, TEAMS), "care_leavers_in_touch_pct", "team")
    assert teams == {
        **{("Care 1", d): (1.0, 1.0, 100.0) for d in DATES},
        **{("", d): (0.0, 1.0, 0.0) for d in DATES},
    }
