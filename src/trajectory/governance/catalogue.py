"""The kinds of body, meeting, member and plan approval step, as data (issue 9.5).

The source documents name the bodies around the Improvement Board: the Children's Improvement
Board with an independent chair "to review and challenge the Improvement Plan", the Corporate
Parenting Panel of elected members, the scrutiny committee's quarterly session on performance,
the Health and Wellbeing Board and Cabinet (2019-06 cabinet member address; 2022-01
Commissioner report, paragraphs 16, 30, 40). The Improvement Board's meetings alternate between
"internal" (the council only) and "external" (with its main partners), the model "agreed from
the outset" (2022-01, paragraph 40).
"""

from __future__ import annotations

from dataclasses import dataclass

INTERNAL = "internal"
EXTERNAL = "external"

MEETING_KINDS: dict[str, str] = {
    INTERNAL: "Internal (council only)",
    EXTERNAL: "External (with partners)",
}


@dataclass(frozen=True)
class BodyKind:
    key: str
    label: str
    purpose: str
    # Meetings alternate internal and external by default (the Improvement Board's model).
    alternates: bool = False
    # The kind a meeting of this body is when nothing says otherwise.
    usual_meeting_kind: str = INTERNAL
    # A chair from outside the council is the rule for this kind (the Improvement Board).
    independent_chair: bool = False


BODY_KINDS: tuple[BodyKind, ...] = (
    BodyKind(
        "improvement_board",
        "Improvement Board",
        "Reviews and challenges the improvement plan; meets monthly, internal and external "
        "meetings alternating.",
        alternates=True,
        independent_chair=True,
    ),
    BodyKind(
        "corporate_parenting_panel",
        "Corporate Parenting Panel",
        "Elected members leading and monitoring the council's corporate parenting.",
    ),
    BodyKind(
        "scrutiny",
        "Scrutiny committee",
        "The children's select committee: scrutinises the plan and, each quarter, performance.",
    ),
    BodyKind(
        "health_and_wellbeing_board",
        "Health and Wellbeing Board",
        "The council with health partners; considers the plan where health is involved.",
        usual_meeting_kind=EXTERNAL,
    ),
    BodyKind("cabinet", "Cabinet", "Approves the plan and decisions on the service."),
    BodyKind("other", "Other body", "Any other board, panel or partnership."),
)
BODY_KIND_BY_KEY = {kind.key: kind for kind in BODY_KINDS}
BODY_KIND_CHOICES = [(kind.key, kind.label) for kind in BODY_KINDS]


@dataclass(frozen=True)
class OrganisationKind:
    key: str
    label: str
    # Invited to internal meetings (the council's own, and the intervention's people).
    internal: bool


ORGANISATION_KINDS: tuple[OrganisationKind, ...] = (
    OrganisationKind("council", "The council", internal=True),
    OrganisationKind("intervention", "Commissioner, improvement partner or DfE", internal=True),
    OrganisationKind("independent", "Independent", internal=True),
    OrganisationKind("health", "Health", internal=False),
    OrganisationKind("police", "Police", internal=False),
    OrganisationKind("schools", "Schools", internal=False),
    OrganisationKind("district", "District or borough council", internal=False),
    OrganisationKind("other_partner", "Other partner", internal=False),
)
ORGANISATION_KIND_BY_KEY = {kind.key: kind for kind in ORGANISATION_KINDS}
ORGANISATION_KIND_CHOICES = [(kind.key, kind.label) for kind in ORGANISATION_KINDS]

ATTENDANCE_CHOICES = [
    ("present", "Present"),
    ("apologies", "Apologies"),
    ("absent", "Absent"),
]


def next_meeting_kind(body_kind: str, previous_kind: str | None) -> str:
    """The kind a new meeting's form starts at: for a body whose meetings alternate, the
    opposite of its previous meeting's (internal after external, external after internal;
    internal for its first); otherwise the body's usual kind. Only the form's starting value:
    the person recording the meeting chooses."""
    kind = BODY_KIND_BY_KEY.get(body_kind, BODY_KIND_BY_KEY["other"])
    if not kind.alternates:
        return kind.usual_meeting_kind
    if previous_kind == INTERNAL:
        return EXTERNAL
    if previous_kind == EXTERNAL:
        return INTERNAL
    return INTERNAL


# The plan's approval journey ------------------------------------------------------------------


@dataclass(frozen=True)
class ApprovalStep:
    key: str
    label: str
    # The body kinds whose meeting the step may happen at; empty for a step outside a meeting.
    body_kinds: tuple[str, ...] = ()
    # The outcomes the step records (Ofsted's advice, the Commissioner's decision), if any.
    outcomes: tuple[tuple[str, str], ...] = ()
    # The statutory rule the step's date is checked against: "statutory" (the plan's 70
    # working days), "six_months" (about six months after the report), or "".
    due: str = ""
    required: bool = True


# From the 2019-06 cabinet member address, paragraphs 5 and 6.
APPROVAL_STEPS: tuple[ApprovalStep, ...] = (
    ApprovalStep("scrutinised", "Scrutinised by the select committee", body_kinds=("scrutiny",)),
    ApprovalStep(
        "health_and_wellbeing",
        "Considered by the Health and Wellbeing Board",
        body_kinds=("health_and_wellbeing_board",),
        required=False,
    ),
    ApprovalStep("approved_cabinet", "Approved by Cabinet", body_kinds=("cabinet",)),
    ApprovalStep(
        "approved_board",
        "Approved by the Improvement Board",
        body_kinds=("improvement_board",),
    ),
    ApprovalStep("submitted", "Submitted to the DfE and Ofsted", due="statutory"),
    ApprovalStep(
        "ofsted_advice",
        "Ofsted's advice on whether the plan reflects the findings",
        outcomes=(
            ("reflects", "Reflects the inspection's findings"),
            ("does_not_reflect", "Does not yet reflect the findings"),
        ),
    ),
    ApprovalStep(
        "effectiveness_decided",
        "The Commissioner's decision on the plan's effectiveness",
        outcomes=(
            ("effective", "The plan and its actions are effective"),
            ("not_effective", "The plan and its actions are not yet effective"),
        ),
        due="six_months",
    ),
)
APPROVAL_STEP_BY_KEY = {step.key: step for step in APPROVAL_STEPS}
APPROVAL_STEP_CHOICES = [(step.key, step.label) for step in APPROVAL_STEPS]
OUTCOME_CHOICES = [outcome for step in APPROVAL_STEPS for outcome in step.outcomes]

# "approximately six months following the publication of the Ofsted report" (2019-06, para 6).
EFFECTIVENESS_MONTHS = 6
