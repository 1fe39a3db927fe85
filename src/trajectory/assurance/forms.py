"""Forms for case audits: the programme, the audit and moderation forms (one grade and comment
per question, built from the audit's template), learning actions and template questions."""

from __future__ import annotations

from datetime import date

from django import forms

from trajectory.assurance import grades
from trajectory.assurance.models import LearningAction, TemplateQuestion
from trajectory.web.dates import govuk_month
from trajectory.web.edit_conflicts import OPENED_VERSION, OpenedVersionForm
from trajectory.web.forms import DateField, GovukForm


def month_choices(today: date, taken: set[date], back: int = 12) -> list[tuple[str, str]]:
    months = []
    year, month = today.year, today.month
    for _ in range(back):
        day = date(year, month, 1)
        if day not in taken:
            months.append((day.isoformat(), govuk_month(day)))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


class ProgrammeForm(GovukForm):
    month = forms.ChoiceField(label="Month")
    seed = forms.IntegerField(
        label="Seed (optional)",
        required=False,
        min_value=0,
        help_text="Leave blank for a new random sample. The same seed on the same returns "
        "draws the same children.",
    )

    def __init__(self, *args, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = months

    def clean_month(self):
        return date.fromisoformat(self.cleaned_data["month"])


def _grade_field(question: TemplateQuestion, required: bool) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=f"{question.reference} {question.text}",
        choices=question.grade_choices,
        widget=forms.RadioSelect,
        required=required,
        help_text=question.guidance,
    )


class GradedForm(GovukForm):
    """One grade and comment per question of the template."""

    def __init__(self, *args, questions, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}_grade"] = _grade_field(question, required)
            self.fields[f"q{question.pk}_comment"] = forms.CharField(
                label=f"Comment on {question.reference}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.order_fields([*[f for f in self.fields if f.startswith("q")]])

    def answers(self) -> dict[int, tuple[str, str]]:
        return {
            question.pk: (
                self.cleaned_data.get(f"q{question.pk}_grade") or "",
                self.cleaned_data.get(f"q{question.pk}_comment") or "",
            )
            for question in self.questions
        }

    def themes(self):
        """[(theme, [(grade field, comment field)])] for the template to draw theme by theme."""
        found: dict = {}
        for question in self.questions:
            found.setdefault(question.theme, []).append(
                (self[f"q{question.pk}_grade"], self[f"q{question.pk}_comment"])
            )
        return list(found.items())


class AuditForm(OpenedVersionForm, GradedForm):
    overall_grade = forms.ChoiceField(
        label="Overall grade",
        choices=grades.OFSTED_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    narrative = forms.CharField(
        label="Summary for the child's record",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    @classmethod
    def initial_for(cls, audit, answers=None) -> dict:
        if answers is None:
            answers = {answer.question_id: answer for answer in audit.answers.all()}
        initial = {
            "overall_grade": audit.overall_grade,
            "narrative": audit.narrative,
            "opened_version": audit.edit_version,
        }
        for question_id, answer in answers.items():
            initial[f"q{question_id}_grade"] = answer.grade
            initial[f"q{question_id}_comment"] = answer.comment
        return initial


class ModerationForm(GradedForm):
    overall_grade = forms.ChoiceField(
        label="Your overall grade", choices=grades.OFSTED_CHOICES, widget=forms.RadioSelect
    )
    final_grade = forms.ChoiceField(
        label="Final grade",
        choices=grades.OFSTED_CHOICES,
        widget=forms.RadioSelect,
        help_text="The grade the case stands at after moderation.",
    )
    narrative = forms.CharField(
        label="Moderation notes", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, required=True, **kwargs)


class LearningActionForm(GovukForm):
    title = forms.CharField(label="What is to be done", max_length=300)
    owner = forms.ModelChoiceField(label="Owner", queryset=None)
    due_on = DateField(label="Due date")
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username


class LearningActionEditForm(OpenedVersionForm, LearningActionForm):
    status = forms.ChoiceField(label="Status", choices=LearningAction.Status.choices)

    field_order = ["title", "owner", "due_on", "status", "note"]


class TemplateVersionForm(OpenedVersionForm, GovukForm):
    """A change to a template version, carrying the version's edit version when the page was
    opened: a save after someone else's change to it is refused (web/edit_conflicts.py)."""

    @classmethod
    def initial_for(cls, record) -> dict:
        return {OPENED_VERSION: record.edit_version}


class ThemeForm(TemplateVersionForm):
    name = forms.CharField(label="Theme", max_length=200)
    description = forms.CharField(
        label="What the theme looks at", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConfirmForm(TemplateVersionForm):
    """Removing a theme or a question: nothing to fill in but the version opened."""


class QuestionForm(TemplateVersionForm):
    text = forms.CharField(label="Question", widget=forms.Textarea(attrs={"rows": 2}))
    scale = forms.ChoiceField(
        label="Graded on", choices=grades.Scale.choices, widget=forms.RadioSelect
    )
    guidance = forms.CharField(
        label="Guidance for auditors", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def _person(user) -> str:
    return user.get_full_name() or user.get_username()


class AllocationForm(GovukForm):
    """One auditor per audit of a month's programme not yet submitted, and their due date. An
    audit already allocated has no "not allocated" choice: it is re-allocated, never left
    without an auditor. Each audit's edit version rides along, so a re-allocation made by
    someone else since the page was opened is not overwritten."""

    due_on = DateField(label="Due date")

    def __init__(self, *args, audits, auditors, **kwargs):
        super().__init__(*args, **kwargs)
        self.audits = [audit for audit in audits if not audit.is_done]
        self.people = {str(person.pk): person for person in auditors}
        choices = [(pk, _person(person)) for pk, person in self.people.items()]
        for audit in self.audits:
            allocated = audit.auditor_id is not None
            self.fields[f"a{audit.pk}_auditor"] = forms.ChoiceField(
                label=f"Child {audit.child_id} ({audit.team or 'no team recorded'})",
                choices=choices if allocated else [("", "Not allocated"), *choices],
                required=allocated,
                initial=str(audit.auditor_id) if allocated else "",
            )
            self.fields[f"a{audit.pk}_version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=audit.edit_version
            )
        self.order_fields([*(f for f in self.fields if f != "due_on"), "due_on"])

    def allocations(self) -> dict[int, tuple[object, int]]:
        return {
            audit.pk: (
                self.people.get(self.cleaned_data.get(f"a{audit.pk}_auditor") or ""),
                self.cleaned_data[f"a{audit.pk}_version"],
            )
            for audit in self.audits
        }
