"""Writes to the board records. Every one checks `write_board_records` (the Commissioner and
the council's leaders; board members, DfE officials and the council's other roles read), runs
in a transaction, records each changed field in the history (trajectory.history) and writes an
audit entry. Edits carry the version their form was opened at (web/edit_conflicts.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from trajectory.audit.services import record
from trajectory.councils.permissions import require
from trajectory.governance import catalogue, subjects
from trajectory.governance.models import (
    AgendaItem,
    ApprovalStep,
    Attendance,
    BoardAction,
    Body,
    Decision,
    Meeting,
    Member,
    Paper,
)
from trajectory.history.services import changes_record, snapshot
from trajectory.plans import clock, documents
from trajectory.plans.models import Action as PlanAction
from trajectory.plans.models import Document
from trajectory.web.edit_conflicts import lock_for_edit, mark_changed

CAPABILITY = "write_board_records"
BODY_FIELDS = (
    "name",
    "kind",
    "chair_name",
    "chair_organisation",
    "chair_independent",
    "from_on",
    "to_on",
)
MEMBER_FIELDS = ("name", "organisation", "organisation_kind", "role", "from_on", "to_on")
MEETING_FIELDS = ("held_on", "kind", "title")
ITEM_FIELDS = ("title", "presenter", "notes")
DECISION_FIELDS = ("text",)
ACTION_FIELDS = ("title", "owner", "owner_name", "due_on", "status", "completed_on")
STEP_FIELDS = ("happened_on", "meeting", "paper", "outcome", "note")


def _label(obj) -> str:
    if isinstance(obj, Member):
        return f"{obj.body.name}: {obj.name}"
    if isinstance(obj, AgendaItem):
        return f"{obj.meeting}, item {obj.number}"
    if isinstance(obj, Decision):
        return f"{obj.meeting}, decision"
    if isinstance(obj, BoardAction):
        return f"Board action: {obj.title[:200]}"
    if isinstance(obj, ApprovalStep):
        return f"{obj.plan.title}: {obj.get_step_display()}"
    if isinstance(obj, Attendance):
        return f"{obj.meeting}, attendance of {obj.member.name}"
    return str(obj)


def _item_shown(item: AgendaItem) -> dict[str, str]:
    shown = snapshot(item, ITEM_FIELDS)
    subject = subjects.resolve(item.meeting.body.council, item.subject_kind, item.subject_ref)
    shown["discusses"] = f"{subject.kind.label}: {subject.label}" if subject else ""
    return shown


def _shown(obj) -> dict[str, str]:
    if isinstance(obj, AgendaItem):
        return _item_shown(obj)
    fields = {
        Body: BODY_FIELDS,
        Member: MEMBER_FIELDS,
        Meeting: MEETING_FIELDS,
        Decision: DECISION_FIELDS,
        BoardAction: ACTION_FIELDS,
        ApprovalStep: STEP_FIELDS,
    }[type(obj)]
    return snapshot(obj, fields)


def _create(obj, *, council, user, audit_action: str, request=None, detail=None):
    """Validate and save a new record, its fields in the history, and the audit entry."""
    if hasattr(obj, "edit_version"):
        mark_changed(obj, user)
    obj.full_clean()
    obj.save()
    changes_record(
        council=council,
        subject=obj,
        user=user,
        operation="created",
        before=None,
        after=_shown(obj),
        label=_label(obj),
    )
    record(user=user, action=audit_action, council=council, obj=obj, request=request, detail=detail)
    return obj


def _update(
    obj,
    *,
    council,
    user,
    changes: dict[str, Any],
    allowed: tuple[str, ...],
    audit_action: str,
    opened_version: int | None = None,
    request=None,
    check=None,
):
    """The one way a board record changes: lock and reload, refuse a stale form, apply the
    allowed changes, validate, save at the next version, history and audit."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))}")
    lock_for_edit(obj, opened_version)
    before = _shown(obj)
    for field, value in changes.items():
        setattr(obj, field, value)
    if check is not None:
        check(obj)
    mark_changed(obj, user)
    obj.full_clean()
    obj.save()
    logged = changes_record(
        council=council,
        subject=obj,
        user=user,
        operation="changed",
        before=before,
        after=_shown(obj),
        label=_label(obj),
    )
    record(
        user=user,
        action=audit_action,
        council=council,
        obj=obj,
        request=request,
        detail={"fields": [change.field for change in logged]},
    )
    return obj


