from django.conf import settings
from django.db import models
from django.utils import timezone

from trajectory.audit.append_only import ImmutableModel
from trajectory.returns.collection_year import CollectionYear, of_date, of_end_year


class ReturnKind(models.TextChoices):
    SSDA903 = "ssda903", "SSDA903 (children looked after)"
    CIN = "cin", "CIN census"
    ANNEX_A = "annex_a", "Annex A"
    WORKFORCE = "workforce", "Social work workforce"


class YearSource(models.TextChoices):
    """How an upload's collection year was decided."""

    INFERRED = "inferred", "Inferred from the data"
    DECLARED = "declared", "Declared by the uploader"


class Upload(models.Model):
    """One attempt to bring in a return, kept whatever happened to it.

    An upload is read and checked in full, then shown for preview; only an accepted upload
    becomes a ReturnVersion. Refused uploads stay listed with their problems until the
    retention deletes those (retention.py); the record of the attempt itself stays.
    """

    class Status(models.TextChoices):
        PREVIEW = "preview", "Waiting for review"
        REFUSED = "refused", "Refused"
        ACCEPTED = "accepted", "Accepted"
        ALREADY_IMPORTED = "already_imported", "Already imported"
        DISCARDED = "discarded", "Discarded"

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="uploads"
    )
    kind = models.CharField(max_length=20, choices=ReturnKind.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=10, default="web", help_text="web or cli")
    files = models.JSONField(default=list, help_text="[{name, size, sha256, table}]")
    content_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREVIEW)
    row_counts = models.JSONField(default=dict, blank=True)
    recognition = models.JSONField(
        default=list,
        blank=True,
        help_text="How each sheet was recognised, from readers that report it (Annex A)",
    )
    errors = models.JSONField(default=list, blank=True, help_text="Problems that refuse the upload")
    warnings = models.JSONField(default=list, blank=True, help_text="Problems kept and reported")
    # The lists above hold at most the first 1,000 of each; these are the full counts.
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    staging_path = models.CharField(max_length=500, blank=True)
    version = models.ForeignKey(
        "ReturnVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="uploads"
    )
    # The other year's upload when the current and the previous year's return came together
    # (services.upload_preview_years); each names the other.
    companion = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(
        null=True, blank=True, help_text="When the retention deleted its problems and child rows"
    )
    purged_after_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="The retention in force then, in days"
    )
    # The collection year (collection_year.py), known once the files are read.
    collection_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The calendar year it ends in, on 31 March: 2025 for 2024-25",
    )
    collection_year_source = models.CharField(
        max_length=10, choices=YearSource.choices, default=YearSource.INFERRED
    )
    collection_year_basis = models.CharField(
        max_length=200, blank=True, help_text="What an inferred year was inferred from"
    )
    collection_year_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who declared the year; none when inferred or declared on the command line",
    )

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} upload {self.pk} ({self.get_status_display()})"

    @property
    def year(self) -> CollectionYear | None:
        return of_end_year(self.collection_year)


class ReturnVersion(ImmutableModel):
    """An accepted return: immutable Parquet tables stored under their content hash.

    A correction is a new version; nothing here is ever updated in place.
    """

    changed_message = "Return versions are immutable; import a new version instead."

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="return_versions"
    )
    kind = models.CharField(max_length=20, choices=ReturnKind.choices)
    number = models.PositiveIntegerField(help_text="1, 2, 3 … within the council and kind")
    content_sha256 = models.CharField(max_length=64)
    storage_key = models.CharField(max_length=200, help_text="Folder under TRAJECTORY_STORAGE")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(auto_now_add=True)
    files = models.JSONField(default=list)
    row_counts = models.JSONField(default=dict)
    warnings = models.JSONField(default=list, blank=True)
    data_from = models.DateField(
        null=True, blank=True, help_text="First date the return records every child looked after"
    )
    data_to = models.DateField(null=True, blank=True, help_text="Latest date in the data")
    # Each year's versions are numbered with the others; the latest is by year, then number
    # (selectors.latest_version).
    collection_year = models.PositiveSmallIntegerField(
        help_text="The calendar year it ends in, on 31 March: 2025 for 2024-25"
    )
    collection_year_source = models.CharField(
        max_length=10, choices=YearSource.choices, default=YearSource.INFERRED
    )
    collection_year_basis = models.CharField(
        max_length=200, blank=True, help_text="What an inferred year was inferred from"
    )
    collection_year_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who declared the year; none when inferred or declared on the command line",
    )

    class Meta:
        ordering = ["council", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "number"], name="return_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["council", "kind", "content_sha256"], name="return_version_content_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council.code} {self.get_kind_display()} v{self.number}"

    @property
    def year(self) -> CollectionYear:
        return CollectionYear(self.collection_year)

    def save(self, *args, **kwargs):
        """A version made without a year (a fixture, or code written before years were kept)
        takes the year holding its latest date, `data_to`, as inference would; else the year
        it is saved in."""
        if self.collection_year is None:
            self.collection_year = of_date(self.data_to or timezone.localdate()).end_year
            self.collection_year_basis = self.collection_year_basis or "its latest date"
        super().save(*args, **kwargs)
