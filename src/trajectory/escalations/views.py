"""Escalations pages: thin views that find the council, check capability, call one selector or
service and render.

Everyone with a role in the council reads the log, a concern and the themes; managers and
leaders (`handle_concerns`) log and work concerns, everyone else gets a 403 on every form, by
page or by POST. A concern's child identifiers are read (and audited) only for roles with
`view_child_level`, and that page is never cached.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from trajectory.councils.permissions import has_capability, refusal, require
from trajectory.councils.selectors import council_for_user
from trajectory.escalations import catalogue, forms, selectors, services
from trajectory.plans import clock
from trajectory.web.forms import add_service_errors
from trajectory.web.no_store import mark_no_store


def _context(request, council, **extra):
    return {
        "council": council,
        "can_handle": has_capability(request.user, "handle_concerns", council),
        "today": clock.today(),
        "standard": catalogue.RESPONSE_STANDARD_WORKING_DAYS,
        **extra,
    }


@login_required
def concern_log(request, council_code: str):
    council = council_for_user(request.user, council_code)
    form = forms.LogFilterForm(request.GET or None)
    filters = selectors.LogFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.LogFilters(
            status=data["status"],
            theme=data["theme"],
            partner_kind=data["partner_kind"],
            overdue_only=data["overdue"] == "yes",
            since=data["since"],
            until=data["until"],
        )
    rows = selectors.concern_log_rows(request.user, council, today=clock.today(), filters=filters)
    return render(
        request,
        "escalations/log.html",
        _context(request, council, rows=rows, form=form, refusal=refusal("handle_concerns")),
    )


@login_required
def concern_themes(request, council_code: str):
    council = council_for_user(request.user, council_code)
    form = forms.PeriodForm(request.GET or None)
    since = until = None
    if form.is_bound and form.is_valid():
        since, until = form.cleaned_data["since"], form.cleaned_data["until"]
    summary = selectors.concern_themes(
        request.user, council, today=clock.today(), since=since, until=until
    )
    return render(
        request,
        "escalations/themes.html",
        _context(request, council, summary=summary, form=form, themes=catalogue.THEMES),
    )


@login_required
def concern_detail(request, council_code: str, concern_id: int):
    council = council_for_user(request.user, council_code)
    concern = selectors.concern_for(request.user, council, concern_id)
    row = selectors.concern_row(concern, clock.today())
    may_see_children = has_capability(request.user, "view_child_level", council)
    children = (
        selectors.concern_children(request.user, council, concern, request=request)
        if may_see_children
        else None
    )
    response = render(
        request,
        "escalations/concern.html",
        _context(
            request,
            council,
            concern=concern,
            row=row,
            children=children,
            child_count=selectors.concern_child_count(request.user, council, concern),
            children_refusal=refusal("view_child_level"),
            changes=selectors.concern_history(request.user, council, concern)[:200],
            at_last_stage=row.stage.number >= catalogue.last_step().number,
        ),
    )
    return mark_no_store(response) if may_see_children else response


def _form_page(request, council, template: str, **extra):
    return render(request, f"escalations/{template}", _context(request, council, **extra))


@login_required
def concern_add(request, council_code: str):
    council = council_for_user(request.user, council_code)
    require(request.user, "handle_concerns", council)
    may_name_children = has_capability(request.user, "view_child_level", council)
    form = forms.ConcernLogForm(
        request.POST or None,
        people=selectors.concern_handlers(request.user, council),
        may_name_children=may_name_children,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            concern = services.concern_log(
                council=council,
                user=request.user,
                child_identifiers=data.pop("child_identifiers", []),
                request=request,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{concern.reference} logged at stage 1.")
            return redirect("escalations_concern", council.code, concern.pk)
    response = _form_page(request, council, "concern_form.html", form=form, concern=None)
    # A refused form shows back the children's identifiers typed: child-level data.
    return mark_no_store(response) if may_name_children else response


def _edit(request, council_code, concern_id, *, form_class, template, save, done, **form_kwargs):
    """The one shape of every form that changes a concern: 403 for readers, the form opened
    at the concern's version, the service's refusal or a stale edit shown on the form."""
    council = council_for_user(request.user, council_code)
    concern = selectors.concern_for(request.user, council, concern_id)
    require(request.user, "handle_concerns", council)
    form = form_class(request.POST or None, initial=form_class.initial_for(concern), **form_kwargs)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        opened_version = data.pop("opened_version")
        try:
            save(concern, data, opened_version)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done(concern))
            return redirect("escalations_concern", council.code, concern.pk)
    row = selectors.concern_row(concern, clock.today())
    return _form_page(request, council, template, form=form, concern=concern, row=row)


@login_required
def concern_edit(request, council_code: str, concern_id: int):
    def save(concern, data, opened_version):
        services.concern_update(
            concern=concern,
            user=request.user,
            opened_version=opened_version,
            request=request,
            **data,
        )

    council = council_for_user(request.user, council_code)
    return _edit(
        request,
        council_code,
        concern_id,
        form_class=forms.ConcernEditForm,
        template="concern_form.html",
        save=save,
        done=lambda concern: f"{concern.reference} saved.",
        people=selectors.concern_handlers(request.user, council),
    )


@login_required
def concern_escalate(request, council_code: str, concern_id: int):
    def save(concern, data, opened_version):
        services.concern_escalate(
            concern=concern,
            user=request.user,
            on=data["on"],
            note=data["note"],
            opened_version=opened_version,
            request=request,
        )

    return _edit(
        request,
        council_code,
        concern_id,
        form_class=forms.EscalateForm,
        template="escalate_form.html",
        save=save,
        done=lambda concern: f"{concern.reference} moved to the next stage.",
    )


@login_required
def concern_review(request, council_code: str, concern_id: int):
    def save(concern, data, opened_version):
        services.concern_review_record(
            concern=concern,
            user=request.user,
            outcome=data["review_outcome"],
            findings=data["review_findings"],
            reviewed_on=data["reviewed_on"],
            opened_version=opened_version,
            request=request,
        )

    return _edit(
        request,
        council_code,
        concern_id,
        form_class=forms.ReviewForm,
        template="review_form.html",
        save=save,
        done=lambda concern: f"The review of {concern.reference.lower()} saved.",
    )


@login_required
def concern_response(request, council_code: str, concern_id: int):
    def save(concern, data, opened_version):
        services.concern_response_record(
            concern=concern,
            user=request.user,
            sent_on=data["response_sent_on"],
            summary=data["response_summary"],
            opened_version=opened_version,
            request=request,
        )

    return _edit(
        request,
        council_code,
        concern_id,
        form_class=forms.ResponseForm,
        template="response_form.html",
        save=save,
        done=lambda concern: f"Response recorded: {concern.reference.lower()} is closed.",
    )


@login_required
def concern_child_add(request, council_code: str, concern_id: int):
    council = council_for_user(request.user, council_code)
    require(request.user, "view_child_level", council)

    def save(concern, data, opened_version):
        services.concern_child_add(
            concern=concern,
            user=request.user,
            child_identifier=data["child_identifier"],
            opened_version=opened_version,
            request=request,
        )

    response = _edit(
        request,
        council_code,
        concern_id,
        form_class=forms.ChildForm,
        template="child_form.html",
        save=save,
        done=lambda concern: "Child's identifier added.",
    )
    return mark_no_store(response)
