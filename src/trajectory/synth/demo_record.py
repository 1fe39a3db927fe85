"""Westshire's made-up Ofsted record and improvement plan, so the demo shows the whole cycle.

The record follows the journey in `journey.py` (West Sussex's intervals from its 2019 inadequate
judgement): the inadequate inspection with twelve areas for improvement, quarterly monitoring
visits, none while visits were paused nationally, a focused visit when they resumed, then the
monitoring visits again. The findings are written for the demo in the language of real ILACS
letters; no real council's report is quoted.
"""

from __future__ import annotations

import datetime as dt

from trajectory.inspections.models import Finding, Grade, Inspection, Judgement, ServiceArea
from trajectory.inspections.services import finding_add, inspection_save
from trajectory.plans import clock
from trajectory.plans.models import EvidenceLink, ProgressUpdate
from trajectory.plans.services import (
    action_create,
    evidence_link_add,
    plan_create_from_inspection,
    progress_update_post,
)
from trajectory.synth import journey

INADEQUATE_JUDGEMENTS = {
    Judgement.Area.OVERALL: Grade.INADEQUATE,
    Judgement.Area.LEADERS: Grade.INADEQUATE,
    Judgement.Area.HELP_AND_PROTECTION: Grade.INADEQUATE,
    Judgement.Area.CHILDREN_IN_CARE: Grade.REQUIRES_IMPROVEMENT,
    Judgement.Area.CARE_LEAVERS: Grade.REQUIRES_IMPROVEMENT,
}

# The twelve areas for improvement, in the letter's order; the plan's priorities are numbered
# from them (priority 1 answers the first).
AREAS_FOR_IMPROVEMENT = [
    (
        ServiceArea.FRONT_DOOR,
        "The timeliness and quality of decisions at the front door, "
        "including when thresholds for statutory intervention are met.",
    ),
    (
        ServiceArea.HELP_AND_PROTECTION,
        "The quality and timeliness of assessments, so that they weigh each child's history "
        "and lived experience and lead to help that matches the child's needs.",
    ),
    (
        ServiceArea.HELP_AND_PROTECTION,
        "Child protection plans that say clearly what must change, by whom and by when, so "
        "that they reduce risk within the child's timescale.",
    ),
    (
        ServiceArea.HELP_AND_PROTECTION,
        "Management oversight and supervision that challenges drift and delay in children's plans.",
    ),
    (
        ServiceArea.HELP_AND_PROTECTION,
        "The use of the pre-proceedings stage of the Public Law Outline, so that children "
        "living with neglect do not wait too long for decisions about their future.",
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
        "The recruitment and retention of permanent social workers and caseloads that let "
        "them know their children well, so that children keep the same worker.",
    ),
    (
        ServiceArea.QUALITY,
        "The use of performance information and case audits by leaders to "
        "understand and improve the quality of practice.",
    ),
    (
        ServiceArea.PARTNERSHIPS,
        "The council's grip on its role as corporate parent, and the part partners, schools "
        "and health among them, play in children's plans.",
    ),
]

STRENGTHS = [
    (
        ServiceArea.CARE_LEAVERS,
        "Personal advisers know their young people well and keep in touch with most of them.",
    ),
]

# What each quarterly monitoring visit looked at (journey.MONITORING_VISITS, in order), and the
# visit when they resumed after the focused visit (journey.MONITORING_VISIT_RESUMED).
MONITORING_VISIT_THEMES = (
    "Children in care",
    "The front door",
    "Children in need and subject to a child protection plan",
)
MONITORING_VISIT_RESUMED_THEME = (
    "Children in care: permanence, changes of social worker and children living with family "
    "and friends carers"
)
# Broader than a monitoring visit, as West Sussex's of October 2020 was: how the council kept
# children safe while visits were paused, leadership, children in care, help and protection.
FOCUSED_VISIT_THEME = (
    "The response while visits were paused nationally; leadership and transformation; children "
    "in care; help and protection"
)
VISIT_FIELDWORK_DAYS = 2  # a monitoring visit's two days on site
VISIT_LETTER_AFTER = dt.timedelta(days=35)  # the letter published about five weeks after
FOCUSED_VISIT_FIELDWORK_END = dt.timedelta(days=9)  # eight working days, Tuesday to Thursday
FOCUSED_VISIT_LETTER_AFTER = dt.timedelta(days=44)  # as West Sussex's: 12 October to 4 December

