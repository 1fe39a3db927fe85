"""Writes to case audits (issue 11.1). Every write checks `run_audits`, runs in a transaction,
appends each changed field to the history and writes an audit entry.

A template version used by an audit is locked: adapting it (a question changed, a theme or
question added, removed or moved) makes the next version, and only the newest version is
changed, from a page opened at its current edit version. A programme draws its sample once,
with its seed, from the return versions it records. A manager allocates its audits to auditors
(`allocate_audits`); an allocated audit is carried out by its auditor, or taken up by a manager
before it is begun. An audit is saved as a draft or submitted; a submitted audit is moderated
by someone other than its auditor, and is then read-only.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from trajectory.assurance import default_template, grades, sampling
from trajectory.assurance.models import (
    Answer,
    Audit,
    AuditTemplate,
    LearningAction,
    Moderation,
    ModerationAnswer,
    Programme,
    TemplateQuestion,
    TemplateTheme,
)
from trajectory.audit.services import record
from trajectory.councils.permissions import CAPABILITIES, has_capability, require
from trajectory.history.services import changes_record, snapshot
from trajectory.web.edit_conflicts import lock_for_edit, mark_changed

CAPABILITY = "run_audits"
AUDIT_FIELDS = ("status", "auditor", "due_on", "overall_grade", "narrative")
MODERATION_FIELDS = ("moderator", "overall_grade", "final_grade", "narrative")
ACTION_FIELDS = ("title", "owner", "due_on", "status", "completed_on", "note")
QUESTION_FIELDS = ("text", "scale", "guidance")
MODERATED = "This audit has been moderated and can no longer be changed."
OWN_AUDIT = "An audit is moderated by a second auditor, not the one who carried it out."
ALLOCATE = "allocate_audits"
ALLOCATORS_ONLY = "Case audits are allocated only by team and service managers and leaders."
ANOTHER_AUDITOR = "This audit is allocated to another auditor."


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


# Templates ----------------------------------------------------------------------------------


@transaction.atomic
def template_default_load() -> AuditTemplate:
    """The default template (version 1), made once from `default_template`."""
    template, created = AuditTemplate.objects.get_or_create(
        council=None,
        name=default_template.NAME,
        version=1,
        defaults={"description": default_template.DESCRIPTION},
    )
    if created:
        for number, theme in enumerate(default_template.THEMES, start=1):
            made = TemplateTheme.objects.create(
                template=template, number=number, name=theme.name, description=theme.description
            )
            for q_number, question in enumerate(theme.questions, start=1):
                TemplateQuestion.objects.create(
                    theme=made,
                    number=q_number,
                    text=question.text,
                    scale=question.scale,
                    guidance=question.guidance,
                )
    return template


def _copy(template: AuditTemplate, *, council, user) -> AuditTemplate:
    found = AuditTemplate.objects.filter(council=council, name=template.name).aggregate(
        n=Max("version")
    )["n"]
    copy = AuditTemplate.objects.create(
        council=council,
        name=template.name,
        version=(found or 0) + 1,
        copied_from=template,
        description=template.description,
        created_by=_user(user),
    )
    for theme in template.themes.all():
        made = TemplateTheme.objects.create(
            template=copy, number=theme.number, name=theme.name, description=theme.description
        )
        for question in theme.questions.all():
            TemplateQuestion.objects.create(
                theme=made,
                number=question.number,
                text=question.text,
                scale=question.scale,
                guidance=question.guidance,
            )
    changes_record(
        council=council,
        subject=copy,
        user=user,
        operation="created",
        before=None,
        after={"name": copy.name, "version": str(copy.version), "copied_from": str(template)},
    )
    return copy


def _check_template_council(template: AuditTemplate, council) -> None:
    if template.council_id is not None and template.council_id != council.pk:
        raise ValidationError("That template belongs to another council.")


def _version_for_edit(
    template: AuditTemplate, *, council, user, opened_version: int | None
) -> AuditTemplate:
    """The version a change to `template` is made in, locked for the transaction: the template
    itself while no audit has used it, otherwise (and always for the default) the council's
    next version, copied from it, so no audit's questions ever change.

    Two people editing at once lose nothing (web/edit_conflicts.py): only the council's newest
    version is changed, and a page opened before the version's last change is refused."""
    require(user, CAPABILITY, council)
    _check_template_council(template, council)
    lock_for_edit(template, opened_version)
    newest = current_template(council)
    if newest.pk != template.pk:
        raise ValidationError(
            f"{newest} has been made since this version was opened: make the change there."
        )
    target = template
    if template.is_default or template.is_locked:
        target = _copy(template, council=council, user=user)
    mark_changed(target, user)
    target.save(update_fields=["edit_version", "changed_by", "changed_at"])
    return target


