"""A plan action or priority cites any record of the assessment evidence registry (issue 11.6):
an audit result, a survey result, an engagement event, a board decision. The kind used here is
registered by the test (an audit-result-like kind with known figures) and removed after, so
the expectations are worked by hand and do not depend on which apps have registered kinds."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from trajectory.assessment import evidence
from trajectory.plans import services
from trajectory.plans.forms import EvidenceForm
from trajectory.plans.history import evidence_text
from trajectory.plans.models import ChangeRecord, EvidenceLink

pytestmark = pytest.mark.django_db

KIND = "test_audit_month"
# Per council code: the months with results, and the share good or better in each.
RESULTS = {"990": {"2025-03": (6, 10), "2025-04": (7, 10)}, "991": {"2025-03": (1, 4)}}


def _choices(council):
    return [(month, f"Test audit results, {month}") for month in RESULTS.get(council.code, {})]


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
        "source": {"month": ref},
    }


@pytest.fixture
def audit_kind():
    kind = evidence.register(
        evidence.EvidenceKind(
            KIND,
            "Test audit results",
            _choices,
            _current,
            url=lambda council, ref: f"/test-audits/{council.code}/{ref}/",
        )
    )
    yield kind
    evidence.EVIDENCE_KINDS.pop(KIND, None)


@pytest.fixture
def action(plan, manager):
    return services.action_create(
        priority=plan.priorities.first(),
        user=manager,
        title="Audit supervision",
        due_on=date(2025, 9, 30),
    )


@pytest.fixture
def browser(manager):
    client = Client()
    client.force_login(manager)
    return client


def _add_url(council, action):
    return reverse("action_evidence_add", args=[council.code, action.pk])


def test_form_offers_records_grouped_by_kind_without_first_class_kinds(council, audit_kind):
    form = EvidenceForm(council=council)
    groups = dict(form.fields["record"].choices[1:])
    assert groups["Test audit results"] == [
        (f"{KIND}:2025-03", "Test audit results, 2025-03"),
        (f"{KIND}:2025-04", "Test audit results, 2025-04"),
    ]
    # Indicators, findings and documents are cited by their own fields, not twice.
    assert "Indicator" not in groups
    assert "Ofsted finding" not in groups
    assert "Document" not in groups


def test_citing_a_record_on_an_action_shows_its_snapshot(
    council, action, browser, audit_kind, settings
):
    settings.TRAJECTORY_TODAY = "2025-05-15"
    page = browser.get(_add_url(council, action))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<optgroup label="Test audit results">' in html
    assert f'value="{KIND}:2025-04"' in html

    response = browser.post(
        _add_url(council, action),
        {"kind": "record", "record": f"{KIND}:2025-04", "note": "April's audits"},
    )
    assert response.status_code == 302
    link = EvidenceLink.objects.get(action=action)
    assert (link.kind, link.record_kind, link.record_ref) == ("record", KIND, "2025-04")
    assert link.record_label == "Test audit results, 2025-04"

    html = browser.get(reverse("action_detail", args=[council.code, action.pk])).content.decode()
    # 7 of 10 good or better is 70.0%, at the month's date as the kind gives it.
    assert "<strong>Test audit results:</strong>" in html
    assert '<a class="govuk-link" href="/test-audits/990/2025-04/">' in html
    assert "<strong>70.0% good or better</strong> at 28 April 2025" in html
    assert "7 of 10 audits good or better" in html
    assert "April&#x27;s audits" in html


def test_history_and_audit_name_the_record(council, action, manager, audit_kind):
    from trajectory.audit.models import AuditEntry

    link = services.evidence_link_add(
        user=manager, action=action, kind="record", cited_record=f"{KIND}:2025-03"
    )
    assert evidence_text(link) == "Test audit results: Test audit results, 2025-03"
    change = ChangeRecord.objects.get(operation="evidence added")
    assert change.after == "Test audit results: Test audit results, 2025-03"
    entry = AuditEntry.objects.filter(action="plan.evidence.add").latest("id")
    assert entry.detail["record_kind"] == KIND and entry.detail["record_ref"] == "2025-03"

    services.evidence_link_remove(link=link, user=manager)
    removed = ChangeRecord.objects.get(operation="evidence removed")
    assert removed.before == "Test audit results: Test audit results, 2025-03"


def test_the_snapshot_follows_the_record(council, action, manager, audit_kind, monkeypatch):
    link = services.evidence_link_add(
        user=manager, action=action, kind="record", cited_record=f"{KIND}:2025-03"
    )
    monkeypatch.setitem(RESULTS["990"], "2025-03", (9, 10))
    assert EvidenceLink.objects.get(pk=link.pk).record_now["value"] == "90.0% good or better"


def test_a_kind_gone_from_the_registry_says_so(council, action, manager, audit_kind):
    link = services.evidence_link_add(
        user=manager, action=action, kind="record", cited_record=f"{KIND}:2025-03"
    )
    evidence.EVIDENCE_KINDS.pop(KIND)
    shown = EvidenceLink.objects.get(pk=link.pk).record_now
    assert shown["value"] == "Not found"
    assert shown["url"] == ""
    # The history still names what was cited, by the label it was chosen by.
    assert evidence_text(link) == "Record: Test audit results, 2025-03"


@pytest.mark.parametrize(
    "record",
    [
        "no_such_kind:1",  # not registered
        f"{KIND}:2025-09",  # registered, but no such month
        "indicator:cla_rate",  # a first-class kind: cited by its own field
        f"{KIND}:",
        "",
    ],
)
def test_service_refuses_what_is_not_a_record_of_this_council(
    council, action, manager, audit_kind, record
):
    with pytest.raises(ValidationError) as refused:
        services.evidence_link_add(user=manager, action=action, kind="record", cited_record=record)
    assert "record" in refused.value.message_dict
    assert not EvidenceLink.objects.exists()


def test_service_refuses_another_councils_record(
    make_council, council, action, manager, audit_kind
):
    make_council("991", "Eastshire")
    # 2025-03 is a month of both councils; 2025-04 is only this council's. A ref only the other
    # council holds is refused: choices are read for the plan's council.
    RESULTS["991"]["2025-06"] = (2, 4)
    try:
        with pytest.raises(ValidationError):
            services.evidence_link_add(
                user=manager, action=action, kind="record", cited_record=f"{KIND}:2025-06"
            )
    finally:
        del RESULTS["991"]["2025-06"]
    assert not EvidenceLink.objects.exists()


@pytest.mark.parametrize("record", ["no_such_kind:1", f"{KIND}:2025-09", "finding:1"])
def test_crafted_post_is_refused(council, action, browser, audit_kind, record):
    response = browser.post(_add_url(council, action), {"kind": "record", "record": record})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not EvidenceLink.objects.exists()


def test_choosing_no_record_is_refused(council, action, browser, audit_kind):
    response = browser.post(_add_url(council, action), {"kind": "record", "record": ""})
    assert response.status_code == 200
    assert "Choose a record." in response.content.decode()
    assert not EvidenceLink.objects.exists()


def test_a_role_that_does_not_edit_the_plan_is_refused(council, action, make_user, audit_kind):
    client = Client()
    client.force_login(make_user("board_member", council))
    response = client.post(
        _add_url(council, action), {"kind": "record", "record": f"{KIND}:2025-03"}
    )
    assert response.status_code == 403
    assert not EvidenceLink.objects.exists()


def test_a_priority_cites_a_record(council, plan, manager, audit_kind, settings):
    priority = plan.priorities.first()
    link = services.evidence_link_add(
        user=manager, priority=priority, kind="record", cited_record=f"{KIND}:2025-04"
    )
    client = Client()
    client.force_login(manager)
    html = client.get(reverse("priority_detail", args=[council.code, priority.pk])).content
    assert "<strong>70.0% good or better</strong> at 28 April 2025" in html.decode()
    assert link.priority == priority
