"""Template filters that present figures the same way on every page.

A figure is always shown with its unit: counts as whole numbers with thousands separators,
percentages to one decimal place, rates per 10,000 children to one decimal place.
"""

from __future__ import annotations

from django import template

register = template.Library()

UNIT_SUFFIX = {"percent": "%", "rate": "", "count": ""}
CHANGE_SUFFIX = {"percent": " percentage points", "rate": "", "count": ""}


def _number(value: float, unit: str) -> str:
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:,.1f}"


@register.filter
def figure(value, unit: str = "count") -> str:
    """A value as people read it: 1,234 children, 12.5%, 64.3 per 10,000."""
    if value is None:
        return "No figure"
    return _number(float(value), unit) + UNIT_SUFFIX.get(unit, "")


@register.filter
def change(value, unit: str = "count") -> str:
    """A signed difference: +12, −1.5 percentage points; "no change" at zero."""
    if value is None:
        return "Not available"
    number = float(value)
    if round(number, 0 if unit == "count" else 1) == 0:
        return "No change"
    sign = "+" if number > 0 else "−"
    return sign + _number(abs(number), unit) + CHANGE_SUFFIX.get(unit, "")


DIRECTION_TEXT = {
    "better": "Better",
    "worse": "Worse",
    "same": "No change",
}
DIRECTION_TAG = {
    "better": "govuk-tag--green",
    "worse": "govuk-tag--red",
    "same": "govuk-tag--grey",
}


@register.filter
def direction_text(direction) -> str:
    """The direction in words, so it never depends on colour alone."""
    return DIRECTION_TEXT.get(direction or "", "Not judged")


@register.filter
def direction_tag(direction) -> str:
    return DIRECTION_TAG.get(direction or "", "govuk-tag--grey")


UNIT_TEXT = {
    "count": "Number of children",
    "percent": "Percentage",
    "rate": "Rate per 10,000 children",
}


@register.filter
def unit_text(unit: str) -> str:
    return UNIT_TEXT.get(unit, unit)


POLARITY_TEXT = {
    "higher_is_better": "Higher is better",
    "lower_is_better": "Lower is better",
    "neutral": "Neither higher nor lower is better in itself",
}


@register.filter
def polarity_text(polarity: str) -> str:
    return POLARITY_TEXT.get(polarity, polarity)


UPLOAD_STATUS_TAG = {
    "preview": "govuk-tag--blue",
    "refused": "govuk-tag--red",
    "accepted": "govuk-tag--green",
    "already_imported": "govuk-tag--grey",
    "discarded": "govuk-tag--grey",
}


@register.filter
def status_tag(status: str) -> str:
    return UPLOAD_STATUS_TAG.get(status, "govuk-tag--grey")


@register.filter
def column_heading(name: str) -> str:
    """A selector's column name as a table heading: child_id → Child ID."""
    words = str(name).replace("_", " ").split()
    words = ["ID" if word.lower() == "id" else word for word in words]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


@register.filter
def cell(value) -> str:
    """A child-level value as people read it: Yes/No, dates in words, blanks for nothing."""
    from datetime import date

    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value.day} {value:%b %Y}"
    return str(value)
