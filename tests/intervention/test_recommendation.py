"""A recommendation is recorded only on a final review, never edited in place: a correction is a
new version with its reason, the old one kept and marked superseded (issue 9.4)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trajectory.intervention import selectors
from trajectory.intervention.models import Recommendation, RecommendationOption
from trajectory.intervention.services import (
    intervention_event_record,
    recommendation_correct,
    recommendation_record,
)
from trajectory.web.edit_conflicts import StaleEdit


def _record(council, user, review, option, **extra):
    return recommendation_record(
        council=council,
        user=user,
        review=review,
        option=option,
        made_on=extra.pop("made_on", date(2026, 10, 5)),
        rationale=extra.pop("rationale", "The evidence across the domains supports it."),
        conditions=extra.pop("conditions", "Continued support up to the next inspection."),
        **extra,
    )


def test_five_default_options_seeded(db):
    from trajectory.intervention.selectors import options_offered

    # Seeded by the migration, or made when none exist (a transactional test's flush).
    assert list(options_offered().values_list("key", flat=True)) == [
        "continued-direction",
        "intervention-ends",
        "establish-trust",
        "keep-trust-paused",
        "withdraw-trust",
    ]


@pytest.mark.parametrize("status", ["draft", "council_submitted", "commissioner_opinion"])
def test_only_on_a_final_review(make_review, council, commissioner, withdraw_option, status):
    review = make_review(council, status=status)
    with pytest.raises(ValidationError) as refused:
        _record(council, commissioner, review, withdraw_option)
    assert "only on a final review" in str(refused.value)
    assert not Recommendation.objects.exists()


def test_recorded_on_a_final_review(council, commissioner, final_review, withdraw_option):
    rec = _record(council, commissioner, final_review, withdraw_option)
    assert rec.version == 1 and not rec.is_superseded
    assert selectors.latest_recommendation(commissioner, council) == rec


def test_one_recommendation_per_review(council, commissioner, final_review, withdraw_option):
    _record(council, commissioner, final_review, withdraw_option)
    with pytest.raises(ValidationError, match="correct it instead"):
        _record(council, commissioner, final_review, withdraw_option)


def test_superseded_review_refused(council, commissioner, final_review, withdraw_option):
    from django.utils import timezone

    final_review.superseded_at = timezone.now()
    final_review.save()
    with pytest.raises(ValidationError, match="corrected"):
        _record(council, commissioner, final_review, withdraw_option)


def test_another_councils_review_refused(make_council, make_review, commissioner, withdraw_option):
    other = make_council(code="991", name="Eastshire")
    review = make_review(other)
    with pytest.raises(ValidationError):
        _record(commissioner.memberships.first().council, commissioner, review, withdraw_option)


def test_inactive_option_refused(council, commissioner, final_review, withdraw_option):
    option = RecommendationOption.objects.get(key="establish-trust")  # seeded with withdraw
    option.active = False
    option.save()
    with pytest.raises(ValidationError, match="no longer offered"):
        _record(council, commissioner, final_review, option)


@pytest.mark.parametrize("role", ["analyst", "manager", "leader", "board_member", "region"])
def test_only_the_commissioner_records(people, council, final_review, withdraw_option, role):
    with pytest.raises(PermissionDenied):
        _record(council, people[role], final_review, withdraw_option)


def test_correction_keeps_the_old_version(council, commissioner, final_review, withdraw_option):
    first = _record(council, commissioner, final_review, withdraw_option)
    paused = RecommendationOption.objects.get(key="keep-trust-paused")
    second = recommendation_correct(
        recommendation=first,
        user=commissioner,
        option=paused,
        made_on=date(2026, 10, 6),
        rationale="On reflection, a further six months.",
        conditions="",
        reason="The schools' concerns need answering first.",
        opened_version=1,
    )
    first.refresh_from_db()
    assert first.is_superseded and first.option == withdraw_option
    assert first.rationale == "The evidence across the domains supports it."
    assert second.version == 2 and second.supersedes == first
    view = selectors.recommendation_view(commissioner, council, first, today=date(2026, 10, 7))
    assert view.current == second
    assert view.earlier == [first]
    assert selectors.latest_recommendation(commissioner, council) == second
    # History: the correction's changed fields with the reason.
    from trajectory.history.selectors import history_of

    changes = {c.field: (c.before, c.after, c.reason) for c in history_of(None, council, second)}
    assert changes["option"] == (
        "Withdraw the trust proposal",
        "Keep the trust proposal paused",
        "The schools' concerns need answering first.",
    )
    assert changes["version"] == ("1", "2", "The schools' concerns need answering first.")


def test_recommendation_row_never_changes(council, commissioner, final_review, withdraw_option):
    rec = _record(council, commissioner, final_review, withdraw_option)
    rec.rationale = "Edited in place"
    with pytest.raises(PermissionError):
        rec.save()
    with pytest.raises(PermissionError):
        rec.delete()


def test_correction_needs_a_reason(council, commissioner, final_review, withdraw_option):
    rec = _record(council, commissioner, final_review, withdraw_option)
    with pytest.raises(ValidationError):
        recommendation_correct(
            recommendation=rec,
            user=commissioner,
            option=withdraw_option,
            made_on=rec.made_on,
            rationale="x",
            conditions="",
            reason="  ",
        )


def test_two_corrections_from_the_same_version_the_second_is_stale(
    council, commissioner, final_review, withdraw_option
):
    rec = _record(council, commissioner, final_review, withdraw_option)
    common = dict(
        user=commissioner, option=withdraw_option, made_on=rec.made_on, conditions="", reason="r"
    )
    recommendation_correct(recommendation=rec, rationale="First", opened_version=1, **common)
    with pytest.raises(StaleEdit):
        recommendation_correct(recommendation=rec, rationale="Second", opened_version=1, **common)
    assert Recommendation.objects.count() == 2


def test_withdraw_recommendation_does_not_change_the_trust(
    council, commissioner, final_review, withdraw_option
):
    intervention_event_record(
        council=council,
        user=commissioner,
        kind="trust_proposed",
        occurred_on=date(2024, 7, 15),
        summary="Proposed",
    )
    intervention_event_record(
        council=council,
        user=commissioner,
        kind="trust_paused",
        occurred_on=date(2025, 9, 15),
        summary="Paused",
    )
    _record(council, commissioner, final_review, withdraw_option)
    assert selectors.intervention_timeline(commissioner, council).trust_status == "paused"


def test_audit_entries(council, commissioner, final_review, withdraw_option):
    from trajectory.audit.models import AuditEntry

    rec = _record(council, commissioner, final_review, withdraw_option)
    entry = AuditEntry.objects.get(action="intervention.recommendation.record")
    assert entry.user == commissioner and entry.object_id == str(rec.pk)
    assert entry.detail == {"review": final_review.pk, "option": "withdraw-trust"}


def test_the_review_page_leads_to_its_recommendation(
    client, council, commissioner, final_review, withdraw_option
):
    from django.urls import reverse

    rec = _record(council, commissioner, final_review, withdraw_option)
    client.force_login(commissioner)
    page = client.get(reverse("assessment_review", args=[council.code, final_review.pk]))
    shown = page.content.decode()
    shown = shown[shown.index('id="review-recommendation"') :].split("</dd>")[0]
    detail = reverse("intervention_recommendation_detail", args=[council.code, rec.pk])
    assert f'href="{detail}">Withdraw the trust proposal</a>' in shown
