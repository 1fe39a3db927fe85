"""Fixtures for the intervention's tests: the plan's fixtures, every role in Westshire, and a
review made straight in the database (the assessment app's own services are tested there)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.plans.conftest import inspection, make_inspection, manager, plan  # noqa: F401


@pytest.fixture
def people(make_user, council, manager):  # noqa: F811
    users = {"manager": manager}
    for role in ("analyst", "leader", "commissioner", "board_member", "region", "admin"):
        users[role] = make_user(role, council)
    return users


@pytest.fixture
def commissioner(people):
    return people["commissioner"]


@pytest.fixture
def leader(people):
    return people["leader"]


@pytest.fixture
def make_review(db):
    from trajectory.assessment.models import DomainAssessment, Framework, FrameworkDomain, Review

    def make(council, *, status="final", as_at=date(2026, 9, 14), kind="final"):
        framework = Framework.objects.create(
            name="Progress framework", rating_scale=["Not met", "Partly met", "Met"]
        )
        review = Review.objects.create(
            council=council, framework=framework, kind=kind, as_at=as_at, status=status
        )
        for number, name in enumerate(("Political leadership", "Performance"), start=1):
            domain = FrameworkDomain.objects.create(
                framework=framework, number=number, name=name, criterion="There should be…"
            )
            DomainAssessment.objects.create(
                review=review, domain=domain, self_rating="Met", opinion_rating="Partly met"
            )
        return review

    return make


@pytest.fixture
def final_review(make_review, council):
    return make_review(council)


@pytest.fixture
def withdraw_option(db):
    from trajectory.intervention.models import RecommendationOption
    from trajectory.intervention.options import options_seed

    options_seed(RecommendationOption)  # a transactional test's flush empties the seeded ones
    return RecommendationOption.objects.get(key="withdraw-trust")
