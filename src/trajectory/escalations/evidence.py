"""Partners' concerns as evidence (issue 11.6), in the assessment evidence registry: one kind,
"escalation_theme", whose ref is a theme's code and whose snapshot counts the concerns of that
theme raised in the 12 months to the cited date, as they stood on that date: how many had a
response by then and how many of those within the standard, and the case reviews' outcomes
recorded by then. Counts only: no child's identifier is read, so every role can read it.
Registered from the app's ready().
"""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import NoReverseMatch, reverse

from trajectory.web.dates import govuk_date

THEME = "escalation_theme"


def year_to(as_at: date) -> date:
    """The first day of the 12 months ending on `as_at` (1 April 2024 for 31 March 2025; a 29
    February's year starts on 1 March)."""
    try:
        year_before = as_at.replace(year=as_at.year - 1)
    except ValueError:  # 29 February
        year_before = as_at.replace(year=as_at.year - 1, day=28)
    return year_before + timedelta(days=1)


def _theme(ref: str):
    from trajectory.escalations import catalogue

    found = next((theme for theme in catalogue.THEMES if theme.code == ref), None)
    if found is None:
        raise LookupError(f"No theme {ref}.")
    return found


def _choices(council) -> list[tuple[str, str]]:
    from trajectory.escalations import catalogue

    return [
        (theme.code, f"Partner concerns about {theme.label[:1].lower()}{theme.label[1:]}")
        for theme in catalogue.THEMES
    ]


def counts(council, theme_code: str, as_at: date) -> dict[str, int]:
    """The theme's concerns raised from `year_to(as_at)` to `as_at`, as they stood on `as_at`."""
    from trajectory.escalations import timescales
    from trajectory.escalations.models import Concern

    concerns = Concern.objects.filter(
        council=council, theme=theme_code, raised_on__gte=year_to(as_at), raised_on__lte=as_at
    ).only("raised_on", "response_sent_on", "review_outcome", "reviewed_on")
    found = {
        "raised": 0,
        "responded": 0,
        "within_standard": 0,
        "upheld": 0,
        "partly_upheld": 0,
        "not_upheld": 0,
    }
    for concern in concerns:
        found["raised"] += 1
        sent = concern.response_sent_on
        if sent is not None and sent <= as_at:
            found["responded"] += 1
            days = timescales.working_days_between(concern.raised_on, sent)
            found["within_standard"] += timescales.within_standard(days)
        reviewed = concern.reviewed_on
        if concern.review_outcome and reviewed is not None and reviewed <= as_at:
            found[concern.review_outcome] += 1
    return found


def _current(council, ref: str, as_at: date) -> dict:
    from trajectory.escalations import catalogue

    theme = _theme(ref)
    found = counts(council, theme.code, as_at)
    since = year_to(as_at)
    return {
        "label": f"Partner concerns: {theme.label}",
        "value": f"{found['raised']} raised in 12 months",
        "raw_value": found["raised"],
        "detail": (
            f"{govuk_date(since)} to {govuk_date(as_at)}; {found['responded']} answered by then, "
            f"{found['within_standard']} within {catalogue.RESPONSE_STANDARD_WORKING_DAYS} "
            f"working days; reviews: {found['upheld']} upheld, {found['partly_upheld']} partly "
            f"upheld, {found['not_upheld']} not upheld"
        ),
        "as_at": as_at.isoformat(),
        "source": {"theme": theme.code, "since": since.isoformat()} | found,
    }


def _url(council, ref: str) -> str:
    _theme(ref)
    try:
        return reverse("escalations_themes", args=[council.code])
    except NoReverseMatch:
        return ""


def register_kinds() -> None:
    from trajectory.assessment.evidence import EvidenceKind, register

    register(EvidenceKind(THEME, "Partner concerns by theme", _choices, _current, url=_url))
