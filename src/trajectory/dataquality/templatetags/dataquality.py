"""`{% findings_warning council %}` (the scorecard) and `{% findings_warning council SOURCE %}`
(an indicator's page, SOURCE its return): the one line on a figure that reads a version with
data-quality findings (issue 13.3), linking to the data-quality page."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

from trajectory.dataquality.selectors import versions_with_findings
from trajectory.indicators.selectors import latest_run

register = template.Library()


@register.inclusion_tag("dataquality/_figure_warning.html", takes_context=True)
def findings_warning(context, council, source: str = ""):
    user = context["request"].user
    found = versions_with_findings(
        user, council, latest_run(user, council), kinds=(source,) if source else None
    )
    try:
        link = reverse("dataquality_page", args=[council.code])
    except NoReverseMatch:  # the page's address not yet included
        link = ""
    return {"versions": found, "link": link, "one": bool(source)}
