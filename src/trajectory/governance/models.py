"""Boards and committees, their members, meetings, agendas, decisions, the action log and the
plan's approval journey (issue 9.5). Kinds are data in `catalogue.py`; ratings (overdue) are
never stored but worked out by `rag.py`, as for plan actions.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from trajectory.governance import catalogue
from trajectory.plans.models import Action as PlanAction
from trajectory.web.edit_conflicts import EditVersioned


class Body(EditVersioned):
    """A board, panel or committee of one council, e.g. the Improvement Board."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=catalogue.BODY_KIND_CHOICES)
    chair_name = models.CharField("chair", max_length=200, blank=True)
    chair_organisation = models.CharField("chair's organisation", max_length=200, blank=True)
    chair_independent = models.BooleanField("independent chair", default=False)
    from_on = models.DateField("from", null=True, blank=True)
    to_on = models.DateField("to", null=True, blank=True)

    class Meta:
        ordering = ["council", "name"]
        verbose_name = "body"
        verbose_name_plural = "bodies"
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="body_name_unique"),
            models.CheckConstraint(
                condition=Q(to_on__isnull=True)
                | Q(from_on__isnull=True)
                | Q(to_on__gte=models.F("from_on")),
                name="body_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_info(self) -> catalogue.BodyKind:
        return catalogue.BODY_KIND_BY_KEY.get(self.kind, catalogue.BODY_KIND_BY_KEY["other"])


class Member(EditVersioned):
    """A person on a body, with their organisation and role there."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    organisation_kind = models.CharField(
        "kind of organisation", max_length=30, choices=catalogue.ORGANISATION_KIND_CHOICES
    )
    role = models.CharField("role on the body", max_length=200, blank=True)
    from_on = models.DateField("from", null=True, blank=True)
    to_on = models.DateField("to", null=True, blank=True)

    class Meta:
        ordering = ["body", "name", "id"]
        verbose_name = "member"

    def __str__(self) -> str:
        return f"{self.name}, {self.organisation}"

    def clean(self) -> None:
        """A member's time on the body ends on or after it starts (as a body's own dates)."""
        if self.from_on and self.to_on and self.to_on < self.from_on:
            raise ValidationError({"to_on": "The end date must be on or after the start date."})

    @property
    def attends_internal(self) -> bool:
        kind = catalogue.ORGANISATION_KIND_BY_KEY.get(self.organisation_kind)
        return bool(kind and kind.internal)

    def serves_on(self, day) -> bool:
        return (self.from_on is None or self.from_on <= day) and (
            self.to_on is None or self.to_on >= day
        )


class Meeting(EditVersioned):
    """One meeting of a body. Its minutes are drafted for it and approved at a later meeting
    of the same body (normally the next)."""

    class Minutes(models.TextChoices):
        NONE = "none", "Not yet drafted"
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField("date")
    kind = models.CharField("meeting", max_length=20, choices=list(catalogue.MEETING_KINDS.items()))
    title = models.CharField(max_length=200, blank=True)
    minutes = models.TextField(blank=True)
    minutes_document = models.ForeignKey(
        "plans.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minutes_status = models.CharField(
        "minutes", max_length=20, choices=Minutes.choices, default=Minutes.NONE
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_minutes_of",
        verbose_name="minutes approved at",
    )

    class Meta:
        ordering = ["body", "held_on", "id"]
        verbose_name = "meeting"

    def __str__(self) -> str:
        from trajectory.web.dates import govuk_date

        return f"{self.body.name}, {govuk_date(self.held_on)}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=20, choices=catalogue.ATTENDANCE_CHOICES)

    class Meta:
        ordering = ["meeting", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.member.name}: {self.get_status_display()}"


class AgendaItem(EditVersioned):
    """A numbered item on a meeting's agenda, optionally about something in Trajectory (a
    subject kind of `subjects.py` and its reference: an indicator id or a record's id)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    presenter = models.CharField(max_length=200, blank=True)
    subject_kind = models.CharField("discusses", max_length=40, blank=True)
    subject_ref = models.CharField(max_length=60, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = "agenda item"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_number_unique")
        ]

    def __str__(self) -> str:
        return f"Item {self.number}: {self.title}"


class Paper(models.Model):
    """A paper tabled for an agenda item: a stored document (plans.Document, PDF or Word)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    document = models.ForeignKey("plans.Document", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "added_at", "id"]

    def __str__(self) -> str:
        return self.title or self.document.original_name


class Decision(EditVersioned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    text = models.TextField("decision")

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = "decision"

    def __str__(self) -> str:
        return f"Decision {self.pk}"


class BoardAction(EditVersioned):
    """An action a meeting raised, on the action log across the council's bodies."""

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    title = models.CharField("action", max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_name = models.CharField("owner's name or job title", max_length=200, blank=True)
    due_on = models.DateField("due date")
    status = models.CharField(
        max_length=20, choices=PlanAction.Status.choices, default=PlanAction.Status.NOT_STARTED
    )
    completed_on = models.DateField("date completed", null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = "board action"

    def __str__(self) -> str:
        return f"Board action {self.pk}"

    @property
    def owner_display(self) -> str:
        if self.owner_name:
            return self.owner_name
        if self.owner:
            return self.owner.get_full_name() or self.owner.username
        return ""


class ApprovalStep(EditVersioned):
    """One dated step of a plan's approval journey (catalogue.APPROVAL_STEPS), with the
    meeting it happened at and its paper."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="+")
    step = models.CharField(max_length=40, choices=catalogue.APPROVAL_STEP_CHOICES)
    happened_on = models.DateField("date")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="approval_steps"
    )
    paper = models.ForeignKey(
        "plans.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=40, blank=True, choices=catalogue.OUTCOME_CHOICES)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "happened_on", "id"]
        verbose_name = "approval step"
        constraints = [models.UniqueConstraint(fields=["plan", "step"], name="approval_step_once")]

    def __str__(self) -> str:
        return self.get_step_display()
