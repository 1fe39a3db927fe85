"""The Improvement Board pack (issue 12.3): the papers for one meeting of the board, as the
council and its board stood at the paper's date.

The board "reviews and challenges the improvement plan", and every meeting has performance on
its agenda (2022-01 Commissioner's report, paragraphs 30 and 40; docs/governance.md). So the
pack is the meeting's agenda, the last meeting's minutes for approval, the action log, the plan
on a page, the exceptions the board should challenge (overdue actions, worsening indicators,
special-cause signals, escalations past their standard), where the assessment framework's
domains stand, and the latest Ofsted activity.

Everything dated is read as it stood at `snapshot.as_at`: the plan's actions rated on that day
(`plans.selectors.plan_standing_at`), the action log from the meetings held by then
(`governance.selectors.action_log_at`), the concerns raised by then
(`escalations.selectors.concern_rows_at`), reviews assessing the council at or before it and the
Ofsted activity begun by it; indicators come from the snapshot's pinned run only.

The meeting is `snapshot.options["meeting"]` (a governance meeting's id) or, when none is
chosen, the Improvement Board's next meeting on or after the paper's date (else its latest).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.http import Http404
from django.urls import NoReverseMatch, reverse

from trajectory.assessment import agreement as agreement_rules
from trajectory.assessment import selectors as assessment_selectors
from trajectory.escalations import catalogue as escalation_catalogue
from trajectory.escalations import selectors as escalation_selectors
from trajectory.escalations.models import Concern
from trajectory.governance import catalogue as governance_catalogue
from trajectory.governance import selectors as governance_selectors
from trajectory.indicators import figures, registry
from trajectory.inspections import selectors as inspection_selectors
from trajectory.inspections.models import Finding
from trajectory.plans import rag as plan_rag
from trajectory.plans import selectors as plan_selectors
from trajectory.reports import drafting
from trajectory.reports.catalogue import SectionSpec
from trajectory.reports.document import (
    Cell,
    Chart,
    Items,
    Narrative,
    Paragraph,
    Section,
    Sentence,
    Table,
    paragraph,
)
from trajectory.reports.facts import Snapshot
from trajectory.spc.charts import spc_chart
from trajectory.spc.text import RULE_TEXT
from trajectory.web.dates import govuk_date

# Plan actions falling due in this window after the paper's date are the "next due" (the plan
# on a page's own window for the next milestones, plans.selectors.plan_on_a_page).
NEXT_DUE_WINDOW = timedelta(days=30)
# With no earlier meeting to count from, actions completed this long before the date are
# "recently closed".
RECENT_WITHOUT_MEETING = timedelta(days=28)
BOARD_KIND = "improvement_board"


# The meeting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Board:
    detail: governance_selectors.MeetingDetail | None  # None: no board meeting recorded

    @property
    def meeting(self):
        return self.detail.meeting if self.detail else None

    @property
    def previous(self):
        return self.detail.previous if self.detail else None


def board_meeting(snapshot: Snapshot):
    """The meeting the pack is for (see the module's docstring), or None."""
    user, council = snapshot.user, snapshot.council
    chosen = snapshot.options.get("meeting")
    if chosen:
        return governance_selectors.meeting_for(user, council, int(chosen))
    meetings = [
        meeting
        for meeting in governance_selectors.meetings_of_council(user, council)
        if meeting.body.kind == BOARD_KIND
    ]
    coming = [meeting for meeting in meetings if meeting.held_on >= snapshot.as_at]
    if coming:
        return min(coming, key=lambda meeting: (meeting.held_on, meeting.pk))
    if meetings:
        return max(meetings, key=lambda meeting: (meeting.held_on, meeting.pk))
    return None


def option_fields(user, council) -> dict:
    """The generate form's own choice for the pack: which board meeting it is for."""
    from django import forms

    from trajectory.web.dates import govuk_date

    meetings = sorted(
        (
            meeting
            for meeting in governance_selectors.meetings_of_council(user, council)
            if meeting.body.kind == BOARD_KIND
        ),
        key=lambda meeting: (meeting.held_on, meeting.pk),
        reverse=True,
    )
    return {
        "meeting": forms.TypedChoiceField(
            label="Board meeting",
            coerce=int,
            required=False,
            empty_value=None,
            choices=[("", "The next meeting on or after the paper's date")]
            + [
                (meeting.pk, f"{meeting.body.name}, {govuk_date(meeting.held_on)}")
                for meeting in meetings
            ],
            help_text="The pack's agenda, minutes and action log are this meeting's.",
        )
    }


def _board(snapshot: Snapshot) -> Board:
    """The pack's meeting and its detail, read once for the sections that use them."""
    return snapshot.once("board_pack.board", lambda: _read_board(snapshot))


def _read_board(snapshot: Snapshot) -> Board:
    meeting = board_meeting(snapshot)
    if meeting is None:
        return Board(None)
    return Board(governance_selectors.meeting_detail(snapshot.user, meeting, today=snapshot.as_at))


def _no_meeting(snapshot: Snapshot) -> Paragraph:
    return paragraph(
        f"{snapshot.council.name} has no Improvement Board meeting recorded, so there is no "
        "meeting for this pack."
    )


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _on(day: date) -> str:
    return govuk_date(day)


# Agenda ------------------------------------------------------------------------------------


def agenda(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """The meeting's items in order, with who presents, the papers tabled and what each item
    discusses; an item about an indicator says where it stood at the paper's date."""
    board = _board(snapshot)
    if board.detail is None:
        return Section(spec.key, spec.title, (_no_meeting(snapshot),))
    meeting, body = board.meeting, board.meeting.body
    kind = governance_catalogue.MEETING_KINDS.get(meeting.kind, meeting.kind)
    chair = ""
    if body.chair_name:
        independent = ", independent chair" if body.chair_independent else ""
        chair = f" Chair: {body.chair_name}{independent}."
    title = f" {meeting.title}." if meeting.title else ""
    blocks: list = [
        paragraph(
            f"Meeting of the {body.name} on {_on(meeting.held_on)}: {kind[0].lower()}{kind[1:]}."
            f"{title}{chair}"
        )
    ]
    if meeting.held_on < snapshot.as_at and not snapshot.options.get("meeting"):
        blocks.append(
            paragraph(
                f"No later meeting of the board is recorded, so this is its latest before "
                f"{_on(snapshot.as_at)}."
            )
        )
    items = board.detail.items
    if not items:
        blocks.append(paragraph("No items are on this meeting's agenda yet."))
        return Section(spec.key, spec.title, tuple(blocks))
    rows = []
    discussed = []
    plan_rows = _PlanRows(snapshot)
    for row in items:
        item = row.item
        papers = "; ".join(str(paper) for paper in row.papers) or "None"
        subject = f"{row.subject.kind.label}: {row.subject.label}" if row.subject else ""
        rows.append(
            (
                Cell(str(item.number)),
                Cell(item.title),
                Cell(item.presenter or "Not named"),
                Cell(papers),
                Cell(subject or "Not linked"),
            )
        )
        found = _subject_sentence(snapshot, row.subject, plan_rows)
        if found is not None:
            discussed.append(Sentence(f"Item {item.number}: {found.text}", found.cites))
    blocks.append(
        Table(
            caption=f"Agenda of the meeting of {_on(meeting.held_on)}",
            head=("Item", "Title", "Presenter", "Papers", "Discusses"),
            rows=tuple(rows),
        )
    )
    if discussed:
        said = [f"What the items discuss, as it stood at {_on(snapshot.as_at)}:"]
        if any(row.subject and row.subject.kind.key == "indicator" for row in items):
            said.insert(0, f"The indicators' figures are from {snapshot.run_source}.")
        blocks.append(paragraph(*said))
        blocks.append(Items(tuple(discussed)))
    return Section(spec.key, spec.title, tuple(blocks))


class _PlanRows:
    """The plan's priorities and actions at the date, read once and only if an item needs them."""

    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        self._read = None

    def _load(self):
        if self._read is None:
            standing = _plan(self.snapshot)
            priorities = standing.priorities if standing else []
            self._read = (
                {row.priority.pk: row for row in priorities},
                {action.action.pk: action for row in priorities for action in row.actions},
            )
        return self._read

    def priority(self, pk: int):
        return self._load()[0].get(pk)

    def action(self, pk: int):
        return self._load()[1].get(pk)


def _subject_sentence(snapshot: Snapshot, subject, plan_rows: _PlanRows) -> Sentence | None:
    """Where an item's subject stood at the date: an indicator's movement (drafting.py), a plan
    priority's rating and overdue actions, a plan action's rating; None for other subjects."""
    if subject is None:
        return None
    day = snapshot.as_at
    if subject.kind.key == "indicator":
        return drafting.movement(snapshot.indicator(subject.ref))
    if subject.kind.key == "priority" and subject.ref.isdigit():
        row = plan_rows.priority(int(subject.ref))
        if row is None:
            return None
        number = row.priority.number
        source = f"The improvement plan as it stood on {_on(day)}"
        url = _url("priority_detail", snapshot.council.code, row.priority.pk)
        overdue = snapshot.figure(
            f"plan.priority.{number}.overdue@{day.isoformat()}",
            f"Priority {number}: actions overdue",
            str(row.counts[plan_rag.OVERDUE.key]),
            rule="The priority's actions past their due date and not complete on the date "
            "(plans/rag.py).",
            source=source,
            url=url,
        )
        total = snapshot.figure(
            f"plan.priority.{number}.total@{day.isoformat()}",
            f"Priority {number}: actions",
            str(len(row.actions)),
            rule="Every action of the priority, cancelled ones included.",
            source=source,
            url=url,
        )
        rated = row.rag.label.lower() if row.rag else "without actions"
        return Sentence(
            f"Priority {number} was {rated} at {_on(day)}, with {{{overdue}}} of its "
            f"{{{total}}} actions overdue.",
            (overdue, total),
        )
    if subject.kind.key == "plan_action" and subject.ref.isdigit():
        row = plan_rows.action(int(subject.ref))
        if row is None:
            return None
        return Sentence(
            f"Action {row.action.reference} was {row.rag.label.lower()} at {_on(day)} "
            f"({row.status_label.lower()}, due {_on(row.action.due_on)})."
        )
    return None


# Minutes -----------------------------------------------------------------------------------


def _minutes_status(previous, meeting, as_at: date) -> str:
    """What the board is asked to do with the minutes, as things stood at the paper's date."""
    approved_at = previous.minutes_approved_at
    if (
        previous.minutes_status == previous.Minutes.APPROVED
        and approved_at is not None
        and approved_at.held_on <= as_at
        and approved_at.pk != meeting.pk
    ):
        return (
            f"The minutes were approved at the meeting of {_on(approved_at.held_on)}; they are "
            "included for reference."
        )
    if (
        previous.minutes_status == previous.Minutes.APPROVED
        and approved_at is not None
        and approved_at.pk == meeting.pk
        and meeting.held_on <= as_at
    ):
        return "The minutes were for approval at this meeting, and were approved there."
    if previous.minutes_status == previous.Minutes.NONE:
        return "The minutes have not been drafted yet, so there are none to approve."
    return "Status: draft, for approval at this meeting."


def minutes(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """The minutes of the body's meeting before this one, for approval (minutes are approved
    at a later meeting of the same body, normally the next: docs/governance.md)."""
    board = _board(snapshot)
    if board.detail is None:
        return Section(spec.key, spec.title, (_no_meeting(snapshot),))
    previous = board.previous
    if previous is None:
        return Section(
            spec.key,
            spec.title,
            (paragraph("This is the board's first meeting: there are no earlier minutes."),),
        )
    if previous.held_on > snapshot.as_at:
        return Section(
            spec.key,
            spec.title,
            (
                paragraph(
                    f"The meeting before this one, on {_on(previous.held_on)}, is after the "
                    f"paper's date of {_on(snapshot.as_at)}, so its minutes are not included."
                ),
            ),
        )
    blocks: list = [
        paragraph(
            f"Minutes of the meeting of the {previous.body.name} held on {_on(previous.held_on)}.",
            _minutes_status(previous, board.meeting, snapshot.as_at),
        )
    ]
    text = previous.minutes.strip()
    if text:
        blocks += [paragraph(part.strip()) for part in text.split("\n\n") if part.strip()]
    if previous.minutes_document is not None:
        blocks.append(
            paragraph(f"The minutes are also held as a paper: {previous.minutes_document}.")
        )
    decisions = list(previous.decisions.select_related("item"))
    if decisions:
        blocks.append(paragraph("Decisions recorded at that meeting:"))
        blocks.append(Items(tuple(Sentence(decision.text) for decision in decisions)))
    return Section(spec.key, spec.title, tuple(blocks))


# Action log --------------------------------------------------------------------------------


def _log(snapshot: Snapshot, board: Board) -> list[governance_selectors.LogRowAt]:
    return governance_selectors.action_log_at(
        snapshot.user, snapshot.council, as_at=snapshot.as_at, body=board.meeting.body
    )


def _log_counts(snapshot: Snapshot, board: Board, rows) -> dict[str, str]:
    """The log's counts at the date, registered as figures; returns their keys."""
    day = snapshot.as_at.isoformat()
    body = board.meeting.body
    source = f"The action log of the {body.name} as it stood on {_on(snapshot.as_at)}"
    url = _url("governance_actions", snapshot.council.code)
    open_rows = [row for row in rows if row.is_open]
    overdue = [row for row in rows if row.rag is plan_rag.OVERDUE]
    return {
        "open": snapshot.figure(
            f"board.actions.open@{day}",
            f"{body.name}: open actions",
            str(len(open_rows)),
            rule="Actions raised at the board's meetings held by the date and neither complete "
            "(completed by the date) nor cancelled.",
            source=source,
            url=url,
        ),
        "overdue": snapshot.figure(
            f"board.actions.overdue@{day}",
            f"{body.name}: overdue actions",
            str(len(overdue)),
            rule="Open actions whose due date had passed at the date (the plan's rule, "
            "plans/rag.py).",
            source=source,
            url=url,
        ),
    }


def _log_row(row) -> tuple[Cell, ...]:
    action = row.action
    rating = row.rag.label
    if row.rag is plan_rag.OVERDUE:
        rating = "Overdue (flagged)"
    return (
        Cell(action.title),
        Cell(_on(action.meeting.held_on)),
        Cell(action.owner_display or "Not named"),
        Cell(_on(action.due_on)),
        Cell(row.status_label),
        Cell(rating),
    )


LOG_HEAD = ("Action", "Raised", "Owner", "Due", "Status", "Rating")


def action_log(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """The board's open actions at the date, overdue ones flagged, and those closed since the
    last meeting."""
    board = _board(snapshot)
    if board.detail is None:
        return Section(spec.key, spec.title, (_no_meeting(snapshot),))
    rows = _log(snapshot, board)
    keys = _log_counts(snapshot, board, rows)
    since = (
        board.previous.held_on
        if board.previous is not None and board.previous.held_on <= snapshot.as_at
        else snapshot.as_at - RECENT_WITHOUT_MEETING
    )
    closed = [
        row
        for row in rows
        if row.rag is plan_rag.COMPLETE
        and row.action.completed_on is not None
        and since <= row.action.completed_on <= snapshot.as_at
    ]
    closed_key = snapshot.figure(
        f"board.actions.closed@{snapshot.as_at.isoformat()}",
        f"{board.meeting.body.name}: actions completed since {_on(since)}",
        str(len(closed)),
        rule=f"Actions completed from {_on(since)} to the date.",
        source=f"The action log of the {board.meeting.body.name}",
        url=_url("governance_actions", snapshot.council.code),
    )
    blocks: list = [
        paragraph(
            Sentence(
                f"At {_on(snapshot.as_at)}, {{{keys['open']}}} actions on the board's log were "
                f"open, {{{keys['overdue']}}} of them overdue, and {{{closed_key}}} had been "
                f"completed since {_on(since)}.",
                (keys["open"], keys["overdue"], closed_key),
            )
        )
    ]
    open_rows = [row for row in rows if row.is_open]
    if open_rows:
        blocks.append(
            Table(
                caption=f"Open actions at {_on(snapshot.as_at)}, soonest due first",
                head=LOG_HEAD,
                rows=tuple(_log_row(row) for row in open_rows),
            )
        )
    else:
        blocks.append(paragraph(f"No action on the board's log was open at {_on(snapshot.as_at)}."))
    if closed:
        blocks.append(
            Table(
                caption=f"Actions completed since {_on(since)}",
                head=LOG_HEAD,
                rows=tuple(_log_row(row) for row in closed),
            )
        )
    else:
        blocks.append(paragraph(f"No action was completed since {_on(since)}."))
    return Section(spec.key, spec.title, tuple(blocks))


# The plan on a page ------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanStanding:
    plan: object  # plans.models.Plan
    priorities: list  # plans.selectors.PriorityAt

    @property
    def actions(self) -> list:
        return [row for priority in self.priorities for row in priority.actions]


def _plan(snapshot: Snapshot) -> PlanStanding | None:
    plan = plan_selectors.plan_current(snapshot.user, snapshot.council)
    if plan is None:
        return None
    return PlanStanding(
        plan, plan_selectors.plan_standing_at(snapshot.user, plan, as_at=snapshot.as_at)
    )


def _no_plan(snapshot: Snapshot) -> Paragraph:
    return paragraph(f"{snapshot.council.name} has no improvement plan recorded.")


def _plan_source(snapshot: Snapshot, standing: PlanStanding) -> str:
    return f"The improvement plan ({standing.plan.title}) as it stood on {_on(snapshot.as_at)}"


def _plan_totals(snapshot: Snapshot, standing: PlanStanding) -> dict[str, str]:
    """The plan's actions counted by rating at the date, registered; keys by rating key and
    "total"."""
    day = snapshot.as_at.isoformat()
    source = _plan_source(snapshot, standing)
    url = _url("plan_on_a_page", snapshot.council.code, standing.plan.pk)
    rows = standing.actions
    keys = {}
    for rating in plan_rag.ALL:
        keys[rating.key] = snapshot.figure(
            f"plan.actions.{rating.key}@{day}",
            f"Plan actions: {rating.label.lower()}",
            str(sum(1 for row in rows if row.rag is rating)),
            rule=f"The plan's actions rated {rating.label.lower()} on the date by the plan's "
            "rule (plans/rag.py), from their status and updates as they stood then.",
            source=source,
            url=url,
        )
    keys["total"] = snapshot.figure(
        f"plan.actions.total@{day}",
        "Plan actions",
        str(len(rows)),
        rule="Every action of the plan's priorities, cancelled ones included.",
        source=source,
        url=url,
    )
    return keys


def plan_on_a_page(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """Every priority with its rating (its most pressing action's) and its actions counted by
    rating at the date, then the actions falling due next."""
    standing = _plan(snapshot)
    if standing is None:
        return Section(spec.key, spec.title, (_no_plan(snapshot),))
    totals = _plan_totals(snapshot, standing)
    blocks: list = [
        paragraph(
            Sentence(
                f"At {_on(snapshot.as_at)} the plan had {{{totals['total']}}} actions: "
                f"{{{totals['overdue']}}} overdue, {{{totals['slipping']}}} slipping, "
                f"{{{totals['blocked']}}} blocked, {{{totals['on_track']}}} on track and "
                f"{{{totals['complete']}}} complete, with {{{totals['cancelled']}}} cancelled.",
                tuple(totals[key] for key in ("total", *(r.key for r in plan_rag.ALL))),
            )
        )
    ]
    if not standing.priorities:
        blocks.append(paragraph("The plan has no priorities yet."))
        return Section(spec.key, spec.title, tuple(blocks))
    rows = []
    for row in standing.priorities:
        priority = row.priority
        counts = row.counts
        cells = [
            Cell(f"{priority.number}. {priority.title}"),
            Cell(priority.lead_display or "Not named"),
            Cell(row.rag.label if row.rag else "No actions"),
        ]
        # A priority's counts are plain cells adding up to the cited totals below: citing
        # each (priorities times ratings) would bury the page and its figures list in marks.
        cells += [Cell(str(counts[rating.key])) for rating in plan_rag.ALL]
        cells.append(Cell(str(len(row.actions)), total=True))
        rows.append(tuple(cells))
    rows.append(
        (
            Cell("All priorities", total=True),
            Cell(""),
            Cell(""),
            *(
                Cell(snapshot.book[totals[rating.key]].shown, cite=totals[rating.key], total=True)
                for rating in plan_rag.ALL
            ),
            Cell(snapshot.book[totals["total"]].shown, cite=totals["total"], total=True),
        )
    )
    blocks.append(
        Table(
            caption=f"The plan's priorities at {_on(snapshot.as_at)}: actions by rating",
            head=("Priority", "Lead", "Rating", *(r.label for r in plan_rag.ALL), "All"),
            rows=tuple(rows),
        )
    )
    blocks += _next_due(snapshot, standing)
    return Section(spec.key, spec.title, tuple(blocks))


def _action_cells(row) -> tuple[Cell, ...]:
    action = row.action
    return (
        Cell(action.reference),
        Cell(action.title),
        Cell(action.owner_display or "Not named"),
        Cell(_on(action.due_on)),
        Cell(row.status_label),
        Cell(row.rag.label),
    )


ACTION_HEAD = ("Ref", "Action", "Owner", "Due", "Status", "Rating")


def _next_due(snapshot: Snapshot, standing: PlanStanding) -> list:
    until = snapshot.as_at + NEXT_DUE_WINDOW
    due = sorted(
        (
            row
            for row in standing.actions
            if row.rag not in (plan_rag.COMPLETE, plan_rag.CANCELLED)
            and snapshot.as_at <= row.action.due_on <= until
        ),
        key=lambda row: (row.action.due_on, row.action.priority.number, row.action.number),
    )
    key = snapshot.figure(
        f"plan.actions.due_next@{snapshot.as_at.isoformat()}",
        f"Plan actions due by {_on(until)}",
        str(len(due)),
        rule=f"Open actions due from the date to {NEXT_DUE_WINDOW.days} days after it.",
        source=_plan_source(snapshot, standing),
        url=_url("plan_on_a_page", snapshot.council.code, standing.plan.pk),
    )
    if not due:
        return [
            paragraph(
                Sentence(
                    f"{{{key}}} plan actions fall due from {_on(snapshot.as_at)} to {_on(until)}.",
                    (key,),
                )
            )
        ]
    return [
        paragraph(
            Sentence(
                f"{{{key}}} plan actions fall due from {_on(snapshot.as_at)} to {_on(until)}:",
                (key,),
            )
        ),
        Table(
            caption=f"Plan actions due by {_on(until)}, soonest first",
            head=ACTION_HEAD,
            rows=tuple(_action_cells(row) for row in due),
        ),
    ]


# Exceptions --------------------------------------------------------------------------------


# Special-cause signals listed by their variation (spc/xmr.py), concerns first; the neutral
# ones (the number looked after, say) are counted, not listed: not the board's exceptions.
SIGNAL_GROUPS = (
    ("concern", "Concerns"),
    ("improvement", "Improvements"),
)


def _count_figure(snapshot: Snapshot, name: str, label: str, value: int, rule: str) -> str:
    return snapshot.figure(
        f"{name}@{snapshot.as_at.isoformat()}",
        label,
        str(value),
        rule=rule,
        source=snapshot.run_source,
    )


def exceptions(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """What the board should challenge at the date: the plan's overdue actions, the indicators
    worse than a year before and those with a special-cause signal, the board's overdue
    actions, and partners' concerns past the escalation procedure's timescales or the response
    standard (escalations/catalogue.py)."""
    cites: dict[str, str] = {}
    subsections = (
        _plan_exceptions(snapshot, cites),
        *_indicator_exceptions(snapshot, cites),
        _board_exceptions(snapshot, cites),
        _escalation_exceptions(snapshot, cites),
    )
    narrative = Narrative(
        "exceptions.narrative", "Exceptions in summary", _exceptions_draft(snapshot.as_at, cites)
    )
    return Section(spec.key, spec.title, (narrative,), subsections)


def _plan_exceptions(snapshot: Snapshot, cites: dict[str, str]) -> Section:
    key, title = "exceptions.plan", "Overdue plan actions"
    standing = _plan(snapshot)
    if standing is None:
        return Section(key, title, (_no_plan(snapshot),))
    totals = _plan_totals(snapshot, standing)
    cites["plan_overdue"], cites["plan_total"] = totals["overdue"], totals["total"]
    overdue = sorted(
        (row for row in standing.actions if row.rag is plan_rag.OVERDUE),
        key=lambda row: (row.action.due_on, row.action.priority.number, row.action.number),
    )
    blocks: list = [
        paragraph(
            Sentence(
                f"{{{totals['overdue']}}} of the plan's {{{totals['total']}}} actions were "
                f"overdue at {_on(snapshot.as_at)}.",
                (totals["overdue"], totals["total"]),
            )
        )
    ]
    if overdue:
        blocks.append(
            Table(
                caption=f"Plan actions overdue at {_on(snapshot.as_at)}, longest overdue first",
                head=ACTION_HEAD,
                rows=tuple(_action_cells(row) for row in overdue),
            )
        )
    return Section(key, title, tuple(blocks))


def _indicator_exceptions(snapshot: Snapshot, cites: dict[str, str]) -> tuple[Section, Section]:
    """Every registry indicator at the date: those worse, by their polarity, than a year
    before, and those whose latest point is special-cause variation (spc/xmr.py), the concerns
    drawn as SPC charts."""
    read = [snapshot.indicator(indicator.id) for indicator in registry.INDICATORS]
    compared = [facts for facts in read if facts.known and facts.year_before_key]
    worsening = [
        facts
        for facts in compared
        if facts.trend.year_before is not None
        and facts.trend.year_before.direction == figures.WORSENING
    ]
    signals = [facts for facts in read if facts.known and facts.special_cause]
    concerns = [facts for facts in signals if facts.chart.latest.variation == "concern"]
    cites["worsening"] = _count_figure(
        snapshot,
        "indicators.worsening",
        "Indicators worse than a year before",
        len(worsening),
        "Indicators of the catalogue whose latest figure at the date is worse, by the "
        "indicator's polarity, than its figure a year before (indicators/figures.py).",
    )
    cites["compared"] = _count_figure(
        snapshot,
        "indicators.compared",
        "Indicators with a figure a year before",
        len(compared),
        "Indicators of the catalogue with a latest figure at the date and one a year before.",
    )
    cites["signals"] = _count_figure(
        snapshot,
        "indicators.special_cause",
        "Indicators with a special-cause signal",
        len(signals),
        "Indicators whose latest point at the date breaks one of the SPC rules (spc/xmr.py).",
    )
    cites["signal_concerns"] = _count_figure(
        snapshot,
        "indicators.special_cause_concern",
        "Indicators with special-cause variation of concern",
        len(concerns),
        "Indicators whose latest point at the date is special-cause variation in the worse "
        "direction (spc/xmr.py).",
    )
    worse_blocks: list = [
        paragraph(
            Sentence(
                f"{{{cites['worsening']}}} of the {{{cites['compared']}}} indicators with a "
                f"figure a year before were worse at {_on(snapshot.as_at)}.",
                (cites["worsening"], cites["compared"]),
            )
        )
    ]
    if worsening:
        worse_blocks.append(Items(tuple(drafting.movement(facts) for facts in worsening)))
    signal_blocks: list = [
        paragraph(
            Sentence(
                f"{{{cites['signals']}}} indicators showed a special-cause signal at their latest "
                f"point, {{{cites['signal_concerns']}}} of them a concern.",
                (cites["signals"], cites["signal_concerns"]),
            )
        )
    ]
    for variation, heading in SIGNAL_GROUPS:
        group = [facts for facts in signals if facts.chart.latest.variation == variation]
        if group:
            signal_blocks.append(paragraph(f"{heading}:"))
            signal_blocks.append(Items(tuple(drafting.signal(facts) for facts in group)))
    neutral = [facts for facts in signals if facts.chart.latest.variation == "neutral"]
    if neutral:
        key = _count_figure(
            snapshot,
            "indicators.special_cause_neutral",
            "Indicators with special-cause variation neither better nor worse",
            len(neutral),
            "Indicators whose latest point at the date is special-cause variation where "
            "neither higher nor lower is better (spc/xmr.py).",
        )
        named = ", ".join(facts.indicator.title.lower() for facts in neutral[:3])
        signal_blocks.append(
            paragraph(
                Sentence(
                    f"{{{key}}} more changed by more than their usual variation where neither "
                    f"higher nor lower is better, such as {named}: their own pages show them.",
                    (key,),
                )
            )
        )
    signal_blocks += [_signal_chart(facts) for facts in concerns]
    return (
        Section("exceptions.worsening", "Worsening indicators", tuple(worse_blocks)),
        Section("exceptions.signals", "Special-cause signals", tuple(signal_blocks)),
    )


def _signal_chart(facts) -> Chart:
    """The SPC chart of an indicator whose latest point is a concern, from the pinned run's
    values up to the date; its alt text says where it started and ended and what it shows."""
    indicator, chart = facts.indicator, facts.chart
    first, last = chart.points[0], chart.points[-1]
    setting = facts.target.target
    moved = {
        figures.IMPROVING: "better",
        figures.WORSENING: "worse",
        figures.NO_CHANGE: "unchanged",
    }.get(figures.direction(indicator, last.value, first.value), "changed")
    alt = (
        f"SPC chart of {indicator.title.lower()}, {len(chart.points)} points from "
        f"{figures.shown(indicator, first.value)} at {_on(first.date)} to "
        f"{figures.shown(indicator, last.value)} at {_on(last.date)}: {moved} over the "
        f"period. The latest point is special-cause variation, a concern: "
        f"{RULE_TEXT[last.rule]}."
    )
    return Chart(
        key=f"exceptions.chart.{indicator.id}",
        title=f"SPC chart: {indicator.title}",
        alt=alt,
        spec=spc_chart(indicator, chart, target=setting.target if setting else None),
    )


def _board_exceptions(snapshot: Snapshot, cites: dict[str, str]) -> Section:
    key, title = "exceptions.board", "Overdue board actions"
    board = _board(snapshot)
    if board.detail is None:
        return Section(key, title, (_no_meeting(snapshot),))
    rows = _log(snapshot, board)
    keys = _log_counts(snapshot, board, rows)
    cites["board_overdue"] = keys["overdue"]
    overdue = [row for row in rows if row.rag is plan_rag.OVERDUE]
    blocks: list = [
        paragraph(
            Sentence(
                f"{{{keys['overdue']}}} of the board's {{{keys['open']}}} open actions were "
                f"overdue at {_on(snapshot.as_at)}.",
                (keys["overdue"], keys["open"]),
            )
        )
    ]
    if overdue:
        blocks.append(
            Table(
                caption=f"Board actions overdue at {_on(snapshot.as_at)}",
                head=LOG_HEAD,
                rows=tuple(_log_row(row) for row in overdue),
            )
        )
    return Section(key, title, tuple(blocks))


def _escalation_exceptions(snapshot: Snapshot, cites: dict[str, str]) -> Section:
    """Concerns open at the date past the procedure's stage timescales or the response
    standard (the escalations log's own "overdue"); partners' organisations, never people or
    children, are named."""
    as_at = snapshot.as_at
    rows = escalation_selectors.concern_rows_at(snapshot.user, snapshot.council, as_at=as_at)
    open_rows = [row for row in rows if row.concern.status == Concern.Status.OPEN]
    late = sorted(
        (row for row in open_rows if row.overdue),
        key=lambda row: (row.concern.raised_on, row.concern.number),
    )
    url = _url("escalations_log", snapshot.council.code)
    source = f"The escalations log as it stood on {_on(as_at)}"
    cites["escalations_open"] = snapshot.figure(
        f"escalations.open@{as_at.isoformat()}",
        "Partners' concerns open",
        str(len(open_rows)),
        rule="Concerns raised by the date whose written response had not been sent by then.",
        source=source,
        url=url,
        count=len(open_rows),
    )
    cites["escalations_late"] = snapshot.figure(
        f"escalations.past_standard@{as_at.isoformat()}",
        "Partners' concerns past their standard",
        str(len(late)),
        rule="Open concerns whose current stage was past its timescale, or whose response was "
        f"past the standard of {escalation_catalogue.RESPONSE_STANDARD_WORKING_DAYS} working "
        "days from being raised, at the date (escalations/catalogue.py).",
        source=source,
        url=url,
        count=len(late),
    )
    blocks: list = [
        paragraph(
            Sentence(
                f"{{{cites['escalations_late']}}} of the {{{cites['escalations_open']}}} "
                f"partners' concerns open at {_on(as_at)} were past their standard.",
                (cites["escalations_late"], cites["escalations_open"]),
            )
        )
    ]
    if late:
        blocks.append(
            Table(
                caption=f"Concerns past their standard at {_on(as_at)}",
                head=("Concern", "Raised", "From", "Theme", "Stage", "Why"),
                rows=tuple(
                    (
                        Cell(str(row.concern.number)),
                        Cell(_on(row.concern.raised_on)),
                        Cell(row.partner_kind_label),
                        Cell(row.concern.get_theme_display()),
                        Cell(f"{row.stage.number}. {row.stage.title}"),
                        Cell("; ".join(row.overdue_reasons)),
                    )
                    for row in late
                ),
            )
        )
    return Section("exceptions.escalations", "Escalations past their standard", tuple(blocks))


def _exceptions_draft(as_at: date, cites: dict[str, str]) -> tuple[Sentence, ...]:
    """The summary leaders edit: one sentence per kind of exception, each citing its counts.
    The wording never turns on a count (no "1 action was"), so a count shown as "c" in a
    paper leaving the council is not given away by its grammar."""
    drafted = []
    if "plan_overdue" in cites:
        drafted.append(
            Sentence(
                f"At {_on(as_at)}, {{{cites['plan_overdue']}}} of the plan's "
                f"{{{cites['plan_total']}}} actions were overdue.",
                (cites["plan_overdue"], cites["plan_total"]),
            )
        )
    drafted.append(
        Sentence(
            f"{{{cites['worsening']}}} indicators were worse than a year before, and "
            f"{{{cites['signal_concerns']}}} showed special-cause variation of concern.",
            (cites["worsening"], cites["signal_concerns"]),
        )
    )
    if "board_overdue" in cites:
        drafted.append(
            Sentence(
                f"{{{cites['board_overdue']}}} of the board's own actions were overdue.",
                (cites["board_overdue"],),
            )
        )
    drafted.append(
        Sentence(
            f"{{{cites['escalations_late']}}} partners' concerns were past the escalation "
            "procedure's timescales or its response standard.",
            (cites["escalations_late"],),
        )
    )
    return tuple(drafted)


# Assessment --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DomainStanding:
    number: int
    name: str
    self_point: object | None  # assessment.selectors.DomainPoint
    opinion_point: object | None


def _domain_standings(snapshot: Snapshot):
    """The latest review at or before the date, and each of its framework's domains with the
    latest self-assessment and Commissioner's rating given in reviews at or before it."""
    user, council = snapshot.user, snapshot.council
    reviews = [
        review
        for review in assessment_selectors.reviews_for(user, council).filter(
            as_at__lte=snapshot.as_at, superseded_at__isnull=True
        )
    ]
    if not reviews:
        return None, []
    latest = max(reviews, key=lambda review: (review.as_at, review.version, review.pk))
    standings = []
    for domain in latest.framework.domains.order_by("number"):
        try:
            _, points = assessment_selectors.domain_history(user, council, domain.number)
        except Http404:
            points = []
        points = [point for point in points if point.review.as_at <= snapshot.as_at]
        rated_self = [point for point in points if point.entry.self_rating]
        rated_opinion = [point for point in points if point.entry.opinion_rating]
        standings.append(
            DomainStanding(
                domain.number,
                domain.name,
                rated_self[-1] if rated_self else None,
                rated_opinion[-1] if rated_opinion else None,
            )
        )
    return latest, standings


def assessment(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """Each domain of the assessment framework with the council's latest self-assessment and
    the Commissioner's latest rating given at or before the date, and whether they agree
    (assessment/agreement.py: read from the two ratings' places on the framework's scale)."""
    latest, standings = _domain_standings(snapshot)
    if latest is None:
        return Section(
            spec.key,
            spec.title,
            (
                paragraph(
                    "No review against the assessment framework assessed the council at or "
                    f"before {_on(snapshot.as_at)}."
                ),
            ),
        )
    scale = latest.framework.rating_scale
    day = snapshot.as_at.isoformat()
    source = f"Assessment reviews at or before {_on(snapshot.as_at)}"
    url = _url("assessment_reviews", snapshot.council.code)
    counted = {key: 0 for key in agreement_rules.LABELS}
    rows = []
    for standing in standings:
        self_rating = standing.self_point.entry.self_rating if standing.self_point else ""
        opinion = standing.opinion_point.entry.opinion_rating if standing.opinion_point else ""
        agreed = agreement_rules.agreement(scale, self_rating, opinion)
        counted[agreed.key] += 1

        def shown(point, rating: str) -> str:
            if point is None:
                return "Not yet rated"
            return f"{rating} ({point.review})"

        rows.append(
            (
                Cell(f"{standing.number}. {standing.name}"),
                Cell(shown(standing.self_point, self_rating)),
                Cell(shown(standing.opinion_point, opinion)),
                Cell(agreed.gap_shown.capitalize() if agreed.gap else agreed.label),
            )
        )
    keys = {
        key: snapshot.figure(
            f"assessment.{key}@{day}",
            f"Domains: {label.lower()}",
            str(counted[key]),
            rule="The framework's domains whose latest Commissioner's rating, against the "
            f"latest self-assessment, reads {label.lower()} (assessment/agreement.py).",
            source=source,
            url=url,
        )
        for key, label in agreement_rules.LABELS.items()
    }
    total = snapshot.figure(
        f"assessment.domains@{day}",
        "Domains of the framework",
        str(len(standings)),
        rule=f"The domains of {latest.framework.name} (version {latest.framework.version}).",
        source=source,
        url=url,
    )
    blocks = [
        paragraph(
            f"The latest review at or before {_on(snapshot.as_at)} is the {latest} "
            f"({latest.get_status_display().lower()}), against {latest.framework.name}.",
            Sentence(
                f"Of the framework's {{{total}}} domains, the Commissioner's latest rating "
                f"agreed with the council's self-assessment on {{{keys['agrees']}}}, was more "
                f"cautious on {{{keys['more_cautious']}}} and more positive on "
                f"{{{keys['more_positive']}}}; {{{keys['not_yet']}}} were not yet rated by both.",
                (
                    total,
                    keys["agrees"],
                    keys["more_cautious"],
                    keys["more_positive"],
                    keys["not_yet"],
                ),
            ),
        ),
        Table(
            caption=f"Assessment domains at {_on(snapshot.as_at)}",
            head=("Domain", "Self-assessment", "Commissioner's rating", "Agreement"),
            rows=tuple(rows),
        ),
    ]
    return Section(spec.key, spec.title, tuple(blocks))


# Ofsted ------------------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def ofsted(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """The latest Ofsted inspection or visit begun by the date, with its judgements and
    findings where its report had been published by then, and the judgements in force (the
    latest graded inspection's) where that is another."""
    user, council, as_at = snapshot.user, snapshot.council, snapshot.as_at
    begun = [
        inspection
        for inspection in inspection_selectors.inspections_for(user, council)
        if inspection.event_date is not None and inspection.event_date <= as_at
    ]
    if not begun:
        return Section(
            spec.key,
            spec.title,
            (paragraph(f"No Ofsted inspection or visit is recorded by {_on(as_at)}."),),
        )
    latest = begun[-1]
    blocks: list = [paragraph(_activity_text(latest, as_at))]
    published = latest.published_on is not None and latest.published_on <= as_at
    if not published:
        blocks.append(paragraph(f"Its report had not been published by {_on(as_at)}."))
    else:
        blocks += _judgements(latest)
        blocks += _findings(snapshot, latest)
    graded = inspection_selectors.latest_judgements(user, council, as_at)
    if graded is not None and graded.pk != latest.pk:
        blocks.append(
            paragraph(
                "The judgements in force are those of the "
                f"{_lower_first(graded.get_kind_display())} of "
                f"{_on(graded.published_on or graded.event_date)}:"
            )
        )
        blocks += _judgements(graded)
    return Section(spec.key, spec.title, tuple(blocks))


def _activity_text(inspection, as_at: date) -> str:
    kind = _lower_first(inspection.get_kind_display())
    text = f"The latest Ofsted activity by {_on(as_at)} was a {kind}"
    if inspection.theme:
        text += f" ({inspection.theme})"
    if inspection.fieldwork_start and inspection.fieldwork_end:
        text += (
            f", with fieldwork from {_on(inspection.fieldwork_start)} to "
            f"{_on(inspection.fieldwork_end)}"
        )
    elif inspection.fieldwork_start:
        text += f", with fieldwork from {_on(inspection.fieldwork_start)}"
    if inspection.published_on and inspection.published_on <= as_at:
        text += f"; its report was published on {_on(inspection.published_on)}"
    return text + "."


def _judgements(inspection) -> list:
    judgements = list(inspection.judgements.all())
    if not judgements:
        return []
    return [
        Table(
            caption=f"Judgements of the {_lower_first(inspection.get_kind_display())}",
            head=("Judgement", "Grade"),
            rows=tuple(
                (Cell(judgement.get_area_display()), Cell(judgement.get_grade_display()))
                for judgement in judgements
            ),
        )
    ]


def _findings(snapshot: Snapshot, inspection) -> list:
    findings = list(inspection.findings.all())
    if not findings:
        return [paragraph("No findings of its report are recorded.")]
    url = _url("inspection_detail", snapshot.council.code, inspection.pk)
    keys = {}
    for kind in Finding.Kind:
        keys[kind.value] = snapshot.figure(
            f"ofsted.{inspection.pk}.{kind.value}",
            f"Ofsted findings: {kind.label.lower()}",
            str(sum(1 for finding in findings if finding.kind == kind.value)),
            rule=f"The findings of the report recorded as {kind.label.lower()}.",
            source=f"The Ofsted record: {inspection}",
            as_at=inspection.published_on,
            url=url,
        )
    blocks: list = [
        paragraph(
            Sentence(
                f"The report records {{{keys['strength']}}} strengths, "
                f"{{{keys['area_for_improvement']}}} areas for improvement and "
                f"{{{keys['priority_action']}}} areas for priority action.",
                (keys["strength"], keys["area_for_improvement"], keys["priority_action"]),
            )
        )
    ]
    for kind in Finding.Kind:
        chosen = sorted(
            (finding for finding in findings if finding.kind == kind.value),
            key=lambda finding: (finding.order, finding.pk),
        )
        if chosen:
            blocks.append(paragraph(f"{Finding.KIND_PLURALS.get(kind, kind.label)}:"))
            blocks.append(Items(tuple(Sentence(finding.text) for finding in chosen)))
    return blocks


SECTIONS = {
    "agenda": agenda,
    "minutes": minutes,
    "action_log": action_log,
    "plan_on_a_page": plan_on_a_page,
    "exceptions": exceptions,
    "assessment": assessment,
    "ofsted": ofsted,
}
