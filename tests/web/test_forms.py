"""The GOV.UK form plumbing shared by the councils and plans forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from trajectory.web.forms import DateInput, GovukForm, add_service_errors


class ExampleForm(GovukForm):
    name = forms.CharField(label="Name")
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A")], widget=forms.RadioSelect)
    due_on = forms.DateField(label="Due", required=False, widget=DateInput())
    team = forms.CharField(
        label="Team", required=False, widget=forms.TextInput(attrs={"class": "app-own"})
    )


def test_each_widget_gets_its_govuk_class_and_radios_none():
    form = ExampleForm()
    classes = {name: field.widget.attrs.get("class") for name, field in form.fields.items()}
    assert classes == {
        "name": "govuk-input",
        "note": "govuk-textarea",
        "kind": None,
        "due_on": "govuk-input govuk-input--width-10",
        "team": "app-own",
    }


def test_a_field_in_error_gets_the_error_variant():
    form = ExampleForm(data={"kind": "a"})
    assert not form.is_valid()
    assert form.fields["name"].widget.attrs["class"] == "govuk-input govuk-input--error"
    assert form.fields["note"].widget.attrs["class"] == "govuk-textarea"


def test_service_errors_go_on_their_field_or_the_top_of_the_form():
    form = ExampleForm(data={"name": "A", "kind": "a"})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"name": "Taken.", "elsewhere": "Not a field."}))
    add_service_errors(form, ValidationError("Another council's record."))
    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Not a field.", "Another council's record."]
