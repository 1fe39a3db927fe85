"""`{% load navigation %}`: one breadcrumb pattern for every page (issue 7.11).

`{% breadcrumbs "Ofsted" ofsted_url "Inspection" inspection_url %}` draws GOV.UK breadcrumbs
that start at the council (its overview) and go through the given (label, address) pairs,
leaving out any that is the page itself: a breadcrumb never links to the current page."""

from __future__ import annotations

from django import template

from trajectory.web.navigation import Link, council_home_url

register = template.Library()


@register.inclusion_tag("web/_breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *pairs):
    if len(pairs) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes label and address pairs")
    request = context.get("request")
    here = request.path if request is not None else None
    council = context.get("council")
    trail = [Link(council.name, council_home_url(council))] if council else []
    trail += [Link(str(pairs[i]), str(pairs[i + 1])) for i in range(0, len(pairs), 2)]
    return {"trail": [link for link in trail if link.url and link.url != here]}
