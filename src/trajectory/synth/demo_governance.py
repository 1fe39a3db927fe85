"""Westshire's Improvement Board and the bodies around it (issue 9.8), on the journey's dates
(`journey.py`): the board with a made-up independent chair meeting monthly from its first
meeting to the recommendation, internal and external alternating; the scrutiny committee's
quarterly sessions, Cabinet, the Corporate Parenting Panel and the Health and Wellbeing Board
with a few meetings; attendance, agendas citing indicators and plan priorities, decisions, an
action log (some done, some open, two overdue), minutes approved at the next meeting, and the
plan's approval journey. Every name is made up.

Bodies, members, actions and the approval steps go through the services (history and audit);
the many meetings, attendance rows, agenda items and decisions are bulk-created in one step
with one audit entry, to keep the demo fast.
"""

from __future__ import annotations

import datetime as dt
import io

from django.db import transaction

from trajectory.audit.services import record
from trajectory.councils.models import Role
from trajectory.governance import catalogue, services
from trajectory.governance.models import AgendaItem, Attendance, Body, Decision, Meeting
from trajectory.indicators import registry
from trajectory.plans.models import Plan
from trajectory.synth import journey

INDEPENDENT_CHAIR = "Dr Helen Ashworth"

BOARD_MEMBERS = (
    # name, organisation, kind of organisation, role
    ("Cllr Margaret Hale", "Westshire County Council", "council", "Leader of the Council"),
    (
        "Cllr Rachel Owen",
        "Westshire County Council",
        "council",
        "Cabinet Member for Children and Young People",
    ),
    ("Lydia Barnes", "Westshire County Council", "council", "Director of Children's Services"),
    ("Tom Whitfield", "Westshire County Council", "council", "Chief Executive"),
    (
        "Martin Greaves",
        "Department for Education",
        "intervention",
        "Children's Services Commissioner",
    ),
    ("Karen Doyle", "Northshire County Council", "intervention", "Improvement partner"),
    ("Dr Anita Rao", "Westshire Integrated Care Board", "health", "Director of Safeguarding"),
    ("Det Supt Mark Ellis", "Westshire Police", "police", "Head of Public Protection"),
    ("Jane Cooper", "Westshire Academies Trust", "schools", "Secondary school representative"),
    ("Gareth Lyons", "Westshire Primary Heads' Forum", "schools", "Primary school representative"),
    ("Sarah Fenn", "Eastvale District Council", "district", "Chief Executive"),
)

INDICATORS = (
    "cla_reviews_on_time_pct",
    "cla_missing_pct",
    "cla_3plus_placements_pct",
    "cla_long_term_stability_pct",
    "care_leavers_in_touch_pct",
    "cla_3plus_social_workers_pct",
)

# A made-up paper: just enough of a PDF for the document store to accept it.
PLAN_PAPER = b"%PDF-1.4\n% Westshire improvement plan, made up for the demo\n%%EOF\n"


def _title(indicator_id: str) -> str:
    return registry.get(indicator_id).title


