"""The recommendation's options are there even in a database emptied after its migrations (a
flush, as transactional tests do), and seeding never undoes an administrator's change."""

from __future__ import annotations

import pytest

from trajectory.intervention.models import RecommendationOption
from trajectory.intervention.options import options_seed
from trajectory.intervention.selectors import options_offered

pytestmark = pytest.mark.django_db


def test_none_at_all_makes_the_five_defaults():
    RecommendationOption.objects.all().delete()
    assert [o.key for o in options_offered().order_by("order")] == [
        "continued-direction",
        "intervention-ends",
        "establish-trust",
        "keep-trust-paused",
        "withdraw-trust",
    ]


def test_an_administrators_changes_are_kept():
    options_seed(RecommendationOption)
    option = RecommendationOption.objects.get(key="withdraw-trust")
    option.label = "Withdraw the proposal for a trust"
    option.active = False
    option.save()
    options_seed(RecommendationOption)
    kept = RecommendationOption.objects.get(key="withdraw-trust")
    assert (kept.label, kept.active) == ("Withdraw the proposal for a trust", False)
    assert "withdraw-trust" not in [o.key for o in options_offered()]
