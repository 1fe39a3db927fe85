"""What each role may do, in one place (DESIGN.md "Roles"). Every view and service asks here.

Each capability is a `rules` predicate over (user, council), registered as a Django permission
named `councils.<capability>`, so templates and views can use `user.has_perm(name, council)`.
"""

from __future__ import annotations

import rules

from trajectory.councils.models import Role

CAPABILITIES: dict[str, frozenset[str]] = {
    # Read the council's aggregates: scorecard, indicators, plan, inspections.
    "view_council": frozenset(Role.values),
    # Child-level rows (lists of children) — never board members or region/DfE officials.
    "view_child_level": frozenset({Role.ANALYST, Role.MANAGER, Role.LEADER}),
    "upload_returns": frozenset({Role.ANALYST, Role.LEADER}),
    "compute_indicators": frozenset({Role.ANALYST, Role.LEADER}),
    "edit_plan": frozenset({Role.MANAGER, Role.LEADER}),
    "edit_inspections": frozenset({Role.ANALYST, Role.LEADER}),
    "write_assessment": frozenset({Role.COMMISSIONER}),
    "write_board_records": frozenset({Role.COMMISSIONER, Role.LEADER}),
    "manage_users": frozenset({Role.ADMIN}),
    # The council's audit log: admins answer for access, leaders and commissioners for conduct.
    "view_audit_log": frozenset({Role.ADMIN, Role.LEADER, Role.COMMISSIONER}),
}


def roles_of(user, council) -> set[str]:
    """The roles a user holds in a council (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False) or council is None:
        return set()
    cache = user.__dict__.setdefault("_trajectory_roles", {})
    if council.pk not in cache:
        cache[council.pk] = set(
            user.memberships.filter(council=council).values_list("role", flat=True)
        )
    return cache[council.pk]


def has_capability(user, capability: str, council) -> bool:
    allowed = CAPABILITIES[capability]
    return bool(roles_of(user, council) & allowed)


def roles_with(capability: str) -> list[str]:
    """The names of the roles holding a capability, in the order roles are listed, for pages
    that say who may do what."""
    return [label for value, label in Role.choices if value in CAPABILITIES[capability]]


def _predicate(capability: str):
    @rules.predicate(name=capability)
    def check(user, council=None) -> bool:
        return has_capability(user, capability, council)

    return check


for _capability in CAPABILITIES:
    rules.add_perm(f"councils.{_capability}", _predicate(_capability))
