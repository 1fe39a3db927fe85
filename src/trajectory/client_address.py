"""The address of the person's machine, the one thing sign-in throttling and the audit log
both record about where a request came from (issue 6.8), so the two always agree.

Directly exposed, that is REMOTE_ADDR. Behind reverse proxies (TRAJECTORY_PROXY_COUNT = how
many proxies stand in front of the app), REMOTE_ADDR is the nearest proxy and each proxy
appends the address it saw to X-Forwarded-For: the client is the entry that many places from
the right. Entries further left were written by the client itself and are never trusted.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address as the outermost trusted proxy (or the socket) saw it."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRAJECTORY_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        return remote  # the request did not come through every proxy: only the socket is known
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
