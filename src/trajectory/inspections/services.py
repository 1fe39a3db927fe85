"""Writes for the Ofsted record: the reference-data load, and manual entry and correction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from trajectory.audit.services import record
from trajectory.councils.models import Council
from trajectory.inspections.models import Finding, Inspection, Judgement
from trajectory.inspections.reference import OfstedRecord, framework_for, read_history
from trajectory.web.edit_conflicts import lock_for_edit, mark_changed

MANUAL = "manual"
STORED_FIELDS = (
    "kind",
    "framework",
    "theme",
    "fieldwork_start",
    "fieldwork_end",
    "published_on",
    "report_url",
    "source",
)


@dataclass
class OfstedLoad:
    """What one `ofsted load` did; also the detail of its single audit entry."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_manual: int = 0
    councils: int = 0
    rows_read: dict[str, int] = field(default_factory=dict)
    skipped_councils: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "kept_manual": self.kept_manual,
            "councils": self.councils,
            "rows_read": self.rows_read,
            "skipped_councils": self.skipped_councils,
        }


def _values(item: OfstedRecord) -> dict:
    return {
        "kind": item.kind,
        "framework": item.framework,
        "theme": item.theme[:200],
        "fieldwork_start": item.fieldwork_start,
        "fieldwork_end": item.fieldwork_end,
        "published_on": item.published_on,
        "report_url": item.report_url,
        "source": item.source,
    }


def _as_record(inspection: Inspection) -> OfstedRecord:
    return OfstedRecord(
        council_code=inspection.council.code,
        kind=inspection.kind,
        fieldwork_start=inspection.fieldwork_start,
        published_on=inspection.published_on,
    )


@transaction.atomic
def ofsted_load(
    *, base: Path | None = None, actor=None, council_codes: set[str] | None = None
) -> OfstedLoad:
    """Load every registered council's inspections and visits from the Ofsted reference files.

    Idempotent: an event already stored (same council, kind, and start or publication date) is
    updated only if the files now say something different, so a second run changes nothing.
    Entries whose source is "manual" are never touched, and the file's version of the same event
    is not added beside them. The stored rows are locked for the run, so a correction saved
    meanwhile waits rather than being overwritten; an update moves the edit version on, so a
    correction form opened before it is refused. One audit entry per run, with the counts.
    """
    base = Path(base or settings.TRAJECTORY_REFERENCE_DIR)
    councils = Council.objects.filter(is_synthetic=False)
    if council_codes:
        councils = councils.filter(code__in=council_codes)
    by_code = {council.code: council for council in councils}
    known = {code: (c.name, c.e_code) for code, c in by_code.items()}
    read = read_history(base, known, only=set(by_code))
    result = OfstedLoad(rows_read=read.rows_read, skipped_councils=read.skipped_councils)

    stored: dict[str, list[Inspection]] = {}
    for inspection in (
        Inspection.objects.filter(council__in=by_code.values())
        .select_for_update(of=("self",))
        .select_related("council")
        .prefetch_related("judgements")
    ):
        stored.setdefault(inspection.council.code, []).append(inspection)

    touched = set()
    for item in read.records:
        council = by_code[item.council_code]
        touched.add(council.code)
        candidates = stored.setdefault(council.code, [])
        match = next((i for i in candidates if _as_record(i).same_event(item)), None)
        if match is not None and match.source == MANUAL:
            result.kept_manual += 1
            continue
        values = _values(item)
        judgements = item.normalised_judgements()
        if match is None:
            inspection = Inspection(council=council, **values)
            inspection.full_clean()
            inspection.save()
            Judgement.objects.bulk_create(
                Judgement(inspection=inspection, area=area, grade=grade)
                for area, grade in judgements.items()
            )
            candidates.append(inspection)
            result.created += 1
            continue
        current_judgements = {j.area: j.grade for j in match.judgements.all()}
        if all(getattr(match, k) == v for k, v in values.items()) and (
            current_judgements == judgements
        ):
            result.unchanged += 1
            continue
        for key, value in values.items():
            setattr(match, key, value)
        mark_changed(match, actor)
        match.full_clean()
        match.save()
        _replace_judgements(match, judgements)
        result.updated += 1
    result.councils = len(touched)
    record(user=actor, action="ofsted.load", detail=result.as_dict())
    return result


def _replace_judgements(inspection: Inspection, judgements: dict[str, str]) -> None:
    inspection.judgements.all().delete()
    Judgement.objects.bulk_create(
        Judgement(inspection=inspection, area=area, grade=grade)
        for area, grade in judgements.items()
    )


