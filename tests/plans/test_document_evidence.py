"""Storing a document and citing it is one service and one transaction (issue 7.23).

Before, the view stored the document (one transaction) and then linked it (another), so a link
that failed left a Document row and its file that nothing cited. The failure here is a real
one: the database refuses the evidence row (a temporary SQLite trigger, as a full disk would).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.test import Client
from django.urls import reverse

from trajectory.plans import services
from trajectory.plans.models import Document, EvidenceLink

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
TRIGGER = "refuse_evidence"
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the trigger is SQLite's")


@pytest.fixture
def action(plan, manager):
    return services.action_create(
        priority=plan.priorities.first(),
        user=manager,
        title="Audit supervision",
        due_on=date(2025, 9, 30),
    )


def _stored_files(settings) -> list[Path]:
    return sorted(Path(settings.TRAJECTORY_STORAGE).glob("*/documents/*"))


def _refuse_evidence_rows() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TRIGGER {TRIGGER} BEFORE INSERT ON {EvidenceLink._meta.db_table} "
            "BEGIN SELECT RAISE(ABORT, 'the database refused the link'); END"
        )


def test_store_and_cite_in_one_call(action, manager, settings):
    link = services.evidence_document_add(
        user=manager, action=action, file=io.BytesIO(PDF), name="audit.pdf", note="March audit"
    )
    assert link.kind == "document" and link.document.original_name == "audit.pdf"
    assert [path.name for path in _stored_files(settings)] == [f"{link.document.sha256}.pdf"]


@sqlite_only
def test_a_failed_link_leaves_no_document_and_no_file(action, manager, settings):
    _refuse_evidence_rows()
    with pytest.raises(IntegrityError, match="refused the link"):
        services.evidence_document_add(
            user=manager, action=action, file=io.BytesIO(PDF), name="audit.pdf"
        )
    assert Document.objects.count() == 0
    assert _stored_files(settings) == []


@sqlite_only
def test_a_failed_link_keeps_a_file_an_earlier_document_stored(council, action, manager, settings):
    earlier = services.evidence_document_add(
        user=manager, action=action, file=io.BytesIO(PDF), name="audit.pdf"
    ).document
    _refuse_evidence_rows()
    with pytest.raises(IntegrityError):
        services.evidence_document_add(
            user=manager, action=action, file=io.BytesIO(PDF), name="again.pdf"
        )
    assert list(Document.objects.all()) == [earlier]
    assert [path.read_bytes() for path in _stored_files(settings)] == [PDF]


def test_a_refused_link_leaves_no_orphan_either(plan, action, manager, settings):
    with pytest.raises(ValidationError):
        services.evidence_document_add(
            user=manager,
            action=action,
            priority=plan.priorities.first(),  # evidence belongs to one, not both
            file=io.BytesIO(PDF),
            name="audit.pdf",
        )
    assert Document.objects.count() == 0
    assert _stored_files(settings) == []


def test_the_evidence_page_stores_and_cites_through_the_one_service(
    council, action, manager, settings
):
    client = Client()
    client.force_login(manager)
    response = client.post(
        reverse("action_evidence_add", args=[council.code, action.pk]),
        {
            "kind": "document",
            "note": "Supervision audit",
            "document": SimpleUploadedFile("audit.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    link = EvidenceLink.objects.get(action=action)
    assert link.document.original_name == "audit.pdf" and link.note == "Supervision audit"
    assert len(_stored_files(settings)) == 1
