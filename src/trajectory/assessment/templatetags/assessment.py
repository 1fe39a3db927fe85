"""Small filters for the assessment pages."""

from __future__ import annotations

import datetime as dt

from django import template

from trajectory.web.dates import govuk_date

register = template.Library()


@register.filter
def iso_date(value) -> str:
    """A snapshot's ISO date as GOV.UK writes dates: 31 March 2025."""
    try:
        return govuk_date(dt.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value or "")
