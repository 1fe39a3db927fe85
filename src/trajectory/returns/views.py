"""Returns pages: versions and uploads, the upload form, preview, accept and discard.

Row-by-row problems quote values from the files (child identifiers among them), so they are
shown and downloadable only for roles allowed child-level data; everyone who may read the
council sees each upload's status and counts.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from trajectory.councils.permissions import has_capability, roles_with
from trajectory.councils.selectors import council_for_user
from trajectory.indicators.headline import upload_figure_changes
from trajectory.returns import formats, selectors, services
from trajectory.returns.forms import YearForm
from trajectory.returns.models import ReturnKind, Upload
from trajectory.returns.problems import described_without_values
from trajectory.web.forms import add_service_errors
from trajectory.web.no_store import mark_no_store, no_store

# A preview lists this many warnings row by row; the CSV download has every one.
WARNINGS_LISTED = 200
ERRORS_LISTED = 500
ALLOWED_SUFFIXES = {".csv", ".xml"}  # SSDA903's; each format's are formats.Format.suffixes


def _chosen(kind: str | None) -> formats.Format:
    """The format the upload form is for: the one asked for, else SSDA903."""
    return formats.FORMATS.get(kind or "", formats.FORMATS[ReturnKind.SSDA903])


def _list_page(
    request,
    council,
    *,
    upload_error: str = "",
    error_field: str = "files",
    status: int = 200,
    kind: str | None = None,
):
    chosen = _chosen(kind)
    return render(
        request,
        "returns/returns_list.html",
        {
            "council": council,
            "formats": list(formats.FORMATS.values()),
            "chosen": chosen,
            "error_field": error_field,
            "versions": selectors.versions_for(request.user, council),
            "uploads": selectors.uploads_for(request.user, council),
            "can_upload": has_capability(request.user, "upload_returns", council),
            "can_view_rows": has_capability(request.user, "view_child_level", council),
            "upload_error": upload_error,
        },
        status=status,
    )


@login_required
def returns_list(request, council_code: str):
    council = council_for_user(request.user, council_code)
    return _list_page(request, council, kind=request.GET.get("kind"))


def _save(files, folder: Path, prefix: str) -> list[tuple[str, Path]]:
    saved: list[tuple[str, Path]] = []
    for index, uploaded in enumerate(files):
        name = Path(uploaded.name).name
        path = folder / f"{prefix}{index:03d}{Path(name).suffix.lower()}"
        with path.open("wb") as out:
            for chunk in uploaded.chunks():
                out.write(chunk)
        saved.append((name, path))
    return saved


@login_required
@require_POST
def returns_upload(request, council_code: str):
    """Reads and checks every file, then shows the preview; nothing is imported yet."""
    council = council_for_user(request.user, council_code, "upload_returns")
    kind = request.POST.get("kind") or ReturnKind.SSDA903
    fmt = formats.FORMATS.get(kind)
    if fmt is None:
        return _list_page(
            request, council, upload_error="Choose a return from the list", status=400
        )

    def refuse(message: str, field: str = "files"):
        return _list_page(
            request, council, upload_error=message, error_field=field, status=400, kind=kind
        )

    if not fmt.available:
        return refuse(formats.not_available_message(fmt))
    files = request.FILES.getlist("files")
    previous = request.FILES.getlist("previous_files")
    if not files:
        return refuse(f"Select at least one {fmt.types_shown} file")
    for field, chosen in (("files", files), ("previous-files", previous)):
        wrong = [f.name for f in chosen if Path(f.name).suffix.lower() not in fmt.suffixes]
        if wrong:
            return refuse(
                f"{', '.join(wrong)}: the {fmt.title} return must be {fmt.types_shown} files",
                field,
            )
    with tempfile.TemporaryDirectory(prefix="trajectory-upload-") as folder:
        saved = _save(files, Path(folder), "a")
        try:
            if previous:
                upload, _ = services.upload_preview_years(
                    council=council,
                    user=request.user,
                    files=saved,
                    previous_files=_save(previous, Path(folder), "b"),
                    source="web",
                    request=request,
                    kind=fmt.kind,
                )
            else:
                upload = services.upload_preview(
                    council=council,
                    user=request.user,
                    files=saved,
                    source="web",
                    request=request,
                    kind=fmt.kind,
                )
        except ValidationError as problem:
            return refuse(" ".join(problem.messages))
    return redirect("upload_detail", council_code=council.code, upload_id=upload.pk)


@login_required
def upload_detail(request, council_code: str, upload_id: int):
    """Every role that reads the council sees the upload's status, counts and problems by kind;
    the problems row by row (child identifiers and values) only with the child-level
    capability, and then the view is audited and the page is not cached."""
    council = council_for_user(request.user, council_code)
    upload = selectors.upload_for(request.user, council, upload_id)
    return _detail_page(request, council, upload)


def _detail_page(request, council, upload, *, year_form: YearForm | None = None, status=200):
    can_view_rows = has_capability(request.user, "view_child_level", council)
    errors, warnings = (
        selectors.upload_problem_rows(
            request.user,
            council,
            upload,
            errors_at_most=ERRORS_LISTED,
            warnings_at_most=WARNINGS_LISTED,
            request=request,
        )
        if can_view_rows
        else ([], [])
    )
    recognised = _recognised(upload)
    fmt = formats.FORMATS.get(upload.kind)
    has_problems = bool(upload.error_count or upload.warning_count or upload.errors)
    response = render(
        request,
        "returns/upload_detail.html",
        {
            "council": council,
            "upload": upload,
            "recognised": recognised,
            "sheets": _sheets(upload),
            "can_view_rows": can_view_rows,
            "child_level_roles": roles_with("view_child_level"),
            "files_to_correct": [
                file for file in recognised if file["flagged_rows"] or file["format"] == "xml"
            ]
            if can_view_rows and has_problems
            else [],
            "has_flagged_csv": any(
                file["flagged_rows"] and file["format"] == "csv" for file in recognised
            ),
            "error_count": max(upload.error_count, len(upload.errors)),
            "warning_count": max(upload.warning_count, len(upload.warnings)),
            "errors": errors,
            "errors_hidden": max(0, upload.error_count - ERRORS_LISTED),
            "error_summary": [] if can_view_rows else _summary(upload.errors),
            "warning_summary": _summary(upload.warnings),
            "warnings": warnings,
            "warnings_hidden": max(
                0, max(upload.warning_count, len(upload.warnings)) - WARNINGS_LISTED
            ),
            "can_decide": upload.status == Upload.Status.PREVIEW
            and has_capability(request.user, "upload_returns", council),
            "figure_changes": upload_figure_changes(request.user, council, upload)
            if upload.status == Upload.Status.PREVIEW and fmt is not None and fmt.figure_changes
            else [],
            "year_form": year_form
            or YearForm(initial={"year": upload.year.label if upload.year else ""}),
        },
        status=status,
    )
    return mark_no_store(response) if errors or warnings else response


@login_required
@require_POST
def upload_year(request, council_code: str, upload_id: int):
    """Declares the upload's collection year; its year-dependent checks are run again."""
    council = council_for_user(request.user, council_code, "upload_returns")
    upload = selectors.upload_for(request.user, council, upload_id)
    form = YearForm(request.POST)
    if form.is_valid():
        try:
            services.upload_set_year(
                upload=upload, user=request.user, year=form.cleaned_data["year"], request=request
            )
        except ValidationError as problem:
            add_service_errors(form, problem)
        else:
            messages.success(
                request,
                f"Collection year set to {form.cleaned_data['year'].label}; the return was "
                "checked again for it.",
            )
            return redirect("upload_detail", council_code=council.code, upload_id=upload.pk)
    return _detail_page(request, council, upload, year_form=form, status=400)


