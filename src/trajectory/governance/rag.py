"""A board action's rating, by the plan's rule (plans/rag.py) and with its ratings: cancelled,
complete, overdue (past its due date and not complete), blocked, slipping (due within 14 days:
board actions carry no monthly updates, so none is ever "recently updated"), on track. Never
stored, so it cannot go stale."""

from __future__ import annotations

from datetime import date

from trajectory.plans import rag as plan_rag
from trajectory.plans.models import Action as PlanAction


def board_action_rag(action, *, today: date) -> plan_rag.Rag:
    if action.status == PlanAction.Status.CANCELLED:
        return plan_rag.CANCELLED
    if action.status == PlanAction.Status.COMPLETE:
        return plan_rag.COMPLETE
    if action.due_on < today:
        return plan_rag.OVERDUE
    if action.status == PlanAction.Status.BLOCKED:
        return plan_rag.BLOCKED
    if action.due_on - today <= plan_rag.SLIPPING_WINDOW:
        return plan_rag.SLIPPING
    return plan_rag.ON_TRACK
