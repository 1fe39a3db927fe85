"""A one-time password opens one page only: the password change page. Someone an administrator
added is sent there from every page until they choose their own password; then they reach
their council, stay signed in, and the change is in the audit log. Accounts from set-up
scripts (demo, tests) are never held there, and every signed-in user can change a password."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from trajectory.audit.models import AuditEntry
from trajectory.councils.models import AccountState

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "lantern orchard pebble"


@pytest.fixture
def added(council, make_user):
    """A person added by the council's admin, signed in with their one-time password."""
    from trajectory.councils.services import person_add

    admin = make_user("admin", council, username="adm")
    return person_add(
        council=council,
        username="jsmith",
        full_name="Jo Smith",
        email="jo.smith@example.org",
        role="analyst",
        actor=admin,
    )


def sign_in(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password}, follow=True)


def change(client, current: str, new: str, confirm: str | None = None, **extra):
    return client.post(
        reverse("password_change"),
        {"old_password": current, "new_password1": new, "new_password2": confirm or new},
        **extra,
    )


def test_a_new_person_must_change_their_password(added):
    state = AccountState.objects.get(user=added.user)
    assert state.must_change_password and state.password_changed_at is None


def test_signing_in_with_a_one_time_password_lands_on_the_change_page(client, council, added):
    response = sign_in(client, "jsmith", added.one_time_password)
    assert response.redirect_chain[-1][0] == reverse("password_change")
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Change your password</h1>' in html
    assert "one-time password" in html
    for label in ["Current password", "New password", "Confirm new password"]:
        assert f">{label}</label>" in html
    assert ">Change password</button>" in html
    assert "Use at least 12 characters." in html  # the hint follows the settings' validators


def test_every_page_sends_a_flagged_person_to_the_change_page(client, council, added):
    client.force_login(added.user)
    pages = [
        reverse("home"),
        reverse("council_home", args=[council.code]),
        reverse("returns_list", args=[council.code]),
        reverse("login"),
        "/admin/",
        f"/councils/{council.code}/no-such-page/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("password_change"), url
    # A write is refused the same way and changes nothing.
    response = client.post(reverse("returns_list", args=[council.code]), {})
    assert response["Location"] == reverse("password_change")
    assert client.get(reverse("password_change")).status_code == 200


def test_after_the_change_they_reach_their_council_still_signed_in(client, council, added):
    sign_in(client, "jsmith", added.one_time_password)
    response = change(client, added.one_time_password, NEW_PASSWORD, follow=True)
    assert response.redirect_chain[-1][0] == reverse("council_overview", args=[council.code])
    assert response.context["user"].username == "jsmith"
    assert "Your password has been changed." in response.content.decode()
    assert client.get(reverse("returns_list", args=[council.code])).status_code == 200

    state = AccountState.objects.get(user=added.user)
    assert not state.must_change_password and state.password_changed_at is not None
    user = User.objects.get(pk=added.user.pk)
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(added.one_time_password)

    entry = AuditEntry.objects.get(action="auth.password_change")
    assert entry.user == user and entry.username == "jsmith"
    assert entry.detail == {"user": "jsmith"}
    assert added.one_time_password not in str(entry.detail)
    assert NEW_PASSWORD not in str(entry.detail)


def test_the_one_time_password_no_longer_signs_in(client, added):
    sign_in(client, "jsmith", added.one_time_password)
    change(client, added.one_time_password, NEW_PASSWORD)
    client.post(reverse("logout"))
    response = client.post(
        reverse("login"), {"username": "jsmith", "password": added.one_time_password}
    )
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert sign_in(client, "jsmith", NEW_PASSWORD).redirect_chain[-1][0] != reverse(
        "password_change"
    )


@pytest.mark.parametrize(
    ("new", "confirm", "message"),
    [
        ("short pass", None, "This password is too short. It must contain at least 12"),
        ("password1234", None, "This password is too common."),
        ("382910475629", None, "This password is entirely numeric."),
        (NEW_PASSWORD, "something else entirely", "The new passwords do not match."),
        ("", None, "Enter a new password."),
    ],
)
def test_a_weak_or_mistyped_new_password_is_refused_with_a_message(
    client, added, new, confirm, message
):
    client.force_login(added.user)
    response = change(client, added.one_time_password, new, confirm)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and "<title>Error: Change your password" in html
    assert message in html
    assert AccountState.objects.get(user=added.user).must_change_password
    assert User.objects.get(pk=added.user.pk).check_password(added.one_time_password)
    assert not AuditEntry.objects.filter(action="auth.password_change").exists()
    assert client.get(reverse("home"))["Location"] == reverse("password_change")


def test_the_wrong_current_password_or_the_same_password_again_is_refused(client, added):
    client.force_login(added.user)
    html = change(client, "not my password", NEW_PASSWORD).content.decode()
    assert "Your current password is wrong." in html
    same = added.one_time_password
    html = change(client, same, same).content.decode()
    assert "Your new password must be different from your current one." in html
    assert AccountState.objects.get(user=added.user).must_change_password


def test_sign_out_works_while_flagged(client, added):
    client.force_login(added.user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    assert AccountState.objects.get(user=added.user).must_change_password


def test_static_files_are_served_while_flagged(client, added):
    client.force_login(added.user)
    response = client.get("/static/trajectory/trajectory.css")
    # build/static is built by ./run setup (and ./run test) before any test runs.
    assert response.status_code == 200, "static assets missing: run ./run setup"
    assert response["Content-Type"].startswith("text/css")
    assert response.get("Location") is None


def test_test_and_demo_users_are_not_held(client, council, make_user):
    from trajectory.councils.services import membership_grant, user_create

    analyst = make_user("analyst", council, username="ana")
    demo = user_create(username="demo-leader", password="correct horse 1", full_name="Dee Mo")
    membership_grant(user=demo, council=council, role="leader")
    for user in (analyst, demo):
        assert not AccountState.objects.filter(user=user, must_change_password=True).exists()
        client.force_login(user)
        response = client.get(reverse("council_home", args=[council.code]))
        assert response.status_code == 200, user.username
        client.post(reverse("logout"))


def test_every_signed_in_user_can_change_their_password(client, council, make_user):
    analyst = make_user("analyst", council, username="ana")
    client.force_login(analyst)
    html = client.get(reverse("council_home", args=[council.code])).content.decode()
    assert f'href="{reverse("password_change")}">Change your password</a>' in html
    page = client.get(reverse("password_change")).content.decode()
    assert "one-time password" not in page
    response = change(client, "correct horse 1", NEW_PASSWORD, follow=True)
    assert response.redirect_chain[-1][0] == reverse("council_overview", args=[council.code])
    assert User.objects.get(pk=analyst.pk).check_password(NEW_PASSWORD)
    state = AccountState.objects.get(user=analyst)
    assert not state.must_change_password and state.password_changed_at is not None
    assert AuditEntry.objects.filter(action="auth.password_change", user=analyst).count() == 1


def test_the_change_page_needs_a_signed_in_user(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
