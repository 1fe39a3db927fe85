"""The improvement plan: priorities answering Ofsted's findings, actions, milestones, monthly
updates, the evidence each cites and the history of every change.

RAG ratings are never stored: `rag.py` computes them from dates, status and the latest update,
so a rating can never go stale between visits.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property

from trajectory.audit.append_only import AppendOnlyModel
from trajectory.web.edit_conflicts import EditVersioned


class Plan(models.Model):
    """A council's improvement plan, usually made in answer to one inspection or visit."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200)
    inspection = models.ForeignKey(
        "inspections.Inspection",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
        help_text="The inspection or visit whose findings the plan answers",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    deadline_from = models.DateField(
        null=True, blank=True, help_text="The date statutory deadlines are counted from"
    )
    draft_due_on = models.DateField(
        null=True, blank=True, help_text="Draft plan due (focused-visit priority actions)"
    )
    final_due_on = models.DateField(null=True, blank=True, help_text="Action plan due")
    deadline_rule = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["council", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Priority(EditVersioned):
    """One improvement priority, usually answering one area for improvement Ofsted named."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    finding = models.ForeignKey(
        "inspections.Finding",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="priorities",
        help_text="The area for improvement this priority answers",
    )
    outcomes_sought = models.TextField(blank=True, help_text="What will be different for children")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_priorities",
    )
    lead_name = models.CharField(max_length=200, blank=True, help_text="e.g. Head of Service")

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="priority_number_unique")
        ]

    def __str__(self) -> str:
        return f"Priority {self.number}: {self.title}"

    @property
    def lead_display(self) -> str:
        if self.lead_name or self.lead is None:
            return self.lead_name
        return self.lead.get_full_name() or self.lead.username


class Action(EditVersioned):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"
        BLOCKED = "blocked", "Blocked"
        CANCELLED = "cancelled", "Cancelled"

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_actions",
    )
    owner_name = models.CharField(
        max_length=200, blank=True, help_text="An owner outside Trajectory, or their job title"
    )
    start_on = models.DateField(null=True, blank=True)
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    completed_on = models.DateField(null=True, blank=True)
    depends_on = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="dependants"
    )

    class Meta:
        ordering = ["priority__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "number"], name="action_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        """How councils cite actions in plans and board papers, e.g. 3.2."""
        return f"{self.priority.number}.{self.number}"

    @property
    def owner_display(self) -> str:
        if self.owner_name:
            return self.owner_name
        if self.owner:
            return self.owner.get_full_name() or self.owner.username
        return ""


class Milestone(EditVersioned):
    """A checkpoint on the way to an action or priority, e.g. "new front door live"."""

    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="milestones"
    )
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(max_length=300)
    due_on = models.DateField()
    achieved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(action__isnull=False) & Q(priority__isnull=True))
                | (Q(action__isnull=True) & Q(priority__isnull=False)),
                name="milestone_belongs_to_one",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ProgressUpdate(models.Model):
    """The monthly narrative an action owner gives, with the action's status at that time."""

    class Progress(models.TextChoices):
        ON_TRACK = "on_track", "On track"
        OFF_TRACK = "off_track", "Off track"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    month = models.DateField(help_text="First day of the month the update reports on")
    narrative = models.TextField()
    # No default: no answer is chosen until the user chooses one (issue 7.5).
    progress = models.CharField(max_length=20, choices=Progress.choices)
    status = models.CharField(max_length=20, choices=Action.Status.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    on = models.DateField(help_text="The day the update was given (the plan's clock)")

    class Meta:
        ordering = ["-on", "-at", "-id"]

    def __str__(self) -> str:
        return f"{self.action.reference} {self.month:%B %Y}"


class Document(models.Model):
    """An uploaded PDF or Word file, stored once by content hash and never changed."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="plan_documents"
    )
    sha256 = models.CharField(max_length=64)
    storage_key = models.CharField(max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["council", "sha256"], name="document_unique_content")
        ]

    def __str__(self) -> str:
        return self.original_name


class EvidenceLink(models.Model):
    """Something a priority or action cites to show it is working. Removal keeps the row."""

    class Kind(models.TextChoices):
        INDICATOR = "indicator", "Indicator"
        FINDING = "finding", "Ofsted finding"
        DOCUMENT = "document", "Document"
        RECORD = (
            "record",
            "A record in Trajectory: an audit result, a survey result, an engagement event, ...",
        )
        OTHER = "other", "Other"

    # Kinds of the evidence registry a plan cites first-class (each its own radio and field),
    # left out of the records so there is one way to cite each thing.
    FIRST_CLASS_KINDS = ("indicator", "finding", "document")

    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    indicator_id = models.CharField(max_length=60, blank=True)
    finding = models.ForeignKey(
        "inspections.Finding", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="links"
    )
    # A record cited through the assessment evidence registry (issue 11.6): the kind's key in
    # assessment.evidence.EVIDENCE_KINDS, the record's ref within it, and the label it was
    # chosen by (kept, so the history still names it when the record has gone).
    record_kind = models.CharField(max_length=40, blank=True)
    record_ref = models.CharField(max_length=100, blank=True)
    record_label = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(action__isnull=False) & Q(priority__isnull=True))
                | (Q(action__isnull=True) & Q(priority__isnull=False)),
                name="evidence_belongs_to_one",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} evidence {self.pk}"

    @property
    def kind_label(self) -> str:
        """The kind as the page names it: a cited record by its kind in the registry."""
        if self.kind == self.Kind.RECORD:
            from trajectory.assessment import evidence

            entry = evidence.EVIDENCE_KINDS.get(self.record_kind)
            return entry.label if entry else "Record"
        return self.get_kind_display()

    @property
    def council(self):
        return (self.action.priority if self.action_id else self.priority).plan.council

    @cached_property
    def record_now(self) -> dict | None:
        """A cited record's snapshot on the plan's today (label, value, detail, as_at), with
        its page as `url` where its kind gives one; None for the other kinds."""
        if self.kind != self.Kind.RECORD:
            return None
        from trajectory.assessment import evidence
        from trajectory.plans import clock
        from trajectory.web.dates import parse_iso_date

        council = self.council
        shown = dict(evidence.current(council, self.record_kind, self.record_ref, clock.today()))
        shown["url"] = evidence.url(council, self.record_kind, self.record_ref)
        shown["as_at_date"] = parse_iso_date(str(shown.get("as_at", "")))
        return shown


class ChangeRecord(AppendOnlyModel):
    """One field of one plan object changed: who, when, before and after. Append-only.

    The Commissioner and Ofsted ask what changed between visits; this answers them.
    """

    changed_message = "Change records are append-only and cannot be changed."
    deleted_message = "Change records are append-only and cannot be deleted."

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="changes")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    operation = models.CharField(max_length=20, help_text="created, changed or removed")
    object_type = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    object_label = models.CharField(max_length=300)
    field = models.CharField(max_length=60)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.object_label} {self.field}"
