"""`trajectory ofsted load`: every council's history from Ofsted's files, checked against them."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from tests.inspections.conftest import ODS_2024, ODS_2025
from trajectory.audit.models import AuditEntry
from trajectory.councils.models import Council
from trajectory.inspections.models import Inspection, Judgement
from trajectory.inspections.services import inspection_save, ofsted_load

pytestmark = pytest.mark.django_db

OFSTED_GRADE_WORDING = {
    "Outstanding": "outstanding",
    "Good": "good",
    "Requires improvement to be good": "requires_improvement",
    "Inadequate": "inadequate",
}


def _json(*args: str):
    out = StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def _ofsted_latest_totals(path, sheet: str) -> dict[str, int]:
    """Counts the overall-effectiveness column of Ofsted's own "latest judgements" sheet."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "Web link")
    column = rows[header_at].index("Overall effectiveness")
    totals = Counter()
    for row in rows[header_at + 1 :]:
        if not any(str(cell).strip() for cell in row):
            break
        if row[column]:
            totals[OFSTED_GRADE_WORDING[row[column]]] += 1
    return dict(totals)


def test_west_sussex_history_in_order_with_frameworks(ofsted_loaded):
    history = _json("ofsted", "history", "--council", "938", "--json")["inspections"]
    since_2019 = [
        row
        for row in history
        if row["fieldwork_start"] and "2019-01-01" <= row["fieldwork_start"] < "2025-01-01"
    ]

    assert [(row["kind"], row["fieldwork_start"][:4], row["framework"]) for row in since_2019] == [
        ("standard", "2019", "ilacs"),
        ("monitoring_visit", "2022", "ilacs"),
        ("monitoring_visit", "2022", "ilacs"),
        ("standard", "2023", "ilacs_2023"),
        ("focused_visit", "2024", "ilacs_2023"),
    ]
    inadequate, first_visit, second_visit, requires_improvement, focused = since_2019
    assert inadequate["fieldwork_start"] == "2019-02-25"
    assert inadequate["fieldwork_end"] == "2019-03-08"  # only the ILACS history CSV has this
    assert inadequate["published_on"] == "2019-05-08"
    assert inadequate["judgements"] == {
        "overall": "inadequate",
        "leaders": "inadequate",
        "help_and_protection": "inadequate",
        "children_in_care_and_care_leavers": "inadequate",
    }
    assert first_visit["judgements"] == {} and second_visit["judgements"] == {}
    assert requires_improvement["judgements"] == {
        "overall": "requires_improvement",
        "leaders": "good",
        "help_and_protection": "requires_improvement",
        "children_in_care": "good",
        "care_leavers": "requires_improvement",
    }
    assert requires_improvement["published_on"] == "2023-05-11"
    assert focused["theme"] == "Care leavers"
    # Whole history is in date order.
    dates = [row["fieldwork_start"] or row["published_on"] for row in history]
    assert dates == sorted(dates)


def test_each_event_is_stored_once_whichever_files_name_it(ofsted_loaded):
    west_sussex_2019 = Inspection.objects.get(
        council__code="938", kind="standard", fieldwork_start=dt.date(2019, 2, 25)
    )
    sources = set(west_sussex_2019.source.split("+"))
    assert {"ofsted_2025", "ilacs_csv", "ofsted_2024", "ofsted_2023"} <= sources
    graded = Inspection.objects.filter(kind__in=["standard", "short"])
    keys = Counter(graded.values_list("council_id", "fieldwork_start"))
    assert max(keys.values()) == 1


def test_national_counts_2025_match_ofsted_file_totals(ofsted_loaded):
    expected = _ofsted_latest_totals(ODS_2025, "Inspections_as_at_31_March")
    assert sum(expected.values()) == 153

    national = _json("ofsted", "national", "--as-at", "2025-03-31", "--json")

    assert national["counts"] == expected
    assert national["councils"] == 153


def test_national_counts_2024_match_ofsted_file_totals(ofsted_loaded):
    expected = _ofsted_latest_totals(ODS_2024, "Inspections_31_March_2024")

    national = _json("ofsted", "national", "--as-at", "2024-03-31", "--json")

    assert national["counts"] == expected


def test_loading_twice_changes_nothing_and_audits_each_run_once(ofsted_loaded):
    def snapshot():
        return (
            list(Inspection.objects.order_by("pk").values()),
            list(Judgement.objects.order_by("pk").values()),
        )

    before = snapshot()
    runs_before = AuditEntry.objects.filter(action="ofsted.load").count()

    result = ofsted_load()

    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == ofsted_loaded.created == len(before[0])
    assert snapshot() == before
    entries = AuditEntry.objects.filter(action="ofsted.load")
    assert entries.count() == runs_before + 1
    assert entries.order_by("-pk").first().detail["unchanged"] == result.unchanged


def test_a_correction_by_hand_survives_a_reload(ofsted_loaded, make_user):
    west_sussex = Council.objects.get(code="938")
    analyst = make_user("analyst", west_sussex)
    loaded = Inspection.objects.get(council=west_sussex, fieldwork_start=dt.date(2023, 3, 13))
    inspection_save(
        council=west_sussex,
        user=analyst,
        inspection=loaded,
        kind="standard",
        fieldwork_start=dt.date(2023, 3, 13),
        fieldwork_end=dt.date(2023, 3, 24),
        published_on=dt.date(2023, 5, 11),
        judgements={"overall": "good"},
    )
    count = Inspection.objects.filter(council=west_sussex).count()

    result = ofsted_load(council_codes={"938"})

    loaded.refresh_from_db()
    assert loaded.source == "manual"
    assert {j.area: j.grade for j in loaded.judgements.all()} == {"overall": "good"}
    assert result.kept_manual == 1
    assert Inspection.objects.filter(council=west_sussex).count() == count


def test_every_registered_council_has_a_graded_inspection(ofsted_loaded):
    assert ofsted_loaded.councils == 153
    graded_councils = set(
        Judgement.objects.filter(area="overall").values_list("inspection__council__code", flat=True)
    )
    assert len(graded_councils) == 153
    # Visits are never graded; ILACS from 2023 has the separate care leavers judgement.
    assert not Judgement.objects.filter(
        inspection__kind__in=["monitoring_visit", "focused_visit"]
    ).exists()
    assert not Judgement.objects.filter(inspection__framework="ilacs", area="care_leavers").exists()
    assert not Judgement.objects.filter(inspection__framework="ilacs_2026", area="overall").exists()
