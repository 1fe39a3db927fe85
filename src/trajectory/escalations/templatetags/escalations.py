"""`{% load escalations %}`: working days and shares as the escalations pages write them."""

from __future__ import annotations

from django import template

from trajectory.indicators.figures import format_number

register = template.Library()


@register.filter
def working_days(value) -> str:
    """1 working day, 12 working days; '' for none."""
    if value is None or value == "":
        return ""
    return (
        "1 working day"
        if value == 1
        else f"{format_number(value, 'count', _places(value))} working days"
    )


@register.filter
def median_days(value) -> str:
    """A median of working days: whole, or to one place when it falls between two (7.5)."""
    if value is None:
        return "No responses"
    return format_number(value, "count", _places(value))


@register.filter
def percent(value) -> str:
    """A share to the whole per cent, as the board reads it: 67%."""
    if value is None:
        return "No responses"
    return format_number(value, "percent", 0)


def _places(value) -> int:
    return 0 if float(value).is_integer() else 1
