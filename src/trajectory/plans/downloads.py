"""What the plan hands out as a file, each audited as it is handed out: who took a copy of the
plan (XLSX, DOCX) or of a cited document, and when. Views call these and write no audit entries
themselves (issue 7.23)."""

from __future__ import annotations

from datetime import date
from typing import BinaryIO

from trajectory.audit.services import record
from trajectory.plans import documents, exports, selectors
from trajectory.plans.models import Document, Plan

BUILDERS = {"xlsx": exports.plan_xlsx, "docx": exports.plan_docx}


def plan_export(user, plan: Plan, *, kind: str, today: date, request=None) -> bytes:
    """The plan as an XLSX workbook or a DOCX document ("xlsx" or "docx"), audited."""
    content = BUILDERS[kind](user, plan, today=today)
    record(
        user=user,
        action="plan.export",
        council=plan.council,
        obj=plan,
        request=request,
        detail={"format": kind},
    )
    return content


def document_open(user, council, document_id: int, *, request=None) -> tuple[Document, BinaryIO]:
    """A cited document of the council and its stored file opened for reading, audited."""
    document = selectors.document_for(user, council, document_id)
    handle = documents.storage_path(document.storage_key).open("rb")
    record(user=user, action="plan.document.view", council=council, obj=document, request=request)
    return document, handle
