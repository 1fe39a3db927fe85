"""Forms for the voice pages. They only parse input; the services decide what is allowed.
Forms that change a record carry the version it was opened at (`OpenedVersionForm`)."""

from __future__ import annotations

from django import forms

from trajectory.voice.models import EngagementEvent, Survey
from trajectory.web.edit_conflicts import OpenedVersionForm
from trajectory.web.forms import DateField, GovukForm


def _text(label, *, max_length, required=True, help_text="", rows=None):
    what = label[0].lower() + label[1:]
    return forms.CharField(
        label=label if required else f"{label} (optional)",
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows})
        if rows
        else forms.TextInput(attrs={"class": "govuk-input"}),
        error_messages={
            "required": f"Enter the {what}",
            "max_length": f"The {what} must be {max_length} characters or fewer",
        },
    )


class SurveyForm(GovukForm):
    title = _text("Title", max_length=200, help_text="For example Bright Spots: children in care")
    audience = forms.ChoiceField(
        label="Asked of",
        choices=Survey.Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the survey asks"},
    )
    kind = forms.ChoiceField(
        label="Kind of results",
        choices=Survey.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of results"},
    )
    run_by = _text("Run by", max_length=200, required=False, help_text="For example Coram Voice")
    asked_of = _text(
        "Who answers",
        max_length=300,
        required=False,
        help_text="For example children in care aged 11 to 18",
    )
    comparator = _text(
        "Comparator",
        max_length=200,
        required=False,
        help_text="Whose results the council's are set beside, for example other councils' "
        "children in care",
    )


class SurveyEditForm(SurveyForm, OpenedVersionForm):
    pass


class UploadForm(GovukForm):
    file = forms.FileField(
        label="Results file",
        help_text="A .csv or .xlsx file with one header row; see the columns listed above.",
        error_messages={"required": "Choose a CSV or XLSX file", "empty": "The file is empty"},
    )


class ThemeForm(GovukForm):
    name = _text("Name", max_length=100)
    description = _text("Description", max_length=300, required=False)


class ThemeEditForm(ThemeForm, OpenedVersionForm):
    pass


class TagForm(OpenedVersionForm, GovukForm):
    themes = forms.ModelMultipleChoiceField(
        label="Themes",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose every theme the answer speaks to.",
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes


class EventForm(GovukForm):
    kind = forms.ChoiceField(
        label="Kind",
        choices=EngagementEvent.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of event"},
    )
    format = forms.ChoiceField(
        label="Format",
        choices=EngagementEvent.Format.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose face to face or virtual"},
    )
    held_on = DateField(label="Date")
    title = _text(
        "Title", max_length=200, help_text="For example Improvement journey: staff event, Crawley"
    )
    led_by = _text("Led by", max_length=200, required=False)
    attendance = forms.IntegerField(
        label="Attendance (optional)",
        required=False,
        min_value=0,
        max_value=100_000,
        help_text="How many came. Leave blank if not counted.",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-5"}
        ),
        error_messages={
            "invalid": "Attendance must be a whole number",
            "min_value": "Attendance cannot be below 0",
            "max_value": "Attendance is too large",
        },
    )
    notes = _text(
        "Notes",
        max_length=5000,
        required=False,
        rows=5,
        help_text="What was said, in general terms: name no child, and no worker without "
        "their agreement.",
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes


class EventEditForm(EventForm, OpenedVersionForm):
    pass


class SettingsForm(OpenedVersionForm, GovukForm):
    minimum_respondents = forms.IntegerField(
        label="Fewest respondents shown outside the council",
        min_value=1,
        max_value=1000,
        help_text="A question fewer answered is shown as c to board members and region and "
        "DfE officials.",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-3"}
        ),
        error_messages={
            "required": "Enter the fewest respondents",
            "invalid": "The fewest respondents must be a whole number",
            "min_value": "The fewest respondents must be 1 or more",
            "max_value": "The fewest respondents must be 1,000 or fewer",
        },
    )
    minimum_count = forms.IntegerField(
        label="Smallest count shown outside the council",
        min_value=1,
        max_value=100,
        help_text="A result standing for fewer children or staff than this on either side is "
        "shown as c.",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-3"}
        ),
        error_messages={
            "required": "Enter the smallest count",
            "invalid": "The smallest count must be a whole number",
            "min_value": "The smallest count must be 1 or more",
            "max_value": "The smallest count must be 100 or fewer",
        },
    )


class EngagementFilterForm(GovukForm):
    """The log between two dates (either may be left blank)."""

    since = DateField(label="From", subject="the first date", required=False)
    until = DateField(label="To", subject="the last date", required=False)

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The last date must be on or after the first date")
        return data


class TagManyForm(GovukForm):
    """One theme added to the answers ticked on a free-text question's page."""

    theme = forms.ModelChoiceField(
        label="Theme to add",
        queryset=None,
        empty_label="Choose a theme",
        error_messages={"required": "Choose a theme", "invalid_choice": "Choose a theme"},
    )
    answers = forms.ModelMultipleChoiceField(
        label="Answers",
        queryset=None,
        error_messages={
            "required": "Tick the answers to tag",
            "invalid_choice": "Tick answers to this question",
            "invalid_pk_value": "Tick answers to this question",
        },
    )

    def __init__(self, *args, themes, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes
        self.fields["answers"].queryset = answers
