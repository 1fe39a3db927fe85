"""Targets pages: thin views that check capability, call one selector or service and render.

Everyone with a role in the council reads targets and their history; leaders set and withdraw
them. Another council's page is a 404, a write by another role a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trajectory.councils.permissions import has_capability, refusal, require
from trajectory.councils.selectors import council_for_user
from trajectory.targets import selectors, services
from trajectory.targets.forms import TargetForm, WithdrawForm
from trajectory.web.forms import add_service_errors

WITHDRAW_PREFIX = "withdraw"


@login_required
def targets_list(request, council_code: str):
    council = council_for_user(request.user, council_code)
    rows = selectors.current_targets(request.user, council)
    rags = selectors.scorecard_rags(request.user, council)
    return render(
        request,
        "targets/list.html",
        {
            "council": council,
            "can_set": has_capability(request.user, "set_targets", council),
            "refusal": refusal("set_targets"),
            "rows": [(row, rags[row.indicator.id]) for row in rows],
        },
    )


def _indicator_row(request, council, indicator_id):
    try:
        return selectors.target_row(request.user, council, indicator_id)
    except KeyError:
        raise Http404("No such indicator") from None


def _forms(row, data=None, which=None):
    indicator = row.indicator
    target_form = TargetForm(
        data if which == "set" else None,
        indicator=indicator,
        initial=TargetForm.initial_for(row.current),
    )
    withdraw_form = WithdrawForm(
        data if which == "withdraw" else None,
        prefix=WITHDRAW_PREFIX,
        initial={"opened_version": row.version},
    )
    return target_form, withdraw_form


def _render(request, council, row, target_form, withdraw_form, status=200):
    return render(
        request,
        "targets/indicator.html",
        {
            "council": council,
            "row": row,
            "rag": selectors.indicator_rag(request.user, council, row.indicator.id),
            "can_set": has_capability(request.user, "set_targets", council),
            "form": target_form,
            "withdraw_form": withdraw_form,
        },
        status=status,
    )


@login_required
def target_detail(request, council_code: str, indicator_id: str):
    """One indicator's target, its RAG, its history and (for leaders) the form to set it."""
    council = council_for_user(request.user, council_code)
    row = _indicator_row(request, council, indicator_id)
    if request.method == "POST":
        require(request.user, "set_targets", council)
        form, withdraw_form = _forms(row, request.POST, "set")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.indicator_target_set(
                    actor=request.user,
                    council=council,
                    indicator_id=row.indicator.id,
                    target=data["target"],
                    tolerance=data["tolerance"],
                    reason=data["reason"],
                    effective_from=data["effective_from"],
                    opened_version=data["opened_version"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Target for {row.indicator.title.lower()} saved.")
                return redirect("target_detail", council.code, row.indicator.id)
        return _render(request, council, row, form, withdraw_form)
    form, withdraw_form = _forms(row)
    return _render(request, council, row, form, withdraw_form)


@login_required
@require_POST
def target_withdraw(request, council_code: str, indicator_id: str):
    council = council_for_user(request.user, council_code)
    row = _indicator_row(request, council, indicator_id)
    require(request.user, "set_targets", council)
    form, withdraw_form = _forms(row, request.POST, "withdraw")
    if withdraw_form.is_valid():
        data = withdraw_form.cleaned_data
        try:
            services.indicator_target_withdraw(
                actor=request.user,
                council=council,
                indicator_id=row.indicator.id,
                reason=data["reason"],
                effective_from=data["effective_from"],
                opened_version=data["opened_version"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(withdraw_form, error)
        else:
            messages.success(request, f"Target for {row.indicator.title.lower()} withdrawn.")
            return redirect("target_detail", council.code, row.indicator.id)
    return _render(request, council, row, form, withdraw_form)