def _theme_in(template: AuditTemplate, theme: TemplateTheme) -> TemplateTheme:
    """The theme of `template` standing where `theme` stands in the version it was read from."""
    number = TemplateTheme.objects.get(pk=theme.pk).number
    return template.themes.get(number=number)


def _question_in(template: AuditTemplate, question: TemplateQuestion) -> TemplateQuestion:
    stored = TemplateQuestion.objects.select_related("theme").get(pk=question.pk)
    return TemplateQuestion.objects.select_related("theme").get(
        theme__template=template, theme__number=stored.theme.number, number=stored.number
    )


def _template_changed(
    target: AuditTemplate, *, council, user, request, action: str, field: str, before, after
) -> None:
    """A theme or question added, removed or moved: one history row on the version changed
    (the item itself may be gone), and the audit log entry."""
    changes_record(
        council=council,
        subject=target,
        user=user,
        operation="changed",
        before={field: before},
        after={field: after},
    )
    record(
        user=user,
        action=action,
        council=council,
        obj=target,
        request=request,
        detail={"template": target.pk, "version": target.version, "before": before, "after": after},
    )


def _renumber(rows) -> None:
    """Number the rows 1, 2, 3 in their order, after one is removed: each moves down into a
    number already free, so the unique constraints hold at every step."""
    for number, row in enumerate(rows, start=1):
        if row.number != number:
            row.number = number
            row.save(update_fields=["number"])


def _swap(first, second) -> None:
    """Swap two rows' numbers through a number no row holds (the constraint is checked on each
    write, on PostgreSQL as on SQLite)."""
    first_number, second_number = first.number, second.number
    first.number = 0
    first.save(update_fields=["number"])
    second.number = first_number
    second.save(update_fields=["number"])
    first.number = second_number
    first.save(update_fields=["number"])


def _part_update(
    *,
    part,
    template: AuditTemplate,
    find_in,
    fields,
    changes: dict,
    council,
    user,
    what: str,
    action: str,
    opened_version: int | None,
    request,
):
    """The one way a theme or a question changes: in the template's version for editing
    (`_version_for_edit`: a new version when the default or a used one), its history and
    audit entry kept. `find_in(version, part)` is the part's counterpart in that version."""
    require(user, CAPABILITY, council)
    unknown = set(changes) - set(fields)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))}")
    version = _version_for_edit(template, council=council, user=user, opened_version=opened_version)
    target = find_in(version, part)
    before = snapshot(target, fields)
    for name, value in changes.items():
        setattr(target, name, value)
    target.full_clean()
    target.save()
    changes_record(
        council=council,
        subject=target,
        user=user,
        operation="changed",
        before=before,
        after=snapshot(target, fields),
        label=f"{version}: {what(target)}",
    )
    record(
        user=user,
        action=action,
        council=council,
        obj=target,
        request=request,
        detail={"template": version.pk, "version": version.version},
    )
    return target


@transaction.atomic
def template_question_update(
    *,
    question: TemplateQuestion,
    council,
    user,
    opened_version: int | None = None,
    request=None,
    **changes,
) -> TemplateQuestion:
    """Change a question's wording, scale or guidance. The default template and any version an
    audit has used are never changed in place: the change is made in a new version, returned."""
    return _part_update(
        part=question,
        template=question.theme.template,
        find_in=_question_in,
        fields=QUESTION_FIELDS,
        changes=changes,
        council=council,
        user=user,
        what=lambda target: f"question {target.reference}",
        action="assurance.template.question.update",
        opened_version=opened_version,
        request=request,
    )


