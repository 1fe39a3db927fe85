"""Forms for the plan pages. They only parse input; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from trajectory.plans.models import Action, EvidenceLink, ProgressUpdate
from trajectory.web.dates import govuk_date
from trajectory.web.edit_conflicts import OpenedVersionForm
from trajectory.web.forms import DateField, GovukForm


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class PlanCreateForm(GovukForm):
    inspection = forms.TypedChoiceField(
        label="Inspection or visit",
        coerce=int,
        help_text="Each area for improvement it names becomes a priority.",
    )
    title = forms.CharField(label="Plan title (optional)", required=False, max_length=200)

    def __init__(self, *args, inspections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].choices = [
            (inspection.pk, self.describe(inspection)) for inspection in inspections
        ]

    @staticmethod
    def describe(inspection) -> str:
        when = inspection.published_on or inspection.fieldwork_end or inspection.fieldwork_start
        theme = f" ({inspection.theme})" if inspection.theme else ""
        shown = f", {govuk_date(when)}" if when else ""
        count = inspection.improvement_count
        return f"{inspection.get_kind_display()}{theme}{shown}: {count} to answer"


class PriorityForm(GovukForm):
    title = forms.CharField(
        label="Priority", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    outcomes_sought = forms.CharField(
        label="Outcomes sought",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What will be different for children when this priority is met.",
    )
    lead_name = forms.CharField(
        label="Lead",
        required=False,
        max_length=200,
        help_text="For example, Head of Service, Children in Care.",
    )


class PriorityEditForm(PriorityForm, OpenedVersionForm):
    """Changing a priority: carries the version it was opened at."""


class ActionForm(GovukForm):
    title = forms.CharField(
        label="Action", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = PersonChoiceField(
        label="Owner", queryset=None, required=False, empty_label="Someone not listed"
    )
    owner_name = forms.CharField(
        label="Owner's name or job title (if not listed)", required=False, max_length=200
    )
    start_on = DateField(label="Start date", required=False)
    due_on = DateField(label="Due date")
    status = forms.ChoiceField(label="Status", choices=Action.Status.choices)
    depends_on = forms.ModelMultipleChoiceField(
        label="Depends on",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Actions that must be done first.",
    )

    def __init__(self, *args, people, other_actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["depends_on"].queryset = other_actions
        self.fields["depends_on"].label_from_instance = lambda a: f"{a.reference} {a.title}"

    def clean(self):
        data = super().clean()
        start, due = data.get("start_on"), data.get("due_on")
        if start and due and start > due:
            self.add_error("due_on", "The due date must be on or after the start date.")
        return data


class ActionEditForm(ActionForm, OpenedVersionForm):
    """Changing an action: carries the version it was opened at."""


PROGRESS_REQUIRED = "Select whether the action is on track or off track"


class ProgressUpdateForm(GovukForm):
    narrative = forms.CharField(
        label="What has happened this month",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Say what changed for children and what evidence shows it.",
    )
    # No answer is chosen for the user: a post left at a default once rated a slipping
    # action on track (issue 7.5). The owner must say which it is.
    progress = forms.ChoiceField(
        label="Is the action on track?",
        choices=ProgressUpdate.Progress.choices,
        widget=forms.RadioSelect,
        error_messages={"required": PROGRESS_REQUIRED},
    )
    status = forms.ChoiceField(label="Status", choices=Action.Status.choices)


class ProgressUpdateActionForm(ProgressUpdateForm, OpenedVersionForm):
    """The month's update carries the action's version, because a new status changes the
    action; only the status is compared with the saved action."""

    @classmethod
    def initial_for(cls, action: Action) -> dict:
        return {"status": action.status, "opened_version": action.edit_version}


class MilestoneForm(GovukForm):
    title = forms.CharField(label="Milestone", max_length=300)
    due_on = DateField(label="Due date")


class MilestoneEditForm(MilestoneForm, OpenedVersionForm):
    """Changing a milestone: carries the version it was opened at."""

    achieved_on = DateField(
        label="Date achieved",
        required=False,
        help_text="Leave blank if it has not been achieved yet. For example, 31 3 2025",
    )


class MilestoneAchievedForm(OpenedVersionForm):
    """The "Mark achieved" button: carries the version of the milestone the page showed."""


def record_choices(council) -> list[tuple[str, list[tuple[str, str]]]]:
    """The registry's records for the council, grouped by kind, values "kind:ref"."""
    from trajectory.assessment import evidence

    return evidence.grouped_choices(council, exclude=EvidenceLink.FIRST_CLASS_KINDS)


class EvidenceForm(GovukForm):
    kind = forms.ChoiceField(
        label="Kind of evidence", choices=EvidenceLink.Kind.choices, widget=forms.RadioSelect
    )
    indicator_id = forms.ChoiceField(label="Which indicator", required=False)
    finding = forms.TypedChoiceField(
        label="Which Ofsted finding", required=False, coerce=int, empty_value=None
    )
    document = forms.FileField(label="Document (PDF or Word, up to 20 MB)", required=False)
    record = forms.ChoiceField(
        label="Which record",
        required=False,
        help_text="Audit results, survey results, engagement events and the other records "
        "Trajectory holds, by kind.",
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What this evidence shows. Required for other evidence.",
    )

    def __init__(self, *args, indicators=(), findings=(), council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record"].choices = [("", "Choose a record")] + (
            record_choices(council) if council is not None else []
        )
        self.fields["indicator_id"].choices = [("", "Choose an indicator")] + [
            (indicator.id, f"{indicator.title} ({indicator.domain})") for indicator in indicators
        ]
        self.fields["finding"].choices = [("", "Choose a finding")] + [
            (finding.pk, f"{finding.get_kind_display()}: {finding.text[:120]}")
            for finding in findings
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == EvidenceLink.Kind.INDICATOR and not data.get("indicator_id"):
            self.add_error("indicator_id", "Choose an indicator.")
        if kind == EvidenceLink.Kind.FINDING and not data.get("finding"):
            self.add_error("finding", "Choose an Ofsted finding.")
        if kind == EvidenceLink.Kind.DOCUMENT and not data.get("document"):
            self.add_error("document", "Choose a PDF or Word file to upload.")
        if kind == EvidenceLink.Kind.RECORD and not data.get("record"):
            self.add_error("record", "Choose a record.")
        if kind == EvidenceLink.Kind.OTHER and not data.get("note", "").strip():
            self.add_error("note", "Say what the evidence is.")
        return data


class HistoryFilterForm(GovukForm):
    since = DateField(label="From", required=False)
    until = DateField(label="To", required=False)
