"""Assessment pages: thin views that check capability, call one selector or service and render.

Everyone with a role in the council reads reviews and frameworks. The council's roles write
self-assessments, the Commissioner opinions and templates; board members and region or DfE
officials only read. A write by the wrong role is a 403, by form or by crafted POST; a write to
a final review is refused.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trajectory.assessment import forms, selectors, services
from trajectory.assessment.charts import domain_history_chart
from trajectory.assessment.models import Review
from trajectory.councils.permissions import has_capability, require
from trajectory.councils.selectors import council_for_user
from trajectory.plans import clock
from trajectory.web.forms import add_service_errors

SIDE_CAPABILITY = {"self": "write_self_assessment", "opinion": "write_assessment"}
SIDE_FORMS = {"self": forms.SelfAssessmentForm, "opinion": forms.OpinionForm}
SIDE_NAMES = {"self": "Self-assessment", "opinion": "Commissioner's opinion"}


def _context(request, council, **extra):
    user = request.user
    return {
        "council": council,
        "can_self": has_capability(user, "write_self_assessment", council),
        "can_opinion": has_capability(user, "write_assessment", council),
        **extra,
    }


def _side(side: str) -> str:
    if side not in SIDE_CAPABILITY:
        raise Http404("No such side")
    return side


def _writable(review: Review, side: str) -> bool:
    """Whether the review's state lets that side be written now (the service checks again)."""
    _, states = services.SIDES[side]
    return not review.is_read_only and review.status in states


# Reviews --------------------------------------------------------------------------------------


def _render_reviews(request, council, form=None):
    services.framework_default_load()
    frameworks = list(selectors.frameworks_for(request.user, council))
    return render(
        request,
        "assessment/reviews.html",
        _context(
            request,
            council,
            reviews=selectors.reviews_for(request.user, council),
            form=form or forms.ReviewStartForm(frameworks=frameworks),
            domains=selectors.domain_numbers(request.user, council),
        ),
    )


@login_required
def reviews(request, council_code: str):
    council = council_for_user(request.user, council_code)
    return _render_reviews(request, council)


