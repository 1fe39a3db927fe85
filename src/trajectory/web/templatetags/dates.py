"""`{% load dates %}`: `trajectory.web.dates` as template filters, so every page writes dates
the GOV.UK way. Blank for no date."""

from __future__ import annotations

import datetime as dt

from django import template

from trajectory.web import dates

register = template.Library()


@register.filter
def govuk_date(value) -> str:
    """2 December 2026."""
    return dates.govuk_date(value) if isinstance(value, dt.date) else ""


@register.filter
def govuk_month(value) -> str:
    """December 2026."""
    return dates.govuk_month(value) if isinstance(value, dt.date) else ""


@register.filter
def govuk_date_time(value) -> str:
    """2 December 2026 at 3:04pm; a date alone is shown as a date."""
    if isinstance(value, dt.datetime):
        return dates.govuk_date_time(value)
    return dates.govuk_date(value) if isinstance(value, dt.date) else ""
