"""Writes to partners' concerns. Each checks `handle_concerns` (managers and leaders; board
members, analysts, the Commissioner and officials read only), runs in a transaction, keeps every
changed field in the history (`trajectory.history`) and writes an audit entry.

A concern's children are child-level data: naming them needs `view_child_level` as well, and
neither the history nor the audit entry ever holds an identifier, only how many were named.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from trajectory.audit.services import record
from trajectory.councils.permissions import CAPABILITIES, require
from trajectory.escalations import catalogue
from trajectory.escalations.models import Concern, ConcernChild, ConcernStep
from trajectory.history.services import changes_record, snapshot
from trajectory.plans import clock
from trajectory.web.dates import govuk_date
from trajectory.web.edit_conflicts import lock_for_edit, mark_changed

CONCERN_FIELDS = (
    "raised_by_name",
    "raised_by_organisation",
    "partner_kind",
    "raised_on",
    "about",
    "theme",
    "summary",
    "assigned_to",
)
REVIEW_FIELDS = ("review_outcome", "review_findings", "reviewed_on", "reviewed_by")
RESPONSE_FIELDS = ("response_sent_on", "response_sent_by", "response_summary", "status")


def _actor(user):
    """The person to record on a row: None for the demo and commands (no signed-in user)."""
    return user if getattr(user, "is_authenticated", False) else None


def _stage_text(number: int | None) -> str:
    if number is None:
        return ""
    step = catalogue.step(number)
    return f"Stage {step.number}: {step.title}"


def _check_handler(council, person) -> None:
    """A concern is assigned to someone in the council who may work it."""
    if person is None:
        return
    roles = set(person.memberships.filter(council=council).values_list("role", flat=True))
    if not roles & CAPABILITIES["handle_concerns"]:
        raise ValidationError(
            {"assigned_to": "Assign the concern to a team or service manager or a leader."}
        )


def _check_date(field: str, value: date | None, *, not_before: date | None, label: str) -> None:
    if value is None:
        return
    if value > clock.today():
        raise ValidationError({field: f"The {label} cannot be in the future."})
    if not_before is not None and value < not_before:
        raise ValidationError({field: f"The {label} must be on or after {govuk_date(not_before)}."})


def _identifiers(child_identifiers: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for identifier in child_identifiers:
        cleaned = identifier.strip()
        if cleaned and cleaned not in seen:
            seen.append(cleaned)
    return seen


def _add_children(concern: Concern, user, identifiers: list[str]) -> None:
    existing = set(
        ConcernChild.objects.filter(concern=concern).values_list("child_identifier", flat=True)
    )
    for identifier in identifiers:
        if identifier in existing:
            continue
        child = ConcernChild(concern=concern, child_identifier=identifier, added_by=user)
        child.full_clean()
        child.save()


def _children_text(concern: Concern) -> str:
    count = ConcernChild.objects.filter(concern=concern).count()
    if not count:
        return ""
    return "1 child named" if count == 1 else f"{count} children named"


@transaction.atomic
def concern_log(
    *,
    council,
    user,
    raised_by_name: str,
    partner_kind: str,
    raised_on: date,
    theme: str,
    summary: str,
    raised_by_organisation: str = "",
    about: str = Concern.About.CASE,
    assigned_to=None,
    child_identifiers: Iterable[str] = (),
    request=None,
) -> Concern:
    """Log a partner's concern. It starts at stage 1 of the procedure on the day it was
    raised. Naming children needs `view_child_level` as well as `handle_concerns`."""
    require(user, "handle_concerns", council)
    identifiers = _identifiers(child_identifiers)
    if identifiers:
        require(user, "view_child_level", council)
    _check_handler(council, assigned_to)
    _check_date("raised_on", raised_on, not_before=None, label="date raised")
    number = (Concern.objects.filter(council=council).aggregate(n=Max("number"))["n"] or 0) + 1
    concern = Concern(
        council=council,
        number=number,
        raised_by_name=raised_by_name,
        raised_by_organisation=raised_by_organisation,
        partner_kind=partner_kind,
        raised_on=raised_on,
        about=about,
        theme=theme,
        summary=summary,
        assigned_to=assigned_to,
        created_by=_actor(user),
    )
    concern.full_clean()
    concern.save()
    ConcernStep.objects.create(
        concern=concern,
        number=catalogue.PROCEDURE[0].number,
        reached_on=raised_on,
        recorded_by=concern.created_by,
    )
    _add_children(concern, concern.created_by, identifiers)
    after = snapshot(concern, CONCERN_FIELDS) | {
        "stage": _stage_text(catalogue.PROCEDURE[0].number),
        "children": _children_text(concern),
    }
    changes_record(
        council=council,
        subject=concern,
        label=concern.reference,
        user=user,
        operation="logged",
        before=None,
        after=after,
    )
    record(
        user=user,
        action="concern.log",
        council=council,
        obj=concern,
        request=request,
        detail={"number": number, "children": len(identifiers)},
    )
    return concern


def _current_step(concern: Concern) -> ConcernStep | None:
    return concern.steps.filter(closed_on__isnull=True).order_by("-number").first()


def _open_for_work(concern: Concern) -> None:
    if concern.status != Concern.Status.OPEN:
        raise ValidationError("This concern is closed: its response has been sent.")


@transaction.atomic
def concern_update(
    *, concern: Concern, user, opened_version: int | None = None, request=None, **changes: Any
) -> Concern:
    """Change who raised it, when, what it is about, its summary or who it is assigned to. A
    form passes the version it was opened at; a save over someone else's raises StaleEdit."""
    council = concern.council
    require(user, "handle_concerns", council)
    unknown = set(changes) - set(CONCERN_FIELDS)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))}")
    lock_for_edit(concern, opened_version)
    if "assigned_to" in changes:
        _check_handler(council, changes["assigned_to"])
    if "raised_on" in changes:
        _check_date("raised_on", changes["raised_on"], not_before=None, label="date raised")
        later = concern.steps.filter(number__gt=1).order_by("number").first()
        if later is not None and changes["raised_on"] > later.reached_on:
            raise ValidationError(
                {"raised_on": "The date raised cannot be after the concern reached stage 2."}
            )
        for later_day in (concern.reviewed_on, concern.response_sent_on):
            if later_day is not None and changes["raised_on"] > later_day:
                raise ValidationError(
                    {"raised_on": "The date raised cannot be after the review or the response."}
                )
    before = snapshot(concern, CONCERN_FIELDS)
    for field, value in changes.items():
        setattr(concern, field, value)
    mark_changed(concern, user)
    concern.full_clean()
    concern.save()
    if "raised_on" in changes:
        # Stage 1 is reached the day the concern is raised.
        concern.steps.filter(number=1).update(reached_on=concern.raised_on)
    logged = changes_record(
        council=council,
        subject=concern,
        label=concern.reference,
        user=user,
        operation="changed",
        before=before,
        after=snapshot(concern, CONCERN_FIELDS),
    )
    record(
        user=user,
        action="concern.update",
        council=council,
        obj=concern,
        request=request,
        detail={"fields": [change.field for change in logged]},
    )
    return concern


