"""Reads of the intervention's record and the recommendation, scoped by council: everyone with
a role in the council reads them (`view_council`), the DfE official included."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from trajectory.councils.permissions import require
from trajectory.intervention import events
from trajectory.intervention.models import (
    FollowUp,
    InterventionEvent,
    Recommendation,
    RecommendationOption,
)
from trajectory.intervention.options import options_seed
from trajectory.plans import selectors as plan_selectors


@dataclass
class Timeline:
    """The council's intervention as its events show it."""

    events: list[InterventionEvent]  # every event, corrected ones included, in date order
    counted: list[InterventionEvent]
    trust_steps: list[events.TrustStep]
    trust_status: str

    @property
    def trust_status_label(self) -> str:
        return events.TRUST_STATUS_LABELS[self.trust_status]

    @property
    def directions(self) -> list[InterventionEvent]:
        return [e for e in self.counted if e.kind in ("direction_issued", "direction_renewed")]

    @property
    def latest_direction(self) -> InterventionEvent | None:
        return self.directions[-1] if self.directions else None

    @property
    def trust_events(self) -> list[InterventionEvent]:
        return [step.event for step in self.trust_steps]


def intervention_timeline(user, council) -> Timeline:
    require(user, "view_council", council)
    every = list(
        InterventionEvent.objects.filter(council=council)
        .select_related("recorded_by", "corrects")
        .order_by("occurred_on", "recorded_at", "id")
    )
    corrected = {e.corrects_id for e in every if e.corrects_id}
    counted = [e for e in every if e.pk not in corrected]
    for event in every:
        event.is_corrected = event.pk in corrected
    steps = events.trust_course(counted)
    return Timeline(
        events=every,
        counted=counted,
        trust_steps=steps,
        trust_status=steps[-1].status if steps else events.NO_PROPOSAL,
    )


def event_for(user, council, event_id: int) -> InterventionEvent:
    require(user, "view_council", council)
    event = InterventionEvent.objects.filter(council=council, pk=event_id).first()
    if event is None:
        raise Http404("No such event")
    return event


def options_offered() -> QuerySet[RecommendationOption]:
    """The active options; the defaults are made first where none exist at all (a database
    emptied since its migrations ran, as a test's flush does), so the form never offers none."""
    if not RecommendationOption.objects.exists():
        options_seed(RecommendationOption)
    return RecommendationOption.objects.filter(active=True)


# Recommendations -----------------------------------------------------------------------------


@dataclass
class FollowUpRow:
    followup: FollowUp
    row: plan_selectors.ActionRow

    @property
    def action(self):
        return self.row.action

    @property
    def rag(self):
        return self.row.rag


@dataclass
class RecommendationView:
    """A review's recommendation: its newest version, the earlier ones, the follow-ups."""

    current: Recommendation
    earlier: list[Recommendation]
    followups: list[FollowUpRow] = field(default_factory=list)

    @property
    def review(self):
        return self.current.review


def _recommendations(council) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.filter(council=council)
        .select_related("review__framework", "option", "recorded_by", "supersedes")
        .prefetch_related("review__domains__domain")
    )


def recommendation_for(user, council, recommendation_id: int) -> Recommendation:
    require(user, "view_council", council)
    found = _recommendations(council).filter(pk=recommendation_id).first()
    if found is None:
        raise Http404("No such recommendation")
    return found


def latest_recommendation(user, council) -> Recommendation | None:
    """The newest version of the recommendation on the newest reviewed date."""
    require(user, "view_council", council)
    return _recommendations(council).order_by("-review__as_at", "-made_on", "-version").first()


