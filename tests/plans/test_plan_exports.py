"""The XLSX and DOCX exports hold the priorities, actions, RAG and latest updates."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from openpyxl import load_workbook

from trajectory.plans import exports, services

pytestmark = pytest.mark.django_db
TODAY = date(2025, 7, 10)


@pytest.fixture
def filled_plan(plan, manager):
    first = plan.priorities.get(number=1)
    late = services.action_create(
        priority=first,
        user=manager,
        title="Recruit social workers",
        due_on=date(2025, 6, 30),
        owner_name="Head of Workforce",
    )
    services.progress_update_post(
        action=late,
        user=manager,
        narrative="Thirty offers made.",
        progress="on_track",
        today=date(2025, 6, 2),
    )
    services.action_create(
        priority=plan.priorities.get(number=2),
        user=manager,
        title="Weekly oversight audits",
        due_on=date(2025, 12, 31),
    )
    return plan


def test_xlsx_has_priorities_actions_rag_and_updates(filled_plan, manager):
    book = load_workbook(io.BytesIO(exports.plan_xlsx(manager, filled_plan, today=TODAY)))
    assert book.sheetnames == ["Priorities", "Actions"]
    priorities = [row for row in book["Priorities"].iter_rows(min_row=5, values_only=True)]
    assert [row[0] for row in priorities] == [1, 2, 3]
    assert priorities[0][1] == "Social worker caseloads are too high."
    assert priorities[0][5] == "Overdue" and priorities[1][5] == "On track"
    header, *actions = list(book["Actions"].iter_rows(values_only=True))
    assert header[:3] == ("Priority", "Action", "Title")
    first = dict(zip(header, actions[0], strict=True))
    assert first["Action"] == "1.1" and first["Title"] == "Recruit social workers"
    assert first["Owner"] == "Head of Workforce" and first["RAG"] == "Overdue"
    assert first["Latest update"] == "Thirty offers made."
    assert first["Latest update (month)"] == "June 2025"
    assert first["Due"].date() == date(2025, 6, 30)
    second = dict(zip(header, actions[1], strict=True))
    assert second["Action"] == "2.1" and second["RAG"] == "On track"


def test_docx_has_a_section_and_table_per_priority(filled_plan, manager):
    word = WordDocument(io.BytesIO(exports.plan_docx(manager, filled_plan, today=TODAY)))
    text = "\n".join(p.text for p in word.paragraphs)
    assert filled_plan.title in text
    assert "Priority 1: Social worker caseloads are too high." in text
    assert "Priority 3: Permanence planning is too slow." in text
    assert "15 August 2019" in text
    cells = [[cell.text for cell in row.cells] for table in word.tables for row in table.rows]
    assert [
        "1.1 Recruit social workers",
        "Head of Workforce",
        "30 June 2025",
        "Not started",
        "Overdue",
        "June 2025: Thirty offers made.",
    ] in cells
    assert len(word.tables) == 2


def test_export_downloads(client, filled_plan, manager, council, settings):
    settings.TRAJECTORY_TODAY = TODAY
    client.force_login(manager)
    response = client.get(reverse("plan_export_xlsx", args=[council.code, filled_plan.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book["Actions"]["H2"].value == "Overdue"
    response = client.get(reverse("plan_export_docx", args=[council.code, filled_plan.pk]))
    assert WordDocument(io.BytesIO(response.content)).paragraphs[0].text == filled_plan.title
