"""Issue 6.9: audited writes from many server processes at once still make one unbroken chain.

Three gunicorn workers of four threads each append to the audit log at the same instant (sign-ins
and progress updates, each audited); `trajectory audit verify`, run as its own process, then
finds every entry in order, and the database itself refuses to change one.
"""

from __future__ import annotations

import pytest

from tests.server.test_concurrent_writes import PLAN_SEED, burst

COUNT = "from trajectory.audit.models import AuditEntry\nprint(AuditEntry.objects.count())"


@pytest.fixture(scope="module")
def action_id(server):
    return int(server.python(PLAN_SEED).strip())


def test_a_burst_of_audited_writes_verifies_and_no_entry_can_be_changed(server, action_id):
    people = [server.client(f"{role}-990") for role in ("manager", "leader") for _ in range(6)]
    path = f"/councils/990/plan/actions/{action_id}/update/"
    calls = [
        (
            lambda client=people[n % 12], n=n: client.post(
                path,
                {
                    "narrative": f"Chain update {n}",
                    "progress": "on_track",
                    "status": "in_progress",
                    "opened_version": "1",
                },
            )
        )
        for n in range(24)
    ]
    assert [response.status_code for response in burst(calls)] == [302] * 24

    entries = int(server.python(COUNT).strip())
    verified = server.trajectory("audit", "verify")
    assert verified.stdout == f"Audit log verified: {entries:,} entries, chain unbroken.\n"

    refused = server.python(
        "from django.db import DatabaseError\n"
        "from trajectory.audit.models import AuditEntry\n"
        "try:\n"
        "    AuditEntry.objects.all().update(action='x')\n"
        "except DatabaseError as error:\n"
        "    print('refused:', error)\n"
    )
    assert refused.startswith("refused: audit entries are append-only")
    assert server.trajectory("audit", "verify").returncode == 0
