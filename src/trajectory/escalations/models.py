"""Partners' concerns and their escalation (issue 9.6).

A concern is raised by a partner (a school, health, the police, a district council, an MP, the
Improvement Board's school representative) about a child's case or a theme, and goes through
the escalation procedure's steps (`catalogue.PROCEDURE`), each reached and closed on a date,
until the case is reviewed and a written response is sent. Due dates, overdue flags and
response times are never stored: `timescales.py` works them out from the dates, so they never
go stale.

The children a concern names are child-level data and live apart, in `ConcernChild`, read only
through `selectors.concern_children`, which checks `view_child_level` and audits each view.
"""

from django.conf import settings
from django.db import models

from trajectory.escalations import catalogue
from trajectory.web.edit_conflicts import EditVersioned


class Concern(EditVersioned):
    class About(models.TextChoices):
        CASE = "case", "A child's case"
        THEME = "theme", "A theme across cases"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "Upheld"
        PARTLY_UPHELD = "partly_upheld", "Partly upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="concerns"
    )
    number = models.PositiveIntegerField(help_text="The council's own running number")
    raised_by_name = models.CharField("raised by", max_length=200)
    raised_by_organisation = models.CharField("organisation", max_length=200, blank=True)
    partner_kind = models.CharField(
        "kind of partner", max_length=30, choices=catalogue.partner_kind_choices()
    )
    raised_on = models.DateField("date raised")
    about = models.CharField(max_length=10, choices=About.choices, default=About.CASE)
    theme = models.CharField(max_length=30, choices=catalogue.theme_choices())
    summary = models.TextField()
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_concerns",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    review_outcome = models.CharField(
        "outcome of the case review", max_length=20, choices=Outcome.choices, blank=True
    )
    review_findings = models.TextField("findings", blank=True)
    reviewed_on = models.DateField("date reviewed", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    response_sent_on = models.DateField("date response sent", null=True, blank=True)
    response_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="response sent by",
    )
    response_summary = models.TextField("response", blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "-raised_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="concern_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.get_theme_display()}"

    @property
    def reference(self) -> str:
        return f"Concern {self.number}"

    @property
    def raised_by_display(self) -> str:
        if self.raised_by_organisation:
            return f"{self.raised_by_name}, {self.raised_by_organisation}"
        return self.raised_by_name

    @property
    def assigned_to_display(self) -> str:
        if self.assigned_to is None:
            return ""
        return self.assigned_to.get_full_name() or self.assigned_to.get_username()


class ConcernStep(models.Model):
    """One stage of the procedure a concern reached, and when it left it."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField("stage", choices=catalogue.step_choices())
    reached_on = models.DateField("date reached")
    closed_on = models.DateField("date closed", null=True, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["concern", "number"]
        constraints = [
            models.UniqueConstraint(fields=["concern", "number"], name="concern_step_unique")
        ]

    def __str__(self) -> str:
        return f"{self.concern.reference}, stage {self.number}"

    @property
    def step(self) -> catalogue.Step:
        return catalogue.step(self.number)


class ConcernChild(models.Model):
    """A child a concern names, by the council's own identifier for them (the LA child id).

    Child-level data: never on the log, the themes or a download, never in the history or the
    audit detail; shown only through `selectors.concern_children` (`view_child_level`,
    audited). No reverse accessor on Concern, so a template cannot reach them by accident."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="+")
    child_identifier = models.CharField("child's identifier", max_length=40)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["concern", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["concern", "child_identifier"], name="concern_child_unique"
            )
        ]

    def __str__(self) -> str:
        return f"A child named by concern {self.concern_id}"
