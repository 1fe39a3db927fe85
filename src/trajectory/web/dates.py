"""Dates and times as GOV.UK's style guide writes them, in one place for every page, export
and message: "2 December 2026", "3:04pm", "2 December 2026 at 3:04pm", "December 2026".

The GOV.UK style guide (www.gov.uk/guidance/style-guide/a-to-z, "dates" and "times"): no
leading zero, the month in full, "am"/"pm" without a space, "midday" and "midnight".
Templates use the `dates` library's filters of the same names."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def govuk_date(value: dt.date) -> str:
    """2 December 2026 (a datetime is first put in the council's time zone)."""
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    return f"{value.day} {value:%B %Y}"


def govuk_month(value: dt.date) -> str:
    """December 2026."""
    return f"{value:%B %Y}"


def govuk_time(value: dt.datetime) -> str:
    """GOV.UK style, in the council's time zone: 3:04pm, 3pm, midday, midnight."""
    local = _local(value)
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def govuk_date_time(value: dt.datetime) -> str:
    """2 December 2026 at 3:04pm."""
    local = _local(value)
    return f"{govuk_date(local.date())} at {govuk_time(local)}"


def parse_iso_date(text: str) -> dt.date | None:
    """A stored ISO date (2026-12-02) back as a date; None for anything else."""
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def elapsed(earlier: dt.date, later: dt.date) -> str:
    """How long from one date to another, in whole calendar months as people say it: "2 years
    and 11 months", "5 months", "1 year"; under a month in days ("12 days", "0 days")."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    if months < 1:
        return _plural(max(0, (later - earlier).days), "day")
    years, months = divmod(months, 12)
    parts = [_plural(years, "year")] if years else []
    parts += [_plural(months, "month")] if months else []
    return " and ".join(parts)
