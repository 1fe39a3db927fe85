"""`{% load audit %}`: audit entries in words, from the catalogue in `audit.labels`."""

from __future__ import annotations

from django import template

from trajectory.audit import labels

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    """Signed in, for auth.sign_in."""
    return labels.action_label(str(code))


@register.filter
def detail_rows(detail) -> list[tuple[str, str]]:
    """The entry's detail as (label, value) pairs."""
    return labels.detail_shown(detail if isinstance(detail, dict) else {})
