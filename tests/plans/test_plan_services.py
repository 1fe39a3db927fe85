"""Writes to the plan: priorities from findings, edits with before/after history, updates,
evidence and document uploads."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trajectory.audit.models import AuditEntry
from trajectory.plans import services
from trajectory.plans.documents import DocumentRefused
from trajectory.plans.models import Action, ChangeRecord, Document, EvidenceLink

pytestmark = pytest.mark.django_db


def test_create_from_inspection_makes_one_priority_per_area_for_improvement(plan, inspection):
    priorities = list(plan.priorities.order_by("number"))
    assert [p.number for p in priorities] == [1, 2, 3]
    assert [p.finding.text for p in priorities] == [
        "Social worker caseloads are too high.",
        "Management oversight is not effective.",
        "Permanence planning is too slow.",
    ]
    assert all(p.finding.inspection == inspection for p in priorities)
    assert plan.final_due_on == date(2019, 8, 15)  # 70 working days after 8 May 2019
    assert AuditEntry.objects.filter(action="plan.create", object_id=str(plan.pk)).exists()
    assert (
        ChangeRecord.objects.filter(plan=plan, object_type="Priority", operation="created").count()
        == 6
    )  # title + finding


def test_priority_actions_come_first(make_inspection, council, manager):
    inspection = make_inspection(
        council,
        kind="focused_visit",
        overall=None,
        areas=("Return interviews are late.",),
        priority_actions=("Strategy meetings are not held.",),
    )
    plan = services.plan_create_from_inspection(
        council=council, user=manager, inspection=inspection
    )
    assert [p.title for p in plan.priorities.order_by("number")] == [
        "Strategy meetings are not held.",
        "Return interviews are late.",
    ]
    # Published 8 May 2019: 20 working days (27 May is a bank holiday) for the draft, 70 for
    # the final plan.
    assert (plan.draft_due_on, plan.final_due_on) == (date(2019, 6, 6), date(2019, 8, 15))


def test_inspection_without_areas_for_improvement_is_refused(make_inspection, council, manager):
    inspection = make_inspection(council, areas=())
    with pytest.raises(ValidationError):
        services.plan_create_from_inspection(council=council, user=manager, inspection=inspection)


def test_another_councils_inspection_is_refused(make_inspection, make_council, council, manager):
    other = make_inspection(make_council("991", "Eastshire"))
    with pytest.raises(ValidationError):
        services.plan_create_from_inspection(council=council, user=manager, inspection=other)


@pytest.mark.parametrize("role", ["commissioner", "board_member", "analyst", "region"])
def test_readers_cannot_write(role, make_user, council, inspection, plan):
    reader = make_user(role, council)
    priority = plan.priorities.first()
    with pytest.raises(PermissionDenied):
        services.plan_create_from_inspection(council=council, user=reader, inspection=inspection)
    with pytest.raises(PermissionDenied):
        services.action_create(priority=priority, user=reader, title="x", due_on=date(2025, 1, 1))
    with pytest.raises(PermissionDenied):
        services.priority_update(priority=priority, user=reader, title="changed")
    assert plan.priorities.first().title != "changed"


def test_action_update_records_before_and_after_per_field(plan, manager):
    priority = plan.priorities.first()
    action = services.action_create(
        priority=priority,
        user=manager,
        title="Recruit 50 workers",
        due_on=date(2025, 6, 30),
        owner=manager,
    )
    assert action.reference == "1.1"
    services.action_update(
        action=action, user=manager, due_on=date(2025, 9, 30), status=Action.Status.IN_PROGRESS
    )
    changes = {
        c.field: c
        for c in ChangeRecord.objects.filter(
            object_type="Action", object_id=action.pk, operation="changed"
        )
    }
    assert set(changes) == {"due_on", "status"}
    assert (changes["due_on"].before, changes["due_on"].after) == ("2025-06-30", "2025-09-30")
    assert (changes["status"].before, changes["status"].after) == ("Not started", "In progress")
    assert changes["status"].username == manager.username
    assert AuditEntry.objects.filter(action="plan.action.update").count() == 1


def test_priority_update_records_changed_fields_and_refuses_others(plan, manager):
    priority = plan.priorities.first()
    services.priority_update(
        priority=priority, user=manager, title=priority.title, lead_name="Head of service"
    )
    change = ChangeRecord.objects.get(object_type="Priority", operation="changed")
    assert (change.field, change.before, change.after) == ("lead_name", "", "Head of service")
    entry = AuditEntry.objects.get(action="plan.priority.update")
    assert entry.detail == {"fields": ["lead_name"]}
    with pytest.raises(TypeError):
        services.priority_update(priority=priority, user=manager, number=9)


def test_completing_an_action_dates_it(plan, manager):
    action = services.action_create(
        priority=plan.priorities.first(), user=manager, title="A", due_on=date(2025, 6, 30)
    )
    services.action_update(action=action, user=manager, status="complete", today=date(2025, 5, 1))
    action.refresh_from_db()
    assert action.completed_on == date(2025, 5, 1)


def test_dependencies_cannot_loop(plan, manager):
    priority = plan.priorities.first()
    first = services.action_create(
        priority=priority, user=manager, title="A", due_on=date(2025, 6, 30)
    )
    second = services.action_create(
        priority=priority, user=manager, title="B", due_on=date(2025, 7, 30), depends_on=[first]
    )
    with pytest.raises(ValidationError):
        services.action_update(action=first, user=manager, depends_on=[second])
    assert ChangeRecord.objects.filter(
        object_id=second.pk, field="depends_on", after="1.1"
    ).exists()


def test_change_records_cannot_be_altered(plan):
    change = ChangeRecord.objects.filter(plan=plan).first()
    change.after = "tampered"
    with pytest.raises(PermissionError):
        change.save()
    with pytest.raises(PermissionError):
        change.delete()


def test_progress_update_snapshots_status_and_can_change_it(plan, manager):
    action = services.action_create(
        priority=plan.priorities.first(), user=manager, title="A", due_on=date(2025, 6, 30)
    )
    update = services.progress_update_post(
        action=action,
        user=manager,
        narrative="Recruitment campaign launched.",
        progress="on_track",
        status="in_progress",
        today=date(2025, 4, 17),
    )
    action.refresh_from_db()
    assert action.status == "in_progress"
    assert update.status == "in_progress"
    assert update.month == date(2025, 4, 1)
    assert update.on == date(2025, 4, 17)
    assert ChangeRecord.objects.filter(
        object_id=action.pk, field="status", after="In progress"
    ).exists()
    assert ChangeRecord.objects.filter(object_id=action.pk, field="progress update").exists()


def test_evidence_add_and_remove_keeps_history(plan, manager, inspection):
    action = services.action_create(
        priority=plan.priorities.first(), user=manager, title="A", due_on=date(2025, 6, 30)
    )
    link = services.evidence_link_add(
        user=manager, action=action, kind="indicator", indicator_id="cla_missing_pct"
    )
    finding = inspection.findings.first()
    services.evidence_link_add(user=manager, action=action, kind="finding", finding=finding)
    with pytest.raises(ValidationError):
        services.evidence_link_add(
            user=manager, action=action, kind="indicator", indicator_id="no_such_indicator"
        )
    services.evidence_link_remove(link=link, user=manager)
    link.refresh_from_db()
    assert link.removed_at is not None and link.removed_by == manager
    assert EvidenceLink.objects.filter(action=action, removed_at__isnull=True).count() == 1
    removed = ChangeRecord.objects.get(object_id=action.pk, operation="evidence removed")
    assert removed.before == "Indicator: Children who went missing" and removed.after == ""


def test_milestone_on_priority_and_achieved(plan, manager):
    priority = plan.priorities.first()
    milestone = services.milestone_add(
        user=manager, priority=priority, title="Caseloads < 18", due_on=date(2025, 3, 31)
    )
    services.milestone_update(milestone=milestone, user=manager, achieved_on=date(2025, 3, 1))
    change = ChangeRecord.objects.get(
        object_type="Milestone", field="achieved_on", operation="changed"
    )
    assert (change.before, change.after) == ("", "2025-03-01")


# Documents -----------------------------------------------------------------------------------


def _docx_bytes() -> bytes:
    from docx import Document as WordDocument

    out = io.BytesIO()
    word = WordDocument()
    word.add_paragraph("Audit of supervision, March 2025")
    word.save(out)
    return out.getvalue()


def _store(plan, manager, data: bytes, name: str) -> Document:
    """Store a document the way the product does: cited as evidence on an action, in one step."""
    priority = plan.priorities.first()
    action = priority.actions.first() or services.action_create(
        priority=priority, user=manager, title="Audit supervision", due_on=date(2025, 6, 30)
    )
    return services.evidence_document_add(
        user=manager, action=action, file=io.BytesIO(data), name=name
    ).document


def test_pdf_and_docx_upload_stored_once_by_hash(plan, manager, council, settings):
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    document = _store(plan, manager, pdf, "audit.pdf")
    again = _store(plan, manager, pdf, "copy.pdf")
    assert again.pk == document.pk
    path = settings.TRAJECTORY_STORAGE / council.code / "documents" / f"{document.sha256}.pdf"
    assert path.read_bytes() == pdf
    assert document.content_type == "application/pdf" and document.size == len(pdf)
    word = _store(plan, manager, _docx_bytes(), "audit.docx")
    assert word.storage_key.endswith(".docx")
    assert Document.objects.count() == 2


def test_non_pdf_renamed_pdf_is_refused(plan, manager):
    with pytest.raises(DocumentRefused):
        _store(plan, manager, b"MZ\x90\x00 not really a pdf", "report.pdf")
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("hello.txt", "plain zip")
    with pytest.raises(DocumentRefused):
        _store(plan, manager, zipped.getvalue(), "report.docx")
    with pytest.raises(DocumentRefused):  # a real PDF with the wrong name
        _store(plan, manager, b"%PDF-1.7 ...", "report.docx")
    assert Document.objects.count() == 0


def test_oversize_document_is_refused(plan, manager, settings):
    settings.TRAJECTORY_MAX_DOCUMENT_BYTES = 1024
    with pytest.raises(DocumentRefused, match="larger than"):
        _store(plan, manager, b"%PDF-1.4" + b"0" * 2000, "big.pdf")
    assert Document.objects.count() == 0
    assert not list((settings.TRAJECTORY_STORAGE).glob("**/*.pdf"))


def test_default_limit_is_20_megabytes():
    from trajectory.plans.documents import max_bytes

    assert max_bytes() == 20 * 1024 * 1024