def _same_council(council, *records) -> None:
    for obj in records:
        if obj is None:
            continue
        owner = getattr(obj, "council_id", None)
        if owner is None and hasattr(obj, "body"):
            owner = obj.body.council_id
        if owner is None and hasattr(obj, "meeting"):
            owner = obj.meeting.body.council_id
        if owner != council.pk:
            raise ValidationError("That record belongs to another council.")


# Bodies and members --------------------------------------------------------------------------


@transaction.atomic
def body_create(
    *,
    council,
    user,
    name: str,
    kind: str,
    chair_name: str = "",
    chair_organisation: str = "",
    chair_independent: bool = False,
    from_on: date | None = None,
    to_on: date | None = None,
    request=None,
) -> Body:
    require(user, CAPABILITY, council)
    if Body.objects.filter(council=council, name=name).exists():
        raise ValidationError({"name": f"{council.name} already has a body called “{name}”."})
    body = Body(
        council=council,
        name=name,
        kind=kind,
        chair_name=chair_name,
        chair_organisation=chair_organisation,
        chair_independent=chair_independent,
        from_on=from_on,
        to_on=to_on,
    )
    return _create(
        body, council=council, user=user, audit_action="governance.body.create", request=request
    )


@transaction.atomic
def body_update(
    *, body: Body, user, opened_version: int | None = None, request=None, **changes
) -> Body:
    require(user, CAPABILITY, body.council)
    return _update(
        body,
        council=body.council,
        user=user,
        changes=changes,
        allowed=BODY_FIELDS,
        audit_action="governance.body.update",
        opened_version=opened_version,
        request=request,
    )


@transaction.atomic
def member_add(
    *,
    body: Body,
    user,
    name: str,
    organisation: str,
    organisation_kind: str,
    role: str = "",
    from_on: date | None = None,
    to_on: date | None = None,
    request=None,
) -> Member:
    require(user, CAPABILITY, body.council)
    member = Member(
        body=body,
        name=name,
        organisation=organisation,
        organisation_kind=organisation_kind,
        role=role,
        from_on=from_on,
        to_on=to_on,
    )
    return _create(
        member,
        council=body.council,
        user=user,
        audit_action="governance.member.add",
        request=request,
    )


@transaction.atomic
def member_update(
    *, member: Member, user, opened_version: int | None = None, request=None, **changes
) -> Member:
    require(user, CAPABILITY, member.body.council)
    return _update(
        member,
        council=member.body.council,
        user=user,
        changes=changes,
        allowed=MEMBER_FIELDS,
        audit_action="governance.member.update",
        opened_version=opened_version,
        request=request,
    )


