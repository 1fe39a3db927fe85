"""Reports pages (issue 12.8): every paper's versions with their downloads, the generate form,
a version's page (the paper as it reads, its narratives to write, issue and generate again) and
the downloads. Thin: each finds the council, checks the capability, calls one selector or
service and renders."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from trajectory.councils.permissions import has_capability, refusal, require
from trajectory.councils.selectors import council_for_user
from trajectory.plans import clock
from trajectory.reports import catalogue, forms, paper, selectors, services
from trajectory.reports.models import ReportFile
from trajectory.reports.present import Presenter
from trajectory.voice.suppression import rule_for
from trajectory.web.dates import govuk_date
from trajectory.web.forms import add_service_errors

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _kind(key: str) -> catalogue.ReportKind:
    try:
        return catalogue.get(key)
    except KeyError:
        raise Http404("No such paper") from None


@login_required
def reports_index(request, council_code: str):
    council = council_for_user(request.user, council_code)
    return render(
        request,
        "reports/index.html",
        {
            "council": council,
            "papers": selectors.papers(request.user, council),
            "can_write": has_capability(request.user, "write_reports", council),
            "refusal": refusal("write_reports"),
        },
    )


def _option_fields(kind, user, council) -> dict:
    builder = kind.builder()
    return builder.option_fields(user, council) if hasattr(builder, "option_fields") else {}


def _default_as_at() -> date:
    """The last month-end before today: papers are for the month (or quarter) just closed."""
    today = clock.today()
    return today.replace(day=1) - timedelta(days=1)


@login_required
def report_generate(request, council_code: str, kind: str):
    council = council_for_user(request.user, council_code)
    report = _kind(kind)
    require(request.user, "write_reports", council)
    optional = [spec.key for spec in report.current.sections if spec.optional]
    initial = {
        "as_at": _default_as_at(),
        "sections": optional,
        "audience": "external" if report.leaves_council else "internal",
    }
    form = forms.GenerateForm(
        request.POST or None,
        initial=initial,
        kind=report,
        option_fields=_option_fields(report, request.user, council),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = set(data.get("sections", optional))
        options = {
            name: data[f"option_{name}"]
            for name in form.option_names
            if data.get(f"option_{name}") not in (None, "")
        }
        try:
            version = services.report_generate(
                user=request.user,
                council=council,
                kind=report.key,
                as_at=data["as_at"],
                omit=frozenset(key for key in optional if key not in chosen),
                leaves_council=data["audience"] == "external",
                minimum_count=data["minimum_count"],
                watermark=data["watermark"],
                distribution=data["distribution"],
                options=options,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{report.title}, version {version.number}, generated.")
            return redirect("report_version", council.code, report.key, version.number)
    return render(
        request,
        "reports/generate.html",
        {
            "council": council,
            "report": report,
            "form": form,
            "rule": rule_for(council),
        },
    )


@login_required
def report_version(request, council_code: str, kind: str, number: int):
    council = council_for_user(request.user, council_code)
    report = _kind(kind)
    version = selectors.version_for(request.user, council, report.key, number)
    found = paper.drawn(version)
    can_write = has_capability(request.user, "write_reports", council)
    edit_urls = {}
    if can_write and version.issued_at is None:
        edit_urls = {
            narrative.key: reverse(
                "report_narrative", args=[council.code, report.key, number, narrative.key]
            )
            for narrative in version.narratives.all()
        }
    files = {
        item.format: item
        for item in version.files.filter(narrative_revision=version.narrative_revision)
    }
    return render(
        request,
        "reports/version.html",
        {
            "council": council,
            "report": report,
            "version": version,
            "files": files,
            "formats": ReportFile.Format.choices,
            "can_write": can_write,
            "later": selectors.versions_for(request.user, council, report.key)
            .filter(number__gt=number)
            .first(),
            **paper.context(found, links=True, edit_urls=edit_urls),
        },
    )


@login_required
def report_narrative(request, council_code: str, kind: str, number: int, key: str):
    council = council_for_user(request.user, council_code)
    report = _kind(kind)
    version = selectors.version_for(request.user, council, report.key, number)
    require(request.user, "write_reports", council)
    narrative = version.narratives.filter(key=key).first()
    document = paper.document_of(version)
    block = next((item for item in document.narratives() if item.key == key), None)
    if narrative is None or block is None:
        raise Http404("No such narrative in this paper")
    draft = Presenter(document, rule=paper.rule_of(version), narratives={}).draft_text(block)
    form = forms.NarrativeForm(
        request.POST or None,
        initial={"text": narrative.text or draft, "opened_version": narrative.edit_version},
    )
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            services.report_narrative_save(
                user=request.user,
                version=version,
                key=key,
                text="" if text.strip() == draft.strip() else text,
                opened_version=form.cleaned_data["opened_version"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{block.title} saved.")
            return redirect(
                f"{reverse('report_version', args=[council.code, report.key, number])}"
                f"#narrative-{slugify(key)}"
            )
    return render(
        request,
        "reports/narrative_form.html",
        {
            "council": council,
            "report": report,
            "version": version,
            "block": block,
            "draft": draft,
            "form": form,
        },
    )


@login_required
@require_POST
def report_issue(request, council_code: str, kind: str, number: int):
    council = council_for_user(request.user, council_code)
    report = _kind(kind)
    version = selectors.version_for(request.user, council, report.key, number)
    try:
        services.report_issue(user=request.user, version=version, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{report.title}, version {number}, issued.")
    return redirect("report_version", council.code, report.key, number)


@login_required
@require_POST
def report_regenerate(request, council_code: str, kind: str, number: int):
    council = council_for_user(request.user, council_code)
    report = _kind(kind)
    version = selectors.version_for(request.user, council, report.key, number)
    new = services.report_generate(
        user=request.user,
        council=council,
        kind=report.key,
        as_at=version.as_at,
        previous=version,
        request=request,
    )
    messages.success(
        request,
        f"Version {new.number} generated from version {number} with today's figures, as at "
        f"{govuk_date(version.as_at)}.",
    )
    return redirect("report_version", council.code, report.key, new.number)


@login_required
def report_download(request, council_code: str, kind: str, number: int, file_format: str):
    council = council_for_user(request.user, council_code)
    report = _kind(kind)
    version = selectors.version_for(request.user, council, report.key, number)
    if file_format not in CONTENT_TYPES:
        raise Http404("No such format")
    file = services.report_file(version=version, file_format=file_format)
    services.report_download_record(user=request.user, version=version, file=file, request=request)
    name = f"{council.code}-{report.key}-v{number}-{version.as_at.isoformat()}.{file_format}"
    response = HttpResponse(bytes(file.content), content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
