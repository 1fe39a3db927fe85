"""Reading returns: versions, uploads, their problems and stored tables, scoped by council.

Every selector that takes a user checks what that user may see in the council first and raises
PermissionDenied otherwise. Problem lists name child identifiers and rows, so the downloadable
list needs the child-level capability.
"""

from __future__ import annotations

import polars as pl
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from trajectory.audit.services import record
from trajectory.councils.permissions import require
from trajectory.returns import rejected_rows, storage
from trajectory.returns.models import ReturnKind, ReturnVersion, Upload
from trajectory.returns.problems import problems_csv


def latest_version(council, kind: str = ReturnKind.SSDA903) -> ReturnVersion | None:
    """The version the monthly series read: the newest of the latest collection year.

    Several years are held at once and numbered together, so a return for an earlier year
    imported later (to correct or fill in that year's cohorts) never displaces the latest
    year's data; it is read only for its own year's annual figures (`latest_of_each_year`).
    """
    return (
        ReturnVersion.objects.filter(council=council, kind=kind)
        .order_by("-collection_year", "-number")
        .first()
    )


def latest_of_each_year(council, kind: str = ReturnKind.SSDA903) -> dict[int, ReturnVersion]:
    """The newest version of each collection year held, by the year's end (2025 for 2024-25)."""
    found: dict[int, ReturnVersion] = {}
    for version in ReturnVersion.objects.filter(council=council, kind=kind).order_by("-number"):
        found.setdefault(version.collection_year, version)
    return dict(sorted(found.items()))


def versions_for(user, council) -> QuerySet[ReturnVersion]:
    require(user, "view_council", council)
    return ReturnVersion.objects.filter(council=council).select_related("accepted_by")


def uploads_for(user, council) -> QuerySet[Upload]:
    require(user, "view_council", council)
    return Upload.objects.filter(council=council).select_related("uploaded_by", "version")


def upload_for(user, council, upload_id) -> Upload:
    require(user, "view_council", council)
    try:
        return Upload.objects.select_related("version", "companion").get(
            council=council, pk=upload_id
        )
    except (Upload.DoesNotExist, ValueError, TypeError):
        raise Http404("No such upload for this council.") from None


def upload_problem_rows(
    user,
    council,
    upload: Upload,
    *,
    errors_at_most: int,
    warnings_at_most: int,
    request: HttpRequest | None = None,
) -> tuple[list[dict], list[dict]]:
    """The first errors and warnings of an upload row by row, with the values they quote.

    Those values are child identifiers and fields, so this is a child-level view: it needs the
    child-level capability and, when there is anything to show, is audited with the requesting
    address (issue 6.5)."""
    require(user, "view_child_level", council)
    errors = upload.errors[:errors_at_most]
    warnings = upload.warnings[:warnings_at_most]
    if errors or warnings:
        record(
            user=user,
            action="child.view",
            council=council,
            obj=upload,
            request=request,
            detail={"page": "upload", "upload": upload.pk, "rows": len(errors) + len(warnings)},
        )
    return errors, warnings


def upload_problems_csv(user, council, upload_id, *, request: HttpRequest | None = None) -> str:
    """Every problem found in an upload, as CSV, errors first (not only the first 1,000).

    Problems quote values from the files (child identifiers among them), so reading them is a
    child-level view and is audited as one, with the requesting address."""
    require(user, "view_child_level", council)
    upload = upload_for(user, council, upload_id)
    if upload.purged_at is not None:  # an empty list would read as "no problems"
        raise Http404("The problems of this upload were deleted under the retention.")
    record(
        user=user,
        action="child.view",
        council=council,
        obj=upload,
        request=request,
        detail={"download": "problems", "upload": upload.pk},
    )
    folder = storage.staging_of(upload.staging_path)
    saved = folder / storage.PROBLEMS_FILE if folder is not None else None
    if saved is not None and saved.exists():
        return saved.read_bytes().decode("utf-8")  # as written: a quoted CR stays a CR
    return problems_csv([*upload.errors, *upload.warnings])


def upload_rejected_rows(
    user,
    council,
    upload_id,
    file_number: int,
    severity: str | None = None,
    *,
    request: HttpRequest | None = None,
) -> tuple[str, bytes]:
    """One CSV file's flagged rows as uploaded, plus a problems column: (file name, content).

    Whole rows of child-level data, so it needs the child-level capability and is audited as
    a child-level view. File `file_number` counts the upload's files from 1; 404 when the
    upload has no such file or no rows were kept for it (an XML file, or nothing flagged).
    """
    require(user, "view_child_level", council)
    upload = upload_for(user, council, upload_id)
    if not 1 <= file_number <= len(upload.files):
        raise Http404("No such file in this upload.")
    folder = storage.staging_of(upload.staging_path)
    saved = folder / storage.REJECTED_FOLDER / f"{file_number}.json" if folder is not None else None
    if saved is None or not saved.exists():
        raise Http404("No rows were kept for this file.")
    name = upload.files[file_number - 1].get("name", "")
    kept = rejected_rows.loads(saved.read_text())
    record(
        user=user,
        action="child.view",
        council=council,
        obj=upload,
        request=request,
        detail={
            "download": "rejected rows",
            "upload": upload.pk,
            "file": name,
            "severity": severity or "all",
            "rows": len(rejected_rows.selected(kept, severity=severity)),
        },
    )
    return name, rejected_rows.rejected_csv(kept, severity=severity)


def version_tables(version: ReturnVersion) -> dict[str, pl.LazyFrame]:
    """The stored tables of a version, lazily, with DfE column names and typed values."""
    return storage.open_tables(version.storage_key)


def upload_rejected_workbook(
    user, council, upload_id, file_number: int, *, request: HttpRequest | None = None
) -> tuple[str, bytes]:
    """One Annex A workbook's flagged rows as uploaded, with a problems column: (file name,
    xlsx content), as `upload_rejected_rows` gives a CSV file's (annex_a/rejected.py).

    Whole rows of child-level data: the child-level capability, audited as a child-level view;
    404 when the upload has no such file or no workbook was kept for it.
    """
    require(user, "view_child_level", council)
    upload = upload_for(user, council, upload_id)
    if not 1 <= file_number <= len(upload.files):
        raise Http404("No such file in this upload.")
    folder = storage.staging_of(upload.staging_path)
    saved = (
        folder / storage.REJECTED_FOLDER / f"{file_number}{storage.REJECTED_WORKBOOK}"
        if folder is not None
        else None
    )
    if saved is None or not saved.exists():
        raise Http404("No rows were kept for this file.")
    entry = upload.files[file_number - 1]
    record(
        user=user,
        action="child.view",
        council=council,
        obj=upload,
        request=request,
        detail={
            "download": "rejected rows",
            "upload": upload.pk,
            "file": entry.get("name", ""),
            "severity": "all",
            "rows": entry.get("flagged_rows", 0),
        },
    )
    return entry.get("name", ""), saved.read_bytes()
