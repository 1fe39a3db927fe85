"""Every audit action the code records has a name on the audit log page (audit/labels.py), so
the log never falls back to words made from a code (issue 7.9). The codes are found by reading
the source, independently of the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import trajectory
from trajectory.audit.labels import ACTION_LABELS

CODE = re.compile(r'(?:action|audit_action)="([a-z_]+(?:\.[a-z_]+)+)"')


def _recorded_codes() -> set[str]:
    found = set()
    for path in Path(trajectory.__file__).parent.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        found.update(CODE.findall(path.read_text()))
    return found


def test_every_recorded_action_has_a_label():
    codes = _recorded_codes()
    assert "return.upload" in codes  # the scan finds what it should
    assert sorted(codes - set(ACTION_LABELS)) == []