# Meetings ------------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *, body: Body, user, held_on: date, kind: str, title: str = "", request=None
) -> Meeting:
    require(user, CAPABILITY, body.council)
    meeting = Meeting(body=body, held_on=held_on, kind=kind, title=title)
    return _create(
        meeting,
        council=body.council,
        user=user,
        audit_action="governance.meeting.create",
        request=request,
    )


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, user, opened_version: int | None = None, request=None, **changes
) -> Meeting:
    require(user, CAPABILITY, meeting.body.council)

    def check(changed: Meeting) -> None:
        approved_at = changed.minutes_approved_at
        if approved_at is not None and approved_at.held_on <= changed.held_on:
            raise ValidationError(
                {"held_on": "Its minutes were approved at a meeting on or before this date."}
            )
        approved_here = changed.approved_minutes_of.filter(held_on__gte=changed.held_on)
        if approved_here.exists():
            raise ValidationError(
                {
                    "held_on": "This meeting approved the minutes of a meeting held on or after "
                    "this date."
                }
            )

    return _update(
        meeting,
        council=meeting.body.council,
        user=user,
        changes=changes,
        allowed=MEETING_FIELDS,
        audit_action="governance.meeting.update",
        opened_version=opened_version,
        request=request,
        check=check,
    )


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    user,
    statuses: dict[int, str],
    opened_version: int | None = None,
    request=None,
) -> list[Attendance]:
    """Who was present, sent apologies or was absent, member by member. The meeting's version
    guards the whole record, since one form holds every member."""
    council = meeting.body.council
    require(user, CAPABILITY, council)
    lock_for_edit(meeting, opened_version)
    members = {member.pk: member for member in meeting.body.members.all()}
    unknown = set(statuses) - set(members)
    if unknown:
        raise ValidationError("Attendance is recorded only for the body's members.")
    allowed = {value for value, _ in catalogue.ATTENDANCE_CHOICES}
    existing = {row.member_id: row for row in meeting.attendance.all()}
    saved = []
    for member_id, status in statuses.items():
        if status not in allowed:
            raise ValidationError(f"“{status}” is not an attendance.")
        row = existing.get(member_id) or Attendance(meeting=meeting, member=members[member_id])
        before = snapshot(row, ("status",)) if row.pk else None
        if row.pk and row.status == status:
            continue
        row.status = status
        row.save()
        changes_record(
            council=council,
            subject=row,
            user=user,
            operation="changed" if before else "created",
            before=before,
            after=snapshot(row, ("status",)),
            label=_label(row),
        )
        saved.append(row)
    mark_changed(meeting, user)
    meeting.save(update_fields=["edit_version", "changed_by", "changed_at"])
    record(
        user=user,
        action="governance.attendance.record",
        council=council,
        obj=meeting,
        request=request,
        detail={"members": len(saved)},
    )
    return saved


# Agenda, papers, decisions -------------------------------------------------------------------


def _subject_check(council, subject: str) -> tuple[str, str]:
    if not subject:
        return "", ""
    kind, _, ref = subject.partition(":")
    if subjects.resolve(council, kind, ref) is None:
        raise ValidationError(
            {"subject": "Choose something this council holds for the item to discuss."}
        )
    return kind, ref


@transaction.atomic
def item_add(
    *,
    meeting: Meeting,
    user,
    title: str,
    presenter: str = "",
    subject: str = "",
    notes: str = "",
    request=None,
) -> AgendaItem:
    """Add the next numbered item. `subject` is "kind:ref" from subjects.choices, or ""."""
    council = meeting.body.council
    require(user, CAPABILITY, council)
    kind, ref = _subject_check(council, subject)
    number = (meeting.items.aggregate(n=Max("number"))["n"] or 0) + 1
    item = AgendaItem(
        meeting=meeting,
        number=number,
        title=title,
        presenter=presenter,
        subject_kind=kind,
        subject_ref=ref,
        notes=notes,
    )
    return _create(
        item, council=council, user=user, audit_action="governance.item.add", request=request
    )


@transaction.atomic
def item_update(
    *,
    item: AgendaItem,
    user,
    opened_version: int | None = None,
    subject: str | None = None,
    request=None,
    **changes,
) -> AgendaItem:
    council = item.meeting.body.council
    require(user, CAPABILITY, council)
    if subject is not None:
        changes["subject_kind"], changes["subject_ref"] = _subject_check(council, subject)
    return _update(
        item,
        council=council,
        user=user,
        changes=changes,
        allowed=(*ITEM_FIELDS, "subject_kind", "subject_ref"),
        audit_action="governance.item.update",
        opened_version=opened_version,
        request=request,
    )


@contextmanager
def _removed_on_failure() -> Iterator[list[Path]]:
    placed: list[Path] = []
    try:
        yield placed
    except BaseException:
        for path in placed:
            path.unlink(missing_ok=True)
        raise