def recommendation_view(
    user, council, recommendation: Recommendation, *, today: date
) -> RecommendationView:
    """The chain the recommendation belongs to, newest first, and its follow-ups with RAG."""
    require(user, "view_council", council)
    if recommendation.council_id != council.pk:
        raise Http404("No such recommendation")
    chain = list(
        _recommendations(council).filter(review_id=recommendation.review_id).order_by("-version")
    )
    followups = list(
        FollowUp.objects.filter(council=council, recommendation__in=chain)
        .select_related("action__priority__plan", "action__owner", "recommendation")
        .order_by("action__due_on", "id")
    )
    return RecommendationView(
        current=chain[0],
        earlier=chain[1:],
        followups=[
            FollowUpRow(f, plan_selectors.action_detail(user, f.action, today=today))
            for f in followups
        ],
    )


def recommendations_all(user, council) -> list[Recommendation]:
    """Every recommendation the council has had, newest first (each review's newest version)."""
    require(user, "view_council", council)
    return [
        rec
        for rec in _recommendations(council).order_by("-review__as_at", "-version")
        if not rec.is_superseded
    ]


def followup_action_ids(council) -> set[int]:
    """The plan actions that are the Commissioner's follow-ups (for the plan's watch list)."""
    return set(FollowUp.objects.filter(council=council).values_list("action_id", flat=True))


def final_reviews_without_recommendation(user, council) -> list:
    """The council's final, current reviews that have no recommendation yet, newest first."""
    from trajectory.assessment.models import Review

    require(user, "view_council", council)
    return list(
        Review.objects.filter(council=council, status=Review.Status.FINAL, superseded_at=None)
        .exclude(recommendations__isnull=False)
        .select_related("framework")
        .order_by("-as_at", "-version")
    )


def final_review_for(user, council, review_id: int):
    from trajectory.assessment.models import Review

    require(user, "view_council", council)
    review = (
        Review.objects.filter(council=council, pk=review_id).select_related("framework").first()
    )
    if review is None:
        raise Http404("No such review")
    return review


# As JSON, for the command line ---------------------------------------------------------------


def _person(user) -> str | None:
    return (user.get_full_name() or user.username) if user is not None else None


def recommendation_as_json(user, council, *, today: date) -> dict | None:
    """The latest recommendation with its follow-up actions, earlier versions and the trust
    status the intervention record shows; None when there is none."""
    latest = latest_recommendation(user, council)
    if latest is None:
        return None
    view = recommendation_view(user, council, latest, today=today)
    rec, review = view.current, view.current.review
    timeline = intervention_timeline(user, council)

    def version(r: Recommendation) -> dict:
        return {
            "version": r.version,
            "option": r.option.key,
            "option_label": r.option.label,
            "made_on": r.made_on.isoformat(),
            "rationale": r.rationale,
            "conditions": r.conditions,
            "correction_reason": r.correction_reason,
            "recorded_by": _person(r.recorded_by),
            "recorded_at": r.recorded_at.isoformat(),
            "superseded": r.is_superseded,
        }

    return {
        "council": council.code,
        "id": rec.pk,
        **version(rec),
        "review": {
            "id": review.pk,
            "kind": review.kind,
            "as_at": review.as_at.isoformat(),
            "status": review.status,
            "version": review.version,
            "framework": str(review.framework),
        },
        "follow_ups": [
            {
                "action": row.action.reference,
                "action_id": row.action.pk,
                "title": row.action.title,
                "owner": row.action.owner_display or None,
                "due_on": row.action.due_on.isoformat(),
                "status": row.action.status,
                "status_label": row.action.get_status_display(),
                "rag": row.rag.key,
                "rag_colour": row.rag.colour,
                "rag_label": row.rag.label,
            }
            for row in view.followups
        ],
        "earlier_versions": [version(old) for old in view.earlier],
        "trust_status": timeline.trust_status,
        "trust_status_label": timeline.trust_status_label,
        "as_at": today.isoformat(),
    }


def event_as_json(event: InterventionEvent) -> dict:
    return {
        "id": event.pk,
        "kind": event.kind,
        "kind_label": event.kind_label,
        "occurred_on": event.occurred_on.isoformat(),
        "issued_by": event.issued_by,
        "appointee": event.appointee,
        "summary": event.summary,
        "period_ends_on": event.period_ends_on.isoformat() if event.period_ends_on else None,
        "reference": event.reference,
        "corrects": event.corrects_id,
        "correction_reason": event.correction_reason,
        "counted": not getattr(event, "is_corrected", False),
        "recorded_by": _person(event.recorded_by),
    }


