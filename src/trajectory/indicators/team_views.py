"""The team comparison page: an indicator's latest figure for each team beside the council's,
with each social worker's for those who may see the children, and the upload of the
worker-to-team file (issue 8.7)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trajectory.councils.permissions import has_capability
from trajectory.councils.selectors import council_for_user
from trajectory.councils.team_files import MAX_BYTES, latest_team_file, team_file_import
from trajectory.indicators import registry, team_selectors

DEFAULT_INDICATOR = "cla_count"


@login_required
def indicator_teams(request, council_code: str, indicator_id: str | None = None):
    council = council_for_user(request.user, council_code)
    indicator_id = indicator_id or request.GET.get("indicator") or DEFAULT_INDICATOR
    return _teams_page(request, council, indicator_id)


def _teams_page(request, council, indicator_id: str, *, upload_errors=None, status=200):
    choices = team_selectors.breakdown_indicators()
    if indicator_id not in {i.id for i in choices}:
        raise Http404("No figures by team for this indicator")
    comparison = team_selectors.team_comparison(request.user, council, indicator_id)
    team = request.GET.get("team")
    workers = None
    if request.GET.get("by") == "worker":  # 403 without view_child_level
        workers = team_selectors.worker_comparison(request.user, council, indicator_id, team)
    team_file = latest_team_file(council)
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
            "can_view_children": has_capability(request.user, "view_child_level", council),
            "can_upload": has_capability(request.user, "upload_returns", council),
            "team_file": team_file,
            "team_file_workers": team_file.assignments.count() if team_file else 0,
            "upload_errors": upload_errors or [],
        },
        status=status,
    )


@login_required
@require_POST
def team_file_upload(request, council_code: str):
    """A new version of the worker-to-team file (SW_ID,team), all or nothing."""
    council = council_for_user(request.user, council_code, "upload_returns")
    uploaded = request.FILES.get("team_file")
    if uploaded is None:
        errors = ["Select the worker-to-team CSV file"]
        return _teams_page(request, council, DEFAULT_INDICATOR, upload_errors=errors, status=400)
    content = uploaded.read(MAX_BYTES + 1)
    try:
        result = team_file_import(
            council=council, user=request.user, content=content, file_name=uploaded.name
        )
    except ValidationError as refused:
        return _teams_page(
            request, council, DEFAULT_INDICATOR, upload_errors=refused.messages, status=400
        )
    if result.created:
        messages.success(
            request,
            f"Worker-to-team file version {result.team_file.number} saved. Recompute the "
            "indicators to use it.",
        )
    else:
        messages.info(
            request, f"The file is the same as version {result.team_file.number}: nothing saved."
        )
    return redirect("council_teams", council_code=council.code)
