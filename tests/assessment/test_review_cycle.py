"""The review's state machine, who writes which side, history, and read-only once final."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.assessment.conftest import opine_all, self_assess_all
from trajectory.assessment import services
from trajectory.assessment.models import Review
from trajectory.audit.models import AuditEntry
from trajectory.history.models import Change


def test_full_cycle(review, leader, commissioner):
    assert review.status == Review.Status.DRAFT
    assert review.domains.count() == 8
    with pytest.raises(ValidationError, match="Rate every domain"):
        services.review_submit(review=review, user=leader)
    self_assess_all(review, leader)
    # The Commissioner cannot write an opinion before the council submits.
    entry = review.domains.first()
    with pytest.raises(ValidationError):
        services.opinion_update(entry=entry, user=commissioner, opinion_rating="Met")
    review = services.review_submit(review=review, user=leader)
    assert review.status == Review.Status.COUNCIL_SUBMITTED
    # Submitted: the council can no longer change its self-assessment.
    with pytest.raises(ValidationError):
        services.self_assessment_update(entry=entry, user=leader, self_rating="Met")
    with pytest.raises(ValidationError, match="every domain"):
        services.review_opinion_give(review=review, user=commissioner)
    opine_all(review, commissioner)
    review = services.review_opinion_give(review=review, user=commissioner)
    with pytest.raises(ValidationError):
        services.review_submit(review=review, user=leader)
    review = services.review_finalise(review=review, user=commissioner)
    assert review.is_final and review.finalised_by == commissioner


def test_final_is_read_only_and_a_correction_is_a_new_version(review, leader, commissioner):
    self_assess_all(review, leader)
    services.review_submit(review=review, user=leader)
    opine_all(review, commissioner)
    services.review_opinion_give(review=review, user=commissioner)
    review = services.review_finalise(review=review, user=commissioner)
    entry = review.domains.first()
    with pytest.raises(ValidationError, match="final"):
        services.opinion_update(entry=entry, user=commissioner, opinion_rating="Met")
    with pytest.raises(ValidationError, match="final"):
        services.review_finalise(review=review, user=commissioner)
    with pytest.raises(ValidationError, match="why"):
        services.review_correct(review=review, user=commissioner, reason=" ")
    correction = services.review_correct(
        review=review, user=commissioner, reason="Domain 4's rating was typed wrongly."
    )
    review.refresh_from_db()
    assert review.is_superseded and review.status == "final"
    assert (correction.version, correction.corrects, correction.status) == (
        2,
        review,
        Review.Status.COMMISSIONER_OPINION,
    )
    assert [e.opinion_rating for e in correction.domains.all()] == ["Progressing"] * 8
    services.opinion_update(
        entry=correction.domains.get(domain__number=4), user=commissioner, opinion_rating="Met"
    )
    # The superseded version is unchanged and readable.
    assert review.domains.get(domain__number=4).opinion_rating == "Progressing"
    with pytest.raises(ValidationError):
        services.review_correct(review=review, user=commissioner, reason="Again")


def test_a_council_role_cannot_write_an_opinion(review, leader, make_user, council):
    self_assess_all(review, leader)
    services.review_submit(review=review, user=leader)
    entry = review.domains.first()
    for role in ("leader", "manager", "analyst"):
        user = leader if role == "leader" else make_user(role, council)
        with pytest.raises(PermissionDenied):
            services.opinion_update(entry=entry, user=user, opinion_rating="Met")
        with pytest.raises(PermissionDenied):
            services.review_finalise(review=review, user=user)


@pytest.mark.parametrize("role", ["board_member", "region"])
def test_readers_write_nothing(review, make_user, council, role):
    reader = make_user(role, council)
    entry = review.domains.first()
    with pytest.raises(PermissionDenied):
        services.self_assessment_update(entry=entry, user=reader, self_rating="Met")
    with pytest.raises(PermissionDenied):
        services.opinion_update(entry=entry, user=reader, opinion_rating="Met")
    with pytest.raises(PermissionDenied):
        services.review_submit(review=review, user=reader)
    with pytest.raises(PermissionDenied):
        services.citation_add(
            entry=entry, user=reader, side="self", kind="indicator", ref="cla_count"
        )


def test_the_commissioner_cannot_write_the_self_assessment(review, commissioner):
    with pytest.raises(PermissionDenied):
        services.self_assessment_update(
            entry=review.domains.first(), user=commissioner, self_rating="Met"
        )


def test_a_rating_must_be_on_the_scale(review, leader):
    with pytest.raises(ValidationError):
        services.self_assessment_update(
            entry=review.domains.first(), user=leader, self_rating="Outstanding"
        )


def test_every_change_is_in_the_history_and_the_audit_log(review, leader, commissioner):
    entry = review.domains.get(domain__number=4)
    services.self_assessment_update(
        entry=entry, user=leader, self_rating="Well progressed", self_narrative="Embedded."
    )
    services.citation_add(entry=entry, user=leader, side="self", kind="indicator", ref="cla_count")
    rows = Change.objects.filter(subject_type="assessment.domainassessment", subject_id=entry.pk)
    assert {(row.field, row.before, row.after) for row in rows if row.operation == "changed"} == {
        ("self_rating", "", "Well progressed"),
        ("self_narrative", "", "Embedded."),
    }
    assert rows.filter(operation="evidence added", field="evidence").count() == 1
    assert Change.objects.filter(
        subject_type="assessment.review", subject_id=review.pk, operation="created"
    ).exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "assessment.review.start",
        "assessment.self.update",
        "assessment.evidence.add",
    } <= actions


def test_two_people_editing_never_lose_a_change(review, leader, make_user, council):
    from trajectory.web.edit_conflicts import StaleEdit

    other = make_user("manager", council)
    entry = review.domains.first()
    opened = entry.edit_version
    services.self_assessment_update(
        entry=entry, user=other, opened_version=opened, self_rating="Met"
    )
    with pytest.raises(StaleEdit):
        services.self_assessment_update(
            entry=review.domains.first(),
            user=leader,
            opened_version=opened,
            self_rating="Early progress",
        )


def test_a_cleared_opinion_cannot_be_finalised(review, leader, commissioner):
    """The opinion stage still lets the Commissioner change a domain; clearing its rating there
    must not let the review be finalised with a domain the Commissioner has not rated."""
    self_assess_all(review, leader)
    services.review_submit(review=review, user=leader)
    opine_all(review, commissioner)
    review = services.review_opinion_give(review=review, user=commissioner)
    entry = review.domains.get(domain__number=3)
    services.opinion_update(entry=entry, user=commissioner, opinion_rating="")
    with pytest.raises(ValidationError, match="Not rated: Children's departmental officer"):
        services.review_finalise(review=review, user=commissioner)
    review.refresh_from_db()
    assert review.status == Review.Status.COMMISSIONER_OPINION


def _final(review, leader, commissioner):
    self_assess_all(review, leader)
    services.review_submit(review=review, user=leader)
    opine_all(review, commissioner)
    services.review_opinion_give(review=review, user=commissioner)
    return services.review_finalise(review=review, user=commissioner)


@pytest.mark.parametrize("role", ["leader", "manager", "analyst"])
def test_a_council_role_cannot_supersede_the_final_review(
    review, leader, commissioner, make_user, council, role
):
    """The final review is the Commissioner's judgement: starting a correction marks it
    superseded (the recommendation can no longer rest on it), so only the Commissioner may."""
    review = _final(review, leader, commissioner)
    user = leader if role == "leader" else make_user(role, council)
    with pytest.raises(PermissionDenied):
        services.review_correct(review=review, user=user, reason="Our evidence was incomplete.")
    review.refresh_from_db()
    assert review.is_final and not review.is_superseded
    assert not review.corrections.exists()


def test_a_correction_can_go_back_to_the_council_for_its_self_assessment(
    review, leader, commissioner
):
    """The Commissioner's correction opens at the opinion stage; returned with a reason, the
    council corrects its self-assessment and submits again."""
    review = _final(review, leader, commissioner)
    correction = services.review_correct(
        review=review, user=commissioner, reason="The council's evidence for domain 2 was wrong."
    )
    assert correction.status == Review.Status.COMMISSIONER_OPINION
    correction = services.review_return(
        review=correction, user=commissioner, reason="Correct domain 2's self-assessment."
    )
    assert correction.status == Review.Status.DRAFT
    entry = correction.domains.get(domain__number=2)
    services.self_assessment_update(entry=entry, user=leader, self_rating="Progressing")
    correction = services.review_submit(review=correction, user=leader)
    assert correction.status == Review.Status.COUNCIL_SUBMITTED
    entry.refresh_from_db()
    assert (entry.self_rating, entry.opinion_rating) == ("Progressing", "Progressing")
