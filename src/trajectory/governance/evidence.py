"""The board's own records as evidence (issue 11.6), in the assessment evidence registry, so a
review, a plan action or another agenda item can cite them.

Two kinds: a decision ("board_decision", ref its id: the decision's text, the meeting and its
date) and a board action ("board_action", ref its id: its status and its RAG by the plan's rule,
at the cited date or the plan's today, whichever is earlier). Registered from the app's ready().
"""

from __future__ import annotations

from datetime import date

from django.urls import NoReverseMatch, reverse

from trajectory.web.dates import govuk_date

DECISION = "board_decision"
ACTION = "board_action"


def _pk(ref: str) -> int:
    try:
        return int(ref)
    except (TypeError, ValueError) as wrong:
        raise LookupError(f"No such record {ref}.") from wrong


def _meeting_url(council, meeting_id: int, anchor: str) -> str:
    try:
        return reverse("governance_meeting", args=[council.code, meeting_id]) + anchor
    except NoReverseMatch:
        return ""


# Decisions ----------------------------------------------------------------------------------


def _decisions(council):
    from trajectory.governance.models import Decision

    return Decision.objects.filter(meeting__body__council=council).select_related(
        "meeting__body", "item"
    )


def _decision_label(decision) -> str:
    return f"{decision.meeting}: {decision.text[:100]}"


def _decision_choices(council) -> list[tuple[str, str]]:
    rows = _decisions(council).order_by("-meeting__held_on", "-id")
    return [(str(row.pk), _decision_label(row)) for row in rows]


def _decision(council, ref: str):
    decision = _decisions(council).filter(pk=_pk(ref)).first()
    if decision is None:
        raise LookupError("That decision is no longer recorded.")
    return decision


def _decision_current(council, ref: str, as_at: date) -> dict:
    decision = _decision(council, ref)
    meeting = decision.meeting
    item = f"; agenda item {decision.item.number}, {decision.item.title}" if decision.item else ""
    return {
        "label": f"Decision of the {meeting.body.name}, {govuk_date(meeting.held_on)}",
        "value": decision.text,
        "detail": f"{meeting.body.name}, meeting of {govuk_date(meeting.held_on)} "
        f"({meeting.get_kind_display().lower()}){item}",
        "as_at": meeting.held_on.isoformat(),
        "source": {"decision": decision.pk, "meeting": meeting.pk},
    }


def _decision_url(council, ref: str) -> str:
    return _meeting_url(council, _decision(council, ref).meeting_id, "#decisions")


# Board actions ------------------------------------------------------------------------------


def _actions(council):
    from trajectory.governance.models import BoardAction

    return BoardAction.objects.filter(council=council).select_related("meeting__body", "owner")


def _action_choices(council) -> list[tuple[str, str]]:
    rows = _actions(council).order_by("due_on", "id")
    return [(str(row.pk), f"Board action {row.pk}: {row.title[:100]}") for row in rows]


def _action(council, ref: str):
    action = _actions(council).filter(pk=_pk(ref)).first()
    if action is None:
        raise LookupError("That board action is no longer recorded.")
    return action


def _action_current(council, ref: str, as_at: date) -> dict:
    from trajectory.governance.rag import board_action_rag
    from trajectory.plans import clock

    action = _action(council, ref)
    day = min(as_at, clock.today())
    rating = board_action_rag(action, today=day)
    owner = f", owner {action.owner_display}" if action.owner_display else ""
    return {
        "label": f"Board action {action.pk}: {action.title}",
        "value": rating.label,
        "detail": f"{action.get_status_display()}, due {govuk_date(action.due_on)}{owner}; "
        f"raised at the {action.meeting}; RAG at {govuk_date(day)}",
        "as_at": day.isoformat(),
        "source": {"board_action": action.pk, "meeting": action.meeting_id},
    }


def _action_url(council, ref: str) -> str:
    return _meeting_url(council, _action(council, ref).meeting_id, "#actions")


def register_kinds() -> None:
    from trajectory.assessment.evidence import EvidenceKind, register

    register(
        EvidenceKind(
            DECISION,
            "Board decision",
            _decision_choices,
            _decision_current,
            url=_decision_url,
        )
    )
    register(
        EvidenceKind(ACTION, "Board action", _action_choices, _action_current, url=_action_url)
    )
