"""`trajectory councils load-reference` and `councils add`, against DfE's own files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from trajectory.councils.models import Council, StatisticalNeighbour

REFERENCE = Path(settings.TRAJECTORY_REFERENCE_DIR)
POPULATION = (
    REFERENCE / "dfe_csc_outcomes_enablers/ons_mid-year_population_estimates_2012_to_2024.csv"
)
SN_2025 = REFERENCE / "dfe_csc_outcomes_enablers/sn_model_2025_wide.csv"

needs_reference = pytest.mark.skipif(
    not POPULATION.exists(), reason=f"reference data not found in {REFERENCE}"
)


def _run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@needs_reference
@pytest.mark.django_db
def test_load_reference_registers_153_councils_with_ten_neighbours_each():
    output = _run("councils", "load-reference")

    assert "153 created" in output
    councils = Council.objects.filter(is_synthetic=False)
    assert councils.count() == 153
    for council in councils:
        ranks = list(
            StatisticalNeighbour.objects.filter(council=council, model="2025").values_list(
                "rank", flat=True
            )
        )
        assert ranks == list(range(1, 11)), council.code


@needs_reference
@pytest.mark.django_db
def test_load_reference_reads_west_sussex_as_the_files_give_it():
    _run("councils", "load-reference")
    west_sussex = Council.objects.get(code="938")

    with POPULATION.open(encoding="utf-8-sig") as handle:
        rows = [
            r
            for r in csv.DictReader(handle)
            if r["geographic_level"] == "Local authority" and r["old_la_code"] == "938"
        ]
    latest = max(rows, key=lambda r: int(r["time_period"]))
    assert west_sussex.e_code == "E10000032"
    assert west_sussex.name == "West Sussex"
    assert west_sussex.region == "South East"
    assert west_sussex.child_population == int(latest["population_estimate"])

    with SN_2025.open(encoding="utf-8-sig") as handle:
        row = next(r for r in csv.DictReader(handle) if r["old_la_code"] == "938")
    expected = [row[f"SN_{rank}"].strip() for rank in range(1, 11)]
    neighbours = list(
        StatisticalNeighbour.objects.filter(council=west_sussex, model="2025")
        .order_by("rank")
        .values_list("neighbour__code", flat=True)
    )
    assert neighbours == expected
    # DfE's 2021 grouping is kept too.
    assert StatisticalNeighbour.objects.filter(council=west_sussex, model="2021").count() == 10


@needs_reference
@pytest.mark.django_db
def test_load_reference_twice_changes_nothing():
    _run("councils", "load-reference")
    before = list(Council.objects.order_by("code").values())
    links = list(StatisticalNeighbour.objects.order_by("pk").values())

    output = _run("councils", "load-reference")

    assert "0 created, 0 updated, 153 unchanged" in output
    assert "Neighbour links changed by this run: 0" in output
    assert list(Council.objects.order_by("code").values()) == before
    assert list(StatisticalNeighbour.objects.order_by("pk").values()) == links


@pytest.mark.django_db
def test_councils_add_registers_and_updates_a_council():
    output = _run(
        "councils",
        "add",
        "--code",
        "991",
        "--name",
        "Eastshire",
        "--child-population",
        "120000",
        "--region",
        "South East",
        "--e-code",
        "E10000099",
    )
    assert "Eastshire (991)" in output
    council = Council.objects.get(code="991")
    assert (council.child_population, council.region, council.e_code) == (
        120000,
        "South East",
        "E10000099",
    )

    _run("councils", "add", "--code", "991", "--name", "Eastshire", "--child-population", "125000")
    council.refresh_from_db()
    assert council.child_population == 125000
    assert council.region == "South East"  # kept when not given again
    assert Council.objects.filter(code="991").count() == 1
    assert "991" in _run("councils", "list")


@pytest.mark.django_db
def test_councils_add_refuses_a_code_that_is_not_three_digits():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="3-digit"):
        _run("councils", "add", "--code", "E10", "--name", "X", "--child-population", "1")
    assert not Council.objects.exists()
