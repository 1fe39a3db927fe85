"""Westshire's demo voice: the report's figures in the latest Bright Spots wave, the 4 to 7s
withheld outside the council, the engagement exercise at the source's scale, once only, fast."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal as D

from trajectory.councils.models import Role
from trajectory.synth.demo_voice import voice_demo
from trajectory.voice import selectors
from trajectory.voice.models import Answer, EngagementEvent, Survey


def test_the_demo(monkeypatch, council, make_user):
    monkeypatch.setattr("trajectory.plans.clock.today", lambda: date(2026, 12, 4))
    analyst = make_user(Role.ANALYST, council)
    board = make_user(Role.BOARD_MEMBER, council)
    started = time.perf_counter()
    assert voice_demo(council, {Role.ANALYST: analyst}) is True
    assert time.perf_counter() - started < 2
    assert voice_demo(council, {Role.ANALYST: analyst}) is False
    bright = Survey.objects.get(council=council, title__startswith="Bright Spots")
    assert bright.uploads.count() == 2
    trends = {t.question.code: t for t in selectors.survey_trends(analyst, council, bright)}
    latest = {code: t.latest.council_percent for code, t in trends.items()}
    assert latest["life_better"] == D("81.0") and latest["settled"] == D("96.0")
    assert latest["trust_social_worker"] == D("95.0")
    assert [r.council_percent for r in trends["life_better"].rows] == [D("67"), D("74"), D("81")]
    assert trends["like_school"].latest.comparator_percent == D("78.0")
    outside = {t.question.code: t for t in selectors.survey_trends(board, council, bright)}
    assert [r.council_shown for r in outside["know_why_in_care"].rows] == ["c", "c", "c"]
    assert outside["life_better"].latest.council_shown == "81%"
    own = Survey.objects.get(council=council, kind="own")
    contact = {t.question.code: t for t in selectors.survey_trends(analyst, council, own)}
    # 26 of 38 (68.4%), then 39 of 46 (84.8%); 22 of 38 (57.9%), then 36 of 46 (78.3%)
    assert [r.council_percent for r in contact["contact_worker"].rows] == [D("68.4"), D("84.8")]
    assert [r.council_percent for r in contact["views_before_review"].rows] == [
        D("57.9"),
        D("78.3"),
    ]
    exercise = EngagementEvent.objects.filter(council=council, kind="event")
    assert exercise.filter(format="face_to_face").count() == 15
    assert exercise.filter(format="virtual").count() == 2
    assert sum(e.attendance for e in exercise) == 455
    assert EngagementEvent.objects.filter(kind="drop_in").count() >= 30
    assert Answer.objects.filter(question__kind="free_text", themes__isnull=False).exists()


def test_the_demo_stops_at_the_plans_today(monkeypatch, council, make_user):
    monkeypatch.setattr("trajectory.plans.clock.today", lambda: date(2025, 3, 1))
    analyst = make_user(Role.ANALYST, council)
    voice_demo(council, {Role.ANALYST: analyst})
    bright = Survey.objects.get(council=council, title__startswith="Bright Spots")
    assert [w.label for w in bright.waves.all()] == ["March 2024", "February 2025"]
    assert not EngagementEvent.objects.filter(held_on__gt=date(2025, 3, 1)).exists()
