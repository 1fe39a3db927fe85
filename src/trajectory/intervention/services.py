"""Writes to the intervention's record and the Commissioner's recommendation.

Events are recorded by those holding `record_intervention` (the Commissioner and the council's
leaders, who both hold the DfE's letters); recommendations and their follow-ups only by those
holding `write_assessment` (the Commissioner). Every write runs in a transaction, keeps each
field's value in the history app and writes an audit entry. Nothing is changed in place.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from trajectory.audit.services import record
from trajectory.councils.permissions import require
from trajectory.history.services import changes_record, snapshot
from trajectory.intervention import events
from trajectory.intervention.models import (
    FollowUp,
    InterventionEvent,
    Recommendation,
    RecommendationOption,
)
from trajectory.plans import services as plan_services
from trajectory.plans.models import Plan, Priority
from trajectory.web.edit_conflicts import StaleEdit

EVENT_FIELDS = (
    "kind",
    "occurred_on",
    "issued_by",
    "appointee",
    "summary",
    "period_ends_on",
    "reference",
    "corrects",
)
RECOMMENDATION_FIELDS = ("review", "option", "made_on", "rationale", "conditions", "version")

# The plan priority that holds the Commissioner's follow-ups.
FOLLOWUP_PRIORITY_TITLE = "The Commissioner's recommendation"
FOLLOWUP_PRIORITY_OUTCOMES = (
    "The follow-up work the Commissioner's recommendation to the minister asks for is done, "
    "by its owners and on time."
)


# Events --------------------------------------------------------------------------------------


def counted_events(council) -> list[InterventionEvent]:
    """The council's events in the order they happened, leaving out any since corrected."""
    return list(
        InterventionEvent.objects.filter(council=council, corrected_by__isnull=True).order_by(
            "occurred_on", "recorded_at", "id"
        )
    )


