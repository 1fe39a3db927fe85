"""Westshire's partners' concerns (issue 9.8): the schools' concerns escalated through the
procedure between the focused visit and the final review, as the Commissioner's report tells
West Sussex's (paragraphs 43 to 47), with a handful from health and the police besides.

The report's story: the Improvement Board's secondary school representative surveyed some
secondary heads; one reply described a potentially serious case failure, which went through the
escalation procedure and was found not consistent with a well-evidenced analysis of the case;
MPs passed on similar worries about case work and managers' responsiveness; schools' confidence,
thresholds and communication are the themes. Outcomes are mixed and one concern is still open
and overdue. Every name is invented and every child identifier is made up ("C" and digits, as
the synthetic generator writes them); none is real.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from trajectory.councils.models import Role
from trajectory.escalations import services
from trajectory.escalations.models import Concern
from trajectory.indicators.working_days import add_working_days_to
from trajectory.synth import journey


@dataclass(frozen=True)
class DemoConcern:
    raised_by_name: str
    raised_by_organisation: str
    partner_kind: str
    raised_on: date
    about: str
    theme: str
    summary: str
    # Working days after raising at which it reached stages 2, 3 and 4.
    escalated_after: tuple[int, ...] = ()
    outcome: str = ""
    findings: str = ""
    reviewed_after: int | None = None
    responded_after: int | None = None  # working days from raised to the response
    response: str = ""
    children: tuple[str, ...] = field(default_factory=tuple)


CONCERNS: tuple[DemoConcern, ...] = (
    DemoConcern(
        "Mrs J Okafor",
        "Westshire Park School (secondary)",
        "school",
        add_working_days_to(journey.FOCUSED_VISIT, 10),
        Concern.About.CASE,
        "schools_confidence",
        "The designated safeguarding lead referred a pupil twice and heard nothing back about "
        "what was decided.",
        escalated_after=(5,),
        outcome=Concern.Outcome.PARTLY_UPHELD,
        findings="The referral was acted on promptly, but the school was not told the outcome "
        "of the assessment.",
        reviewed_after=11,
        responded_after=14,
        response="The head of service wrote to the school with the decision and how the "
        "front door will tell referrers what happened.",
        children=("C730145",),
    ),
    DemoConcern(
        "Dr S Patel",
        "Westshire school nursing service",
        "health",
        add_working_days_to(journey.TRUST_PAUSED, 15),
        Concern.About.CASE,
        "thresholds",
        "A school nurse's referral was stepped down to early help when she believed a "
        "social work assessment was needed.",
        outcome=Concern.Outcome.NOT_UPHELD,
        findings="The step-down followed the threshold document and was agreed with the "
        "family; early help started within a week.",
        reviewed_after=5,
        responded_after=8,
        response="The team manager met the nurse to go through the threshold decision.",
        children=("C730288",),
    ),
    DemoConcern(
        "DS R Hughes",
        "Westshire Police, multi-agency safeguarding hub",
        "police",
        date(2026, 1, 12),
        Concern.About.CASE,
        "information_sharing",
        "Strategy discussion notes were not shared with the police within the agreed time.",
        escalated_after=(4,),
        outcome=Concern.Outcome.UPHELD,
        findings="The notes were shared nine days late because of a recording backlog.",
        reviewed_after=12,
        responded_after=15,
        response="The service manager apologised and set a two-day target for sharing "
        "strategy notes, checked weekly.",
        children=("C731502", "C731503"),
    ),
    DemoConcern(
        "Ms A Barker",
        "Westshire North District Council, housing",
        "district_council",
        date(2026, 3, 2),
        Concern.About.THEME,
        "roles",
        "Housing officers are unsure who to call when a family placed in temporary "
        "accommodation has a child in need.",
        outcome=Concern.Outcome.UPHELD,
        findings="There was no named contact for housing; the front door's guidance did "
        "not cover district councils.",
        reviewed_after=9,
        responded_after=12,
        response="A named contact and a one-page guide for housing officers.",
    ),
    DemoConcern(
        "Office of the Member of Parliament for Westshire North",
        "",
        "mp",
        add_working_days_to(journey.MID_YEAR_REVIEW, 10),
        Concern.About.THEME,
        "timeliness",
        "Constituents who are head teachers say managers do not reply when schools try to "
        "escalate worries about case work.",
        escalated_after=(6, 12),
        outcome=Concern.Outcome.PARTLY_UPHELD,
        findings="Replies to schools were slow in two teams; the cases themselves were "
        "found not as concerning as first seemed.",
        reviewed_after=22,
        responded_after=26,
        response="The Director wrote to the MP with the findings and the work with schools "
        "that follows.",
    ),
    DemoConcern(
        "Mr D Lewis",
        "Westshire Downs Academy",
        "board_school_rep",
        date(2026, 7, 6),  # ten weeks before the final review
        Concern.About.CASE,
        "quality_of_practice",
        "A secondary head's reply to the representative's survey described what looked "
        "like a serious case failure; the Commissioner asked for it to go through the "
        "escalation procedure.",
        escalated_after=(2, 4, 8),
        outcome=Concern.Outcome.NOT_UPHELD,
        findings="The critique was not consistent with a well-evidenced analysis of the "
        "case: the plan was timely and the child was seen regularly.",
        reviewed_after=15,
        responded_after=18,
        response="The Director wrote to the head and the representative with the review's "
        "findings; the Commissioner was sent a copy.",
        children=("C732019",),
    ),
    DemoConcern(
        "Mr T Grant",
        "Hillcrest Secondary School",
        "school",
        date(2026, 7, 13),  # a reply to the representative's survey
        Concern.About.THEME,
        "schools_confidence",
        "Since the early help offer changed, secondary heads feel referrals disappear and "
        "that schools are left holding children's needs alone.",
        escalated_after=(4,),
        outcome=Concern.Outcome.NOT_UPHELD,
        findings="Referrals from the county's secondary schools were all answered within the "
        "front door's timescales; what was missing was telling schools what early help now "
        "offers.",
        reviewed_after=12,
        responded_after=16,
        response="The head of early help wrote to secondary heads and offered a briefing at "
        "the heads' forum.",
    ),
    DemoConcern(
        "Mrs K Adeyemi",
        "Eastfield Primary School",
        "school",
        date(2026, 8, 24),  # three weeks before the final review
        Concern.About.THEME,
        "communication",
        "Primary heads in the east of the county say they are not told when a child they "
        "referred is allocated a social worker, or who it is.",
        escalated_after=(5,),
    ),
)


def escalations_demo(council, users) -> list[Concern]:
    """Westshire's concerns, logged and worked by the demo's manager and leader. Makes none
    if the council already has concerns (the demo is loaded once)."""
    if Concern.objects.filter(council=council).exists():
        return []
    manager, leader = users[Role.MANAGER], users[Role.LEADER]
    made = []
    for demo in CONCERNS:
        concern = services.concern_log(
            council=council,
            user=manager,
            raised_by_name=demo.raised_by_name,
            raised_by_organisation=demo.raised_by_organisation,
            partner_kind=demo.partner_kind,
            raised_on=demo.raised_on,
            about=demo.about,
            theme=demo.theme,
            summary=demo.summary,
            assigned_to=manager,
            child_identifiers=demo.children,
        )
        for stage, after in enumerate(demo.escalated_after, start=2):
            services.concern_escalate(
                concern=concern,
                user=manager if stage == 2 else leader,
                on=add_working_days_to(demo.raised_on, after),
                note="Not resolved at the stage before.",
            )
        if demo.outcome:
            services.concern_review_record(
                concern=concern,
                user=leader,
                outcome=demo.outcome,
                findings=demo.findings,
                reviewed_on=add_working_days_to(demo.raised_on, demo.reviewed_after),
            )
        if demo.responded_after is not None:
            services.concern_response_record(
                concern=concern,
                user=leader,
                sent_on=add_working_days_to(demo.raised_on, demo.responded_after),
                summary=demo.response,
            )
        made.append(concern)
    return made
