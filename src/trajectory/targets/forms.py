"""Forms for the targets pages. They only parse input; the model and services decide what is
allowed (the unit's range, decimals, a band for a neutral indicator)."""

from __future__ import annotations

from django import forms

from trajectory.web.edit_conflicts import OUT_OF_DATE, OpenedVersionForm
from trajectory.web.forms import DateField, GovukForm

NUMBER = "The {what} must be a number, like 60 or 2.5"


class _OpenedAtSetting(OpenedVersionForm):
    """The version of the indicator's newest setting when the form was opened; 0 when it had
    none yet, so a first target saved meanwhile by someone else is caught too."""

    opened_version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": OUT_OF_DATE, "invalid": OUT_OF_DATE, "min_value": OUT_OF_DATE},
    )

    @classmethod
    def initial_for(cls, record) -> dict:
        if record is None:
            return {"opened_version": 0}
        values = super().initial_for(record)
        if record.withdrawn:
            # A withdrawal has no target to offer: start from blank boxes, keep the version.
            return {"opened_version": values["opened_version"]}
        return values


class TargetForm(GovukForm, _OpenedAtSetting):
    target = forms.FloatField(
        label="Target",
        error_messages={"required": "Enter the target", "invalid": NUMBER.format(what="target")},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )
    tolerance = forms.FloatField(
        label="Tolerance",
        error_messages={
            "required": "Enter the tolerance",
            "invalid": NUMBER.format(what="tolerance"),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )
    effective_from = DateField(
        label="Applies to figures from (optional)",
        subject="the date the target applies from",
        required=False,
        help_text="Leave blank to judge every figure against it. For example, 1 4 2025",
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why this target and tolerance: the board will read it beside the history.",
        error_messages={"required": "Enter the reason for this target"},
    )

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        unit = {
            "percent": "percentage points",
            "count": "children",
            "rate": "per 10,000",
            "per child": "incidents per child",
        }
        places = (
            "whole numbers"
            if indicator.decimals == 0
            else (
                f"up to {indicator.decimals} decimal place{'s' if indicator.decimals > 1 else ''}"
            )
        )
        if indicator.unit == "percent":
            self.fields["target"].help_text = f"A percentage from 0 to 100, {places}."
        else:
            self.fields["target"].help_text = f"0 or more, {places}."
        if indicator.polarity == "higher_is_better":
            tolerance_help = "How far below the target is still near it (amber)"
        elif indicator.polarity == "lower_is_better":
            tolerance_help = "How far above the target is still near it (amber)"
        else:
            tolerance_help = (
                "Neither higher nor lower is better, so the target is a band: within this "
                "either side of it is on target (green), within twice it near (amber)"
            )
        self.fields["tolerance"].help_text = f"{tolerance_help}, in {unit[indicator.unit]}."


class WithdrawForm(GovukForm, _OpenedAtSetting):
    reason = forms.CharField(
        label="Why is the target withdrawn?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the target is withdrawn"},
    )
    effective_from = DateField(
        label="No target for figures from (optional)",
        subject="the date the withdrawal applies from",
        required=False,
        help_text="Leave blank to withdraw it for every figure. For example, 1 4 2025",
    )
