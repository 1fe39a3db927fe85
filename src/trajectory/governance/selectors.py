"""Reads of the board records. Each takes the acting user first and scopes by council
(`view_council`: every role in the council reads them, board members and DfE officials
included), so no one reaches another council's bodies."""

from __future__ import annotations

import calendar
import copy
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from trajectory.councils.permissions import require
from trajectory.governance import catalogue, subjects
from trajectory.governance.models import (
    AgendaItem,
    ApprovalStep,
    Attendance,
    BoardAction,
    Body,
    Decision,
    Meeting,
    Member,
)
from trajectory.governance.rag import board_action_rag
from trajectory.history.selectors import history_of, history_of_all
from trajectory.plans import rag as plan_rag
from trajectory.plans.deadlines import statutory_deadlines
from trajectory.plans.models import Action as PlanAction
from trajectory.plans.models import Document

# Single records, scoped ----------------------------------------------------------------------


def _one(queryset, pk: int, what: str):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404(f"No such {what}")
    return obj


def body_for(user, council, body_id: int) -> Body:
    require(user, "view_council", council)
    return _one(Body.objects.filter(council=council), body_id, "body")


def member_for(user, council, member_id: int) -> Member:
    require(user, "view_council", council)
    return _one(
        Member.objects.filter(body__council=council).select_related("body"), member_id, "member"
    )


def meeting_for(user, council, meeting_id: int) -> Meeting:
    require(user, "view_council", council)
    return _one(
        Meeting.objects.filter(body__council=council).select_related("body", "minutes_approved_at"),
        meeting_id,
        "meeting",
    )


def item_for(user, council, item_id: int) -> AgendaItem:
    require(user, "view_council", council)
    return _one(
        AgendaItem.objects.filter(meeting__body__council=council).select_related("meeting__body"),
        item_id,
        "agenda item",
    )


def decision_for(user, council, decision_id: int) -> Decision:
    require(user, "view_council", council)
    return _one(
        Decision.objects.filter(meeting__body__council=council).select_related("meeting__body"),
        decision_id,
        "decision",
    )


def board_action_for(user, council, action_id: int) -> BoardAction:
    require(user, "view_council", council)
    return _one(
        BoardAction.objects.filter(council=council).select_related("meeting__body", "owner"),
        action_id,
        "action",
    )


def approval_step_for(user, council, step_id: int) -> ApprovalStep:
    require(user, "view_council", council)
    return _one(
        ApprovalStep.objects.filter(plan__council=council).select_related(
            "plan", "meeting__body", "paper"
        ),
        step_id,
        "approval step",
    )


def documents_for(user, council) -> QuerySet[Document]:
    """Documents the council already holds, to table again as a paper."""
    require(user, "view_council", council)
    return Document.objects.filter(council=council).order_by("-uploaded_at", "-id")


def meetings_of_council(user, council) -> QuerySet[Meeting]:
    require(user, "view_council", council)
    return (
        Meeting.objects.filter(body__council=council)
        .select_related("body")
        .order_by("-held_on", "body__name")
    )


# Bodies --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyRow:
    body: Body
    members: int
    meetings: int
    last_meeting: Meeting | None
    independent_chair: bool


def bodies_for(user, council) -> list[BodyRow]:
    require(user, "view_council", council)
    bodies = Body.objects.filter(council=council).annotate(
        member_count=Count("members", distinct=True), meeting_count=Count("meetings", distinct=True)
    )
    last = {}
    for meeting in Meeting.objects.filter(body__council=council).order_by(
        "body_id", "held_on", "id"
    ):
        last[meeting.body_id] = meeting
    order = {kind.key: index for index, kind in enumerate(catalogue.BODY_KINDS)}
    rows = [
        BodyRow(
            body, body.member_count, body.meeting_count, last.get(body.pk), body.chair_independent
        )
        for body in bodies
    ]
    return sorted(rows, key=lambda row: (order.get(row.body.kind, 99), row.body.name))


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    # For a body whose meetings alternate: whether this one's kind is the opposite of the one
    # before it (None for the first meeting, or a body that does not alternate).
    alternates: bool | None
    items: int
    present: int