@transaction.atomic
def template_question_add(
    *,
    theme: TemplateTheme,
    council,
    user,
    text: str,
    scale: str,
    guidance: str = "",
    opened_version: int | None = None,
    request=None,
) -> TemplateQuestion:
    """Add a question at the end of a theme, graded on the scale chosen (Ofsted's four points,
    or yes / partly / no); in a new version when the theme's version is the default or used."""
    template = _version_for_edit(
        theme.template, council=council, user=user, opened_version=opened_version
    )
    target_theme = _theme_in(template, theme)
    last = target_theme.questions.aggregate(n=Max("number"))["n"] or 0
    question = TemplateQuestion(
        theme=target_theme, number=last + 1, text=text, scale=scale, guidance=guidance
    )
    question.full_clean()
    question.save()
    _template_changed(
        template,
        council=council,
        user=user,
        request=request,
        action="assurance.template.question.add",
        field="questions",
        before="",
        after=f"Added {question.reference} {question.text} ({question.get_scale_display()})",
    )
    return question


def _question_count(template: AuditTemplate) -> int:
    return template.questions().count()


@transaction.atomic
def template_question_remove(
    *,
    question: TemplateQuestion,
    council,
    user,
    opened_version: int | None = None,
    request=None,
) -> AuditTemplate:
    """Take a question out of the template (in a new version when its version is the default or
    used, so audits graded on it keep it); the theme's later questions move up a number."""
    template = _version_for_edit(
        question.theme.template, council=council, user=user, opened_version=opened_version
    )
    target = _question_in(template, question)
    if _question_count(template) == 1:
        raise ValidationError("A template needs at least one question.")
    removed = f"{target.reference} {target.text}"
    theme = target.theme
    target.delete()
    _renumber(theme.questions.order_by("number"))
    _template_changed(
        template,
        council=council,
        user=user,
        request=request,
        action="assurance.template.question.remove",
        field="questions",
        before=removed,
        after=f"Removed {removed}",
    )
    return template


@transaction.atomic
def template_question_move(
    *,
    question: TemplateQuestion,
    council,
    user,
    up: bool,
    opened_version: int | None = None,
    request=None,
) -> TemplateQuestion:
    """Move a question one place up or down within its theme."""
    template = _version_for_edit(
        question.theme.template, council=council, user=user, opened_version=opened_version
    )
    target = _question_in(template, question)
    siblings = target.theme.questions.order_by("number")
    other = (
        siblings.filter(number__lt=target.number).last()
        if up
        else siblings.filter(number__gt=target.number).first()
    )
    if other is None:
        raise ValidationError(
            f"Question {target.reference} is already the {'first' if up else 'last'}."
        )
    before = target.reference
    _swap(target, other)
    _template_changed(
        template,
        council=council,
        user=user,
        request=request,
        action="assurance.template.question.move",
        field="questions",
        before=f"{before} {target.text}",
        after=f"{target.reference} {target.text}",
    )
    return target


THEME_FIELDS = ("name", "description")


@transaction.atomic
def template_theme_add(
    *,
    template: AuditTemplate,
    council,
    user,
    name: str,
    description: str = "",
    opened_version: int | None = None,
    request=None,
) -> TemplateTheme:
    """Add a theme at the end of the template (in a new version when this one is the default
    or used); its questions are added to it next."""
    target = _version_for_edit(template, council=council, user=user, opened_version=opened_version)
    last = target.themes.aggregate(n=Max("number"))["n"] or 0
    theme = TemplateTheme(template=target, number=last + 1, name=name, description=description)
    theme.full_clean()
    theme.save()
    _template_changed(
        target,
        council=council,
        user=user,
        request=request,
        action="assurance.template.theme.add",
        field="themes",
        before="",
        after=f"Added {theme}",
    )
    return theme


