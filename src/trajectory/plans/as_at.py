"""The plan as it stood on a past date, for papers (issue 12): each action rated by the plan's
own RAG rule (`rag.py`) at that date, from what was known then, so a paper made for 30
September says what the plan said on 30 September however the actions have moved since.

What the plan knew at the date:
- an action completed on or before it (its date completed) is complete; one completed later was
  not yet, and takes the status of its latest update on or before the date (in progress when
  none says otherwise); one marked complete with no date is taken as complete;
- cancelled is cancelled (the plan keeps no date for it);
- only updates given on or before the date count (for "off track" and "updated recently").

The plan read is the council's current one (plans keep no date they took effect); the live
indicator trends of `selectors.plan_overview` are not read: a paper reads its pinned run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from django.db.models import Prefetch

from trajectory.councils.permissions import require
from trajectory.plans import rag as rag_rules
from trajectory.plans.models import Action, Plan, ProgressUpdate
from trajectory.plans.selectors import plan_current

# No update known at the date: neither off track nor given recently (rag.action_rag would
# otherwise read the latest update of all, which may be later than the date).
_NO_UPDATE = SimpleNamespace(progress="", on=date.min)


@dataclass(frozen=True)
class ActionAt:
    action: Action
    status: str  # the status at the date (Action.Status value)
    rag: rag_rules.Rag
    latest_update: ProgressUpdate | None  # the latest given on or before the date


@dataclass(frozen=True)
class PriorityAt:
    priority: object  # plans.models.Priority, finding selected
    actions: list[ActionAt]

    def count(self, key: str) -> int:
        return sum(1 for row in self.actions if row.rag.key == key)

    @property
    def rag(self) -> rag_rules.Rag | None:
        return rag_rules.worst(row.rag for row in self.actions)


@dataclass(frozen=True)
class PlanAt:
    plan: Plan
    as_at: date
    priorities: list[PriorityAt]


def status_at(action: Action, latest: ProgressUpdate | None, as_at: date) -> str:
    """The action's status at the date, by the module's rules."""
    if action.status == Action.Status.CANCELLED:
        return Action.Status.CANCELLED
    if action.completed_on is not None and action.completed_on <= as_at:
        return Action.Status.COMPLETE
    if action.status == Action.Status.COMPLETE and action.completed_on is None:
        return Action.Status.COMPLETE
    if latest is not None and latest.status != Action.Status.COMPLETE:
        return latest.status
    if action.status == Action.Status.COMPLETE:  # completed after the date
        return Action.Status.IN_PROGRESS
    return action.status


def action_at(action: Action, updates: list[ProgressUpdate], as_at: date) -> ActionAt:
    """`updates` newest first, as the model orders them."""
    known = [update for update in updates if update.on <= as_at]
    latest = known[0] if known else None
    status = status_at(action, latest, as_at)
    rated = rag_rules.action_rag(
        SimpleNamespace(status=status, due_on=action.due_on),
        today=as_at,
        latest_update=latest or _NO_UPDATE,
    )
    return ActionAt(action, status, rated, latest)


def plan_at(user, council, *, as_at: date) -> PlanAt | None:
    """The council's current plan with each priority's actions rated at `as_at`; None when
    the council has no plan."""
    require(user, "view_council", council)
    plan = plan_current(user, council)
    if plan is None:
        return None
    actions = (
        Action.objects.filter(priority__plan=plan)
        .select_related("priority")
        .prefetch_related(Prefetch("updates", queryset=ProgressUpdate.objects.all()))
    )
    by_priority: dict[int, list[ActionAt]] = {}
    for action in actions:
        by_priority.setdefault(action.priority_id, []).append(
            action_at(action, list(action.updates.all()), as_at)
        )
    priorities = plan.priorities.select_related("finding").order_by("number")
    return PlanAt(
        plan=plan,
        as_at=as_at,
        priorities=[
            PriorityAt(priority, by_priority.get(priority.pk, [])) for priority in priorities
        ],
    )