# As at a date, for papers (issue 12.5) ----------------------------------------------------------


def intervention_timeline_at(user, council, as_at: date) -> Timeline:
    """The intervention as its record stood at `as_at`: the events dated on or before it. A
    correction puts the record right for every date, so an event since corrected is not counted
    whenever the correction was recorded."""
    timeline = intervention_timeline(user, council)
    every = [event for event in timeline.events if event.occurred_on <= as_at]
    counted = [event for event in timeline.counted if event.occurred_on <= as_at]
    steps = events.trust_course(counted)
    return Timeline(
        events=every,
        counted=counted,
        trust_steps=steps,
        trust_status=steps[-1].status if steps else events.NO_PROPOSAL,
    )


def recommendation_at(user, council, as_at: date) -> Recommendation | None:
    """The recommendation in force at `as_at`: on the latest review, the newest version made on
    or before the date (a correction made later is not yet in force)."""
    require(user, "view_council", council)
    return (
        _recommendations(council)
        .filter(made_on__lte=as_at, review__as_at__lte=as_at)
        .order_by("-review__as_at", "-version", "-made_on", "-id")
        .first()
    )


@dataclass(frozen=True)
class FollowUpAt:
    """A follow-up as it stood at a date: its status and RAG then, and the owner's latest update
    by then."""

    action: object  # plans.Action
    status: str
    status_label: str
    rag: object  # plans.rag.Rag
    latest_update: object | None  # plans.ProgressUpdate


class _NoUpdate:
    """Stands for "no update by then" so `action_rag` does not read a later one: never off
    track, and too old to count as recent."""

    progress = ""
    on = date.min


def followups_at(user, council, recommendation: Recommendation, as_at: date) -> list[FollowUpAt]:
    """The recommendation's follow-ups (every version of its chain made by `as_at`) as they stood
    at `as_at`, by due date, rated by `plans.rag` on that day from the updates given by then.
    The status then: complete if completed by then; otherwise, where the action was completed
    later or updated since, the status its owner's latest update by then gave (not started when
    none had been); otherwise its status now, as nothing since says it changed (a status edited
    without an update leaves no dated trace to go back to)."""
    from trajectory.plans import rag as rag_rules
    from trajectory.plans.models import Action

    require(user, "view_council", council)
    chain = _recommendations(council).filter(review_id=recommendation.review_id, made_on__lte=as_at)
    followups = (
        FollowUp.objects.filter(council=council, recommendation__in=chain)
        .select_related("action__priority__plan", "action__owner")
        .prefetch_related("action__updates")
        .order_by("action__due_on", "id")
    )
    labels = dict(Action.Status.choices)
    rows = []
    for followup in followups:
        action = followup.action
        updates = sorted(action.updates.all(), key=lambda u: (u.on, u.at, u.pk), reverse=True)
        known = [update for update in updates if update.on <= as_at]
        latest = known[0] if known else None
        completed_by_then = action.completed_on is not None and action.completed_on <= as_at
        if action.status == Action.Status.COMPLETE and completed_by_then:
            status = Action.Status.COMPLETE
        elif action.status != Action.Status.COMPLETE and len(known) == len(updates):
            status = action.status
        elif latest is None:
            status = Action.Status.NOT_STARTED
        elif latest.status == Action.Status.COMPLETE:
            status = Action.Status.IN_PROGRESS
        else:
            status = latest.status
        then = Action(
            priority=action.priority,
            number=action.number,
            title=action.title,
            due_on=action.due_on,
            status=status,
        )
        rating = rag_rules.action_rag(then, today=as_at, latest_update=latest or _NoUpdate())
        rows.append(FollowUpAt(action, status, labels.get(status, status), rating, latest))
    return rows