def _document_store(*, council, user, file, name: str, placed: list[Path], request) -> Document:
    """A paper kept as the plan keeps its documents (plans/documents.py): PDF or Word only,
    stored once by content hash and never changed."""
    received = documents.receive(file, name)
    existing = Document.objects.filter(council=council, sha256=received.sha256).first()
    if existing is not None:
        received.temp_path.unlink(missing_ok=True)
        return existing
    key = documents.storage_key(council.code, received.sha256, received.content_type)
    if not documents.storage_path(key).exists():
        placed.append(documents.storage_path(key))
    documents.store(received, key)
    document = Document(
        council=council,
        sha256=received.sha256,
        storage_key=key,
        original_name=name[:255],
        size=received.size,
        content_type=received.content_type,
        uploaded_by=user,
    )
    document.full_clean()
    document.save()
    record(
        user=user,
        action="governance.paper.upload",
        council=council,
        obj=document,
        request=request,
        detail={"name": name, "sha256": received.sha256, "size": received.size},
    )
    return document


def paper_document(*, council, user, file, name: str, request=None) -> Document:
    """Store an uploaded paper (or find the same file already stored)."""
    require(user, CAPABILITY, council)
    with _removed_on_failure() as placed, transaction.atomic():
        return _document_store(
            council=council, user=user, file=file, name=name, placed=placed, request=request
        )


@transaction.atomic
def paper_add(
    *,
    item: AgendaItem,
    user,
    title: str = "",
    document: Document | None = None,
    file=None,
    name: str = "",
    request=None,
) -> Paper:
    """Table a paper for an item: an upload, or a document the council already holds."""
    council = item.meeting.body.council
    require(user, CAPABILITY, council)
    if (document is None) == (file is None):
        raise ValidationError("Upload a paper or choose one already held, not both.")
    if document is None:
        document = paper_document(
            council=council, user=user, file=file, name=name or file.name, request=request
        )
    _same_council(council, document)
    paper = Paper(item=item, document=document, title=title, added_by=user)
    paper.full_clean()
    paper.save()
    changes_record(
        council=council,
        subject=item,
        user=user,
        operation="paper added",
        before={"paper": ""},
        after={"paper": title or document.original_name},
        label=_label(item),
    )
    record(user=user, action="governance.paper.add", council=council, obj=paper, request=request)
    return paper


@transaction.atomic
def decision_add(
    *, meeting: Meeting, user, text: str, item: AgendaItem | None = None, request=None
) -> Decision:
    council = meeting.body.council
    require(user, CAPABILITY, council)
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": "That item is on another meeting's agenda."})
    decision = Decision(meeting=meeting, item=item, text=text)
    return _create(
        decision,
        council=council,
        user=user,
        audit_action="governance.decision.add",
        request=request,
    )


@transaction.atomic
def decision_update(
    *, decision: Decision, user, opened_version: int | None = None, request=None, **changes
) -> Decision:
    council = decision.meeting.body.council
    require(user, CAPABILITY, council)
    return _update(
        decision,
        council=council,
        user=user,
        changes=changes,
        allowed=DECISION_FIELDS,
        audit_action="governance.decision.update",
        opened_version=opened_version,
        request=request,
    )


# The action log ------------------------------------------------------------------------------


def _owner_check(action: BoardAction) -> None:
    """Every action has an owner: a person with a role in the council, or a named one."""
    if (
        action.owner is not None
        and not action.owner.memberships.filter(council_id=action.council_id).exists()
    ):
        raise ValidationError({"owner": "The owner must have a role in this council."})
    if action.owner is None and not action.owner_name.strip():
        raise ValidationError(
            {"owner_name": "Enter the owner's name or job title, or choose an owner."}
        )


def _action_check(action: BoardAction) -> None:
    _owner_check(action)
    _completion(action)


def _completion(action: BoardAction) -> None:
    """A completed action keeps the day it was completed (the plan's clock when not given);
    one reopened loses it."""
    if action.status == PlanAction.Status.COMPLETE and action.completed_on is None:
        action.completed_on = clock.today()
    if action.status != PlanAction.Status.COMPLETE:
        action.completed_on = None


