"""Reading papers: a council's report versions, scoped to the reader.

A paper for use within the council shows every figure, small numbers included, so it is read
only by the council's own staff and the Commissioner (voice.suppression's inside roles); board
members and region or DfE officials read the versions made to leave the council.
"""

from __future__ import annotations

from django.http import Http404

from trajectory.councils.permissions import require
from trajectory.reports import catalogue
from trajectory.reports.models import ReportVersion
from trajectory.voice.suppression import is_inside


def versions_for(user, council, kind: str | None = None):
    require(user, "view_council", council)
    found = ReportVersion.objects.filter(council=council).select_related("created_by", "issued_by")
    if kind is not None:
        found = found.filter(kind=kind)
    if not is_inside(user, council):
        found = found.filter(audience=ReportVersion.Audience.EXTERNAL)
    return found.order_by("kind", "-number")


def version_for(user, council, kind: str, number: int) -> ReportVersion:
    if kind not in catalogue.KINDS:
        raise Http404("No such paper")
    try:
        return versions_for(user, council, kind).get(number=number)
    except ReportVersion.DoesNotExist:
        raise Http404("No such version of this paper") from None


def papers(user, council) -> list[tuple[catalogue.ReportKind, list[ReportVersion]]]:
    """Each kind of paper with its versions, newest first."""
    by_kind: dict[str, list[ReportVersion]] = {}
    for version in versions_for(user, council):
        by_kind.setdefault(version.kind, []).append(version)
    return [(kind, by_kind.get(kind.key, [])) for kind in catalogue.REPORTS]