@transaction.atomic
def intervention_event_record(
    *,
    council,
    user,
    kind: str,
    occurred_on: date,
    summary: str,
    issued_by: str = "",
    appointee: str = "",
    period_ends_on: date | None = None,
    reference: str = "",
    corrects: InterventionEvent | None = None,
    correction_reason: str = "",
    request=None,
) -> InterventionEvent:
    """Record one dated event. The trust proposal's course must still make sense with it in
    place (a proposal is paused only after it is made, say); a correction names the event it
    replaces and why, and the corrected one stays, no longer counted."""
    require(user, "record_intervention", council)
    if kind not in events.BY_KEY:
        raise ValidationError({"kind": "Choose what happened."})
    if corrects is not None:
        if corrects.council_id != council.pk:
            raise ValidationError("That event belongs to another council.")
        if InterventionEvent.objects.filter(corrects=corrects).exists():
            raise ValidationError({"corrects": "That event has already been corrected."})
        if not correction_reason.strip():
            raise ValidationError({"correction_reason": "Say why the event is corrected."})
    if period_ends_on is not None and period_ends_on < occurred_on:
        raise ValidationError({"period_ends_on": "The end of the period must be after its start."})
    event = InterventionEvent(
        council=council,
        kind=kind,
        occurred_on=occurred_on,
        summary=summary,
        issued_by=issued_by,
        appointee=appointee,
        period_ends_on=period_ends_on,
        reference=reference,
        corrects=corrects,
        correction_reason=correction_reason.strip(),
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    event.full_clean()
    event.save()
    try:
        events.trust_course(counted_events(council))
    except events.TrustCourseError as error:
        raise ValidationError({"kind": str(error)}) from error
    changes_record(
        council=council,
        subject=event,
        user=user,
        operation="corrected" if corrects else "created",
        before=None,
        after=snapshot(event, EVENT_FIELDS),
        reason=event.correction_reason,
        label=f"{event.kind_label}, {event.occurred_on:%-d %B %Y}",
    )
    record(
        user=user,
        action="intervention.event.record",
        council=council,
        obj=event,
        request=request,
        detail={"kind": kind, "occurred_on": occurred_on.isoformat(), "corrects": corrects.pk}
        if corrects
        else {"kind": kind, "occurred_on": occurred_on.isoformat()},
    )
    return event


# Recommendations -----------------------------------------------------------------------------


def _check_option(option: RecommendationOption, *, current: Recommendation | None = None) -> None:
    if not option.active and (current is None or current.option_id != option.pk):
        raise ValidationError({"option": "That option is no longer offered: choose another."})


def _label(recommendation: Recommendation) -> str:
    return str(recommendation)


@transaction.atomic
def recommendation_record(
    *,
    council,
    user,
    review,
    option: RecommendationOption,
    made_on: date,
    rationale: str,
    conditions: str = "",
    request=None,
) -> Recommendation:
    """The Commissioner's recommendation on a final review. A review has one recommendation;
    changing it is a correction (`recommendation_correct`)."""
    require(user, "write_assessment", council)
    if review.council_id != council.pk:
        raise ValidationError("That review belongs to another council.")
    if not review.is_final:
        raise ValidationError(
            {"review": "A recommendation is made only on a final review: finalise it first."}
        )
    if review.is_superseded:
        raise ValidationError({"review": "That review has been corrected: use its new version."})
    if Recommendation.objects.filter(review=review).exists():
        raise ValidationError(
            {"review": "That review already has a recommendation: correct it instead."}
        )
    _check_option(option)
    recommendation = Recommendation(
        council=council,
        review=review,
        option=option,
        made_on=made_on,
        rationale=rationale,
        conditions=conditions,
        version=1,
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    recommendation.full_clean()
    try:
        with transaction.atomic():
            recommendation.save()
    except IntegrityError as error:  # another Commissioner recorded one at the same moment
        raise ValidationError(
            {"review": "That review already has a recommendation: correct it instead."}
        ) from error
    changes_record(
        council=council,
        subject=recommendation,
        user=user,
        operation="created",
        before=None,
        after=snapshot(recommendation, RECOMMENDATION_FIELDS),
        label=_label(recommendation),
    )
    record(
        user=user,
        action="intervention.recommendation.record",
        council=council,
        obj=recommendation,
        request=request,
        detail={"review": review.pk, "option": option.key},
    )
    return recommendation


def current_version(recommendation: Recommendation) -> Recommendation:
    """The newest version of the recommendation's chain (its review's)."""
    return (
        Recommendation.objects.filter(review_id=recommendation.review_id)
        .order_by("-version")
        .select_related("recorded_by")
        .first()
    )


@transaction.atomic
def recommendation_correct(
    *,
    recommendation: Recommendation,
    user,
    option: RecommendationOption,
    made_on: date,
    rationale: str,
    conditions: str,
    reason: str,
    opened_version: int | None = None,
    request=None,
) -> Recommendation:
    """A corrected version: the old one is kept and shown as superseded. A form passes the
    version it was opened at; a correction since then by someone else raises StaleEdit, so two
    Commissioners correcting at once never lose one another's change."""
    council = recommendation.council
    require(user, "write_assessment", council)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the recommendation is corrected."})
    head = current_version(recommendation)
    if opened_version is not None and head.version != opened_version:
        raise StaleEdit(head)
    if head.pk != recommendation.pk and opened_version is None:
        raise ValidationError("That version has already been corrected: correct the newest one.")
    _check_option(option, current=head)
    corrected = Recommendation(
        council=council,
        review=head.review,
        option=option,
        made_on=made_on,
        rationale=rationale,
        conditions=conditions,
        version=head.version + 1,
        supersedes=head,
        correction_reason=reason.strip(),
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    corrected.full_clean()
    try:
        with transaction.atomic():
            corrected.save()
    except IntegrityError as error:
        raise StaleEdit(current_version(recommendation)) from error
    changes_record(
        council=council,
        subject=corrected,
        user=user,
        operation="corrected",
        before=snapshot(head, RECOMMENDATION_FIELDS),
        after=snapshot(corrected, RECOMMENDATION_FIELDS),
        reason=corrected.correction_reason,
        label=_label(corrected),
    )
    record(
        user=user,
        action="intervention.recommendation.correct",
        council=council,
        obj=corrected,
        request=request,
        detail={"supersedes": head.pk, "version": corrected.version, "option": option.key},
    )
    return corrected


# Follow-ups ----------------------------------------------------------------------------------


def _followup_priority(plan: Plan) -> Priority:
    """The plan's priority for the Commissioner's follow-ups, made the first time one is added
    (by the system actor: the plan's own edit rights are the council's, and the Commissioner's
    right to ask for follow-up work is `write_assessment`)."""
    priority = plan.priorities.filter(title=FOLLOWUP_PRIORITY_TITLE).first()
    if priority is not None:
        return priority
    return plan_services.priority_create(
        plan=plan,
        user=None,
        title=FOLLOWUP_PRIORITY_TITLE,
        outcomes_sought=FOLLOWUP_PRIORITY_OUTCOMES,
        lead_name="The Commissioner",
    )


@transaction.atomic
def followup_add(
    *,
    recommendation: Recommendation,
    user,
    title: str,
    due_on: date,
    owner=None,
    owner_name: str = "",
    start_on: date | None = None,
    request=None,
) -> FollowUp:
    """A follow-up the recommendation asks for, as an action of the council's current plan
    under the priority "The Commissioner's recommendation" (made if missing), so it has an
    owner, a due date, RAG and updates, and the plan's watch list shows it."""
    council = recommendation.council
    require(user, "write_assessment", council)
    if recommendation.is_superseded:
        raise ValidationError("That version has been corrected: add follow-ups to the newest.")
    if owner is None and not owner_name.strip():
        raise ValidationError({"owner": "Choose who owns the follow-up, or name them."})
    plan = Plan.objects.filter(council=council).order_by("-created_at", "-id").first()
    if plan is None:
        raise ValidationError(
            "The council has no improvement plan to track the follow-up in: start one first."
        )
    priority = _followup_priority(plan)
    action = plan_services.action_create(
        priority=priority,
        user=None,
        title=title,
        due_on=due_on,
        owner=owner,
        owner_name=owner_name,
        start_on=start_on,
    )
    followup = FollowUp(
        council=council,
        recommendation=recommendation,
        action=action,
        added_by=user if getattr(user, "is_authenticated", False) else None,
    )
    followup.full_clean()
    followup.save()
    changes_record(
        council=council,
        subject=followup,
        user=user,
        operation="created",
        before=None,
        after={
            "action": f"Action {action.reference}: {action.title}",
            "owner": action.owner_display,
            "due_on": snapshot(action, ["due_on"])["due_on"],
        },
        label=f"Follow-up to the {recommendation}",
    )
    record(
        user=user,
        action="intervention.followup.add",
        council=council,
        obj=followup,
        request=request,
        detail={"recommendation": recommendation.pk, "action": action.pk},
    )
    return followup