@transaction.atomic
def template_theme_update(
    *,
    theme: TemplateTheme,
    council,
    user,
    opened_version: int | None = None,
    request=None,
    **changes,
) -> TemplateTheme:
    """Rename a theme or change what it looks at (in a new version when its version is the
    default or used)."""
    return _part_update(
        part=theme,
        template=theme.template,
        find_in=_theme_in,
        fields=THEME_FIELDS,
        changes=changes,
        council=council,
        user=user,
        what=lambda target: f"theme {target.number}",
        action="assurance.template.theme.update",
        opened_version=opened_version,
        request=request,
    )


@transaction.atomic
def template_theme_remove(
    *,
    theme: TemplateTheme,
    council,
    user,
    opened_version: int | None = None,
    request=None,
) -> AuditTemplate:
    """Take a theme and its questions out of the template (in a new version when its version
    is the default or used); later themes move up a number."""
    template = _version_for_edit(
        theme.template, council=council, user=user, opened_version=opened_version
    )
    target = _theme_in(template, theme)
    if _question_count(template) == target.questions.count() and target.questions.exists():
        raise ValidationError("A template needs at least one question: this theme has them all.")
    removed = str(target)
    target.delete()
    _renumber(template.themes.order_by("number"))
    _template_changed(
        template,
        council=council,
        user=user,
        request=request,
        action="assurance.template.theme.remove",
        field="themes",
        before=removed,
        after=f"Removed {removed}",
    )
    return template


@transaction.atomic
def template_theme_move(
    *,
    theme: TemplateTheme,
    council,
    user,
    up: bool,
    opened_version: int | None = None,
    request=None,
) -> TemplateTheme:
    """Move a theme one place up or down; its questions' references follow its number."""
    template = _version_for_edit(
        theme.template, council=council, user=user, opened_version=opened_version
    )
    target = _theme_in(template, theme)
    themes = template.themes.order_by("number")
    other = (
        themes.filter(number__lt=target.number).last()
        if up
        else themes.filter(number__gt=target.number).first()
    )
    if other is None:
        raise ValidationError(f"{target.name} is already the {'first' if up else 'last'} theme.")
    before = str(target)
    _swap(target, other)
    _template_changed(
        template,
        council=council,
        user=user,
        request=request,
        action="assurance.template.theme.move",
        field="themes",
        before=before,
        after=str(target),
    )
    return target


def current_template(council) -> AuditTemplate:
    """The council's newest version of its own template, otherwise the default."""
    own = AuditTemplate.objects.filter(council=council).order_by("-version", "-id").first()
    return own or template_default_load()


# Programmes ---------------------------------------------------------------------------------


def first_of_month(day: date) -> date:
    return date(day.year, day.month, 1)


@transaction.atomic
def programme_create(
    *,
    council,
    user,
    month: date,
    template: AuditTemplate | None = None,
    rules=None,
    seed: int | None = None,
    sampled_at: date | None = None,
    request=None,
) -> Programme:
    """Draw the month's sample from the latest returns by the rules, with the seed (a new
    random one when none is given), and make an audit for each child drawn."""
    from trajectory.assurance.selectors import sample_for

    require(user, CAPABILITY, council)
    month = first_of_month(month)
    if Programme.objects.filter(council=council, month=month).exists():
        raise ValidationError({"month": "That month already has a programme."})
    template = template or current_template(council)
    _check_template_council(template, council)
    # Held until the audits are made, so no change lands in place in a version being taken up.
    template = AuditTemplate.objects.select_for_update().get(pk=template.pk)
    rules = [dict(rule) for rule in (rules or sampling.DEFAULT_RULES)]
    seed = secrets.randbelow(2**31) if seed is None else int(seed)
    sample = sample_for(council, rules=rules, seed=seed, as_at=sampled_at)
    programme = Programme.objects.create(
        council=council,
        month=month,
        template=template,
        seed=seed,
        rules=rules,
        sampled_at=sample.as_at,
        ssda903_version=sample.ssda903_version,
        cin_version=sample.cin_version,
        team_file=sample.team_file,
        notes="\n".join(sample.notes),
        created_by=_user(user),
    )
    Audit.objects.bulk_create(
        Audit(
            council=council,
            programme=programme,
            child_id=picked.candidate.child,
            worker=picked.candidate.worker,
            team=picked.candidate.team,
            sample_rule=picked.rule,
            sample_reason=picked.reason[:300],
        )
        for picked in sample.picked
    )
    changes_record(
        council=council,
        subject=programme,
        user=user,
        operation="created",
        before=None,
        after={
            "month": snapshot(programme, ["month"])["month"],
            "seed": str(seed),
            "template": str(template),
            "sampled_at": snapshot(programme, ["sampled_at"])["sampled_at"],
        },
    )
    record(
        user=user,
        action="assurance.programme.create",
        council=council,
        obj=programme,
        request=request,
        detail={"month": month.isoformat(), "seed": seed, "children": len(sample.picked)},
    )
    return programme


