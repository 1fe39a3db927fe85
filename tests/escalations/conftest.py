"""Fixtures for escalations tests: a council's people by role, the plan's clock frozen, and a
helper that logs a concern through the service."""

from __future__ import annotations

from datetime import date

import pytest

from tests.governance.conftest import analyst, board_member, leader  # noqa: F401
from tests.plans.conftest import manager  # noqa: F401

TODAY = date(2026, 3, 31)


@pytest.fixture(autouse=True)
def _frozen_today(settings):
    settings.TRAJECTORY_TODAY = TODAY.isoformat()


@pytest.fixture
def log_concern(council, manager):  # noqa: F811
    from trajectory.escalations.services import concern_log

    def log(**overrides):
        values = {
            "raised_by_name": "Ms A Head",
            "raised_by_organisation": "Northgate Academy",
            "partner_kind": "school",
            "raised_on": date(2026, 1, 5),
            "theme": "schools_confidence",
            "summary": "The school heard nothing after its referral.",
            "assigned_to": manager,
        }
        values.update(overrides)
        user = values.pop("user", manager)
        return concern_log(council=council, user=user, **values)

    return log
