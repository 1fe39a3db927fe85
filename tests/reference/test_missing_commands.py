"""Commands that need public reference data name what is missing and how to get it (6.12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.reference.test_missing_pages import COUNCIL_FILES, OFSTED_FILES

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture
def empty_reference(settings, tmp_path):
    folder = tmp_path / "reference"
    folder.mkdir()
    settings.TRAJECTORY_REFERENCE_DIR = folder
    return folder


def test_ofsted_load_names_the_missing_files(empty_reference):
    with pytest.raises(CommandError) as raised:
        call_command("ofsted", "load", "--reference-dir", str(empty_reference))
    assert str(raised.value) == (
        f"Reference data is missing: {', '.join(OFSTED_FILES)}. "
        "Run `trajectory reference fetch`, then `trajectory ofsted load`."
    )


def test_councils_load_reference_names_the_missing_files(empty_reference):
    (empty_reference / "dfe_csc_outcomes_enablers").mkdir()
    # A truncated file is as missing as an absent one.
    (empty_reference / COUNCIL_FILES[1]).write_text("old_la_code,SN_1\n")
    with pytest.raises(CommandError) as raised:
        call_command("councils", "load-reference")
    assert str(raised.value) == (
        f"Reference data is missing: {', '.join(COUNCIL_FILES)}. "
        "Run `trajectory reference fetch`, then `trajectory councils load-reference`."
    )


def test_ofsted_national_refuses_to_print_zeros_without_the_files(empty_reference, capsys):
    with pytest.raises(CommandError) as raised:
        call_command("ofsted", "national", "--as-at", "2025-03-31")
    assert str(raised.value).startswith(
        f"Reference data is missing: {', '.join(COUNCIL_FILES + OFSTED_FILES)}. "
    )
    assert "Outstanding" not in capsys.readouterr().out


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not on this machine")
def test_ofsted_national_with_the_files_but_nothing_loaded_says_how_to_load(settings):
    settings.TRAJECTORY_REFERENCE_DIR = SHARED
    with pytest.raises(CommandError) as raised:
        call_command("ofsted", "national", "--as-at", "2025-03-31")
    assert str(raised.value) == (
        "No council's Ofsted history is loaded. Run `trajectory councils load-reference` and "
        "`trajectory ofsted load`."
    )


def test_the_demo_loads_without_reference_data_and_says_what_is_missing(
    empty_reference, settings, tmp_path, capsys
):
    from trajectory.councils.models import Council, StatisticalNeighbour
    from trajectory.inspections.models import Inspection

    settings.VAR_DIR = tmp_path / "var"

    call_command("demo", "--children", "60", "--years", "1", "--seed", "7")

    out = capsys.readouterr().out
    assert (
        "Loaded Westshire (990): SSDA903 (children looked after) version 1, CIN census version 1, "
        "Annex A version 1, Social work workforce version 1; indicators computed."
    ) in out
    assert (
        f"Reference data is missing: {', '.join(COUNCIL_FILES + OFSTED_FILES)}. "
        "Run `trajectory reference fetch`, then `trajectory demo`."
    ) in out
    assert Council.objects.filter(is_synthetic=False).count() == 0
    assert StatisticalNeighbour.objects.count() == 0
    assert Inspection.objects.filter(council__code="990").exists()  # Westshire's own record


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not on this machine")
def test_the_demo_loads_englands_picture_once_when_the_files_are_here(settings, tmp_path):
    from trajectory.councils.models import Council, StatisticalNeighbour
    from trajectory.inspections.selectors import national_record_loaded
    from trajectory.synth.demo import demo_load

    settings.TRAJECTORY_REFERENCE_DIR = SHARED

    first = demo_load(children=60, years=1, seed=7, out_dir=tmp_path)
    links = StatisticalNeighbour.objects.filter(council=first.council)
    west_sussex = StatisticalNeighbour.objects.filter(council__code="938")
    assert first.reference_missing == []
    assert national_record_loaded()
    assert Council.objects.filter(is_synthetic=False).count() == 153
    assert links.count() == west_sussex.count() > 0

    second = demo_load(children=60, years=1, seed=7, out_dir=tmp_path)
    assert second.reference_missing == []
    assert links.count() == west_sussex.count()  # borrowed once, not twice
