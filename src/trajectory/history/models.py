"""One changed field of one record: who, when, before, after and why. Append-only.

The Commissioner, Ofsted and the board ask what changed and who changed it (issue 9.7, "every
change is in the history, as for plans"). The improvement plan keeps its own `ChangeRecord`
(issue 7); the apps that came after it write here, through `services.changes_record`.
"""

from django.conf import settings
from django.db import models

from trajectory.audit.append_only import AppendOnlyModel


class Change(AppendOnlyModel):
    changed_message = "History is append-only: a change is never edited."
    deleted_message = "History is append-only: a change is never deleted."

    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    operation = models.CharField(max_length=30, help_text="created, changed, corrected, ...")
    # The record changed, as "app_label.model" and its primary key, with the label people know
    # it by at the time ("Review 3, performance domain").
    subject_type = models.CharField(max_length=80)
    subject_id = models.PositiveBigIntegerField()
    subject_label = models.CharField(max_length=300)
    field = models.CharField(max_length=80)
    field_label = models.CharField(max_length=120, blank=True)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    reason = models.TextField(blank=True, help_text="Why, where a correction must say why")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["council", "subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.subject_label} {self.field}"
