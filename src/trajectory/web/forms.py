"""GOV.UK Frontend form plumbing every app's forms share: widget classes, the error variant,
and a service's ValidationError shown on the form it came from."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError

from trajectory.web.edit_conflicts import StaleEdit, show_conflict

WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}

# Radios and checkboxes are drawn option by option by the templates, and a date's three boxes
# by its own template, so their widgets get no class here.
OPTION_WIDGETS = ("radioselect", "checkboxselectmultiple", "dateparts")

DATE_PARTS = ("day", "month", "year")
DATE_PART_WIDTHS = {"day": 2, "month": 2, "year": 4}


class DatePartsInput(forms.MultiWidget):
    """GOV.UK's date input (design-system.service.gov.uk/components/date-input): day, month
    and year boxes named `<name>-day`, `<name>-month`, `<name>-year`, never the browser's date
    picker. A request carrying `<name>` as an ISO date (a link such as ?since=2025-04-01) is
    read as that date. The field marks the boxes at fault in `error_parts`."""

    template_name = "web/widgets/date_parts.html"

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput() for _ in DATE_PARTS], attrs)
        self.widgets_names = [f"-{part}" for part in DATE_PARTS]
        self.error_parts: tuple[str, ...] = ()

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str):
            try:
                parsed = dt.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
            return [parsed.day, parsed.month, parsed.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        parts = super().value_from_datadict(data, files, name)
        if not any(parts) and data.get(name):
            return data.get(name)
        return parts

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def id_for_label(self, id_):
        return f"{id_}-day" if id_ else ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for part, subwidget in zip(DATE_PARTS, context["widget"]["subwidgets"], strict=True):
            css = f"govuk-input govuk-date-input__input govuk-input--width-{DATE_PART_WIDTHS[part]}"
            if part in self.error_parts:
                css += " govuk-input--error"
            subwidget["attrs"]["class"] = css
            subwidget["attrs"]["id"] = f"{attrs.get('id', name)}-{part}"
            subwidget["part"] = part
            subwidget["label"] = part.capitalize()
        context["widget"]["id"] = attrs.get("id", name)
        return context


class DateField(forms.DateField):
    """A date typed into GOV.UK's three boxes, refused with GOV.UK's date error messages:
    "Enter the due date", "The due date must include a month", "The due date must be a real
    date", "Year must include 4 numbers". `subject` is how the messages name the date."""

    widget = DatePartsInput

    def __init__(self, *, label: str, subject: str | None = None, **kwargs):
        self.subject = subject or f"the {label.lower()}"
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("required", f"Enter {self.subject}")
        kwargs.setdefault("help_text", "For example, 31 3 2025")
        super().__init__(label=label, **kwargs)

    def _refuse(self, message: str, parts=DATE_PARTS):
        self.widget.error_parts = tuple(parts)
        raise ValidationError(message, code="invalid")

    def to_python(self, value):
        self.widget.error_parts = ()
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        subject = self.subject[:1].upper() + self.subject[1:]
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                self._refuse(f"{subject} must be a real date")
        day, month, year = (str(part or "").strip() for part in value)
        if not (day or month or year):
            return None
        missing = [
            part for part, text in zip(DATE_PARTS, (day, month, year), strict=True) if not text
        ]
        if missing:
            self._refuse(f"{subject} must include a {' and '.join(missing)}", missing)
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            wrong = [
                part
                for part, text in zip(DATE_PARTS, (day, month, year), strict=True)
                if not text.isdigit()
            ]
            self._refuse(f"{subject} must be a real date", wrong)
        if len(year) != 4:
            self._refuse("Year must include 4 numbers", ("year",))
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            self._refuse(f"{subject} must be a real date")

    def validate(self, value):
        if value in self.empty_values and self.required:
            self.widget.error_parts = DATE_PARTS
        super().validate(value)


class GovukForm(forms.Form):
    """Gives each widget its GOV.UK Frontend class (unless the field set its own), and the
    error variant after cleaning."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            kind = self[name].widget_type
            if kind not in OPTION_WIDGETS and kind != "hidden":
                field.widget.attrs.setdefault("class", WIDGET_CLASSES.get(kind, "govuk-input"))

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                css = widget.attrs.get("class", "")
                if css and "--error" not in css:
                    widget.attrs["class"] = f"{css} {css.split()[0]}--error"


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names when the form has that
    field, otherwise at the top of the form. A stale edit is shown as a conflict: the saved
    version beside the submitted one (`edit_conflicts.show_conflict`)."""
    if isinstance(error, StaleEdit):
        show_conflict(form, error)
        return
    if hasattr(error, "error_dict"):
        for field_name, errors in error.message_dict.items():
            form.add_error(field_name if field_name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
