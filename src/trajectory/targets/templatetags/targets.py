"""Targets as pages show them, through the selectors' wording (one place for the words)."""

from django import template

from trajectory.targets import selectors

register = template.Library()


@register.filter
def target_words(setting) -> str:
    """ "60.0% or higher", "50 ± 5", "No target"."""
    return selectors.target_text(setting)


@register.filter
def tolerance_words(setting) -> str:
    """ "2.0 percentage points", "± 5", "" when there is no target."""
    return selectors.tolerance_shown(setting)
