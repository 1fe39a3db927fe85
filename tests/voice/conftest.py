"""Voice fixtures: a council's people by role, and a Bright Spots-like survey."""

from __future__ import annotations

import pytest

from trajectory.councils.models import Role

HEADER = "wave,wave_date,question_code,question,council_percent,comparator_percent,respondents\n"
ANSWER_HEADER = "wave,wave_date,respondent,question_code,question,kind,answer\n"


class _People(dict):
    """The council's people by role, each made the first time a test asks for it (hashing a
    password is slow)."""

    def __init__(self, council, make_user):
        super().__init__()
        self._make = lambda role: make_user(role, council)

    def __missing__(self, role):
        self[role] = self._make(role)
        return self[role]


@pytest.fixture
def people(council, make_user):
    return _People(council, make_user)


@pytest.fixture
def analyst(people):
    return people[Role.ANALYST]


@pytest.fixture
def survey(council, analyst):
    from trajectory.voice import services

    return services.survey_create(
        council=council,
        user=analyst,
        title="Bright Spots",
        audience="children",
        kind="aggregated",
        comparator="Other councils",
    )


@pytest.fixture
def own_survey(council, analyst):
    from trajectory.voice import services

    return services.survey_create(
        council=council, user=analyst, title="Our survey", audience="children", kind="own"
    )
