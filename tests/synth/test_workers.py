"""Synthetic social workers: reproducible, apart from the other tables, realistic caseloads."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from trajectory.returns.ssda903 import checks
from trajectory.synth.ssda903 import generate, write_csv
from trajectory.synth.workers import TEAMS, social_workers, write_worker_teams

END = date(2025, 3, 31)
SINCE = date(2022, 3, 31)


@pytest.fixture(scope="module")
def westshire():
    tables = generate(council_code="990", children=2500, years=3, seed=2026)
    return tables, *social_workers(tables, seed=2026, since=SINCE, end=END)


def _bytes(tables, teams, folder):
    files = {p.name: p.read_bytes() for p in write_csv(tables, folder)}
    files["teams.csv"] = write_worker_teams(teams, folder / "teams.csv").read_bytes()
    return files


def test_same_seed_writes_the_same_bytes(tmp_path):
    runs = []
    for name in ("a", "b"):
        tables = generate(council_code="990", children=400, years=2, seed=7)
        sw, teams = social_workers(tables, seed=7, since=date(2023, 3, 31), end=END)
        runs.append(_bytes({**tables, "SWEpisodes": sw}, teams, tmp_path / name))
    assert runs[0] == runs[1]
    assert "swepisodes.csv" in runs[0] and "teams.csv" in runs[0]


def test_the_other_tables_are_untouched(tmp_path):
    tables = generate(council_code="990", children=400, years=2, seed=7)
    before = {p.name: p.read_bytes() for p in write_csv(tables, tmp_path / "before")}
    social_workers(tables, seed=7, since=date(2023, 3, 31), end=END)
    after = {p.name: p.read_bytes() for p in write_csv(tables, tmp_path / "after")}
    assert before == after


def test_six_teams_and_caseloads_near_seventeen(westshire):
    _, sw, teams = westshire
    assert sorted(teams["team"].unique().to_list()) == sorted(TEAMS)
    day = date(2024, 9, 30)
    held = sw.filter(
        (pl.col("SW_DECOM") <= day) & (pl.col("SW_DEC").is_null() | (pl.col("SW_DEC") > day))
    )
    care_workers = teams.filter(pl.col("team").str.starts_with("Children in care"))["SW_ID"]
    loads = held.filter(pl.col("SW_ID").is_in(care_workers)).group_by("SW_ID").len()["len"]
    assert 15 <= loads.mean() <= 20, loads.mean()


def test_some_children_have_three_or_more_workers_in_a_year(westshire):
    _, sw, _ = westshire
    year = sw.filter(
        (pl.col("SW_DECOM") <= END)
        & (pl.col("SW_DEC").is_null() | (pl.col("SW_DEC") > date(2024, 3, 31)))
    )
    workers = year.group_by("CHILD").agg(pl.col("SW_ID").n_unique())["SW_ID"]
    share = (workers >= 3).mean()
    assert 0.05 <= share <= 0.3, share


def test_every_child_with_workers_is_in_the_return_and_the_sw_rules_hold(westshire):
    tables, sw, _ = westshire
    assert sw.join(tables["Header"], on="CHILD", how="anti").height == 0
    frames = {"SWEpisodes": sw.with_row_index("_row", offset=2), **tables}
    for check in checks.CHECKS:
        if check.table == "SWEpisodes":
            assert checks.flagged(check, frames, today=END).height == 0, check.code
    assert (
        sw["SW_REASON"]
        .is_in(
            [
                "FCONTA",
                "TSPROC",
                "LEFTRL",
                "MANAGE",
                "ABSENC",
                "ORGRST",
                "CHCHAN",
                "PCCHAN",
                "OTHERS",
            ]
        )
        .all()
    )
