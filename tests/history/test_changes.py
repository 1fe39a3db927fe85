"""The shared history: one row per field whose shown value changed, append-only, scoped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.template.loader import render_to_string

from trajectory.history.models import Change
from trajectory.history.selectors import history_of, history_of_all
from trajectory.history.services import changes_record, snapshot


@pytest.fixture
def plan(council, make_user):
    from trajectory.plans.models import Plan

    return Plan.objects.create(council=council, title="Plan A", final_due_on=dt.date(2024, 2, 14))


def test_only_changed_fields_are_recorded_as_people_read_them(council, make_user, plan):
    leader = make_user("leader", council)
    before = snapshot(plan, ["title", "final_due_on"])
    plan.final_due_on = dt.date(2024, 3, 1)
    rows = changes_record(
        council=council,
        subject=plan,
        user=leader,
        operation="changed",
        before=before,
        after=snapshot(plan, ["title", "final_due_on"]),
        reason="Cabinet moved",
    )
    assert [(r.field, r.before, r.after, r.reason) for r in rows] == [
        ("final_due_on", "14 February 2024", "1 March 2024", "Cabinet moved")
    ]
    assert rows[0].subject_type == "plans.plan"
    assert rows[0].username == leader.username


def test_a_new_record_records_every_field_with_a_value(council, plan):
    rows = changes_record(
        council=council,
        subject=plan,
        user=None,
        operation="created",
        before=None,
        after=snapshot(plan, ["title", "deadline_rule"]),
    )
    # deadline_rule is empty, so only the title is a change from nothing.
    assert [(r.field, r.after) for r in rows] == [("title", "Plan A")]
    assert rows[0].username == ""


def test_changes_are_append_only(council, plan):
    (row,) = changes_record(
        council=council,
        subject=plan,
        user=None,
        operation="created",
        before=None,
        after={"title": "Plan A"},
    )
    row.after = "Plan B"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    assert Change.objects.get(pk=row.pk).after == "Plan A"


def test_history_is_read_within_the_council_only(council, make_council, make_user, plan):
    changes_record(
        council=council,
        subject=plan,
        user=None,
        operation="created",
        before=None,
        after={"title": "Plan A"},
    )
    reader = make_user("board_member", council)
    outsider = make_user("leader", make_council(code="991", name="Eastshire"))
    assert [c.after for c in history_of(reader, council, plan)] == ["Plan A"]
    assert [c.after for c in history_of_all(reader, council, [plan])] == ["Plan A"]
    assert list(history_of_all(reader, council, [])) == []
    with pytest.raises(Http404):
        history_of(outsider, council, plan)


def test_the_table_shows_each_change(council, plan):
    changes_record(
        council=council,
        subject=plan,
        user=None,
        operation="changed",
        before={"title": "Plan A"},
        after={"title": "Plan B"},
        reason="Renamed by Cabinet",
    )
    html = render_to_string("history/_changes.html", {"changes": Change.objects.all()})
    for text in ("Plan A", "Plan B", "Renamed by Cabinet", "An automatic update", "Title"):
        assert text in html
    assert "No changes have been recorded yet." in render_to_string(
        "history/_changes.html", {"changes": []}
    )
