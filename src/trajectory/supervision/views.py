"""Supervision pages. Everyone with a role in the council reads the aggregates (compliance by
team and month, the oversight rate, the standard); pages naming workers or children need
`view_child_level` (board members and region officials get a 403), and every write needs
`record_supervision`, checked again by the services, so a crafted POST is refused the same way.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_POST

from trajectory.councils.permissions import has_capability, refusal, require
from trajectory.councils.selectors import council_for_user
from trajectory.plans import clock
from trajectory.returns.problems import problems_csv
from trajectory.supervision import charts, forms, selectors, services
from trajectory.supervision.rejected import rejected_csv
from trajectory.supervision.schedule import TYPE_LABELS, Step, describe
from trajectory.web.dates import govuk_date
from trajectory.web.forms import add_service_errors

MONTHS_SHOWN = 12


def _context(request, council, **more) -> dict:
    return {
        "council": council,
        "can_edit": has_capability(request.user, services.CAPABILITY, council),
        "child_level": has_capability(request.user, "view_child_level", council),
        "refusal": refusal(services.CAPABILITY),
        **more,
    }


@login_required
def compliance(request, council_code: str):
    council = council_for_user(request.user, council_code)
    found = selectors.compliance(request.user, council)
    months = found.months[-MONTHS_SHOWN:]
    shown = len(months)
    teams = [
        (team or "No team", rows[-shown:] if shown else []) for team, rows in found.by_team.items()
    ]
    today = clock.today()
    ended = [row for row in found.overall if row[0] <= today]
    spec = charts.compliance_chart(charts.chart_rows(council.name, ended, {})) if ended else None
    return render(
        request,
        "supervision/compliance.html",
        _context(
            request,
            council,
            overall=list(reversed(found.overall)),
            today=today,
            months=months,
            teams=teams,
            chart_spec=spec,
        ),
    )


@login_required
def workers(request, council_code: str):
    council = council_for_user(request.user, council_code)
    require(request.user, "view_child_level", council)
    return render(
        request,
        "supervision/workers.html",
        _context(request, council, rows=selectors.worker_rows(request.user, council)),
    )


@login_required
def worker(request, council_code: str, worker_id: str):
    council = council_for_user(request.user, council_code)
    page = selectors.worker_page(request.user, council, worker_id, request=request)
    if page is None:
        raise Http404("No such worker")
    own = selectors.own_worker(council, page.facts.worker_id)
    form = None
    if has_capability(request.user, services.CAPABILITY, council):
        initial = {"opened_version": own.edit_version if own else 1}
        if own:
            initial.update(
                qualified_on=own.qualified_on, started_on=own.started_on, left_on=own.left_on
            )
        form = forms.WorkerForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            opened = data.pop("opened_version")
            try:
                services.worker_update(
                    council=council,
                    user=request.user,
                    worker_id=page.facts.worker_id,
                    opened_version=opened if own else None,
                    request=request,
                    **data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{page.facts.worker_id} saved.")
                return redirect("supervision_worker", council.code, page.facts.worker_id)
    elif request.method == "POST":
        require(request.user, services.CAPABILITY, council)
    return render(
        request,
        "supervision/worker.html",
        _context(
            request,
            council,
            page=page,
            form=form,
            dues=page.dues[:36],
            changes=selectors.worker_history(request.user, council, own) if own else [],
        ),
    )


@login_required
def record_add(request, council_code: str):
    council = council_for_user(request.user, council_code)
    require(request.user, services.CAPABILITY, council)
    require(request.user, "view_child_level", council)
    initial = {"worker_id": request.GET.get("worker", "")[:40]}
    form = forms.SupervisionAddForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.supervision_record(
                council=council, user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{TYPE_LABELS[item.kind]} supervision of {item.worker.worker_id} on "
                f"{govuk_date(item.held_on)} recorded.",
            )
            return redirect("supervision_worker", council.code, item.worker.worker_id)
    return render(request, "supervision/record_form.html", _context(request, council, form=form))


@login_required
def record_edit(request, council_code: str, pk: int):
    council = council_for_user(request.user, council_code)
    item = selectors.supervision_for(request.user, council, pk)
    require(request.user, services.CAPABILITY, council)
    form = forms.SupervisionEditForm(
        request.POST or None, initial=forms.SupervisionEditForm.initial_for(item)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        opened = data.pop("opened_version")
        try:
            services.supervision_update(
                item=item, user=request.user, opened_version=opened, request=request, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Supervision saved.")
            return redirect("supervision_worker", council.code, item.worker.worker_id)
    return render(
        request,
        "supervision/record_form.html",
        _context(
            request,
            council,
            form=form,
            item=item,
            changes=selectors.supervision_history(request.user, council, item)[:200],
        ),
    )


@login_required
def import_csv(request, council_code: str):
    """Upload a file: it is checked in full and shown before anything is added."""
    council = council_for_user(request.user, council_code)
    require(request.user, services.CAPABILITY, council)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(services.MAX_BYTES + 1)
        try:
            found = services.supervisions_preview(
                council=council,
                user=request.user,
                content=content,
                file_name=upload.name,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("supervision_upload", council.code, found.pk)
    return render(
        request,
        "supervision/import.html",
        _context(
            request,
            council,
            form=form,
            columns=services.COLUMNS,
            uploads=selectors.recent_uploads(request.user, council),
        ),
    )


@login_required
def upload(request, council_code: str, pk: int):
    """An upload's preview: what importing it adds, what is already recorded, every error."""
    council = council_for_user(request.user, council_code)
    require(request.user, services.CAPABILITY, council)
    found = selectors.upload_for(request.user, council, pk, request=request)
    status = found.Status
    return render(
        request,
        "supervision/upload.html",
        _context(
            request,
            council,
            upload=found,
            statuses=status,
            errors=found.problems[:500],
            staged=[
                {
                    **row,
                    "held_on": date.fromisoformat(row["held_on"]),
                    "kind": TYPE_LABELS[row["kind"]],
                }
                for row in found.staged[:500]
            ],
            added=selectors.upload_added(found) if found.status == status.ACCEPTED else [],
        ),
    )


