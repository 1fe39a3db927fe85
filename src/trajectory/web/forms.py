"""GOV.UK Frontend form plumbing every app's forms share: widget classes, the error variant,
and a service's ValidationError shown on the form it came from."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from trajectory.web.edit_conflicts import StaleEdit, show_conflict

WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
    "date": "govuk-input govuk-input--width-10",
}

# Radios and checkboxes are drawn option by option by the templates, so their widget gets none.
OPTION_WIDGETS = ("radioselect", "checkboxselectmultiple")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


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
