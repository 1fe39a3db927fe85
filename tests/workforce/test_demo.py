"""Westshire's demo months: the report's 1.9% (9.8 FTE) and 88% in August 2025, once only."""

from __future__ import annotations

from datetime import date

import pytest

from trajectory.councils.models import Role
from trajectory.synth.demo_workforce import workforce_demo
from trajectory.workforce import selectors
from trajectory.workforce.models import WorkforceSnapshot


@pytest.mark.parametrize(("today", "months"), [(date(2026, 12, 4), 35), (date(2025, 3, 1), 14)])
def test_the_demo_months(monkeypatch, council, make_user, today, months):
    monkeypatch.setattr("trajectory.plans.clock.today", lambda: today)
    users = {Role.ANALYST: make_user(Role.ANALYST, council)}
    made = workforce_demo(council, users)
    assert len(made) == months
    assert made[0].month == date(2024, 1, 1)
    assert workforce_demo(council, users) == []
    assert WorkforceSnapshot.objects.filter(council=council).count() == months
    if today.year == 2026:
        august = selectors.row_of(WorkforceSnapshot.objects.get(month=date(2025, 8, 1)))
        assert str(august.snapshot.vacancies_fte) == "9.8" and august.vacancy_rate == 1.9
        assert august.supervision_rate == 88.0
