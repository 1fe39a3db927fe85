"""A body's meetings held in a period, with their decisions, for papers (issue 12): the
quarter's Improvement Board meetings in the self-assessment. The action log at a date is
`selectors.action_log_at`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trajectory.councils.permissions import require
from trajectory.governance.models import Meeting


@dataclass(frozen=True)
class MeetingAt:
    meeting: Meeting
    decisions: list  # governance.models.Decision


def meetings_between(
    user, council, *, since: date, until: date, body_kind: str = "improvement_board"
) -> list[MeetingAt]:
    """The meetings of the council's bodies of a kind held from `since` to `until` (both
    inclusive), oldest first, each with its decisions."""
    require(user, "view_council", council)
    meetings = (
        Meeting.objects.filter(
            body__council=council,
            body__kind=body_kind,
            held_on__gte=since,
            held_on__lte=until,
        )
        .select_related("body")
        .prefetch_related("decisions")
        .order_by("held_on", "id")
    )
    return [MeetingAt(meeting, list(meeting.decisions.all())) for meeting in meetings]
