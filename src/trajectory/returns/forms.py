"""The returns pages' one form: the collection year of an upload waiting for review."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from trajectory.returns import collection_year
from trajectory.web.forms import GovukForm


class YearForm(GovukForm):
    year = forms.CharField(
        label="Collection year",
        help_text="The year the return is for, 1 April to 31 March. For example, 2024-25",
        error_messages={"required": "Enter the collection year, for example 2024-25"},
        widget=forms.TextInput(
            attrs={"spellcheck": "false", "class": "govuk-input govuk-input--width-5"}
        ),
    )

    def clean_year(self) -> collection_year.CollectionYear:
        try:
            return collection_year.parse(self.cleaned_data["year"])
        except ValueError as wrong:
            raise ValidationError(str(wrong)) from wrong
