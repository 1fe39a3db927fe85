"""The demo's concerns: the schools' concerns through the procedure, mixed outcomes, one open
and overdue, made-up identifiers, loaded once."""

from __future__ import annotations

from datetime import date

import pytest

from trajectory.escalations import selectors
from trajectory.escalations.models import Concern, ConcernChild
from trajectory.synth import journey
from trajectory.synth.demo_escalations import escalations_demo

pytestmark = pytest.mark.django_db


def test_the_demo_concerns(settings, council, make_user):
    settings.TRAJECTORY_TODAY = "2026-12-04"
    users = {role: make_user(role, council) for role in ("manager", "leader", "board_member")}
    made = escalations_demo(council, users)
    assert len(made) == 8
    assert escalations_demo(council, users) == []  # loaded once
    rows = selectors.concern_log_rows(users["board_member"], council, today=date(2026, 12, 4))
    open_rows = [row for row in rows if row.concern.status == Concern.Status.OPEN]
    assert len(open_rows) == 1 and open_rows[0].overdue
    assert open_rows[0].concern.partner_kind == "school"
    outcomes = {row.concern.review_outcome for row in rows if row.concern.review_outcome}
    assert outcomes == {"upheld", "partly_upheld", "not_upheld"}
    kinds = {row.concern.partner_kind for row in rows}
    assert {"school", "health", "police", "mp", "board_school_rep"} <= kinds
    themes = {row.concern.theme for row in rows}
    assert {"schools_confidence", "thresholds", "communication"} <= themes
    # The board representative's case went to the last stage and was not upheld.
    survey = next(row for row in rows if row.concern.partner_kind == "board_school_rep")
    assert survey.stage.number == 4 and survey.concern.review_outcome == "not_upheld"
    # One response was over the standard (the MP's).
    late = [row for row in rows if row.within_standard is False]
    assert [row.concern.partner_kind for row in late] == ["mp"]
    for row in rows:
        assert journey.FOCUSED_VISIT <= row.concern.raised_on <= journey.FINAL_REVIEW
    identifiers = ConcernChild.objects.values_list("child_identifier", flat=True)
    assert all(value.startswith("C") and value[1:].isdigit() for value in identifiers)
