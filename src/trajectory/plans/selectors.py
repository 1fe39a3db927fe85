"""Reads of the improvement plan. Each takes the acting user first and scopes by council, so
no one reaches another council's plan; a plan object passed in is checked again."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from trajectory.councils.permissions import require
from trajectory.indicators import figures, registry
from trajectory.indicators import selectors as indicator_selectors
from trajectory.inspections.models import Finding, Inspection
from trajectory.plans import rag as rag_rules
from trajectory.plans.models import (
    Action,
    ChangeRecord,
    Document,
    EvidenceLink,
    Milestone,
    Plan,
    Priority,
    ProgressUpdate,
)
from trajectory.web import dates
from trajectory.web.dates import govuk_date

# Single objects, scoped ----------------------------------------------------------------------


def plans_for(user, council) -> QuerySet[Plan]:
    require(user, "view_council", council)
    return Plan.objects.filter(council=council).select_related("inspection")


def plan_for(user, council, plan_id: int) -> Plan:
    plan = plans_for(user, council).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such plan")
    return plan


def plan_current(user, council) -> Plan | None:
    """The newest plan: the one the council is working to now."""
    return plans_for(user, council).first()


def priority_for(user, council, priority_id: int) -> Priority:
    require(user, "view_council", council)
    priority = (
        Priority.objects.filter(plan__council=council, pk=priority_id)
        .select_related("plan", "finding__inspection", "lead")
        .first()
    )
    if priority is None:
        raise Http404("No such priority")
    return priority


def action_for(user, council, action_id: int) -> Action:
    require(user, "view_council", council)
    action = (
        Action.objects.filter(priority__plan__council=council, pk=action_id)
        .select_related("priority__plan", "owner")
        .first()
    )
    if action is None:
        raise Http404("No such action")
    return action


def evidence_link_for(user, council, link_id: int) -> EvidenceLink:
    require(user, "view_council", council)
    link = (
        EvidenceLink.objects.filter(
            Q(action__priority__plan__council=council) | Q(priority__plan__council=council),
            pk=link_id,
        )
        .select_related("action__priority__plan", "priority__plan")
        .first()
    )
    if link is None:
        raise Http404("No such evidence")
    return link


def milestone_for(user, council, milestone_id: int) -> Milestone:
    require(user, "view_council", council)
    milestone = (
        Milestone.objects.filter(
            Q(action__priority__plan__council=council) | Q(priority__plan__council=council),
            pk=milestone_id,
        )
        .select_related("action__priority__plan", "priority__plan")
        .first()
    )
    if milestone is None:
        raise Http404("No such milestone")
    return milestone


def document_for(user, council, document_id: int) -> Document:
    require(user, "view_council", council)
    document = Document.objects.filter(council=council, pk=document_id).first()
    if document is None:
        raise Http404("No such document")
    return document


def council_people(user, council):
    """People who can own an action: members of this council."""
    require(user, "view_council", council)
    return (
        get_user_model()
        .objects.filter(memberships__council=council)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def inspections_to_plan_from(user, council) -> list:
    """The council's inspections and visits that name areas for improvement or priority action
    and have no plan yet: one with a plan is opened, not started again (issue 7.7)."""

    require(user, "view_council", council)
    kinds = [Finding.Kind.AREA_FOR_IMPROVEMENT, Finding.Kind.PRIORITY_ACTION]
    return list(
        Inspection.objects.filter(council=council)
        .exclude(Exists(Plan.objects.filter(inspection=OuterRef("pk"))))
        .annotate(improvement_count=Count("findings", filter=Q(findings__kind__in=kinds)))
        .filter(improvement_count__gt=0)
        .order_by("-published_on", "-fieldwork_end", "-id")
    )


def plans_from_inspections(user, council) -> list[Plan]:
    """The council's plans that answer an inspection or visit, newest first, to open."""
    return list(plans_for(user, council).filter(inspection__isnull=False))


def findings_for(user, council) -> QuerySet:
    """Ofsted findings a priority or action may cite, newest inspection first."""

    require(user, "view_council", council)
    return (
        Finding.objects.filter(inspection__council=council)
        .select_related("inspection")
        .order_by("-inspection__published_on", "-inspection__fieldwork_end", "kind", "order", "id")
    )


