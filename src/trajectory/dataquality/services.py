"""Running DfE's rules over an accepted version and keeping what they found (issue 13.3).

`dataquality_run_store` is called by returns.services.upload_accept for every SSDA903 and CIN
version, inside the accept's transaction, so a version and its findings are kept together or
not at all. Findings never refuse a version: a return with errors is still read by the
indicators, with a warning on each figure (templatetags/dataquality.py); only the readers'
structural problems refuse an upload, as before. `trajectory dataquality run` stores a run for
versions accepted before this existed, or again once more rules are written.
"""

from __future__ import annotations

from django.db import transaction

from trajectory.dataquality import findings as finding_text
from trajectory.dataquality import held_by, stored
from trajectory.dataquality.context import Return
from trajectory.dataquality.models import DataQualityRun, Finding
from trajectory.dataquality.reference import postcodes, providers
from trajectory.dataquality.run import validate
from trajectory.returns.models import ReturnKind, ReturnVersion
from trajectory.returns.selectors import latest_of_each_year, latest_version, version_tables

CHECKED_KINDS = (ReturnKind.SSDA903, ReturnKind.CIN)  # the returns DfE's rules are written for


def previous_version(version: ReturnVersion) -> ReturnVersion | None:
    """Last collection year's newest version of the same return, when the council holds one."""
    return latest_of_each_year(version.council, version.kind).get(version.collection_year - 1)


def _summary(report) -> list[dict]:
    return [
        {**result.as_dict(), "fields": list(result.rule.fields)} for result in report.results
    ] + [
        {
            "rule": item.code,
            "status": "not run",
            "reason": f"not run: not implemented: {item.reason}",
            "findings": 0,
            "tables": [],
            "fields": [],
            "message": "",
        }
        for item in report.not_implemented
    ]


def dataquality_run_store(*, version: ReturnVersion) -> DataQualityRun:
    """Run the version's collection year's rules over its stored tables (with last year's
    version, when held, for the rules comparing years) and keep the run and every finding."""
    if version.kind not in CHECKED_KINDS:
        raise ValueError(f"DfE's data-quality rules are not written for {version.kind} returns.")
    previous = previous_version(version)
    frames = stored.version_frames(version)
    report = validate(
        Return.of(
            version.kind,
            version.collection_year,
            frames,
            previous=stored.version_frames(previous) if previous is not None else None,
            postcodes=postcodes(),
            providers=providers(),
            la_code=version.council.code,
        )
    )
    found = finding_text.rule_findings(report)
    day = held_by.held_at(version) if version.kind == ReturnKind.SSDA903 else None
    workers = held_by.workers_on(version_tables(version), day) if found and day else {}
    with transaction.atomic():
        run = DataQualityRun(
            council=version.council,
            kind=version.kind,
            version=version,
            previous=previous,
            collection_year=version.collection_year,
            rules=_summary(report),
            finding_count=len(found),
            held_at=day,
        )
        run.full_clean()
        run.save()
        Finding.objects.bulk_create(
            [
                Finding(
                    run=run,
                    rule=item["rule"],
                    table=item["table"],
                    row=item["row"],
                    child=item["child"] or "",
                    fields=item["fields"],
                    message=item["message"],
                    worker=workers.get(item["child"] or "", ""),
                )
                for item in found
            ],
            batch_size=2_000,
        )
    return run


def dataquality_run_latest(*, council) -> list[DataQualityRun]:
    """A run for the council's latest SSDA903 and CIN versions (those it holds)."""
    runs = []
    for kind in CHECKED_KINDS:
        version = latest_version(council, kind)
        if version is not None:
            runs.append(dataquality_run_store(version=version))
    return runs
