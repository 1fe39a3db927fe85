"""Reads of councils, always through the acting user so no one reaches another council's rows."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from trajectory.councils.models import Council, Membership
from trajectory.councils.permissions import has_capability


def councils_for_user(user) -> QuerySet[Council]:
    if not getattr(user, "is_authenticated", False):
        return Council.objects.none()
    return Council.objects.filter(memberships__user=user).distinct().order_by("name")


def council_for_user(user, code: str, capability: str = "view_council") -> Council:
    """The council with this code if the user may act on it; otherwise 404, never 403.

    A 404 does not even confirm to an outsider that the council is on this deployment.
    """
    council = councils_for_user(user).filter(code=code).first()
    if council is None or not has_capability(user, capability, council):
        raise Http404("No such council")
    return council


def memberships_for_user(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("council", "team")
