"""Writing papers (issue 12.7): generating a report version, writing its narratives, issuing it
and drawing its files. Each is one transaction and one audit entry.

Generating reads the council's latest indicator run (or the one given) and keeps what it read:
the run, its return versions, the template version, the sections left out, the audience and
the paper itself as data. Opening the version again draws the same paper from that data,
whatever has been imported since; generating again "from" a version makes a new version with
the same choices and today's figures, and says which figures changed.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from trajectory.audit.services import record
from trajectory.councils.models import Council
from trajectory.councils.permissions import require
from trajectory.history.services import changes_record
from trajectory.indicators.models import IndicatorRun
from trajectory.reports import catalogue, paper, word
from trajectory.reports.build import build_document
from trajectory.reports.document import Document
from trajectory.reports.facts import Snapshot
from trajectory.reports.models import ReportFile, ReportNarrative, ReportVersion
from trajectory.voice.suppression import rule_for
from trajectory.web.edit_conflicts import lock_for_edit, mark_changed

MAX_WATERMARK = 120


def content_hash(content: dict) -> str:
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()


def _changes(previous: ReportVersion, document: Document, run: IndicatorRun | None) -> dict:
    """The figures that differ between the previous version's paper and this one."""
    before = Document.from_data(previous.content).figures
    after = document.figures
    differ = [
        {
            "label": figure.label,
            "as_at": figure.as_at,
            "before": before[key].shown if key in before else "Not stated",
            "after": figure.shown,
        }
        for key, figure in after.items()
        if key not in before or before[key].shown != figure.shown
    ]
    differ += [
        {
            "label": figure.label,
            "as_at": figure.as_at,
            "before": figure.shown,
            "after": "Not stated",
        }
        for key, figure in before.items()
        if key not in after
    ]
    previous_run = f"indicator run {previous.run_id}" if previous.run_id else "no indicator run"
    this_run = f"indicator run {run.pk}" if run else "no indicator run"
    data = (
        f"Version {previous.number} read {previous_run}; this version reads {this_run}."
        if previous.run_id != (run.pk if run else None)
        else f"Both versions read {this_run}."
    )
    count = len(differ)
    said = (
        "No figure differs."
        if not count
        else (f"{count} figure{'s' if count != 1 else ''} differ{'s' if count == 1 else ''}.")
    )
    return {"previous": previous.number, "summary": f"{data} {said}", "figures": differ}


def _latest_run(council) -> IndicatorRun | None:
    return IndicatorRun.objects.filter(council=council).order_by("-computed_at", "-id").first()


