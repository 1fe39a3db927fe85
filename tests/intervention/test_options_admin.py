"""The options are configurable: an administrator may deactivate one, and one a recommendation
has used is never deleted (issue 9.4)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.admin.sites import site
from django.db.models import ProtectedError
from django.test import RequestFactory

from trajectory.intervention.models import RecommendationOption
from trajectory.intervention.selectors import options_offered
from trajectory.intervention.services import recommendation_record


def _admin_request(db):
    from django.contrib.auth import get_user_model

    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.create_superuser("root", "r@example.org", "x")
    return request


def test_used_option_cannot_be_deleted(db, council, commissioner, final_review, withdraw_option):
    model_admin = site._registry[RecommendationOption]
    request = _admin_request(db)
    assert model_admin.has_delete_permission(request, withdraw_option)
    recommendation_record(
        council=council,
        user=commissioner,
        review=final_review,
        option=withdraw_option,
        made_on=date(2026, 10, 5),
        rationale="Evidence.",
    )
    assert not model_admin.has_delete_permission(request, withdraw_option)
    assert model_admin.get_readonly_fields(request, withdraw_option) == ("key",)
    with pytest.raises(ProtectedError):
        withdraw_option.delete()


def test_deactivated_option_is_not_offered(db):
    assert options_offered().count() == 5  # made if a flush emptied them
    option = RecommendationOption.objects.get(key="intervention-ends")
    option.active = False
    option.save()
    assert "intervention-ends" not in {o.key for o in options_offered()}
    assert options_offered().count() == 4
