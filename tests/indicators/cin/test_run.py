"""A run reads the latest CIN census (and the workforce census) beside the SSDA903 return."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from django.conf import settings

from tests.indicators.cin.builders import details, tables
from tests.indicators.test_services import store_version
from trajectory.indicators import registry, selectors
from trajectory.indicators.breakdowns import BREAKDOWN_INDICATORS
from trajectory.indicators.cin.facts import stack_years
from trajectory.indicators.compute import compute_cin, of_source
from trajectory.indicators.services import indicators_compute
from trajectory.returns.cin.reader import read_return
from trajectory.returns.models import ReturnVersion
from trajectory.synth.cin import generate_cin, write_cin_xml

D = date


def _store(council, kind: str, frames: dict[str, pl.DataFrame], *, number: int, year: int):
    key = f"{council.code}/{kind}/{kind}{number:060d}"
    folder = Path(settings.TRAJECTORY_STORAGE) / key
    folder.mkdir(parents=True)
    for name, frame in frames.items():
        frame.write_parquet(folder / f"{name}.parquet")
    return ReturnVersion.objects.create(
        council=council,
        kind=kind,
        number=number,
        content_sha256=hashlib.sha256(f"{kind}{number}".encode()).hexdigest(),  # 64 characters
        storage_key=key,
        collection_year=year,
    )


@pytest.fixture
def census(tmp_path):
    """A generated CIN census for 2024-25, written as DfE's XML and read back by the reader."""
    path = write_cin_xml(generate_cin(children=400, seed=7), tmp_path / "cin.xml")
    result = read_return([("cin.xml", path)], max_bytes=50_000_000)
    assert not result.log.errors
    return result.tables


@pytest.mark.django_db
def test_a_run_computes_the_cin_indicators_from_the_imported_census(council, make_user, census):
    ssda903 = store_version(council)
    cin = _store(council, "cin", census, number=2, year=2025)
    run = indicators_compute(council=council, user=make_user("analyst", council))

    assert set(run.versions.all()) == {ssda903, cin}
    values = {(v.indicator_id, v.as_at): v for v in run.values.filter(indicator_id__startswith="c")}
    expected = compute_cin(
        {n: f.lazy() for n, f in census.items()},
        [D(2025, 3, 31)],
        council.child_population,
        coverage=(D(2024, 4, 1), D(2025, 3, 31)),
    )
    for row in expected.iter_rows(named=True):
        stored = values[(row["indicator_id"], D(2025, 3, 31))]
        assert stored.value == pytest.approx(row["value"]), row["indicator_id"]
    referrals = values[("cin_referrals_12m", D(2025, 3, 31))]
    assert referrals.value > 100  # a generated census of 400 children refers most of them
    # a 12-month figure needs the whole 12 months inside the census; a count at a date not
    assert values[("cin_referrals_12m", D(2024, 9, 30))].value is None
    assert values[("cpp_count", D(2024, 9, 30))].value is not None
    # the SSDA903 figures are those of a run without a census
    assert run.values.filter(indicator_id="cla_count", as_at=D(2024, 2, 29)).get().value == 2
    assert run.values.filter(indicator_id__in=[i.id for i in of_source("ssda903")]).count() == (
        13 * len(of_source("ssda903"))
    )
    # the scorecard shows them
    rows = {
        row.indicator.id: row for row in selectors.scorecard(make_user("leader", council), council)
    }
    assert rows["cin_referrals_12m"].value == referrals.value


@pytest.mark.django_db
def test_the_child_list_behind_a_cin_figure(council, make_user, census):
    store_version(council)
    _store(council, "cin", census, number=2, year=2025)
    rows = selectors.indicator_children(
        make_user("analyst", council), council, "cpp_count", D(2025, 3, 31)
    )
    figures = {f["id"]: f for f in selectors.indicators_at(council, D(2025, 3, 31))}
    assert len(rows) == figures["cpp_count"]["value"] > 0
    assert {"child_id", "started_on", "ended_on"} <= set(rows[0])


