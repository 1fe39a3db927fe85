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
    return Recommendation.objects.filter(council=council).select_related(
        "review__framework", "option", "recorded_by", "supersedes"
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
