"""Home and council scorecard pages: thin views over the councils and indicators selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from trajectory.councils.permissions import has_capability
from trajectory.councils.selectors import council_for_user, memberships_for_user
from trajectory.indicators.selectors import latest_run, scorecard
from trajectory.returns.selectors import latest_version


@login_required
def home(request):
    """The councils the user belongs to; straight to the council when there is only one."""
    councils: dict[int, dict] = {}
    for membership in memberships_for_user(request.user).order_by("council__name", "role"):
        entry = councils.setdefault(
            membership.council_id, {"council": membership.council, "roles": []}
        )
        entry["roles"].append(membership.get_role_display())
    if len(councils) == 1:
        only = next(iter(councils.values()))["council"]
        return redirect("council_home", council_code=only.code)
    return render(request, "web/home.html", {"councils": list(councils.values())})


@login_required
def council_home(request, council_code: str):
    """The children-in-care scorecard, built from the latest indicator run."""
    council = council_for_user(request.user, council_code)
    run = latest_run(request.user, council)
    rows = scorecard(request.user, council) if run is not None else []
    domains: dict[str, list] = {}
    for row in rows:
        domains.setdefault(row.indicator.domain, []).append(row)
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
