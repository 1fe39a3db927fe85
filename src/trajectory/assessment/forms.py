"""Assessment forms in GOV.UK Frontend markup. Domain entries carry the version they were
opened at (`OpenedVersionForm`), so two people editing never lose a change."""

from __future__ import annotations

from django import forms

from trajectory.assessment import evidence
from trajectory.assessment.models import Review
from trajectory.web.edit_conflicts import OpenedVersionForm
from trajectory.web.forms import DateField, GovukForm


def _rating_field(scale, label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[(rating, rating) for rating in scale],
        widget=forms.RadioSelect,
        help_text="Lowest first, as the framework's scale orders them",
        error_messages={"required": "Choose a rating"},
    )


class ReviewStartForm(GovukForm):
    framework = forms.TypedChoiceField(
        label="Framework version", coerce=int, error_messages={"required": "Choose a framework"}
    )
    kind = forms.ChoiceField(
        label="Kind of review",
        choices=Review.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of review"},
    )
    as_at = DateField(label="Date of the review", subject="the date of the review")

    def __init__(self, *args, frameworks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].choices = [
            (framework.pk, f"{framework}{'' if framework.council_id else ' (national default)'}")
            for framework in frameworks
        ]


class SelfAssessmentForm(GovukForm, OpenedVersionForm):
    self_narrative = forms.CharField(
        label="The council's narrative", widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    self_evidence = forms.CharField(
        label="Evidence the council points to",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="In your own words; cite figures and records below the form",
    )

    def __init__(self, *args, scale=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"self_rating": _rating_field(scale, "The council's rating"), **self.fields}

    @classmethod
    def initial_for(cls, record) -> dict:
        return super().initial_for(record) | {"self_rating": record.self_rating}


class OpinionForm(GovukForm, OpenedVersionForm):
    opinion_narrative = forms.CharField(
        label="The Commissioner's opinion",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    opinion_caveats = forms.CharField(
        label="Caveats",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text='For example "the QA framework is embedding rather than embedded"',
    )

    def __init__(self, *args, scale=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "opinion_rating": _rating_field(scale, "The Commissioner's rating"),
            **self.fields,
        }

    @classmethod
    def initial_for(cls, record) -> dict:
        return super().initial_for(record) | {"opinion_rating": record.opinion_rating}


class CitationForm(GovukForm):
    """One select of everything citable, grouped by kind: the value is `kind:ref`."""

    cited = forms.ChoiceField(
        label="Evidence to cite", error_messages={"required": "Choose the evidence to cite"}
    )
    note = forms.CharField(
        label="Note (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        groups = [("", "Choose evidence")]
        for kind in evidence.EVIDENCE_KINDS.values():
            options = [(f"{kind.key}:{ref}", label) for ref, label in kind.choices(council)]
            if options:
                groups.append((kind.label, options))
        self.fields["cited"].choices = groups

    def clean_cited(self):
        kind, _, ref = self.cleaned_data["cited"].partition(":")
        return kind, ref


class ReasonForm(GovukForm):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason"},
    )


class FrameworkCopyForm(GovukForm):
    name = forms.CharField(
        label="Name of the council's copy",
        max_length=200,
        required=False,
        help_text="Leave empty to keep the template's name",
    )


class FrameworkDomainForm(GovukForm):
    name = forms.CharField(label="Domain", max_length=200)
    criterion = forms.CharField(
        label="Criterion",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text='What there should be evidence of: "There should be evidence that…"',
    )
    guidance = forms.CharField(
        label="Guidance", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class ScaleForm(GovukForm):
    rating_scale = forms.CharField(
        label="Rating scale",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One rating a line, lowest first",
    )