# Indicator trends ----------------------------------------------------------------------------
# Format, direction and trend live in trajectory.indicators.figures (issue 7.21); the plan reads
# them through the indicator selectors like every other page.

IndicatorTrend = figures.Trend


def indicator_trend(user, council, indicator_id: str) -> IndicatorTrend:
    """The indicator's latest figure against earlier ones; an id not in the catalogue (cited
    before an indicator was retired) is shown as unknown, never as data."""
    require(user, "view_council", council)
    try:
        registry.get(indicator_id)
    except KeyError:
        return figures.Trend(None, indicator_id=indicator_id)
    return indicator_selectors.indicator_trend(user, council, indicator_id)


class _TrendCache(dict):
    def __init__(self, user, council):
        super().__init__()
        self.user, self.council = user, council

    def __missing__(self, indicator_id: str) -> IndicatorTrend:
        self[indicator_id] = indicator_trend(self.user, self.council, indicator_id)
        return self[indicator_id]


# Rows for pages ------------------------------------------------------------------------------


@dataclass
class ActionRow:
    action: Action
    rag: rag_rules.Rag
    latest_update: ProgressUpdate | None
    evidence: list[EvidenceLink]


@dataclass
class PriorityImpact:
    """What each of a priority's linked indicators did, by its polarity (issue 7.3): never one
    word for them all, which called one worsening and one improving "worsening"."""

    trends: list[IndicatorTrend]

    @property
    def movements(self) -> list[str]:
        return [trend.movement for trend in self.trends]

    @property
    def summary(self) -> str:
        """One sentence per indicator: "Children who went missing worsened, 8.0% to 14.0%
        compared with 12 months before. Reviews held on time improved, …"."""
        if not self.trends:
            return "No indicators cited"
        return " ".join(f"{movement}." for movement in self.movements)

    @property
    def worsening(self) -> list[IndicatorTrend]:
        return [trend for trend in self.trends if trend.headline == figures.WORSENING]

    @property
    def improving(self) -> list[IndicatorTrend]:
        return [trend for trend in self.trends if trend.headline == figures.IMPROVING]


@dataclass
class PriorityRow:
    priority: Priority
    actions: list[ActionRow]
    impact: PriorityImpact
    evidence: list[EvidenceLink] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.rag.key for row in self.actions)
        return {rag.key: counted.get(rag.key, 0) for rag in rag_rules.ALL}

    @property
    def rag(self) -> rag_rules.Rag | None:
        return rag_rules.worst(row.rag for row in self.actions)

    @property
    def latest_update(self) -> ProgressUpdate | None:
        updates = [row.latest_update for row in self.actions if row.latest_update]
        return max(updates, key=lambda u: (u.on, u.at)) if updates else None


def _live_evidence():
    return EvidenceLink.objects.filter(removed_at__isnull=True).select_related(
        "finding__inspection", "document"
    )


def _actions_queryset() -> QuerySet[Action]:
    return Action.objects.select_related("priority__plan", "owner").prefetch_related(
        Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author")),
        Prefetch("evidence", queryset=_live_evidence(), to_attr="live_evidence"),
        "depends_on__priority",
        "milestones",
    )


def _action_row(action: Action, today: date) -> ActionRow:
    updates = list(action.updates.all())  # ordered newest first by the model
    latest = updates[0] if updates else None
    return ActionRow(
        action=action,
        rag=rag_rules.action_rag(action, today=today, latest_update=latest),
        latest_update=latest,
        evidence=list(action.live_evidence),
    )


def plan_action_rows(user, plan: Plan, *, today: date) -> list[ActionRow]:
    require(user, "view_council", plan.council)
    actions = _actions_queryset().filter(priority__plan=plan)
    return [_action_row(action, today) for action in actions]


def _impact(links: list[EvidenceLink], trends: _TrendCache) -> PriorityImpact:
    indicator_ids = list(
        dict.fromkeys(
            link.indicator_id for link in links if link.kind == EvidenceLink.Kind.INDICATOR
        )
    )
    return PriorityImpact([trends[indicator_id] for indicator_id in indicator_ids])


