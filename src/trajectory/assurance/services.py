"""Writes to case audits (issue 11.1). Every write checks `run_audits`, runs in a transaction,
appends each changed field to the history and writes an audit entry.

A template version used by an audit is locked: adapting it makes the next version. A programme
draws its sample once, with its seed, from the return versions it records. An audit is saved as
a draft or submitted; a submitted audit is moderated by someone other than its auditor, and is
then read-only.
"""

from __future__ import annotations

import secrets
from datetime import date

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
from trajectory.councils.permissions import require
from trajectory.history.services import changes_record, snapshot
from trajectory.web.edit_conflicts import lock_for_edit, mark_changed

CAPABILITY = "run_audits"
AUDIT_FIELDS = ("status", "auditor", "overall_grade", "narrative")
MODERATION_FIELDS = ("moderator", "overall_grade", "final_grade", "narrative")
ACTION_FIELDS = ("title", "owner", "due_on", "status", "completed_on", "note")
QUESTION_FIELDS = ("text", "scale", "guidance")
MODERATED = "This audit has been moderated and can no longer be changed."
OWN_AUDIT = "An audit is moderated by a second auditor, not the one who carried it out."


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


@transaction.atomic
def template_question_update(
    *, question: TemplateQuestion, council, user, request=None, **changes
) -> TemplateQuestion:
    """Change a question's wording, scale or guidance. The default template and any version an
    audit has used are never changed in place: the change is made in a new version, returned."""
    require(user, CAPABILITY, council)
    unknown = set(changes) - set(QUESTION_FIELDS)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))}")
    template = question.theme.template
    _check_template_council(template, council)
    if template.is_default or template.is_locked:
        template = _copy(template, council=council, user=user)
    target = TemplateQuestion.objects.get(
        theme__template=template, theme__number=question.theme.number, number=question.number
    )
    before = snapshot(target, QUESTION_FIELDS)
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
        after=snapshot(target, QUESTION_FIELDS),
        label=f"{template}: question {target.reference}",
    )
    record(
        user=user,
        action="assurance.template.question.update",
        council=council,
        obj=target,
        request=request,
        detail={"template": template.pk, "version": template.version},
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
    if audit.auditor_id and audit.auditor_id != getattr(user, "pk", None):
        raise PermissionDenied("This audit is being carried out by another auditor.")
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
        detail={"programme": audit.programme_id, "overall_grade": overall_grade},
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
