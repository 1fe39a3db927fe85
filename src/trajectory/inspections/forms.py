"""Forms for entering and correcting the Ofsted record by hand."""

from __future__ import annotations

from django import forms

from trajectory.inspections.models import Finding, Framework, Grade, Inspection, ServiceArea
from trajectory.web.edit_conflicts import OpenedVersionForm
from trajectory.web.forms import DateField

GRADE_CHOICES = [("", "Not judged")] + list(Grade.choices)

# The areas a person may grade by hand, per the framework versions (brief section 1).
JUDGEMENT_FIELDS = {
    "overall": "Overall effectiveness (not given from April 2026)",
    "leaders": "Impact of leaders on social work practice",
    "help_and_protection": "Children who need help and protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers (separate judgement from January 2023)",
    "children_in_care_and_care_leavers": "Children in care and care leavers (ILACS 2018-2022)",
}

# The inspection's own fields, in the order the form shows them.
DETAIL_FIELDS = (
    "kind",
    "framework",
    "theme",
    "fieldwork_start",
    "fieldwork_end",
    "published_on",
    "report_url",
)


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label="What was it?", choices=Inspection.Kind.choices)
    framework = forms.ChoiceField(
        label="Framework",
        required=False,
        choices=[("", "Work it out from the fieldwork date")] + list(Framework.choices),
    )
    theme = forms.CharField(label="Theme (visits and JTAIs)", required=False, max_length=200)
    fieldwork_start = DateField(label="First day of fieldwork", required=False)
    fieldwork_end = DateField(label="Last day of fieldwork", required=False)
    published_on = DateField(label="Report published", required=False)
    report_url = forms.URLField(label="Link to the report", required=False, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area, label in JUDGEMENT_FIELDS.items():
            self.fields[f"grade_{area}"] = forms.ChoiceField(
                label=label, choices=GRADE_CHOICES, required=False
            )

    @classmethod
    def initial_for(cls, inspection: Inspection) -> dict:
        initial = {name: getattr(inspection, name) for name in DETAIL_FIELDS}
        initial |= {f"grade_{area}": "" for area in JUDGEMENT_FIELDS}
        for judgement in inspection.judgements.all():
            initial[f"grade_{judgement.area}"] = judgement.grade
        return initial

    def judgement_fields(self):
        return [self[f"grade_{area}"] for area in JUDGEMENT_FIELDS]

    def detail_fields(self):
        return [self[name] for name in DETAIL_FIELDS]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in DETAIL_FIELDS} | {
            "judgements": {area: data[f"grade_{area}"] for area in JUDGEMENT_FIELDS}
        }


class InspectionCorrectionForm(InspectionForm, OpenedVersionForm):
    """Correcting an inspection: carries the version it was opened at (judgements included,
    since every correction saves the inspection)."""

    @classmethod
    def initial_for(cls, inspection: Inspection) -> dict:
        return super().initial_for(inspection) | {"opened_version": inspection.edit_version}

    def service_arguments(self) -> dict:
        return super().service_arguments() | {"opened_version": self.cleaned_data["opened_version"]}


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of finding", choices=Finding.Kind.choices)
    service_area = forms.ChoiceField(
        label="Service area",
        required=False,
        choices=[("", "Not tagged")] + list(ServiceArea.choices),
    )
    text = forms.CharField(label="What Ofsted said", widget=forms.Textarea(attrs={"rows": 4}))


class FindingEditForm(FindingForm, OpenedVersionForm):
    """Correcting a finding: carries the version it was opened at."""


class FindingRemoveForm(OpenedVersionForm):
    """The "Remove" button: carries the version of the finding the page showed."""
