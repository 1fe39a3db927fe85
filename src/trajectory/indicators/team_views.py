"""The team comparison page: an indicator's latest figure for each team beside the council's,
with each social worker's for those who may see the children (issue 8.7)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from trajectory.councils.permissions import has_capability
from trajectory.councils.selectors import council_for_user
from trajectory.indicators import registry, team_selectors

DEFAULT_INDICATOR = "cla_count"


@login_required
def indicator_teams(request, council_code: str, indicator_id: str | None = None):
    council = council_for_user(request.user, council_code)
    indicator_id = indicator_id or request.GET.get("indicator") or DEFAULT_INDICATOR
    choices = team_selectors.breakdown_indicators()
    if indicator_id not in {i.id for i in choices}:
        raise Http404("No figures by team for this indicator")
    comparison = team_selectors.team_comparison(request.user, council, indicator_id)
    can_view_children = has_capability(request.user, "view_child_level", council)
    team = request.GET.get("team")
    workers = None
    if request.GET.get("by") == "worker":  # 403 without view_child_level
        workers = team_selectors.worker_comparison(request.user, council, indicator_id, team)
    return render(
        request,
        "indicators/indicator_teams.html",
        {
            "council": council,
            "indicator": registry.get(indicator_id),
            "choices": choices,
            "comparison": comparison,
            "workers": workers,
            "team": team,
            "can_view_children": can_view_children,
        },
    )
