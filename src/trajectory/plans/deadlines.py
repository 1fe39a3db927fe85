"""Statutory deadlines for improvement plans, counted in England's working days.

Ofsted's rules (domain brief section 1; cypnow.co.uk on the 20/70 day rule):
- after an inadequate judgement the council sends an action plan within 70 working days;
- a focused visit that names areas for priority action needs a draft plan within 20 working days
  and a final plan within 70.
Days are counted from the report's publication, or the end of fieldwork when the publication
date is not known. Day 1 is the first working day after that date. Bank holidays come from
`govuk-bank-holidays`' shipped data (England and Wales) through the shared
`trajectory.indicators.working_days` module; nothing is fetched at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trajectory.indicators.working_days import add_working_days_to
from trajectory.inspections.models import Finding, Grade, Inspection, Judgement

DRAFT_PLAN_WORKING_DAYS = 20
ACTION_PLAN_WORKING_DAYS = 70


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start`; day 1 is the next working day."""
    return add_working_days_to(start, days)


@dataclass(frozen=True)
class StatutoryDeadlines:
    counted_from: date | None
    draft_due_on: date | None
    final_due_on: date | None
    rule: str


def statutory_deadlines(inspection) -> StatutoryDeadlines:
    """The deadlines an inspection or visit sets for the council's plan, if any."""

    counted_from = inspection.published_on or inspection.fieldwork_end
    if counted_from is None:
        return StatutoryDeadlines(None, None, None, "No publication or fieldwork end date known")
    basis = "publication" if inspection.published_on else "end of fieldwork"
    has_priority_actions = inspection.findings.filter(kind=Finding.Kind.PRIORITY_ACTION).exists()
    if inspection.kind == Inspection.Kind.FOCUSED_VISIT and has_priority_actions:
        return StatutoryDeadlines(
            counted_from,
            add_working_days(counted_from, DRAFT_PLAN_WORKING_DAYS),
            add_working_days(counted_from, ACTION_PLAN_WORKING_DAYS),
            f"Focused visit with areas for priority action: draft plan within "
            f"{DRAFT_PLAN_WORKING_DAYS} working days and final plan within "
            f"{ACTION_PLAN_WORKING_DAYS} working days of {basis}",
        )
    judgements = inspection.judgements.all()
    overall = [j for j in judgements if j.area == Judgement.Area.OVERALL]
    # Where a framework has no overall effectiveness grade (ILACS from April 2026), any
    # inadequate judgement is taken as the trigger.
    deciding = overall or list(judgements)
    if any(j.grade == Grade.INADEQUATE for j in deciding):
        return StatutoryDeadlines(
            counted_from,
            None,
            add_working_days(counted_from, ACTION_PLAN_WORKING_DAYS),
            f"Inadequate judgement: action plan within {ACTION_PLAN_WORKING_DAYS} working days "
            f"of {basis}",
        )
    return StatutoryDeadlines(counted_from, None, None, "No statutory deadline for this plan")
