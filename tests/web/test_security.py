"""Headers every response carries, and CSRF on every form."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    return directives


@pytest.mark.parametrize("signed_in", [False, True])
def test_content_security_policy_forbids_inline_and_eval(client, council, make_user, signed_in):
    if signed_in:
        client.force_login(make_user("analyst", council))
        response = client.get(reverse("council_home", args=[council.code]))
    else:
        response = client.get(reverse("login"))
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    directives = _csp(response)
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_not_found_page_carries_the_policy_too(client, council, make_user):
    client.force_login(make_user("analyst", council))
    response = client.get(reverse("council_home", args=["000"]))
    assert response.status_code == 404
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "Page not found" in response.content.decode()


def test_pages_have_no_inline_scripts_or_styles(client, council, make_user):
    client.force_login(make_user("analyst", council))
    for url in [
        reverse("council_home", args=[council.code]),
        reverse("returns_list", args=[council.code]),
    ]:
        html = client.get(url).content.decode()
        assert "<style" not in html and " style=" not in html
        for tag in html.split("<script")[1:]:
            opening = tag.split(">", 1)[0]
            assert "src=" in opening or 'type="application/json"' in opening, opening


def test_security_headers(client):
    response = client.get(reverse("login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "sessionid" not in response.cookies or response.cookies["sessionid"]["httponly"]


def test_session_cookie_is_http_only_and_same_site(client, council, make_user):
    make_user("analyst", council, username="ana")
    response = client.post(reverse("login"), {"username": "ana", "password": "correct horse 1"})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_csrf_is_enforced_on_sign_in_and_uploads(council, make_user):
    make_user("analyst", council, username="ana")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "ana", "password": "correct horse 1"})
    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session

    from django.contrib.auth import get_user_model

    strict.force_login(get_user_model().objects.get(username="ana"))
    for url in [
        reverse("returns_upload", args=[council.code]),
        reverse("indicators_recompute", args=[council.code]),
        reverse("logout"),
    ]:
        response = strict.post(url)
        assert response.status_code == 403, url
        assert "The form could not be sent" in response.content.decode()


def test_sign_out_needs_post(client, council, make_user):
    client.force_login(make_user("analyst", council))
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_sign_in_is_throttled_after_five_failures(client, council, make_user):
    make_user("analyst", council, username="ana")
    for _ in range(5):
        client.post(reverse("login"), {"username": "ana", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "ana", "password": "correct horse 1"})
    assert response.status_code in (403, 429)
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session
