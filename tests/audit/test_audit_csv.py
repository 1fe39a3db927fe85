"""The audit log CSV is built and audited by audit/exports.py (issue 7.23), and no view module
writes audit entries itself: views parse, check, call one service or selector, and render."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

import trajectory
from trajectory.audit.exports import COLUMNS, entries_csv
from trajectory.audit.models import AuditEntry
from trajectory.audit.services import record

pytestmark = pytest.mark.django_db


def test_the_csv_holds_the_filtered_entries_and_the_download_is_audited(council, make_user):
    leader = make_user("leader", council, username="lead")
    analyst = make_user("analyst", council, username="ana")
    record(user=analyst, action="child.view", council=council, detail={"indicator": "cla_count"})
    record(user=analyst, action="return.upload", council=council)
    record(user=analyst, action="child.view", council=council, detail={"username": "=cmd"})

    text = entries_csv(leader, council, action="child.view", username=None)

    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == COLUMNS
    assert [(row["user"], row["action"]) for row in rows] == [("ana", "child.view")] * 2
    assert rows[0]["detail"] == '{"username": "=cmd"}'  # newest first; JSON, not a formula
    download = AuditEntry.objects.get(action="audit.download")
    assert (download.username, download.council, download.detail) == (
        "lead",
        council,
        {"action": "child.view"},
    )


def test_a_role_without_the_audit_log_gets_nothing_and_no_entry(council, make_user):
    with pytest.raises(PermissionDenied):
        entries_csv(make_user("analyst", council), council)
    assert not AuditEntry.objects.filter(action="audit.download").exists()


def test_no_view_module_writes_audit_entries():
    """Audit entries are written by services, never by views: no view module imports the audit
    service or calls its bare `record(` (a service named `..._record(` is another function)."""
    source = Path(trajectory.__file__).parent
    bare_call = re.compile(r"(?<![\w.])record\(")
    writing = [
        str(path.relative_to(source))
        for path in sorted(source.glob("*/*views.py"))
        if "audit.services" in path.read_text() or bare_call.search(path.read_text())
    ]
    assert writing == []
    assert bare_call.search("record(user=...)") and not bare_call.search("moderation_record(")
