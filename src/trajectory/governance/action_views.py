"""The action log across the council's bodies: its own module, so the navigation marks "Action
log" and not "Boards and meetings" while it is open."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from trajectory.councils.permissions import has_capability
from trajectory.councils.selectors import council_for_user
from trajectory.governance import selectors, services
from trajectory.plans import clock
from trajectory.web.navigation import Link, council_home_url


@login_required
def board_actions(request, council_code: str):
    council = council_for_user(request.user, council_code)
    show = request.GET.get("show", "all")
    if show not in selectors.ACTION_FILTERS:
        show = "all"
    today = clock.today()
    everything = selectors.action_log(request.user, council, today=today)
    rows = selectors.action_log(request.user, council, today=today, show=show)
    counts = {
        "all": len(everything),
        "open": sum(1 for row in everything if row.is_open),
        "overdue": sum(1 for row in everything if row.rag.key == "overdue"),
    }
    return render(
        request,
        "governance/actions.html",
        {
            "council": council,
            "can_write": has_capability(request.user, services.CAPABILITY, council),
            "today": today,
            "rows": rows,
            "show": show,
            "shown_label": selectors.ACTION_FILTERS[show],
            "filters": [
                (key, label, counts[key], key == show)
                for key, label in selectors.ACTION_FILTERS.items()
            ],
            "trail": [Link(council.name, council_home_url(council))],
        },
    )
