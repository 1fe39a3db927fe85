"""Supervision of social workers and management oversight of children's cases (issue 11.3).

- `SupervisionPolicy`: one per council, the lock every change of the standard takes (two people
  changing the standard at once never lose a change) and where the versions hang.
- `SupervisionStandard`: one version of the council's standard, applying from a date; never
  edited, a change is a new version (`schedule` keeps old periods on their own version).
- `SupervisionWorker`: what the council records about a worker (SW_ID) beyond the returns: the
  qualification date, the start and end in post when the workforce census does not give them.
- `Supervision`: one supervision held: date, type, supervisor, the children's cases discussed.
- `SupervisionImport`: a CSV uploaded, previewed and then imported or not, with its provenance.
- `CaseOversight`: management oversight recorded against a child: date, manager, note.
"""

from django.conf import settings
from django.db import models

from trajectory.supervision.schedule import TYPES
from trajectory.web.edit_conflicts import EditVersioned

_USER = {
    "null": True,
    "blank": True,
    "on_delete": models.SET_NULL,
    "related_name": "+",
}


class SupervisionPolicy(EditVersioned):
    council = models.OneToOneField(
        "councils.Council", on_delete=models.PROTECT, related_name="supervision_policy"
    )

    class Meta:
        verbose_name = "supervision standard"

    def __str__(self) -> str:
        return f"Supervision standard of {self.council}"


class SupervisionStandard(models.Model):
    class MeasuredFrom(models.TextChoices):
        QUALIFICATION = "qualification", "The worker's qualification"
        SERVICE = "service", "The worker's start in post"

    policy = models.ForeignKey(SupervisionPolicy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    applies_from = models.DateField()
    steps = models.JSONField(help_text='[{"every": [2, "weeks"], "until": [6, "months"]}, ...]')
    measured_from = models.CharField(
        max_length=20, choices=MeasuredFrom.choices, default=MeasuredFrom.QUALIFICATION
    )
    counted_types = models.JSONField(help_text="Supervision types that count towards it")
    oversight_every = models.JSONField(help_text='[3, "months"]: case oversight required in')
    reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, **_USER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["policy", "applies_from", "number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="supervision_standard_number")
        ]

    def __str__(self) -> str:
        return f"Supervision standard {self.number} from {self.applies_from}"


class SupervisionWorker(EditVersioned):
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="supervision_workers"
    )
    worker_id = models.CharField("SW_ID", max_length=40)
    qualified_on = models.DateField("qualified", null=True, blank=True)
    started_on = models.DateField("started in post", null=True, blank=True)
    left_on = models.DateField("left the post", null=True, blank=True)

    class Meta:
        ordering = ["council", "worker_id"]
        verbose_name = "worker"
        constraints = [
            models.UniqueConstraint(fields=["council", "worker_id"], name="supervision_worker_once")
        ]

    def __str__(self) -> str:
        return self.worker_id


class SupervisionImport(models.Model):
    """One CSV uploaded, from its preview to its decision (STYLE.md "Uploads with provenance").

    The whole file is checked when it is uploaded; what would be added (`staged`), the rows
    already recorded (`skipped`, never added twice), every error (`problems`) and the rows that
    failed as they were read (`rejected`, with the file's `header`) are kept here, and only
    `services.supervisions_accept` adds the supervisions, all in one transaction. A file
    identical (sha256) to one already imported is never imported again (`same_as`)."""

    class Status(models.TextChoices):
        PREVIEW = "preview", "Waiting for review"
        ACCEPTED = "accepted", "Imported"
        REFUSED = "refused", "Refused"
        ALREADY_IMPORTED = "already_imported", "Nothing new"
        DISCARDED = "discarded", "Discarded"

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACCEPTED)
    rows = models.PositiveIntegerField(help_text="Supervisions to add, or added once imported")
    skipped = models.PositiveIntegerField(
        default=0, help_text="Rows already recorded exactly so: not added again"
    )
    error_count = models.PositiveIntegerField(default=0)
    header = models.JSONField(default=list, blank=True)
    staged = models.JSONField(default=list, blank=True)
    problems = models.JSONField(default=list, blank=True)
    rejected = models.JSONField(default=list, blank=True)
    same_as = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, **_USER)
    imported_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, **_USER)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = "supervision upload"
        constraints = [
            models.UniqueConstraint(
                fields=["council", "sha256"],
                condition=models.Q(status="accepted"),
                name="supervision_file_imported_once",
            )
        ]

    def __str__(self) -> str:
        return self.file_name


class Supervision(EditVersioned):
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="supervisions"
    )
    worker = models.ForeignKey(
        SupervisionWorker, on_delete=models.PROTECT, related_name="supervisions"
    )
    held_on = models.DateField("date")
    kind = models.CharField("type", max_length=20, choices=TYPES)
    supervisor = models.CharField(max_length=120)
    cases = models.JSONField("cases discussed", default=list, blank=True)
    imported_from = models.ForeignKey(
        SupervisionImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, **_USER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "-held_on"]
        verbose_name = "supervision"
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "held_on", "kind"], name="supervision_once_a_day_by_type"
            )
        ]
        indexes = [models.Index(fields=["council", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} supervision of {self.worker.worker_id} on {self.held_on}"

    @property
    def cases_text(self) -> str:
        return ", ".join(self.cases)


class CaseOversight(EditVersioned):
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="case_oversight"
    )
    child = models.CharField("child", max_length=40, help_text="The child's identifier (CHILD)")
    recorded_on = models.DateField("date")
    manager = models.CharField(max_length=120)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, **_USER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "-recorded_on"]
        verbose_name = "case oversight"
        indexes = [models.Index(fields=["council", "child"])]

    def __str__(self) -> str:
        return f"Oversight of {self.child} on {self.recorded_on}"