def plan_overview(user, plan: Plan, *, today: date) -> list[PriorityRow]:
    """Each priority with its actions rated, action counts by RAG and its indicators' impact."""
    require(user, "view_council", plan.council)
    trends = _TrendCache(user, plan.council)
    rows_by_priority: dict[int, list[ActionRow]] = {}
    for row in plan_action_rows(user, plan, today=today):
        rows_by_priority.setdefault(row.action.priority_id, []).append(row)
    priorities = plan.priorities.select_related("finding", "lead").prefetch_related(
        Prefetch("evidence", queryset=_live_evidence(), to_attr="live_evidence")
    )
    result = []
    for priority in priorities:
        action_rows = rows_by_priority.get(priority.pk, [])
        links = list(priority.live_evidence) + [e for row in action_rows for e in row.evidence]
        result.append(
            PriorityRow(priority, action_rows, _impact(links, trends), list(priority.live_evidence))
        )
    return result


def priority_detail(user, priority: Priority, *, today: date) -> PriorityRow:
    require(user, "view_council", priority.plan.council)
    for row in plan_overview(user, priority.plan, today=today):
        if row.priority.pk == priority.pk:
            return row
    raise Http404("No such priority")


def action_detail(user, action: Action, *, today: date) -> ActionRow:
    require(user, "view_council", action.priority.plan.council)
    return _action_row(_actions_queryset().get(pk=action.pk), today)


def evidence_trends(user, council, links: list[EvidenceLink]) -> dict[int, IndicatorTrend]:
    """The live value and trend for each indicator a list of evidence cites, by link id."""
    trends = _TrendCache(user, council)
    return {
        link.pk: trends[link.indicator_id]
        for link in links
        if link.kind == EvidenceLink.Kind.INDICATOR
    }


# Watching the plan ---------------------------------------------------------------------------


def _live(rows: list[ActionRow]) -> list[ActionRow]:
    return [row for row in rows if row.rag.key not in ("complete", "cancelled")]


@dataclass
class PriorityGap:
    """A priority the plan has not filled in: what it lacks, in words (issue 7.7)."""

    priority: Priority
    missing: list[str]

    @property
    def reason(self) -> str:
        """e.g. "No actions, no lead and no outcomes sought"."""
        if len(self.missing) == 1:
            return f"No {self.missing[0]}"
        return "No " + ", no ".join(self.missing[:-1]) + f" and no {self.missing[-1]}"


def priority_gaps(rows: list[PriorityRow]) -> list[PriorityGap]:
    """Priorities with no actions (cancelled ones do not count), no lead or no outcomes
    sought: a plan Ofsted and the Commissioner read must say who does what, for what."""
    gaps = []
    for row in rows:
        missing = []
        if not [action for action in row.actions if action.rag.key != "cancelled"]:
            missing.append("actions")
        if not row.priority.lead_display.strip():
            missing.append("lead")
        if not row.priority.outcomes_sought.strip():
            missing.append("outcomes sought")
        if missing:
            gaps.append(PriorityGap(row.priority, missing))
    return gaps


@dataclass
class WatchList:
    overdue: list[ActionRow]
    slipping: list[ActionRow]
    without_evidence: list[ActionRow]
    worsening: list[PriorityRow]
    gaps: list[PriorityGap] = field(default_factory=list)
    plan_due_on: date | None = None
    today: date | None = None
    # The Commissioner's follow-ups to a recommendation (issue 9.4), shown from the day they
    # are added, not only once overdue.
    commissioner_followups: list[ActionRow] = field(default_factory=list)

    @property
    def plan_overdue_by(self) -> str:
        """How long ago the plan was due ("2 years and 11 months"), "" before it is due or
        when it has no deadline."""
        if self.plan_due_on is None or self.today is None or self.today <= self.plan_due_on:
            return ""
        return dates.elapsed(self.plan_due_on, self.today)


def plan_watch_list(user, plan: Plan, *, today: date) -> WatchList:
    """Everything needing attention, computed from one read of the plan: late and slipping
    actions, actions without evidence, worsening indicators, the plan's own gaps and the open
    follow-ups the Commissioner's recommendation asks for."""
    from trajectory.intervention.selectors import followup_action_ids  # it reads the plan

    priorities = plan_overview(user, plan, today=today)
    rows = [row for priority in priorities for row in priority.actions]
    by_due = sorted(rows, key=lambda row: row.action.due_on)
    followups = followup_action_ids(plan.council)
    return WatchList(
        overdue=[row for row in by_due if row.rag.key == "overdue"],
        slipping=[row for row in by_due if row.rag.colour == "amber"],
        without_evidence=[row for row in _live(by_due) if not row.evidence],
        worsening=[row for row in priorities if row.impact.worsening],
        gaps=priority_gaps(priorities),
        plan_due_on=plan.final_due_on or plan.draft_due_on,
        today=today,
        commissioner_followups=[row for row in _live(by_due) if row.action.pk in followups],
    )


