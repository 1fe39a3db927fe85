"""Rebased control limits (issue 8.5), kept as an append-only history.

Making Data Count rebases the limits of an XmR chart when the process has changed for a known
reason (a new service, a changed counting rule) and the change shows as a sustained signal:
from the chosen date, the mean and limits are taken from the points on or after it. Each
rebase is a row with its reason; a mistaken rebase is withdrawn by a second row that names it
(`withdraws`), never by editing or deleting the first (`AppendOnlyModel`, and database
triggers in migration 0002), so a board can see when the limits moved, who moved them and why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from trajectory.audit.append_only import AppendOnlyModel
from trajectory.web.dates import govuk_date


class LimitRebase(AppendOnlyModel):
    """A rebase of one indicator's limits from a date, or (with `withdraws`) its withdrawal."""

    changed_message = "Rebases are kept as history and cannot be changed: withdraw it instead."
    deleted_message = "Rebases are kept as history and cannot be deleted: withdraw it instead."

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="limit_rebases"
    )
    indicator_id = models.CharField(max_length=60)
    from_date = models.DateField(help_text="The limits are taken afresh from this date on")
    reason = models.TextField()
    withdraws = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="withdrawal",
        help_text="Set on a withdrawal: the rebase it withdraws",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Blank: made from the command line",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["council", "indicator_id", "-created_at", "-id"]
        verbose_name = "limit rebase"
        indexes = [models.Index(fields=["council", "indicator_id"], name="spc_rebase_indicator")]

    def __str__(self) -> str:
        verb = "Withdrawal of the rebase" if self.withdraws_id else "Rebase"
        return f"{verb} of {self.indicator_id} from {govuk_date(self.from_date)}"

    @property
    def is_withdrawal(self) -> bool:
        return self.withdraws_id is not None