@transaction.atomic
def concern_escalate(
    *,
    concern: Concern,
    user,
    on: date,
    note: str = "",
    opened_version: int | None = None,
    request=None,
) -> ConcernStep:
    """Move the concern to the procedure's next stage on a date: the current stage closes
    that day and the next is reached, its timescale counted from then."""
    council = concern.council
    require(user, "handle_concerns", council)
    lock_for_edit(concern, opened_version)
    _open_for_work(concern)
    current = _current_step(concern)
    if current is None or current.number >= catalogue.last_step().number:
        raise ValidationError(
            "The concern is at the procedure's last stage: record the review and the response."
        )
    _check_date("on", on, not_before=current.reached_on, label="date it moved on")
    current.closed_on = on
    current.save(update_fields=["closed_on"])
    following = ConcernStep(
        concern=concern,
        number=current.number + 1,
        reached_on=on,
        note=note,
        recorded_by=_actor(user),
    )
    following.full_clean()
    following.save()
    mark_changed(concern, user)
    concern.save(update_fields=["edit_version", "changed_by", "changed_at"])
    changes_record(
        council=council,
        subject=concern,
        label=concern.reference,
        user=user,
        operation="escalated",
        before={"stage": _stage_text(current.number)},
        after={"stage": _stage_text(following.number)},
        reason=note,
    )
    record(
        user=user,
        action="concern.escalate",
        council=council,
        obj=concern,
        request=request,
        detail={"number": concern.number, "stage": following.number, "on": on.isoformat()},
    )
    return following


