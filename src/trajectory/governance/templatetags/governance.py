"""`{% load governance %}{% approval_journey plan %}`: the plan's approval journey as a
section of the plan's page (issue 9.5), read through the governance selectors, so the plan's
own views need not know about it."""

from __future__ import annotations

from django import template

from trajectory.councils.permissions import has_capability
from trajectory.governance import selectors, services

register = template.Library()


@register.inclusion_tag("governance/_approval_journey.html", takes_context=True)
def approval_journey(context, plan):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "council": plan.council,
        "plan": plan,
        "journey": selectors.approval_journey(user, plan),
        "can_write": has_capability(user, services.CAPABILITY, plan.council),
        "changes": selectors.approval_history(user, plan)[:30],
    }
