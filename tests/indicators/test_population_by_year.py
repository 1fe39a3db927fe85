"""Issue 8.1: the rate per 10,000 divides by each year's child population, as DfE does.

DfE's cla_number_and_rate_per_10k_children.csv divides the children looked after on 31 March of
year Y by ONS's mid-year estimate for Y-1 (West Sussex, 31 March 2024: 906 / 180,203 = 50 per
10,000, the mid-2023 estimate), so a monthly series takes the estimate of its own year.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from django.conf import settings

from tests.indicators.builders import episodes, tables
from trajectory.councils.reference import read_child_populations
from trajectory.indicators.compute import compute_all

D = date
FOLDER = Path(settings.TRAJECTORY_REFERENCE_DIR) / "dfe_csc_outcomes_enablers"
PUBLISHED = FOLDER / "cla_number_and_rate_per_10k_children.csv"
needs_reference = pytest.mark.skipif(
    not PUBLISHED.exists(), reason=f"reference data not found in {FOLDER}"
)


def looked_after(count: int, council: str | None = None) -> dict[str, pl.LazyFrame]:
    """`count` children in care since 2010, still in care."""
    frame = episodes(*[(f"C{i}", D(2010, 1, 1), "S", "C2", "U1", None, None) for i in range(count)])
    if council is not None:
        frame = frame.with_columns(council=pl.lit(council))
    return tables(Episodes=frame)


def rates(frames, dates, population) -> dict[date, tuple]:
    out = compute_all(frames, dates, population, only=["cla_rate_per_10k"])
    return {row["as_at"]: (row["denominator"], row["value"]) for row in out.iter_rows(named=True)}


def test_each_month_end_divides_by_its_own_years_estimate():
    # 40 children in care throughout. Mid-2022: 10,000; mid-2023: 20,000; mid-2024: 40,000.
    population = pl.DataFrame(
        {"year": [2022, 2023, 2024], "child_population": [10_000, 20_000, 40_000]}
    )
    got = rates(
        looked_after(40),
        [D(2022, 3, 31), D(2023, 3, 31), D(2024, 3, 31), D(2024, 4, 30), D(2025, 3, 31)]
        + [D(2025, 4, 30)],
        population,
    )
    assert got == {
        # 31 March 2022 needs mid-2021, which is not held: no rate
        D(2022, 3, 31): (None, None),
        D(2023, 3, 31): (10_000, 40.0),  # mid-2022: 40 / 10,000 x 10,000
        D(2024, 3, 31): (20_000, 20.0),  # mid-2023
        D(2024, 4, 30): (40_000, 10.0),  # April 2024 to March 2025: mid-2024
        D(2025, 3, 31): (40_000, 10.0),
        D(2025, 4, 30): (40_000, 10.0),  # mid-2025 not held yet: the latest earlier stands in
    }


def test_several_councils_each_take_their_own_series():
    frames = {
        "Episodes": pl.concat(
            [looked_after(30, "201")["Episodes"], looked_after(10, "202")["Episodes"]]
        )
    }
    population = pl.DataFrame(
        {
            "council": ["201", "201", "202"],
            "year": [2023, 2024, 2023],
            "child_population": [30_000, 60_000, 5_000],
        }
    )
    out = compute_all(frames, [D(2024, 3, 31), D(2024, 4, 30)], population, ["cla_rate_per_10k"])
    got = {(r["council"], r["as_at"]): r["value"] for r in out.iter_rows(named=True)}
    assert got == {
        ("201", D(2024, 3, 31)): 10.0,
        ("201", D(2024, 4, 30)): 5.0,
        ("202", D(2024, 3, 31)): 20.0,
        ("202", D(2024, 4, 30)): 20.0,
    }


@needs_reference
def test_west_sussex_from_the_reference_file_gives_dfes_published_denominator_and_rate():
    """For every year DfE publishes, our denominator at 31 March is the population_estimate
    printed beside West Sussex's rate, and 906 children on 31 March 2024 make 50."""
    with PUBLISHED.open(encoding="utf-8-sig") as handle:
        published = {
            int(row["time_period"]): row
            for row in csv.DictReader(handle)
            if row["geographic_level"] == "Local authority"
            and row["old_la_code"] == "938"
            and row["population_type"] == "Children looked after on 31 March each year"
        }
    series = read_child_populations()["938"]
    population = pl.DataFrame({"year": list(series), "child_population": list(series.values())})
    years = sorted(year for year in published if year - 1 in series)
    assert years == [2021, 2022, 2023, 2024, 2025]
    got = rates(looked_after(906), [D(year, 3, 31) for year in years], population)
    for year in years:
        denominator, _ = got[D(year, 3, 31)]
        assert denominator == int(published[year]["population_estimate"]), year
    assert published[2024]["children_count"] == "906"
    assert published[2024]["rate_per_10000"] == "50"
    assert got[D(2024, 3, 31)] == (180_203, pytest.approx(906 / 180_203 * 10_000))
    assert round(got[D(2024, 3, 31)][1]) == 50


@pytest.mark.django_db
def test_a_stored_run_divides_each_month_by_its_own_years_population(council, make_user):
    from tests.indicators.test_annual_cohorts import store
    from trajectory.councils.services import child_population_set
    from trajectory.indicators.models import IndicatorValue
    from trajectory.indicators.services import indicators_compute

    # Two children in care at both month-ends (A since April 2021, B since June 2023).
    store(council, 1, latest_episode=D(2023, 6, 1), data_to=D(2024, 4, 30), leavers=[])
    child_population_set(council=council, year=2023, population=20_000, source="test")
    child_population_set(council=council, year=2024, population=40_000, source="test")
    run = indicators_compute(council=council, user=make_user("leader", council))
    rate = {
        v.as_at: (v.denominator, v.value)
        for v in IndicatorValue.objects.filter(run=run, indicator_id="cla_rate_per_10k")
    }
    assert rate[D(2024, 3, 31)] == (20_000, 1.0)  # mid-2023
    assert rate[D(2024, 4, 30)] == (40_000, 0.5)  # mid-2024
    assert rate[D(2023, 3, 31)] == (None, None)  # mid-2022 is not held
    assert run.child_population == 40_000  # the last month-end's
