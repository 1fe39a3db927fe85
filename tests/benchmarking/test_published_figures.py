"""The Bar: West Sussex's printed benchmarks equal DfE's published file (issue 8.3).

The figures were read from the CSV by eye (the 2024 rows of "Children looked after on 31 March
each year"): England 69, South East 56, West Sussex 50 per 10,000. The neighbour mean and the
rank are recomputed here with the csv module from the neighbour file and the rows, without the
code under test.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command

from trajectory.benchmarking.compare import council_benchmarks

from .published_fixtures import CLA_FILE, SHARED, SN_2025, needs_shared_data

pytestmark = needs_shared_data
ON_31_MARCH = "Children looked after on 31 March each year"


def _rates_2024() -> dict[str, str]:
    with (SHARED / CLA_FILE).open(encoding="utf-8-sig", newline="") as handle:
        return {
            row["old_la_code"]: row["rate_per_10000"]
            for row in csv.DictReader(handle)
            if row["time_period"] == "2024"
            and row["geographic_level"] == "Local authority"
            and row["population_type"] == ON_31_MARCH
        }


def _neighbours_938() -> list[str]:
    with (SHARED / SN_2025).open(encoding="utf-8-sig", newline="") as handle:
        (row,) = [row for row in csv.DictReader(handle) if row["old_la_code"] == "938"]
    return [row[f"SN_{rank}"].strip() for rank in range(1, 11)]


def _year(benchmarks, year):
    return next(item for item in benchmarks.years if item.year == year)


def test_west_sussex_2024_equals_the_published_file():
    benchmarks = council_benchmarks("938", "cla_rate_per_10k")
    year = _year(benchmarks, 2024)
    assert (year.council.value, year.england.value, year.region.value) == (50, 69, 56)
    assert benchmarks.region_name == "South East"
    assert benchmarks.council_name == "West Sussex"


def test_the_neighbour_mean_is_of_the_ten_named_2025_neighbours():
    codes = _neighbours_938()
    assert len(codes) == 10
    rates = _rates_2024()
    expected = round(sum(float(rates[code]) for code in codes) / 10, 1)
    benchmarks = council_benchmarks("938", "cla_rate_per_10k")
    assert [neighbour.code for neighbour in benchmarks.neighbours] == codes
    assert benchmarks.neighbours[0].name == "Gloucestershire"  # SN_1 in the 2025 model
    year = _year(benchmarks, 2024)
    assert year.neighbours == expected
    assert year.neighbours_counted == 10


def test_the_rank_counts_every_council_with_a_published_figure():
    rates = _rates_2024()
    numbers = {code: float(value) for code, value in rates.items() if value.isdigit()}
    markers = {value for value in rates.values() if not value.isdigit()}
    # neutral polarity: rank 1 is the highest; ties share the best rank of their group
    expected_rank = 1 + sum(1 for value in numbers.values() if value > numbers["938"])
    tied = sum(1 for code, value in numbers.items() if value == numbers["938"] and code != "938")
    ranking = _year(council_benchmarks("938", "cla_rate_per_10k"), 2024).ranking
    assert ranking.rank == expected_rank
    assert ranking.ranked == len(numbers)
    assert ranking.tied == tied
    assert sum(ranking.excluded.values()) == len(rates) - len(numbers)
    assert set(ranking.excluded) == markers


@pytest.mark.django_db
def test_the_cli_json_shape_for_a_council_not_in_the_database():
    out = io.StringIO()
    call_command(
        "benchmarks", "--council", "938", "--indicator", "cla_rate_per_10k", "--json", stdout=out
    )
    printed = json.loads(out.getvalue())
    assert list(printed)[:3] == ["indicator", "council", "years"]
    assert printed["indicator"] == "cla_rate_per_10k"
    assert printed["council"] == "938"
    assert [year["year"] for year in printed["years"]] == [2021, 2022, 2023, 2024, 2025]
    year = next(year for year in printed["years"] if year["year"] == 2024)
    assert list(year)[:7] == [
        "year",
        "council",
        "england",
        "region",
        "neighbours",
        "rank",
        "quartile",
    ]
    assert (year["council"], year["england"], year["region"]) == (50, 69, 56)
    assert isinstance(year["neighbours"], float)
    assert isinstance(year["rank"], int) and year["quartile"] in (1, 2, 3, 4)
    assert year["computed"] is None  # West Sussex's data is not held here
    assert len(printed["neighbour_councils"]) == 10


@pytest.mark.django_db
def test_the_cli_text_form_names_the_figures_and_the_neighbours():
    out = io.StringIO()
    call_command("benchmarks", "--council", "938", "--indicator", "cla_rate_per_10k", stdout=out)
    text = out.getvalue()
    assert "West Sussex (938), South East" in text
    assert "Gloucestershire (916)" in text
    assert "rank 1 is the highest figure" in text
    line_2024 = next(line for line in text.splitlines() if line.startswith("2024 "))
    assert line_2024.split()[:2] == ["2024", "50"]
    assert " 69 " in line_2024 and " 56 " in line_2024


@pytest.mark.django_db
def test_the_cli_refuses_a_code_that_is_no_council_and_a_local_measure():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No council with code 999"):
        call_command("benchmarks", "--council", "999", "--indicator", "cla_rate_per_10k")
    with pytest.raises(CommandError, match="local measure"):
        call_command("benchmarks", "--council", "938", "--indicator", "cla_reviews_on_time_pct")


def test_children_who_went_missing_come_from_lait_with_its_regions():
    """LAIT's "Children_missing" rows for 2024, read by hand: West Sussex 12, England 11, South
    East 12 (LA number 989); Kingston upon Hull's region is spelt "Yorkshire and The Humber" on
    its row and "Yorkshire and the Humber" on the region's (982: 9)."""
    year = _year(council_benchmarks("938", "cla_missing_pct"), 2024)
    assert (year.council.value, year.england.value, year.region.value) == (12, 11, 12)
    assert _year(council_benchmarks("810", "cla_missing_pct"), 2024).region.value == 9
