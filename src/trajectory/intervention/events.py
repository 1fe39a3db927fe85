"""The kinds of event an intervention's record holds, as data, and the trust proposal's status
worked out from them (never typed).

The statutory frame is section 497A of the Education Act 1996: the Secretary of State (in
practice the children's minister) directs the council, appoints a Commissioner and often an
improvement partner, may issue a new direction (West Sussex's of December 2020 ran "over the
year ahead"), and may propose that the council's children's services move to a children's
trust. The minister's letter of December 2020 paused West Sussex's trust proposal; the
Commissioner's report of January 2022 recommended that it be withdrawn. Only the minister
decides the trust's course, so only an event recorded here moves its status: a recommendation
to withdraw the proposal does not (issue 9.4).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The trust proposal's status, in words.
NO_PROPOSAL = "none"
PROPOSED = "proposed"
PAUSED = "paused"
WITHDRAWN = "withdrawn"
ENACTED = "enacted"

TRUST_STATUS_LABELS = {
    NO_PROPOSAL: "No trust proposed",
    PROPOSED: "Trust proposed",
    PAUSED: "Trust proposal paused",
    WITHDRAWN: "Trust proposal withdrawn",
    ENACTED: "Trust established",
}


@dataclass(frozen=True)
class EventKind:
    key: str
    label: str
    hint: str
    # The trust proposal's status after this event, and the statuses it may follow; None when
    # the event says nothing about the trust.
    trust_status: str | None = None
    trust_from: tuple[str, ...] = ()
    # Whether the event names a person or body appointed (the Commissioner, the partner).
    names_appointee: bool = False
    # Whether the event sets a period ("for a year"): its end date is asked for.
    has_period: bool = False

    @property
    def is_trust(self) -> bool:
        return self.trust_status is not None


EVENT_KINDS: tuple[EventKind, ...] = (
    EventKind(
        "direction_issued",
        "Statutory direction issued",
        "The direction under section 497A of the Education Act 1996 and what it requires.",
        has_period=True,
    ),
    EventKind(
        "commissioner_appointed",
        "Commissioner appointed",
        "The Commissioner for Children's Services the direction appoints.",
        names_appointee=True,
    ),
    EventKind(
        "partner_appointed",
        "Improvement partner appointed",
        "The council or body appointed to support the improvement.",
        names_appointee=True,
    ),
    EventKind(
        "direction_renewed",
        "New direction issued",
        "A further direction, for example to work with the Commissioner for a year.",
        has_period=True,
    ),
    EventKind(
        "trust_proposed",
        "Children's trust proposed",
        "A trust is proposed, usually on the Commissioner's diagnostic report.",
        trust_status=PROPOSED,
        trust_from=(NO_PROPOSAL, WITHDRAWN),
    ),
    EventKind(
        "trust_paused",
        "Trust proposal paused",
        "The minister pauses work on the trust, for example until a firm recommendation.",
        trust_status=PAUSED,
        trust_from=(PROPOSED,),
        has_period=True,
    ),
    EventKind(
        "trust_resumed",
        "Trust proposal resumed",
        "Work on a paused trust proposal starts again.",
        trust_status=PROPOSED,
        trust_from=(PAUSED,),
    ),
    EventKind(
        "trust_withdrawn",
        "Trust proposal withdrawn",
        "The minister withdraws the trust proposal: services stay with the council.",
        trust_status=WITHDRAWN,
        trust_from=(PROPOSED, PAUSED),
    ),
    EventKind(
        "trust_enacted",
        "Children's trust established",
        "The minister directs that the council's children's services move to a trust.",
        trust_status=ENACTED,
        trust_from=(PROPOSED, PAUSED),
    ),
    EventKind(
        "visits_paused",
        "Ofsted's visits paused nationally",
        "Routine inspections and monitoring visits stopped across England for a time, as in the "
        "pandemic of 2020: the gap in the council's visits is not of its making.",
        has_period=True,
    ),
    EventKind(
        "intervention_ended",
        "Intervention ended",
        "The direction is revoked and the council leaves the intervention.",
    ),
)

BY_KEY = {kind.key: kind for kind in EVENT_KINDS}
CHOICES = [(kind.key, kind.label) for kind in EVENT_KINDS]


def get(key: str) -> EventKind:
    return BY_KEY[key]


@dataclass(frozen=True)
class TrustStep:
    """One event of the trust's course and the status it left."""

    event: object
    status: str


class TrustCourseError(ValueError):
    """An event the trust's course cannot take: pausing a proposal never made, say."""


def trust_course(events: Iterable) -> list[TrustStep]:
    """The trust proposal's course from the council's events in the order they happened
    (each needs `.kind` and is taken in the order given). Raises TrustCourseError naming the
    first event that cannot follow the status before it."""
    status = NO_PROPOSAL
    steps = []
    for event in events:
        kind = BY_KEY[event.kind]
        if not kind.is_trust:
            continue
        if status not in kind.trust_from:
            raise TrustCourseError(
                f"“{kind.label}” cannot follow “{TRUST_STATUS_LABELS[status]}”: "
                f"it needs {' or '.join(TRUST_STATUS_LABELS[s].lower() for s in kind.trust_from)}."
            )
        status = kind.trust_status
        steps.append(TrustStep(event, status))
    return steps


def trust_status(events: Iterable) -> str:
    """The trust proposal's status after the events (NO_PROPOSAL before any)."""
    steps = trust_course(events)
    return steps[-1].status if steps else NO_PROPOSAL
