from django.conf import settings
from django.db import models


class IndicatorRun(models.Model):
    """One computation of every indicator for a council, tied to the return versions it read.

    Runs are kept, so a board paper made in March can be rebuilt exactly in June.
    """

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="indicator_runs"
    )
    computed_at = models.DateTimeField(auto_now_add=True)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    versions = models.ManyToManyField("returns.ReturnVersion", related_name="indicator_runs")
    period_from = models.DateField(help_text="First month-end in the series")
    period_to = models.DateField(help_text="Last month-end in the series")
    child_population = models.PositiveIntegerField(null=True, blank=True)
    team_file = models.ForeignKey(
        "councils.TeamFile",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicator_runs",
        help_text="The worker-to-team file the team figures read",
    )

    class Meta:
        ordering = ["council", "-computed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.council.code} run {self.pk} ({self.computed_at:%Y-%m-%d %H:%M})"


class IndicatorValue(models.Model):
    """One indicator at one as-at date. A count's denominator is null; percentages are 0-100."""

    run = models.ForeignKey(IndicatorRun, on_delete=models.CASCADE, related_name="values")
    indicator_id = models.CharField(max_length=60)
    as_at = models.DateField()
    value = models.FloatField(null=True)
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)

    class Meta:
        ordering = ["indicator_id", "as_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "indicator_id", "as_at"], name="indicator_value_unique"
            )
        ]
        indexes = [models.Index(fields=["run", "indicator_id", "as_at"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} at {self.as_at}: {self.value}"


class IndicatorBreakdown(models.Model):
    """One indicator at one as-at date for one team or one social worker (issue 8.7).

    `key` is the team's name or the worker's SW_ID; "" is children with no worker (or no
    team) recorded. Only keys holding cases at the date are stored."""

    class Dimension(models.TextChoices):
        TEAM = "team", "Team"
        WORKER = "worker", "Social worker"

    # The unique constraint's index, run first, serves every read: no other index, as some
    # 20,000 rows a run are written in the one-council recompute's second.
    run = models.ForeignKey(
        IndicatorRun, on_delete=models.CASCADE, related_name="breakdowns", db_index=False
    )
    indicator_id = models.CharField(max_length=60)
    as_at = models.DateField()
    dimension = models.CharField(max_length=10, choices=Dimension.choices)
    key = models.CharField(max_length=120, blank=True)
    value = models.FloatField(null=True)
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)

    class Meta:
        ordering = ["indicator_id", "dimension", "key", "as_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "dimension", "indicator_id", "key", "as_at"],
                name="indicator_breakdown_unique_by_dimension",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.dimension} {self.key!r} at {self.as_at}: {self.value}"
