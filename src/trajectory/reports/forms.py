"""The reports' forms: generating a paper (date, sections, audience, watermark, distribution and
the paper's own options, such as the board meeting) and writing one narrative block."""

from __future__ import annotations

from django import forms

from trajectory.reports.catalogue import ReportKind
from trajectory.web.edit_conflicts import OpenedVersionForm
from trajectory.web.forms import DateField, GovukForm

AUDIENCES = (
    ("internal", "Within the council: every figure shown"),
    ("external", "Leaving the council: small numbers shown as “c”"),
)


class GenerateForm(GovukForm):
    as_at = DateField(label="As at", subject="the date the paper's figures stand at")
    sections = forms.MultipleChoiceField(
        label="Sections",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick a section to leave it out of this paper.",
    )
    audience = forms.ChoiceField(
        label="Who the paper is for", choices=AUDIENCES, widget=forms.RadioSelect
    )
    minimum_count = forms.IntegerField(
        label="Smallest count shown outside the council",
        min_value=2,
        max_value=100,
        required=False,
        help_text="Counts from 1 to one less than this are shown as “c”. Blank: the council's "
        "small-number rule.",
    )
    watermark = forms.CharField(
        label="Watermark",
        max_length=120,
        required=False,
        help_text="For example: OFFICIAL – draft for the board",
    )
    distribution = forms.CharField(
        label="Distribution list",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Who the paper goes to, one a line.",
    )

    def __init__(self, *args, kind: ReportKind, option_fields: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        optional = [spec for spec in kind.current.sections if spec.optional]
        self.fields["sections"].choices = [(spec.key, spec.title) for spec in optional]
        if not optional:
            del self.fields["sections"]
        # A paper's own choices (builders' OPTIONS): a select each, classed as GovukForm would.
        for name, field in (option_fields or {}).items():
            field.widget.attrs.setdefault("class", "govuk-select")
            self.fields[f"option_{name}"] = field
        self.option_names = list(option_fields or {})


class NarrativeForm(OpenedVersionForm, GovukForm):
    text = forms.CharField(
        label="Text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Leave a blank line between paragraphs. A sentence kept word for word from the "
        "draft keeps its figure references. Clear the box to go back to the draft.",
    )
