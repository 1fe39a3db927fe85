"""The council overview, every role's landing page (issue 7.16), and the region view of several
councils side by side (issue 7.20): reads only, through each app's own selectors.

The overview answers "how are we doing" on one page: Ofsted's latest grade and visit, the
plan's RAG by priority with its overdue and slipping actions, the headline figures with their
variation, target RAG and place against England and the neighbours, the indicators showing
special cause or worsened over the year, and how old the data is. Each item links to the page
that holds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from trajectory.councils.permissions import has_capability
from trajectory.councils.selectors import councils_for_user
from trajectory.indicators import figures
from trajectory.indicators import selectors as indicator_selectors
from trajectory.indicators.headline import HEADLINE_INDICATORS, headline_indicators
from trajectory.inspections import selectors as inspection_selectors
from trajectory.inspections.models import Inspection, Judgement
from trajectory.plans import selectors as plan_selectors
from trajectory.returns.freshness import DataAge, data_age
from trajectory.spc.selectors import council_signals
from trajectory.web.performance import scorecard_lines


@dataclass(frozen=True)
class OfstedSummary:
    """The latest graded inspection (with its overall grade, if it has one) and the latest
    ungraded visit (monitoring, focused, JTAI), each as at today."""

    inspection: Inspection | None
    overall_grade: str
    visit: Inspection | None


@dataclass
class PlanSummary:
    plan: object | None
    priorities: list = field(default_factory=list)  # plan_selectors.PriorityRow
    overdue: list = field(default_factory=list)  # plan_selectors.ActionRow
    slipping: list = field(default_factory=list)


@dataclass
class CouncilOverview:
    council: object
    today: date
    ofsted: OfstedSummary
    plan: PlanSummary
    worsened: list  # indicator_selectors.ScorecardRow
    headline: list  # indicator_selectors.ScorecardRow, in HEADLINE_INDICATORS order
    run: object | None
    age: DataAge
    # The headline figures with their variation, target RAG and benchmarks (issue 8.9), and
    # every indicator now showing special cause.
    headline_lines: list = field(default_factory=list)
    signals: list = field(default_factory=list)


def _event_date(inspection: Inspection) -> date | None:
    return inspection.fieldwork_start or inspection.published_on


def ofsted_summary(user, council, *, today: date) -> OfstedSummary:
    inspection = inspection_selectors.latest_judgements(user, council, as_at=today)
    overall = ""
    if inspection is not None:
        overall = next(
            (
                judgement.get_grade_display()
                for judgement in inspection.judgements.all()
                if judgement.area == Judgement.Area.OVERALL
            ),
            "",
        )
    visits = [
        event
        for event in inspection_selectors.inspections_for(user, council)
        if event.kind not in Inspection.GRADED_KINDS
        and _event_date(event)
        and _event_date(event) <= today
    ]
    return OfstedSummary(inspection, overall, visits[-1] if visits else None)


def plan_summary(user, council, *, today: date) -> PlanSummary:
    """The current plan's priorities, each rated by its worst live action (plans.rag), and the
    actions overdue or slipping, soonest due first (plans.selectors.plan_watch_list)."""
    plan = plan_selectors.plan_current(user, council)
    if plan is None:
        return PlanSummary(None)
    watch = plan_selectors.plan_watch_list(user, plan, today=today)
    return PlanSummary(
        plan=plan,
        priorities=plan_selectors.plan_overview(user, plan, today=today),
        overdue=watch.overdue,
        slipping=watch.slipping,
    )


def _headline(items) -> list:
    """The headline indicators' rows (or lines: anything with an `.indicator`), in order."""
    by_id = {item.indicator.id: item for item in items}
    return [by_id[indicator_id] for indicator_id in HEADLINE_INDICATORS if indicator_id in by_id]


def council_overview(user, council, *, today: date) -> CouncilOverview:
    """Everything the landing page shows, for any role that reads the council."""
    run = indicator_selectors.latest_run(user, council)
    rows = indicator_selectors.scorecard(user, council) if run is not None else []
    headline = _headline(rows)
    return CouncilOverview(
        council=council,
        today=today,
        ofsted=ofsted_summary(user, council, today=today),
        plan=plan_summary(user, council, today=today),
        worsened=[row for row in rows if row.direction == figures.WORSENING],
        headline=headline,
        run=run,
        age=data_age(council, today=today),
        headline_lines=_headline(scorecard_lines(user, council, run)),
        signals=council_signals(user, council) if run is not None else [],
    )


# Several councils side by side --------------------------------------------------------------


@dataclass
class CouncilColumn:
    """One council in the region view: its headline figures, Ofsted grade and plan RAG."""

    council: object
    headline: dict  # indicator id -> ScorecardRow
    ofsted: OfstedSummary
    rag_counts: dict  # colour -> number of priorities rated that colour
    plan: object | None
    age: DataAge

    @property
    def headline_rows(self) -> list[HeadlineCell]:
        """The headline figures in HEADLINE_INDICATORS order, "No figure" where none."""
        return [
            HeadlineCell(indicator, self.headline.get(indicator.id))
            for indicator in headline_indicators()
        ]


@dataclass(frozen=True)
class HeadlineCell:
    indicator: object
    row: object | None  # indicator_selectors.ScorecardRow

    @property
    def shown(self) -> str:
        return figures.shown(self.indicator, self.row.value if self.row else None)


RAG_COLOURS = ("red", "amber", "green")


def _priority_colours(priorities) -> dict[str, int]:
    counts = dict.fromkeys(RAG_COLOURS, 0)
    for row in priorities:
        if row.rag is not None and row.rag.colour in counts:
            counts[row.rag.colour] += 1
    return counts


def councils_side_by_side(user, *, today: date) -> list[CouncilColumn]:
    """Every council the user may read, in name order, each read through its own scoped
    selectors: a council where the user holds no role is never read."""
    columns = []
    for council in councils_for_user(user):
        if not has_capability(user, "view_council", council):
            continue
        run = indicator_selectors.latest_run(user, council)
        rows = indicator_selectors.scorecard(user, council) if run is not None else []
        plan = plan_summary(user, council, today=today)
        columns.append(
            CouncilColumn(
                council=council,
                headline={row.indicator.id: row for row in _headline(rows)},
                ofsted=ofsted_summary(user, council, today=today),
                rag_counts=_priority_colours(plan.priorities),
                plan=plan.plan,
                age=data_age(council, today=today),
            )
        )
    return columns
