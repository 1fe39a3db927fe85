"""A missing or changed file is named with the fetch command, never shown as an empty result."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from trajectory.benchmarking.compare import council_benchmarks
from trajectory.benchmarking.published import MissingReferenceData

from .published_fixtures import CLA_FILE, STABILITY_FILE


def test_an_empty_reference_folder_names_the_file_and_the_fetch_command(settings, tmp_path):
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path
    with pytest.raises(MissingReferenceData) as raised:
        council_benchmarks("938", "cla_rate_per_10k")
    message = str(raised.value)
    assert CLA_FILE in message
    assert "sn_model_2025_wide.csv" in message
    assert "Run `trajectory reference fetch`" in message
    assert CLA_FILE in raised.value.files


def test_a_file_that_differs_from_the_manifest_counts_as_missing(settings, tmp_path):
    (tmp_path / STABILITY_FILE).parent.mkdir(parents=True)
    (tmp_path / STABILITY_FILE).write_text("time_period,geographic_level\n2024,National\n")
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path
    with pytest.raises(MissingReferenceData, match="la_cla_placement_stability.csv"):
        council_benchmarks("938", "cla_3plus_placements_pct")


@pytest.mark.django_db
def test_the_cli_says_what_is_missing(settings, tmp_path):
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path
    with pytest.raises(CommandError, match="Reference data is missing: .*trajectory reference"):
        call_command(
            "benchmarks",
            "--council",
            "938",
            "--indicator",
            "cla_rate_per_10k",
            stdout=io.StringIO(),
        )
