"""Reads of the Ofsted record. Council pages go through the acting user (view_council)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from trajectory.councils.models import Council, StatisticalNeighbour
from trajectory.councils.permissions import require
from trajectory.councils.reference import CURRENT_MODEL
from trajectory.inspections.models import Grade, Inspection, Judgement

# How a council's "latest" grade at a date is found (see national_grade_counts).
BY_FIELDWORK = "fieldwork"
BY_PUBLICATION = "published"
GRADE_ORDER = [Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE]


def council_inspections(council: Council) -> QuerySet[Inspection]:
    """A council's inspections and visits in date order (first day of fieldwork, else
    publication). For trusted callers (the CLI); pages use `inspections_for`."""
    return (
        Inspection.objects.filter(council=council)
        .annotate(event_date=Coalesce("fieldwork_start", "published_on"))
        .order_by("event_date", "published_on", "pk")
        .prefetch_related("judgements")
    )


def inspections_for(user, council: Council) -> QuerySet[Inspection]:
    require(user, "view_council", council)
    return council_inspections(council)


def inspection_for(user, council: Council, inspection_id: int) -> Inspection:
    """One inspection of this council, or 404 (also for another council's inspection)."""
    require(user, "view_council", council)
    inspection = (
        Inspection.objects.filter(council=council, pk=inspection_id)
        .prefetch_related("judgements", "findings")
        .first()
    )
    if inspection is None:
        raise Http404("No such inspection")
    return inspection


def _latest_overall(
    as_at: dt.date, rule: str, councils: QuerySet[Council] | None = None
) -> dict[int, tuple[dt.date, str, int]]:
    """{council id: (date, overall grade, inspection id)} of each council's latest graded
    inspection with an overall-effectiveness judgement, as at a date.

    Over all councils (no `councils` given) made-up councils are left out, so national figures
    are England's; a named set of councils is read whatever it holds."""
    judgements = Judgement.objects.filter(area=Judgement.Area.OVERALL)
    if councils is None:
        judgements = judgements.filter(inspection__council__is_synthetic=False)
    else:
        judgements = judgements.filter(inspection__council__in=councils)
    latest: dict[int, tuple[dt.date, str, int]] = {}
    for council_id, start, published, grade, inspection_id in judgements.values_list(
        "inspection__council_id",
        "inspection__fieldwork_start",
        "inspection__published_on",
        "grade",
        "inspection_id",
    ):
        when = published if rule == BY_PUBLICATION else (start or published)
        if when is None or when > as_at:
            continue
        if council_id not in latest or when > latest[council_id][0]:
            latest[council_id] = (when, grade, inspection_id)
    return latest


def national_record_loaded() -> bool:
    """Whether any real council's overall judgement is stored. Without one, England's picture
    would be zero councils at every grade: pages and commands say what is missing instead."""
    return Judgement.objects.filter(
        area=Judgement.Area.OVERALL, inspection__council__is_synthetic=False
    ).exists()


def national_grade_counts(as_at: dt.date, *, rule: str = BY_FIELDWORK) -> dict[str, int]:
    """How many councils hold each overall-effectiveness grade as at a date.

    A council's grade is that of its latest inspection with an overall judgement whose fieldwork
    began on or before the date — Ofsted's own rule in "LA inspection outcomes as at 31 March"
    ("inspection date" is the first day of fieldwork; the report may be published later).
    With ``rule="published"`` only reports published on or before the date count. Public,
    national aggregates: no user scoping is needed, and synthetic councils are left out.
    """
    counts = Counter(grade for _, grade, _ in _latest_overall(as_at, rule).values())
    return {grade: counts.get(grade, 0) for grade in GRADE_ORDER}


def national_counts_by_year(
    user, council: Council, years: range | None = None, *, rule: str = BY_FIELDWORK
) -> list[dict]:
    """Councils at each grade as at 31 March of each year, and this council's grade then."""
    require(user, "view_council", council)
    years = years or range(2015, dt.date.today().year + 1)
    rows = []
    for year in years:
        as_at = dt.date(year, 3, 31)
        latest = _latest_overall(as_at, rule)
        counts = Counter(grade for _, grade, _ in latest.values())
        own = _latest_overall(as_at, rule, Council.objects.filter(pk=council.pk)).get(council.pk)
        for grade in GRADE_ORDER:
            rows.append(
                {
                    "year": year,
                    "as_at": as_at,
                    "grade": grade,
                    "grade_label": Grade(grade).label,
                    "count": counts.get(grade, 0),
                    "is_council_grade": bool(own and own[1] == grade),
                }
            )
    return rows


def latest_judgements(user, council: Council, as_at: dt.date | None = None) -> Inspection | None:
    """The council's latest graded inspection (fieldwork begun by the date), with judgements."""
    require(user, "view_council", council)
    as_at = as_at or dt.date.today()
    graded = [
        inspection
        for inspection in council_inspections(council)
        if inspection.kind in Inspection.GRADED_KINDS
        and inspection.event_date
        and inspection.event_date <= as_at
        and inspection.judgements.all()
    ]
    return graded[-1] if graded else None


def neighbour_latest_grades(
    user, council: Council, as_at: dt.date | None = None, *, model: str = CURRENT_MODEL
) -> list[dict]:
    """This council and its statistical neighbours, each with its latest overall grade."""
    require(user, "view_council", council)
    as_at = as_at or dt.date.today()
    links = list(
        StatisticalNeighbour.objects.filter(council=council, model=model)
        .select_related("neighbour")
        .order_by("rank")
    )
    members = [(0, council)] + [(link.rank, link.neighbour) for link in links]
    latest = _latest_overall(
        as_at, BY_FIELDWORK, Council.objects.filter(pk__in=[c.pk for _, c in members])
    )
    rows = []
    for rank, member in members:
        when, grade, inspection_id = latest.get(member.pk, (None, "", None))
        rows.append(
            {
                "rank": rank,
                "council": member,
                "is_self": member.pk == council.pk,
                "grade": grade,
                "grade_label": Grade(grade).label if grade else "Not inspected",
                "inspection_date": when,
            }
        )
    return rows
