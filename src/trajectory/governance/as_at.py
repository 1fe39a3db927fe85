"""The board records as they stood on a date, for papers (issue 12): a body's meetings held in
a period with their decisions, and the action log rated at the date by the board's rule
(`rag.board_action_rag`) from what was known then.

An action counts from the meeting that raised it (held on or before the date). It was complete
at the date when completed on or before it (one marked complete with no date is taken as
complete); one completed later was still open then. Cancelled stays cancelled (no date is kept
for it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from trajectory.councils.permissions import require
from trajectory.governance.models import BoardAction, Meeting
from trajectory.governance.rag import board_action_rag
from trajectory.plans import rag as plan_rag
from trajectory.plans.models import Action as PlanAction


@dataclass(frozen=True)
class MeetingAt:
    meeting: Meeting
    decisions: list  # governance.models.Decision


@dataclass(frozen=True)
class BoardActionAt:
    action: BoardAction
    rag: plan_rag.Rag

    @property
    def is_open(self) -> bool:
        return self.rag not in (plan_rag.COMPLETE, plan_rag.CANCELLED)


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


def _status_at(action: BoardAction, as_at: date) -> str:
    if action.status == PlanAction.Status.CANCELLED:
        return PlanAction.Status.CANCELLED
    if action.completed_on is not None:
        return (
            PlanAction.Status.COMPLETE
            if action.completed_on <= as_at
            else PlanAction.Status.IN_PROGRESS
        )
    return action.status


def action_log_at(user, council, *, as_at: date) -> list[BoardActionAt]:
    """Every action raised at a meeting held on or before `as_at`, rated at `as_at`, soonest
    due first."""
    require(user, "view_council", council)
    actions = BoardAction.objects.filter(
        council=council, meeting__held_on__lte=as_at
    ).select_related("meeting__body")
    return [
        BoardActionAt(
            action,
            board_action_rag(
                SimpleNamespace(status=_status_at(action, as_at), due_on=action.due_on),
                today=as_at,
            ),
        )
        for action in actions.order_by("due_on", "id")
    ]
