"""The synthetic workforce census: same seed same bytes, read without a problem, and the same
workers as SWEpisodes, with each one's cases on 30 September."""

from __future__ import annotations

import hashlib
from datetime import date

import polars as pl
import pytest

from trajectory.returns.collection_year import CollectionYear
from trajectory.returns.workforce.reader import read_return
from trajectory.synth import ssda903, workforce
from trajectory.synth.workers import social_workers

END = date(2025, 3, 31)
CENSUS = date(2024, 9, 30)


@pytest.fixture(scope="module")
def extract():
    tables = ssda903.generate(council_code="990", children=600, years=3, seed=11, end=END)
    return social_workers(tables, seed=11, since=date(2022, 3, 31), end=END)


def _bytes(extract, tmp_path, seed):
    sw, teams = extract
    tables = workforce.generate(sw, teams, seed=seed, census=CENSUS)
    paths = workforce.write_csv(tables, tmp_path / str(seed))
    paths.append(
        workforce.write_xml(tables, tmp_path / f"{seed}.xml", council_code="990", census=CENSUS)
    )
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths], paths


def test_same_seed_same_bytes(extract, tmp_path):
    first, _ = _bytes(extract, tmp_path / "a", 5)
    again, _ = _bytes(extract, tmp_path / "b", 5)
    other, _ = _bytes(extract, tmp_path / "c", 6)
    assert first == again
    assert first != other


def test_the_files_read_cleanly_and_hold_swepisodes_workers(extract, tmp_path):
    sw, teams = extract
    _, paths = _bytes(extract, tmp_path, 5)
    csv = read_return([(p.name, p) for p in paths[:2]], max_bytes=10**8, today=date(2024, 10, 9))
    xml = read_return([(paths[2].name, paths[2])], max_bytes=10**8, today=date(2024, 10, 9))
    assert csv.log.kept == [] and xml.log.kept == []
    assert csv.year == xml.year == CollectionYear(2024)
    assert csv.tables["CSWWWorker"].equals(xml.tables["CSWWWorker"])
    census = csv.tables["CSWWWorker"]
    care_workers = set(teams["SW_ID"])
    in_census = set(census["SWENo"]) & care_workers
    assert in_census == set(sw["SW_ID"])  # every worker of the extract holds cases in the year
    open_cases = (
        sw.filter(
            (pl.col("SW_DECOM") <= CENSUS)
            & (pl.col("SW_DEC").is_null() | (pl.col("SW_DEC") > CENSUS))
        )
        .group_by("SW_ID")
        .len()
    )
    held = dict(
        census.filter(pl.col("SWENo").is_in(sorted(care_workers)))
        .select("SWENo", "Cases30")
        .iter_rows()
    )
    for worker, cases in open_cases.iter_rows():
        assert held[worker] == cases
    leavers = census.filter(pl.col("RoleEndDate").is_not_null())
    assert leavers.height > 0 and leavers["ReasonLeave"].null_count() == 0
    assert set(census["OrgRole"]) >= {"1", "2", "3", "5", "6"}
    assert (census["AgencyWorker"] == "1").sum() > 0
    vacancies = csv.tables["LALevelVacancies"]
    assert vacancies.height == 1 and vacancies["NumberOfVacancies"][0] > 0


def test_for_council_is_the_demo_councils_census(tmp_path):
    first = workforce.for_council(council_code="990", children=300, years=2, seed=9)
    again = workforce.for_council(council_code="990", children=300, years=2, seed=9)
    assert all(first[name].equals(again[name]) for name in first)
    paths = workforce.write_csv(first, tmp_path)
    result = read_return([(p.name, p) for p in paths], max_bytes=10**8, today=date(2025, 4, 1))
    assert not result.log.has_errors and result.year == CollectionYear(2024)
