"""The default template, copying and adapting: a used version is locked."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from trajectory.assessment import services
from trajectory.assessment.models import Framework

DOMAINS = [
    "Political leadership",
    "Corporate officer leadership",
    "Children's departmental officer leadership",
    "Performance",
    "Ofsted",
    "Improvement Board and related arrangements (including partnership working)",
    "Soft intelligence",
    "Additional evidence",
]


def test_default_has_the_eight_domains_in_order(framework):
    assert [d.name for d in framework.domains.all()] == DOMAINS
    assert [d.number for d in framework.domains.all()] == list(range(1, 9))
    assert all(d.criterion.startswith("There should be") for d in framework.domains.all())
    assert framework.council is None and framework.version == 1


def test_default_load_is_idempotent(framework):
    assert services.framework_default_load() == framework
    assert Framework.objects.count() == 1


def test_copy_and_adapt_make_versions_and_old_reviews_keep_theirs(
    council, commissioner, leader, framework
):
    copy = services.framework_copy(framework=framework, council=council, user=commissioner)
    assert (copy.council, copy.version, copy.copied_from) == (council, 1, framework)
    # Not yet used: adapting changes it in place.
    domain = copy.domains.get(number=4)
    same = services.framework_domain_update(
        domain=domain, council=council, user=commissioner, criterion="There should be data."
    )
    assert same.framework == copy
    review = services.review_start(
        council=council, user=leader, framework=copy, kind="quarterly", as_at=date(2025, 1, 1)
    )
    assert copy.is_locked
    # Used: adapting makes version 2; the review keeps version 1.
    changed = services.framework_domain_update(
        domain=copy.domains.get(number=4), council=council, user=commissioner, name="Data"
    )
    assert changed.framework.version == 2
    assert changed.framework.copied_from == copy
    review.refresh_from_db()
    assert review.framework == copy
    assert review.domains.get(domain__number=4).domain.name == "Performance"
    # The national template is never changed in place.
    services.framework_scale_update(
        framework=framework, council=council, user=commissioner, rating_scale=["Low", "High"]
    )
    framework.refresh_from_db()
    assert len(framework.rating_scale) == 5


@pytest.mark.parametrize("role", ["leader", "manager", "analyst", "board_member", "region"])
def test_only_the_commissioner_adapts(council, make_user, framework, role):
    with pytest.raises(PermissionDenied):
        services.framework_copy(framework=framework, council=council, user=make_user(role, council))
