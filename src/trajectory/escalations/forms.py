"""Forms for the escalations pages. They only parse input; the services decide what is allowed.
Every form that changes a concern carries the version it was opened at (`OpenedVersionForm`)."""

from __future__ import annotations

from django import forms

from trajectory.escalations import catalogue
from trajectory.escalations.models import Concern
from trajectory.web.edit_conflicts import OpenedVersionForm
from trajectory.web.forms import DateField, GovukForm

# Every free-text box on a concern is read by everyone in the council (and kept in the
# history); children are named only through the identifiers, which only some roles see.
NO_CHILD_HINT = "Do not write a child's name or identifier here."


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class ConcernForm(GovukForm):
    raised_by_name = forms.CharField(
        label="Raised by", max_length=200, help_text="The name of the person who raised it."
    )
    raised_by_organisation = forms.CharField(
        label="Organisation (optional)",
        required=False,
        max_length=200,
        help_text="For example, the school, the practice or the police team.",
    )
    partner_kind = forms.ChoiceField(
        label="Kind of partner",
        choices=catalogue.partner_kind_choices(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of partner who raised it"},
    )
    raised_on = DateField(label="Date raised")
    about = forms.ChoiceField(
        label="What is it about?",
        choices=Concern.About.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is about a child's case or a theme"},
    )
    theme = forms.ChoiceField(
        label="Theme",
        choices=[("", "Choose a theme")] + catalogue.theme_choices(),
        error_messages={"required": "Choose a theme"},
    )
    summary = forms.CharField(
        label="Summary of the concern",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"What the partner said. {NO_CHILD_HINT}",
        error_messages={"required": "Enter a summary of the concern"},
    )
    assigned_to = PersonChoiceField(
        label="Assigned to", queryset=None, required=False, empty_label="Not assigned yet"
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = people


class ConcernLogForm(ConcernForm):
    child_identifiers = forms.CharField(
        label="Children's identifiers (optional)",
        required=False,
        max_length=400,
        help_text="The council's identifier for each child the concern is about (for example, "
        "C123456), separated by commas. Shown only to people who may see child-level data.",
    )

    def __init__(self, *args, may_name_children: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_name_children:
            del self.fields["child_identifiers"]

    def clean_child_identifiers(self) -> list[str]:
        text = self.cleaned_data.get("child_identifiers", "")
        return [part.strip() for part in text.split(",") if part.strip()]


class ConcernEditForm(ConcernForm, OpenedVersionForm):
    """Changing a concern's details: carries the version it was opened at."""


class EscalateForm(OpenedVersionForm, GovukForm):
    on = DateField(label="Date it moved to the next stage", subject="the date it moved on")
    note = forms.CharField(
        label="Why it was escalated (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_CHILD_HINT,
    )

    @classmethod
    def initial_for(cls, concern: Concern) -> dict:
        return {"opened_version": concern.edit_version}


class ReviewForm(OpenedVersionForm, GovukForm):
    review_outcome = forms.ChoiceField(
        label="Outcome of the case review",
        choices=Concern.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of the case review"},
    )
    review_findings = forms.CharField(
        label="Findings",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"What the review found. {NO_CHILD_HINT}",
        error_messages={"required": "Enter the review's findings"},
    )
    reviewed_on = DateField(label="Date reviewed")


class ResponseForm(OpenedVersionForm, GovukForm):
    response_sent_on = DateField(label="Date the response was sent", subject="the date sent")
    response_summary = forms.CharField(
        label="What the response said",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=NO_CHILD_HINT,
        error_messages={"required": "Enter what the response said"},
    )

    @classmethod
    def initial_for(cls, concern: Concern) -> dict:
        return {
            "response_sent_on": concern.response_sent_on,
            "response_summary": concern.response_summary,
            "opened_version": concern.edit_version,
        }


class ChildForm(OpenedVersionForm, GovukForm):
    child_identifier = forms.CharField(
        label="Child's identifier",
        max_length=40,
        help_text="The council's identifier for the child, for example C123456.",
        error_messages={"required": "Enter the child's identifier"},
    )

    @classmethod
    def initial_for(cls, concern: Concern) -> dict:
        return {"opened_version": concern.edit_version}


class LogFilterForm(GovukForm):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any")] + Concern.Status.choices
    )
    theme = forms.ChoiceField(
        label="Theme", required=False, choices=[("", "Any")] + catalogue.theme_choices()
    )
    partner_kind = forms.ChoiceField(
        label="Kind of partner",
        required=False,
        choices=[("", "Any")] + catalogue.partner_kind_choices(),
    )
    overdue = forms.ChoiceField(
        label="Overdue",
        required=False,
        choices=[("", "Overdue or not"), ("yes", "Overdue only")],
    )
    since = DateField(label="Raised from", required=False)
    until = DateField(label="Raised to", required=False)


class PeriodForm(GovukForm):
    since = DateField(label="Raised from", required=False)
    until = DateField(label="Raised to", required=False)

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end of the period must be on or after its start.")
        return data
