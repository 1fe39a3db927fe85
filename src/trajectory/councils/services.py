"""Writes for councils, teams and memberships."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from trajectory.audit.services import record
from trajectory.councils.models import (
    AccountState,
    ChildPopulation,
    Council,
    Membership,
    Role,
    Team,
)
from trajectory.councils.permissions import require


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
def child_population_set(
    *, council: Council, year: int, population: int, source: str, actor=None
) -> ChildPopulation:
    """Set a council's children aged 0-17 at mid-`year` (used for 1 April `year` to 31 March
    `year`+1, as DfE's rates are); the council's latest figure follows the newest year held."""
    if population < 0:
        raise ValidationError({"population": "A population cannot be negative."})
    row, _ = ChildPopulation.objects.update_or_create(
        council=council, year=year, defaults={"population": population, "source": source}
    )
    latest = council.populations.order_by("-year").first()
    if latest is not None and council.child_population != latest.population:
        council.child_population = latest.population
        council.save(update_fields=["child_population"])
    record(
        user=actor,
        action="council.population",
        council=council,
        obj=row,
        detail={"year": year, "population": population, "source": source},
    )
    return row


def _check_team(team: Team | None, council: Council) -> None:
    if team is not None and team.council_id != council.pk:
        raise ValidationError({"team": "Choose a team in this council."})


def _refuse_last_admin(membership: Membership) -> None:
    """A council must always keep one user administrator, or no one could manage its people."""
    if membership.role != Role.ADMIN:
        return
    admins = (
        Membership.objects.select_for_update()
        .filter(council=membership.council, role=Role.ADMIN)
        .exclude(pk=membership.pk)
    )
    if not admins.exists():
        raise ValidationError(
            f"{membership.user.username} is the last user administrator of "
            f"{membership.council.name}. Make someone else an administrator first."
        )


@transaction.atomic
def membership_grant(
    *,
    user,
    council: Council,
    role: str,
    team: Team | None = None,
    actor=None,
    request: HttpRequest | None = None,
) -> Membership:
    """Give a user a role in a council. Granting a role already held changes nothing."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}; choose one of {', '.join(Role.values)}")
    require(actor, "manage_users", council)
    _check_team(team, council)
    membership = Membership.objects.filter(user=user, council=council, role=role).first()
    if membership is not None:
        return membership
    membership = Membership(user=user, council=council, role=role, team=team)
    membership.full_clean()
    membership.save()
    record(
        user=actor,
        action="membership.grant",
        council=council,
        obj=membership,
        detail={"user": user.username, "role": role, "team": team.name if team else ""},
        request=request,
    )
    _forget_cached_roles(user, council)
    return membership


@transaction.atomic
def membership_update(
    *,
    membership: Membership,
    role: str,
    team: Team | None,
    actor,
    request: HttpRequest | None = None,
) -> Membership:
    """Change the role or team of one membership, keeping at least one admin in the council."""
    council = membership.council
    require(actor, "manage_users", council)
    _check_team(team, council)
    before = {"role": membership.role, "team": membership.team.name if membership.team else ""}
    if role not in Role.values:
        raise ValidationError({"role": "Choose a role."})
    if role != membership.role:
        _refuse_last_admin(membership)
        held = Membership.objects.filter(user=membership.user, council=council, role=role)
        if held.exists():
            raise ValidationError(
                {"role": f"{membership.user.username} already has the role {Role(role).label}."}
            )
    membership.role = role
    membership.team = team
    membership.full_clean()
    membership.save()
    after = {"role": membership.role, "team": team.name if team else ""}
    record(
        user=actor,
        action="membership.update",
        council=council,
        obj=membership,
        detail={"user": membership.user.username, "before": before, "after": after},
        request=request,
    )
    _forget_cached_roles(membership.user, council)
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, actor, request: HttpRequest | None = None) -> None:
    """Take a role away. The user account stays: the audit log still points at it."""
    council = membership.council
    require(actor, "manage_users", council)
    _refuse_last_admin(membership)
    detail = {
        "user": membership.user.username,
        "role": membership.role,
        "team": membership.team.name if membership.team else "",
    }
    user = membership.user
    record(
        user=actor,
        action="membership.revoke",
        council=council,
        obj=membership,
        detail=detail,
        request=request,
    )
    membership.delete()
    _forget_cached_roles(user, council)


@dataclass(frozen=True)
class PersonAdded:
    """What adding a person did. `one_time_password` is set only when the account is new: it is
    the one chance to read it, since only its argon2 hash is kept."""

    user: object
    membership: Membership
    created: bool
    one_time_password: str | None