def _first_tuesdays(start: dt.date, until: dt.date) -> list[dt.date]:
    days, year, month = [], start.year, start.month
    while True:
        first = dt.date(year, month, 1)
        tuesday = first + dt.timedelta(days=(1 - first.weekday()) % 7)
        if tuesday > until:
            return days
        if tuesday >= start:
            days.append(tuesday)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _quarterly(start: dt.date, until: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= until:
        days.append(day)
        month = day.month + 3
        year = day.year + (month - 1) // 12
        day = dt.date(year, (month - 1) % 12 + 1, min(day.day, 28))
    return days


def _body(council, user, name, kind, chair, organisation, independent, members, from_on):
    body = services.body_create(
        council=council,
        user=user,
        name=name,
        kind=kind,
        chair_name=chair,
        chair_organisation=organisation,
        chair_independent=independent,
        from_on=from_on,
    )
    for member_name, member_organisation, organisation_kind, role in members:
        services.member_add(
            body=body,
            user=user,
            name=member_name,
            organisation=member_organisation,
            organisation_kind=organisation_kind,
            role=role,
            from_on=from_on,
        )
    return body


def _meetings(body, dates, kinds, titles=None) -> list[Meeting]:
    made = Meeting.objects.bulk_create(
        Meeting(
            body=body,
            held_on=day,
            kind=kind,
            title=(titles or {}).get(day, ""),
            minutes=f"Minutes of the {body.name}, {day.day} {day:%B %Y}. Made up for the demo.",
            minutes_status=Meeting.Minutes.DRAFT,
        )
        for day, kind in zip(dates, kinds, strict=True)
    )
    made = list(body.meetings.order_by("held_on", "id"))
    # Each meeting's minutes approved at the next; the last stays a draft.
    for meeting, following in zip(made, made[1:], strict=False):
        meeting.minutes_status = Meeting.Minutes.APPROVED
        meeting.minutes_approved_at = following
    Meeting.objects.bulk_update(made, ["minutes_status", "minutes_approved_at"])
    return made


def _attendance(meetings) -> list[Attendance]:
    rows, members_of = [], {}
    for index, meeting in enumerate(meetings):
        if meeting.body_id not in members_of:
            members_of[meeting.body_id] = list(meeting.body.members.all())
        members = members_of[meeting.body_id]
        for place, member in enumerate(members):
            if meeting.kind == catalogue.INTERNAL and not member.attends_internal:
                continue
            turn = index * 3 + place
            status = "absent" if turn % 23 == 0 else "apologies" if turn % 7 == 0 else "present"
            rows.append(Attendance(meeting=meeting, member=member, status=status))
    return rows


def governance_demo(council, users) -> None:
    """Create Westshire's boards and their records once (nothing when a body exists)."""
    if Body.objects.filter(council=council).exists():
        return
    leader = users[Role.LEADER]
    commissioner = users[Role.COMMISSIONER]
    plan = (
        Plan.objects.filter(council=council, inspection__published_on=journey.JUDGEMENT_PUBLISHED)
        .order_by("-created_at")
        .first()
        or Plan.objects.filter(council=council).order_by("-created_at").first()
    )
    priorities = list(plan.priorities.order_by("number")) if plan else []
    with transaction.atomic():
        board = _body(
            council,
            leader,
            "Westshire Children's Improvement Board",
            "improvement_board",
            INDEPENDENT_CHAIR,
            "Independent chair",
            True,
            BOARD_MEMBERS,
            journey.IMPROVEMENT_BOARD_FIRST,
        )
        councillors = BOARD_MEMBERS[:2] + (
            ("Cllr David Price", "Westshire County Council", "council", "Committee chair"),
            ("Cllr Fiona Marsh", "Westshire County Council", "council", "Committee member"),
        )
        scrutiny = _body(
            council,
            leader,
            "Children and Young People's Services Scrutiny Committee",
            "scrutiny",
            "Cllr David Price",
            "Westshire County Council",
            False,
            councillors[2:] + (BOARD_MEMBERS[2],),
            journey.PLAN_SCRUTINISED,
        )
        cabinet = _body(
            council,
            leader,
            "Cabinet",
            "cabinet",
            "Cllr Margaret Hale",
            "Westshire County Council",
            False,
            BOARD_MEMBERS[:2],
            journey.PLAN_APPROVED_CABINET,
        )
        panel = _body(
            council,
            leader,
            "Corporate Parenting Panel",
            "corporate_parenting_panel",
            "Cllr Rachel Owen",
            "Westshire County Council",
            False,
            (BOARD_MEMBERS[2], councillors[3]),
            dt.date(2024, 3, 19),
        )
        health = _body(
            council,
            leader,
            "Westshire Health and Wellbeing Board",
            "health_and_wellbeing_board",
            "Cllr Margaret Hale",
            "Westshire County Council",
            False,
            (BOARD_MEMBERS[2], BOARD_MEMBERS[6]),
            dt.date(2024, 1, 25),
        )

        board_dates = [journey.IMPROVEMENT_BOARD_FIRST] + _first_tuesdays(
            journey.PLAN_APPROVED_BOARD, journey.RECOMMENDATION
        )
        board_kinds = [
            catalogue.INTERNAL if index % 2 == 0 else catalogue.EXTERNAL
            for index in range(len(board_dates))
        ]
        board_meetings = _meetings(
            board,
            board_dates,
            board_kinds,
            {journey.PLAN_APPROVED_BOARD: "The improvement plan for approval"},
        )
        scrutiny_dates = _quarterly(journey.PLAN_SCRUTINISED, journey.RECOMMENDATION)
        scrutiny_meetings = _meetings(
            scrutiny,
            scrutiny_dates,
            [catalogue.INTERNAL] * len(scrutiny_dates),
            {journey.PLAN_SCRUTINISED: "The improvement plan"},
        )
        cabinet_dates = [journey.PLAN_APPROVED_CABINET, dt.date(2024, 7, 23), dt.date(2025, 9, 23)]
        cabinet_meetings = _meetings(cabinet, cabinet_dates, [catalogue.INTERNAL] * 3)
        panel_dates = [
            dt.date(2024, 3, 19),
            dt.date(2024, 6, 18),
            dt.date(2024, 9, 17),
            dt.date(2024, 12, 10),
        ]
        panel_meetings = _meetings(panel, panel_dates, [catalogue.INTERNAL] * 4)
        health_meetings = _meetings(
            health, [dt.date(2024, 1, 25), dt.date(2024, 7, 11)], [catalogue.EXTERNAL] * 2
        )
        every = (
            board_meetings + scrutiny_meetings + cabinet_meetings + panel_meetings + health_meetings
        )
        Attendance.objects.bulk_create(_attendance(every))

        items = []
        for index, meeting in enumerate(board_meetings):
            number = 1
            items.append(
                AgendaItem(
                    meeting=meeting, number=number, title="Minutes and actions of the last meeting"
                )
            )
            number += 1
            items.append(
                AgendaItem(
                    meeting=meeting,
                    number=number,
                    title="Performance report",
                    presenter="Head of Performance",
                    subject_kind="indicator",
                    subject_ref=INDICATORS[index % len(INDICATORS)],
                )
            )
            if priorities:
                priority = priorities[index % len(priorities)]
                number += 1
                items.append(
                    AgendaItem(
                        meeting=meeting,
                        number=number,
                        title=f"Progress on priority {priority.number}",
                        presenter="Director of Children's Services",
                        subject_kind="priority",
                        subject_ref=str(priority.pk),
                    )
                )
            if meeting.held_on == journey.PLAN_APPROVED_BOARD:
                number += 1
                items.append(
                    AgendaItem(
                        meeting=meeting, number=number, title="The improvement plan for approval"
                    )
                )
            if meeting.kind == catalogue.EXTERNAL:
                number += 1
                items.append(
                    AgendaItem(
                        meeting=meeting,
                        number=number,
                        title="Partnership update: schools, health and police",
                        presenter="Partners",
                    )
                )
        for index, meeting in enumerate(scrutiny_meetings):
            items.append(
                AgendaItem(
                    meeting=meeting,
                    number=1,
                    title="Quarterly performance and the improvement plan",
                    subject_kind="indicator",
                    subject_ref=INDICATORS[index % len(INDICATORS)],
                )
            )
        for meeting in cabinet_meetings + panel_meetings + health_meetings:
            items.append(
                AgendaItem(meeting=meeting, number=1, title="Children's services improvement")
            )
        AgendaItem.objects.bulk_create(items)

        performance = {
            item.meeting_id: item
            for item in AgendaItem.objects.filter(
                meeting__in=board_meetings, title="Performance report"
            )
        }
        decisions = [
            Decision(
                meeting=meeting,
                item=performance.get(meeting.pk),
                text="Noted the performance report and asked for the next to show the trend "
                "against target for each indicator discussed.",
            )
            for meeting in board_meetings
        ]
        approval_meeting = {m.held_on: m for m in board_meetings}[journey.PLAN_APPROVED_BOARD]
        decisions.append(
            Decision(
                meeting=approval_meeting,
                text="Approved the improvement plan for submission to the DfE and Ofsted.",
            )
        )
        Decision.objects.bulk_create(decisions)
        record(
            user=leader,
            action="governance.demo.load",
            council=council,
            detail={"meetings": len(every), "items": len(items), "decisions": len(decisions)},
        )

        # The action log: older actions done, recent ones open, two past their due date.
        raised = board_meetings[2::4]
        owners = (
            "Director of Children's Services",
            "Head of Performance",
            "Head of Service, Children in Care",
        )
        for index, meeting in enumerate(raised):
            recent = meeting.held_on >= dt.date(2026, 6, 1)
            due = meeting.held_on + dt.timedelta(days=56)
            services.board_action_add(
                meeting=meeting,
                user=leader,
                title=f"Bring a deep dive on “{_title(INDICATORS[index % len(INDICATORS)])}” "
                "to the board",
                owner_name=owners[index % len(owners)],
                due_on=due,
                status="in_progress" if recent else "complete",
                completed_on=None if recent else due - dt.timedelta(days=7),
            )
        last_external = [m for m in board_meetings if m.kind == catalogue.EXTERNAL][-1]
        services.board_action_add(
            meeting=last_external,
            user=commissioner,
            title="Work with representatives of the schools' community on their confidence in "
            "children's social care",
            owner_name="Director of Children's Services",
            due_on=dt.date(2027, 3, 31),
            status="in_progress",
        )
        services.board_action_add(
            meeting=board_meetings[-3],
            user=leader,
            title="Report the escalation procedure's response times to the board",
            owner_name="Head of Service, Front Door",
            due_on=board_meetings[-3].held_on + dt.timedelta(days=28),
            status="not_started",
        )

        if plan is not None:
            paper = services.paper_document(
                council=council,
                user=leader,
                file=io.BytesIO(PLAN_PAPER),
                name="westshire-improvement-plan.pdf",
            )
            at = {
                journey.PLAN_SCRUTINISED: scrutiny_meetings[0],
                journey.PLAN_APPROVED_CABINET: cabinet_meetings[0],
                journey.PLAN_APPROVED_BOARD: approval_meeting,
            }
            steps = (
                ("scrutinised", journey.PLAN_SCRUTINISED, "", leader),
                ("approved_cabinet", journey.PLAN_APPROVED_CABINET, "", leader),
                ("approved_board", journey.PLAN_APPROVED_BOARD, "", leader),
                ("submitted", journey.PLAN_SUBMITTED, "", leader),
                ("ofsted_advice", journey.PLAN_OFSTED_ADVICE, "reflects", leader),
                (
                    "effectiveness_decided",
                    journey.PLAN_EFFECTIVENESS_DECIDED,
                    "effective",
                    commissioner,
                ),
            )
            for step, day, outcome, user in steps:
                services.approval_step_record(
                    plan=plan,
                    user=user,
                    step=step,
                    happened_on=day,
                    meeting=at.get(day),
                    paper=paper if step != "effectiveness_decided" else None,
                    outcome=outcome,
                )
