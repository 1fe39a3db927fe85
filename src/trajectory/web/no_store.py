"""Responses that carry child-level data are never kept by a browser or proxy cache (issue 6.5).

Every child-level page, CSV and document goes through here, so `Cache-Control: no-store` is set
in one place: a page left in a shared computer's cache or a proxy is a copy no audit entry knows
of. Django's `add_never_cache_headers` gives `no-store` with `no-cache, must-revalidate, private`
and `max-age=0`, which also covers caches that predate `no-store`.
"""

from __future__ import annotations

from functools import wraps

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers


def mark_no_store(response: HttpResponse) -> HttpResponse:
    """The response, marked so that no cache keeps it."""
    add_never_cache_headers(response)
    return response


def no_store(view):
    """A view whose every response holds child-level data."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return mark_no_store(view(request, *args, **kwargs))

    return wrapped
