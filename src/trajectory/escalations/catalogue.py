"""Partners' concerns as data: who raises them, what they are about, and the escalation
procedure they go through (issue 9.6). Pages, forms, the demo and the tests iterate these.

The procedure is modelled on the Pan Sussex Child Protection and Safeguarding Procedures,
chapter 7.2 "Resolving Professional Differences" (the procedure of the West Sussex, East Sussex
and Brighton & Hove Safeguarding Children Partnerships, reviewed July 2022):
https://sussexchildprotection.procedures.org.uk/skypzp/complaints-and-professional-disagreements/resolving-professional-differences
It asks professionals to resolve a difference between themselves "usually within a working
week or a timescale that protects the child from harm (whichever is less)", and then to take
it to their managers, to senior managers and, where it is still unresolved, to the
safeguarding partnership. The Hampshire, Isle of Wight, Portsmouth and Southampton procedure
(HIPS 7.3, "Working Together to Resolve Professional Differences",
https://hipsprocedures.org.uk/skyyty/safeguarding-partnerships-and-organisational-responsibilities/working-together-to-resolve-professional-differences-escalation-and-resolution)
has the same four stages and says their timescales are indicative and led by the child's
needs. Stage 1's five working days is the Pan Sussex working week; the later stages' timescales
are this catalogue's settings, to be replaced by the council's own where it has them.

The response standard (20 working days from the concern being raised to the written response)
follows the Children Act 1989 Representations Procedure (England) Regulations 2006, whose first
stage is 10 working days extendable to 20: a partner's escalated concern should be answered no
more slowly than a family's complaint.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PartnerKind:
    code: str
    label: str


# Who raises concerns (issue 9.6; the report's schools, health, the district council, MPs and
# the Improvement Board's secondary school representative).
PARTNER_KINDS: tuple[PartnerKind, ...] = (
    PartnerKind("school", "School or college"),
    PartnerKind("health", "Health"),
    PartnerKind("police", "Police"),
    PartnerKind("district_council", "District or borough council"),
    PartnerKind("mp", "Member of Parliament"),
    PartnerKind("board_school_rep", "Improvement Board's school representative"),
    PartnerKind("other", "Other"),
)


@dataclass(frozen=True)
class Theme:
    code: str
    label: str
    description: str


# What a concern is about, for the board's themes view. The first three are the ones the
# Commissioner's report names (paragraphs 43 to 46): schools' confidence, thresholds and
# communication between children's social care and schools.
THEMES: tuple[Theme, ...] = (
    Theme(
        "schools_confidence",
        "Schools' confidence in children's social care",
        "Whether schools trust the service to act on what they tell it.",
    ),
    Theme(
        "thresholds",
        "Thresholds",
        "A shared understanding of when a child needs early help, a social work assessment "
        "or protection.",
    ),
    Theme(
        "communication",
        "Communication",
        "Whether partners are told what happened after they raised a worry, and by whom.",
    ),
    Theme(
        "timeliness",
        "Timeliness of response",
        "How quickly managers answer a partner who raises a concern.",
    ),
    Theme(
        "quality_of_practice",
        "Quality of case work",
        "The quality of assessment, planning and recording on a child's case.",
    ),
    Theme(
        "information_sharing",
        "Information sharing",
        "Sharing what partners need to know to keep a child safe.",
    ),
    Theme(
        "roles",
        "Roles and responsibilities",
        "Who does what between schools, early help and children's social care.",
    ),
    Theme("other", "Other", "Anything the other themes do not cover."),
)


@dataclass(frozen=True)
class Step:
    """One stage of the procedure: who holds the concern and how long they have, in working
    days from the day it reached them."""

    number: int
    title: str
    who: str
    working_days: int


PROCEDURE: tuple[Step, ...] = (
    Step(1, "Practitioner to practitioner", "The professionals who disagree", 5),
    Step(2, "Team managers", "The practitioners' team managers or safeguarding leads", 5),
    Step(3, "Heads of service", "Heads of service or senior managers in each agency", 10),
    Step(
        4,
        "Director and safeguarding partnership",
        "The Director of Children's Services and the safeguarding partnership's leads",
        10,
    ),
)

# Working days from a concern being raised to the written response sent to the partner.
RESPONSE_STANDARD_WORKING_DAYS = 20


def partner_kind_choices() -> list[tuple[str, str]]:
    return [(kind.code, kind.label) for kind in PARTNER_KINDS]


def theme_choices() -> list[tuple[str, str]]:
    return [(theme.code, theme.label) for theme in THEMES]


def step(number: int) -> Step:
    for candidate in PROCEDURE:
        if candidate.number == number:
            return candidate
    raise KeyError(number)


def step_choices() -> list[tuple[int, str]]:
    return [
        (candidate.number, f"Stage {candidate.number}: {candidate.title}")
        for candidate in PROCEDURE
    ]


def last_step() -> Step:
    return PROCEDURE[-1]
