"""Sign-in throttling with two limits (issue 6.8), as django-axes' database handler with one
more rule.

Axes counts failures for one user name from one address (AXES_FAILURE_LIMIT, 5): a person
mistyping their own password. It has a single limit, so locking out an address by its own
count would lock a whole office behind one address after five typing mistakes between them.
The second rule counts every failure from one address across all user names within the
cool-off (TRAJECTORY_SIGN_IN_ADDRESS_FAILURE_LIMIT, 20): someone trying many user names.
When that count is reached, every sign-in from the address is refused until the cool-off has
passed; other addresses are not affected.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class SignInThrottle(AxesDatabaseHandler):
    """Failures count per user name and address, and per address across user names."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        for_user_and_address = super().get_failures(request, credentials)
        if self.address_failures(request) >= settings.TRAJECTORY_SIGN_IN_ADDRESS_FAILURE_LIMIT:
            # Axes compares one number with one limit: report the address as at that limit.
            return max(for_user_and_address, get_failure_limit(request, credentials))
        return for_user_and_address

    def address_failures(self, request) -> int:
        """Failures from the request's address, any user name, within the cool-off."""
        attempts = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
