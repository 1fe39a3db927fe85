"""The council's audit log as CSV, built and audited here rather than in a view (issue 7.23).

Every cell goes through safe_cells (user names come from sign-in forms, issue 6.10), and the
download is itself an audit entry naming the filters it used."""

from __future__ import annotations

import io
import json
from datetime import date

from django.utils import timezone

from trajectory.audit import selectors
from trajectory.audit.services import record
from trajectory.safe_cells import SafeCsvWriter

COLUMNS = ["at", "user", "action", "object_type", "object_id", "detail", "ip_address"]


def entries_csv(
    user,
    council,
    *,
    request=None,
    action: str | None = None,
    username: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> str:
    """Every entry the filters match (not one page), newest first, as CSV text."""
    filters = {"action": action, "username": username, "since": since, "until": until}
    filters = {key: value for key, value in filters.items() if value}
    entries = selectors.entries_for(user, council, **filters)
    out = io.StringIO()
    writer = SafeCsvWriter(out)
    writer.writerow(COLUMNS)
    for entry in entries.iterator():
        writer.writerow(
            [
                timezone.localtime(entry.at).isoformat(timespec="seconds"),
                entry.username,
                entry.action,
                entry.object_type,
                entry.object_id,
                json.dumps(entry.detail, sort_keys=True) if entry.detail else "",
                entry.ip_address,
            ]
        )
    record(
        user=user,
        action="audit.download",
        council=council,
        detail={key: str(value) for key, value in filters.items()},
        request=request,
    )
    return out.getvalue()
