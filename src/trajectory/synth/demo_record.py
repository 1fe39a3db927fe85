"""Westshire's made-up Ofsted record and improvement plan, so the demo shows the whole cycle.

The findings are written for the demo in the language of real ILACS letters; no real council's
report is quoted. Dates sit inside the demo's data span so the plan's indicators have values.
"""

from __future__ import annotations

import datetime as dt

from trajectory.inspections.models import Finding, Grade, Inspection, Judgement, ServiceArea
from trajectory.inspections.services import finding_add, inspection_save
from trajectory.plans.clock import today as plan_today
from trajectory.plans.models import EvidenceLink, ProgressUpdate
from trajectory.plans.services import (
    action_create,
    evidence_link_add,
    plan_create_from_inspection,
    progress_update_post,
)

INADEQUATE_JUDGEMENTS = {
    Judgement.Area.OVERALL: Grade.INADEQUATE,
    Judgement.Area.LEADERS: Grade.INADEQUATE,
    Judgement.Area.HELP_AND_PROTECTION: Grade.INADEQUATE,
    Judgement.Area.CHILDREN_IN_CARE: Grade.REQUIRES_IMPROVEMENT,
    Judgement.Area.CARE_LEAVERS: Grade.REQUIRES_IMPROVEMENT,
}

AREAS_FOR_IMPROVEMENT = [
    (
        ServiceArea.FRONT_DOOR,
        "The timeliness and quality of decisions at the front door, "
        "including when thresholds for statutory intervention are met.",
    ),
    (
        ServiceArea.HELP_AND_PROTECTION,
        "The quality of assessments and plans for children in "
        "need and subject to child protection plans, so that plans reduce risk within the child's "
        "timescale.",
    ),
    (
        ServiceArea.HELP_AND_PROTECTION,
        "Management oversight and supervision that challenges drift and delay in children's plans.",
    ),
    (
        ServiceArea.CHILDREN_IN_CARE,
        "The stability of placements for children in care and the "
        "sufficiency of local foster homes.",
    ),
    (
        ServiceArea.CHILDREN_IN_CARE,
        "The timeliness of statutory reviews for children in care "
        "and the participation of children in them.",
    ),
    (
        ServiceArea.CHILDREN_IN_CARE,
        "The response to children who go missing from care, including return home interviews.",
    ),
    (
        ServiceArea.CARE_LEAVERS,
        "Support for care leavers to find suitable accommodation and "
        "to take up education, employment or training.",
    ),
    (
        ServiceArea.WORKFORCE,
        "The recruitment and retention of permanent social workers, so "
        "that children keep the same worker.",
    ),
    (
        ServiceArea.QUALITY,
        "The use of performance information and case audits by leaders to "
        "understand and improve the quality of practice.",
    ),
]

STRENGTHS = [
    (
        ServiceArea.CARE_LEAVERS,
        "Personal advisers know their young people well and keep in touch with most of them.",
    ),
]

# Actions for the first priorities: (priority number, title, days from plan start to due,
# indicator cited as evidence, progress note).
ACTIONS = [
    (
        4,
        "Open a foster carer recruitment campaign with a dedicated assessment team",
        120,
        "cla_3plus_placements_pct",
        "Twelve households in assessment; first panel next month.",
    ),
    (
        4,
        "Hold placement stability meetings for every child with two moves in a year",
        60,
        "cla_long_term_stability_pct",
        "Meetings held for 41 children; template agreed.",
    ),
    (
        5,
        "Independent reviewing officers track every review due in the next 20 working days",
        45,
        "cla_reviews_on_time_pct",
        "Weekly tracker in place; late reviews escalated to heads of service.",
    ),
    (
        6,
        "Commission return home interviews within 72 hours of a child coming back",
        90,
        "cla_missing_pct",
        "Provider chosen; contract starts next quarter.",
    ),
    (
        7,
        "Agree a joint housing protocol for care leavers with the district councils",
        150,
        "care_leavers_suitable_accom_pct",
        "Draft protocol with two of five districts.",
    ),
    (
        7,
        "Ring-fence apprenticeships in the council for care leavers",
        200,
        "care_leavers_eet_pct",
        "Fifteen places agreed by corporate leadership team.",
    ),
]


