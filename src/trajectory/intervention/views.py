"""Intervention pages: the recommendation and the intervention's timeline. Thin views.

Everyone with a role in the council reads them; only the Commissioner (`write_assessment`)
records or corrects a recommendation and adds its follow-ups, and the Commissioner or the
council's leaders (`record_intervention`) record the DfE's events. A page or POST for any other
role is a 403, whatever the form sent.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render

from trajectory.councils.permissions import has_capability, require
from trajectory.councils.selectors import council_for_user
from trajectory.history.selectors import history_of_all
from trajectory.intervention import events, forms, selectors, services
from trajectory.intervention.models import RecommendationOption
from trajectory.plans import clock
from trajectory.plans.selectors import council_people
from trajectory.web.forms import add_service_errors


def _context(request, council, **extra):
    return {
        "council": council,
        "can_recommend": has_capability(request.user, "write_assessment", council),
        "can_record": has_capability(request.user, "record_intervention", council),
        "today": clock.today(),
        **extra,
    }


def _recommendation_page(request, council, recommendation):
    today = clock.today()
    view = (
        selectors.recommendation_view(request.user, council, recommendation, today=today)
        if recommendation
        else None
    )
    timeline = selectors.intervention_timeline(request.user, council)
    subjects = (
        [view.current, *view.earlier, *[row.followup for row in view.followups]] if view else []
    )
    return render(
        request,
        "intervention/recommendation.html",
        _context(
            request,
            council,
            view=view,
            timeline=timeline,
            awaiting=selectors.final_reviews_without_recommendation(request.user, council),
            others=[
                rec
                for rec in selectors.recommendations_all(request.user, council)
                if view is None or rec.review_id != view.current.review_id
            ],
            changes=history_of_all(request.user, council, subjects)[:200] if subjects else [],
        ),
    )


@login_required
def recommendation_latest(request, council_code: str):
    council = council_for_user(request.user, council_code)
    return _recommendation_page(
        request, council, selectors.latest_recommendation(request.user, council)
    )


@login_required
def recommendation_detail(request, council_code: str, recommendation_id: int):
    council = council_for_user(request.user, council_code)
    recommendation = selectors.recommendation_for(request.user, council, recommendation_id)
    return _recommendation_page(request, council, recommendation)


@login_required
def recommendation_add(request, council_code: str, review_id: int):
    council = council_for_user(request.user, council_code)
    require(request.user, "write_assessment", council)
    review = selectors.final_review_for(request.user, council, review_id)
    form = forms.RecommendationForm(request.POST or None, options=selectors.options_offered())
    if not review.is_final:
        form.add_error(None, "A recommendation is made only on a final review: finalise it first.")
    elif request.method == "POST" and form.is_valid():
        try:
            recommendation = services.recommendation_record(
                council=council,
                user=request.user,
                review=review,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Recommendation recorded.")
            return redirect("intervention_recommendation_detail", council.code, recommendation.pk)
    return render(
        request,
        "intervention/recommendation_form.html",
        _context(request, council, form=form, review=review),
        status=400 if form.errors and request.method == "POST" else 200,
    )


@login_required
def recommendation_correct(request, council_code: str, recommendation_id: int):
    council = council_for_user(request.user, council_code)
    require(request.user, "write_assessment", council)
    recommendation = selectors.recommendation_for(request.user, council, recommendation_id)
    current = services.current_version(recommendation)
    options = RecommendationOption.objects.filter(Q(active=True) | Q(pk=current.option_id))
    if request.method == "POST":
        form = forms.RecommendationCorrectForm(request.POST, options=options)
        if form.is_valid():
            data = dict(form.cleaned_data)
            opened = data.pop("opened_version")
            try:
                corrected = services.recommendation_correct(
                    recommendation=current,
                    user=request.user,
                    opened_version=opened,
                    request=request,
                    **data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Recommendation corrected: version {corrected.version}.")
                return redirect("intervention_recommendation_detail", council.code, corrected.pk)
    else:
        form = forms.RecommendationCorrectForm(
            initial=forms.RecommendationCorrectForm.initial_for(current), options=options
        )
    return render(
        request,
        "intervention/correct_form.html",
        _context(request, council, form=form, recommendation=current, review=current.review),
        status=400 if form.errors else 200,
    )


@login_required
def followup_add(request, council_code: str, recommendation_id: int):
    council = council_for_user(request.user, council_code)
    require(request.user, "write_assessment", council)
    recommendation = services.current_version(
        selectors.recommendation_for(request.user, council, recommendation_id)
    )
    form = forms.FollowUpForm(request.POST or None, people=council_people(request.user, council))
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_add(
                recommendation=recommendation,
                user=request.user,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Follow-up added to the plan.")
            return redirect("intervention_recommendation_detail", council.code, recommendation.pk)
    return render(
        request,
        "intervention/followup_form.html",
        _context(request, council, form=form, recommendation=recommendation),
        status=400 if form.errors else 200,
    )


@login_required
def event_add(request, council_code: str):
    council = council_for_user(request.user, council_code)
    require(request.user, "record_intervention", council)
    timeline = selectors.intervention_timeline(request.user, council)
    correctable = [e for e in timeline.events if not e.is_corrected]
    form = forms.EventForm(request.POST or None, correctable=correctable)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        corrects_id = data.pop("corrects")
        corrects = next((e for e in correctable if e.pk == corrects_id), None)
        try:
            services.intervention_event_record(
                council=council, user=request.user, corrects=corrects, request=request, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Event recorded.")
            return redirect("intervention_events", council.code)
    return render(
        request,
        "intervention/event_form.html",
        _context(request, council, form=form, kinds=events.EVENT_KINDS),
        status=400 if form.errors else 200,
    )


@login_required
def events_list(request, council_code: str):
    council = council_for_user(request.user, council_code)
    timeline = selectors.intervention_timeline(request.user, council)
    return render(
        request,
        "intervention/events.html",
        _context(
            request,
            council,
            timeline=timeline,
            changes=history_of_all(request.user, council, timeline.events)[:200],
        ),
    )