def my_actions(user, council, *, today: date) -> list[ActionRow]:
    """Actions the user owns in this council, most pressing first."""
    require(user, "view_council", council)
    actions = _actions_queryset().filter(priority__plan__council=council, owner=user)
    rows = [_action_row(action, today) for action in actions]
    return sorted(rows, key=lambda row: (rag_rules.SEVERITY[row.rag.key], row.action.due_on))


@dataclass
class PlanOnAPage:
    plan: Plan
    today: date
    priorities: list[PriorityRow]
    counts: dict[str, int]
    total_actions: int
    actions_without_evidence: int
    milestones_missed: list[Milestone]
    milestones_next: list[Milestone]

    @property
    def worsening_priorities(self) -> list[PriorityRow]:
        return [row for row in self.priorities if row.impact.worsening]


def plan_on_a_page(user, plan: Plan, *, today: date) -> PlanOnAPage:
    priorities = plan_overview(user, plan, today=today)
    rows = [row for priority in priorities for row in priority.actions]
    counted = Counter(row.rag.key for row in rows)
    milestones = Milestone.objects.filter(
        Q(action__priority__plan=plan) | Q(priority__plan=plan)
    ).select_related("action__priority", "priority")
    return PlanOnAPage(
        plan=plan,
        today=today,
        priorities=priorities,
        counts={rag.key: counted.get(rag.key, 0) for rag in rag_rules.ALL},
        total_actions=len(rows),
        actions_without_evidence=len([r for r in _live(rows) if not r.evidence]),
        milestones_missed=[m for m in milestones if m.achieved_on is None and m.due_on < today],
        milestones_next=[
            m
            for m in milestones
            if m.achieved_on is None and today <= m.due_on <= today + timedelta(days=30)
        ],
    )


# The plan as it stood on a past day ----------------------------------------------------------


@dataclass(frozen=True)
class ActionAt:
    """An action as it stood on a past day: its status then, rated then."""

    action: Action
    status: str
    rag: rag_rules.Rag
    latest_update: ProgressUpdate | None  # the latest given on or before the day

    @property
    def status_label(self) -> str:
        return Action.Status(self.status).label


@dataclass(frozen=True)
class PriorityAt:
    priority: Priority
    actions: list[ActionAt]

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.rag.key for row in self.actions)
        return {rag.key: counted.get(rag.key, 0) for rag in rag_rules.ALL}

    @property
    def rag(self) -> rag_rules.Rag | None:
        return rag_rules.worst(row.rag for row in self.actions)


def _status_at(action: Action, updates: list[ProgressUpdate], as_at: date) -> str:
    """An action's status on `as_at`: complete if completed by then; otherwise, where it was
    completed later or updated since, the status its latest update by then recorded (not
    started when none had been given); otherwise its status now, as nothing since says it
    changed. (A status edited without an update leaves no dated trace to go back to.)"""
    Status = Action.Status
    if action.status == Status.COMPLETE and action.completed_on and action.completed_on <= as_at:
        return Status.COMPLETE
    known = [update for update in updates if update.on <= as_at]
    changed_since = action.status == Status.COMPLETE or len(known) < len(updates)
    if not changed_since:
        return action.status
    if not known:
        return Status.NOT_STARTED
    status = known[0].status
    return Status.IN_PROGRESS if status == Status.COMPLETE else status


def plan_standing_at(user, plan: Plan, *, as_at: date) -> list[PriorityAt]:
    """Each priority with its actions as they stood on `as_at`, rated by the plan's rule on
    that day (plans/rag.py) from the updates given by then: what a board paper dated `as_at`
    says, however much has been recorded since."""
    require(user, "view_council", plan.council)
    actions = (
        Action.objects.filter(priority__plan=plan)
        .select_related("priority", "owner")
        .prefetch_related("updates")
    )
    by_priority: dict[int, list[ActionAt]] = {}
    for action in actions:
        updates = sorted(action.updates.all(), key=lambda u: (u.on, u.at, u.pk), reverse=True)
        known = [update for update in updates if update.on <= as_at]
        latest = known[0] if known else None
        status = _status_at(action, updates, as_at)
        rating = rag_rules.action_rag_at(action, on=as_at, status=status, latest_update=latest)
        by_priority.setdefault(action.priority_id, []).append(
            ActionAt(action, status, rating, latest)
        )
    return [
        PriorityAt(priority, by_priority.get(priority.pk, []))
        for priority in plan.priorities.select_related("lead").order_by("number")
    ]


