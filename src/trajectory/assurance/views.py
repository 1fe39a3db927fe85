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
from django.views.decorators.http import require_POST

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
        "can_allocate": services.may_allocate(request.user, council),
        **extra,
    }


@login_required
def programme(request, council_code: str):
    council = council_for_user(request.user, council_code)
    rows = selectors.programme_rows(request.user, council)
    latest = (
        selectors.allocation_by_auditor(request.user, council, rows[0]["programme"])
        if rows
        else None
    )
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
            latest=latest,
            latest_month=govuk_month(rows[0]["programme"].month) if rows else "",
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
            allocation=selectors.allocation_by_auditor(request.user, council, found),
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
    editable = audit.status == Audit.Status.IN_PROGRESS and audit.auditor_id == request.user.pk
    editable |= audit.status == Audit.Status.NOT_STARTED and (
        audit.auditor_id in (None, request.user.pk) or services.may_allocate(request.user, council)
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


def _template_page(request, council_code: str, template_id: int):
    council = council_for_user(request.user, council_code)
    return council, selectors.template_for(request.user, council, template_id)


def _saved_in(request, template, made) -> None:
    if made.pk != template.pk:
        messages.success(request, f"Saved in a new version: {made}.")
    else:
        messages.success(request, f"{made} saved.")


@login_required
def template_detail(request, council_code: str, template_id: int):
    council, template = _template_page(request, council_code, template_id)
    newest = services.current_template(council)
    return render(
        request,
        "assurance/template.html",
        _context(
            request,
            council,
            template=template,
            themes=template.themes.prefetch_related("questions"),
            newest=newest,
            editable=newest.pk == template.pk
            and has_capability(request.user, services.CAPABILITY, council),
            changes=selectors.template_history(request.user, council, template)[:200],
        ),
    )


def _form_page(request, council, template, form, *, heading: str, submit: str, intro: str = ""):
    return render(
        request,
        "assurance/template_form.html",
        _context(
            request,
            council,
            template=template,
            form=form,
            heading=heading,
            submit=submit,
            intro=intro,
            new_version=template.is_default or template.is_locked,
        ),
    )


def _question(template, question_id):
    try:
        return template.questions().get(pk=question_id)
    except (ValueError, TypeError, template.questions().model.DoesNotExist):
        raise Http404("No such question") from None


def _theme(template, theme_id):
    try:
        return template.themes.get(pk=theme_id)
    except (ValueError, TypeError, template.themes.model.DoesNotExist):
        raise Http404("No such theme") from None


@login_required
def question_edit(request, council_code: str, template_id: int, question_id: int):
    council, template = _template_page(request, council_code, template_id)
    require(request.user, services.CAPABILITY, council)
    question = _question(template, question_id)
    form = forms.QuestionForm(
        request.POST or None,
        initial={
            "text": question.text,
            "scale": question.scale,
            "guidance": question.guidance,
            "opened_version": template.edit_version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            changed = services.template_question_update(
                question=question,
                council=council,
                user=request.user,
                opened_version=data.pop("opened_version"),
                request=request,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _saved_in(request, template, changed.theme.template)
            return redirect("assurance_template", council.code, changed.theme.template_id)
    return _form_page(
        request,
        council,
        template,
        form,
        heading=f"Change question {question.reference}",
        submit="Save the question",
    )


@login_required
def question_add(request, council_code: str, template_id: int, theme_id: int):
    council, template = _template_page(request, council_code, template_id)
    require(request.user, services.CAPABILITY, council)
    theme = _theme(template, theme_id)
    form = forms.QuestionForm(
        request.POST or None,
        initial={"scale": grades.Scale.OFSTED, "opened_version": template.edit_version},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            added = services.template_question_add(
                theme=theme,
                council=council,
                user=request.user,
                opened_version=data.pop("opened_version"),
                request=request,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _saved_in(request, template, added.theme.template)
            return redirect("assurance_template", council.code, added.theme.template_id)
    return _form_page(
        request,
        council,
        template,
        form,
        heading=f"Add a question to {theme.number}. {theme.name}",
        submit="Add the question",
    )


@login_required
def theme_add(request, council_code: str, template_id: int):
    council, template = _template_page(request, council_code, template_id)
    require(request.user, services.CAPABILITY, council)
    form = forms.ThemeForm(request.POST or None, initial=forms.ThemeForm.initial_for(template))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            added = services.template_theme_add(
                template=template,
                council=council,
                user=request.user,
                opened_version=data.pop("opened_version"),
                request=request,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _saved_in(request, template, added.template)
            return redirect("assurance_template", council.code, added.template_id)
    return _form_page(
        request,
        council,
        template,
        form,
        heading="Add a theme",
        submit="Add the theme",
        intro="The theme is added at the end; add its questions to it next.",
    )


@login_required
def theme_edit(request, council_code: str, template_id: int, theme_id: int):
    council, template = _template_page(request, council_code, template_id)
    require(request.user, services.CAPABILITY, council)
    theme = _theme(template, theme_id)
    form = forms.ThemeForm(
        request.POST or None,
        initial={
            "name": theme.name,
            "description": theme.description,
            "opened_version": template.edit_version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            changed = services.template_theme_update(
                theme=theme,
                council=council,
                user=request.user,
                opened_version=data.pop("opened_version"),
                request=request,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _saved_in(request, template, changed.template)
            return redirect("assurance_template", council.code, changed.template_id)
    return _form_page(
        request, council, template, form, heading=f"Change theme {theme}", submit="Save the theme"
    )


def _remove_page(request, council, template, *, heading: str, intro: str, remove):
    require(request.user, services.CAPABILITY, council)
    form = forms.ConfirmForm(request.POST or None, initial=forms.ConfirmForm.initial_for(template))
    if request.method == "POST" and form.is_valid():
        try:
            made = remove(form.cleaned_data["opened_version"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _saved_in(request, template, made)
            return redirect("assurance_template", council.code, made.pk)
    return _form_page(
        request, council, template, form, heading=heading, submit="Remove", intro=intro
    )


@login_required
def question_remove(request, council_code: str, template_id: int, question_id: int):
    council, template = _template_page(request, council_code, template_id)
    question = _question(template, question_id)
    return _remove_page(
        request,
        council,
        template,
        heading=f"Remove question {question.reference}",
        intro=f"{question.reference} {question.text}",
        remove=lambda opened: services.template_question_remove(
            question=question,
            council=council,
            user=request.user,
            opened_version=opened,
            request=request,
        ),
    )


@login_required
def theme_remove(request, council_code: str, template_id: int, theme_id: int):
    council, template = _template_page(request, council_code, template_id)
    theme = _theme(template, theme_id)
    count = theme.questions.count()
    return _remove_page(
        request,
        council,
        template,
        heading=f"Remove theme {theme}",
        intro=f"Its {count} question{'' if count == 1 else 's'} will be removed with it.",
        remove=lambda opened: services.template_theme_remove(
            theme=theme,
            council=council,
            user=request.user,
            opened_version=opened,
            request=request,
        ),
    )


@login_required
@require_POST
def template_move(request, council_code: str, template_id: int):
    """Move a theme or a question one place up or down (buttons on the template's page)."""
    council, template = _template_page(request, council_code, template_id)
    require(request.user, services.CAPABILITY, council)
    form = forms.ConfirmForm(request.POST)
    up = request.POST.get("direction") == "up"
    if not form.is_valid():
        messages.error(request, "This page is out of date. Open it again to make your change.")
        return redirect("assurance_template", council.code, template.pk)
    common = {
        "council": council,
        "user": request.user,
        "up": up,
        "opened_version": form.cleaned_data["opened_version"],
        "request": request,
    }
    try:
        if "question" in request.POST:
            moved = services.template_question_move(
                question=_question(template, request.POST["question"]), **common
            )
            made = moved.theme.template
        else:
            moved = services.template_theme_move(
                theme=_theme(template, request.POST.get("theme")), **common
            )
            made = moved.template
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect("assurance_template", council.code, template.pk)
    _saved_in(request, template, made)
    return redirect("assurance_template", council.code, made.pk)


# Allocation ---------------------------------------------------------------------------------


@login_required
def programme_allocate(request, council_code: str, programme_id: int):
    council = council_for_user(request.user, council_code)
    found = selectors.programme_for(request.user, council, programme_id)
    if not services.may_allocate(request.user, council):
        raise PermissionDenied(services.ALLOCATORS_ONLY)
    audits = selectors.programme_audits(request.user, council, found, request=request)
    dues = {a.due_on for a in audits if a.due_on and not a.is_done}
    form = forms.AllocationForm(
        request.POST or None,
        audits=audits,
        auditors=selectors.auditors_for(request.user, council),
        initial={"due_on": dues.pop() if len(dues) == 1 else services.month_end(found.month)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.programme_allocate(
                programme=found,
                user=request.user,
                allocations=form.allocations(),
                due_on=form.cleaned_data["due_on"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{len(changed)} audit{'' if len(changed) == 1 else 's'} allocated."
            )
            return redirect("assurance_programme_detail", council.code, found.pk)
    return render(
        request,
        "assurance/allocate.html",
        _context(request, council, programme=found, form=form),
    )


@login_required
def allocated_to_me(request, council_code: str):
    council = council_for_user(request.user, council_code)
    return render(
        request,
        "assurance/mine.html",
        _context(
            request,
            council,
            audits=selectors.allocated_to(request.user, council, request=request),
            today=clock.today(),
        ),
    )