@login_required
@no_store
def upload_problems(request, council_code: str, upload_id: int):
    """Every error and warning as CSV, to fix the files and upload them again. A role of the
    council without the child-level capability gets 403 from the selector."""
    council = council_for_user(request.user, council_code)
    text = selectors.upload_problems_csv(request.user, council, upload_id, request=request)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="upload-{upload_id}-problems.csv"'
    return response


@login_required
@no_store
def upload_rejected_rows(request, council_code: str, upload_id: int, file_number: int):
    """One CSV file's flagged rows as uploaded, with a problems column, to fix and re-upload.
    A role of the council without the child-level capability gets 403 from the selector."""
    council = council_for_user(request.user, council_code)
    severity = request.GET.get("severity") or None
    if severity not in (None, "error"):
        raise Http404("Severity is 'error' or not given.")
    _, content = selectors.upload_rejected_rows(
        request.user, council, upload_id, file_number, severity=severity, request=request
    )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    suffix = "-errors" if severity else ""
    response["Content-Disposition"] = (
        f'attachment; filename="upload-{upload_id}-file-{file_number}-rejected{suffix}.csv"'
    )
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@no_store
def upload_rejected_workbook(request, council_code: str, upload_id: int, file_number: int):
    """One Annex A workbook's flagged rows as uploaded, with a problems column, to fix and
    upload again. A role without the child-level capability gets 403 from the selector."""
    council = council_for_user(request.user, council_code)
    _, content = selectors.upload_rejected_workbook(
        request.user, council, upload_id, file_number, request=request
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="upload-{upload_id}-file-{file_number}-rejected.xlsx"'
    )
    return response


