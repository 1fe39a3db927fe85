"""Writes for councils, teams and memberships."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from trajectory.audit.services import record
from trajectory.councils.models import Council, Membership, Role


@transaction.atomic
def council_add(
    *,
    code: str,
    name: str,
    child_population: int | None = None,
    region: str = "",
    e_code: str = "",
    is_synthetic: bool = False,
    actor=None,
) -> Council:
    """Register a council, or update its details if the code is already known."""
    council = Council.objects.filter(code=code).first() or Council(code=code)
    council.name = name
    council.region = region or council.region
    council.e_code = e_code or council.e_code
    council.is_synthetic = is_synthetic or council.is_synthetic
    if child_population is not None:
        council.child_population = child_population
    council.full_clean()
    council.save()
    record(
        user=actor,
        action="council.save",
        council=council,
        obj=council,
        detail={"name": name, "child_population": council.child_population},
    )
    return council


@transaction.atomic
def membership_grant(*, user, council: Council, role: str, team=None, actor=None) -> Membership:
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}; choose one of {', '.join(Role.values)}")
    membership, _ = Membership.objects.get_or_create(
        user=user, council=council, role=role, defaults={"team": team}
    )
    record(
        user=actor,
        action="membership.grant",
        council=council,
        obj=membership,
        detail={"user": user.username, "role": role},
    )
    return membership


@transaction.atomic
def user_create(*, username: str, password: str, full_name: str = "", email: str = ""):
    """Create or reset a user. Passwords are hashed with argon2 (settings.PASSWORD_HASHERS)."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first() or user_model(username=username)
    first, _, last = full_name.partition(" ")
    user.first_name, user.last_name, user.email = first, last, email
    user.set_password(password)
    user.save()
    return user
