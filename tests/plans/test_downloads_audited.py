"""Copies of the plan and of cited documents are audited by the plan's downloads module, not by
the views (issue 7.23): each download is one audit entry naming who, what and the format."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse

from trajectory.audit.models import AuditEntry
from trajectory.plans import downloads, services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_each_export_is_one_audit_entry_with_its_format(council, plan, manager, settings):
    settings.TRAJECTORY_TODAY = "2025-06-30"
    client = Client()
    client.force_login(manager)
    for kind in ("xlsx", "docx"):
        response = client.get(reverse(f"plan_export_{kind}", args=[council.code, plan.pk]))
        assert response.status_code == 200
    entries = AuditEntry.objects.filter(action="plan.export").order_by("id")
    assert [(e.username, e.object_id, e.detail) for e in entries] == [
        (manager.username, str(plan.pk), {"format": "xlsx"}),
        (manager.username, str(plan.pk), {"format": "docx"}),
    ]


def test_the_service_audits_without_a_request(council, plan, make_user):
    reader = make_user("board_member", council)
    content = downloads.plan_export(reader, plan, kind="docx", today=plan.final_due_on)
    assert content.startswith(b"PK")  # a DOCX is a zip
    assert AuditEntry.objects.get(action="plan.export").username == reader.username


def test_a_document_download_is_audited_once(council, plan, manager):
    action = services.action_create(
        priority=plan.priorities.first(), user=manager, title="Audit", due_on=plan.final_due_on
    )
    link = services.evidence_document_add(
        user=manager, action=action, file=io.BytesIO(PDF), name="audit.pdf"
    )
    client = Client()
    client.force_login(manager)
    response = client.get(reverse("document_download", args=[council.code, link.document.pk]))
    assert b"".join(response.streaming_content) == PDF
    viewed = AuditEntry.objects.get(action="plan.document.view")
    assert viewed.object_id == str(link.document.pk) and viewed.username == manager.username
