"""Case audits (issue 11.1): templates, the monthly programme, audits, moderation, learning.

- An **audit template** is versioned like the assessment framework: a version some audit has
  used is locked, and adapting it (changing, adding, removing or moving a theme or question)
  makes the next version, so every audit keeps the questions it was graded against. `council`
  empty is the default template (`default_template.py`).
- A **programme** is one month's sample of children, drawn by rule from the latest returns with
  a stored seed, so the same sample can be drawn again (`sampling.py`). Each sampled child is an
  `Audit`, naming the child, its worker and team when sampled.
- A manager **allocates** each sampled audit to an auditor with a due date; only that auditor
  (or a manager, before it is begun) carries it out.
- An auditor grades each question and the case overall; a second auditor (never the first)
  **moderates**: their own grade per question and overall, and the final grade. Agreement is
  never stored: it is read from the two grades (`grades.agrees`), so it cannot contradict them.
- **Learning actions** arising from an audit are tracked to completion like a plan action (owner,
  due date, status; RAG by `plans/rag.py`'s rules).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from trajectory.assurance import grades
from trajectory.plans.models import Action
from trajectory.web.dates import govuk_month
from trajectory.web.edit_conflicts import EditVersioned


class AuditTemplate(EditVersioned):
    """A template version. Its edit version goes up on every change made in it, so a change
    saved from a page opened before someone else's is refused (web/edit_conflicts.py)."""

    name = models.CharField(max_length=200)
    version = models.PositiveSmallIntegerField(default=1)
    council = models.ForeignKey(
        "councils.Council",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_templates",
        help_text="Empty for the default template",
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="copies"
    )
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "-version", "id"]
        verbose_name = "audit template"

    def __str__(self) -> str:
        return f"{self.name}, version {self.version}"

    @property
    def is_default(self) -> bool:
        return self.council_id is None

    @property
    def is_locked(self) -> bool:
        """Used by an audit: its questions may no longer change."""
        return Audit.objects.filter(programme__template=self).exists()

    def questions(self):
        return TemplateQuestion.objects.filter(theme__template=self).select_related("theme")


class TemplateTheme(models.Model):
    template = models.ForeignKey(AuditTemplate, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="audit_theme_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class TemplateQuestion(models.Model):
    theme = models.ForeignKey(TemplateTheme, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    scale = models.CharField(max_length=10, choices=grades.Scale.choices)
    guidance = models.TextField(blank=True)

    class Meta:
        ordering = ["theme__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "number"], name="audit_question_number")
        ]

    def __str__(self) -> str:
        return f"{self.theme.number}.{self.number} {self.text}"

    @property
    def reference(self) -> str:
        return f"{self.theme.number}.{self.number}"

    @property
    def grade_choices(self):
        return grades.choices_for(self.scale)


class Programme(models.Model):
    """One month's audit programme: the children sampled by its rules with its seed, from the
    return versions it names, at `sampled_at`."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="audit_programmes"
    )
    month = models.DateField(help_text="The first day of the programme's month")
    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="+")
    seed = models.BigIntegerField(help_text="Draws the same sample again from the same returns")
    rules = models.JSONField(help_text="The sampling rules, as sampling.rules_from_data reads")
    sampled_at = models.DateField(help_text="The date the children were sampled as at")
    ssda903_version = models.ForeignKey(
        "returns.ReturnVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cin_version = models.ForeignKey(
        "returns.ReturnVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team_file = models.ForeignKey(
        "councils.TeamFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(blank=True, help_text="What the sample could not draw, and why")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "-month"]
        verbose_name = "audit programme"
        constraints = [
            models.UniqueConstraint(fields=["council", "month"], name="audit_programme_month")
        ]

    def __str__(self) -> str:
        return f"Audit programme for {govuk_month(self.month)}"


class Audit(EditVersioned):
    """One sampled child's case audit."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted for moderation"
        MODERATED = "moderated", "Moderated"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="audits")
    child_id = models.CharField(max_length=50)
    worker = models.CharField(max_length=50, blank=True, help_text="The child's social worker")
    team = models.CharField(max_length=200, blank=True)
    sample_rule = models.CharField(max_length=30)
    sample_reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Allocated by a manager, or the first to save an unallocated audit",
    )
    due_on = models.DateField(null=True, blank=True, verbose_name="due date")
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    allocated_at = models.DateTimeField(null=True, blank=True)
    overall_grade = models.CharField(
        max_length=30, blank=True, choices=grades.OFSTED_CHOICES, verbose_name="overall grade"
    )
    narrative = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["programme", "team", "child_id"]
        verbose_name = "case audit"
        constraints = [
            models.UniqueConstraint(fields=["programme", "child_id"], name="audit_child_once")
        ]

    def __str__(self) -> str:
        return f"Audit of child {self.child_id} ({govuk_month(self.programme.month)})"

    @property
    def is_done(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.MODERATED)

    @property
    def final_grade(self) -> str:
        """The moderated final grade when moderated, otherwise the auditor's."""
        moderation = getattr(self, "moderation", None)
        if self.status == self.Status.MODERATED and moderation is not None:
            return moderation.final_grade
        return self.overall_grade


class Answer(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(TemplateQuestion, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=30, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["audit", "question__theme__number", "question__number"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "question"], name="audit_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.audit}: {self.question.reference}"


class Moderation(EditVersioned):
    """A second auditor's grades of the same case; agreement is read from the two grades."""

    audit = models.OneToOneField(Audit, on_delete=models.CASCADE, related_name="moderation")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    overall_grade = models.CharField(
        max_length=30, choices=grades.OFSTED_CHOICES, verbose_name="moderator's overall grade"
    )
    final_grade = models.CharField(
        max_length=30, choices=grades.OFSTED_CHOICES, verbose_name="final grade"
    )
    narrative = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "moderation"

    @property
    def agrees_overall(self) -> bool:
        return grades.agrees(self.audit.overall_grade, self.overall_grade)


class ModerationAnswer(models.Model):
    moderation = models.ForeignKey(Moderation, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(TemplateQuestion, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=30)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["moderation", "question__theme__number", "question__number"]
        constraints = [
            models.UniqueConstraint(fields=["moderation", "question"], name="moderation_answer")
        ]

    def __str__(self) -> str:
        return f"{self.moderation.audit}: moderation of {self.question.reference}"


class LearningAction(EditVersioned):
    """Something to do that an audit found, tracked to completion like a plan action."""

    Status = Action.Status

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="learning_actions")
    title = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(verbose_name="due date")
    status = models.CharField(max_length=20, choices=Action.Status.choices, default="not_started")
    completed_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = "learning action"

    def __str__(self) -> str:
        return self.title
