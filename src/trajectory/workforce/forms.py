"""Forms for the workforce months. They only parse input; the services decide what is
allowed. Changing a month carries the version it was opened at (`OpenedVersionForm`)."""

from __future__ import annotations

from datetime import date

from django import forms

from trajectory.web.dates import govuk_month
from trajectory.web.edit_conflicts import OpenedVersionForm
from trajectory.web.forms import GovukForm

MONTHS_OFFERED = 36


def _fte(label: str, *, required: bool = True, help_text: str = "") -> forms.DecimalField:
    what = label[0].lower() + label[1:]
    return forms.DecimalField(
        label=label if required else f"{label} (optional)",
        required=required,
        min_value=0,
        max_digits=7,
        decimal_places=1,
        help_text=help_text or "Full-time equivalent, to one decimal place, for example 9.8.",
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "class": "govuk-input govuk-input--width-5"}
        ),
        error_messages={
            "required": f"Enter the {what}",
            "invalid": f"The {what} must be a number, for example 9.8",
            "min_value": f"The {what} cannot be below 0",
            "max_decimal_places": f"Give the {what} to one decimal place",
            "max_digits": f"The {what} is too large",
        },
    )


def _count(label: str, *, required: bool = True, help_text: str = "") -> forms.IntegerField:
    what = label[0].lower() + label[1:]
    return forms.IntegerField(
        label=label if required else f"{label} (optional)",
        required=required,
        min_value=0,
        max_value=1_000_000,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-5"}
        ),
        error_messages={
            "required": f"Enter the number of {what}",
            "invalid": f"The number of {what} must be a whole number",
            "min_value": f"The number of {what} cannot be below 0",
            "max_value": f"The number of {what} is too large",
        },
    )


class SnapshotForm(GovukForm):
    establishment_fte = _fte("Establishment", help_text="Funded social work posts, in FTE.")
    filled_fte = _fte(
        "Filled by the council's social workers",
        help_text="FTE of posts held by social workers the council employs.",
    )
    agency_fte = _fte("Agency social workers")
    vacancies_fte = _fte("Vacancies", help_text="FTE of posts with no permanent worker.")
    starters = _count("Starters", help_text="Social workers who started in the month.")
    leavers = _count("Leavers", help_text="Social workers who left in the month.")
    absence_days = forms.DecimalField(
        label="Working days lost to absence",
        min_value=0,
        max_digits=8,
        decimal_places=1,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "class": "govuk-input govuk-input--width-5"}
        ),
        error_messages={
            "required": "Enter the working days lost to absence",
            "invalid": "The working days lost must be a number, for example 12.5",
            "min_value": "The working days lost cannot be below 0",
            "max_decimal_places": "Give the working days lost to one decimal place",
            "max_digits": "The working days lost is too large",
        },
    )
    supervision_due = _count("Supervisions due", required=False)
    supervision_held = _count(
        "Supervisions held on time", required=False, help_text="Of those due in the month."
    )
    caseload_total = _count("Cases held", required=False, help_text="On the last day of the month.")
    case_holders_fte = _fte(
        "Case holders", required=False, help_text="FTE of workers holding cases."
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def month_choices(today: date, recorded: set[date]) -> list[tuple[str, str]]:
    """The last MONTHS_OFFERED months, newest first, leaving out those already recorded."""
    year, month = today.year, today.month
    out = []
    for _ in range(MONTHS_OFFERED):
        first = date(year, month, 1)
        if first not in recorded:
            out.append((f"{first:%Y-%m}", govuk_month(first)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out


class SnapshotAddForm(SnapshotForm):
    month = forms.ChoiceField(
        label="Month", choices=(), error_messages={"required": "Choose the month"}
    )
    field_order = ["month"]

    def __init__(self, *args, months: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [("", "Choose a month")] + months
        self.fields["month"].error_messages["invalid_choice"] = (
            "Choose a month from the list; months already recorded are changed from the list"
        )
        self.order_fields(["month"])

    def clean_month(self) -> date:
        text = self.cleaned_data["month"]
        return date(int(text[:4]), int(text[5:7]), 1)


class SnapshotEditForm(SnapshotForm, OpenedVersionForm):
    """Changing a month's figures: carries the version it was opened at."""