@transaction.atomic
def concern_review_record(
    *,
    concern: Concern,
    user,
    outcome: str,
    findings: str,
    reviewed_on: date,
    opened_version: int | None = None,
    request=None,
) -> Concern:
    """Record the case review's outcome (upheld, partly upheld, not upheld) and findings. A
    second record changes them, the history keeping the first, until the response has told
    the partner what the review found: then the concern is closed and so is its review."""
    council = concern.council
    require(user, "handle_concerns", council)
    lock_for_edit(concern, opened_version)
    _open_for_work(concern)
    _check_date("reviewed_on", reviewed_on, not_before=concern.raised_on, label="date reviewed")
    if not findings.strip():
        raise ValidationError({"findings": "Enter the review's findings."})
    before = snapshot(concern, REVIEW_FIELDS)
    concern.review_outcome = outcome
    concern.review_findings = findings
    concern.reviewed_on = reviewed_on
    concern.reviewed_by = _actor(user)
    mark_changed(concern, user)
    concern.full_clean()
    concern.save()
    changes_record(
        council=council,
        subject=concern,
        label=concern.reference,
        user=user,
        operation="reviewed",
        before=before,
        after=snapshot(concern, REVIEW_FIELDS),
    )
    record(
        user=user,
        action="concern.review",
        council=council,
        obj=concern,
        request=request,
        detail={"number": concern.number, "outcome": outcome},
    )
    return concern


@transaction.atomic
def concern_response_record(
    *,
    concern: Concern,
    user,
    sent_on: date,
    summary: str,
    opened_version: int | None = None,
    request=None,
) -> Concern:
    """Record the written response to the partner: the stage the concern is at closes that
    day and the concern is closed. The review's outcome comes first, since the response
    tells the partner what the review found."""
    council = concern.council
    require(user, "handle_concerns", council)
    lock_for_edit(concern, opened_version)
    _open_for_work(concern)
    if not concern.review_outcome:
        raise ValidationError("Record the case review's outcome before the response.")
    current = _current_step(concern)
    not_before = max(
        [
            day
            for day in (concern.raised_on, concern.reviewed_on, current and current.reached_on)
            if day
        ]
    )
    _check_date("sent_on", sent_on, not_before=not_before, label="date the response was sent")
    if not summary.strip():
        raise ValidationError({"summary": "Enter what the response said."})
    before = snapshot(concern, RESPONSE_FIELDS)
    if current is not None:
        current.closed_on = sent_on
        current.save(update_fields=["closed_on"])
    concern.response_sent_on = sent_on
    concern.response_sent_by = _actor(user)
    concern.response_summary = summary
    concern.status = Concern.Status.CLOSED
    mark_changed(concern, user)
    concern.full_clean()
    concern.save()
    changes_record(
        council=council,
        subject=concern,
        label=concern.reference,
        user=user,
        operation="responded",
        before=before,
        after=snapshot(concern, RESPONSE_FIELDS),
    )
    record(
        user=user,
        action="concern.respond",
        council=council,
        obj=concern,
        request=request,
        detail={"number": concern.number, "sent_on": sent_on.isoformat()},
    )
    return concern


@transaction.atomic
def concern_child_add(
    *,
    concern: Concern,
    user,
    child_identifier: str,
    opened_version: int | None = None,
    request=None,
) -> None:
    """Name a child the concern is about. The history says only how many are named."""
    council = concern.council
    require(user, "handle_concerns", council)
    require(user, "view_child_level", council)
    lock_for_edit(concern, opened_version)
    identifiers = _identifiers([child_identifier])
    if not identifiers:
        raise ValidationError({"child_identifier": "Enter the child's identifier."})
    before = {"children": _children_text(concern)}
    _add_children(concern, _actor(user), identifiers)
    mark_changed(concern, user)
    concern.save(update_fields=["edit_version", "changed_by", "changed_at"])
    changes_record(
        council=council,
        subject=concern,
        label=concern.reference,
        user=user,
        operation="changed",
        before=before,
        after={"children": _children_text(concern)},
    )
    record(
        user=user,
        action="concern.child.add",
        council=council,
        obj=concern,
        request=request,
        detail={"number": concern.number},
    )
