"""The plan's approval journey forms (issue 9.5): their own module, so the navigation can count
them as the plan's pages rather than the board's."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import reverse

from trajectory.councils.permissions import require
from trajectory.councils.selectors import council_for_user
from trajectory.governance import forms, selectors, services
from trajectory.governance.views import CAPABILITY, form_page
from trajectory.plans import selectors as plan_selectors
from trajectory.web.navigation import Link, council_home_url

# The plan's approval journey -----------------------------------------------------------------


def _plan_url(council, plan) -> str:
    return reverse("plan_detail", args=[council.code, plan.pk]) + "#approval-journey"


def _plan_trail(request, council, plan) -> list[Link]:
    links = [
        Link(council.name, council_home_url(council)),
        Link("Improvement plan", reverse("plan_overview", args=[council.code])),
        Link(plan.title, reverse("plan_detail", args=[council.code, plan.pk])),
    ]
    return [link for link in links if link.url != request.path]


def _step_kwargs(request, council, data) -> dict:
    data = dict(data)
    data.pop("opened_version", None)
    if data.get("meeting"):
        data["meeting"] = selectors.meeting_for(request.user, council, data["meeting"])
    if data.get("paper"):
        data["paper"] = selectors.documents_for(request.user, council).get(pk=data["paper"])
    data["file"] = data.get("file") or None
    return data


@login_required
def approval_step_add(request, council_code: str, plan_id: int):
    council = council_for_user(request.user, council_code)
    plan = plan_selectors.plan_for(request.user, council, plan_id)
    require(request.user, CAPABILITY, council)
    form = forms.ApprovalStepForm(
        request.POST or None,
        request.FILES or None,
        meetings=selectors.meetings_of_council(request.user, council),
        documents=selectors.documents_for(request.user, council),
        initial={"step": request.GET.get("step", "")},
    )
    return form_page(
        request,
        council,
        form,
        save=lambda data: services.approval_step_record(
            plan=plan, user=request.user, request=request, **_step_kwargs(request, council, data)
        ),
        done=lambda _: _plan_url(council, plan),
        success="Approval step recorded.",
        heading="Record a step of the plan's approval",
        caption=plan.title,
        trail=_plan_trail(request, council, plan),
        cancel=_plan_url(council, plan),
    )


@login_required
def approval_step_edit(request, council_code: str, step_id: int):
    council = council_for_user(request.user, council_code)
    approval = selectors.approval_step_for(request.user, council, step_id)
    require(request.user, CAPABILITY, council)
    plan = approval.plan
    form = forms.ApprovalStepEditForm(
        request.POST or None,
        request.FILES or None,
        meetings=selectors.meetings_of_council(request.user, council),
        documents=selectors.documents_for(request.user, council),
        initial=forms.ApprovalStepEditForm.initial_for(approval),
    )

    def save(data):
        opened = data["opened_version"]
        return services.approval_step_update(
            approval=approval,
            user=request.user,
            opened_version=opened,
            request=request,
            **_step_kwargs(request, council, data),
        )

    return form_page(
        request,
        council,
        form,
        save=save,
        done=lambda _: _plan_url(council, plan),
        success="Approval step saved.",
        heading=f"Change: {approval.get_step_display()}",
        caption=plan.title,
        trail=_plan_trail(request, council, plan),
        cancel=_plan_url(council, plan),
    )
