"""The plan's history and spreadsheet show labels, GOV.UK dates, titles and whole text, not
field names, ISO dates, indicator ids or text cut mid-word (issue 7.9)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_plan_history_shows_labels_govuk_dates_indicator_titles_and_whole_text(
    client, plan, manager, council
):
    from trajectory.plans import services

    priority = plan.priorities.get(number=1)
    long_title = "Recruit " + "experienced social workers to the front door teams " * 6
    action = services.action_create(
        priority=priority, user=manager, title="Recruit", due_on=date(2025, 6, 30)
    )
    services.action_update(
        action=action, user=manager, due_on=date(2025, 9, 30), title=long_title.strip()
    )
    services.evidence_link_add(
        user=manager, kind="indicator", action=action, indicator_id="cla_rate_per_10k"
    )
    client.force_login(manager)

    page = client.get(reverse("action_detail", args=[council.code, action.pk])).content.decode()

    history = page[page.index("Changes to this action") :]
    assert "Due date" in history and "Due_on" not in history
    assert "30 June 2025" in history and "30 September 2025" in history
    assert "2025-06-30" not in history and "2025-09-30" not in history
    assert "Indicator: Children looked after per 10,000 children" in history
    assert "cla_rate_per_10k" not in history
    assert long_title.strip() in history  # not cut at 200 characters with "…"
    assert "…" not in history


def test_xlsx_evidence_column_names_the_indicator_and_the_whole_finding(plan, manager):
    from trajectory.plans import exports, services

    priority = plan.priorities.get(number=1)
    action = services.action_create(
        priority=priority, user=manager, title="Recruit", due_on=date(2025, 6, 30)
    )
    services.evidence_link_add(
        user=manager, kind="indicator", action=action, indicator_id="cla_rate_per_10k"
    )
    long_finding = priority.finding
    long_finding.text = "Social worker caseloads are too high " * 5
    long_finding.save()
    services.evidence_link_add(user=manager, kind="finding", action=action, finding=long_finding)

    book = load_workbook(io.BytesIO(exports.plan_xlsx(manager, plan, today=date(2025, 7, 1))))
    sheet = book["Actions"]
    header = [cell.value for cell in sheet[1]]
    evidence = sheet.cell(row=2, column=header.index("Evidence") + 1).value
    assert evidence == (
        f"Indicator: Children looked after per 10,000 children; Ofsted finding: {long_finding.text}"
    )