@pytest.mark.django_db
def test_a_run_reads_every_workforce_census_year_and_the_monthly_figures(council, make_user):
    from trajectory.workforce.models import WorkforceSnapshot

    store_version(council)
    worker = pl.DataFrame(
        {
            "SWENo": ["SW1", "SW2"],
            "AgencyWorker": ["0", "1"],
            "FTE": [1.0, 1.0],
            "FTE30": [1.0, 1.0],
            "Cases30": [18, 12],
        }
    )
    versions = [
        _store(council, "workforce", {"CSWWWorker": worker}, number=n, year=year)
        for n, year in ((3, 2023), (4, 2024))
    ]
    WorkforceSnapshot.objects.create(
        council=council,
        month=D(2024, 1, 1),
        establishment_fte=10,
        filled_fte=9,
        agency_fte=1,
        vacancies_fte=0,
        starters=0,
        leavers=0,
        absence_days=0,
        supervision_due=10,
        supervision_held=9,
    )
    run = indicators_compute(council=council, user=None)
    assert set(versions) <= set(run.versions.all())
    caseload = run.values.filter(indicator_id="workforce_caseload_per_fte").order_by("as_at")
    assert [(v.as_at, v.value) for v in caseload] == [
        (D(2023, 9, 30), 15.0),
        (D(2024, 9, 30), 15.0),
    ]
    supervision = run.values.get(indicator_id="workforce_supervision_pct")
    assert (supervision.as_at, supervision.value) == (D(2024, 1, 31), 90.0)


def test_census_indicators_are_not_cut_by_team():
    # SSDA903 (SWEpisodes) and Annex A's lists 3-9 (Allocated Team) name who held the case
    census = [i for i in registry.INDICATORS if i.source_return not in ("ssda903", "annex_a")]
    assert len(census) >= 20 and not any(i.by_team for i in census)
    assert not {i.id for i in census} & {i.id for i in BREAKDOWN_INDICATORS}
    assert len(registry.INDICATORS) >= 45


def test_census_years_stack_each_episode_from_the_latest_census_holding_it():
    earlier = tables(
        CINdetails=details(
            ("A", 1, D(2023, 6, 1), None, False),  # open on 31 March 2024: in both censuses
            ("B", 1, D(2023, 7, 1), D(2023, 12, 1), False),  # only in 2023-24
        )
    )
    later = tables(CINdetails=details(("A", 1, D(2023, 6, 1), D(2024, 9, 1), False)))
    stacked = stack_years([(2024, earlier), (2025, later)])["CINdetails"].collect()
    assert sorted(stacked.select("LAchildID", "CINdetailsID", "CINclosureDate").rows()) == [
        ("A", 2025_000_001, D(2024, 9, 1)),  # the 2024-25 census's row, its closure
        ("B", 2024_000_001, D(2023, 12, 1)),
    ]
    figures = compute_cin(
        stack_years([(2024, earlier), (2025, later)]),
        [D(2024, 3, 31), D(2025, 3, 31)],
        coverage=(D(2023, 4, 1), D(2025, 3, 31)),
        only=["cin_referrals_12m", "cin_count"],
    )
    assert figures.sort("indicator_id", "as_at")["value"].to_list() == [1, 0, 2, 0]


@pytest.mark.django_db
def test_a_council_with_only_its_cin_census_gets_its_census_figures(council, census):
    cin = _store(council, "cin", census, number=1, year=2025)
    run = indicators_compute(council=council, user=None)
    assert list(run.versions.all()) == [cin]
    assert (run.period_from, run.period_to) == (D(2024, 4, 30), D(2025, 3, 31))
    assert run.child_population == council.child_population  # from the CIN rate
    assert not run.values.filter(indicator_id="cla_count").exists()
    assert run.values.get(indicator_id="cpp_count", as_at=D(2025, 3, 31)).value > 0
