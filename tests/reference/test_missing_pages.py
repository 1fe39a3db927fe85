"""Pages that need public reference data say what is missing instead of showing zeros (6.12)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse

from trajectory.inspections.services import inspection_save

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
COUNCIL_FILES = [
    "dfe_csc_outcomes_enablers/ons_mid-year_population_estimates_2012_to_2024.csv",
    "dfe_csc_outcomes_enablers/sn_model_2025_wide.csv",
    "dfe_csc_outcomes_enablers/New_Statistical_Neighbour_Groupings_April_2021.csv",
]
OFSTED_FILES = [
    "dfe_csc_outcomes_enablers/LA_Inspection_Outcomes_as_at_31_March_2025.ods",
    "dfe_csc_outcomes_enablers/LA_Inspection_Outcomes_as_at_March_2024.ods",
    "dfe_csc_outcomes_enablers/Childrens_social_care_in_England_2023_underlying_data.ods",
    "ilacs/JT-39_ofsted_csc_ilacs_history.csv",
    "ilacs/Provider_data_lookup.csv",
]


@pytest.fixture
def empty_reference(settings, tmp_path):
    folder = tmp_path / "reference"
    folder.mkdir()
    settings.TRAJECTORY_REFERENCE_DIR = folder
    return folder


@pytest.fixture
def westshire_leader(council, make_user):
    """Westshire (made up) with its own inadequate inspection, as the demo has."""
    leader = make_user("leader", council)
    inspection_save(
        council=council,
        user=leader,
        kind="standard",
        fieldwork_start=dt.date(2019, 2, 25),
        published_on=dt.date(2019, 5, 8),
        judgements={"overall": "inadequate"},
    )
    return leader


def _notice(html: str, notice_id: str) -> str:
    match = re.search(rf'id="{notice_id}">(.*?)</div>', html, re.S)
    assert match, f"no #{notice_id} on the page"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip()


def test_trajectory_without_reference_data_names_the_files_and_shows_no_zeros(
    client, council, westshire_leader, empty_reference
):
    client.force_login(westshire_leader)
    html = client.get(reverse("inspection_trajectory", args=[council.code])).content.decode()

    national = _notice(html, "national-missing")
    assert national == (
        "! Warning Reference data is missing: "
        + ", ".join(COUNCIL_FILES + OFSTED_FILES)
        + ". Run trajectory reference fetch, then trajectory councils load-reference and "
        "trajectory ofsted load."
    )
    neighbours = _notice(html, "neighbours-missing")
    assert neighbours.startswith("! Warning Reference data is missing: " + ", ".join(COUNCIL_FILES))
    # Before, the page drew England as zero councils at every grade and an empty neighbour list.
    assert 'id="national-table"' not in html
    assert 'id="national-chart"' not in html
    assert 'id="neighbours-table"' not in html
    assert "No statistical neighbours are registered" not in html
    # Westshire's own record is not reference data and is still shown.
    assert 'id="graded-table"' in html
    assert "February 2019" in html


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not on this machine")
def test_trajectory_with_the_files_but_nothing_loaded_says_how_to_load(
    client, council, westshire_leader, settings
):
    settings.TRAJECTORY_REFERENCE_DIR = SHARED
    client.force_login(westshire_leader)
    html = client.get(reverse("inspection_trajectory", args=[council.code])).content.decode()

    assert _notice(html, "national-missing") == (
        "! Warning The reference data is here but not loaded, so nothing is shown. "
        "Run trajectory councils load-reference and trajectory ofsted load."
    )
    assert 'id="national-table"' not in html
    # Neighbours are missing only because nothing is loaded: the files are here.
    assert "neighbours-missing" not in html
    assert "No statistical neighbours are registered for Westshire." in html


def test_a_real_councils_empty_record_is_not_shown_as_none_held(client, make_user, empty_reference):
    from trajectory.councils.services import council_add

    west_sussex = council_add(code="938", name="West Sussex", child_population=180_000)
    client.force_login(make_user("leader", west_sussex))
    html = client.get(reverse("inspection_list", args=["938"])).content.decode()

    assert _notice(html, "record-missing") == (
        "! Warning Reference data is missing: "
        + ", ".join(OFSTED_FILES)
        + ". Run trajectory reference fetch, then trajectory ofsted load."
    )
    assert "No inspections are recorded" not in html


def test_a_made_up_councils_empty_record_needs_no_reference_data(
    client, council, make_user, empty_reference
):
    client.force_login(make_user("leader", council))
    html = client.get(reverse("inspection_list", args=[council.code])).content.decode()

    assert "record-missing" not in html
    assert "No inspections are recorded for Westshire yet." in html
