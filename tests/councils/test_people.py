"""People services: a council's admins add, change and remove roles in their own council only,
new accounts get a one-time password returned once and stored only as an argon2 hash, the
last admin stays, and every change is in the audit log."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from trajectory.audit.models import AuditEntry
from trajectory.councils.models import Membership, Role, Team
from trajectory.councils.services import (
    membership_grant,
    membership_revoke,
    membership_update,
    person_add,
)

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def admin(council, make_user):
    return make_user("admin", council, username="adm")


@pytest.fixture
def council_b(make_council):
    return make_council(code="991", name="Eastshire", child_population=120_000)


def test_adding_a_new_person_creates_an_argon2_user_and_returns_the_password_once(
    council, admin, rf
):
    added = person_add(
        council=council,
        username="jsmith",
        full_name="Jo Smith",
        email="jo.smith@example.org",
        role=Role.ANALYST,
        actor=admin,
    )
    assert added.created
    password = added.one_time_password
    assert password and len(password) >= 20

    user = User.objects.get(username="jsmith")
    assert user.password.startswith("argon2$")
    assert password not in user.password
    assert user.check_password(password)
    assert (user.first_name, user.last_name, user.email) == ("Jo", "Smith", "jo.smith@example.org")
    assert not user.is_staff and not user.is_superuser
    assert authenticate(rf.post("/accounts/login/"), username="jsmith", password=password) == user
    assert list(user.memberships.values_list("council__code", "role")) == [("990", "analyst")]

    # The password is in no audit entry and nowhere else in the database.
    for entry in AuditEntry.objects.all():
        assert password not in str(entry.detail)


def test_each_new_person_gets_a_different_password(council, admin):
    passwords = {
        person_add(
            council=council,
            username=f"person{n}",
            full_name=f"Person {n}",
            email=f"p{n}@example.org",
            role=Role.BOARD_MEMBER,
            actor=admin,
        ).one_time_password
        for n in range(5)
    }
    assert len(passwords) == 5


def test_adding_an_existing_user_name_adds_only_a_role_and_keeps_the_password(
    council, council_b, admin, make_user
):
    existing = make_user("leader", council_b, username="lead")
    old_hash = existing.password
    added = person_add(
        council=council,
        username="LEAD",
        full_name="Someone Else",
        email="other@example.org",
        role=Role.COMMISSIONER,
        actor=admin,
    )
    existing.refresh_from_db()
    assert not added.created and added.one_time_password is None
    assert added.user == existing
    assert existing.password == old_hash
    assert existing.email == "" and existing.first_name == ""
    assert set(existing.memberships.values_list("council__code", "role")) == {
        ("991", "leader"),
        ("990", "commissioner"),
    }
    assert not AuditEntry.objects.filter(action="user.create").exists()


def test_a_new_account_needs_a_name_and_an_email(council, admin):
    with pytest.raises(ValidationError) as raised:
        person_add(council=council, username="nobody", role=Role.ANALYST, actor=admin)
    assert set(raised.value.message_dict) == {"full_name", "email"}
    assert not User.objects.filter(username="nobody").exists()


def test_adding_a_role_already_held_is_refused(council, admin):
    with pytest.raises(ValidationError) as raised:
        person_add(council=council, username="adm", role=Role.ADMIN, actor=admin)
    assert "role" in raised.value.message_dict


def test_an_admin_cannot_add_people_to_another_council(council, council_b, admin, make_user):
    with pytest.raises(PermissionDenied):
        person_add(
            council=council_b,
            username="intruder",
            full_name="In Truder",
            email="in@example.org",
            role=Role.ADMIN,
            actor=admin,
        )
    assert not User.objects.filter(username="intruder").exists()

    other = make_user("analyst", council_b, username="bee")
    with pytest.raises(PermissionDenied):
        membership_grant(user=other, council=council_b, role=Role.LEADER, actor=admin)
    with pytest.raises(PermissionDenied):
        membership_update(
            membership=other.memberships.get(), role=Role.LEADER, team=None, actor=admin
        )
    with pytest.raises(PermissionDenied):
        membership_revoke(membership=other.memberships.get(), actor=admin)
    assert list(other.memberships.values_list("role", flat=True)) == ["analyst"]


def test_only_admins_manage_people(council, make_user):
    leader = make_user("leader", council, username="lead")
    with pytest.raises(PermissionDenied):
        person_add(
            council=council,
            username="new",
            full_name="New Person",
            email="n@example.org",
            role=Role.ANALYST,
            actor=leader,
        )


def test_a_team_from_another_council_is_refused(council, council_b, admin, make_user):
    eastern_team = Team.objects.create(council=council_b, name="East CIC")
    analyst = make_user("manager", council, username="man")
    with pytest.raises(ValidationError):
        membership_update(
            membership=analyst.memberships.get(), role="manager", team=eastern_team, actor=admin
        )


def test_the_last_admin_cannot_be_removed_or_demoted(council, admin, make_user):
    only_admin = admin.memberships.get()
    with pytest.raises(ValidationError, match="last user administrator"):
        membership_revoke(membership=only_admin, actor=admin)
    with pytest.raises(ValidationError, match="last user administrator"):
        membership_update(membership=only_admin, role=Role.LEADER, team=None, actor=admin)
    assert Membership.objects.filter(council=council, role="admin").count() == 1

    second = make_user("admin", council, username="adm2")
    membership_revoke(membership=only_admin, actor=second)
    assert list(Membership.objects.filter(council=council, role="admin")) == [
        second.memberships.get()
    ]


def test_update_changes_role_and_team(council, admin, make_user):
    team = Team.objects.create(council=council, name="Children in care")
    person = make_user("analyst", council, username="ana")
    membership = membership_update(
        membership=person.memberships.get(), role=Role.MANAGER, team=team, actor=admin
    )
    membership.refresh_from_db()
    assert (membership.role, membership.team) == ("manager", team)


def test_every_change_is_audited_with_the_admin_and_council(council, admin):
    added = person_add(
        council=council,
        username="jsmith",
        full_name="Jo Smith",
        email="jo@example.org",
        role=Role.ANALYST,
        actor=admin,
    )
    membership_update(membership=added.membership, role=Role.LEADER, team=None, actor=admin)
    membership_revoke(membership=added.membership, actor=admin)

    entries = list(
        AuditEntry.objects.filter(
            action__in=[
                "user.create",
                "membership.grant",
                "membership.update",
                "membership.revoke",
            ],
            username="adm",
        ).order_by("id")
    )
    assert [entry.action for entry in entries] == [
        "user.create",
        "membership.grant",
        "membership.update",
        "membership.revoke",
    ]
    assert all(entry.council == council for entry in entries)
    assert entries[0].detail["user"] == "jsmith"
    assert entries[1].detail["role"] == "analyst"
    assert entries[2].detail["before"]["role"] == "analyst"
    assert entries[2].detail["after"]["role"] == "leader"
    assert entries[3].detail == {"user": "jsmith", "role": "leader", "team": ""}
    # The user account stays after its last role goes: the audit log points at it.
    assert User.objects.filter(username="jsmith").exists()


def test_granting_a_role_already_held_records_nothing_new(council, admin):
    before = AuditEntry.objects.filter(action="membership.grant").count()
    membership_grant(user=admin, council=council, role=Role.ADMIN)
    assert AuditEntry.objects.filter(action="membership.grant").count() == before