def meeting_rows(user, body: Body) -> list[MeetingRow]:
    """The body's meetings by date, each marked by whether it kept the alternating pattern."""
    require(user, "view_council", body.council)
    meetings = (
        body.meetings.select_related("minutes_approved_at")
        .annotate(item_count=Count("items", distinct=True))
        .order_by("held_on", "id")
    )
    present = dict(
        Attendance.objects.filter(meeting__body=body, status="present")
        .values_list("meeting_id")
        .annotate(n=Count("id"))
    )
    rows, previous = [], None
    for meeting in meetings:
        alternates = None
        if body.kind_info.alternates and previous is not None:
            alternates = meeting.kind != previous.kind
        rows.append(MeetingRow(meeting, alternates, meeting.item_count, present.get(meeting.pk, 0)))
        previous = meeting
    return rows


def next_meeting_kind(user, body: Body) -> str:
    """The kind a new meeting's form starts at (catalogue.next_meeting_kind), from the body's
    latest meeting."""
    require(user, "view_council", body.council)
    previous = body.meetings.order_by("-held_on", "-id").first()
    return catalogue.next_meeting_kind(body.kind, previous.kind if previous else None)


def body_history(user, body: Body):
    members = list(body.members.all())
    return history_of_all(user, body.council, [body, *members])


# Meetings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceRow:
    member: Member
    status: str  # "" when not recorded
    label: str
    expected: bool  # invited: everyone to an external meeting, the council's side to an internal


@dataclass(frozen=True)
class ItemRow:
    item: AgendaItem
    subject: subjects.Subject | None
    papers: list


@dataclass(frozen=True)
class ActionRow:
    action: BoardAction
    rag: plan_rag.Rag


@dataclass
class MeetingDetail:
    meeting: Meeting
    attendance: list[AttendanceRow]
    items: list[ItemRow]
    decisions: list[Decision]
    actions: list[ActionRow]
    # The later meetings of the body, the next first: where these minutes may be approved.
    later_meetings: list[Meeting]
    previous: Meeting | None
    next: Meeting | None
    # Earlier meetings whose minutes were approved at this one.
    approved_here: list[Meeting] = field(default_factory=list)


def meeting_detail(user, meeting: Meeting, *, today: date) -> MeetingDetail:
    council = meeting.body.council
    require(user, "view_council", council)
    labels = dict(catalogue.ATTENDANCE_CHOICES)
    recorded = {row.member_id: row.status for row in meeting.attendance.all()}
    attendance = []
    for member in meeting.body.members.all():
        serving = member.serves_on(meeting.held_on)
        if not serving and member.pk not in recorded:
            continue
        expected = meeting.kind == catalogue.EXTERNAL or member.attends_internal
        status = recorded.get(member.pk, "")
        attendance.append(
            AttendanceRow(member, status, labels.get(status, "Not recorded"), expected)
        )
    items = [
        ItemRow(
            item,
            subjects.resolve(council, item.subject_kind, item.subject_ref),
            list(item.papers.all()),
        )
        for item in meeting.items.prefetch_related(Prefetch("papers__document"))
    ]
    actions = [
        ActionRow(action, board_action_rag(action, today=today))
        for action in meeting.actions.select_related("owner", "decision")
    ]
    body_meetings = list(meeting.body.meetings.order_by("held_on", "id"))
    later = [other for other in body_meetings if other.held_on > meeting.held_on]
    earlier = [other for other in body_meetings if other.held_on < meeting.held_on]
    return MeetingDetail(
        meeting=meeting,
        attendance=attendance,
        items=items,
        decisions=list(meeting.decisions.select_related("item")),
        actions=actions,
        later_meetings=later,
        previous=earlier[-1] if earlier else None,
        next=later[0] if later else None,
        approved_here=list(meeting.approved_minutes_of.order_by("held_on")),
    )


def meeting_history(user, meeting: Meeting):
    records = [
        meeting,
        *meeting.items.all(),
        *meeting.decisions.all(),
        *meeting.actions.all(),
        *meeting.attendance.select_related("member"),
    ]
    return history_of_all(user, meeting.body.council, records)


# The action log ------------------------------------------------------------------------------

ACTION_FILTERS = {"all": "All actions", "open": "Open", "overdue": "Overdue"}


@dataclass(frozen=True)
class LogRow:
    action: BoardAction
    rag: plan_rag.Rag

    @property
    def is_open(self) -> bool:
        return self.rag not in (plan_rag.COMPLETE, plan_rag.CANCELLED)


