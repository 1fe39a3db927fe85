"""An administrator resets a person's password (issue 7.13): a new one-time password, shown
once, which signs in only to the password change page; the old one stops working; the reset is
audited without the password. Accounts not wholly this council's are refused."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from trajectory.audit.models import AuditEntry
from trajectory.councils.services import membership_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(council, make_user):
    return make_user("admin", council, username="adm")


@pytest.fixture
def analyst(council, make_user):
    return make_user("analyst", council, username="ana")


def _reset(client, council, person):
    url = reverse("person_password_reset", args=[council.code, person.pk])
    return client.post(url)


def test_a_reset_gives_a_one_time_password_that_must_be_changed(client, council, admin, analyst):
    client.force_login(admin)
    people = client.get(reverse("people_list", args=[council.code])).content.decode()
    assert reverse("person_password_reset", args=[council.code, analyst.pk]) in people
    # No reset link beside the administrator's own entry.
    assert reverse("person_password_reset", args=[council.code, admin.pk]) not in people

    response = _reset(client, council, analyst)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    password = re.search(r'id="one-time-password">([^<]+)<', response.content.decode()).group(1)
    assert re.fullmatch(r"([A-Za-z2-9]{5}-){3}[A-Za-z2-9]{5}", password)

    client.logout()
    # The old password no longer signs in; the new one does, onto the change page only.
    old = client.post(reverse("login"), {"username": "ana", "password": "correct horse 1"})
    assert old.status_code == 200 and "_auth_user_id" not in client.session
    signed_in = client.post(reverse("login"), {"username": "ana", "password": password})
    assert signed_in.status_code == 302
    response = client.get(reverse("council_home", args=[council.code]))
    assert response.status_code == 302 and response.url == reverse("password_change")

    entry = AuditEntry.objects.get(action="user.password_reset")
    assert (entry.username, entry.council_id, entry.detail) == ("adm", council.pk, {"user": "ana"})
    assert password not in str(entry.detail)


def test_each_reset_gives_a_different_password(client, council, admin, analyst):
    client.force_login(admin)
    first = re.search(
        r'id="one-time-password">([^<]+)<', _reset(client, council, analyst).content.decode()
    )
    second = re.search(
        r'id="one-time-password">([^<]+)<', _reset(client, council, analyst).content.decode()
    )
    assert first.group(1) != second.group(1)
    assert AuditEntry.objects.filter(action="user.password_reset").count() == 2


def test_the_confirmation_page_changes_nothing(client, council, admin, analyst):
    client.force_login(admin)
    page = client.get(reverse("person_password_reset", args=[council.code, analyst.pk]))
    assert page.status_code == 200 and "Reset ana's password?" in page.content.decode()
    assert get_user_model().objects.get(pk=analyst.pk).check_password("correct horse 1")
    assert not AuditEntry.objects.filter(action="user.password_reset").exists()


def test_an_account_with_roles_elsewhere_is_refused(client, council, admin, analyst, make_council):
    membership_grant(
        user=analyst, council=make_council(code="991", name="Eastshire"), role="region"
    )
    client.force_login(admin)
    response = _reset(client, council, analyst)
    assert "also has roles in other councils" in response.content.decode()
    assert get_user_model().objects.get(pk=analyst.pk).check_password("correct horse 1")
    assert not AuditEntry.objects.filter(action="user.password_reset").exists()


def test_only_this_councils_admins_reach_it_and_only_for_its_people(
    client, council, admin, analyst, make_council, make_user
):
    url = reverse("person_password_reset", args=[council.code, analyst.pk])
    client.force_login(make_user("leader", council))
    assert client.post(url).status_code in (403, 404)
    other = make_council(code="991", name="Eastshire")
    client.force_login(make_user("admin", other))
    assert client.post(url).status_code == 404
    # An admin here, asking for someone with no role here.
    stranger = make_user("analyst", other, username="stranger")
    client.force_login(admin)
    assert _reset(client, council, stranger).status_code == 404
    assert get_user_model().objects.get(pk=analyst.pk).check_password("correct horse 1")
    assert not AuditEntry.objects.filter(action="user.password_reset").exists()


def test_the_persons_open_sessions_end(client, council, admin, analyst):
    from django.test import Client

    theirs = Client()
    theirs.force_login(analyst)
    assert theirs.get(reverse("council_home", args=[council.code])).status_code == 200
    client.force_login(admin)
    _reset(client, council, analyst)
    # The session's hash no longer matches the password, so it is signed out.
    response = theirs.get(reverse("council_home", args=[council.code]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
