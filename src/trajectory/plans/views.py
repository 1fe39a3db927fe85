"""Plan pages: thin views that check capability, call one selector or service and render.

Everyone with a role in the council reads the plan; managers and leaders edit it. Another
council's plan is a 404, an edit page for a reader a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trajectory.councils.permissions import has_capability, require
from trajectory.councils.selectors import council_for_user
from trajectory.indicators import registry
from trajectory.plans import clock, documents, downloads, forms, selectors, services
from trajectory.plans.models import Action, EvidenceLink
from trajectory.web.edit_conflicts import OUT_OF_DATE
from trajectory.web.forms import add_service_errors


def _context(request, council, **extra):
    return {
        "council": council,
        "can_edit": has_capability(request.user, "edit_plan", council),
        "today": clock.today(),
        **extra,
    }


# Plan ----------------------------------------------------------------------------------------


@login_required
def plan_overview(request, council_code: str):
    council = council_for_user(request.user, council_code)
    plan = selectors.plan_current(request.user, council)
    return _render_plan(request, council, plan)


@login_required
def plan_detail(request, council_code: str, plan_id: int):
    council = council_for_user(request.user, council_code)
    plan = selectors.plan_for(request.user, council, plan_id)
    return _render_plan(request, council, plan)


def _render_plan(request, council, plan, create_form=None):
    today = clock.today()
    inspections = selectors.inspections_to_plan_from(request.user, council)
    return render(
        request,
        "plans/overview.html",
        _context(
            request,
            council,
            plan=plan,
            priorities=selectors.plan_overview(request.user, plan, today=today) if plan else [],
            plans=selectors.plans_for(request.user, council),
            planned=selectors.plans_from_inspections(request.user, council),
            inspections=inspections,
            create_form=create_form or forms.PlanCreateForm(inspections=inspections),
        ),
    )


@login_required
@require_POST
def plan_create(request, council_code: str):
    council = council_for_user(request.user, council_code)
    require(request.user, "edit_plan", council)
    inspections = selectors.inspections_to_plan_from(request.user, council)
    form = forms.PlanCreateForm(request.POST, inspections=inspections)
    if form.is_valid():
        inspection = next(i for i in inspections if i.pk == form.cleaned_data["inspection"])
        try:
            plan = services.plan_create_from_inspection(
                council=council,
                user=request.user,
                inspection=inspection,
                title=form.cleaned_data["title"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Plan created with {plan.priorities.count()} priorities.")
            return redirect("plan_detail", council.code, plan.pk)
    return _render_plan(
        request, council, selectors.plan_current(request.user, council), create_form=form
    )


@login_required
def plan_on_a_page(request, council_code: str, plan_id: int):
    council = council_for_user(request.user, council_code)
    plan = selectors.plan_for(request.user, council, plan_id)
    summary = selectors.plan_on_a_page(request.user, plan, today=clock.today())
    return render(
        request, "plans/on_a_page.html", _context(request, council, plan=plan, summary=summary)
    )


@login_required
def plan_watch(request, council_code: str, plan_id: int):
    council = council_for_user(request.user, council_code)
    plan = selectors.plan_for(request.user, council, plan_id)
    watch = selectors.plan_watch_list(request.user, plan, today=clock.today())
    return render(request, "plans/watch.html", _context(request, council, plan=plan, watch=watch))


@login_required
def plan_history(request, council_code: str, plan_id: int):
    council = council_for_user(request.user, council_code)
    plan = selectors.plan_for(request.user, council, plan_id)
    form = forms.HistoryFilterForm(request.GET or None)
    since = until = None
    if form.is_bound and form.is_valid():
        since, until = form.cleaned_data["since"], form.cleaned_data["until"]
    object_type = request.GET.get("object_type") or None
    object_id = request.GET.get("object_id")
    changes = selectors.plan_history(
        request.user,
        plan,
        since=since,
        until=until,
        object_type=object_type,
        object_id=int(object_id) if object_id and object_id.isdigit() else None,
    )
    visits = selectors.visit_dates(request.user, council)
    periods = [
        {
            "label": f"Since {label}",
            "since": when,
            "until": visits[index + 1][1] if index + 1 < len(visits) else None,
        }
        for index, (label, when) in enumerate(visits)
    ]
    return render(
        request,
        "plans/history.html",
        _context(
            request,
            council,
            plan=plan,
            changes=changes[:500],
            form=form,
            periods=periods,
            since=since,
            until=until,
        ),
    )


@login_required
def plan_export_xlsx(request, council_code: str, plan_id: int):
    council = council_for_user(request.user, council_code)
    plan = selectors.plan_for(request.user, council, plan_id)
    content = downloads.plan_export(
        request.user, plan, kind="xlsx", today=clock.today(), request=request
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="plan-{council.code}-{plan.pk}.xlsx"'
    return response


@login_required
def plan_export_docx(request, council_code: str, plan_id: int):
    council = council_for_user(request.user, council_code)
    plan = selectors.plan_for(request.user, council, plan_id)
    content = downloads.plan_export(
        request.user, plan, kind="docx", today=clock.today(), request=request
    )
    response = HttpResponse(content, content_type=documents.DOCX)
    response["Content-Disposition"] = f'attachment; filename="plan-{council.code}-{plan.pk}.docx"'
    return response


@login_required
def plan_my_actions(request, council_code: str):
    council = council_for_user(request.user, council_code)
    rows = selectors.my_actions(request.user, council, today=clock.today())
    return render(request, "plans/my_actions.html", _context(request, council, rows=rows))


# Priorities ----------------------------------------------------------------------------------


@login_required
def plan_priority_add(request, council_code: str, plan_id: int):
    council = council_for_user(request.user, council_code)
    plan = selectors.plan_for(request.user, council, plan_id)
    require(request.user, "edit_plan", council)
    form = forms.PriorityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            priority = services.priority_create(
                plan=plan, user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Priority {priority.number} added.")
            return redirect("priority_detail", council.code, priority.pk)
    return render(
        request,
        "plans/priority_form.html",
        _context(request, council, plan=plan, priority=None, form=form),
    )


@login_required
def priority_detail(request, council_code: str, priority_id: int):
    council = council_for_user(request.user, council_code)
    priority = selectors.priority_for(request.user, council, priority_id)
    row = selectors.priority_detail(request.user, priority, today=clock.today())
    trends = selectors.evidence_trends(request.user, council, row.evidence)
    return render(
        request,
        "plans/priority_detail.html",
        _context(
            request,
            council,
            plan=priority.plan,
            priority=priority,
            row=row,
            evidence=[(link, trends.get(link.pk)) for link in row.evidence],
            milestones=priority.milestones.all(),
            history=selectors.object_history(request.user, priority)[:20],
        ),
    )


@login_required
def priority_edit(request, council_code: str, priority_id: int):
    council = council_for_user(request.user, council_code)
    priority = selectors.priority_for(request.user, council, priority_id)
    require(request.user, "edit_plan", council)
    form = forms.PriorityEditForm(
        request.POST or None, initial=forms.PriorityEditForm.initial_for(priority)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.priority_update(
                priority=priority, user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Priority {priority.number} saved.")
            return redirect("priority_detail", council.code, priority.pk)
    return render(
        request,
        "plans/priority_form.html",
        _context(request, council, plan=priority.plan, priority=priority, form=form),
    )


# Actions -------------------------------------------------------------------------------------


def _action_form(request, council, plan, action=None, data=None):
    others = Action.objects.filter(priority__plan=plan).select_related("priority")
    form_class, initial = forms.ActionForm, None
    if action is not None:
        others = others.exclude(pk=action.pk)
        form_class = forms.ActionEditForm
        initial = form_class.initial_for(action)
    return form_class(
        data,
        initial=initial,
        people=selectors.council_people(request.user, council),
        other_actions=others,
    )


@login_required
def action_add(request, council_code: str, priority_id: int):
    council = council_for_user(request.user, council_code)
    priority = selectors.priority_for(request.user, council, priority_id)
    require(request.user, "edit_plan", council)
    form = _action_form(request, council, priority.plan, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(
                priority=priority,
                user=request.user,
                today=clock.today(),
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Action {action.reference} added.")
            return redirect("action_detail", council.code, action.pk)
    return render(
        request,
        "plans/action_form.html",
        _context(request, council, plan=priority.plan, priority=priority, action=None, form=form),
    )


@login_required
def action_detail(request, council_code: str, action_id: int):
    council = council_for_user(request.user, council_code)
    action = selectors.action_for(request.user, council, action_id)
    row = selectors.action_detail(request.user, action, today=clock.today())
    trends = selectors.evidence_trends(request.user, council, row.evidence)
    return render(
        request,
        "plans/action_detail.html",
        _context(
            request,
            council,
            plan=action.priority.plan,
            priority=action.priority,
            action=action,
            row=row,
            evidence=[(link, trends.get(link.pk)) for link in row.evidence],
            updates=row.action.updates.all(),
            milestones=row.action.milestones.all(),
            history=selectors.object_history(request.user, action)[:50],
        ),
    )


@login_required
def action_edit(request, council_code: str, action_id: int):
    council = council_for_user(request.user, council_code)
    action = selectors.action_for(request.user, council, action_id)
    require(request.user, "edit_plan", council)
    form = _action_form(request, council, action.priority.plan, action, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        depends_on = data.pop("depends_on")
        try:
            services.action_update(
                action=action,
                user=request.user,
                today=clock.today(),
                request=request,
                depends_on=depends_on,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Action {action.reference} saved.")
            return redirect("action_detail", council.code, action.pk)
    return render(
        request,
        "plans/action_form.html",
        _context(
            request,
            council,
            plan=action.priority.plan,
            priority=action.priority,
            action=action,
            form=form,
        ),
    )


@login_required
def action_update_post(request, council_code: str, action_id: int):
    council = council_for_user(request.user, council_code)
    action = selectors.action_for(request.user, council, action_id)
    require(request.user, "edit_plan", council)
    form = forms.ProgressUpdateActionForm(
        request.POST or None,
        initial=forms.ProgressUpdateActionForm.initial_for(action),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_update_post(
                action=action,
                user=request.user,
                today=clock.today(),
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Update posted for action {action.reference}.")
            return redirect("action_detail", council.code, action.pk)
    return render(
        request,
        "plans/update_form.html",
        _context(request, council, plan=action.priority.plan, action=action, form=form),
    )


# Milestones ----------------------------------------------------------------------------------


def _milestone_add(request, council, *, action=None, priority=None):
    require(request.user, "edit_plan", council)
    form = forms.MilestoneForm(request.POST or None)
    owner = action or priority
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_add(
                user=request.user,
                action=action,
                priority=priority,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Milestone added.")
            if action:
                return redirect("action_detail", council.code, action.pk)
            return redirect("priority_detail", council.code, priority.pk)
    plan = action.priority.plan if action else priority.plan
    return render(
        request,
        "plans/milestone_form.html",
        _context(
            request, council, plan=plan, action=action, priority=priority, owner=owner, form=form
        ),
    )


@login_required
def action_milestone_add(request, council_code: str, action_id: int):
    council = council_for_user(request.user, council_code)
    action = selectors.action_for(request.user, council, action_id)
    return _milestone_add(request, council, action=action)


@login_required
def priority_milestone_add(request, council_code: str, priority_id: int):
    council = council_for_user(request.user, council_code)
    priority = selectors.priority_for(request.user, council, priority_id)
    return _milestone_add(request, council, priority=priority)


def _milestone_owner_page(council, milestone):
    if milestone.action_id:
        return redirect("action_detail", council.code, milestone.action_id)
    return redirect("priority_detail", council.code, milestone.priority_id)


@login_required
def milestone_edit(request, council_code: str, milestone_id: int):
    council = council_for_user(request.user, council_code)
    milestone = selectors.milestone_for(request.user, council, milestone_id)
    require(request.user, "edit_plan", council)
    form = forms.MilestoneEditForm(
        request.POST or None, initial=forms.MilestoneEditForm.initial_for(milestone)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_update(
                milestone=milestone, user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Milestone “{milestone.title}” saved.")
            return _milestone_owner_page(council, milestone)
    action, priority = milestone.action, milestone.priority
    return render(
        request,
        "plans/milestone_form.html",
        _context(
            request,
            council,
            plan=action.priority.plan if action else priority.plan,
            action=action,
            priority=priority,
            owner=action or priority,
            milestone=milestone,
            form=form,
        ),
    )


@login_required
@require_POST
def milestone_achieved(request, council_code: str, milestone_id: int):
    council = council_for_user(request.user, council_code)
    milestone = selectors.milestone_for(request.user, council, milestone_id)
    form = forms.MilestoneAchievedForm(request.POST)
    if not form.is_valid():
        messages.error(request, OUT_OF_DATE)
        return _milestone_owner_page(council, milestone)
    try:
        services.milestone_update(
            milestone=milestone,
            user=request.user,
            request=request,
            opened_version=form.cleaned_data["opened_version"],
            achieved_on=clock.today(),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Milestone “{milestone.title}” marked as achieved.")
    return _milestone_owner_page(council, milestone)


# Evidence ------------------------------------------------------------------------------------


def _evidence_add(request, council, *, action=None, priority=None):

    require(request.user, "edit_plan", council)
    form = forms.EvidenceForm(
        request.POST or None,
        request.FILES or None,
        indicators=registry.INDICATORS,
        findings=selectors.findings_for(request.user, council),
        council=council,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["kind"] == EvidenceLink.Kind.DOCUMENT:
                services.evidence_document_add(
                    user=request.user,
                    action=action,
                    priority=priority,
                    file=data["document"],
                    name=data["document"].name,
                    note=data["note"],
                    request=request,
                )
            else:
                finding = None
                if data["kind"] == EvidenceLink.Kind.FINDING:
                    finding = selectors.findings_for(request.user, council).get(pk=data["finding"])
                services.evidence_link_add(
                    user=request.user,
                    action=action,
                    priority=priority,
                    kind=data["kind"],
                    indicator_id=data["indicator_id"],
                    finding=finding,
                    cited_record=data["record"],
                    note=data["note"],
                    request=request,
                )
        except documents.DocumentRefused as refused:
            form.add_error("document", str(refused))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Evidence added.")
            if action:
                return redirect("action_detail", council.code, action.pk)
            return redirect("priority_detail", council.code, priority.pk)
    plan = action.priority.plan if action else priority.plan
    return render(
        request,
        "plans/evidence_form.html",
        _context(
            request,
            council,
            plan=plan,
            action=action,
            priority=priority,
            form=form,
            owner=action or priority,
        ),
    )


@login_required
def action_evidence_add(request, council_code: str, action_id: int):
    council = council_for_user(request.user, council_code)
    action = selectors.action_for(request.user, council, action_id)
    return _evidence_add(request, council, action=action)


@login_required
def priority_evidence_add(request, council_code: str, priority_id: int):
    council = council_for_user(request.user, council_code)
    priority = selectors.priority_for(request.user, council, priority_id)
    return _evidence_add(request, council, priority=priority)


@login_required
@require_POST
def evidence_remove(request, council_code: str, link_id: int):
    council = council_for_user(request.user, council_code)
    link = selectors.evidence_link_for(request.user, council, link_id)
    services.evidence_link_remove(link=link, user=request.user, request=request)
    messages.success(request, "Evidence removed. The plan's history keeps a record of it.")
    if link.action_id:
        return redirect("action_detail", council.code, link.action_id)
    return redirect("priority_detail", council.code, link.priority_id)


@login_required
def document_download(request, council_code: str, document_id: int):
    council = council_for_user(request.user, council_code)
    document, handle = downloads.document_open(request.user, council, document_id, request=request)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
