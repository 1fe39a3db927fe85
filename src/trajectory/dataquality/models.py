"""Findings as data (issue 13.3): each run of DfE's rules over an accepted return version, and
what it found, kept with the version so the page can show whether data quality is improving.

Both are evidence of what the return held when it was checked, so neither is ever changed: a
new check of the same version (more rules since, `trajectory dataquality run`) is a new run,
and the page reads each version's latest.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from trajectory.audit.append_only import ImmutableModel


class DataQualityRun(ImmutableModel):
    """One run of the collection year's rules over a version (with last year's, when held)."""

    changed_message = "Data-quality runs are kept as run; run the rules again instead."

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="dataquality_runs"
    )
    kind = models.CharField(max_length=20, help_text="The return: ssda903 or cin")
    version = models.ForeignKey(
        "returns.ReturnVersion", on_delete=models.PROTECT, related_name="dataquality_runs"
    )
    previous = models.ForeignKey(
        "returns.ReturnVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Last year's version the rules comparing years read; none when not held",
    )
    collection_year = models.PositiveSmallIntegerField(
        help_text="The year whose rules ran, by its end: 2025 for 2024-25"
    )
    ran_at = models.DateTimeField(auto_now_add=True)
    # Every rule of the year: [{rule, status, reason, findings, tables, fields, message}],
    # the rules not implemented among them ("not run: not implemented: ...").
    rules = models.JSONField(default=list, blank=True)
    finding_count = models.PositiveIntegerField(default=0)
    held_at = models.DateField(
        null=True, blank=True, help_text="The day each finding's worker held the child's case"
    )

    class Meta:
        ordering = ["-ran_at", "-id"]
        indexes = [models.Index(fields=["council", "kind", "version"])]

    def __str__(self) -> str:
        return f"{self.version} data quality ({self.finding_count} findings)"

    def clean(self):
        if self.version_id and (
            self.version.council_id != self.council_id or self.version.kind != self.kind
        ):
            raise ValidationError("A run is of a version of its own council and return.")


class Finding(ImmutableModel):
    """One row a rule flagged: where it is (table and row as uploaded), whose, and why."""

    changed_message = "Findings are kept as found; run the rules again instead."

    run = models.ForeignKey(DataQualityRun, on_delete=models.CASCADE, related_name="findings")
    rule = models.CharField(max_length=12, help_text="DfE's rule code")
    table = models.CharField(max_length=40)
    row = models.PositiveIntegerField(
        null=True, blank=True, help_text="The row in the table as uploaded (the header is row 1)"
    )
    child = models.CharField(max_length=60, blank=True)
    fields = models.JSONField(default=list, blank=True)
    message = models.TextField()
    worker = models.CharField(
        max_length=60, blank=True, help_text="SW_ID holding the child's case (SSDA903), if any"
    )

    class Meta:
        ordering = ["table", "row", "rule"]
        indexes = [
            models.Index(fields=["run", "rule"]),
            models.Index(fields=["run", "table", "row"]),
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.table} row {self.row}"