@transaction.atomic
def board_action_add(
    *,
    meeting: Meeting,
    user,
    title: str,
    due_on: date,
    owner=None,
    owner_name: str = "",
    status: str = PlanAction.Status.NOT_STARTED,
    completed_on: date | None = None,
    decision: Decision | None = None,
    request=None,
) -> BoardAction:
    council = meeting.body.council
    require(user, CAPABILITY, council)
    if decision is not None and decision.meeting_id != meeting.pk:
        raise ValidationError({"decision": "That decision was made at another meeting."})
    action = BoardAction(
        council=council,
        meeting=meeting,
        decision=decision,
        title=title,
        owner=owner,
        owner_name=owner_name,
        due_on=due_on,
        status=status,
        completed_on=completed_on,
    )
    _action_check(action)
    return _create(
        action, council=council, user=user, audit_action="governance.action.add", request=request
    )


@transaction.atomic
def board_action_update(
    *, action: BoardAction, user, opened_version: int | None = None, request=None, **changes
) -> BoardAction:
    require(user, CAPABILITY, action.council)
    return _update(
        action,
        council=action.council,
        user=user,
        changes=changes,
        allowed=ACTION_FIELDS,
        audit_action="governance.action.update",
        opened_version=opened_version,
        request=request,
        check=_action_check,
    )


# Minutes -------------------------------------------------------------------------------------


@transaction.atomic
def minutes_draft(
    *,
    meeting: Meeting,
    user,
    minutes: str,
    opened_version: int | None = None,
    file=None,
    request=None,
) -> Meeting:
    """Draft (or redraft) a meeting's minutes: text, and optionally the minutes as a paper.
    Approved minutes are the record and are not redrafted."""
    council = meeting.body.council
    require(user, CAPABILITY, council)
    lock_for_edit(meeting, opened_version)
    if meeting.minutes_status == Meeting.Minutes.APPROVED:
        raise ValidationError("These minutes have been approved and can no longer be changed.")
    if not minutes.strip() and file is None and meeting.minutes_document is None:
        raise ValidationError({"minutes": "Enter the minutes or upload them."})
    before = snapshot(meeting, ("minutes", "minutes_document", "minutes_status"))
    if file is not None:
        meeting.minutes_document = paper_document(
            council=council, user=user, file=file, name=file.name, request=request
        )
    meeting.minutes = minutes
    meeting.minutes_status = Meeting.Minutes.DRAFT
    mark_changed(meeting, user)
    meeting.full_clean()
    meeting.save()
    changes_record(
        council=council,
        subject=meeting,
        user=user,
        operation="minutes drafted",
        before=before,
        after=snapshot(meeting, ("minutes", "minutes_document", "minutes_status")),
        label=_label(meeting),
    )
    record(
        user=user, action="governance.minutes.draft", council=council, obj=meeting, request=request
    )
    return meeting


def minutes_approval_error(meeting: Meeting, approved_at: Meeting, *, today: date) -> str:
    """Why minutes may not be approved at that meeting, or "" when they may: minutes are
    approved at a later meeting of the same body (normally the next) that has been held by
    `today`, never at the meeting they record or an earlier one, and only once drafted."""
    if meeting.minutes_status == Meeting.Minutes.NONE:
        return "Draft the minutes before they are approved."
    if meeting.minutes_status == Meeting.Minutes.APPROVED:
        return "These minutes have already been approved."
    if approved_at.body_id != meeting.body_id:
        return "Minutes are approved at a meeting of the same body."
    if approved_at.pk == meeting.pk:
        return "Minutes cannot be approved at the meeting they record."
    if approved_at.held_on <= meeting.held_on:
        return "Minutes are approved at a later meeting: that one was held on or before this one."
    if approved_at.held_on > today:
        return (
            "That meeting has not been held yet: minutes are approved at a meeting that has "
            "taken place."
        )
    return ""


