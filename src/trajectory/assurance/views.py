"""Case audit pages: the programme, a month's sample, the audit form, moderation, learning
actions, templates and results.

Everyone with a role in the council reads the programme's counts, the results and the learning
actions (none of which names a child). A month's sample, an audit, the moderation queue and the
audits behind a figure name children: they need `view_child_level` (403 otherwise) and are
audited. Writes need `run_audits`, checked by the services and, for the forms' pages, here too.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from trajectory.assurance import charts, forms, grades, sampling, selectors, services
from trajectory.assurance.models import Audit
from trajectory.councils.permissions import has_capability, refusal, require
from trajectory.councils.selectors import council_for_user
from trajectory.plans import clock
from trajectory.web.dates import govuk_month
from trajectory.web.forms import add_service_errors


def _context(request, council, **extra) -> dict:
    return {
        "council": council,
        "can_audit": has_capability(request.user, services.CAPABILITY, council),
        "can_see_children": has_capability(request.user, "view_child_level", council),
        "audit_refusal": refusal(services.CAPABILITY),
        **extra,
    }


@login_required
def programme(request, council_code: str):
    council = council_for_user(request.user, council_code)
    rows = selectors.programme_rows(request.user, council)
    form = None
    if has_capability(request.user, services.CAPABILITY, council) or request.method == "POST":
        require(request.user, services.CAPABILITY, council)
        taken = {row["programme"].month for row in rows}
        form = forms.ProgrammeForm(
            request.POST or None, months=forms.month_choices(clock.today(), taken)
        )
        if request.method == "POST" and form.is_valid():
            try:
                made = services.programme_create(
                    council=council,
                    user=request.user,
                    month=form.cleaned_data["month"],
                    seed=form.cleaned_data["seed"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{made} drawn: {made.audits.count()} children.")
                return redirect("assurance_programme_detail", council.code, made.pk)
    return render(
        request,
        "assurance/programme.html",
        _context(
            request,
            council,
            rows=rows,
            form=form,
            rules=[(sampling.RULES[r["rule"]], r["count"]) for r in sampling.DEFAULT_RULES],
            actions=selectors.learning_action_counts(request.user, council),
        ),
    )


@login_required
def programme_detail(request, council_code: str, programme_id: int):
    council = council_for_user(request.user, council_code)
    found = selectors.programme_for(request.user, council, programme_id)
    audits = selectors.programme_audits(request.user, council, found, request=request)
    return render(
        request,
        "assurance/programme_detail.html",
        _context(
            request,
            council,
            programme=found,
            audits=audits,
            rules=[(sampling.RULES.get(r["rule"], r["rule"]), r["count"]) for r in found.rules],
        ),
    )


def _answers_from(form) -> dict:
    return form.answers()


@login_required
def audit_detail(request, council_code: str, audit_id: int):
    council = council_for_user(request.user, council_code)
    audit = selectors.audit_for(request.user, council, audit_id, request=request)
    questions = list(audit.programme.template.questions())
    editable = audit.status in (Audit.Status.NOT_STARTED, Audit.Status.IN_PROGRESS) and (
        audit.auditor_id in (None, request.user.pk)
    )
    form = None
    if request.method == "POST":
        require(request.user, services.CAPABILITY, council)
    if editable and has_capability(request.user, services.CAPABILITY, council):
        form = forms.AuditForm(
            request.POST or None,
            questions=questions,
            initial=forms.AuditForm.initial_for(audit, selectors.audit_answers(audit)),
        )
        if request.method == "POST" and form.is_valid():
            submit = "submit" in request.POST
            try:
                services.audit_save(
                    audit=audit,
                    user=request.user,
                    answers=form.answers(),
                    overall_grade=form.cleaned_data["overall_grade"],
                    narrative=form.cleaned_data["narrative"],
                    submit=submit,
                    opened_version=form.cleaned_data["opened_version"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, "Audit submitted for moderation." if submit else "Audit saved."
                )
                return redirect("assurance_audit", council.code, audit.pk)
    elif request.method == "POST":
        raise PermissionDenied("This audit can no longer be changed here.")
    return render(
        request,
        "assurance/audit.html",
        _context(
            request,
            council,
            audit=audit,
            form=form,
            comparison=selectors.moderation_comparison(audit),
            moderation=getattr(audit, "moderation", None),
            overall_label=grades.label(audit.overall_grade),
            final_label=grades.label(audit.final_grade),
            actions=[
                {"action": a, "rag": selectors.learning_action_rag(a, today=clock.today())}
                for a in audit.learning_actions.select_related("owner")
            ],
            changes=selectors.audit_history(request.user, council, audit)[:200],
        ),
    )


@login_required
def moderate(request, council_code: str, audit_id: int):
    council = council_for_user(request.user, council_code)
    audit = selectors.audit_for(request.user, council, audit_id, request=request)
    require(request.user, services.CAPABILITY, council)
    if audit.auditor_id == request.user.pk:
        raise PermissionDenied(services.OWN_AUDIT)
    if audit.status != Audit.Status.SUBMITTED:
        messages.info(request, "That audit is not waiting for moderation.")
        return redirect("assurance_audit", council.code, audit.pk)
    form = forms.ModerationForm(
        request.POST or None, questions=list(audit.programme.template.questions())
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.moderation_record(
                audit=audit,
                user=request.user,
                answers=form.answers(),
                overall_grade=form.cleaned_data["overall_grade"],
                final_grade=form.cleaned_data["final_grade"],
                narrative=form.cleaned_data["narrative"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Moderation recorded.")
            return redirect("assurance_audit", council.code, audit.pk)
    return render(
        request,
        "assurance/moderate.html",
        _context(
            request,
            council,
            audit=audit,
            form=form,
            comparison=selectors.moderation_comparison(audit),
            overall_label=grades.label(audit.overall_grade),
        ),
    )


@login_required
def moderation_queue(request, council_code: str):
    council = council_for_user(request.user, council_code)
    audits = selectors.moderation_queue(request.user, council, request=request)
    return render(request, "assurance/queue.html", _context(request, council, audits=audits))


def _owners(council):
    return get_user_model().objects.filter(memberships__council=council).distinct()


@login_required
def learning_action_add(request, council_code: str, audit_id: int):
    council = council_for_user(request.user, council_code)
    audit = selectors.audit_for(request.user, council, audit_id, request=request)
    require(request.user, services.CAPABILITY, council)
    form = forms.LearningActionForm(request.POST or None, owners=_owners(council))
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_action_add(
                audit=audit, user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Learning action added.")
            return redirect("assurance_audit", council.code, audit.pk)
    return render(
        request,
        "assurance/action_form.html",
        _context(request, council, form=form, audit=audit, action=None),
    )


@login_required
def learning_action_edit(request, council_code: str, action_id: int):
    council = council_for_user(request.user, council_code)
    action = selectors.learning_action_for(request.user, council, action_id)
    require(request.user, services.CAPABILITY, council)
    initial = {
        "title": action.title,
        "owner": action.owner_id,
        "due_on": action.due_on,
        "status": action.status,
        "note": action.note,
        "opened_version": action.edit_version,
    }
    form = forms.LearningActionEditForm(
        request.POST or None, owners=_owners(council), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        opened_version = data.pop("opened_version")
        try:
            services.learning_action_update(
                action=action,
                user=request.user,
                opened_version=opened_version,
                request=request,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Learning action saved.")
            return redirect("assurance_actions", council.code)
    return render(
        request,
        "assurance/action_form.html",
        _context(
            request,
            council,
            form=form,
            audit=None,
            action=action,
            changes=selectors.action_history(request.user, council, action)[:200],
        ),
    )


@login_required
def learning_actions(request, council_code: str):
    council = council_for_user(request.user, council_code)
    return render(
        request,
        "assurance/actions.html",
        _context(request, council, rows=selectors.learning_actions(request.user, council)),
    )


@login_required
def results(request, council_code: str):
    council = council_for_user(request.user, council_code)
    found = selectors.results(request.user, council)
    series = {
        key: [
            {"as_at": as_at, "numerator": n, "denominator": d, "value": v}
            for as_at, n, d, v in rows
        ]
        for key, rows in found["series"].items()
    }
    months = []
    for row in found["by_month"]:
        months.append(
            {
                **row,
                "label": govuk_month(row["key"]),
                "cells": [row["counts"][key] for key in found["grade_keys"]],
                "links": [
                    {"grade": key, "label": grades.label(key), "count": row["counts"][key]}
                    for key in found["grade_keys"]
                ],
            }
        )
    return render(
        request,
        "assurance/results.html",
        _context(
            request,
            council,
            results=found,
            months=months,
            teams=[
                {
                    **r,
                    "team": "" if r["key"] == selectors.NO_TEAM else r["key"],
                    "cells": [r["counts"][k] for k in found["grade_keys"]],
                }
                for r in found["by_team"]
            ],
            themes=[
                {**r, "cells": [r["counts"][k] for k in found["grade_keys"]]}
                for r in found["by_theme"]
            ],
            series=series,
            titles={key: value["title"] for key, value in services_figures().items()},
            chart_spec=charts.grades_by_month_chart(charts.chart_rows(found["by_month"])),
        ),
    )


def services_figures():
    from trajectory.assurance.figures import INDICATORS

    return INDICATORS


def _month_param(text: str | None) -> date | None:
    if not text:
        return None
    try:
        year, month = text.split("-")[:2]
        return date(int(year), int(month), 1)
    except (ValueError, TypeError):
        raise Http404("Not a month") from None


@login_required
def results_audits(request, council_code: str):
    council = council_for_user(request.user, council_code)
    month = _month_param(request.GET.get("month"))
    team = request.GET.get("team")
    grade = request.GET.get("grade") or None
    if grade and grade not in grades.LABELS:
        raise Http404("No such grade")
    audits = selectors.audits_behind(
        request.user, council, month=month, team=team, grade=grade, request=request
    )
    return render(
        request,
        "assurance/results_audits.html",
        _context(
            request,
            council,
            audits=audits,
            month=month,
            team=team,
            grade_label=grades.label(grade) if grade else "",
        ),
    )


@login_required
def templates(request, council_code: str):
    council = council_for_user(request.user, council_code)
    services.template_default_load()
    return render(
        request,
        "assurance/templates.html",
        _context(request, council, templates=selectors.templates_for(request.user, council)),
    )


@login_required
def template_detail(request, council_code: str, template_id: int):
    council = council_for_user(request.user, council_code)
    template = selectors.template_for(request.user, council, template_id)
    return render(
        request,
        "assurance/template.html",
        _context(request, council, template=template, themes=template.themes.all()),
    )


@login_required
def question_edit(request, council_code: str, template_id: int, question_id: int):
    council = council_for_user(request.user, council_code)
    template = selectors.template_for(request.user, council, template_id)
    require(request.user, services.CAPABILITY, council)
    try:
        question = template.questions().get(pk=question_id)
    except (ValueError, TypeError, template.questions().model.DoesNotExist):
        raise Http404("No such question") from None
    form = forms.QuestionForm(
        request.POST or None,
        initial={"text": question.text, "scale": question.scale, "guidance": question.guidance},
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.template_question_update(
                question=question,
                council=council,
                user=request.user,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            made = changed.theme.template
            if made.pk != template.pk:
                messages.success(request, f"Saved in a new version: {made}.")
            else:
                messages.success(request, "Question saved.")
            return redirect("assurance_template", council.code, made.pk)
    return render(
        request,
        "assurance/question_form.html",
        _context(request, council, template=template, question=question, form=form),
    )
