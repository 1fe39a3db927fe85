"""What an agenda item discusses: kinds as data, models resolved lazily, pages guarded."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from trajectory.governance import services, subjects

pytestmark = pytest.mark.django_db


def test_an_indicator_and_a_priority_link_to_their_pages(council, plan):
    indicator = subjects.resolve(council, "indicator", "cla_missing_pct")
    assert indicator.url == f"/councils/{council.code}/indicators/cla_missing_pct/"
    priority = plan.priorities.first()
    found = subjects.resolve(council, "priority", str(priority.pk))
    assert found.label.startswith("Priority 1: ")
    assert found.url.endswith(f"/priorities/{priority.pk}/")


def test_another_councils_record_is_not_a_subject(make_council, plan):
    other = make_council(code="991", name="Eastshire")
    assert subjects.resolve(other, "priority", str(plan.priorities.first().pk)) is None


def test_a_kind_without_its_model_is_not_offered(monkeypatch, council):
    missing = subjects.SubjectKind("future", "Future record", "nowhere.Thing", "nowhere_page")
    monkeypatch.setattr(subjects, "SUBJECT_KINDS", (*subjects.SUBJECT_KINDS, missing))
    assert missing not in subjects.available_kinds()
    assert "Future record" not in [label for label, _ in subjects.choices(council)]


def test_a_page_that_does_not_exist_leaves_the_subject_unlinked(monkeypatch, council, plan):
    kind = subjects.SubjectKind(
        "priority", "Plan priority", "plans.Priority", "no_such_page", "plan__council"
    )
    monkeypatch.setitem(subjects.SUBJECT_KIND_BY_KEY, "priority", kind)
    found = subjects.resolve(council, "priority", str(plan.priorities.first().pk))
    assert found is not None and found.url == ""


def test_an_item_cannot_discuss_what_the_council_does_not_hold(make_meeting, leader):
    meeting = make_meeting(date(2024, 1, 16))
    with pytest.raises(ValidationError):
        services.item_add(meeting=meeting, user=leader, title="x", subject="indicator:no_such")
    with pytest.raises(ValidationError):
        services.item_add(meeting=meeting, user=leader, title="x", subject="priority:999999")
