"""Issue 6.7: bodies refused from their headers, before anything reads them.

Each request here carries a body stream that records whether it was read, so "refused before
reading" is observed, not assumed. Before the guard, CSRF read every POST body (an anonymous
multipart one into temporary files) before the sign-in redirect.
"""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

CLAIMED_200_MB = 200 * 1024 * 1024
BOUNDARY = "guardboundary"
HEADER_CSV = b"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nC0001,1,03/03/2011,WBRI,,,\r\n"


class RecordingBody(io.BytesIO):
    """A request body that remembers whether anything read from it."""

    was_read = False

    def read(self, *args):
        self.was_read = True
        return super().read(*args)

    def readline(self, *args):
        self.was_read = True
        return super().readline(*args)


def _multipart(content: bytes = HEADER_CSV, csrf_token: str = "") -> bytes:
    token_field = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{csrf_token}\r\n"
    )
    return (
        (token_field if csrf_token else "") + f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="files"; filename="header.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode() + content + f"\r\n--{BOUNDARY}--\r\n".encode()


def _post(client, url, body: bytes, content_type: str, **headers):
    stream = RecordingBody(body)
    meta = {
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": content_type,
        "wsgi.input": stream,
        **headers,
    }
    return client.generic("POST", url, **meta), stream


def test_a_signed_out_200_mb_claim_gets_413_without_the_body_being_read(client, council):
    url = reverse("returns_upload", args=[council.code])
    response, stream = _post(
        client,
        url,
        b"x" * 1024,
        f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(CLAIMED_200_MB),
    )
    assert response.status_code == 413
    assert "limited to 100 MB" in response.content.decode()
    assert not stream.was_read


def test_a_signed_in_analyst_claiming_more_than_the_limit_gets_413_too(
    client, council, make_user
):
    client.force_login(make_user("analyst", council))
    url = reverse("returns_upload", args=[council.code])
    # 100 MB of files plus the 1 MB allowance for the form around them is the most accepted.
    response, stream = _post(
        client,
        url,
        b"x",
        f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(101 * 1024 * 1024 + 1),
    )
    assert response.status_code == 413
    assert not stream.was_read


def test_a_signed_out_upload_is_sent_to_sign_in_unread(council):
    """With a valid CSRF token, as an attacker who fetched the sign-in page first has: CSRF
    would otherwise parse the whole multipart body to find it."""
    from trajectory.returns.models import Upload

    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    token = client.cookies["csrftoken"].value
    url = reverse("returns_upload", args=[council.code])
    response, stream = _post(
        client,
        url,
        _multipart(csrf_token=token),
        f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"
    assert not stream.was_read
    assert not Upload.objects.exists()


def test_a_signed_out_chunked_upload_is_sent_to_sign_in_unread(client, council):
    url = reverse("returns_upload", args=[council.code])
    stream = RecordingBody(_multipart())
    response = client.generic(
        "POST",
        url,
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": stream},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"
    assert not stream.was_read


def test_a_signed_out_sign_in_sent_chunked_without_a_length_is_refused(client):
    stream = RecordingBody(b"username=ana&password=correct+horse+1")
    response = client.generic(
        "POST",
        reverse("login"),
        CONTENT_TYPE="application/x-www-form-urlencoded",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": stream},
    )
    assert response.status_code == 411
    assert not stream.was_read


def test_a_signed_out_form_larger_than_a_sign_in_is_refused(client):
    body = b"username=ana&password=" + b"p" * (64 * 1024)
    response, stream = _post(
        client, reverse("login"), body, "application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert not stream.was_read


def test_signing_in_still_works(client, council, make_user):
    make_user("analyst", council, username="ana")
    response = client.post(reverse("login"), {"username": "ana", "password": "correct horse 1"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_a_signed_in_analyst_can_still_upload(client, council, make_user):
    from trajectory.returns.models import Upload

    client.force_login(make_user("analyst", council))
    url = reverse("returns_upload", args=[council.code])
    response, stream = _post(
        client, url, _multipart(), f"multipart/form-data; boundary={BOUNDARY}"
    )
    upload = Upload.objects.get(council=council)
    assert response.status_code == 302
    assert response["Location"] == reverse("upload_detail", args=[council.code, upload.pk])
    assert [file["name"] for file in upload.files] == ["header.csv"]
    assert stream.was_read