# Actions for some of the priorities: (priority number, title, days from today to due,
# indicator cited as evidence, progress note, the state the plan shows today). Between them
# they show every state: complete, overdue, slipping (reported off track) and on track.
ACTIONS = [
    (
        6,
        "Open a foster carer recruitment campaign with a dedicated assessment team",
        60,
        "cla_3plus_placements_pct",
        "Twelve households in assessment; first panel next month.",
        "on_track",
    ),
    (
        6,
        "Hold placement stability meetings for every child with two moves in a year",
        0,
        "cla_long_term_stability_pct",
        "Meetings held for 41 children; template agreed.",
        "complete",
    ),
    (
        7,
        "Independent reviewing officers track every review due in the next 20 working days",
        10,
        "cla_reviews_on_time_pct",
        "Weekly tracker in place; late reviews escalated to heads of service.",
        "slipping",
    ),
    (
        8,
        "Commission return home interviews within 72 hours of a child coming back",
        -20,
        "cla_missing_pct",
        "Provider chosen; contract starts next quarter.",
        "overdue",
    ),
    (
        9,
        "Agree a joint housing protocol for care leavers with the district councils",
        90,
        "care_leavers_suitable_accom_pct",
        "Draft protocol with two of five districts.",
        "on_track",
    ),
    (
        9,
        "Ring-fence apprenticeships in the council for care leavers",
        140,
        "care_leavers_eet_pct",
        "Fifteen places agreed by corporate leadership team.",
        "on_track",
    ),
]
PLAN_STARTED_DAYS_AGO = 90
UPDATED_DAYS_AGO = 7  # the month's update, for every action but the overdue one
OVERDUE_UPDATED_DAYS_AGO = 45  # the overdue action's owner has not reported since


def _visit(council, user, *, kind, start, end, published, theme) -> Inspection:
    return inspection_save(
        council=council,
        user=user,
        kind=kind,
        fieldwork_start=start,
        fieldwork_end=end,
        published_on=published,
        theme=theme,
    )


def inspections_for(council, *, user) -> Inspection:
    """Create Westshire's inspections and visits; returns the inadequate inspection.

    No visit falls inside journey.NATIONAL_INTERRUPTION: the record shows the pause as the gap
    between the last quarterly visit and the focused visit, and the focused visit's theme names
    it (an inspection has no field for a pause that is not itself an event).
    """
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
        published_on=journey.JUDGEMENT_PUBLISHED,
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
    monitoring_visits = [
        *zip(journey.MONITORING_VISITS, MONITORING_VISIT_THEMES, strict=True),
        (journey.MONITORING_VISIT_RESUMED, MONITORING_VISIT_RESUMED_THEME),
    ]
    for start, theme in monitoring_visits:
        _visit(
            council,
            user,
            kind=Inspection.Kind.MONITORING_VISIT,
            start=start,
            end=start + dt.timedelta(days=VISIT_FIELDWORK_DAYS - 1),
            published=start + VISIT_LETTER_AFTER,
            theme=theme,
        )
    _visit(
        council,
        user,
        kind=Inspection.Kind.FOCUSED_VISIT,
        start=journey.FOCUSED_VISIT,
        end=journey.FOCUSED_VISIT + FOCUSED_VISIT_FIELDWORK_END,
        published=journey.FOCUSED_VISIT + FOCUSED_VISIT_LETTER_AFTER,
        theme=FOCUSED_VISIT_THEME,
    )
    return inadequate


def plan_for(council, *, inspection: Inspection, leader, owners: list) -> None:
    """The Practice Improvement Plan answering the inadequate inspection, partly delivered:
    one priority per area for improvement, and the actions above dated from the plan's today so
    that the demo shows every state whenever it is loaded."""
    plan = plan_create_from_inspection(
        council=council,
        user=leader,
        inspection=inspection,
        title="Westshire Practice Improvement Plan 2023-25",
    )
    today = clock.today()
    start = today - dt.timedelta(days=PLAN_STARTED_DAYS_AGO)
    priorities = {p.number: p for p in plan.priorities.all()}
    for index, (number, title, due_in, indicator_id, note, state) in enumerate(ACTIONS):
        action = action_create(
            priority=priorities[number],
            user=leader,
            title=title,
            owner=owners[index % len(owners)],
            start_on=start,
            due_on=today + dt.timedelta(days=due_in),
            today=start,
        )
        evidence_link_add(
            user=leader,
            kind=EvidenceLink.Kind.INDICATOR,
            action=action,
            indicator_id=indicator_id,
            note="Shows whether the action has impact",
        )
        updated_ago = OVERDUE_UPDATED_DAYS_AGO if state == "overdue" else UPDATED_DAYS_AGO
        progress_update_post(
            action=action,
            user=leader,
            narrative=note,
            progress=ProgressUpdate.Progress.OFF_TRACK
            if state == "slipping"
            else ProgressUpdate.Progress.ON_TRACK,
            status="complete" if state == "complete" else "in_progress",
            today=today - dt.timedelta(days=updated_ago),
        )
