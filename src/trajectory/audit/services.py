"""The single way every app writes to the audit log."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest

from trajectory.audit.chain import chain_append
from trajectory.audit.models import AuditEntry
from trajectory.client_address import client_address


def record(
    *,
    user,
    action: str,
    council=None,
    obj: Any = None,
    detail: dict | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one entry. `action` is a short verb phrase such as "return.upload" or "child.view".

    The detail and address are hashed as the database will give them back (JSON round trip,
    IPv6 in its normal form), so `trajectory audit verify` recomputes the same hash.
    """
    real_user = user if getattr(user, "is_authenticated", False) else None
    ip_address = None
    if request is not None:
        ip_address = client_address(request)
    ip_address = AuditEntry._meta.get_field("ip_address").get_prep_value(ip_address) or None
    return chain_append(
        user=real_user,
        username=getattr(real_user, "username", "") or "",
        council=council,
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(getattr(obj, "pk", "") or "") if obj is not None else "",
        detail=json.loads(json.dumps(detail or {})),
        ip_address=ip_address,
    )
