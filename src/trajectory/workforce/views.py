"""Workforce pages: the council's months with their rates, and the form that adds or changes a
month. Everyone with a role in the council reads the list; analysts and leaders
(`upload_returns`) add and change months, everyone else gets a 403 on the forms, by page or
by POST."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from trajectory.councils.models import Role
from trajectory.councils.permissions import CAPABILITIES, ROLE_PLURALS, has_capability, require
from trajectory.councils.selectors import council_for_user
from trajectory.plans import clock
from trajectory.web.dates import govuk_month
from trajectory.web.forms import add_service_errors
from trajectory.workforce import forms, selectors, services


def _month(text: str) -> date:
    try:
        year, month = text.split("-")
        return date(int(year), int(month), 1)
    except (ValueError, TypeError):
        raise Http404("Not a month") from None


def _who_records() -> str:
    """ "Months are added and changed by performance analysts and leaders." """
    roles = [ROLE_PLURALS[v] for v, _ in Role.choices if v in CAPABILITIES[services.CAPABILITY]]
    listed = " and ".join([", ".join(roles[:-1]), roles[-1]] if len(roles) > 1 else roles)
    return f"Months are added and changed by {listed}."


@login_required
def snapshot_list(request, council_code: str):
    council = council_for_user(request.user, council_code)
    return render(
        request,
        "workforce/list.html",
        {
            "council": council,
            "rows": selectors.snapshot_rows(request.user, council),
            "can_edit": has_capability(request.user, services.CAPABILITY, council),
            "refusal": _who_records(),
        },
    )


@login_required
def snapshot_add(request, council_code: str):
    council = council_for_user(request.user, council_code)
    require(request.user, services.CAPABILITY, council)
    months = forms.month_choices(clock.today(), selectors.recorded_months(request.user, council))
    form = forms.SnapshotAddForm(request.POST or None, months=months)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.snapshot_record(
                council=council, user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{govuk_month(item.month)} recorded.")
            return redirect("workforce_snapshots", council.code)
    return render(request, "workforce/form.html", {"council": council, "form": form, "item": None})


@login_required
def snapshot_edit(request, council_code: str, month: str):
    council = council_for_user(request.user, council_code)
    item = selectors.snapshot_for(request.user, council, _month(month))
    require(request.user, services.CAPABILITY, council)
    form = forms.SnapshotEditForm(
        request.POST or None, initial=forms.SnapshotEditForm.initial_for(item)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        opened_version = data.pop("opened_version")
        try:
            services.snapshot_update(
                item=item,
                user=request.user,
                opened_version=opened_version,
                request=request,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{govuk_month(item.month)} saved.")
            return redirect("workforce_snapshots", council.code)
    return render(
        request,
        "workforce/form.html",
        {
            "council": council,
            "form": form,
            "item": item,
            "changes": selectors.snapshot_history(request.user, council, item)[:200],
        },
    )
