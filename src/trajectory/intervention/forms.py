"""Forms for the intervention pages. They only parse input; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from trajectory.intervention import events
from trajectory.intervention.models import Recommendation
from trajectory.plans.forms import PersonChoiceField
from trajectory.web.dates import govuk_date
from trajectory.web.edit_conflicts import OPENED_VERSION, OpenedVersionForm, record_values
from trajectory.web.forms import DateField, GovukForm


class EventForm(GovukForm):
    kind = forms.ChoiceField(
        label="What happened",
        choices=events.CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened"},
    )
    occurred_on = DateField(label="Date", subject="the date of the letter, direction or report")
    issued_by = forms.CharField(
        label="Issued or made by (optional)",
        required=False,
        max_length=200,
        help_text="For example, the Minister for Children and Families.",
    )
    appointee = forms.CharField(
        label="Person or body appointed (optional)",
        required=False,
        max_length=200,
        help_text="For a Commissioner or an improvement partner.",
    )
    summary = forms.CharField(
        label="What it says or requires",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what it says or requires"},
    )
    period_ends_on = DateField(
        label="Until (optional)",
        subject="the end of the period",
        required=False,
        help_text="The end of the period it sets, for example a year on. For example, 31 3 2025",
    )
    reference = forms.CharField(
        label="Document or paper reference (optional)",
        required=False,
        max_length=300,
        help_text="The letter, direction or report, as it is cited.",
    )
    corrects = forms.TypedChoiceField(
        label="Corrects an earlier event (optional)",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="The earlier event is kept but no longer counted.",
    )
    correction_reason = forms.CharField(
        label="Why it is corrected (if it corrects one)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, correctable=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corrects"].choices = [("", "It corrects nothing")] + [
            (event.pk, f"{event.kind_label}, {govuk_date(event.occurred_on)}")
            for event in correctable
        ]

    def clean(self):
        data = super().clean()
        if data.get("corrects") and not (data.get("correction_reason") or "").strip():
            self.add_error("correction_reason", "Say why the event is corrected")
        return data


class OptionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class RecommendationForm(GovukForm):
    option = OptionChoiceField(
        label="Recommendation",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the recommendation"},
    )
    made_on = DateField(label="Date made", subject="the date the recommendation is made")
    rationale = forms.CharField(
        label="Rationale",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What the evidence across the domains shows, and why it leads here.",
        error_messages={"required": "Enter the rationale"},
    )
    conditions = forms.CharField(
        label="Conditions (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, continued support from the Commissioner and the partner.",
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = options


class RecommendationCorrectForm(RecommendationForm, OpenedVersionForm):
    """A correction: a new version, with its reason. Carries the version it was opened at."""

    reason = forms.CharField(
        label="Why it is corrected",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The earlier version is kept, marked superseded, with this reason.",
        error_messages={"required": "Enter why the recommendation is corrected"},
    )

    @classmethod
    def initial_for(cls, record: Recommendation) -> dict:
        return record_values(record, ("option", "made_on", "rationale", "conditions")) | {
            OPENED_VERSION: record.version
        }


class FollowUpForm(GovukForm):
    title = forms.CharField(
        label="Follow-up action",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the follow-up action"},
    )
    owner = PersonChoiceField(
        label="Owner", queryset=None, required=False, empty_label="Someone not listed"
    )
    owner_name = forms.CharField(
        label="Owner's name or job title (if not listed)", required=False, max_length=200
    )
    start_on = DateField(label="Start date (optional)", subject="the start date", required=False)
    due_on = DateField(label="Due date")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people

    def clean(self):
        data = super().clean()
        if not data.get("owner") and not (data.get("owner_name") or "").strip():
            self.add_error("owner", "Choose who owns the follow-up, or name them")
        start, due = data.get("start_on"), data.get("due_on")
        if start and due and start > due:
            self.add_error("due_on", "The due date must be on or after the start date")
        return data
