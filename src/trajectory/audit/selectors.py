"""Reads of the audit log, scoped to one council for the people who answer for it."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from trajectory.audit.models import AuditEntry
from trajectory.councils.permissions import require

SIGN_IN_ACTIONS = ("auth.sign_in", "auth.sign_out")


def entries_for(
    user,
    council,
    *,
    action: str | None = None,
    username: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    """The council's audit entries, newest first, with optional filters.

    Sign-ins belong to no council (council is None), so they are shown only for people who
    currently hold a role in this council: their own sign-ins and sign-outs, and failed
    sign-ins typed with their user name. Sign-ins of anyone else stay out of the council's
    view. `since` and `until` are inclusive calendar dates in the site's time zone.
    """
    require(user, "view_audit_log", council)
    members = council.memberships.values("user_id")
    member_usernames = list(council.memberships.values_list("user__username", flat=True))
    scope = (
        Q(council=council)
        | Q(council__isnull=True, action__in=SIGN_IN_ACTIONS, user_id__in=members)
        | Q(
            council__isnull=True,
            action="auth.sign_in_failed",
            detail__username__in=member_usernames,
        )
    )
    entries = AuditEntry.objects.filter(scope)
    if action:
        entries = entries.filter(action=action)
    if username:
        entries = entries.filter(
            Q(username__icontains=username) | Q(detail__username__icontains=username)
        )
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries.select_related("council").order_by("-at", "-id")


def actions_for(user, council) -> list[str]:
    """The distinct actions in the council's log, for the filter's choices."""
    entries = entries_for(user, council).order_by()
    return sorted(set(entries.values_list("action", flat=True).distinct()))
