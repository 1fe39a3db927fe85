"""A council's children aged 0-17 by year (issue 8.1): from the reference data for the 153 real
councils, set by hand for others (`trajectory councils population`)."""

from __future__ import annotations

import csv
from io import StringIO

import polars as pl
import pytest
from django.core.management import CommandError, call_command

from tests.councils.test_load_reference import POPULATION, needs_reference
from trajectory.audit.models import AuditEntry
from trajectory.councils.models import ChildPopulation, Council
from trajectory.councils.selectors import council_child_population

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_command_sets_a_year_and_says_which_month_ends_it_serves(make_council):
    council = make_council(code="990", name="Westshire", child_population=250_000)
    output = _run(
        "councils", "population", "--council", "990", "--year", "2024", "--population", "151000"
    )
    assert "151,000 children aged 0-17 at mid-2024" in output
    assert "month-ends from April 2024 to March 2025" in output
    _run("councils", "population", "--council", "990", "--year", "2023", "--population", "149500")
    # Set again: replaced, not added.
    _run("councils", "population", "--council", "990", "--year", "2023", "--population", "149000")
    rows = list(council.populations.values_list("year", "population"))
    assert rows == [(2023, 149_000), (2024, 151_000)]
    council.refresh_from_db()
    assert council.child_population == 151_000  # the newest year held
    assert AuditEntry.objects.filter(action="council.population").count() == 3
    listing = _run("councils", "population", "--council", "990")
    assert "mid-2023" in listing and "149,000" in listing
    frame = council_child_population(council)
    assert frame.to_dicts() == [
        {"year": 2023, "child_population": 149_000.0},
        {"year": 2024, "child_population": 151_000.0},
    ]


def test_a_council_without_a_series_keeps_its_one_figure(make_council):
    council = make_council(code="991", name="Eastshire", child_population=120_000)
    assert council_child_population(council) == 120_000


def test_the_command_refuses_half_an_answer_and_unknown_councils(make_council):
    make_council(code="990", name="Westshire", child_population=250_000)
    with pytest.raises(CommandError, match="together"):
        _run("councils", "population", "--council", "990", "--year", "2024")
    with pytest.raises(CommandError, match="No council"):
        _run("councils", "population", "--council", "123", "--year", "2024", "--population", "5")
    with pytest.raises(CommandError, match="negative"):
        _run("councils", "population", "--council", "990", "--year", "2024", "--population", "-5")


@needs_reference
def test_load_reference_keeps_every_year_of_every_council():
    output = _run("councils", "load-reference")
    with POPULATION.open(encoding="utf-8-sig") as handle:
        expected = {
            int(r["time_period"]): int(r["population_estimate"])
            for r in csv.DictReader(handle)
            if r["geographic_level"] == "Local authority" and r["old_la_code"] == "938"
        }
    west_sussex = Council.objects.get(code="938")
    held = dict(west_sussex.populations.values_list("year", "population"))
    assert held == expected
    assert held[2023] == 180_203  # DfE divides by it for 31 March 2024
    assert ChildPopulation.objects.filter(council__is_synthetic=False).count() >= 153 * 12
    assert isinstance(council_child_population(west_sussex), pl.DataFrame)
    # A second run changes nothing.
    before = list(ChildPopulation.objects.order_by("pk").values_list("pk", "population"))
    assert "changed by this run." in output and " 0 changed" not in output
    assert " 0 changed by this run." in _run("councils", "load-reference")
    after = list(ChildPopulation.objects.order_by("pk").values_list("pk", "population"))
    assert before == after
