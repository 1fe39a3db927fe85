"""A generated paper, kept (issue 12.7): `ReportVersion` is what was built (template version,
the indicator run and return versions it read, who, when, the sections left out, the audience
and the paper itself as data), `ReportNarrative` the leaders' text for a narrative block, and
`ReportFile` each file drawn from them. A version's content never changes; its narratives may
until it is issued, and each set of narratives draws its own files, all of them kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from trajectory.audit.append_only import ImmutableModel
from trajectory.web.edit_conflicts import EditVersioned


class ReportVersion(ImmutableModel):
    """Saved once. Only its narrative revision and its issue (who, when) move afterwards, by
    the services' single-column updates; the paper's content never does."""

    changed_message = "A report version is kept as generated; generate a new version instead."

    class Audience(models.TextChoices):
        INTERNAL = "internal", "Within the council"
        EXTERNAL = "external", "Leaving the council (small numbers suppressed)"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="report_versions"
    )
    kind = models.CharField(max_length=40)
    number = models.PositiveIntegerField(help_text="1, 2, 3 … within the council and kind")
    template_version = models.PositiveSmallIntegerField()
    as_at = models.DateField()
    run = models.ForeignKey(
        "indicators.IndicatorRun",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report_versions",
    )
    return_versions = models.ManyToManyField("returns.ReturnVersion", related_name="+")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    minimum_count = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The small-number rule's smallest count shown"
    )
    minimum_respondents = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The small-number rule's fewest survey answers shown"
    )
    omitted = models.JSONField(default=list, blank=True, help_text="Sections left out")
    options = models.JSONField(default=dict, blank=True)
    watermark = models.CharField(max_length=120, blank=True)
    distribution = models.TextField(blank=True, help_text="Who the paper goes to, one a line")
    content = models.JSONField(help_text="The paper as data (document.py)")
    content_sha256 = models.CharField(max_length=64)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changes = models.JSONField(default=dict, blank=True, help_text="What changed since previous")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    narrative_revision = models.PositiveIntegerField(
        default=0, help_text="Goes up by one with every narrative saved"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["council", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "number"], name="report_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.council.code} {self.kind} version {self.number}"

    @property
    def leaves_council(self) -> bool:
        return self.audience == self.Audience.EXTERNAL


class ReportNarrative(EditVersioned):
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="narratives")
    key = models.CharField(max_length=120)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="report_narrative_unique")
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.key}"


class ReportFile(ImmutableModel):
    changed_message = "A paper's file is kept as drawn."

    class Format(models.TextChoices):
        HTML = "html", "HTML"
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="files")
    format = models.CharField(max_length=4, choices=Format.choices)
    narrative_revision = models.PositiveIntegerField()
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "format", "-narrative_revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "format", "narrative_revision"], name="report_file_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.format} (narratives {self.narrative_revision})"
