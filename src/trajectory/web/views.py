"""Home, council overview and scorecard pages: thin views over the councils, indicators and
overview selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from trajectory.councils.permissions import has_capability
from trajectory.councils.selectors import council_for_user, memberships_for_user
from trajectory.indicators.headline import headline_indicators
from trajectory.indicators.selectors import latest_run
from trajectory.plans import clock
from trajectory.returns.selectors import latest_version
from trajectory.web import overview
from trajectory.web.performance import scorecard_lines


@login_required
def home(request):
    """Straight to the council's overview when the user has one council; with several (a
    region or DfE official), those councils side by side (issue 7.20)."""
    councils: dict[int, dict] = {}
    for membership in memberships_for_user(request.user).order_by("council__name", "role"):
        entry = councils.setdefault(
            membership.council_id, {"council": membership.council, "roles": []}
        )
        entry["roles"].append(membership.get_role_display())
    if len(councils) == 1:
        only = next(iter(councils.values()))["council"]
        return redirect("council_overview", council_code=only.code)
    return render(
        request,
        "web/home.html",
        {
            "councils": list(councils.values()),
            "columns": overview.councils_side_by_side(request.user, today=clock.today()),
            "headline_indicators": headline_indicators(),
        },
    )


@login_required
def council_overview(request, council_code: str):
    """Every role's landing page: Ofsted, the plan, what worsened and the data's age (7.16)."""
    council = council_for_user(request.user, council_code)
    return render(
        request,
        "web/council_overview.html",
        {
            "council": council,
            "overview": overview.council_overview(request.user, council, today=clock.today()),
        },
    )


@login_required
def council_home(request, council_code: str):
    """The children-in-care scorecard, built from the latest indicator run: each figure with
    its variation (SPC), its target RAG and England's and the neighbours' figures (issue 8.9)."""
    council = council_for_user(request.user, council_code)
    run = latest_run(request.user, council)
    domains: dict[str, list] = {}
    for line in scorecard_lines(request.user, council, run):
        domains.setdefault(line.indicator.domain, []).append(line)
    return render(
        request,
        "web/council_home.html",
        {
            "council": council,
            "run": run,
            "run_versions": list(run.versions.order_by("kind", "number")) if run else [],
            "latest_version": latest_version(council),
            "domains": domains,
            "can_compute": has_capability(request.user, "compute_indicators", council),
            "can_upload": has_capability(request.user, "upload_returns", council),
        },
    )