@login_required
@require_POST
def upload_accept(request, council_code: str, pk: int):
    council = council_for_user(request.user, council_code)
    require(request.user, services.CAPABILITY, council)
    found = selectors.upload_for(request.user, council, pk, request=request)
    try:
        done = services.supervisions_accept(upload=found, user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{done.rows} supervision{pluralize(done.rows)} imported from {done.file_name}"
            + (f"; {done.skipped} already recorded, not added again." if done.skipped else "."),
        )
    return redirect("supervision_upload", council.code, found.pk)


@login_required
@require_POST
def upload_discard(request, council_code: str, pk: int):
    council = council_for_user(request.user, council_code)
    require(request.user, services.CAPABILITY, council)
    found = selectors.upload_for(request.user, council, pk, request=request)
    try:
        services.supervisions_discard(upload=found, user=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{found.file_name} discarded: nothing was added.")
    return redirect("supervision_upload", council.code, found.pk)


def _csv_response(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def upload_rejected(request, council_code: str, pk: int):
    """The rows that failed, with an error column, to correct and upload again."""
    council = council_for_user(request.user, council_code)
    require(request.user, services.CAPABILITY, council)
    found = selectors.upload_for(request.user, council, pk, request=request)
    if not found.rejected:
        raise Http404("No rows failed")
    return _csv_response(
        rejected_csv(found.header, found.rejected), f"supervision-upload-{found.pk}-rejected.csv"
    )


@login_required
def upload_problems(request, council_code: str, pk: int):
    """Every error, the file's own (a bad header) included."""
    council = council_for_user(request.user, council_code)
    require(request.user, services.CAPABILITY, council)
    found = selectors.upload_for(request.user, council, pk, request=request)
    if not found.problems:
        raise Http404("No problems")
    return _csv_response(
        problems_csv(found.problems), f"supervision-upload-{found.pk}-problems.csv"
    )


@login_required
def standard(request, council_code: str):
    council = council_for_user(request.user, council_code)
    stored = selectors.versions(request.user, council)
    in_force = selectors.standards(council)
    return render(
        request,
        "supervision/standard.html",
        _context(
            request,
            council,
            versions=[
                {
                    "version": v,
                    "steps": [Step.from_data(s).text() for s in v.steps],
                    "counted": [TYPE_LABELS[t] for t in v.counted_types],
                    "oversight": describe(*v.oversight_every),
                }
                for v in reversed(stored)
            ],
            default_steps=[s.text() for s in in_force[-1].steps] if in_force else [],
            default=not stored,
            changes=selectors.standard_history(request.user, council)[:200],
        ),
    )


@login_required
def standard_edit(request, council_code: str):
    council = council_for_user(request.user, council_code)
    require(request.user, services.CAPABILITY, council)
    policy = selectors.policy(request.user, council)
    stored = selectors.versions(request.user, council)
    latest = stored[-1] if stored else None
    data = (
        {
            "steps": latest.steps,
            "measured_from": latest.measured_from,
            "counted_types": latest.counted_types,
            "oversight_every": latest.oversight_every,
        }
        if latest
        else selectors.default_version_data()
    )
    form = forms.StandardForm(
        request.POST or None,
        initial=forms.StandardForm.initial_from(data, policy.edit_version if policy else None),
    )
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        try:
            services.standard_change(
                council=council,
                user=request.user,
                applies_from=cleaned["applies_from"],
                steps=cleaned["steps"],
                measured_from=cleaned["measured_from"],
                counted_types=cleaned["counted_types"],
                oversight_every=(cleaned["oversight_amount"], cleaned["oversight_unit"]),
                reason=cleaned["reason"],
                opened_version=cleaned.get("opened_version"),
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The supervision standard is changed.")
            return redirect("supervision_standard", council.code)
    return render(request, "supervision/standard_form.html", _context(request, council, form=form))


@login_required
def oversight(request, council_code: str):
    council = council_for_user(request.user, council_code)
    rows = selectors.oversight_rows(request.user, council)
    children = None
    if has_capability(request.user, "view_child_level", council):
        children = selectors.oversight_children(request.user, council, request=request)
    return render(
        request,
        "supervision/oversight.html",
        _context(
            request,
            council,
            rows=list(reversed(rows)),
            children=children,
            every=describe(*selectors.oversight_every(council)),
        ),
    )


@login_required
def oversight_add(request, council_code: str):
    council = council_for_user(request.user, council_code)
    require(request.user, services.CAPABILITY, council)
    require(request.user, "view_child_level", council)
    form = forms.OversightForm(
        request.POST or None, initial={"child": request.GET.get("child", "")[:40]}
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = services.oversight_record(
                council=council, user=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Management oversight recorded.")
            return redirect("supervision_oversight_child", council.code, item.child)
    return render(request, "supervision/oversight_form.html", _context(request, council, form=form))


@login_required
def oversight_child(request, council_code: str, child: str):
    council = council_for_user(request.user, council_code)
    records = selectors.child_oversight(request.user, council, child, request=request)
    return render(
        request,
        "supervision/oversight_child.html",
        _context(
            request,
            council,
            child=child,
            records=[(item, services.may_change_oversight(request.user, item)) for item in records],
        ),
    )


@login_required
def oversight_edit(request, council_code: str, pk: int):
    """A record of oversight and its history; its author or a manager changes it here. The
    earlier text stays in the history, and a save from a page opened before someone else's
    is refused (`web.edit_conflicts`)."""
    council = council_for_user(request.user, council_code)
    item = selectors.oversight_for(request.user, council, pk, request=request)
    form = None
    if services.may_change_oversight(request.user, item):
        form = forms.OversightEditForm(
            request.POST or None, initial=forms.OversightEditForm.initial_for(item)
        )
    elif request.method == "POST":
        raise PermissionDenied(services.OVERSIGHT_REFUSAL)
    if form is not None and request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        opened = data.pop("opened_version")
        try:
            services.oversight_update(
                item=item, user=request.user, opened_version=opened, request=request, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Management oversight saved.")
            return redirect("supervision_oversight_child", council.code, item.child)
    return render(
        request,
        "supervision/oversight_edit.html",
        _context(
            request,
            council,
            form=form,
            item=item,
            changes=selectors.oversight_history(request.user, council, item)[:200],
        ),
    )
