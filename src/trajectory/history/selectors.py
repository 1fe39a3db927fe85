"""Reading history, scoped to a council like every read (DESIGN.md "Roles")."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from trajectory.councils.permissions import require
from trajectory.history.models import Change
from trajectory.history.services import subject_type


def history_of(user, council, subject) -> QuerySet[Change]:
    """Every change to one record, newest first."""
    require(user, "view_council", council)
    return Change.objects.filter(
        council=council, subject_type=subject_type(subject), subject_id=subject.pk
    ).select_related("user")


def history_of_all(user, council, subjects: Iterable) -> QuerySet[Change]:
    """Every change to several records (a review and its domains), newest first."""
    require(user, "view_council", council)
    condition = Q(pk__in=[])
    for subject in subjects:
        condition |= Q(subject_type=subject_type(subject), subject_id=subject.pk)
    return Change.objects.filter(condition, council=council).select_related("user")