def _check_dates(start: dt.date | None, end: dt.date | None, published: dt.date | None) -> None:
    errors = {}
    if start and end and end < start:
        errors["fieldwork_end"] = "The last day of fieldwork must be on or after the first day."
    if published and start and published < start:
        errors["published_on"] = "The report cannot be published before fieldwork began."
    if not (start or published):
        errors["fieldwork_start"] = "Enter the first day of fieldwork or the publication date."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def inspection_save(
    *,
    council: Council,
    user,
    kind: str,
    fieldwork_start: dt.date | None,
    fieldwork_end: dt.date | None = None,
    published_on: dt.date | None = None,
    theme: str = "",
    report_url: str = "",
    framework: str = "",
    judgements: dict[str, str] | None = None,
    inspection: Inspection | None = None,
    opened_version: int | None = None,
    request=None,
) -> Inspection:
    """Enter an inspection by hand, or correct one (loaded or manual).

    Either way it becomes a "manual" entry, so a later `ofsted load` never overwrites the
    correction. The framework follows the fieldwork date unless given. Judgements are replaced
    by those given (areas left blank are removed); visits carry none. A correction form passes
    the version it was opened at; a save over someone else's since then raises StaleEdit.
    """
    if inspection is not None and inspection.council_id != council.pk:
        raise ValidationError("That inspection belongs to another council.")
    if inspection is not None:
        lock_for_edit(inspection, opened_version)
    _check_dates(fieldwork_start, fieldwork_end, published_on)
    before = None
    if inspection is None:
        inspection = Inspection(council=council)
        action = "inspection.create"
    else:
        action = "inspection.correct"
        before = {
            **{name: str(getattr(inspection, name) or "") for name in STORED_FIELDS},
            "judgements": {j.area: j.grade for j in inspection.judgements.all()},
        }
    inspection.kind = kind
    inspection.framework = framework or framework_for(kind, fieldwork_start or published_on)
    inspection.theme = theme
    inspection.fieldwork_start = fieldwork_start
    inspection.fieldwork_end = fieldwork_end
    inspection.published_on = published_on
    inspection.report_url = report_url
    inspection.source = MANUAL
    if inspection.pk is not None:
        mark_changed(inspection, user)
    inspection.full_clean()
    inspection.save()
    wanted = {area: grade for area, grade in (judgements or {}).items() if grade}
    if kind not in Inspection.GRADED_KINDS:
        wanted = {}
    for area, grade in wanted.items():
        Judgement(inspection=inspection, area=area, grade=grade).full_clean(
            exclude=["inspection"], validate_unique=False, validate_constraints=False
        )
    _replace_judgements(inspection, wanted)
    record(
        user=user,
        action=action,
        council=council,
        obj=inspection,
        request=request,
        detail={
            "before": before,
            "after": {
                **{name: str(getattr(inspection, name) or "") for name in STORED_FIELDS},
                "judgements": wanted,
            },
        },
    )
    return inspection


@transaction.atomic
def finding_add(
    *, inspection: Inspection, user, kind: str, text: str, service_area: str = "", request=None
) -> Finding:
    """Record one thing Ofsted said, as a structured item tagged to a service area."""
    order = inspection.findings.filter(kind=kind).count() + 1
    finding = Finding(
        inspection=inspection, kind=kind, service_area=service_area, text=text.strip(), order=order
    )
    finding.full_clean()
    finding.save()
    record(
        user=user,
        action="finding.add",
        council=inspection.council,
        obj=finding,
        request=request,
        detail={
            "inspection": inspection.pk,
            "kind": kind,
            "service_area": service_area,
            "text": finding.text,
        },
    )
    return finding


FINDING_FIELDS = ("kind", "service_area", "text")


@transaction.atomic
def finding_update(
    *,
    finding: Finding,
    user,
    kind: str,
    text: str,
    service_area: str = "",
    opened_version: int | None = None,
    request=None,
) -> Finding:
    """Correct what a finding says, its kind or its service area. A finding moved to another
    kind goes to the end of that kind's list. A form passes the version it was opened at; a
    save over someone else's since then raises StaleEdit."""
    lock_for_edit(finding, opened_version)
    inspection = finding.inspection
    before = {name: getattr(finding, name) for name in FINDING_FIELDS}
    if kind != finding.kind:
        finding.order = inspection.findings.filter(kind=kind).count() + 1
    finding.kind = kind
    finding.service_area = service_area
    finding.text = text.strip()
    mark_changed(finding, user)
    finding.full_clean()
    finding.save()
    record(
        user=user,
        action="finding.correct",
        council=inspection.council,
        obj=finding,
        request=request,
        detail={
            "inspection": inspection.pk,
            "before": before,
            "after": {name: getattr(finding, name) for name in FINDING_FIELDS},
        },
    )
    return finding


@transaction.atomic
def finding_remove(
    *, finding: Finding, user, opened_version: int | None = None, request=None
) -> None:
    """Remove a finding entered in error; the audit entry keeps its text. The Remove button
    passes the version the page showed; removing a finding changed since raises StaleEdit."""
    lock_for_edit(finding, opened_version)
    inspection = finding.inspection
    record(
        user=user,
        action="finding.remove",
        council=inspection.council,
        obj=finding,
        request=request,
        detail={"inspection": inspection.pk, "kind": finding.kind, "text": finding.text},
    )
    finding.delete()
