"""Forms for the board pages. They only parse input; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from trajectory.governance import catalogue, subjects
from trajectory.plans.forms import PersonChoiceField
from trajectory.plans.models import Action as PlanAction
from trajectory.web.dates import govuk_date
from trajectory.web.edit_conflicts import OpenedVersionForm
from trajectory.web.forms import DateField, GovukForm

YES_NO = [("True", "Yes"), ("False", "No")]
PAPER_LABEL = "Paper (PDF or Word, up to 20 MB)"


def _yes(value) -> bool:
    return value in (True, "True")


class BodyForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200)
    kind = forms.ChoiceField(label="Kind of body", choices=catalogue.BODY_KIND_CHOICES)
    chair_name = forms.CharField(label="Chair", max_length=200, required=False)
    chair_organisation = forms.CharField(
        label="Chair's organisation", max_length=200, required=False
    )
    chair_independent = forms.TypedChoiceField(
        label="Is the chair independent of the council?",
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the chair is independent of the council"},
    )
    from_on = DateField(label="Met from", required=False)
    to_on = DateField(label="Met until", required=False, help_text="Leave blank if it still meets.")

    def clean(self):
        data = super().clean()
        if data.get("from_on") and data.get("to_on") and data["to_on"] < data["from_on"]:
            self.add_error("to_on", "The end date must be on or after the start date.")
        return data


class BodyEditForm(BodyForm, OpenedVersionForm):
    @classmethod
    def initial_for(cls, record) -> dict:
        initial = super().initial_for(record)
        initial["chair_independent"] = str(bool(record.chair_independent))
        return initial


class MemberForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200)
    organisation = forms.CharField(label="Organisation", max_length=200)
    organisation_kind = forms.ChoiceField(
        label="Kind of organisation",
        choices=catalogue.ORGANISATION_KIND_CHOICES,
        help_text="Partners are invited to external meetings; the council's side to both.",
    )
    role = forms.CharField(
        label="Role on the body",
        max_length=200,
        required=False,
        help_text="For example, Director of Children's Services, or secondary school "
        "representative.",
    )
    from_on = DateField(label="Member from", required=False)
    to_on = DateField(label="Member until", required=False)


class MemberEditForm(MemberForm, OpenedVersionForm):
    pass


class MeetingForm(GovukForm):
    held_on = DateField(label="Date of the meeting", subject="the date of the meeting")
    kind = forms.ChoiceField(
        label="Who is it for?",
        choices=list(catalogue.MEETING_KINDS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the meeting is internal or external"},
    )
    title = forms.CharField(label="Title (optional)", max_length=200, required=False)


class MeetingEditForm(MeetingForm, OpenedVersionForm):
    pass


class AttendanceForm(GovukForm, OpenedVersionForm):
    """One radio group per member: present, apologies or absent."""

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {}
        for row in rows:
            name = f"member_{row.member.pk}"
            self.members[name] = row.member
            invited = "" if row.expected else " (not invited to internal meetings)"
            self.fields[name] = forms.ChoiceField(
                label=f"{row.member.name}, {row.member.organisation}{invited}",
                choices=catalogue.ATTENDANCE_CHOICES,
                widget=forms.RadioSelect,
                required=False,
            )
            if row.status:
                self.initial.setdefault(name, row.status)

    def statuses(self) -> dict[int, str]:
        return {
            member.pk: self.cleaned_data[name]
            for name, member in self.members.items()
            if self.cleaned_data.get(name)
        }

    @classmethod
    def initial_for(cls, meeting) -> dict:
        return {"opened_version": meeting.edit_version}


class ItemForm(GovukForm):
    title = forms.CharField(label="Item", max_length=300)
    presenter = forms.CharField(label="Presented by (optional)", max_length=200, required=False)
    subject = forms.ChoiceField(
        label="What it discusses (optional)",
        required=False,
        help_text="An indicator, a plan priority or action, an escalation or a review: the "
        "agenda links to its page.",
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [("", "Nothing in Trajectory")] + subjects.choices(council)


class ItemEditForm(ItemForm, OpenedVersionForm):
    @classmethod
    def initial_for(cls, record) -> dict:
        initial = super().initial_for(record)
        initial["subject"] = (
            f"{record.subject_kind}:{record.subject_ref}" if record.subject_kind else ""
        )
        return initial


class PaperForm(GovukForm):
    title = forms.CharField(label="Title (optional)", max_length=300, required=False)
    file = forms.FileField(label=PAPER_LABEL, required=False)
    existing = forms.TypedChoiceField(
        label="Or a document already held", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["existing"].choices = [("", "Choose a document")] + [
            (document.pk, document.original_name) for document in documents
        ]

    def clean(self):
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("existing")):
            self.add_error("file", "Upload a paper, or choose a document already held (not both).")
        return data


class DecisionForm(GovukForm):
    text = forms.CharField(label="Decision", widget=forms.Textarea(attrs={"rows": 4}))
    item = forms.TypedChoiceField(
        label="Agenda item (optional)", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "Not about one item")] + [
            (item.pk, f"{item.number}. {item.title}"[:150]) for item in items
        ]


class DecisionEditForm(GovukForm, OpenedVersionForm):
    text = forms.CharField(label="Decision", widget=forms.Textarea(attrs={"rows": 4}))


class BoardActionForm(GovukForm):
    title = forms.CharField(
        label="Action", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = PersonChoiceField(
        label="Owner", queryset=None, required=False, empty_label="Someone not listed"
    )
    owner_name = forms.CharField(
        label="Owner's name or job title (if not listed)", required=False, max_length=200
    )
    due_on = DateField(label="Due date")
    status = forms.ChoiceField(label="Status", choices=PlanAction.Status.choices)

    def __init__(self, *args, people, decisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        if decisions:
            self.fields["decision"] = forms.TypedChoiceField(
                label="From decision (optional)",
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", "Not from a recorded decision")]
                + [(d.pk, d.text[:120]) for d in decisions],
            )
            self.fields["decision"].widget.attrs["class"] = "govuk-select"

    def clean(self):
        data = super().clean()
        if not data.get("owner") and not (data.get("owner_name") or "").strip():
            self.add_error("owner_name", "Enter the owner's name or job title, or choose an owner.")
        return data


class BoardActionEditForm(BoardActionForm, OpenedVersionForm):
    completed_on = DateField(label="Date completed", required=False)


class MinutesForm(GovukForm, OpenedVersionForm):
    minutes = forms.CharField(
        label="Minutes", required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    file = forms.FileField(label="Or the minutes as a paper (PDF or Word)", required=False)

    @classmethod
    def initial_for(cls, meeting) -> dict:
        return {"minutes": meeting.minutes, "opened_version": meeting.edit_version}


class MinutesApproveForm(GovukForm, OpenedVersionForm):
    approved_at = forms.TypedChoiceField(
        label="Approved at the meeting on",
        coerce=int,
        help_text="Minutes are approved at a later meeting of the same body, normally the next.",
    )

    def __init__(self, *args, later_meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_at"].choices = [
            (m.pk, f"{govuk_date(m.held_on)} ({m.get_kind_display().lower()})")
            for m in later_meetings
        ]

    @classmethod
    def initial_for(cls, meeting, later_meetings=()) -> dict:
        initial = {"opened_version": meeting.edit_version}
        if later_meetings:
            initial["approved_at"] = later_meetings[0].pk
        return initial


class ApprovalStepForm(GovukForm):
    step = forms.ChoiceField(label="Step", choices=catalogue.APPROVAL_STEP_CHOICES)
    happened_on = DateField(label="Date", subject="the date of the step")
    meeting = forms.TypedChoiceField(
        label="Meeting it happened at (optional)", required=False, coerce=int, empty_value=None
    )
    outcome = forms.ChoiceField(
        label="Outcome (Ofsted's advice and the Commissioner's decision only)",
        required=False,
        choices=catalogue.OUTCOME_CHOICES,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label=PAPER_LABEL + " (optional)", required=False)
    paper = forms.TypedChoiceField(
        label="Or a paper already held", required=False, coerce=int, empty_value=None
    )
    note = forms.CharField(
        label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, meetings=(), documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [("", "Not at a meeting")] + [
            (m.pk, f"{m.body.name}, {govuk_date(m.held_on)}") for m in meetings
        ]
        self.fields["paper"].choices = [("", "No paper")] + [
            (d.pk, d.original_name) for d in documents
        ]

    def clean(self):
        data = super().clean()
        if data.get("file") and data.get("paper"):
            self.add_error("file", "Upload a paper, or choose one already held (not both).")
        return data


class ApprovalStepEditForm(ApprovalStepForm, OpenedVersionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["step"]
