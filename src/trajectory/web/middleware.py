"""Refuses request bodies that nobody should read, before anything reads them (issue 6.7).

Django's CSRF check reads the whole body (and a multipart body goes to temporary files on disk)
before any view asks who is signed in, so without this an anonymous client could make the
server write a body of any size to disk on its way to the sign-in page. This middleware looks
only at the headers and the session cookie: it must come after AuthenticationMiddleware (to
know `request.user`) and before CsrfViewMiddleware (the first reader of the body).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.urls import reverse

# Room for the form fields and multipart boundaries around files of the largest allowed size.
FORM_ALLOWANCE_BYTES = 1024 * 1024
# Signed out, the only forms are the sign-in forms: a user name, a password and a token.
SIGN_IN_URL_NAMES = ("login", "admin:login")
SIGN_IN_BODY_LIMIT_BYTES = 64 * 1024


def _content_length(request) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


class RequestBodyGuardMiddleware:
    """From the headers alone: a body declared larger than the upload limit gets 413 from
    anyone. Signed out, only a sign-in form may carry a body, and a small one with its length
    given; any other form (an upload among them) is sent to sign in unread, as
    `login_required` would send it after reading."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._refusal(request) or self.get_response(request)

    def _refusal(self, request) -> HttpResponse | None:
        length = _content_length(request)
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if not length and not chunked:
            return None
        if length and length > settings.TRAJECTORY_MAX_UPLOAD_BYTES + FORM_ALLOWANCE_BYTES:
            limit_mb = settings.TRAJECTORY_MAX_UPLOAD_BYTES // (1024 * 1024)
            return _refuse(413, f"Request refused: uploads are limited to {limit_mb} MB.")
        if request.user.is_authenticated:
            return None
        if request.path_info not in {reverse(name) for name in SIGN_IN_URL_NAMES}:
            return redirect_to_login(request.get_full_path())
        if chunked:
            return _refuse(411, "Request refused: send the length of the form.")
        if length > SIGN_IN_BODY_LIMIT_BYTES:
            return _refuse(413, "Request refused: the form is too large.")
        return None


def _refuse(status: int, message: str) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
