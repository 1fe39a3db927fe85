"""Template filters that present figures the same way on every page.

Formatting and direction are `trajectory.indicators.figures` (issue 7.21): `figure` and
`change` take the indicator (its decimals, as docs/indicators.md states them) or, for a bare
number such as a row count, its unit.
"""

from __future__ import annotations

from datetime import date

from django import template

from trajectory.indicators import figures
from trajectory.web.dates import govuk_date

register = template.Library()


def _indicator_and_unit(arg) -> tuple[object | None, str]:
    if isinstance(arg, str):
        return None, arg
    return arg, arg.unit


@register.filter
def figure(value, indicator_or_unit="count") -> str:
    """A value as people read it: 1,234 children, 12.5%, 64 per 10,000."""
    indicator, unit = _indicator_and_unit(indicator_or_unit)
    if indicator is not None:
        return figures.shown(indicator, value)
    return figures.format_number(value, unit)


@register.filter
def change(value, indicator_or_unit="count") -> str:
    """A signed difference: +12, −1.5 percentage points; "No change" when it rounds to zero."""
    indicator, unit = _indicator_and_unit(indicator_or_unit)
    return figures.change_shown(indicator, value, unit)


@register.filter
def annual_period(as_at, indicator) -> str:
    """An annual figure's period for its indicator (`figures.annual_period_text`)."""
    return figures.annual_period_text(indicator, as_at) if as_at else ""


@register.filter
def direction_text(direction) -> str:
    """The direction in words, so it never depends on colour alone."""
    return figures.DIRECTION_LABEL.get(direction or "", figures.DIRECTION_LABEL[figures.NO_DATA])


@register.filter
def direction_tag(direction) -> str:
    return figures.DIRECTION_TAG.get(direction or "", "govuk-tag--grey")


UNIT_TEXT = {
    "count": "Number of children",
    "percent": "Percentage",
    "rate": "Rate per 10,000 children",
    "per child": "Incidents per child",
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

    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return govuk_date(value)
    return str(value)