def action_log(user, council, *, today: date, show: str = "all") -> list[LogRow]:
    """Every body's actions, soonest due first; `show` is "all", "open" (not complete or
    cancelled) or "overdue" (past due and not complete, the plan's rule)."""
    require(user, "view_council", council)
    rows = [
        LogRow(action, board_action_rag(action, today=today))
        for action in BoardAction.objects.filter(council=council).select_related(
            "meeting__body", "owner"
        )
    ]
    if show == "open":
        rows = [row for row in rows if row.is_open]
    elif show == "overdue":
        rows = [row for row in rows if row.rag is plan_rag.OVERDUE]
    return rows


@dataclass(frozen=True)
class LogRowAt:
    """A board action as it stood on a past day: open then unless completed by then."""

    action: BoardAction
    status: str
    rag: plan_rag.Rag

    @property
    def is_open(self) -> bool:
        return self.rag not in (plan_rag.COMPLETE, plan_rag.CANCELLED)

    @property
    def status_label(self) -> str:
        return PlanAction.Status(self.status).label


def action_log_at(user, council, *, as_at: date, body: Body | None = None) -> list[LogRowAt]:
    """The action log as it stood on `as_at` (a board paper's date), soonest due first: the
    actions raised at meetings held by then (of `body`, when given), rated by the plan's rule
    on that day. One completed after the day was still open then; its status before it was
    completed is not recorded, so it is taken as in progress."""
    require(user, "view_council", council)
    actions = BoardAction.objects.filter(council=council, meeting__held_on__lte=as_at)
    if body is not None:
        actions = actions.filter(meeting__body=body)
    rows = []
    for action in actions.select_related("meeting__body", "owner").order_by("due_on", "id"):
        status = action.status
        if status == PlanAction.Status.COMPLETE and (
            action.completed_on is None or action.completed_on > as_at
        ):
            status = PlanAction.Status.IN_PROGRESS
        rated = copy.copy(action)
        rated.status = status
        rows.append(LogRowAt(action, status, board_action_rag(rated, today=as_at)))
    return rows


def action_history(user, action: BoardAction):
    return history_of(user, action.council, action)


# The plan's approval journey -----------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class JourneyRow:
    info: catalogue.ApprovalStep
    step: ApprovalStep | None
    # The date the step is due by (the statutory 70 working days) or expected about (six
    # months after the report), and whether a recorded step met it (None when not judged).
    due_on: date | None
    expected_on: date | None
    on_time: bool | None
    outcome_label: str


@dataclass(frozen=True)
class Journey:
    rows: list[JourneyRow]
    counted_from: date | None
    rule: str


def approval_journey(user, plan) -> Journey:
    """Each step of the catalogue with the plan's recorded step, if any. The submission is on
    time when made on or before the statutory date (plans/deadlines.py: 70 working days from
    the report's publication, day 1 the next working day); the Commissioner's decision is
    expected about six months after the report (2019-06 address, paragraph 6)."""
    require(user, "view_council", plan.council)
    recorded = {
        step.step: step
        for step in ApprovalStep.objects.filter(plan=plan).select_related("meeting__body", "paper")
    }
    if plan.inspection is not None:
        deadlines = statutory_deadlines(plan.inspection)
        counted_from, final_due, rule = (
            deadlines.counted_from,
            deadlines.final_due_on,
            deadlines.rule,
        )
    else:
        counted_from, final_due, rule = plan.deadline_from, plan.final_due_on, plan.deadline_rule
    outcomes = dict(catalogue.OUTCOME_CHOICES)
    rows = []
    for info in catalogue.APPROVAL_STEPS:
        step = recorded.get(info.key)
        if not info.required and step is None:
            continue
        due_on = final_due if info.due == "statutory" else None
        expected_on = (
            add_months(counted_from, catalogue.EFFECTIVENESS_MONTHS)
            if info.due == "six_months" and counted_from
            else None
        )
        on_time = None
        if step is not None and due_on is not None:
            on_time = step.happened_on <= due_on
        rows.append(
            JourneyRow(
                info,
                step,
                due_on,
                expected_on,
                on_time,
                outcomes.get(step.outcome, "") if step else "",
            )
        )
    return Journey(rows, counted_from, rule)


def approval_history(user, plan):
    steps = list(ApprovalStep.objects.filter(plan=plan))
    return history_of_all(user, plan.council, steps)
