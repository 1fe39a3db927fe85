"""Writes to the improvement plan. Every one checks the `edit_plan` capability (managers and
leaders; the Commissioner and board members only read), runs in a transaction, records each
field's before and after as a ChangeRecord and writes an audit entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from trajectory.audit.services import record
from trajectory.councils.permissions import require
from trajectory.indicators import registry
from trajectory.inspections.models import Finding
from trajectory.plans import clock, documents
from trajectory.plans.deadlines import statutory_deadlines
from trajectory.plans.history import evidence_text
from trajectory.plans.models import (
    Action,
    ChangeRecord,
    Document,
    EvidenceLink,
    Milestone,
    Plan,
    Priority,
    ProgressUpdate,
)
from trajectory.web.edit_conflicts import lock_for_edit, mark_changed

PRIORITY_FIELDS = ("title", "outcomes_sought", "finding", "lead", "lead_name")
ACTION_FIELDS = ("title", "owner", "owner_name", "start_on", "due_on", "status", "completed_on")
MILESTONE_FIELDS = ("title", "due_on", "achieved_on")


def _shown(obj, field: str) -> str:
    """A field's value as people read it: choice labels, names, ISO dates, '' for empty."""
    value = getattr(obj, field)
    if value is None:
        return ""
    display = getattr(obj, f"get_{field}_display", None)
    if display is not None:
        return str(display())
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "get_username"):
        return value.get_full_name() or value.get_username()
    return str(value)


def _snapshot(obj, fields: Iterable[str]) -> dict[str, str]:
    return {field: _shown(obj, field) for field in fields}


def _label(obj) -> str:
    if isinstance(obj, Action):
        return f"Action {obj.reference}"
    if isinstance(obj, Priority):
        return f"Priority {obj.number}"
    return f"{type(obj).__name__} {obj.pk}"[:300]


def _log_changes(
    *, user, plan: Plan, obj, before: dict[str, str], after: dict[str, str], operation: str
) -> list[ChangeRecord]:
    records = [
        ChangeRecord(
            council=plan.council,
            plan=plan,
            user=user if getattr(user, "is_authenticated", False) else None,
            username=getattr(user, "username", "") or "",
            operation=operation,
            object_type=type(obj).__name__,
            object_id=obj.pk,
            object_label=_label(obj)[:300],
            field=field,
            before=before.get(field, ""),
            after=after.get(field, ""),
        )
        for field in after
        if before.get(field, "") != after.get(field, "")
    ]
    for change in records:
        change.save()
    return records


def _apply(obj, changes: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))}")
    for field, value in changes.items():
        setattr(obj, field, value)


def _update(
    obj,
    *,
    user,
    plan: Plan,
    changes: dict[str, Any],
    allowed: tuple[str, ...],
    audit_action: str,
    opened_version: int | None = None,
    request=None,
    shown: Callable[[Any], dict[str, str]] | None = None,
    before_save: Callable[[], None] | None = None,
    after_save: Callable[[], None] | None = None,
    audit_fields: bool = True,
) -> list[ChangeRecord]:
    """The one way a plan object changes: lock and reload the row, refuse with StaleEdit if it
    changed since the form was opened at `opened_version`, apply the allowed changes, validate
    and save at the next edit version, keep each changed field's before and after as a
    ChangeRecord, and write the audit entry.

    `shown` snapshots the object as people read it (the allowed fields by default);
    `before_save` applies a kind's own rules to the changed object, `after_save` saves what
    needs the row first (many-to-many links). `audit_fields` names the changed fields in the
    audit entry's detail."""
    shown = shown or (lambda changed: _snapshot(changed, allowed))
    lock_for_edit(obj, opened_version)
    before = shown(obj)
    _apply(obj, changes, allowed)
    if before_save is not None:
        before_save()
    mark_changed(obj, user)
    obj.full_clean()
    obj.save()
    if after_save is not None:
        after_save()
    logged = _log_changes(
        user=user, plan=plan, obj=obj, before=before, after=shown(obj), operation="changed"
    )
    record(
        user=user,
        action=audit_action,
        council=plan.council,
        obj=obj,
        request=request,
        detail={"fields": [change.field for change in logged]} if audit_fields else None,
    )
    return logged


# Plans ---------------------------------------------------------------------------------------


