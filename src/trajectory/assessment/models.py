"""The Commissioner's assessment framework (issue 9.1-9.3).

A framework is a versioned template of domains, each with a criterion and guidance, and an
ordered rating scale it declares. A review is one council's progress against one framework
version at one date: per domain the council's self-assessment and the Commissioner's calibrated
opinion, each citing evidence. Agreement between the two is never stored: `agreement.py`
derives it from the two ratings' places on the framework's scale, so it cannot contradict them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from trajectory.web.dates import govuk_date
from trajectory.web.edit_conflicts import EditVersioned


class Framework(models.Model):
    """One version of a framework. `council` empty is the national default template.

    A version some review has used is locked: adapting it makes the next version, so every
    review keeps the criteria it was judged against."""

    name = models.CharField(max_length=200)
    version = models.PositiveSmallIntegerField(default=1)
    council = models.ForeignKey(
        "councils.Council",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessment_frameworks",
        help_text="Empty for the national default template",
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="copies"
    )
    rating_scale = models.JSONField(
        help_text="The ratings this framework uses, lowest first (a list of labels)"
    )
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "-version", "id"]

    def __str__(self) -> str:
        return f"{self.name}, version {self.version}"

    @property
    def label(self) -> str:
        return str(self)

    @property
    def is_default(self) -> bool:
        return self.council_id is None

    @property
    def is_locked(self) -> bool:
        """Used by a review: its wording may no longer change."""
        return self.reviews.exists()


class FrameworkDomain(models.Model):
    """One domain: what there should be evidence of, and how to judge it."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="domains")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    criterion = models.TextField(help_text='What there should be evidence of: "There should be…"')
    guidance = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="framework_domain_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Review(models.Model):
    """One council's review against a framework version at a date.

    draft → council_submitted → commissioner_opinion → final. Final is read-only; a correction
    is a new version of the review (`corrects` the old one, with a reason), and the old one is
    marked superseded and stays readable."""

    class Kind(models.TextChoices):
        MID_YEAR = "mid_year", "Mid-year review"
        FINAL = "final", "Final review"
        QUARTERLY = "quarterly", "Quarterly review"
        AD_HOC = "ad_hoc", "Ad hoc review"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft: the council is writing its self-assessment"
        COUNCIL_SUBMITTED = "council_submitted", "Council submitted: the Commissioner is writing"
        COMMISSIONER_OPINION = "commissioner_opinion", "Commissioner's opinion given"
        FINAL = "final", "Final"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="assessment_reviews"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    as_at = models.DateField(help_text="The date the review assesses the council at")
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveSmallIntegerField(default=1)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    correction_reason = models.TextField(blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opinion_at = models.DateTimeField(null=True, blank=True)
    opinion_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["council", "-as_at", "-version", "-id"]

    def __str__(self) -> str:
        version = f", version {self.version}" if self.version > 1 else ""
        return f"{self.get_kind_display()} at {govuk_date(self.as_at)}{version}"

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    @property
    def is_superseded(self) -> bool:
        return self.superseded_at is not None

    @property
    def is_read_only(self) -> bool:
        return self.is_final or self.is_superseded


class DomainAssessment(EditVersioned):
    """One domain of one review: the council's self-assessment beside the Commissioner's
    calibrated opinion. Ratings are labels from the framework's scale ('' not yet rated)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="domains")
    domain = models.ForeignKey(FrameworkDomain, on_delete=models.PROTECT, related_name="+")
    self_rating = models.CharField(max_length=100, blank=True)
    self_narrative = models.TextField(blank=True)
    self_evidence = models.TextField(
        blank=True, help_text="The evidence the council points to, in its own words"
    )
    opinion_rating = models.CharField(max_length=100, blank=True)
    opinion_narrative = models.TextField(blank=True)
    opinion_caveats = models.TextField(
        blank=True, help_text='For example "the QA framework is embedding rather than embedded"'
    )

    class Meta:
        ordering = ["review", "domain__number"]
        verbose_name = "domain assessment"
        constraints = [
            models.UniqueConstraint(
                fields=["review", "domain"], name="domain_assessment_unique_per_review"
            )
        ]

    def __str__(self) -> str:
        return f"{self.review}: {self.domain}"


class EvidenceCitation(models.Model):
    """Something already in the system that a self-assessment or an opinion cites.

    While the review is open the page shows the live value (`evidence.current`); when it is
    finalised `snapshot` freezes what was shown, with the run and return version it came from.
    """

    class Side(models.TextChoices):
        SELF = "self", "Self-assessment"
        OPINION = "opinion", "Commissioner's opinion"

    domain_assessment = models.ForeignKey(
        DomainAssessment, on_delete=models.CASCADE, related_name="citations"
    )
    side = models.CharField(max_length=10, choices=Side.choices)
    kind = models.CharField(max_length=40, help_text="A kind in evidence.EVIDENCE_KINDS")
    ref = models.CharField(max_length=100, help_text="The cited thing's id within its kind")
    note = models.TextField(blank=True)
    snapshot = models.JSONField(null=True, blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["domain_assessment", "side", "id"]
        verbose_name = "evidence citation"

    def __str__(self) -> str:
        return f"{self.kind} {self.ref}"

    @property
    def is_frozen(self) -> bool:
        return self.snapshot is not None
