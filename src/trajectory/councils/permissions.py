"""What each role may do, in one place (DESIGN.md "Roles"). Every view and service asks here.

Each capability is a `rules` predicate over (user, council), registered as a Django permission
named `councils.<capability>`, so templates and views can use `user.has_perm(name, council)`.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from trajectory.councils.models import Role

CAPABILITIES: dict[str, frozenset[str]] = {
    # Read the council's aggregates: scorecard, indicators, plan, inspections.
    "view_council": frozenset(Role.values),
    # Child-level rows (lists of children) — never board members or region/DfE officials. The
    # Commissioner or improvement partner reads all of the council, these lists included, audited.
    "view_child_level": frozenset({Role.ANALYST, Role.MANAGER, Role.LEADER, Role.COMMISSIONER}),
    "upload_returns": frozenset({Role.ANALYST, Role.LEADER}),
    "compute_indicators": frozenset({Role.ANALYST, Role.LEADER}),
    "edit_plan": frozenset({Role.MANAGER, Role.LEADER}),
    "edit_inspections": frozenset({Role.ANALYST, Role.LEADER}),
    # The Commissioner's (and improvement partner's) calibrated opinions, the framework's
    # templates and the recommendation to the minister (issue 9.1, 9.2, 9.4).
    "write_assessment": frozenset({Role.COMMISSIONER}),
    # The council's own self-assessment against the framework (issue 9.2).
    "write_self_assessment": frozenset({Role.ANALYST, Role.MANAGER, Role.LEADER}),
    # The direction and the trust proposal's course, as the DfE's letters set them (issue 9.4).
    "record_intervention": frozenset({Role.COMMISSIONER, Role.LEADER}),
    "write_board_records": frozenset({Role.COMMISSIONER, Role.LEADER}),
    "manage_users": frozenset({Role.ADMIN}),
    # Partners' concerns name children: logged and worked by the council's managers and leaders
    # (issue 9.6); reading a concern's child identifiers needs view_child_level as well.
    "handle_concerns": frozenset({Role.MANAGER, Role.LEADER}),
    # Case audits, their moderation and learning actions (issue 11.1): practice leaders audit;
    # an audit names a child, so reading one needs view_child_level as well.
    "run_audits": frozenset({Role.ANALYST, Role.MANAGER, Role.LEADER}),
    # Allocating a month's case audits to auditors in advance (issue 11.1): managers and leaders.
    "allocate_audits": frozenset({Role.MANAGER, Role.LEADER}),
    # Supervision records and the council's standard (issue 11.3).
    "record_supervision": frozenset({Role.ANALYST, Role.MANAGER, Role.LEADER}),
    # Surveys of children and staff, engagement events and focus groups (issue 11.4, 11.5).
    "record_voice": frozenset({Role.ANALYST, Role.MANAGER, Role.LEADER}),
    # Board papers (issue 12): generated, their narrative written and issued by the council's
    # analysts, managers and leaders, and by the Commissioner, whose progress report it is.
    "write_reports": frozenset({Role.ANALYST, Role.MANAGER, Role.LEADER, Role.COMMISSIONER}),
    # Targets and tolerances are the leadership's commitment to the board (issue 8.6).
    "set_targets": frozenset({Role.LEADER}),
    # Rebasing SPC limits after a known change in process is an analyst's judgement, recorded
    # with its reason (issue 8.5).
    "rebase_limits": frozenset({Role.ANALYST, Role.LEADER}),
    # The council's audit log: admins answer for access, leaders and commissioners for conduct.
    "view_audit_log": frozenset({Role.ADMIN, Role.LEADER, Role.COMMISSIONER}),
}


# What a refusal says, by capability: {roles} is the roles holding it (issue 7.6).
REFUSALS: dict[str, str] = {
    "view_child_level": "Child-level data is shown only to {roles}.",
    "upload_returns": "Returns are uploaded only by {roles}.",
    "compute_indicators": "Indicators are computed only by {roles}.",
    "edit_plan": "The plan is changed only by {roles}.",
    "edit_inspections": "The Ofsted record is changed only by {roles}.",
    "write_assessment": "Assessment opinions and recommendations are written only by {roles}.",
    "write_self_assessment": "The council's self-assessment is written only by {roles}.",
    "record_intervention": "The direction and the trust proposal are recorded only by {roles}.",
    "write_board_records": "Board records are written only by {roles}.",
    "manage_users": "The council's people are managed only by {roles}.",
    "handle_concerns": "Partners' concerns are logged and worked only by {roles}.",
    "run_audits": "Case audits are carried out and moderated only by {roles}.",
    "allocate_audits": "Case audits are allocated only by {roles}.",
    "record_supervision": "Supervision is recorded only by {roles}.",
    "record_voice": "Surveys and engagement are recorded only by {roles}.",
    "write_reports": "Papers are generated and written only by {roles}.",
    "set_targets": "Targets are set only by {roles}.",
    "rebase_limits": "Control limits are rebased only by {roles}.",
    "view_audit_log": "The audit log is shown only to {roles}.",
}


# The roles as a refusal names them.
ROLE_PLURALS: dict[str, str] = {
    Role.ANALYST: "performance analysts",
    Role.MANAGER: "team and service managers",
    Role.LEADER: "leaders",
    Role.COMMISSIONER: "commissioners and improvement partners",
    Role.BOARD_MEMBER: "board members",
    Role.REGION: "region and DfE officials",
    Role.ADMIN: "user administrators",
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


def require(user, capability: str, council) -> None:
    """Go on only if the user holds the capability in the council (DESIGN.md "Roles").

    None is the command line's system actor and is trusted. Every role holds view_council, so
    lacking it means no role in the council: 404, an outsider is not told the council exists.
    Lacking another capability is PermissionDenied (403) naming the roles that hold it (7.6).
    """
    if user is None or has_capability(user, capability, council):
        return
    if capability == "view_council":
        raise Http404("No such council")
    raise PermissionDenied(refusal(capability))


def refusal(capability: str) -> str:
    """Why a role may not do this, naming the roles that may as an English list: commas, and
    "and" before the last unless the last already holds one ("leaders, commissioners and
    improvement partners", not "leaders and commissioners and improvement partners")."""
    roles = [ROLE_PLURALS[value] for value, _ in Role.choices if value in CAPABILITIES[capability]]
    last = ", " if " and " in roles[-1] else " and "
    listed = ", ".join(roles[:-1]) + last + roles[-1] if len(roles) > 1 else "".join(roles)
    return REFUSALS[capability].format(roles=listed)


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