@transaction.atomic
def plan_create_from_inspection(
    *, council, user, inspection, title: str = "", request=None
) -> Plan:
    """Start a plan answering an inspection: one priority per area for improvement (and per
    area for priority action), with the statutory deadlines the inspection sets."""
    require(user, "edit_plan", council)
    if inspection.council_id != council.pk:
        raise ValidationError("That inspection belongs to another council.")
    answered = Plan.objects.filter(inspection=inspection).first()
    if answered is not None:
        raise ValidationError(
            {"inspection": f"That inspection already has a plan, “{answered.title}”: open it."}
        )

    findings = list(
        inspection.findings.filter(
            kind__in=[Finding.Kind.PRIORITY_ACTION, Finding.Kind.AREA_FOR_IMPROVEMENT]
        ).order_by("-kind", "order", "id")  # priority actions first
    )
    if not findings:
        raise ValidationError("That inspection names no areas for improvement.")
    deadlines = statutory_deadlines(inspection)
    when = inspection.published_on or inspection.fieldwork_end or inspection.fieldwork_start
    plan = Plan(
        council=council,
        inspection=inspection,
        title=title
        or f"Improvement plan: {inspection.get_kind_display()}"
        + (f" {when:%B %Y}" if when else ""),
        created_by=user,
        deadline_from=deadlines.counted_from,
        draft_due_on=deadlines.draft_due_on,
        final_due_on=deadlines.final_due_on,
        deadline_rule=deadlines.rule,
    )
    plan.full_clean()
    plan.save()
    plan_fields = ("title", "inspection", "draft_due_on", "final_due_on", "deadline_rule")
    _log_changes(
        user=user,
        plan=plan,
        obj=plan,
        before={},
        after=_snapshot(plan, plan_fields),
        operation="created",
    )
    for number, finding in enumerate(findings, start=1):
        priority = Priority(plan=plan, number=number, title=finding.text[:500], finding=finding)
        priority.full_clean()
        priority.save()
        _log_changes(
            user=user,
            plan=plan,
            obj=priority,
            before={},
            after=_snapshot(priority, ("title", "finding")),
            operation="created",
        )
    record(
        user=user,
        action="plan.create",
        council=council,
        obj=plan,
        request=request,
        detail={"inspection": inspection.pk, "priorities": len(findings)},
    )
    return plan


# Priorities ----------------------------------------------------------------------------------


@transaction.atomic
def priority_create(
    *,
    plan: Plan,
    user,
    title: str,
    outcomes_sought: str = "",
    finding=None,
    lead=None,
    lead_name: str = "",
    request=None,
) -> Priority:
    require(user, "edit_plan", plan.council)
    if finding is not None and finding.inspection.council_id != plan.council_id:
        raise ValidationError("That finding belongs to another council.")
    number = (plan.priorities.aggregate(n=Max("number"))["n"] or 0) + 1
    priority = Priority(
        plan=plan,
        number=number,
        title=title,
        outcomes_sought=outcomes_sought,
        finding=finding,
        lead=lead,
        lead_name=lead_name,
    )
    priority.full_clean()
    priority.save()
    _log_changes(
        user=user,
        plan=plan,
        obj=priority,
        before={},
        after=_snapshot(priority, PRIORITY_FIELDS),
        operation="created",
    )
    record(
        user=user,
        action="plan.priority.create",
        council=plan.council,
        obj=priority,
        request=request,
        detail={"number": number},
    )
    return priority


@transaction.atomic
def priority_update(
    *, priority: Priority, user, opened_version: int | None = None, request=None, **changes: Any
) -> Priority:
    """Change any of title, outcomes_sought, finding, lead, lead_name. A form passes the
    version it was opened at; a save over someone else's since then raises StaleEdit."""
    plan = priority.plan
    require(user, "edit_plan", plan.council)
    finding = changes.get("finding")
    if finding is not None and finding.inspection.council_id != plan.council_id:
        raise ValidationError("That finding belongs to another council.")
    _update(
        priority,
        user=user,
        plan=plan,
        changes=changes,
        allowed=PRIORITY_FIELDS,
        audit_action="plan.priority.update",
        opened_version=opened_version,
        request=request,
    )
    return priority


# Actions -------------------------------------------------------------------------------------


