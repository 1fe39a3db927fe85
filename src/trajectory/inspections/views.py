"""Ofsted pages: the council's inspections, one inspection, the trajectory, and manual entry.

Every view finds the council through the acting user first (404 for another council); editing
needs the edit_inspections capability (analyst or leader), otherwise 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from trajectory.councils.permissions import has_capability, require
from trajectory.councils.selectors import council_for_user
from trajectory.inspections import selectors, services
from trajectory.inspections.charts import council_trajectory_chart, national_grades_chart
from trajectory.inspections.forms import (
    FindingEditForm,
    FindingForm,
    FindingRemoveForm,
    InspectionCorrectionForm,
    InspectionForm,
)
from trajectory.inspections.models import Finding, Grade
from trajectory.plans import selectors as plan_selectors
from trajectory.reference.status import LOAD_COMMANDS, missing_files
from trajectory.web.edit_conflicts import OUT_OF_DATE
from trajectory.web.forms import add_service_errors


def _council(request, council_code: str, *, edit: bool = False):
    council = council_for_user(request.user, council_code)
    if edit:
        require(request.user, "edit_inspections", council)
    return council


@login_required
def inspection_list(request, council_code: str):
    council = _council(request, council_code)
    inspections = list(selectors.inspections_for(request.user, council))
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "council": council,
            "inspections": list(reversed(inspections)),
            "latest": selectors.latest_judgements(request.user, council),
            "chart_spec": council_trajectory_chart(council, inspections) if inspections else None,
            "can_edit": has_capability(request.user, "edit_inspections", council),
            # A real council's record comes from Ofsted's files: none here is not "none held".
            "reference_missing": [] if council.is_synthetic else missing_files("ofsted"),
            "load_commands": LOAD_COMMANDS[1:],
        },
    )


@login_required
def inspection_trajectory(request, council_code: str):
    council = _council(request, council_code)
    inspections = list(selectors.inspections_for(request.user, council))
    by_year = selectors.national_counts_by_year(request.user, council)
    years = sorted({row["year"] for row in by_year})
    table = [
        {
            "year": year,
            "counts": [r["count"] for r in by_year if r["year"] == year],
            "own": next(
                (r["grade_label"] for r in by_year if r["year"] == year and r["is_council_grade"]),
                "",
            ),
        }
        for year in years
    ]
    return render(
        request,
        "inspections/trajectory.html",
        {
            "council": council,
            "inspections": inspections,
            "graded": [i for i in inspections if i.judgements.all()],
            "chart_spec": council_trajectory_chart(council, inspections),
            "national_spec": national_grades_chart(by_year, council),
            "grade_labels": [Grade(g).label for g in selectors.GRADE_ORDER],
            "national_table": table,
            "national_loaded": selectors.national_record_loaded(),
            "neighbours": selectors.neighbour_latest_grades(request.user, council),
            "reference_missing": missing_files("councils", "ofsted"),
            "neighbours_missing": missing_files("councils"),
            "load_commands": LOAD_COMMANDS,
        },
    )


@login_required
def inspection_detail(request, council_code: str, inspection_id: int):
    council = _council(request, council_code)
    inspection = selectors.inspection_for(request.user, council, inspection_id)
    findings = list(inspection.findings.all())
    answered = plan_selectors.priorities_answering(request.user, council, findings)
    groups = [
        (
            kind,
            Finding.KIND_PLURALS[kind],
            [(f, answered.get(f.pk, [])) for f in findings if f.kind == kind],
        )
        for kind in Finding.Kind.values
    ]
    can_edit = has_capability(request.user, "edit_inspections", council)
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "council": council,
            "inspection": inspection,
            "judgements": list(inspection.judgements.all()),
            "finding_groups": groups,
            "can_edit": can_edit,
            # Change and Remove beside each finding only once asked for (issue 7.10).
            "editing": can_edit and request.GET.get("edit") == "findings",
        },
    )


def _save(request, council, inspection=None):
    if inspection is None:
        form = InspectionForm(request.POST or None)
    else:
        initial = InspectionCorrectionForm.initial_for(inspection)
        form = InspectionCorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.inspection_save(
                council=council,
                user=request.user,
                inspection=inspection,
                request=request,
                **form.service_arguments(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The Ofsted record is saved.")
            return redirect("inspection_detail", council.code, saved.pk)
    return render(
        request,
        "inspections/inspection_form.html",
        {
            "council": council,
            "form": form,
            "inspection": inspection,
        },
    )


@login_required
def inspection_create(request, council_code: str):
    council = _council(request, council_code, edit=True)
    return _save(request, council)


@login_required
def inspection_edit(request, council_code: str, inspection_id: int):
    council = _council(request, council_code, edit=True)
    inspection = selectors.inspection_for(request.user, council, inspection_id)
    return _save(request, council, inspection)


@login_required
def finding_create(request, council_code: str, inspection_id: int):
    council = _council(request, council_code, edit=True)
    inspection = selectors.inspection_for(request.user, council, inspection_id)
    form = FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.finding_add(
            inspection=inspection, user=request.user, request=request, **form.cleaned_data
        )
        messages.success(request, "The finding is added.")
        return redirect("inspection_detail", council.code, inspection.pk)
    return render(
        request,
        "inspections/finding_form.html",
        {
            "council": council,
            "inspection": inspection,
            "form": form,
        },
    )


@login_required
def finding_edit(request, council_code: str, inspection_id: int, finding_id: int):
    council = _council(request, council_code, edit=True)
    inspection = selectors.inspection_for(request.user, council, inspection_id)
    finding = get_object_or_404(Finding, inspection=inspection, pk=finding_id)
    form = FindingEditForm(request.POST or None, initial=FindingEditForm.initial_for(finding))
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_update(
                finding=finding, user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The finding is saved.")
            return redirect("inspection_detail", council.code, inspection.pk)
    return render(
        request,
        "inspections/finding_form.html",
        {
            "council": council,
            "inspection": inspection,
            "finding": finding,
            "form": form,
        },
    )


@login_required
@require_POST
def finding_delete(request, council_code: str, inspection_id: int, finding_id: int):
    council = _council(request, council_code, edit=True)
    inspection = selectors.inspection_for(request.user, council, inspection_id)
    finding = get_object_or_404(Finding, inspection=inspection, pk=finding_id)
    form = FindingRemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, OUT_OF_DATE)
        return redirect("inspection_detail", council.code, inspection.pk)
    try:
        services.finding_remove(
            finding=finding,
            user=request.user,
            request=request,
            opened_version=form.cleaned_data["opened_version"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The finding is removed.")
    return redirect("inspection_detail", council.code, inspection.pk)
