"""Westshire's intervention record and the Commissioner's recommendation (issue 9.8).

The course follows the source documents' on the journey's dates (`journey.py`): a statutory
direction with a Commissioner and an improvement partner; the Commissioner's diagnostic report
proposing a children's trust; the minister's letter issuing a new direction for a year and
pausing the trust; and, on the final review, the Commissioner's recommendation to withdraw the
trust proposal, with one follow-up on the council's work with the schools. Westshire, its
partner Northshire and every word here are made up for the demo; nothing is quoted.
"""

from __future__ import annotations

import datetime as dt

from trajectory.councils.models import Role
from trajectory.intervention.models import Recommendation
from trajectory.intervention.options import WITHDRAW_TRUST
from trajectory.intervention.selectors import options_offered
from trajectory.intervention.services import (
    followup_add,
    intervention_event_record,
    recommendation_record,
)
from trajectory.plans import clock
from trajectory.plans.models import ProgressUpdate
from trajectory.plans.services import progress_update_post
from trajectory.synth import journey

MINISTER = "The Minister for Children and Families"
PARTNER = "Northshire County Council"

RATIONALE = (
    "Across the framework's eight domains the evidence shows a council now able to lead its own "
    "improvement. Political and corporate leadership are stable and engaged, the Improvement "
    "Board is well run and well attended, and the performance figures, though not yet where "
    "they need to be, are moving the right way. The corporate weaknesses that made the case "
    "for a trust have largely been put right, and moving the service into a trust now would "
    "cost time and disrupt work that is beginning to change practice."
)
CONDITIONS = (
    "The Commissioner and the improvement partner go on supporting the council at least until "
    "Ofsted's next full inspection, with the board arrangements kept. The support's exact shape "
    "is agreed between the council, the partner, the Commissioner and the DfE."
)
SCHOOLS_FOLLOW_UP = (
    "A specific and immediate piece of work, led by the council with representatives of the "
    "schools' community and overseen by the Commissioner, on how children's social care and "
    "schools communicate and work together, reported to DfE officials."
)

SCHOOLS_UPDATE = (
    "A working group of head teachers, governors and the council's early help and social care "
    "managers has met twice and agreed its terms of reference. It is mapping how schools raise "
    "a concern about a child today and where replies are slow, to report in December."
)


def intervention_demo(council, users, final_review) -> Recommendation:
    """Record Westshire's intervention events and the recommendation on its final review, with
    the schools follow-up as an action of the plan owned by the leader. Called once, when the
    council's record is first made; a second call returns the existing recommendation."""
    existing = Recommendation.objects.filter(council=council).order_by("-version").first()
    if existing is not None:
        return existing
    commissioner, leader = users[Role.COMMISSIONER], users[Role.LEADER]

    def event(kind, on, summary, **extra):
        return intervention_event_record(
            council=council, user=commissioner, kind=kind, occurred_on=on, summary=summary, **extra
        )

    issued = journey.DIRECTION_ISSUED
    event(
        "direction_issued",
        issued,
        "After Ofsted's inadequate judgement, the council must work with a Commissioner and an "
        "improvement partner to improve its children's social care, and must co-operate with "
        "the Commissioner's assessment of its capacity to improve.",
        issued_by=MINISTER,
        reference="Statutory direction under section 497A of the Education Act 1996",
    )
    event(
        "commissioner_appointed",
        issued,
        "Appointed to lead the intervention, assess the council's capacity to improve and "
        "report to the minister.",
        issued_by=MINISTER,
        appointee=commissioner.get_full_name() or commissioner.username,
    )
    event(
        "partner_appointed",
        issued,
        "Appointed to support the service's improvement, with its senior managers working "
        "alongside the council's.",
        issued_by=MINISTER,
        appointee=PARTNER,
    )
    event(
        "trust_proposed",
        journey.DIAGNOSTIC_REPORT,
        "The Commissioner's assessment and diagnostic report finds the council's corporate "
        "conditions an obstacle to lasting improvement and recommends that its children's "
        "services move to a children's trust.",
        issued_by="The Commissioner",
        reference="The Commissioner's assessment and diagnostic report",
    )
    paused_from, paused_to = journey.NATIONAL_INTERRUPTION
    event(
        "visits_paused",
        paused_from,
        "Ofsted pauses routine inspections and monitoring visits across England; the council's "
        "quarterly monitoring visits stop until the pause ends.",
        issued_by="Ofsted",
        period_ends_on=paused_to,
        reference="Ofsted's announcement to local authorities",
    )
    a_year_on = dt.date(
        journey.TRUST_PAUSED.year + 1, journey.TRUST_PAUSED.month, journey.TRUST_PAUSED.day
    )
    event(
        "direction_renewed",
        journey.TRUST_PAUSED,
        "A new direction: the council works with the Commissioner over the coming year to "
        "consolidate its improvement, staying in intervention, with the Commissioner reporting "
        "regularly and making a recommendation at the year's end.",
        issued_by=MINISTER,
        period_ends_on=a_year_on,
        reference="The minister's letter to the Leader of the council",
    )
    event(
        "trust_paused",
        journey.TRUST_PAUSED,
        "Work on the trust is paused so the council can concentrate on its improvement plan; "
        "the minister will decide at the year's end, on the Commissioner's recommendation, "
        "whether the proposal is withdrawn or enacted.",
        issued_by=MINISTER,
        period_ends_on=a_year_on,
        reference="The minister's letter to the Leader of the council",
    )
    recommendation = recommendation_record(
        council=council,
        user=commissioner,
        review=final_review,
        option=options_offered().get(key=WITHDRAW_TRUST),
        made_on=journey.RECOMMENDATION,
        rationale=RATIONALE,
        conditions=CONDITIONS,
    )
    followup = followup_add(
        recommendation=recommendation,
        user=commissioner,
        title=SCHOOLS_FOLLOW_UP,
        owner=leader,
        start_on=journey.RECOMMENDATION,
        # Nine weeks from the recommendation, and never less than four weeks from the day the
        # demo is loaded, so the demo's follow-up is live rather than overdue the week after.
        due_on=max(
            journey.RECOMMENDATION + dt.timedelta(weeks=9), clock.today() + dt.timedelta(weeks=4)
        ),
    )
    # The leader's first monthly update, five weeks on.
    progress_update_post(
        action=followup.action,
        user=leader,
        narrative=SCHOOLS_UPDATE,
        progress=ProgressUpdate.Progress.ON_TRACK,
        status="in_progress",
        today=journey.RECOMMENDATION + dt.timedelta(weeks=5),
    )
    return recommendation