def _check_dependencies(action: Action, depends_on: Iterable[Action]) -> list[Action]:
    """Dependencies stay inside the plan and never loop back to the action itself."""
    chosen = list(depends_on)
    for other in chosen:
        if other.pk == action.pk:
            raise ValidationError({"depends_on": "An action cannot depend on itself."})
        if other.priority.plan_id != action.priority.plan_id:
            raise ValidationError({"depends_on": "Actions can depend only on the same plan."})
    # Walk what the chosen actions depend on; reaching this action would make a loop.
    seen: set[int] = set()
    to_visit = [other.pk for other in chosen]
    while to_visit:
        current = to_visit.pop()
        if current == action.pk:
            raise ValidationError({"depends_on": "That would make actions depend on each other."})
        if current in seen:
            continue
        seen.add(current)
        to_visit.extend(
            Action.depends_on.through.objects.filter(from_action_id=current).values_list(
                "to_action_id", flat=True
            )
        )
    return chosen


def _dependencies_shown(action: Action) -> str:
    return ", ".join(
        sorted((a.reference for a in action.depends_on.select_related("priority")), key=str)
    )


def _action_shown(action: Action) -> dict[str, str]:
    return _snapshot(action, ACTION_FIELDS) | {"depends_on": _dependencies_shown(action)}


def _check_owner(owner, council) -> None:
    if owner is not None and not owner.memberships.filter(council=council).exists():
        raise ValidationError({"owner": "The owner must be a member of this council."})


@transaction.atomic
def action_create(
    *,
    priority: Priority,
    user,
    title: str,
    due_on: date,
    owner=None,
    owner_name: str = "",
    start_on: date | None = None,
    status: str = Action.Status.NOT_STARTED,
    depends_on: Iterable[Action] = (),
    today: date | None = None,
    request=None,
) -> Action:
    plan = priority.plan
    require(user, "edit_plan", plan.council)
    _check_owner(owner, plan.council)
    number = (priority.actions.aggregate(n=Max("number"))["n"] or 0) + 1
    action = Action(
        priority=priority,
        number=number,
        title=title,
        owner=owner,
        owner_name=owner_name,
        start_on=start_on,
        due_on=due_on,
        status=status,
    )
    if status == Action.Status.COMPLETE:
        action.completed_on = today or clock.today()
    _validate_action(action)
    action.full_clean()
    action.save()
    action.depends_on.set(_check_dependencies(action, depends_on))
    _log_changes(
        user=user,
        plan=plan,
        obj=action,
        before={},
        after=_action_shown(action),
        operation="created",
    )
    record(
        user=user,
        action="plan.action.create",
        council=plan.council,
        obj=action,
        request=request,
        detail={"reference": action.reference},
    )
    return action


def _validate_action(action: Action) -> None:
    if action.start_on and action.due_on and action.start_on > action.due_on:
        raise ValidationError({"due_on": "The due date must be on or after the start date."})


@transaction.atomic
def action_update(
    *,
    action: Action,
    user,
    today: date | None = None,
    opened_version: int | None = None,
    request=None,
    depends_on: Iterable[Action] | None = None,
    **changes: Any,
) -> Action:
    """Change any of title, owner, owner_name, start_on, due_on, status, completed_on and the
    dependencies. Marking an action complete dates it today unless a date is given. A form
    passes the version it was opened at; a save over someone else's since then raises
    StaleEdit."""
    plan = action.priority.plan
    require(user, "edit_plan", plan.council)
    if "owner" in changes:
        _check_owner(changes["owner"], plan.council)

    def date_completion() -> None:
        if action.status == Action.Status.COMPLETE and action.completed_on is None:
            action.completed_on = today or clock.today()
        if action.status != Action.Status.COMPLETE and "completed_on" not in changes:
            action.completed_on = None
        _validate_action(action)

    def set_dependencies() -> None:
        if depends_on is not None:
            action.depends_on.set(_check_dependencies(action, depends_on))

    _update(
        action,
        user=user,
        plan=plan,
        changes=changes,
        allowed=ACTION_FIELDS,
        audit_action="plan.action.update",
        opened_version=opened_version,
        request=request,
        shown=_action_shown,
        before_save=date_completion,
        after_save=set_dependencies,
    )
    return action


# Progress updates ----------------------------------------------------------------------------


