"""Fixtures for assessment tests: the default framework, people in each role, and a review
with every domain self-assessed, ready for the Commissioner."""

from __future__ import annotations

from datetime import date

import pytest

from tests.governance.conftest import board_member, commissioner, leader  # noqa: F401
from tests.plans.conftest import indicator_run, inspection, make_inspection  # noqa: F401


@pytest.fixture
def framework(db):
    from trajectory.assessment.services import framework_default_load

    return framework_default_load()


@pytest.fixture
def review(council, leader, framework):  # noqa: F811
    from trajectory.assessment.services import review_start

    return review_start(
        council=council, user=leader, framework=framework, kind="mid_year", as_at=date(2024, 3, 31)
    )


def self_assess_all(review, user, rating="Well progressed"):
    from trajectory.assessment.services import self_assessment_update

    for entry in review.domains.all():
        self_assessment_update(entry=entry, user=user, self_rating=rating, self_narrative="Ours.")


def opine_all(review, user, rating="Progressing"):
    from trajectory.assessment.services import opinion_update

    for entry in review.domains.all():
        opinion_update(entry=entry, user=user, opinion_rating=rating, opinion_narrative="Mine.")