# Allocation ---------------------------------------------------------------------------------


def may_allocate(user, council) -> bool:
    """Team and service managers and leaders allocate audits. `allocate_audits` is asked of
    councils/permissions.py (see docs/assurance.md); until it is there, `edit_plan`, held by
    the same two roles, stands in for it."""
    if user is None:
        return True
    return has_capability(user, ALLOCATE if ALLOCATE in CAPABILITIES else "edit_plan", council)


def _require_allocate(user, council) -> None:
    require(user, CAPABILITY, council)
    if not may_allocate(user, council):
        raise PermissionDenied(ALLOCATORS_ONLY)


def month_end(month: date) -> date:
    following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return following - timedelta(days=1)


@transaction.atomic
def audit_allocate(
    *,
    audit: Audit,
    user,
    auditor,
    due_on: date | None = None,
    opened_version: int | None = None,
    request=None,
) -> Audit:
    """Allocate an audit not yet submitted to an auditor, someone who carries out audits in its
    council (`run_audits`), due by `due_on` (the programme month's last day when not given).
    Re-allocating an audit in progress hands its draft on to the new auditor."""
    _require_allocate(user, audit.council)
    lock_for_edit(audit, opened_version)
    if audit.is_done:
        raise ValidationError(f"The audit of child {audit.child_id} has been submitted.")
    if auditor is None or not has_capability(auditor, CAPABILITY, audit.council):
        raise ValidationError(
            {"auditor": "Choose an auditor who carries out case audits in this council."}
        )
    before = snapshot(audit, AUDIT_FIELDS)
    previous = audit.auditor_id
    audit.auditor = auditor
    audit.due_on = due_on or month_end(audit.programme.month)
    audit.allocated_by = _user(user)
    audit.allocated_at = timezone.now()
    mark_changed(audit, user)
    audit.full_clean()
    audit.save()
    changes_record(
        council=audit.council,
        subject=audit,
        user=user,
        operation="allocated",
        before=before,
        after=snapshot(audit, AUDIT_FIELDS),
    )
    record(
        user=user,
        action="assurance.audit.allocate",
        council=audit.council,
        obj=audit,
        request=request,
        detail={
            "programme": audit.programme_id,
            "auditor": auditor.pk,
            "previous_auditor": previous,
            "due_on": audit.due_on.isoformat(),
        },
    )
    return audit


@transaction.atomic
def programme_allocate(
    *,
    programme: Programme,
    user,
    allocations: dict[int, tuple[object, int | None]],
    due_on: date | None = None,
    request=None,
) -> list[Audit]:
    """Allocate a month's audits at once: audit id -> (auditor, the audit's edit version when
    the page was opened). An audit whose auditor and due date are already those is left alone;
    one changed by someone else since the page was opened refuses the lot, so nothing is lost."""
    _require_allocate(user, programme.council)
    due_on = due_on or month_end(programme.month)
    audits = {a.pk: a for a in programme.audits.all()}
    changed = []
    for audit_id, (auditor, opened_version) in allocations.items():
        audit = audits.get(audit_id)
        if audit is None:
            raise ValidationError("That audit is not in this programme.")
        if auditor is None:
            continue
        if audit.auditor_id == auditor.pk and audit.due_on == due_on:
            lock_for_edit(audit, opened_version)
            continue
        changed.append(
            audit_allocate(
                audit=audit,
                user=user,
                auditor=auditor,
                due_on=due_on,
                opened_version=opened_version,
                request=request,
            )
        )
    return changed


