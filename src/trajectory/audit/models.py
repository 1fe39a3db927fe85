from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from trajectory.audit.append_only import AppendOnlyModel


class AuditEntry(AppendOnlyModel):
    """One thing someone saw or changed. Append-only: the log is evidence, so rows never change.

    Written only through `services.record`, which links it into the hash chain (`chain.py`);
    database triggers refuse UPDATE and DELETE, bulk ones included (`triggers.py`).
    """

    changed_message = "Audit entries are append-only and cannot be changed."
    deleted_message = "Audit entries are append-only and cannot be deleted."

    at = models.DateTimeField(default=timezone.now, db_index=True)
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
    sequence = models.PositiveBigIntegerField(unique=True, help_text="Place in the hash chain")
    previous_hash = models.CharField(max_length=64, help_text="The previous entry's entry_hash")
    entry_hash = models.CharField(max_length=64, help_text="sha256 of this entry (chain.py)")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type}"


class AuditChainHead(models.Model):
    """The end of the hash chain: one row, locked to append, so entries join it one at a time.

    It also records the last sequence, so entries deleted from the end of the log are noticed.
    """

    sequence = models.PositiveBigIntegerField()
    entry_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="audit_chain_head_one_row")]

    def __str__(self) -> str:
        return f"audit chain head at {self.sequence}"
