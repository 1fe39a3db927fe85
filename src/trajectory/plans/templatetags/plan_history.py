"""`{% load plan_history %}`: change records in words, through `plans.history`."""

from django import template

from trajectory.plans.history import change_shown

register = template.Library()


@register.filter
def shown(change):
    return change_shown(change)
