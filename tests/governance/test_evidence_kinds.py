"""The board's records as evidence kinds, and the evidence registry's kinds as agenda subjects
(issue 11.6). Expected values worked by hand from the records made here."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from trajectory.assessment import evidence
from trajectory.escalations.evidence import counts, year_to
from trajectory.governance import services, subjects

pytestmark = pytest.mark.django_db

KIND = "test_audit_month"
RESULTS = {"990": {"2025-03": (6, 10), "2025-04": (7, 10)}, "991": {"2025-06": (1, 4)}}


def _current(council, ref, as_at):
    try:
        good, done = RESULTS[council.code][ref]
    except KeyError as missing:
        raise LookupError("No such month.") from missing
    return {
        "label": f"Test audit results, {ref}",
        "value": f"{100 * good / done:.1f}% good or better",
        "detail": f"{good} of {done} audits good or better",
        "as_at": f"{ref}-28",
        "source": {},
    }


@pytest.fixture
def audit_kind():
    kind = evidence.register(
        evidence.EvidenceKind(
            KIND,
            "Test audit results",
            lambda council: [(m, f"Audits {m}") for m in RESULTS.get(council.code, {})],
            _current,
            url=lambda council, ref: f"/test-audits/{ref}/",
        )
    )
    yield kind
    evidence.EVIDENCE_KINDS.pop(KIND, None)


@pytest.fixture
def decided(make_meeting, leader):
    meeting = make_meeting(date(2025, 2, 11), kind="external")
    item = services.item_add(meeting=meeting, user=leader, title="The schools' concerns")
    decision = services.decision_add(
        meeting=meeting, user=leader, item=item, text="Commission a review of thresholds."
    )
    action = services.board_action_add(
        meeting=meeting,
        user=leader,
        title="Report on thresholds to the next board",
        due_on=date(2025, 3, 11),
        owner_name="Head of Early Help",
        decision=decision,
    )
    return meeting, decision, action


# The board's own records --------------------------------------------------------------------


def test_the_board_kinds_are_registered_by_the_app():
    assert evidence.get("board_decision").label == "Board decision"
    assert evidence.get("board_action").label == "Board action"
    assert evidence.get("escalation_theme").label == "Partner concerns by theme"


def test_a_decision_snapshot_has_its_text_meeting_and_date(council, decided):
    meeting, decision, _ = decided
    ref = str(decision.pk)
    assert evidence.choice_label(council, "board_decision", ref) == (
        "Children's Improvement Board, 11 February 2025: Commission a review of thresholds."
    )
    shown = evidence.current(council, "board_decision", ref, date(2025, 3, 31))
    assert shown["label"] == "Decision of the Children's Improvement Board, 11 February 2025"
    assert shown["value"] == "Commission a review of thresholds."
    assert shown["detail"] == (
        "Children's Improvement Board, meeting of 11 February 2025 (external (with partners)); "
        "agenda item 1, The schools' concerns"
    )
    assert shown["as_at"] == "2025-02-11"
    assert evidence.url(council, "board_decision", ref) == (
        f"/councils/{council.code}/governance/meetings/{meeting.pk}/#decisions"
    )


def test_a_board_action_snapshot_has_its_status_and_rag(council, decided, settings):
    _, _, action = decided
    settings.TRAJECTORY_TODAY = "2025-06-30"
    ref = str(action.pk)
    # Due 11 March 2025, not started: on 1 March it is due within 14 days (slipping); on
    # 31 March it is past due (overdue). A date after the plan's today is read at today.
    early = evidence.current(council, "board_action", ref, date(2025, 3, 1))
    assert early["value"] == "Slipping" and early["as_at"] == "2025-03-01"
    late = evidence.current(council, "board_action", ref, date(2025, 3, 31))
    assert late["value"] == "Overdue"
    assert late["detail"].startswith(
        "Not started, due 11 March 2025, owner Head of Early Help; raised at the "
    )
    assert evidence.current(council, "board_action", ref, date(2026, 1, 1))["as_at"] == (
        "2025-06-30"
    )


def test_another_councils_board_records_are_not_its_choices(make_council, decided):
    _, decision, action = decided
    other = make_council("991", "Eastshire")
    assert not evidence.is_choice(other, "board_decision", str(decision.pk))
    assert not evidence.is_choice(other, "board_action", str(action.pk))
    assert evidence.current(other, "board_decision", str(decision.pk), date(2025, 3, 1))[
        "value"
    ] == ("Not found")


def _concern(council, number, raised_on, *, theme="thresholds", sent_on=None, outcome=""):
    from trajectory.escalations.models import Concern

    return Concern.objects.create(
        council=council,
        number=number,
        raised_by_name="A headteacher",
        partner_kind="school",
        raised_on=raised_on,
        about="theme",
        theme=theme,
        summary="Referrals are not accepted.",
        response_sent_on=sent_on,
        review_outcome=outcome,
        reviewed_on=sent_on if outcome else None,
        status="closed" if sent_on else "open",
    )


def test_escalation_theme_counts_twelve_months_as_they_stood(council):
    as_at = date(2025, 3, 31)
    assert year_to(as_at) == date(2024, 4, 1)
    _concern(council, 1, date(2024, 3, 31))  # the day before the 12 months: not counted
    # Raised on Easter Monday 1 April 2024 (counted from Thursday 28 March, Good Friday being a
    # bank holiday too), answered Monday 29 April: 2 to 5 April, three full weeks and the 29th
    # are 20 working days, within the standard.
    _concern(council, 2, date(2024, 4, 1), sent_on=date(2024, 4, 29), outcome="upheld")
    # Raised Tuesday 1 October 2024, answered Tuesday 5 November 2024: 25 working days.
    _concern(council, 3, date(2024, 10, 1), sent_on=date(2024, 11, 5), outcome="not_upheld")
    _concern(council, 4, date(2025, 3, 3), sent_on=date(2025, 4, 7))  # answered after as_at
    _concern(council, 5, date(2025, 3, 31))
    _concern(council, 6, date(2025, 1, 6), theme="communication")
    assert counts(council, "thresholds", as_at) == {
        "raised": 4,
        "responded": 2,
        "within_standard": 1,
        "upheld": 1,
        "partly_upheld": 0,
        "not_upheld": 1,
    }
    shown = evidence.current(council, "escalation_theme", "thresholds", as_at)
    assert shown["label"] == "Partner concerns: Thresholds"
    assert shown["value"] == "4 raised in 12 months"
    assert shown["detail"] == (
        "1 April 2024 to 31 March 2025; 2 answered by then, 1 within 20 working days; "
        "reviews: 1 upheld, 0 partly upheld, 1 not upheld"
    )
    assert "child" not in str(shown).lower()
    assert evidence.url(council, "escalation_theme", "thresholds") == (
        f"/councils/{council.code}/escalations/themes/"
    )


# The registry's kinds as agenda subjects ----------------------------------------------------


def test_registry_kinds_are_offered_as_subjects_without_doubles(council, plan, audit_kind):
    groups = dict(subjects.choices(council))
    assert groups["Test audit results"] == [
        (f"{KIND}:2025-03", "Audits 2025-03"),
        (f"{KIND}:2025-04", "Audits 2025-04"),
    ]
    # Indicators and priorities are offered once, as the subjects they were ("priority:" values,
    # not the registry's "plan_priority:"); Ofsted's records come from the registry.
    choices = subjects.choices(council)
    labels = [label for label, _ in choices]
    assert labels[:2] == ["Indicator", "Plan priority"]
    assert labels.count("Indicator") == 1 and labels.count("Plan priority") == 1
    assert {"Ofsted inspection or visit", "Ofsted finding", "Test audit results"} <= set(labels)
    values = [value for _, options in choices for value, _ in options]
    assert f"priority:{plan.priorities.first().pk}" in values
    assert not [value for value in values if value.startswith(("plan_priority:", "plan_action:"))]


def test_an_agenda_item_discusses_a_registry_record(
    council, make_meeting, leader, board_member, audit_kind
):
    meeting = make_meeting(date(2025, 5, 13))
    item = services.item_add(
        meeting=meeting, user=leader, title="Audit results", subject=f"{KIND}:2025-04"
    )
    assert (item.subject_kind, item.subject_ref) == (KIND, "2025-04")
    found = subjects.resolve(council, KIND, "2025-04")
    assert (found.kind.label, found.label, found.url) == (
        "Test audit results",
        "Test audit results, 2025-04",
        "/test-audits/2025-04/",
    )
    client = Client()
    client.force_login(board_member)
    page = client.get(f"/councils/{council.code}/governance/meetings/{meeting.pk}/")
    assert (
        'Discusses test audit results: <a class="govuk-link" href="/test-audits/2025-04/">'
        "Test audit results, 2025-04</a>"
    ) in page.content.decode()


@pytest.mark.parametrize(
    "subject",
    [
        f"{KIND}:2025-06",  # the other council's month
        f"{KIND}:2025-09",  # no such month
        "no_such_kind:1",  # not registered
        "plan_priority:1",  # offered as "priority", not twice
    ],
)
def test_an_item_cannot_discuss_a_record_not_the_councils(
    make_council, make_meeting, leader, audit_kind, subject
):
    make_council("991", "Eastshire")
    meeting = make_meeting(date(2025, 5, 13))
    with pytest.raises(ValidationError):
        services.item_add(meeting=meeting, user=leader, title="x", subject=subject)


def test_a_crafted_post_citing_another_councils_record_is_refused(
    council, make_meeting, leader, audit_kind
):
    from trajectory.governance.models import AgendaItem

    meeting = make_meeting(date(2025, 5, 13))
    client = Client()
    client.force_login(leader)
    response = client.post(
        f"/councils/{council.code}/governance/meetings/{meeting.pk}/items/add/",
        {"title": "Audits", "subject": f"{KIND}:2025-06"},
    )
    assert response.status_code == 200
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


def test_a_kind_gone_from_the_registry_leaves_the_item_without_a_subject(
    council, make_meeting, leader, audit_kind
):
    meeting = make_meeting(date(2025, 5, 13))
    services.item_add(meeting=meeting, user=leader, title="Audits", subject=f"{KIND}:2025-03")
    evidence.EVIDENCE_KINDS.pop(KIND)
    assert subjects.resolve(council, KIND, "2025-03") is None


# The demo ----------------------------------------------------------------------------------


def test_the_demo_cites_records_on_the_plan_and_the_board(
    council, plan, leader, commissioner, audit_kind, monkeypatch
):
    from trajectory.governance.models import AgendaItem
    from trajectory.plans.models import EvidenceLink
    from trajectory.synth import demo_evidence
    from trajectory.synth.demo_governance import governance_demo

    users = {"leader": leader, "commissioner": commissioner}
    governance_demo(council, users)
    monkeypatch.setattr(
        demo_evidence, "PLAN_CITATIONS", (("oversight", KIND, 1, "April's audits"),)
    )
    monkeypatch.setattr(
        demo_evidence,
        "BOARD_ITEMS",
        (
            ("Case audit results", KIND, 0, ""),
            ("Schools' concerns about thresholds", "escalation_theme", None, "thresholds"),
            ("Not registered", "no_such_kind", 0, ""),
        ),
    )
    demo_evidence.evidence_demo(council, users)
    demo_evidence.evidence_demo(council, users)  # once only

    # The conftest plan's priority 2 is "Management oversight is not effective."; the second
    # month offered is 2025-04.
    link = EvidenceLink.objects.get(kind="record")
    assert (link.priority.number, link.record_kind, link.record_ref) == (2, KIND, "2025-04")
    items = AgendaItem.objects.filter(subject_kind__in=[KIND, "escalation_theme"])
    assert sorted((item.title, item.subject_ref) for item in items) == [
        ("Case audit results", "2025-03"),
        ("Schools' concerns about thresholds", "thresholds"),
    ]
    latest = items.first().meeting
    assert latest.held_on == max(AgendaItem.objects.values_list("meeting__held_on", flat=True))
