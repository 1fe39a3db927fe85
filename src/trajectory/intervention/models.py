"""The statutory intervention's record and the Commissioner's recommendation (issue 9.4).

Every row here is evidence of what the minister, the DfE or the Commissioner decided, so none is
changed in place: an event recorded in error is corrected by a new event naming it, and a
recommendation is corrected by a new version with its reason, the old one kept.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from trajectory.audit.append_only import AppendOnlyModel
from trajectory.intervention import events


class InterventionEvent(AppendOnlyModel):
    """One dated step of a council's intervention: a direction, an appointment, the trust
    proposal's course. The trust's status is worked out from these (`events.trust_status`)."""

    changed_message = "An intervention event is never changed: record a correction instead."
    deleted_message = "An intervention event is never deleted: record a correction instead."

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="intervention_events"
    )
    kind = models.CharField(max_length=40, choices=events.CHOICES)
    occurred_on = models.DateField("date", help_text="The date of the letter, direction or report")
    issued_by = models.CharField(
        "issued or made by",
        max_length=200,
        blank=True,
        help_text="For example, the Minister for Children and Families",
    )
    appointee = models.CharField(
        max_length=200, blank=True, help_text="The person or body appointed"
    )
    summary = models.TextField(
        "what it says or requires",
        help_text="What the direction requires, or what the letter or report decides",
    )
    period_ends_on = models.DateField(
        "until", null=True, blank=True, help_text="The end of the period it sets, if any"
    )
    reference = models.CharField(
        "document or paper reference",
        max_length=300,
        blank=True,
        help_text="The letter, direction or report, as it is cited",
    )
    corrects = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrected_by",
        help_text="The event this one corrects, which is kept but no longer counted",
    )
    correction_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "occurred_on", "recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""),
                name="intervention_event_correction_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} ({self.occurred_on:%d %B %Y})"

    @property
    def kind_label(self) -> str:
        return events.get(self.kind).label

    @property
    def is_trust(self) -> bool:
        return events.get(self.kind).is_trust


class RecommendationOption(models.Model):
    """What a Commissioner may recommend to the minister. Seeded with the five the issue names;
    an administrator may add, reword or deactivate options, and one a recommendation has used is
    never deleted (the recommendation protects it)."""

    key = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Offered when a recommendation is made")

    class Meta:
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class Recommendation(AppendOnlyModel):
    """The Commissioner's recommendation to the minister on one final review.

    Never changed in place: a correction is a new version (`supersedes` the one before, with
    its reason), and the old one is kept and shown as superseded. The newest version of a
    review's chain is its recommendation; the newest review's is the council's latest."""

    changed_message = "A recommendation is never changed: record a corrected version instead."
    deleted_message = "A recommendation is never deleted: record a corrected version instead."

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="recommendations"
    )
    review = models.ForeignKey(
        "assessment.Review", on_delete=models.PROTECT, related_name="recommendations"
    )
    option = models.ForeignKey(
        RecommendationOption,
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name="recommendation",
    )
    made_on = models.DateField("date made", help_text="The date of the Commissioner's report")
    rationale = models.TextField(help_text="Why: what the evidence across the domains shows")
    conditions = models.TextField(
        blank=True, help_text="What the recommendation depends on, for example continued support"
    )
    version = models.PositiveSmallIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        help_text="The version this one corrects",
    )
    correction_reason = models.TextField("reason for the correction", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "-made_on", "-version", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "version"], name="recommendation_version_unique_per_review"
            ),
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True) | ~Q(correction_reason=""),
                name="recommendation_correction_has_reason",
            ),
        ]

    def __str__(self) -> str:
        version = f", version {self.version}" if self.version > 1 else ""
        return f"Recommendation on the {self.review}{version}"

    @property
    def is_superseded(self) -> bool:
        return hasattr(self, "superseded_by")

    # What the lost-update check (web/edit_conflicts) reads: a version, who made it and when.
    @property
    def edit_version(self) -> int:
        return self.version

    @property
    def changed_by(self):
        return self.recorded_by

    @property
    def changed_at(self):
        return self.recorded_at


class FollowUp(models.Model):
    """A follow-up the recommendation asks for, tracked as an action of the council's plan so it
    has an owner, a due date, RAG and monthly updates, and appears on the plan's watch list."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="followups"
    )
    action = models.OneToOneField(
        "plans.Action", on_delete=models.PROTECT, related_name="commissioner_followup"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = "follow-up"

    def __str__(self) -> str:
        return f"Follow-up {self.action.reference}"
