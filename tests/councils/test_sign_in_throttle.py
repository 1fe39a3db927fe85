"""Issue 6.8: sign-in throttling by user name and address, and by address across user names.

Before, failures counted only per user name and address: 30 user names tried from one
address were never blocked. Limits (settings): 5 per user name and address, 20 per address.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.9"
OFFICE = "198.51.100.20"
PROXY = "10.0.0.2"
PASSWORD = "correct horse 1"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Dozens of sign-ins per test: a cheap hasher keeps them quick (not what is tested)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _sign_in(client, username: str, password: str, **meta):
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def test_thirty_user_names_from_one_address_are_blocked_after_twenty(client, council, make_user):
    make_user("analyst", council, username="ana")
    statuses = [
        _sign_in(client, f"guess-{n}", "wrong", REMOTE_ADDR=ATTACKER).status_code for n in range(30)
    ]
    # 19 ordinary refusals; the 20th failure reaches the address limit and locks it out.
    assert statuses == [200] * 19 + [429] * 11
    response = _sign_in(client, "ana", PASSWORD, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_another_address_still_signs_in(client, council, make_user):
    from django.test import Client

    make_user("analyst", council, username="ana")
    for n in range(30):
        _sign_in(client, f"guess-{n}", "wrong", REMOTE_ADDR=ATTACKER)
    elsewhere = Client()
    response = _sign_in(elsewhere, "ana", PASSWORD, REMOTE_ADDR=OFFICE)
    assert response.status_code == 302
    assert elsewhere.session["_auth_user_id"]


def test_an_office_mistyping_under_the_address_limit_is_not_locked(client, council, make_user):
    """Nineteen failures from one address, four each for several people: no name reaches 5
    and the address stays under 20, so a correct password still signs in."""
    make_user("analyst", council, username="ana")
    for n in range(19):
        response = _sign_in(client, f"colleague-{n % 5}", "wrong", REMOTE_ADDR=OFFICE)
        assert response.status_code == 200
    response = _sign_in(client, "ana", PASSWORD, REMOTE_ADDR=OFFICE)
    assert response.status_code == 302


def test_behind_the_proxy_setting_the_forwarded_client_is_throttled_and_audited(
    client, council, make_user, settings
):
    """With one proxy, the client is the last X-Forwarded-For entry; what the client wrote
    itself further left is ignored. Locking the attacker leaves others behind the proxy free."""
    from django.test import Client

    from trajectory.audit.models import AuditEntry

    settings.TRAJECTORY_PROXY_COUNT = 1
    make_user("analyst", council, username="ana")
    spoofed = f"192.0.2.77, {ATTACKER}"
    for n in range(20):
        _sign_in(client, f"guess-{n}", "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=spoofed)
    failures = AuditEntry.objects.filter(action="auth.sign_in_failed")
    assert {entry.ip_address for entry in failures} == {ATTACKER}
    assert failures.count() == 20

    locked = _sign_in(client, "ana", PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert locked.status_code == 429

    colleague = Client()
    response = _sign_in(colleague, "ana", PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OFFICE)
    assert response.status_code == 302
    assert AuditEntry.objects.get(action="auth.sign_in").ip_address == OFFICE


def test_without_the_proxy_setting_x_forwarded_for_is_ignored(client, council, make_user):
    from axes.models import AccessAttempt

    from trajectory.audit.models import AuditEntry

    make_user("analyst", council, username="ana")
    _sign_in(client, "ana", "wrong", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=OFFICE)
    assert AccessAttempt.objects.get().ip_address == ATTACKER
    assert AuditEntry.objects.get(action="auth.sign_in_failed").ip_address == ATTACKER