# History -------------------------------------------------------------------------------------


def plan_history(
    user,
    plan: Plan,
    *,
    since: date | None = None,
    until: date | None = None,
    object_type: str | None = None,
    object_id: int | None = None,
) -> QuerySet[ChangeRecord]:
    """Every change to the plan, newest first, optionally between two dates (inclusive), e.g.
    between two Ofsted visits, or for one object."""
    require(user, "view_council", plan.council)
    changes = ChangeRecord.objects.filter(plan=plan)
    if since:
        changes = changes.filter(at__date__gte=since)
    if until:
        changes = changes.filter(at__date__lte=until)
    if object_type:
        changes = changes.filter(object_type=object_type)
    if object_id is not None:
        changes = changes.filter(object_id=object_id)
    return changes


def object_history(user, obj) -> QuerySet[ChangeRecord]:
    """The changes to one priority, action or milestone."""
    plan = (
        obj.plan
        if isinstance(obj, Priority)
        else (obj.priority.plan if isinstance(obj, Action) else None)
    )
    if plan is None:
        plan = obj.action.priority.plan if obj.action_id else obj.priority.plan
    return plan_history(user, plan, object_type=type(obj).__name__, object_id=obj.pk)


def visit_dates(user, council) -> list[tuple[str, date]]:
    """Ofsted inspections and visits with the date each happened, to filter history by."""

    require(user, "view_council", council)
    result = []
    for inspection in Inspection.objects.filter(council=council).order_by(
        "fieldwork_end", "published_on"
    ):
        when = inspection.fieldwork_end or inspection.published_on or inspection.fieldwork_start
        if when:
            result.append((f"{inspection.get_kind_display()} ({govuk_date(when)})", when))
    return sorted(result, key=lambda item: item[1])


# Links from other pages ----------------------------------------------------------------------


def priorities_answering(user, council, findings) -> dict[int, list[Priority]]:
    """The priorities of the council's plans that answer each finding, by finding id, so an
    area for improvement links to the priority that answers it (issue 7.10)."""
    require(user, "view_council", council)
    answered: dict[int, list[Priority]] = {}
    priorities = Priority.objects.filter(
        plan__council=council, finding__in=[finding.pk for finding in findings]
    ).select_related("plan")
    for priority in priorities.order_by("-plan__created_at", "number"):
        answered.setdefault(priority.finding_id, []).append(priority)
    return answered


@dataclass(frozen=True)
class Citation:
    """A priority or action citing an indicator as its evidence."""

    plan: Plan
    priority: Priority
    action: Action | None = None

    @property
    def reference(self) -> str:
        return (
            f"Action {self.action.reference}" if self.action else f"Priority {self.priority.number}"
        )

    @property
    def title(self) -> str:
        return (self.action or self.priority).title


def indicator_citations(user, council, indicator_id: str) -> list[Citation]:
    """The priorities and actions of the council's plans that cite an indicator (live links
    only), each once, newest plan first, in plan order, for the indicator's page (issue 7.19)."""
    require(user, "view_council", council)
    links = (
        _live_evidence()
        .filter(kind=EvidenceLink.Kind.INDICATOR, indicator_id=indicator_id)
        .filter(Q(action__priority__plan__council=council) | Q(priority__plan__council=council))
        .select_related("action__priority__plan", "priority__plan")
    )
    cited = {}
    for link in links:
        priority = link.action.priority if link.action else link.priority
        citation = Citation(priority.plan, priority, link.action)
        cited.setdefault((priority.pk, link.action_id), citation)
    return sorted(
        cited.values(),
        key=lambda c: (
            -c.plan.created_at.timestamp(),
            -c.plan.pk,
            c.priority.number,
            c.action.number if c.action else 0,
        ),
    )