# Audits -------------------------------------------------------------------------------------


def _check_grade(question: TemplateQuestion, grade: str) -> None:
    if grade and grade not in dict(question.grade_choices):
        raise ValidationError(f"{grade!r} is not a grade for question {question.reference}.")


@transaction.atomic
def audit_save(
    *,
    audit: Audit,
    user,
    answers: dict[int, tuple[str, str]],
    overall_grade: str,
    narrative: str,
    submit: bool = False,
    opened_version: int | None = None,
    request=None,
) -> Audit:
    """Save the auditor's grades (question id -> (grade, comment)), overall grade and narrative;
    `submit` sends it for moderation, and needs every question and the overall grade."""
    require(user, CAPABILITY, audit.council)
    lock_for_edit(audit, opened_version)
    if audit.status == Audit.Status.MODERATED:
        raise ValidationError(MODERATED)
    taken_from = None
    if audit.auditor_id and user is not None and audit.auditor_id != user.pk:
        # A manager may take up an audit allocated to someone else before it is begun.
        if audit.status != Audit.Status.NOT_STARTED or not may_allocate(user, audit.council):
            raise PermissionDenied(ANOTHER_AUDITOR)
        taken_from = audit.auditor_id
    questions = {q.pk: q for q in audit.programme.template.questions()}
    for question_id, (grade, _comment) in answers.items():
        if question_id not in questions:
            raise ValidationError("That question is not in this audit's template.")
        _check_grade(questions[question_id], grade)
    if overall_grade and overall_grade not in dict(grades.OFSTED_CHOICES):
        raise ValidationError({"overall_grade": "Choose an overall grade from Ofsted's scale."})
    if submit:
        missing = [q.reference for q in questions.values() if not answers.get(q.pk, ("",))[0]]
        if missing:
            raise ValidationError(f"Grade every question before submitting: {', '.join(missing)}.")
        if not overall_grade:
            raise ValidationError({"overall_grade": "Choose the overall grade."})
    before = snapshot(audit, AUDIT_FIELDS)
    for question_id, (grade, comment) in answers.items():
        Answer.objects.update_or_create(
            audit=audit, question_id=question_id, defaults={"grade": grade, "comment": comment}
        )
    audit.auditor = _user(user) or audit.auditor
    audit.overall_grade = overall_grade
    audit.narrative = narrative
    if submit:
        audit.status = Audit.Status.SUBMITTED
        audit.submitted_at = timezone.now()
    elif audit.status == Audit.Status.NOT_STARTED:
        audit.status = Audit.Status.IN_PROGRESS
    mark_changed(audit, user)
    audit.full_clean()
    audit.save()
    changes_record(
        council=audit.council,
        subject=audit,
        user=user,
        operation="submitted" if submit else "changed",
        before=before,
        after=snapshot(audit, AUDIT_FIELDS),
    )
    record(
        user=user,
        action="assurance.audit.submit" if submit else "assurance.audit.save",
        council=audit.council,
        obj=audit,
        request=request,
        detail={"programme": audit.programme_id, "overall_grade": overall_grade}
        | ({"taken_from_auditor": taken_from} if taken_from else {}),
    )
    return audit