@transaction.atomic
def report_generate(
    *,
    user,
    council,
    kind: str,
    as_at: date,
    omit: frozenset[str] = frozenset(),
    leaves_council: bool | None = None,
    minimum_count: int | None = None,
    watermark: str = "",
    distribution: str = "",
    options: dict | None = None,
    previous: ReportVersion | None = None,
    run: IndicatorRun | None = None,
    request=None,
) -> ReportVersion:
    """Build the paper and keep it as the kind's next version, with a file of each format.

    `previous` repeats that version's choices (sections, audience, watermark, distribution,
    options, as-at date unless another is given) and records what changed since it."""
    require(user, "write_reports", council)
    report = catalogue.get(kind)
    if previous is not None:
        if previous.council_id != council.pk or previous.kind != kind:
            raise ValidationError("Generate again from a version of the same paper.")
        omit = frozenset(previous.omitted)
        leaves_council = previous.leaves_council
        minimum_count = previous.minimum_count
        watermark = watermark or previous.watermark
        distribution = distribution or previous.distribution
        options = dict(previous.options)
    template = report.current
    unknown = omit - {spec.key for spec in template.sections}
    if unknown:
        raise ValidationError(f"No such section: {', '.join(sorted(unknown))}")
    if len(watermark) > MAX_WATERMARK:
        raise ValidationError(f"A watermark is at most {MAX_WATERMARK} characters.")
    leaves = report.leaves_council if leaves_council is None else leaves_council
    council_rule = rule_for(council)
    if leaves and minimum_count is None:
        minimum_count = council_rule.minimum_count
    run = run or _latest_run(council)
    snapshot = Snapshot(council=council, as_at=as_at, run=run, user=user, options=options or {})
    document = build_document(report, template, snapshot, omit=omit)
    content = document.to_data()
    # The council's row locked first, so two papers generated at once take numbers in turn
    # (PostgreSQL allows no FOR UPDATE on an aggregate).
    Council.objects.select_for_update().get(pk=council.pk)
    number = (
        ReportVersion.objects.filter(council=council, kind=kind).aggregate(Max("number"))[
            "number__max"
        ]
        or 0
    ) + 1
    version = ReportVersion(
        council=council,
        kind=kind,
        number=number,
        template_version=template.version,
        as_at=as_at,
        run=run,
        audience=ReportVersion.Audience.EXTERNAL if leaves else ReportVersion.Audience.INTERNAL,
        minimum_count=minimum_count if leaves else None,
        minimum_respondents=council_rule.minimum_respondents if leaves else None,
        omitted=sorted(omit),
        options=options or {},
        watermark=watermark.strip(),
        distribution=distribution.strip(),
        content=content,
        content_sha256=content_hash(content),
        previous=previous,
        changes=_changes(previous, document, run) if previous is not None else {},
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    version.full_clean()
    version.save()
    if run is not None:
        version.return_versions.set(run.versions.all())
    for narrative in document.narratives():
        ReportNarrative.objects.create(version=version, key=narrative.key, text="")
    _draw_all(version)
    record(
        user=user,
        action="report.generate",
        council=council,
        obj=version,
        detail={
            "kind": kind,
            "number": number,
            "as_at": as_at.isoformat(),
            "run": run.pk if run else None,
            "audience": version.audience,
            "previous": previous.number if previous else None,
        },
        request=request,
    )
    return version


def _draw_all(version: ReportVersion) -> None:
    """Every format, the charts drawn once for the HTML and the PDF."""
    found = paper.drawn(version)
    for file_format in ReportFile.Format.values:
        _draw(version, file_format, found)


def _draw(version: ReportVersion, file_format: str, found: paper.Drawn | None = None) -> ReportFile:
    found = found or paper.drawn(version, with_svgs=file_format != ReportFile.Format.DOCX)
    if file_format == ReportFile.Format.HTML:
        content = paper.html_file(found).encode("utf-8")
    elif file_format == ReportFile.Format.PDF:
        content = paper.pdf_file(found)
    else:
        content = word.docx_file(found)
    return ReportFile.objects.create(
        version=version,
        format=file_format,
        narrative_revision=version.narrative_revision,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )


def report_file(*, version: ReportVersion, file_format: str) -> ReportFile:
    """The file of the version's current narratives, drawn once and kept."""
    if file_format not in ReportFile.Format.values:
        raise ValidationError(f"No format {file_format!r}: html, pdf or docx.")
    found = version.files.filter(
        format=file_format, narrative_revision=version.narrative_revision
    ).first()
    if found is not None:
        return found
    with transaction.atomic():
        return _draw(version, file_format)


@transaction.atomic
def report_narrative_save(
    *,
    user,
    version: ReportVersion,
    key: str,
    text: str,
    opened_version: int | None = None,
    request=None,
) -> ReportNarrative:
    """Keep the leaders' text for one narrative block (blank: the draft again). An issued paper
    is not changed; a form opened before someone else saved is refused (StaleEdit)."""
    require(user, "write_reports", version.council)
    locked = ReportVersion.objects.select_for_update().get(pk=version.pk)
    if locked.issued_at is not None:
        raise ValidationError("This paper has been issued: generate a new version to change it.")
    try:
        narrative = locked.narratives.get(key=key)
    except ReportNarrative.DoesNotExist:
        raise ValidationError(f"This paper has no narrative {key!r}.") from None
    lock_for_edit(narrative, opened_version)
    before = {"text": narrative.text}
    narrative.text = text.strip()
    mark_changed(narrative, user)
    narrative.full_clean()
    narrative.save()
    changes_record(
        council=version.council,
        subject=narrative,
        user=user,
        operation="changed",
        before=before,
        after={"text": narrative.text},
    )
    ReportVersion.objects.filter(pk=version.pk).update(
        narrative_revision=locked.narrative_revision + 1
    )
    version.narrative_revision = locked.narrative_revision + 1
    record(
        user=user,
        action="report.narrative.save",
        council=version.council,
        obj=version,
        detail={"kind": version.kind, "number": version.number, "narrative": key},
        request=request,
    )
    return narrative


@transaction.atomic
def report_issue(*, user, version: ReportVersion, request=None) -> ReportVersion:
    """Mark the paper issued: its narratives are final and its files are the ones sent."""
    require(user, "write_reports", version.council)
    locked = ReportVersion.objects.select_for_update().get(pk=version.pk)
    if locked.issued_at is not None:
        raise ValidationError("This paper has already been issued.")
    now = timezone.now()
    issued_by = user if getattr(user, "is_authenticated", False) else None
    ReportVersion.objects.filter(pk=version.pk).update(issued_at=now, issued_by=issued_by)
    version.issued_at, version.issued_by = now, issued_by
    # The issued files carry the issue in their front matter: drawn now, at a new revision.
    ReportVersion.objects.filter(pk=version.pk).update(
        narrative_revision=locked.narrative_revision + 1
    )
    version.narrative_revision = locked.narrative_revision + 1
    _draw_all(version)
    record(
        user=user,
        action="report.issue",
        council=version.council,
        obj=version,
        detail={"kind": version.kind, "number": version.number},
        request=request,
    )
    return version


def report_download_record(*, user, version: ReportVersion, file: ReportFile, request=None):
    record(
        user=user,
        action="report.download",
        council=version.council,
        obj=version,
        detail={
            "kind": version.kind,
            "number": version.number,
            "format": file.format,
            "sha256": file.sha256,
        },
        request=request,
    )
