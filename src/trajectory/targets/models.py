"""Leaders' targets per indicator (issue 8.6), kept as an append-only history.

Each setting is a new row, numbered per indicator (`version` 1, 2, 3 ...): a changed target is
the next row, and "no target" is a withdrawal row (no target, no tolerance, a reason). A row is
never edited or deleted (`AppendOnlyModel`, and database triggers in migration 0002), so the
board can always see what the target was, who set it, when and why.

Which target a figure is judged against: the newest setting that applied on the figure's as-at
date, that is the highest `version` among rows whose `effective_from` is blank or on or before
that date. A blank `effective_from` applies to every figure, earlier ones included.

What a target means depends on the indicator's polarity (`rag.py` does the rating):
- higher is better: the figure should be at or above the target; the tolerance is how far
  below it still counts as near;
- lower is better: at or below the target; the tolerance is how far above is near;
- neutral (neither higher nor lower is better, e.g. children looked after per 10,000): the
  target is the middle of a band, target ± tolerance; the tolerance must be above 0.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from trajectory.audit.append_only import AppendOnlyModel
from trajectory.indicators import registry

PERCENT_MAX = 100.0


def decimal_places(value: float) -> int:
    """How many decimal places a number is written with (12.50 → 1, 3 → 0)."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


class IndicatorTarget(AppendOnlyModel):
    """One setting (or withdrawal) of an indicator's target for a council. Append-only."""

    changed_message = "Targets are kept as history and cannot be changed: set a new one."
    deleted_message = "Targets are kept as history and cannot be deleted: withdraw it instead."

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="indicator_targets"
    )
    indicator_id = models.CharField(max_length=60)
    version = models.PositiveIntegerField(
        editable=False, help_text="1 for the indicator's first setting, then up by one"
    )
    target = models.FloatField(null=True, blank=True, help_text="Blank: the target is withdrawn")
    tolerance = models.FloatField(null=True, blank=True)
    effective_from = models.DateField(
        null=True,
        blank=True,
        help_text="Figures on or after this date are judged against it; blank: every figure",
    )
    # Required, with a message saying which reason (clean); blank=True only so the generic
    # "This field cannot be blank." does not come first. The database refuses an empty one.
    reason = models.TextField(blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Blank: set from the command line",
    )
    set_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["council", "indicator_id", "-version"]
        verbose_name = "target"
        constraints = [
            models.UniqueConstraint(
                fields=["council", "indicator_id", "version"], name="target_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True, tolerance__isnull=True)
                | Q(target__isnull=False, tolerance__isnull=False),
                name="target_and_tolerance_together",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="target_reason_given"),
        ]

    def __str__(self) -> str:
        what = "withdrawn" if self.withdrawn else f"{self.target} ± {self.tolerance}"
        return f"{self.council_id} {self.indicator_id} v{self.version}: {what}"

    @property
    def withdrawn(self) -> bool:
        return self.target is None

    @property
    def indicator(self):
        try:
            return registry.get(self.indicator_id)
        except KeyError:
            return None

    @property
    def set_by_name(self) -> str:
        if self.set_by is None:
            return "Command line"
        return self.set_by.get_full_name() or self.set_by.get_username()

    # The names web/edit_conflicts.py reads, so a stale form is refused the project's way.
    @property
    def edit_version(self) -> int:
        return self.version

    @property
    def changed_by(self):
        return self.set_by

    @property
    def changed_at(self):
        return self.set_at

    def clean(self) -> None:
        errors: dict[str, str] = {}
        indicator = self.indicator
        if indicator is None:
            raise ValidationError({"indicator_id": f"There is no indicator {self.indicator_id}."})
        if not (self.reason or "").strip():
            errors["reason"] = (
                "Enter why the target is withdrawn"
                if self.withdrawn
                else "Enter the reason for this target"
            )
        if self.target is None:
            if self.tolerance is not None:
                errors["target"] = "Enter the target"
        else:
            errors.update(self._range_errors(indicator))
        if errors:
            raise ValidationError(errors)

    def _range_errors(self, indicator) -> dict[str, str]:
        """The target within the unit's range (a percentage 0 to 100, a count or rate 0 or
        more), the tolerance 0 or more (above 0 for a neutral band), each to no more decimal
        places than the indicator is shown with (docs/indicators.md), so a figure is rated
        exactly as it is shown."""
        errors = {}
        places = indicator.decimals
        places_text = "as a whole number" if places == 0 else f"to at most {places} decimal place"
        places_text += "s" if places > 1 else ""
        if self.target < 0:
            errors["target"] = "The target must be 0 or more"
        elif indicator.unit == "percent" and self.target > PERCENT_MAX:
            errors["target"] = "The target must be between 0% and 100%"
        elif decimal_places(self.target) > places:
            errors["target"] = f"Enter the target {places_text}"
        if self.tolerance is None:
            errors["tolerance"] = "Enter the tolerance"
        elif self.tolerance < 0:
            errors["tolerance"] = "The tolerance must be 0 or more"
        elif indicator.polarity == "neutral" and self.tolerance == 0:
            errors["tolerance"] = (
                "Neither higher nor lower is better for this indicator, so its target is a "
                "band: enter a tolerance above 0"
            )
        elif indicator.unit == "percent" and self.tolerance > PERCENT_MAX:
            errors["tolerance"] = "The tolerance must be 100 percentage points or fewer"
        elif decimal_places(self.tolerance) > places:
            errors["tolerance"] = f"Enter the tolerance {places_text}"
        return errors

    def applies_on(self, as_at) -> bool:
        return self.effective_from is None or self.effective_from <= as_at
