"""The GOV.UK form plumbing shared by the councils and plans forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from trajectory.web.forms import DateField, GovukForm, add_service_errors


class ExampleForm(GovukForm):
    name = forms.CharField(label="Name")
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A")], widget=forms.RadioSelect)
    due_on = DateField(label="Due date", required=False)
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
        "due_on": None,  # GOV.UK's three date boxes, classed by their own template
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


class DueForm(GovukForm):
    due_on = DateField(label="Due date")
    since = DateField(label="From", subject="the start date", required=False)


def _errors(data):
    form = DueForm(data=data)
    form.is_valid()
    return {name: list(errors) for name, errors in form.errors.items()}, form


def test_dates_are_three_govuk_boxes_not_the_browsers_picker():
    html = str(DueForm(initial={"due_on": __import__("datetime").date(2025, 6, 30)})["due_on"])
    assert 'type="date"' not in html
    assert '<div class="govuk-date-input" id="id_due_on">' in html
    for part, width, value in (("day", 2, "30"), ("month", 2, "6"), ("year", 4, "2025")):
        assert (
            f'<input class="govuk-input govuk-date-input__input govuk-input--width-{width}" '
            f'id="id_due_on-{part}" name="due_on-{part}" type="text" inputmode="numeric" '
            f'value="{value}">'
        ) in html


def test_dates_typed_in_three_boxes_or_given_as_iso_in_a_link():
    from datetime import date

    form = DueForm(data={"due_on-day": "7", "due_on-month": "03", "due_on-year": "2025"})
    assert form.is_valid() and form.cleaned_data == {"due_on": date(2025, 3, 7), "since": None}
    linked = DueForm(data={"due_on": "2025-03-31", "since": "2025-01-01"})
    assert linked.is_valid() and linked.cleaned_data["since"] == date(2025, 1, 1)


def test_dates_are_refused_with_govuk_messages_and_the_wrong_boxes_marked():
    errors, form = _errors({})
    assert errors == {"due_on": ["Enter the due date"]}

    errors, form = _errors({"due_on-day": "31", "due_on-year": "2025", "since-month": "4"})
    assert errors == {
        "due_on": ["The due date must include a month"],
        "since": ["The start date must include a day and year"],
    }
    assert form.fields["due_on"].widget.error_parts == ("month",)
    html = str(form["due_on"])
    assert 'govuk-input--width-2 govuk-input--error" id="id_due_on-month"' in html
    assert 'govuk-input--width-2" id="id_due_on-day"' in html

    errors, _ = _errors({"due_on-day": "31", "due_on-month": "2", "due_on-year": "2025"})
    assert errors == {"due_on": ["The due date must be a real date"]}
    errors, _ = _errors({"due_on-day": "1", "due_on-month": "2", "due_on-year": "25"})
    assert errors == {"due_on": ["Year must include 4 numbers"]}
    errors, _ = _errors({"due_on-day": "first", "due_on-month": "2", "due_on-year": "2025"})
    assert errors == {"due_on": ["The due date must be a real date"]}


def test_the_audit_log_filter_is_govuk_date_inputs_with_a_linked_error_summary(
    client, council, make_user
):
    from django.urls import reverse

    client.force_login(make_user("admin", council))
    url = reverse("audit_log", args=[council.code])
    page = client.get(url).content.decode()
    assert 'type="date"' not in page
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">From</legend>' in page
    assert 'name="since-day"' in page and 'name="until-year"' in page

    refused = client.get(url, {"since-day": "30", "since-month": "2", "since-year": "2025"})
    text = refused.content.decode()
    assert '<a href="#id_since-day">The start date must be a real date</a>' in text
