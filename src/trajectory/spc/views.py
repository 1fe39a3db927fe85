"""The signals page, and rebasing an indicator's control limits (issue 8.5)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from trajectory.councils.selectors import council_for_user
from trajectory.indicators import registry
from trajectory.indicators.team_selectors import council_teams
from trajectory.spc import selectors, services
from trajectory.spc.forms import RebaseForm, WithdrawForm
from trajectory.spc.models import LimitRebase
from trajectory.web.dates import govuk_date
from trajectory.web.forms import add_service_errors


@login_required
def council_signals(request, council_code: str):
    """Every monthly indicator whose latest point shows special cause, for the council or,
    with ?team=NAME, for one team (issue 8.7)."""
    council = council_for_user(request.user, council_code)
    teams = council_teams(request.user, council)
    team = request.GET.get("team") or None
    if team is not None and team not in teams:
        raise Http404("No figures for that team")
    return render(
        request,
        "spc/signals.html",
        {
            "council": council,
            "has_figures": selectors.has_figures(request.user, council),
            "signals": selectors.council_signals(request.user, council, team=team),
            "teams": [t for t in teams if t],
            "team": team,
        },
    )


def _monthly_indicator(indicator_id: str):
    try:
        indicator = registry.get(indicator_id)
    except KeyError as missing:
        raise Http404("No such indicator") from missing
    if indicator.cadence == "annual":
        raise Http404("An annual cohort has no control limits")
    return indicator


@login_required
def limits_rebase(request, council_code: str, indicator_id: str):
    """The rebase form (also on the indicator page); a refused one comes back here."""
    council = council_for_user(request.user, council_code, "rebase_limits")
    indicator = _monthly_indicator(indicator_id)
    form = RebaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rebase = services.spc_limits_rebase(
                actor=request.user,
                council=council,
                indicator_id=indicator.id,
                from_date=form.cleaned_data["from_date"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Control limits rebased from {govuk_date(rebase.from_date)}."
            )
            return redirect("indicator_detail", council.code, indicator.id)
    return render(
        request,
        "spc/rebase.html",
        {"council": council, "indicator": indicator, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def limits_rebase_withdraw(request, council_code: str, indicator_id: str, rebase_id: int):
    council = council_for_user(request.user, council_code, "rebase_limits")
    indicator = _monthly_indicator(indicator_id)
    rebase = get_object_or_404(
        LimitRebase,
        pk=rebase_id,
        council=council,
        indicator_id=indicator.id,
        withdraws__isnull=True,
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.spc_limits_rebase_withdraw(
                actor=request.user,
                council=council,
                rebase=rebase,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"The rebase from {govuk_date(rebase.from_date)} is withdrawn."
            )
            return redirect("indicator_detail", council.code, indicator.id)
    return render(
        request,
        "spc/rebase_withdraw.html",
        {"council": council, "indicator": indicator, "rebase": rebase, "form": form},
        status=400 if form.errors else 200,
    )
