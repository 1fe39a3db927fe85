"""Logging and working a concern through the services: stages, review, response, history and
the audit log; refusals for the wrong role and for a stale form."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trajectory.audit.models import AuditEntry
from trajectory.escalations import selectors, services
from trajectory.escalations.models import Concern, ConcernChild
from trajectory.history.models import Change
from trajectory.web.edit_conflicts import StaleEdit

pytestmark = pytest.mark.django_db


def test_a_concern_starts_at_stage_one_on_the_day_raised(log_concern):
    concern = log_concern(raised_on=date(2026, 3, 2))
    step = concern.steps.get()
    assert (step.number, step.reached_on, step.closed_on) == (1, date(2026, 3, 2), None)
    assert concern.number == 1
    assert concern.reference == "Concern 1"


def test_the_full_journey_and_its_history(log_concern, manager, leader):
    concern = log_concern(raised_on=date(2026, 1, 5), child_identifiers=["C100001"])
    services.concern_escalate(
        concern=concern, user=manager, on=date(2026, 1, 12), note="No reply from the team"
    )
    services.concern_escalate(concern=concern, user=leader, on=date(2026, 1, 16))
    services.concern_review_record(
        concern=concern,
        user=leader,
        outcome=Concern.Outcome.NOT_UPHELD,
        findings="The case was well evidenced.",
        reviewed_on=date(2026, 1, 26),
    )
    services.concern_response_record(
        concern=concern, user=leader, sent_on=date(2026, 1, 30), summary="We wrote to the head."
    )
    concern.refresh_from_db()
    assert concern.status == Concern.Status.CLOSED
    steps = list(concern.steps.order_by("number").values_list("number", "reached_on", "closed_on"))
    assert steps == [
        (1, date(2026, 1, 5), date(2026, 1, 12)),
        (2, date(2026, 1, 12), date(2026, 1, 16)),
        (3, date(2026, 1, 16), date(2026, 1, 30)),
    ]
    row = selectors.concern_row(concern, date(2026, 3, 31))
    # 5 January to 30 January: 19 working days, within the standard of 20.
    assert (row.response_working_days, row.within_standard, row.overdue) == (19, True, False)

    changes = Change.objects.filter(subject_type="escalations.concern", subject_id=concern.pk)
    operations = set(changes.values_list("operation", flat=True))
    assert operations == {"logged", "escalated", "reviewed", "responded"}
    stages = list(
        changes.filter(field="stage", operation="escalated")
        .order_by("id")
        .values_list("before", "after", "reason")
    )
    assert stages == [
        (
            "Stage 1: Practitioner to practitioner",
            "Stage 2: Team managers",
            "No reply from the team",
        ),
        ("Stage 2: Team managers", "Stage 3: Heads of service", ""),
    ]
    assert changes.get(field="review_outcome").after == "Not upheld"
    assert changes.get(field="children").after == "1 child named"
    # No identifier in the history or the audit log.
    for change in changes:
        assert "C100001" not in change.before + change.after + change.reason
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions[-5:] == [
        "concern.log",
        "concern.escalate",
        "concern.escalate",
        "concern.review",
        "concern.respond",
    ]
    assert all("C100001" not in str(entry.detail) for entry in AuditEntry.objects.all())


@pytest.mark.parametrize("role", ["board_member", "analyst", "commissioner", "region"])
def test_only_managers_and_leaders_log_and_work_concerns(role, council, make_user, log_concern):
    concern = log_concern()
    reader = make_user(role, council)
    with pytest.raises(PermissionDenied):
        log_concern(user=reader)
    with pytest.raises(PermissionDenied):
        services.concern_escalate(concern=concern, user=reader, on=date(2026, 1, 6))
    with pytest.raises(PermissionDenied):
        services.concern_review_record(
            concern=concern,
            user=reader,
            outcome="upheld",
            findings="x",
            reviewed_on=date(2026, 1, 6),
        )
    with pytest.raises(PermissionDenied):
        services.concern_update(concern=concern, user=reader, summary="Changed")
    assert Concern.objects.count() == 1


def test_the_response_needs_the_review_first(log_concern, manager):
    concern = log_concern()
    with pytest.raises(ValidationError, match="review"):
        services.concern_response_record(
            concern=concern, user=manager, sent_on=date(2026, 1, 9), summary="Reply"
        )


def test_the_review_is_not_changed_once_the_response_has_gone(log_concern, manager):
    """The response told the partner what the review found: once it is sent (the concern
    closed), the outcome the partner was told is not changed, by form or crafted POST."""
    concern = log_concern(raised_on=date(2026, 1, 5))
    services.concern_review_record(
        concern=concern,
        user=manager,
        outcome=Concern.Outcome.UPHELD,
        findings="The referral should have been accepted.",
        reviewed_on=date(2026, 1, 20),
    )
    services.concern_response_record(
        concern=concern, user=manager, sent_on=date(2026, 1, 22), summary="We apologised."
    )
    concern.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        services.concern_review_record(
            concern=concern,
            user=manager,
            outcome=Concern.Outcome.NOT_UPHELD,
            findings="Changed our minds.",
            reviewed_on=date(2026, 1, 21),
        )
    concern.refresh_from_db()
    assert concern.review_outcome == Concern.Outcome.UPHELD


def test_no_stage_past_the_last(log_concern, manager):
    concern = log_concern(raised_on=date(2026, 1, 5))
    for day in (6, 7, 8):
        services.concern_escalate(concern=concern, user=manager, on=date(2026, 1, day))
    with pytest.raises(ValidationError, match="last stage"):
        services.concern_escalate(concern=concern, user=manager, on=date(2026, 1, 9))


def test_dates_cannot_be_in_the_future_or_before_the_stage(log_concern, manager):
    concern = log_concern(raised_on=date(2026, 1, 5))
    with pytest.raises(ValidationError):
        services.concern_escalate(concern=concern, user=manager, on=date(2026, 1, 2))
    with pytest.raises(ValidationError):
        services.concern_escalate(concern=concern, user=manager, on=date(2026, 4, 1))
    with pytest.raises(ValidationError):
        log_concern(raised_on=date(2026, 4, 1))


def test_a_concern_is_assigned_to_someone_who_may_work_it(log_concern, council, make_user):
    with pytest.raises(ValidationError):
        log_concern(assigned_to=make_user("board_member", council))


def test_a_stale_form_is_refused(log_concern, manager, leader):
    concern = log_concern()
    opened = concern.edit_version
    services.concern_update(
        concern=concern, user=leader, opened_version=opened, summary="Leader's words"
    )
    with pytest.raises(StaleEdit):
        services.concern_update(
            concern=Concern.objects.get(pk=concern.pk),
            user=manager,
            opened_version=opened,
            summary="Manager's words",
        )
    assert Concern.objects.get(pk=concern.pk).summary == "Leader's words"


def test_naming_children_needs_view_child_level(log_concern, council, make_user):
    concern = log_concern()
    services.concern_child_add(
        concern=concern, user=make_user("leader", council, "dcs"), child_identifier="C100002"
    )
    assert list(ConcernChild.objects.values_list("child_identifier", flat=True)) == ["C100002"]


def test_children_are_read_only_by_the_entitled_and_audited(
    log_concern, council, manager, board_member
):
    concern = log_concern(child_identifiers=["C100003", "C100004"])
    assert selectors.concern_children(manager, council, concern) == ["C100003", "C100004"]
    entry = AuditEntry.objects.filter(action="child.view").get()
    assert entry.detail == {"concern": concern.number, "rows": 2}
    with pytest.raises(PermissionDenied):
        selectors.concern_children(board_member, council, concern)
    assert AuditEntry.objects.filter(action="child.view").count() == 1
