"""Partners' concerns as they stood on a date, for papers (issue 12).

A concern was open at the date when it had been raised by then and its written response had
not yet been sent (sending the response closes it: `services.concern_response_record`). It was
past the standard when the date was after its response was due (`timescales.response_due_on`:
the procedure's working days from the day it was raised). No child is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trajectory.councils.permissions import require
from trajectory.escalations import timescales
from trajectory.escalations.models import Concern


@dataclass(frozen=True)
class ConcernAt:
    concern: Concern
    response_due_on: date
    past_standard: bool


def concerns_open_at(user, council, *, as_at: date) -> list[ConcernAt]:
    """The concerns open at `as_at`, oldest raised first."""
    require(user, "view_council", council)
    found = []
    concerns = Concern.objects.filter(council=council, raised_on__lte=as_at).order_by(
        "raised_on", "number"
    )
    for concern in concerns:
        if concern.response_sent_on is not None and concern.response_sent_on <= as_at:
            continue
        if concern.status == Concern.Status.CLOSED and concern.response_sent_on is None:
            continue  # closed with no date kept: not known to be open
        due = timescales.response_due_on(concern.raised_on)
        found.append(ConcernAt(concern, due, as_at > due))
    return found
