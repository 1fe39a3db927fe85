"""Sign-ins and failed sign-ins go to the audit log (Django's auth signals, not app logic)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from trajectory.audit.services import record


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    record(user=user, action="auth.sign_in", request=request)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(user=user, action="auth.sign_out", request=request)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    record(
        user=None,
        action="auth.sign_in_failed",
        detail={"username": credentials.get("username", "")},
        request=request,
    )
