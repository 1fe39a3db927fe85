"""The one place an action's RAG rating is worked out. Never stored, so it cannot go stale.

Rules, in order:
- cancelled: grey "Cancelled" (no longer counted);
- complete: green "Complete";
- past its due date and not complete: red "Overdue";
- blocked: amber "Blocked";
- due within 14 days with no update in the last month, or the latest update says off track:
  amber "Slipping";
- otherwise green "On track".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from trajectory.plans.models import Action, ProgressUpdate

SLIPPING_WINDOW = timedelta(days=14)
UPDATE_FRESHNESS = timedelta(days=31)


@dataclass(frozen=True)
class Rag:
    key: str  # overdue | slipping | blocked | on_track | complete | cancelled
    colour: str  # red | amber | green | grey
    label: str

    @property
    def tag_class(self) -> str:
        """The GOV.UK Frontend tag colour for this rating."""
        return {
            "red": "govuk-tag--red",
            "amber": "govuk-tag--orange",
            "green": "govuk-tag--green",
            "grey": "govuk-tag--grey",
        }[self.colour]


OVERDUE = Rag("overdue", "red", "Overdue")
SLIPPING = Rag("slipping", "amber", "Slipping")
BLOCKED = Rag("blocked", "amber", "Blocked")
ON_TRACK = Rag("on_track", "green", "On track")
COMPLETE = Rag("complete", "green", "Complete")
CANCELLED = Rag("cancelled", "grey", "Cancelled")
ALL = (OVERDUE, SLIPPING, BLOCKED, ON_TRACK, COMPLETE, CANCELLED)
SEVERITY = {rag.key: order for order, rag in enumerate(ALL)}


def action_rag(action, *, today: date, latest_update=None) -> Rag:
    """Rate an action at `today` from its dates, status and latest progress update.

    Pass `latest_update` when it is already loaded; otherwise it is read from the database.
    """

    def latest():
        if latest_update is not None:
            return latest_update
        return action.updates.order_by("-on", "-at", "-id").first()

    return _rate(action.status, action.due_on, today, latest)


def action_rag_at(action, *, on: date, status: str, latest_update) -> Rag:
    """Rate an action as it stood on a past day `on` (a board paper's as-at date): `status` is
    its status that day and `latest_update` the latest update given by then, None meaning
    none had been (never read from the database, so later updates cannot leak in)."""
    return _rate(status, action.due_on, on, lambda: latest_update)


def _rate(status: str, due_on: date, today: date, latest) -> Rag:
    """The rules above; `latest()` gives the latest update, read only when needed."""
    if status == Action.Status.CANCELLED:
        return CANCELLED
    if status == Action.Status.COMPLETE:
        return COMPLETE
    if due_on < today:
        return OVERDUE
    if status == Action.Status.BLOCKED:
        return BLOCKED
    latest_update = latest()
    if latest_update is not None and latest_update.progress == ProgressUpdate.Progress.OFF_TRACK:
        return SLIPPING
    due_soon = due_on - today <= SLIPPING_WINDOW
    updated_recently = latest_update is not None and latest_update.on >= today - UPDATE_FRESHNESS
    if due_soon and not updated_recently:
        return SLIPPING
    return ON_TRACK


def worst(rags) -> Rag | None:
    """The most pressing rating among several (e.g. for a priority), ignoring cancelled."""
    live = [rag for rag in rags if rag is not CANCELLED]
    return min(live, key=lambda rag: SEVERITY[rag.key]) if live else None
