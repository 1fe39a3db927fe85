from __future__ import annotations

from datetime import date

import pytest

from trajectory.councils.models import Role

TODAY = date(2025, 3, 15)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("trajectory.plans.clock.today", lambda: TODAY)


@pytest.fixture
def people(council, make_user):
    return {role: make_user(role, council) for role in Role.values}


@pytest.fixture
def team_file(council):
    from trajectory.councils.team_files import team_file_import

    content = b"SW_ID,team\nSW0001,Team A\nSW0002,Team B\n"
    return team_file_import(council=council, user=None, content=content, file_name="teams.csv")
