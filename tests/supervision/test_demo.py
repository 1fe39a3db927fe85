"""Westshire's supervision demo: the standard from the direction, compliance climbing from about
60% to about 88%, newly qualified workers, case oversight, once only."""

from __future__ import annotations

import datetime as dt
from statistics import mean

import pytest

from trajectory.councils.models import Role
from trajectory.supervision import selectors
from trajectory.supervision.models import CaseOversight, Supervision, SupervisionWorker
from trajectory.synth.demo_supervision import on_time_chance, supervision_demo

TODAY = dt.date(2026, 12, 4)


@pytest.fixture
def demo(db, settings, tmp_path, monkeypatch):
    from trajectory.synth.demo import demo_load

    settings.VAR_DIR = tmp_path / "var"
    settings.TRAJECTORY_REFERENCE_DIR = tmp_path / "no-reference"
    settings.TRAJECTORY_TODAY = TODAY
    monkeypatch.setattr("trajectory.plans.clock.today", lambda: TODAY)
    return demo_load(children=200, years=2, seed=7, out_dir=tmp_path)


def test_the_chance_climbs_as_the_workforce_months_do():
    assert on_time_chance(dt.date(2024, 1, 15)) == pytest.approx(0.60)
    assert on_time_chance(dt.date(2025, 1, 31)) == pytest.approx(0.704)
    assert on_time_chance(dt.date(2025, 4, 30)) == pytest.approx(0.88)
    assert on_time_chance(dt.date(2026, 6, 30)) == pytest.approx(0.88)


def test_the_demo(demo):
    council, users = demo.council, demo.users
    # demo_load has run it once already (synth/demo.py): its rows are there, and a second
    # call makes nothing.
    assert Supervision.objects.filter(council=council).count() > 100
    assert CaseOversight.objects.filter(council=council).count() > 100
    assert supervision_demo(council, users) == {"supervisions": 0, "oversight": 0}
    (version,) = selectors.versions(users[Role.LEADER], council)
    assert version.applies_from == dt.date(2024, 1, 1)
    assert (
        SupervisionWorker.objects.filter(council=council, qualified_on__isnull=False).count() >= 8
    )
    assert Supervision.objects.filter(held_on__gte=TODAY).count() == 0
    found = selectors.compliance(users[Role.BOARD_MEMBER], council)
    by_month = {row[0]: row[3] for row in found.overall if row[3] is not None}
    early = [v for d, v in by_month.items() if d < dt.date(2024, 7, 1)]
    late = [v for d, v in by_month.items() if dt.date(2025, 6, 1) <= d <= dt.date(2026, 11, 30)]
    assert 50 <= mean(early) <= 70, early
    assert 83 <= mean(late) <= 93, late
    oversight = selectors.oversight_rows(users[Role.BOARD_MEMBER], council)
    late_oversight = [r[3] for r in oversight if r[0] >= dt.date(2025, 6, 1) and r[3] is not None]
    assert late_oversight and 75 <= mean(late_oversight) <= 98
