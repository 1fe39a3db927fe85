"""Audits allocated to auditors in advance (issue 11.1): a manager allocates and re-allocates,
only the allocated auditor (or a manager, before it is begun) carries the audit out, each
auditor sees the audits allocated to them, and the programme shows allocation and completion
per auditor. The programme fixture samples four children for March 2025: one per team (North,
South, Leaving care) and C8 for neglect."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.assurance.conftest import grade_all
from trajectory.assurance import selectors, services
from trajectory.assurance.models import Audit
from trajectory.audit.models import AuditEntry
from trajectory.history.models import Change
from trajectory.web.edit_conflicts import StaleEdit


def _draft(audit, user, narrative="draft"):
    return services.audit_save(
        audit=audit, user=user, answers={}, overall_grade="", narrative=narrative
    )


def test_a_manager_allocates_and_only_that_auditor_carries_the_audit_out(
    programme, people, make_user, council
):
    manager, analyst, leader = people["manager"], people["analyst"], people["leader"]
    other_analyst = make_user("analyst", council, username="analyst-two")
    audit = programme.audits.get(child_id="C8")

    services.audit_allocate(audit=audit, user=manager, auditor=analyst)

    audit.refresh_from_db()
    assert audit.auditor == analyst and audit.allocated_by == manager
    assert audit.due_on == date(2025, 3, 31)  # the programme month's last day
    entry = AuditEntry.objects.get(action="assurance.audit.allocate")
    assert entry.detail == {
        "programme": programme.pk,
        "auditor": analyst.pk,
        "previous_auditor": None,
        "due_on": "2025-03-31",
    }
    with pytest.raises(PermissionDenied):
        _draft(audit, other_analyst)
    _draft(audit, analyst)
    audit.refresh_from_db()
    assert audit.status == Audit.Status.IN_PROGRESS
    # Begun: not even a leader takes it over by saving; they re-allocate it.
    with pytest.raises(PermissionDenied):
        _draft(audit, leader)
    services.audit_allocate(audit=audit, user=manager, auditor=leader, due_on=date(2025, 4, 7))
    _draft(audit, leader, narrative="handed on")
    audit.refresh_from_db()
    assert (audit.auditor, audit.narrative, audit.due_on) == (leader, "handed on", date(2025, 4, 7))
    change = Change.objects.get(
        subject_id=audit.pk, operation="allocated", field="auditor", after="leader-990"
    )
    assert change.before == "analyst-990"


def test_a_manager_may_take_up_an_allocated_audit_not_yet_begun(programme, people):
    audit = programme.audits.get(child_id="C8")
    services.audit_allocate(audit=audit, user=people["leader"], auditor=people["analyst"])
    services.audit_save(
        audit=audit,
        user=people["manager"],
        answers=grade_all(audit),
        overall_grade="good",
        narrative="",
        submit=True,
    )
    audit.refresh_from_db()
    assert audit.auditor == people["manager"]
    entry = AuditEntry.objects.get(action="assurance.audit.submit")
    assert entry.detail["taken_from_auditor"] == people["analyst"].pk
    with pytest.raises(ValidationError):  # submitted: no longer allocated
        services.audit_allocate(audit=audit, user=people["leader"], auditor=people["analyst"])


def test_allocation_is_refused_to_and_by_those_without_the_right(
    programme, people, council, make_council, make_user
):
    elsewhere = make_council(code="991", name="Eastshire")
    outside_manager = make_user("manager", elsewhere)
    outside_analyst = make_user("analyst", elsewhere)
    audit = programme.audits.get(child_id="C8")
    for auditor in (people["board_member"], people["commissioner"], outside_analyst):
        with pytest.raises(ValidationError):
            services.audit_allocate(audit=audit, user=people["manager"], auditor=auditor)
    for user in (people["analyst"], people["board_member"], people["admin"], outside_manager):
        with pytest.raises(PermissionDenied):
            services.audit_allocate(audit=audit, user=user, auditor=people["analyst"])
    assert list(selectors.auditors_for(None, council)) == [
        people["analyst"],
        people["leader"],
        people["manager"],
    ]
    audit.refresh_from_db()
    assert audit.auditor is None
    assert not AuditEntry.objects.filter(action="assurance.audit.allocate").exists()


def test_allocated_to_me_and_completion_by_auditor(programme, people, council):
    manager, analyst, leader = people["manager"], people["analyst"], people["leader"]
    c8, leaving, north, south = (
        programme.audits.get(child_id="C8"),
        *programme.audits.filter(sample_rule="team").order_by("team"),
    )
    assert [leaving.team, north.team, south.team] == ["Leaving care", "North", "South"]
    services.audit_allocate(audit=c8, user=manager, auditor=analyst, due_on=date(2025, 3, 10))
    services.audit_allocate(audit=leaving, user=manager, auditor=analyst)
    services.audit_allocate(audit=north, user=manager, auditor=leader)
    services.audit_save(
        audit=leaving,
        user=analyst,
        answers=grade_all(leaving),
        overall_grade="good",
        narrative="",
        submit=True,
    )
    mine = selectors.allocated_to(analyst, council)
    assert [a.child_id for a in mine] == ["C8"]  # the submitted one has left the list
    assert (
        AuditEntry.objects.filter(action="child.view", detail__queue="allocated to me").count() == 1
    )

    found = selectors.allocation_by_auditor(
        people["board_member"], council, programme, today=date(2025, 3, 20)
    )
    # analyst: C8 (due 10 March, not done: overdue) and Leaving care's (done); leader: North's
    # (due 31 March, not yet overdue).
    assert found["auditors"] == [
        {"auditor": "analyst-990", "allocated": 2, "done": 1, "overdue": 1, "completed_pct": 50.0},
        {"auditor": "leader-990", "allocated": 1, "done": 0, "overdue": 0, "completed_pct": 0.0},
    ]
    assert found["unallocated"] == 1  # South's


def test_a_stale_allocation_page_changes_nothing(programme, people):
    manager, leader, analyst = people["manager"], people["leader"], people["analyst"]
    audits = list(programme.audits.order_by("pk"))
    opened = {a.pk: a.edit_version for a in audits}
    services.audit_allocate(audit=audits[1], user=leader, auditor=leader)
    with pytest.raises(StaleEdit):
        services.programme_allocate(
            programme=programme,
            user=manager,
            allocations={a.pk: (analyst, opened[a.pk]) for a in audits},
        )
    assert [a.auditor_id for a in programme.audits.order_by("pk")] == [
        None,
        leader.pk,
        None,
        None,
    ]
    changed = services.programme_allocate(
        programme=programme,
        user=manager,
        allocations={a.pk: (analyst, a.edit_version) for a in programme.audits.order_by("pk")},
    )
    assert len(changed) == 4
    assert set(programme.audits.values_list("auditor", flat=True)) == {analyst.pk}


def test_the_allocation_pages_by_role(client, council, people, programme):
    url = reverse("assurance_programme_allocate", args=[council.code, programme.pk])
    mine = reverse("assurance_mine", args=[council.code])
    audits = list(programme.audits.order_by("pk"))
    data = {"due_on-day": "28", "due_on-month": "3", "due_on-year": "2025"}
    for audit in audits:
        data[f"a{audit.pk}_version"] = str(audit.edit_version)
        data[f"a{audit.pk}_auditor"] = str(people["analyst"].pk) if audit.child_id == "C8" else ""
    for role in ("analyst", "board_member", "commissioner"):
        client.force_login(people[role])
        assert client.get(url).status_code == 403, role
        assert client.post(url, data).status_code == 403, role
    assert not programme.audits.filter(auditor__isnull=False).exists()

    client.force_login(people["manager"])
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302
    c8 = programme.audits.get(child_id="C8")
    assert (c8.auditor, c8.due_on) == (people["analyst"], date(2025, 3, 28))
    assert programme.audits.filter(auditor__isnull=True).count() == 3
    detail = client.get(reverse("assurance_programme_detail", args=[council.code, programme.pk]))
    assert b"Allocation and completion by auditor" in detail.content
    client.force_login(people["board_member"])  # the counts name no child: every role reads them
    listed = client.get(reverse("assurance_programme", args=[council.code])).content.decode()
    assert "Allocation and completion by auditor, March 2025" in listed
    assert '<th scope="row" class="govuk-table__header">analyst-990</th>' in listed

    client.force_login(people["analyst"])
    page = client.get(mine)
    assert page.status_code == 200 and b"Child C8" in page.content
    assert b"28 March 2025" in page.content
    client.force_login(people["board_member"])
    assert client.get(mine).status_code == 403
