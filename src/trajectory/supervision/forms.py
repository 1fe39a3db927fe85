"""Forms for supervision. They only parse input; the services decide what is allowed. Editing
carries the version opened (`OpenedVersionForm`); the standard's form carries its policy's."""

from __future__ import annotations

from django import forms

from trajectory.supervision.models import SupervisionStandard
from trajectory.supervision.schedule import DAYS, MONTHS, TYPES, UNITS, WEEKS, Step
from trajectory.supervision.services import parse_cases
from trajectory.web.edit_conflicts import OpenedVersionForm
from trajectory.web.forms import DateField, GovukForm

STEPS_OFFERED = 4
UNIT_CHOICES = [(u, u) for u in UNITS]
UNTIL_CHOICES = [("", "no end (after that)"), (WEEKS, WEEKS), (MONTHS, MONTHS)]


def _amount(label: str, *, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=1,
        max_value=520,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-3"}
        ),
        error_messages={
            "invalid": f"{label} must be a whole number",
            "min_value": f"{label} must be at least 1",
            "max_value": f"{label} is too large",
            "required": f"Enter {label.lower()}",
        },
    )


class SupervisionForm(GovukForm):
    held_on = DateField(label="Date of the supervision", subject="the date of the supervision")
    kind = forms.ChoiceField(
        label="Type",
        choices=TYPES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of supervision"},
    )
    supervisor = forms.CharField(
        label="Supervisor",
        max_length=120,
        help_text="The supervising manager's name or staff number.",
        error_messages={"required": "Enter the supervisor"},
    )
    cases = forms.CharField(
        label="Cases discussed (optional)",
        required=False,
        max_length=2000,
        help_text="The children's identifiers (CHILD or LAchildID), separated by spaces or commas.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_cases(self) -> list[str]:
        ids, problem = parse_cases(self.cleaned_data["cases"])
        if problem:
            raise forms.ValidationError(problem)
        return ids


class SupervisionAddForm(SupervisionForm):
    worker_id = forms.CharField(
        label="Worker's SW_ID",
        max_length=40,
        help_text="As the SSDA903 return and the team file give it, for example SW123456.",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
        error_messages={"required": "Enter the worker's SW_ID"},
    )
    field_order = ["worker_id"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["worker_id"])

    def clean_worker_id(self) -> str:
        return self.cleaned_data["worker_id"].strip().upper()


class SupervisionEditForm(SupervisionForm, OpenedVersionForm):
    """Changing a supervision: carries the version it was opened at."""

    @classmethod
    def initial_for(cls, record) -> dict:
        initial = super().initial_for(record)
        initial["cases"] = " ".join(record.cases)
        return initial


class WorkerForm(GovukForm, OpenedVersionForm):
    qualified_on = DateField(
        label="Qualified as a social worker (optional)",
        subject="the qualification date",
        required=False,
        help_text="For a newly qualified worker: the standard's first steps count from it. "
        "For example, 1 9 2025.",
    )
    started_on = DateField(label="Started in post (optional)", subject="the start", required=False)
    left_on = DateField(
        label="Left the post (optional)", subject="the leaving date", required=False
    )


class ImportForm(GovukForm):
    file = forms.FileField(
        label="Supervisions (CSV)",
        help_text="Columns SW_ID, date, type, supervisor, cases, in any order.",
        error_messages={"required": "Choose a CSV file"},
    )


class OversightForm(GovukForm):
    child = forms.CharField(
        label="Child's identifier",
        max_length=40,
        help_text="CHILD (SSDA903) or LAchildID (CIN census).",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
        error_messages={"required": "Enter the child's identifier"},
    )
    recorded_on = DateField(label="Date of the oversight", subject="the date of the oversight")
    manager = forms.CharField(
        label="Manager", max_length=120, error_messages={"required": "Enter the manager"}
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OversightEditForm(GovukForm, OpenedVersionForm):
    """Changing a record of oversight: the child stays; carries the version it was opened at."""

    recorded_on = DateField(label="Date of the oversight", subject="the date of the oversight")
    manager = forms.CharField(
        label="Manager", max_length=120, error_messages={"required": "Enter the manager"}
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class StandardForm(GovukForm, OpenedVersionForm):
    applies_from = DateField(label="Applies from", subject="the date it applies from")
    measured_from = forms.ChoiceField(
        label="Steps count from",
        choices=SupervisionStandard.MeasuredFrom.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the steps count from"},
    )
    counted_types = forms.MultipleChoiceField(
        label="Types of supervision that count",
        choices=TYPES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the types of supervision that count"},
    )
    oversight_amount = _amount("Case oversight required every", required=True)
    oversight_unit = forms.ChoiceField(label="Unit of the oversight period", choices=UNIT_CHOICES)
    reason = forms.CharField(
        label="Reason for the change",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the standard changes"},
    )
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, STEPS_OFFERED + 1):
            self.fields[f"step{n}_every"] = _amount(f"Step {n}: every", required=n == 1)
            self.fields[f"step{n}_every_unit"] = forms.ChoiceField(
                label=f"Step {n}: unit", choices=UNIT_CHOICES, initial=WEEKS
            )
            self.fields[f"step{n}_until"] = _amount(f"Step {n}: until")
            self.fields[f"step{n}_until_unit"] = forms.ChoiceField(
                label=f"Step {n}: until, unit", choices=UNTIL_CHOICES, required=False
            )
        for name in self.fields:
            widget = self.fields[name].widget
            if isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect):
                widget.attrs["class"] = "govuk-select"

    def step_rows(self):
        """The step fields in fours, for the template."""
        return [
            [self[f"step{n}_{part}"] for part in ("every", "every_unit", "until", "until_unit")]
            for n in range(1, STEPS_OFFERED + 1)
        ]

    @staticmethod
    def initial_from(version_data: dict, opened_version: int | None) -> dict:
        initial = {
            "measured_from": version_data["measured_from"],
            "counted_types": list(version_data["counted_types"]),
            "oversight_amount": version_data["oversight_every"][0],
            "oversight_unit": version_data["oversight_every"][1],
            "opened_version": opened_version,
        }
        for n, step in enumerate(version_data["steps"], start=1):
            initial[f"step{n}_every"], initial[f"step{n}_every_unit"] = step["every"]
            if step.get("until"):
                initial[f"step{n}_until"], initial[f"step{n}_until_unit"] = step["until"]
        return initial

    def clean(self):
        data = super().clean()
        steps = []
        for n in range(1, STEPS_OFFERED + 1):
            every = data.get(f"step{n}_every")
            until, until_unit = data.get(f"step{n}_until"), data.get(f"step{n}_until_unit")
            if every is None:
                if until:
                    self.add_error(f"step{n}_every", f"Step {n}: enter how often")
                continue
            if until and not until_unit:
                self.add_error(f"step{n}_until_unit", f"Step {n}: choose weeks or months")
                continue
            unit = data.get(f"step{n}_every_unit") or DAYS
            steps.append(Step(every=(every, unit), until=(until, until_unit) if until else None))
        data["steps"] = steps
        return data
