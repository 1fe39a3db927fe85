"""Issue 6.10: text typed into the plan cannot become a live formula in its XLSX export."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from trajectory.plans import services

pytestmark = pytest.mark.django_db
TODAY = date(2025, 7, 10)
FORMULA = '=HYPERLINK("http://x","y")'


@pytest.fixture
def plan_with_formulas(council, manager, inspection):
    plan = services.plan_create_from_inspection(
        council=council, user=manager, inspection=inspection, title=FORMULA
    )
    services.action_create(
        priority=plan.priorities.get(number=1),
        user=manager,
        title="@SUM(A1:A9)",
        owner_name="-Head of Workforce",
        due_on=date(2025, 6, 30),
    )
    return plan


def test_plan_xlsx_writes_typed_formulas_as_text(
    client, council, manager, plan_with_formulas, settings
):
    settings.TRAJECTORY_TODAY = TODAY
    client.force_login(manager)
    response = client.get(reverse("plan_export_xlsx", args=[council.code, plan_with_formulas.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    title = book["Priorities"]["A1"]
    assert title.value == "'" + FORMULA
    assert title.data_type != "f"
    assert not [
        cell.coordinate
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    header, first = list(book["Actions"].iter_rows(min_row=1, max_row=2, values_only=True))
    action = dict(zip(header, first, strict=True))
    assert action["Title"] == "'@SUM(A1:A9)"
    assert action["Owner"] == "'-Head of Workforce"
    assert action["Priority"] == 1  # numbers stay numbers
    assert action["Due"].date() == date(2025, 6, 30)
