"""Fixtures for the board records: a council's Improvement Board with members from the
council and its partners, and the people who write (leader, Commissioner) and read them."""

from __future__ import annotations

from datetime import date

import pytest

from tests.plans.conftest import inspection, make_inspection, manager, plan  # noqa: F401


@pytest.fixture
def leader(make_user, council):
    return make_user("leader", council)


@pytest.fixture
def commissioner(make_user, council):
    return make_user("commissioner", council)


@pytest.fixture
def board_member(make_user, council):
    return make_user("board_member", council)


@pytest.fixture
def analyst(make_user, council):
    return make_user("analyst", council)


@pytest.fixture
def board(council, leader):
    from trajectory.governance import services

    body = services.body_create(
        council=council,
        user=leader,
        name="Children's Improvement Board",
        kind="improvement_board",
        chair_name="Alex Morgan",
        chair_organisation="Independent",
        chair_independent=True,
        from_on=date(2024, 1, 16),
    )
    services.member_add(
        body=body,
        user=leader,
        name="Sam Lee",
        organisation="Westshire County Council",
        organisation_kind="council",
        role="Director of Children's Services",
    )
    services.member_add(
        body=body,
        user=leader,
        name="Pat Singh",
        organisation="Westshire Academy",
        organisation_kind="schools",
        role="Secondary school representative",
    )
    return body


@pytest.fixture
def make_meeting(board, leader):
    from trajectory.governance import services

    def make(held_on: date, kind: str = "internal", body=None):
        return services.meeting_create(body=body or board, user=leader, held_on=held_on, kind=kind)

    return make