@login_required
@require_POST
def review_start(request, council_code: str):
    council = council_for_user(request.user, council_code)
    if not (
        has_capability(request.user, "write_self_assessment", council)
        or has_capability(request.user, "write_assessment", council)
    ):
        require(request.user, "write_self_assessment", council)
    frameworks = list(selectors.frameworks_for(request.user, council))
    form = forms.ReviewStartForm(request.POST, frameworks=frameworks)
    if form.is_valid():
        framework = next(f for f in frameworks if f.pk == form.cleaned_data["framework"])
        try:
            review = services.review_start(
                council=council,
                user=request.user,
                framework=framework,
                kind=form.cleaned_data["kind"],
                as_at=form.cleaned_data["as_at"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{review} started.")
            return redirect("assessment_review", council.code, review.pk)
    return _render_reviews(request, council, form)


@login_required
def review(request, council_code: str, review_id: int):
    council = council_for_user(request.user, council_code)
    found = selectors.review_for(request.user, council, review_id)
    return _render_workspace(request, council, found)


def _render_workspace(request, council, found, reason_form=None, error=None):
    rows = selectors.review_domains(request.user, found, today=clock.today())
    context = _context(
        request,
        council,
        review=found,
        rows=rows,
        today=clock.today(),
        self_open=_writable(found, "self"),
        opinion_open=_writable(found, "opinion"),
        remove_self=_writable(found, "self")
        and has_capability(request.user, "write_self_assessment", council),
        remove_opinion=_writable(found, "opinion")
        and has_capability(request.user, "write_assessment", council),
        reason_form=reason_form or forms.ReasonForm(),
        transition_error=error,
        corrections=found.corrections.all(),
    )
    return render(request, "assessment/review.html", context, status=400 if error else 200)


TRANSITIONS = {
    "submit": (services.review_submit, "write_self_assessment", "Self-assessment submitted."),
    "opinion": (services.review_opinion_give, "write_assessment", "Opinion recorded as given."),
    "finalise": (services.review_finalise, "write_assessment", "Review finalised."),
}
WITH_REASON = {
    "return": (services.review_return, "write_assessment", "Returned to the council."),
}


@login_required
@require_POST
def review_transition(request, council_code: str, review_id: int, transition: str):
    council = council_for_user(request.user, council_code)
    found = selectors.review_for(request.user, council, review_id)
    if transition == "correct":
        return _review_correct(request, council, found)
    entry = TRANSITIONS.get(transition) or WITH_REASON.get(transition)
    if entry is None:
        raise Http404("No such step")
    service, capability, done = entry
    require(request.user, capability, council)
    reason_form = forms.ReasonForm(request.POST) if transition in WITH_REASON else None
    if reason_form is not None and not reason_form.is_valid():
        return _render_workspace(request, council, found, reason_form=reason_form, error="")
    try:
        if reason_form is not None:
            service(
                review=found,
                user=request.user,
                reason=reason_form.cleaned_data["reason"],
                request=request,
            )
        else:
            service(review=found, user=request.user, request=request)
    except ValidationError as error:
        return _render_workspace(request, council, found, error=" ".join(error.messages))
    messages.success(request, done)
    return redirect("assessment_review", council.code, found.pk)


def _review_correct(request, council, found):
    require(request.user, "write_assessment", council)
    reason_form = forms.ReasonForm(request.POST)
    if not reason_form.is_valid():
        return _render_workspace(request, council, found, reason_form=reason_form, error="")
    try:
        correction = services.review_correct(
            review=found,
            user=request.user,
            reason=reason_form.cleaned_data["reason"],
            request=request,
        )
    except ValidationError as error:
        return _render_workspace(request, council, found, error=" ".join(error.messages))
    messages.success(request, f"Version {correction.version} started as a correction.")
    return redirect("assessment_review", council.code, correction.pk)


@login_required
def review_history(request, council_code: str, review_id: int):
    council = council_for_user(request.user, council_code)
    found = selectors.review_for(request.user, council, review_id)
    return render(
        request,
        "assessment/history.html",
        _context(
            request,
            council,
            review=found,
            changes=selectors.review_history(request.user, found)[:500],
        ),
    )


# Domain entries -------------------------------------------------------------------------------


def _check_entry_write(request, council, entry, side: str) -> None:
    require(request.user, SIDE_CAPABILITY[side], council)
    if entry.review.is_read_only:
        raise PermissionDenied(services.READ_ONLY)


@login_required
def entry_edit(request, council_code: str, entry_id: int, side: str):
    council = council_for_user(request.user, council_code)
    side = _side(side)
    entry = selectors.entry_for(request.user, council, entry_id)
    _check_entry_write(request, council, entry, side)
    form_class = SIDE_FORMS[side]
    scale = entry.review.framework.rating_scale
    form = form_class(request.POST or None, scale=scale, initial=form_class.initial_for(entry))
    if request.method == "POST" and form.is_valid():
        update = services.self_assessment_update if side == "self" else services.opinion_update
        try:
            update(entry=entry, user=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{SIDE_NAMES[side]} for {entry.domain.name} saved.")
            return redirect("assessment_review", council.code, entry.review_id)
    return render(
        request,
        "assessment/entry_form.html",
        _context(
            request,
            council,
            review=entry.review,
            entry=entry,
            side=side,
            side_name=SIDE_NAMES[side],
            form=form,
        ),
    )


@login_required
def citation_add(request, council_code: str, entry_id: int, side: str):
    council = council_for_user(request.user, council_code)
    side = _side(side)
    entry = selectors.entry_for(request.user, council, entry_id)
    _check_entry_write(request, council, entry, side)
    form = forms.CitationForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        kind, ref = form.cleaned_data["cited"]
        try:
            services.citation_add(
                entry=entry,
                user=request.user,
                side=side,
                kind=kind,
                ref=ref,
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Evidence cited.")
            return redirect("assessment_review", council.code, entry.review_id)
    return render(
        request,
        "assessment/citation_form.html",
        _context(
            request,
            council,
            review=entry.review,
            entry=entry,
            side=side,
            side_name=SIDE_NAMES[side],
            form=form,
        ),
    )


@login_required
@require_POST
def citation_remove(request, council_code: str, citation_id: int):
    council = council_for_user(request.user, council_code)
    citation = selectors.citation_for(request.user, council, citation_id)
    entry = citation.domain_assessment
    side = citation.side
    _check_entry_write(request, council, entry, side)
    try:
        services.citation_remove(citation=citation, user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Citation removed.")
    return redirect("assessment_review", council.code, entry.review_id)


# Domain history -------------------------------------------------------------------------------


@login_required
def domain_history(request, council_code: str, number: int):
    council = council_for_user(request.user, council_code)
    name, points = selectors.domain_history(request.user, council, number)
    return render(
        request,
        "assessment/domain_history.html",
        _context(
            request,
            council,
            number=number,
            name=name,
            points=points,
            chart_spec=domain_history_chart(name, points),
            domains=selectors.domain_numbers(request.user, council),
        ),
    )


# Frameworks -----------------------------------------------------------------------------------


@login_required
def frameworks(request, council_code: str):
    council = council_for_user(request.user, council_code)
    services.framework_default_load()
    return render(
        request,
        "assessment/frameworks.html",
        _context(request, council, frameworks=selectors.frameworks_for(request.user, council)),
    )


def _render_framework(request, council, found, form=None):
    return render(
        request,
        "assessment/framework.html",
        _context(
            request,
            council,
            framework=found,
            reviews=selectors.reviews_for(request.user, council).filter(framework=found),
            form=form or forms.FrameworkCopyForm(),
        ),
    )


@login_required
def framework(request, council_code: str, framework_id: int):
    council = council_for_user(request.user, council_code)
    found = selectors.framework_for(request.user, council, framework_id)
    return _render_framework(request, council, found)


@login_required
@require_POST
def framework_copy(request, council_code: str, framework_id: int):
    council = council_for_user(request.user, council_code)
    found = selectors.framework_for(request.user, council, framework_id)
    require(request.user, "write_assessment", council)
    form = forms.FrameworkCopyForm(request.POST)
    if form.is_valid():
        try:
            copy = services.framework_copy(
                framework=found,
                council=council,
                user=request.user,
                name=form.cleaned_data["name"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{copy} made for {council.name}.")
            return redirect("assessment_framework", council.code, copy.pk)
    return _render_framework(request, council, found, form)


def _adapted_message(request, before, after) -> None:
    if after.pk != before.pk:
        messages.success(
            request,
            f"{before} is used by a review or is a national template, so the change was made "
            f"in a new version: {after}.",
        )
    else:
        messages.success(request, f"{after} saved.")


@login_required
def framework_domain_edit(request, council_code: str, domain_id: int):
    council = council_for_user(request.user, council_code)
    domain = selectors.framework_domain_for(request.user, council, domain_id)
    require(request.user, "write_assessment", council)
    initial = {"name": domain.name, "criterion": domain.criterion, "guidance": domain.guidance}
    form = forms.FrameworkDomainForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.framework_domain_update(
                domain=domain,
                council=council,
                user=request.user,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _adapted_message(request, domain.framework, changed.framework)
            return redirect("assessment_framework", council.code, changed.framework_id)
    return render(
        request,
        "assessment/framework_domain_form.html",
        _context(request, council, framework=domain.framework, domain=domain, form=form),
    )


@login_required
def framework_scale_edit(request, council_code: str, framework_id: int):
    council = council_for_user(request.user, council_code)
    found = selectors.framework_for(request.user, council, framework_id)
    require(request.user, "write_assessment", council)
    form = forms.ScaleForm(
        request.POST or None, initial={"rating_scale": "\n".join(found.rating_scale)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.framework_scale_update(
                framework=found,
                council=council,
                user=request.user,
                rating_scale=services.scale_from_text(form.cleaned_data["rating_scale"]),
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _adapted_message(request, found, changed)
            return redirect("assessment_framework", council.code, changed.pk)
    return render(
        request,
        "assessment/framework_scale_form.html",
        _context(request, council, framework=found, form=form),
    )
