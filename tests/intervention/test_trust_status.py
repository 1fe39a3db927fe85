"""The trust proposal's status is worked out from the events, never typed (issue 9.4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from trajectory.intervention import events
from trajectory.intervention.selectors import intervention_timeline
from trajectory.intervention.services import intervention_event_record


@dataclass
class Event:
    kind: str


def test_no_events_no_proposal():
    assert events.trust_status([]) == events.NO_PROPOSAL


def test_west_sussex_course_proposed_then_paused():
    # Autumn 2019: the diagnostic report proposes a trust; December 2020: the minister pauses
    # it. The directions and appointments say nothing about the trust.
    course = [
        Event("direction_issued"),
        Event("commissioner_appointed"),
        Event("trust_proposed"),
        Event("direction_renewed"),
        Event("trust_paused"),
    ]
    assert events.trust_status(course) == events.PAUSED
    assert [step.status for step in events.trust_course(course)] == ["proposed", "paused"]


@pytest.mark.parametrize(
    ("kinds", "status"),
    [
        (["trust_proposed", "trust_paused", "trust_withdrawn"], events.WITHDRAWN),
        (["trust_proposed", "trust_paused", "trust_enacted"], events.ENACTED),
        (["trust_proposed", "trust_paused", "trust_resumed"], events.PROPOSED),
        (["trust_proposed", "trust_withdrawn", "trust_proposed"], events.PROPOSED),
    ],
)
def test_courses(kinds, status):
    assert events.trust_status([Event(kind) for kind in kinds]) == status


@pytest.mark.parametrize(
    "kinds",
    [["trust_paused"], ["trust_withdrawn"], ["trust_proposed", "trust_proposed"]],
)
def test_impossible_courses(kinds):
    with pytest.raises(events.TrustCourseError):
        events.trust_course([Event(kind) for kind in kinds])


def test_recorded_events_give_the_status(council, commissioner, leader):
    intervention_event_record(
        council=council,
        user=commissioner,
        kind="trust_proposed",
        occurred_on=date(2024, 7, 15),
        summary="The diagnostic report recommends a children's trust.",
    )
    intervention_event_record(
        council=council,
        user=leader,
        kind="trust_paused",
        occurred_on=date(2025, 9, 15),
        summary="The minister pauses the trust for a year.",
        period_ends_on=date(2026, 9, 15),
    )
    timeline = intervention_timeline(leader, council)
    assert timeline.trust_status == events.PAUSED
    assert timeline.trust_status_label == "Trust proposal paused"


def test_pausing_a_proposal_never_made_is_refused(council, commissioner):
    with pytest.raises(ValidationError) as refused:
        intervention_event_record(
            council=council,
            user=commissioner,
            kind="trust_paused",
            occurred_on=date(2025, 9, 15),
            summary="Paused",
        )
    assert "cannot follow" in str(refused.value)
    assert not council.intervention_events.exists()


def test_back_dated_event_must_fit_the_course(council, commissioner):
    intervention_event_record(
        council=council,
        user=commissioner,
        kind="trust_proposed",
        occurred_on=date(2024, 7, 15),
        summary="Proposed",
    )
    # A pause dated before the proposal would make the course impossible.
    with pytest.raises(ValidationError):
        intervention_event_record(
            council=council,
            user=commissioner,
            kind="trust_paused",
            occurred_on=date(2024, 1, 1),
            summary="Paused",
        )


def test_a_correction_replaces_an_event_which_is_kept(council, commissioner):
    wrong = intervention_event_record(
        council=council,
        user=commissioner,
        kind="trust_proposed",
        occurred_on=date(2024, 7, 15),
        summary="Proposed",
    )
    intervention_event_record(
        council=council,
        user=commissioner,
        kind="trust_paused",
        occurred_on=date(2025, 9, 15),
        summary="Paused",
    )
    # The proposal was in fact made on the 17th: the correction takes its place.
    intervention_event_record(
        council=council,
        user=commissioner,
        kind="trust_proposed",
        occurred_on=date(2024, 7, 17),
        summary="Proposed",
        corrects=wrong,
        correction_reason="The report is dated 17 July.",
    )
    timeline = intervention_timeline(commissioner, council)
    assert len(timeline.events) == 3
    assert [e.occurred_on for e in timeline.counted] == [date(2024, 7, 17), date(2025, 9, 15)]
    assert timeline.trust_status == events.PAUSED
    with pytest.raises(PermissionError):
        wrong.summary = "changed"
        wrong.save()


def test_correction_needs_a_reason(council, commissioner):
    wrong = intervention_event_record(
        council=council,
        user=commissioner,
        kind="direction_issued",
        occurred_on=date(2024, 1, 8),
        summary="Direction",
    )
    with pytest.raises(ValidationError):
        intervention_event_record(
            council=council,
            user=commissioner,
            kind="direction_issued",
            occurred_on=date(2024, 1, 9),
            summary="Direction",
            corrects=wrong,
        )


def test_event_is_in_history_and_audit(council, leader):
    from trajectory.audit.models import AuditEntry
    from trajectory.history.selectors import history_of

    event = intervention_event_record(
        council=council,
        user=leader,
        kind="direction_issued",
        occurred_on=date(2024, 1, 8),
        summary="Work with the Commissioner",
        issued_by="The Minister for Children",
    )
    changes = {c.field: c.after for c in history_of(leader, council, event)}
    assert changes["kind"] == "Statutory direction issued"
    assert changes["occurred_on"] == "8 January 2024"
    assert changes["issued_by"] == "The Minister for Children"
    assert AuditEntry.objects.filter(action="intervention.event.record", user=leader).exists()
