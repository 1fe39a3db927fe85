"""Westshire's workforce month by month (issue 10.4), on the journey's dates.

The source is West Sussex's cabinet member progress report to full Council of November 2020
(`domain/sources/2020-11-cabinet-member-progress-report.txt`, "Staffing"): "The vacancy gap
is being maintained at a low level - currently being 1.9% (which equates to 9.8 FTE posts)"
and "management supervision of cases has further improved to 88% (a 25% increase in the
four-month period April to July 2020)". November 2020 is 21 months after West Sussex's
inadequate judgement; Westshire's month is 21 months after its own (journey.JUDGEMENT_PUBLISHED,
November 2023): August 2025, and the four months of the rise April to July 2020 are January to
April 2025. 9.8 FTE at 1.9% is an establishment of 515.8 FTE.

From the direction (January 2024) to the month before the demo's today, the analyst records
each month: the vacancy rate falls from 14% to the report's 1.9% and stays near it; agency
workers fall as permanent staff are recruited; supervision on time climbs to 70.4% by
January 2025, 88% by April 2025 (70.4% x 1.25) and holds; caseloads ease from about 19 to
16 a case-holding FTE. Nothing is random: the same figures every time.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from trajectory.councils.models import Role
from trajectory.plans import clock
from trajectory.synth import journey
from trajectory.workforce import services
from trajectory.workforce.models import WorkforceSnapshot

ESTABLISHMENT = Decimal("515.8")
FIRST_MONTH = date(journey.DIRECTION_ISSUED.year, journey.DIRECTION_ISSUED.month, 1)
GAP_REPORTED = date(2025, 8, 1)  # the November 2020 report's month on Westshire's journey
SUPERVISION_RISE = (date(2025, 1, 1), date(2025, 4, 1))  # April to July 2020
LAST_MONTH = date(2026, 11, 1)


def _months(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _index(day: date) -> int:
    return (day.year - FIRST_MONTH.year) * 12 + day.month - FIRST_MONTH.month


def _between(start: float, end: float, k: int, steps: int) -> float:
    return start + (end - start) * min(max(k, 0), steps) / steps


def figures_for(month: date) -> dict:
    """The month's figures (see the module docstring)."""
    gap_at = _index(GAP_REPORTED)
    k = _index(month)
    if month == GAP_REPORTED:
        vacancies = Decimal("9.8")
    else:
        rate = _between(0.14, 0.019, k, gap_at) + (0.002 * (k % 3) if k > gap_at else 0)
        vacancies = (ESTABLISHMENT * Decimal(str(rate))).quantize(Decimal("0.1"))
    filled = ESTABLISHMENT - vacancies
    agency = Decimal(str(round(_between(0.8, 0.75, k, gap_at) * float(vacancies), 1)))
    rise_from, rise_to = (_index(d) for d in SUPERVISION_RISE)
    if k <= rise_from:
        supervision = _between(0.55, 0.704, k, rise_from)
    else:
        supervision = _between(0.704, 0.88, k - rise_from, rise_to - rise_from)
    holders = (filled * Decimal("0.74")).quantize(Decimal("0.1"))
    due = int(holders)
    held = round(due * supervision)
    if month == GAP_REPORTED or rise_to <= k:
        held = round(due * 0.88)
    caseload = _between(19.0, 16.0, k, gap_at)
    return {
        "establishment_fte": ESTABLISHMENT,
        "filled_fte": filled,
        "agency_fte": agency,
        "vacancies_fte": vacancies,
        "starters": 4 + (k * 7) % 6,
        "leavers": 6 - min(k, 20) // 6 + (k * 5) % 3,
        "absence_days": (filled * Decimal("0.31")).quantize(Decimal("0.1")),
        "supervision_due": due,
        "supervision_held": held,
        "caseload_total": round(float(holders) * caseload),
        "case_holders_fte": holders,
        "note": (
            "Reported to full Council: vacancy gap 1.9% (9.8 FTE), supervision 88%."
            if month == GAP_REPORTED
            else ""
        ),
    }


def workforce_demo(council, users) -> list[WorkforceSnapshot]:
    """Record Westshire's months from the direction to the month before today (at most
    November 2026). Months already recorded are left as they are."""
    today = clock.today()
    previous = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    last = min(LAST_MONTH, previous)
    recorded = set(
        WorkforceSnapshot.objects.filter(council=council).values_list("month", flat=True)
    )
    made = []
    for month in _months(FIRST_MONTH, last):
        if month in recorded:
            continue
        made.append(
            services.snapshot_record(
                council=council, user=users[Role.ANALYST], month=month, **figures_for(month)
            )
        )
    return made