@transaction.atomic
def minutes_approve(
    *, meeting: Meeting, user, approved_at: Meeting, opened_version: int | None = None, request=None
) -> Meeting:
    council = meeting.body.council
    require(user, CAPABILITY, council)
    lock_for_edit(meeting, opened_version)
    error = minutes_approval_error(meeting, approved_at, today=clock.today())
    if error:
        raise ValidationError({"approved_at": error})
    before = snapshot(meeting, ("minutes_status", "minutes_approved_at"))
    meeting.minutes_status = Meeting.Minutes.APPROVED
    meeting.minutes_approved_at = approved_at
    mark_changed(meeting, user)
    meeting.full_clean()
    meeting.save()
    changes_record(
        council=council,
        subject=meeting,
        user=user,
        operation="minutes approved",
        before=before,
        after=snapshot(meeting, ("minutes_status", "minutes_approved_at")),
        label=_label(meeting),
    )
    record(
        user=user,
        action="governance.minutes.approve",
        council=council,
        obj=meeting,
        request=request,
        detail={"approved_at": approved_at.pk},
    )
    return meeting


# The plan's approval journey -----------------------------------------------------------------


def _step_check(step: ApprovalStep) -> None:
    info = catalogue.APPROVAL_STEP_BY_KEY[step.step]
    council_id = step.plan.council_id
    if step.meeting is not None:
        if step.meeting.body.council_id != council_id:
            raise ValidationError({"meeting": "That meeting belongs to another council."})
        if info.body_kinds and step.meeting.body.kind not in info.body_kinds:
            wanted = ", ".join(catalogue.BODY_KIND_BY_KEY[kind].label for kind in info.body_kinds)
            raise ValidationError({"meeting": f"This step happens at a meeting of the {wanted}."})
        if step.meeting.held_on != step.happened_on:
            raise ValidationError(
                {"happened_on": "The date must be the date of the meeting it happened at."}
            )
    if step.paper is not None and step.paper.council_id != council_id:
        raise ValidationError({"paper": "That paper belongs to another council."})
    outcomes = {value for value, _ in info.outcomes}
    if outcomes and step.outcome not in outcomes:
        raise ValidationError({"outcome": "Choose the outcome."})
    if not outcomes and step.outcome:
        raise ValidationError({"outcome": "This step records no outcome."})


@transaction.atomic
def approval_step_record(
    *,
    plan,
    user,
    step: str,
    happened_on: date,
    meeting: Meeting | None = None,
    paper: Document | None = None,
    file=None,
    outcome: str = "",
    note: str = "",
    request=None,
) -> ApprovalStep:
    """Record one step of the plan's approval journey (once per step; a correction is an
    edit, kept in the history)."""
    council = plan.council
    require(user, CAPABILITY, council)
    if step not in catalogue.APPROVAL_STEP_BY_KEY:
        raise ValidationError({"step": "Choose a step."})
    if ApprovalStep.objects.filter(plan=plan, step=step).exists():
        raise ValidationError({"step": "That step is already recorded: change it instead."})
    if file is not None:
        paper = paper_document(
            council=council, user=user, file=file, name=file.name, request=request
        )
    approval = ApprovalStep(
        plan=plan,
        step=step,
        happened_on=happened_on,
        meeting=meeting,
        paper=paper,
        outcome=outcome,
        note=note,
    )
    _step_check(approval)
    return _create(
        approval,
        council=council,
        user=user,
        audit_action="governance.approval.record",
        request=request,
    )


@transaction.atomic
def approval_step_update(
    *,
    approval: ApprovalStep,
    user,
    opened_version: int | None = None,
    file=None,
    request=None,
    **changes,
) -> ApprovalStep:
    council = approval.plan.council
    require(user, CAPABILITY, council)
    if file is not None:
        changes["paper"] = paper_document(
            council=council, user=user, file=file, name=file.name, request=request
        )
    return _update(
        approval,
        council=council,
        user=user,
        changes=changes,
        allowed=STEP_FIELDS,
        audit_action="governance.approval.update",
        opened_version=opened_version,
        request=request,
        check=_step_check,
    )