def inspections_for(council, *, user) -> Inspection:
    """Create Westshire's inspections and visits; returns the inadequate inspection."""
    inspection_save(
        council=council,
        user=user,
        kind=Inspection.Kind.STANDARD,
        fieldwork_start=dt.date(2021, 1, 11),
        fieldwork_end=dt.date(2021, 1, 22),
        published_on=dt.date(2021, 3, 5),
        judgements={
            Judgement.Area.OVERALL: Grade.REQUIRES_IMPROVEMENT,
            Judgement.Area.LEADERS: Grade.REQUIRES_IMPROVEMENT,
            Judgement.Area.HELP_AND_PROTECTION: Grade.REQUIRES_IMPROVEMENT,
            Judgement.Area.CHILDREN_IN_CARE_AND_CARE_LEAVERS: Grade.GOOD,
        },
    )
    inadequate = inspection_save(
        council=council,
        user=user,
        kind=Inspection.Kind.STANDARD,
        fieldwork_start=dt.date(2023, 9, 11),
        fieldwork_end=dt.date(2023, 9, 22),
        published_on=dt.date(2023, 11, 3),
        judgements=dict(INADEQUATE_JUDGEMENTS),
    )
    for area, text in AREAS_FOR_IMPROVEMENT:
        finding_add(
            inspection=inadequate,
            user=user,
            kind=Finding.Kind.AREA_FOR_IMPROVEMENT,
            text=text,
            service_area=area,
        )
    for area, text in STRENGTHS:
        finding_add(
            inspection=inadequate,
            user=user,
            kind=Finding.Kind.STRENGTH,
            text=text,
            service_area=area,
        )
    for start, theme in [
        (dt.date(2024, 3, 12), "Children in care"),
        (dt.date(2024, 7, 16), "The front door"),
        (dt.date(2024, 11, 19), "Children in need and subject to a plan"),
    ]:
        inspection_save(
            council=council,
            user=user,
            kind=Inspection.Kind.MONITORING_VISIT,
            fieldwork_start=start,
            fieldwork_end=start + dt.timedelta(days=1),
            published_on=start + dt.timedelta(days=35),
            theme=theme,
        )
    return inadequate


def plan_for(council, *, inspection: Inspection, leader, owners: list) -> None:
    """The Practice Improvement Plan answering the inadequate inspection, partly delivered."""
    plan = plan_create_from_inspection(
        council=council,
        user=leader,
        inspection=inspection,
        title="Westshire Practice Improvement Plan 2023-25",
    )
    # The plan's clock is today's, so the demo shows every state: one action complete, one
    # overdue, one slipping (due soon, reported off track) and the rest on track.
    today = plan_today()
    start = today - dt.timedelta(days=90)
    priorities = {p.number: p for p in plan.priorities.all()}
    for index, (number, title, due_in, indicator_id, note) in enumerate(ACTIONS):
        due_on = today + dt.timedelta(days=due_in - 60)
        if index == 2:
            due_on = today + dt.timedelta(days=10)
        action = action_create(
            priority=priorities[number],
            user=leader,
            title=title,
            owner=owners[index % len(owners)],
            start_on=start,
            due_on=due_on,
            today=start,
        )
        evidence_link_add(
            user=leader,
            kind=EvidenceLink.Kind.INDICATOR,
            action=action,
            indicator_id=indicator_id,
            note="Shows whether the action has impact",
        )
        progress_update_post(
            action=action,
            user=leader,
            narrative=note,
            progress=ProgressUpdate.Progress.OFF_TRACK
            if index == 2
            else ProgressUpdate.Progress.ON_TRACK,
            status="complete" if index == 1 else "in_progress",
            today=today - dt.timedelta(days=7 if index != 3 else 45),
        )