@transaction.atomic
def moderation_record(
    *,
    audit: Audit,
    user,
    answers: dict[int, tuple[str, str]],
    overall_grade: str,
    final_grade: str,
    narrative: str,
    request=None,
) -> Moderation:
    """A second auditor's grades of a submitted audit and the final grade. Refused for the
    audit's own auditor; every question and both grades are needed."""
    require(user, CAPABILITY, audit.council)
    lock_for_edit(audit, None)
    if audit.auditor_id is not None and audit.auditor_id == getattr(user, "pk", None):
        raise PermissionDenied(OWN_AUDIT)
    if audit.status == Audit.Status.MODERATED:
        raise ValidationError(MODERATED)
    if audit.status != Audit.Status.SUBMITTED:
        raise ValidationError("Only a submitted audit can be moderated.")
    questions = {q.pk: q for q in audit.programme.template.questions()}
    missing = [q.reference for q in questions.values() if not answers.get(q.pk, ("",))[0]]
    if missing:
        raise ValidationError(f"Grade every question: {', '.join(missing)}.")
    for question_id, (grade, _comment) in answers.items():
        if question_id not in questions:
            raise ValidationError("That question is not in this audit's template.")
        _check_grade(questions[question_id], grade)
    for name, grade in (("overall_grade", overall_grade), ("final_grade", final_grade)):
        if grade not in dict(grades.OFSTED_CHOICES):
            raise ValidationError({name: "Choose a grade from Ofsted's scale."})
    moderation = Moderation(
        audit=audit,
        moderator=user,
        overall_grade=overall_grade,
        final_grade=final_grade,
        narrative=narrative,
        completed_at=timezone.now(),
    )
    mark_changed(moderation, user)
    moderation.save()
    ModerationAnswer.objects.bulk_create(
        ModerationAnswer(moderation=moderation, question_id=qid, grade=grade, comment=comment)
        for qid, (grade, comment) in answers.items()
    )
    before = snapshot(audit, AUDIT_FIELDS)
    audit.status = Audit.Status.MODERATED
    mark_changed(audit, user)
    audit.save()
    changes_record(
        council=audit.council,
        subject=audit,
        user=user,
        operation="moderated",
        before=before,
        after=snapshot(audit, AUDIT_FIELDS),
    )
    changes_record(
        council=audit.council,
        subject=moderation,
        user=user,
        operation="created",
        before=None,
        after=snapshot(moderation, MODERATION_FIELDS),
        label=f"Moderation of {audit}",
    )
    record(
        user=user,
        action="assurance.audit.moderate",
        council=audit.council,
        obj=audit,
        request=request,
        detail={
            "auditor_grade": audit.overall_grade,
            "moderator_grade": overall_grade,
            "final_grade": final_grade,
        },
    )
    return moderation


# Learning actions ---------------------------------------------------------------------------


def _check_owner(council, owner) -> None:
    if owner is None or not owner.memberships.filter(council=council).exists():
        raise ValidationError({"owner": "Choose an owner who has a role in this council."})


@transaction.atomic
def learning_action_add(
    *, audit: Audit, user, title: str, owner, due_on: date, note: str = "", request=None
) -> LearningAction:
    require(user, CAPABILITY, audit.council)
    _check_owner(audit.council, owner)
    action = LearningAction(
        council=audit.council, audit=audit, title=title, owner=owner, due_on=due_on, note=note
    )
    mark_changed(action, user)
    action.full_clean()
    action.save()
    changes_record(
        council=audit.council,
        subject=action,
        user=user,
        operation="created",
        before=None,
        after=snapshot(action, ACTION_FIELDS),
    )
    record(
        user=user,
        action="assurance.learning_action.add",
        council=audit.council,
        obj=action,
        request=request,
        detail={"audit": audit.pk},
    )
    return action


@transaction.atomic
def learning_action_update(
    *, action: LearningAction, user, opened_version: int | None = None, request=None, **changes
) -> LearningAction:
    require(user, CAPABILITY, action.council)
    unknown = set(changes) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))}")
    lock_for_edit(action, opened_version)
    if "owner" in changes:
        _check_owner(action.council, changes["owner"])
    before = snapshot(action, ACTION_FIELDS)
    for name, value in changes.items():
        setattr(action, name, value)
    if action.status == LearningAction.Status.COMPLETE and action.completed_on is None:
        from trajectory.plans import clock

        action.completed_on = clock.today()
    if action.status != LearningAction.Status.COMPLETE:
        action.completed_on = None
    mark_changed(action, user)
    action.full_clean()
    action.save()
    changes_record(
        council=action.council,
        subject=action,
        user=user,
        operation="changed",
        before=before,
        after=snapshot(action, ACTION_FIELDS),
    )
    record(
        user=user,
        action="assurance.learning_action.update",
        council=action.council,
        obj=action,
        request=request,
        detail={"status": action.status},
    )
    return action
