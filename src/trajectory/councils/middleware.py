"""Holds a signed-in user on the password change page until their one-time password is gone."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from trajectory.councils.selectors import account_must_change_password


class PasswordChangeRequiredMiddleware:
    """An account an administrator created signs in with a password the administrator has
    seen. Until its owner chooses their own, every page except the change page itself,
    sign-out and static files sends them to the change page, so the shared password opens
    nothing. Must come after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_change(request):
            return redirect("password_change")
        return self.get_response(request)

    def _must_change(self, request) -> bool:
        if not request.user.is_authenticated:
            return False
        path = request.path  # with the script prefix, as reverse() and STATIC_URL give it
        if path in (reverse("password_change"), reverse("logout")):
            return False
        if path.startswith(settings.STATIC_URL):
            return False
        return account_must_change_password(request.user)
