from django.conf import settings
from django.db import models

from trajectory.audit.append_only import AppendOnlyModel


class AuditEntry(AppendOnlyModel):
    """One thing someone saw or changed. Append-only: the log is evidence, so rows never change."""

    changed_message = "Audit entries are append-only and cannot be changed."
    deleted_message = "Audit entries are append-only and cannot be deleted."

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
    )
    username = models.CharField(max_length=150, blank=True, help_text="Kept if the user is renamed")
    council = models.ForeignKey(
        "councils.Council",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
    )
    action = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type}"