@transaction.atomic
def progress_update_post(
    *,
    action: Action,
    user,
    narrative: str,
    progress: str,
    status: str | None = None,
    month: date | None = None,
    today: date | None = None,
    opened_version: int | None = None,
    request=None,
) -> ProgressUpdate:
    """Post the month's update. `progress` (on or off track) is always the owner's own answer,
    never a default (issue 7.5). A new status given with it changes the action too, refused
    with StaleEdit if the action changed since the form was opened at `opened_version` (the
    update itself is a new row and overwrites nothing)."""
    plan = action.priority.plan
    require(user, "edit_plan", plan.council)
    today = today or clock.today()
    lock_for_edit(action, None)
    if status and status != action.status:
        action_update(
            action=action,
            user=user,
            today=today,
            opened_version=opened_version,
            request=request,
            status=status,
        )
    update = ProgressUpdate(
        action=action,
        month=(month or today).replace(day=1),
        narrative=narrative,
        progress=progress,
        status=action.status,
        author=user,
        on=today,
    )
    update.full_clean()
    update.save()
    _log_changes(
        user=user,
        plan=plan,
        obj=action,
        before={},
        after={"progress update": f"{update.get_progress_display()}: {narrative}"},
        operation="update posted",
    )
    record(
        user=user,
        action="plan.update.post",
        council=plan.council,
        obj=update,
        request=request,
        detail={"action": action.reference, "progress": progress},
    )
    return update


# Milestones ----------------------------------------------------------------------------------


@transaction.atomic
def milestone_add(
    *,
    user,
    title: str,
    due_on: date,
    action: Action | None = None,
    priority: Priority | None = None,
    request=None,
) -> Milestone:
    if (action is None) == (priority is None):
        raise ValidationError("A milestone belongs to one action or one priority.")
    plan = action.priority.plan if action else priority.plan
    require(user, "edit_plan", plan.council)
    milestone = Milestone(action=action, priority=priority, title=title, due_on=due_on)
    milestone.full_clean()
    milestone.save()
    _log_changes(
        user=user,
        plan=plan,
        obj=milestone,
        before={},
        after=_snapshot(milestone, MILESTONE_FIELDS),
        operation="created",
    )
    record(
        user=user, action="plan.milestone.add", council=plan.council, obj=milestone, request=request
    )
    return milestone


@transaction.atomic
def milestone_update(
    *,
    milestone: Milestone,
    user,
    opened_version: int | None = None,
    request=None,
    **changes: Any,
) -> Milestone:
    """Change title, due_on or achieved_on (set achieved_on to mark it met). A form or button
    passes the version it was shown at; a save over someone else's since then raises
    StaleEdit."""
    plan = milestone.action.priority.plan if milestone.action else milestone.priority.plan
    require(user, "edit_plan", plan.council)
    _update(
        milestone,
        user=user,
        plan=plan,
        changes=changes,
        allowed=MILESTONE_FIELDS,
        audit_action="plan.milestone.update",
        opened_version=opened_version,
        request=request,
        audit_fields=False,
    )
    return milestone


# Evidence and documents ----------------------------------------------------------------------


@transaction.atomic
def evidence_link_add(
    *,
    user,
    kind: str,
    action: Action | None = None,
    priority: Priority | None = None,
    indicator_id: str = "",
    finding=None,
    document: Document | None = None,
    cited_record: str = "",
    note: str = "",
    request=None,
) -> EvidenceLink:
    """Cite evidence on one action or priority. `cited_record` ("kind:ref") names a record of the
    assessment evidence registry (an audit result, a survey result, ...) when kind is "record":
    the kind must be registered and the ref among its choices for this council."""
    if (action is None) == (priority is None):
        raise ValidationError("Evidence is cited by one action or one priority.")
    owner = action or priority
    plan = action.priority.plan if action else priority.plan
    council = plan.council
    require(user, "edit_plan", council)
    if kind == EvidenceLink.Kind.INDICATOR:
        try:
            registry.get(indicator_id)
        except (KeyError, LookupError) as error:
            raise ValidationError({"indicator_id": "Choose an indicator from the list."}) from error
    elif kind == EvidenceLink.Kind.FINDING:
        if finding is None or finding.inspection.council_id != council.pk:
            raise ValidationError({"finding": "Choose one of this council's Ofsted findings."})
    elif kind == EvidenceLink.Kind.DOCUMENT:
        if document is None or document.council_id != council.pk:
            raise ValidationError({"document": "Upload or choose a document."})
    elif kind == EvidenceLink.Kind.RECORD:
        record_kind, record_ref, record_label = _record_check(council, cited_record)
    elif not note.strip():
        raise ValidationError({"note": "Say what the evidence is."})
    if kind != EvidenceLink.Kind.RECORD:
        record_kind = record_ref = record_label = ""
    link = EvidenceLink(
        action=action,
        priority=priority,
        kind=kind,
        indicator_id=indicator_id if kind == EvidenceLink.Kind.INDICATOR else "",
        finding=finding if kind == EvidenceLink.Kind.FINDING else None,
        document=document if kind == EvidenceLink.Kind.DOCUMENT else None,
        record_kind=record_kind,
        record_ref=record_ref,
        record_label=record_label[:300],
        note=note,
        added_by=user,
    )
    link.full_clean()
    link.save()
    _log_changes(
        user=user,
        plan=plan,
        obj=owner,
        before={},
        after={"evidence": evidence_text(link)},
        operation="evidence added",
    )
    record(
        user=user,
        action="plan.evidence.add",
        council=council,
        obj=link,
        request=request,
        detail={"kind": kind, "indicator_id": indicator_id}
        | ({"record_kind": record_kind, "record_ref": record_ref} if record_kind else {}),
    )
    return link