ALPHABET_WITHOUT_LOOKALIKES = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def one_time_password() -> str:
    """Four groups of five characters without look-alikes (0/O, 1/l/I): about 115 bits."""
    return "-".join(
        "".join(secrets.choice(ALPHABET_WITHOUT_LOOKALIKES) for _ in range(5)) for _ in range(4)
    )


@transaction.atomic
def person_add(
    *,
    council: Council,
    username: str,
    role: str,
    actor,
    full_name: str = "",
    email: str = "",
    team: Team | None = None,
    request: HttpRequest | None = None,
) -> PersonAdded:
    """Give someone a role in this council, creating their account if the user name is new.

    An existing account gets only the new role: its name, email, password and its roles in
    other councils are not this council's to see or change. New accounts are never staff or
    superusers.
    """
    require(actor, "manage_users", council)
    if role not in Role.values:
        raise ValidationError({"role": "Choose a role."})
    _check_team(team, council)
    username = username.strip()
    user_model = get_user_model()
    user = user_model.objects.filter(username__iexact=username).first()
    password = None
    created = user is None
    if created:
        errors = {}
        if not full_name.strip():
            errors["full_name"] = "Enter the person's full name."
        if not email.strip():
            errors["email"] = "Enter the person's email address."
        if errors:
            raise ValidationError(errors)
        first, _, last = full_name.strip().partition(" ")
        user = user_model(
            username=username,
            first_name=first,
            last_name=last,
            email=email.strip(),
            is_staff=False,
            is_superuser=False,
        )
        password = one_time_password()
        user.set_password(password)
        user.full_clean()
        user.save()
        # The administrator has seen this password, so it is good for one sign-in only.
        AccountState.objects.create(user=user, must_change_password=True)
        record(
            user=actor,
            action="user.create",
            council=council,
            obj=user,
            detail={"user": user.username, "full_name": user.get_full_name()},
            request=request,
        )
    elif Membership.objects.filter(user=user, council=council, role=role).exists():
        raise ValidationError(
            {"role": f"{user.username} already has the role {Role(role).label} here."}
        )
    membership = membership_grant(
        user=user, council=council, role=role, team=team, actor=actor, request=request
    )
    return PersonAdded(
        user=user, membership=membership, created=created, one_time_password=password
    )


def _forget_cached_roles(user, council: Council) -> None:
    """permissions.roles_of caches on the user object; a change must be seen at once."""
    user.__dict__.get("_trajectory_roles", {}).pop(council.pk, None)


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


@transaction.atomic
def password_change(*, user, password: str, request: HttpRequest | None = None) -> None:
    """Set the user's own new password (already checked by the settings' validators) and lift
    any demand to change it. The password itself is never recorded."""
    user.set_password(password)
    user.save(update_fields=["password"])
    AccountState.objects.update_or_create(
        user=user,
        defaults={"must_change_password": False, "password_changed_at": timezone.now()},
    )
    record(
        user=user,
        action="auth.password_change",
        obj=user,
        detail={"user": user.username},
        request=request,
    )


@transaction.atomic
def password_reset(*, user, council: Council, actor, request: HttpRequest | None = None) -> str:
    """An administrator gives a person of their council a new one-time password (issue 7.13).

    The new password is returned, the only time it exists unhashed; the person must replace it
    at their next sign-in, and their sessions end (Django's session hash follows the password).
    Only an account held wholly in this council is this council's to reset: one with roles in
    another council, a staff account, or the administrator's own account is refused, as
    `person_add` leaves such accounts' passwords alone. The password is never recorded.
    """
    require(actor, "manage_users", council)
    if not Membership.objects.filter(user=user, council=council).exists():
        raise ValidationError(f"{user.username} has no role in {council.name}.")
    if actor is not None and user.pk == actor.pk:
        raise ValidationError(
            "You cannot reset your own password here: use “Change your password”."
        )
    if user.is_staff or user.is_superuser:
        raise ValidationError(
            f"{user.username} is a system administrator's account: ask a system administrator."
        )
    if Membership.objects.filter(user=user).exclude(council=council).exists():
        raise ValidationError(
            f"{user.username} also has roles in other councils, so their password is not "
            f"{council.name}'s alone to reset: ask a system administrator."
        )
    password = one_time_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    AccountState.objects.update_or_create(user=user, defaults={"must_change_password": True})
    record(
        user=actor,
        action="user.password_reset",
        council=council,
        obj=user,
        detail={"user": user.username},
        request=request,
    )
    return password
