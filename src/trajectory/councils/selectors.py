"""Reads of councils, always through the acting user so no one reaches another council's rows."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.db.models import QuerySet
from django.http import Http404

from trajectory.councils.models import AccountState, ChildPopulation, Council, Membership, Team
from trajectory.councils.permissions import has_capability, require


def councils_for_user(user) -> QuerySet[Council]:
    if not getattr(user, "is_authenticated", False):
        return Council.objects.none()
    return Council.objects.filter(memberships__user=user).distinct().order_by("name")


def council_for_user(user, code: str, capability: str = "view_council") -> Council:
    """The council with this code if the user may act on it (issue 7.6).

    Another council's code is 404: it does not even confirm to an outsider that the council is
    on this deployment. A role of the council lacking the capability gets 403 saying why.
    """
    council = councils_for_user(user).filter(code=code).first()
    if council is None:
        raise Http404("No such council")
    require(user, capability, council)
    return council


def memberships_for_user(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("council", "team")


@dataclass(frozen=True)
class Person:
    """One user as this council sees them: their account and their roles here, nowhere else."""

    user: object
    memberships: list[Membership]


def council_people(user, council: Council) -> list[Person]:
    """Everyone with a role in the council, by user name, for its user administrators."""
    require(user, "manage_users", council)
    memberships = (
        Membership.objects.filter(council=council)
        .select_related("user", "team")
        .order_by("user__username", "role")
    )
    people: dict[int, Person] = {}
    for membership in memberships:
        person = people.setdefault(membership.user_id, Person(user=membership.user, memberships=[]))
        person.memberships.append(membership)
    return list(people.values())


def council_person(user, council: Council, user_id: int) -> Person:
    """One person with a role in this council, for its administrators; anyone else is a 404."""
    people = [person for person in council_people(user, council) if person.user.pk == user_id]
    if not people:
        raise Http404("No such person")
    return people[0]


def council_membership(user, council: Council, membership_id: int) -> Membership:
    """One membership of this council for its administrators; any other id is a 404."""
    require(user, "manage_users", council)
    membership = (
        Membership.objects.filter(council=council, pk=membership_id)
        .select_related("user", "team", "council")
        .first()
    )
    if membership is None:
        raise Http404("No such membership")
    return membership


def council_teams(user, council: Council) -> QuerySet[Team]:
    if not has_capability(user, "view_council", council):
        return Team.objects.none()
    return Team.objects.filter(council=council).order_by("name")


def account_must_change_password(user) -> bool:
    """True while the account still holds a password an administrator has seen."""
    if not getattr(user, "is_authenticated", False):
        return False
    return AccountState.objects.filter(user=user, must_change_password=True).exists()


def council_child_population(council: Council) -> pl.DataFrame | int | None:
    """The council's children aged 0-17 as the indicators take it: a frame [year,
    child_population] of its mid-year estimates where it has any (the rate at each as-at date
    uses its own year's, indicators/ssda903/figures.py), else its one recorded figure."""
    rows = list(
        ChildPopulation.objects.filter(council=council)
        .order_by("year")
        .values_list("year", "population")
    )
    if not rows:
        return council.child_population
    return pl.DataFrame(
        {"year": [year for year, _ in rows], "child_population": [n for _, n in rows]},
        schema={"year": pl.Int32, "child_population": pl.Float64},
    )