def _record_check(council, cited: str) -> tuple[str, str, str]:
    """The registry kind, ref and label of a "kind:ref", refused unless the kind is registered,
    is not one the plan cites first-class, and the ref is among its choices for the council."""
    from trajectory.assessment import evidence

    record_kind, _, record_ref = (cited or "").partition(":")
    refused = ValidationError({"record": "Choose one of this council's records from the list."})
    if record_kind in EvidenceLink.FIRST_CLASS_KINDS or record_kind not in evidence.EVIDENCE_KINDS:
        raise refused
    label = evidence.choice_label(council, record_kind, record_ref)
    if not record_ref or not label:
        raise refused
    return record_kind, record_ref, label


@transaction.atomic
def evidence_link_remove(*, link: EvidenceLink, user, request=None) -> EvidenceLink:
    """Withdraw a piece of evidence. The link is kept, marked removed, so history can show it."""
    owner = link.action or link.priority
    plan = link.action.priority.plan if link.action else link.priority.plan
    require(user, "edit_plan", plan.council)
    if link.removed_at is not None:
        return link

    link.removed_at = timezone.now()
    link.removed_by = user
    link.save(update_fields=["removed_at", "removed_by"])
    _log_changes(
        user=user,
        plan=plan,
        obj=owner,
        before={"evidence": evidence_text(link)},
        after={"evidence": ""},
        operation="evidence removed",
    )
    record(
        user=user, action="plan.evidence.remove", council=plan.council, obj=link, request=request
    )
    return link


@contextmanager
def _removed_on_failure() -> Iterator[list[Path]]:
    """Files a write puts in storage (the caller appends them) are removed again when the
    write fails, after its transaction has rolled back, so no file is left that no row names."""
    placed: list[Path] = []
    try:
        yield placed
    except BaseException:
        for path in placed:
            path.unlink(missing_ok=True)
        raise


def _document_store(*, council, user, file, name: str, placed: list[Path], request) -> Document:
    received = documents.receive(file, name)
    existing = Document.objects.filter(council=council, sha256=received.sha256).first()
    if existing is not None:
        received.temp_path.unlink(missing_ok=True)
        return existing
    key = documents.storage_key(council.code, received.sha256, received.content_type)
    if not documents.storage_path(key).exists():
        placed.append(documents.storage_path(key))  # this call puts it there
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
        action="plan.document.upload",
        council=council,
        obj=document,
        request=request,
        detail={"name": name, "sha256": received.sha256, "size": received.size},
    )
    return document


def evidence_document_add(
    *,
    user,
    file,
    name: str,
    note: str = "",
    action: Action | None = None,
    priority: Priority | None = None,
    request=None,
) -> EvidenceLink:
    """Store a document and cite it as evidence in one transaction (issue 7.23): when the link
    is refused or fails, neither the Document row nor the stored file is left behind (a file
    already stored for an earlier document stays)."""
    if (action is None) == (priority is None):
        raise ValidationError("Evidence is cited by one action or one priority.")
    council = (action.priority.plan if action else priority.plan).council
    require(user, "edit_plan", council)
    with _removed_on_failure() as placed, transaction.atomic():
        document = _document_store(
            council=council, user=user, file=file, name=name, placed=placed, request=request
        )
        return evidence_link_add(
            user=user,
            action=action,
            priority=priority,
            kind=EvidenceLink.Kind.DOCUMENT,
            document=document,
            note=note,
            request=request,
        )