@login_required
@require_POST
def upload_accept(request, council_code: str, upload_id: int):
    """Accepts the upload as a new version and, when the user may, recomputes the indicators
    with it in one service call (one transaction), so the scorecard shows the new figures."""
    council = council_for_user(request.user, council_code, "upload_returns")
    upload = selectors.upload_for(request.user, council, upload_id)
    fmt = formats.FORMATS.get(upload.kind)
    recompute = (
        fmt is not None
        and fmt.recompute
        and has_capability(request.user, "compute_indicators", council)
    )
    try:
        version = services.upload_accept(
            upload=upload, user=request.user, request=request, recompute=recompute
        )
    except ValidationError as problem:
        messages.error(request, f"The upload could not be accepted: {' '.join(problem.messages)}")
        return redirect("upload_detail", council_code=council.code, upload_id=upload.pk)
    text = f"Version {version.number} accepted."
    if recompute:
        text += " The indicators have been recomputed from it."
    elif fmt is not None and fmt.recompute:
        text += " The figures will change when an analyst recomputes the indicators."
    else:
        text = f"{upload.get_kind_display()} {text[0].lower()}{text[1:]}"
        text += " Its indicators read it when they are next computed."
    # The banner links to the scorecard the upload changed (issue 7.17); format_html escapes.
    messages.success(
        request,
        format_html(
            '{} <a class="govuk-notification-banner__link" href="{}">See the scorecard</a>.',
            text,
            reverse("council_home", args=[council.code]),
        ),
    )
    return redirect("returns_list", council_code=council.code)


@login_required
@require_POST
def upload_discard(request, council_code: str, upload_id: int):
    council = council_for_user(request.user, council_code, "upload_returns")
    upload = selectors.upload_for(request.user, council, upload_id)
    try:
        services.upload_discard(upload=upload, user=request.user, request=request)
    except ValidationError as problem:
        messages.error(request, f"The upload could not be discarded: {' '.join(problem.messages)}")
        return redirect("upload_detail", council_code=council.code, upload_id=upload.pk)
    messages.success(request, f"Upload {upload.pk} discarded. Nothing was imported.")
    return redirect("returns_list", council_code=council.code)


def _recognised(upload) -> list[dict]:
    """Each file with the table it was recognised as and that table's row count."""
    counts = upload.row_counts or {}
    return [
        {
            "number": number,
            "name": entry.get("name", ""),
            "table": entry.get("table") or "",
            "rows": counts.get(entry.get("table")) if entry.get("table") else None,
            "format": entry.get("format", ""),
            "flagged_rows": entry.get("flagged_rows", 0),
            "flagged_error_rows": entry.get("flagged_error_rows", 0),
        }
        for number, entry in enumerate(upload.files, start=1)
    ]


def _sheets(upload) -> list[dict]:
    """The reader's recognition report (Annex A's sheets), with each sheet's headers not read."""
    return [
        {
            **sheet,
            "unread": [
                f"{c.get('letter', '')} “{c.get('header', '')}”"
                for c in sheet.get("columns", [])
                if not c.get("field")
            ],
        }
        for sheet in upload.recognition or []
    ]


def _summary(problems: list) -> list[tuple[str, int]]:
    """Problems by kind with their counts, in words that quote no value from the files."""
    return Counter(
        described_without_values(p) if isinstance(p, dict) else str(p) for p in problems
    ).most_common()
