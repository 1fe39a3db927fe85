"""The workforce month by month, for councils that track it monthly (issue 10.4).

One `WorkforceSnapshot` per council per month (the month's first day stands for it): the
establishment (funded posts), how much of it is filled by the council's own social workers,
agency workers, vacancies, the month's starters and leavers, working days lost to absence,
supervision due and held (for "management supervision at 88%"), and the cases held with the
FTE of those holding them. FTEs are full-time equivalents to one decimal place, as DfE's
workforce statistics give them. Rates are never stored: `selectors.snapshot_rows` works them
out, the way DfE's census defines them (vacancy rate = vacancies / (vacancies + filled), agency
rate = agency / (agency + filled)).
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from trajectory.web.edit_conflicts import EditVersioned

_FTE = {"max_digits": 7, "decimal_places": 1, "validators": [MinValueValidator(0)]}


class WorkforceSnapshot(EditVersioned):
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="workforce_snapshots"
    )
    month = models.DateField(help_text="The first day of the month the figures are for")
    establishment_fte = models.DecimalField("establishment (FTE)", **_FTE)
    filled_fte = models.DecimalField("filled by the council's social workers (FTE)", **_FTE)
    agency_fte = models.DecimalField("agency social workers (FTE)", **_FTE)
    vacancies_fte = models.DecimalField("vacancies (FTE)", **_FTE)
    starters = models.PositiveIntegerField("starters in the month")
    leavers = models.PositiveIntegerField("leavers in the month")
    absence_days = models.DecimalField(
        "working days lost to absence",
        max_digits=8,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )
    supervision_due = models.PositiveIntegerField("supervisions due", null=True, blank=True)
    supervision_held = models.PositiveIntegerField(
        "supervisions held on time", null=True, blank=True
    )
    caseload_total = models.PositiveIntegerField("cases held", null=True, blank=True)
    case_holders_fte = models.DecimalField("case holders (FTE)", null=True, blank=True, **_FTE)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "-month"]
        verbose_name = "workforce month"
        constraints = [
            models.UniqueConstraint(fields=["council", "month"], name="workforce_one_per_month")
        ]

    def __str__(self) -> str:
        return f"Workforce {self.month:%B %Y}"

    @property
    def month_key(self) -> str:
        return f"{self.month:%Y-%m}"
