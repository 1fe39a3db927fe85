"""Bringing a return in: read and check it all, show it, then accept it as one immutable version.

An upload is read in full first (`upload_preview`) and gets one of three outcomes: refused (any
error; nothing is kept but the record of the attempt, its problems and, for each CSV file, its
flagged rows as uploaded, to fix and upload again: see rejected_rows.py), already imported (the
same content is already a version of this council) or waiting for review. Only `upload_accept`
makes a ReturnVersion, and it does so all-or-nothing: the Parquet folder appears by one rename
and is removed again if the database record cannot be saved.

Every return (SSDA903, the CIN census, Annex A, the workforce census) takes this one path: what
differs, its reader, the files it accepts and whether accepting recomputes the indicators, is
data in formats.py. A reader that fails in a way nobody foresaw refuses the upload with an
error naming it (`reader_failed`), never a traceback.

The current and the previous year's return can come together (`upload_preview_years`): each is
its own upload, previewed, checked for its own year and accepted as its own version; the two
uploads name each other (`Upload.companion`).

`user=None` is the command line's system actor: it is trusted like a deployment script and
audited with source "cli". Web requests always pass the signed-in user.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import polars as pl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from trajectory.audit.services import record
from trajectory.councils.permissions import require
from trajectory.indicators.services import indicators_compute
from trajectory.returns import formats, rejected_rows, storage
from trajectory.returns.collection_year import CollectionYear, infer, of_date
from trajectory.returns.faults import kill_point
from trajectory.returns.models import ReturnKind, ReturnVersion, Upload, YearSource
from trajectory.returns.problems import ERROR, WARNING, ProblemLog, problems_csv
from trajectory.returns.ssda903.reader import ENGLAND, FileRead, ReadResult

STORED_PROBLEMS = 1_000  # per list on the Upload row; the full list is in problems.csv
READABLE_SUFFIXES = (".csv", ".xml")  # SSDA903's; each format's are formats.Format.suffixes
logger = logging.getLogger(__name__)
# A staging folder no upload names is a killed attempt's once it is this old (an attempt under
# way names its folder when its transaction commits, seconds after making it).
LEFTOVER_AGE = timedelta(hours=1)


def _actor(user, source: str) -> dict:
    return {"source": source, "actor": getattr(user, "username", None) or source}


def _format(kind: str) -> formats.Format:
    """The registered format of `kind`, or a ValidationError saying it cannot be read yet."""
    fmt = formats.FORMATS.get(kind)
    if fmt is None:
        raise ValidationError(f"“{kind}” is not a return Trajectory knows.")
    if not fmt.available:
        raise ValidationError(formats.not_available_message(fmt))
    return fmt


def _read(
    fmt: formats.Format, files: list[tuple[str, Path]], year: CollectionYear | None
) -> ReadResult:
    """The format's reading of the files; a fault in it refuses the upload, naming the reader.

    Each reader reports what is wrong with a file as problems; this net is for a fault nobody
    foresaw, logged with its traceback for us (the fuzz tests hold that no file reaches it).
    """
    try:
        return fmt.read_return(files, max_bytes=settings.TRAJECTORY_MAX_UPLOAD_BYTES, year=year)
    except Exception:
        logger.exception("The %s reader failed on an upload of %d files", fmt.kind, len(files))
    log = ProblemLog()
    log.add(
        file="(upload)",
        code="reader_failed",
        message=f"The {fmt.title} return could not be read because of a fault in Trajectory, "
        "which has been logged; nothing was imported. Please report it",
    )
    reads = [
        FileRead(name, path.stat().st_size if path.exists() else 0, "") for name, path in files
    ]
    return ReadResult(
        reads,
        {},
        {},
        log,
        year or of_date(datetime.now(ENGLAND).date()),
        "" if year else "the upload date",
    )


def upload_preview(
    *,
    council,
    user,
    files: list[tuple[str, Path]],
    source: str = "web",
    request=None,
    year: CollectionYear | None = None,
    kind: str = ReturnKind.SSDA903,
    companion: Upload | None = None,
) -> Upload:
    """Read and check every file as a return of `kind`, stage what was read, record the outcome.

    `year` is the collection year the uploader declared; without it the year is inferred
    from the data (by the format's reader: formats.Format.year_basis) and the preview says so,
    to be changed before accepting (`upload_set_year`). A kind whose reader is not yet
    available is a ValidationError, before anything is read or recorded.
    """
    require(user, "upload_returns", council)
    fmt = _format(kind)
    result = _read(fmt, files, year)
    log = result.log
    content = "" if log.has_errors else storage.content_sha256(result.tables)
    if log.has_errors:
        status = Upload.Status.REFUSED
    elif ReturnVersion.objects.filter(
        council=council, kind=fmt.kind, content_sha256=content
    ).exists():
        status = Upload.Status.ALREADY_IMPORTED
    else:
        status = Upload.Status.PREVIEW
    flagged = _flagged_rows(files, result)

    upload = Upload(
        council=council,
        kind=fmt.kind,
        companion=companion,
        uploaded_by=user,
        source=source,
        files=[read.as_dict() for read in result.files],
        content_sha256=content,
        status=status,
        row_counts={} if log.has_errors else result.row_counts,
        recognition=_recognition(result),
        **_problem_fields(log),
        **_year_fields(result, user if year is not None else None),
        # Refused and already imported are decided as the upload is read; the retention
        # counts from here (retention.py).
        decided_at=None if status == Upload.Status.PREVIEW else timezone.now(),
    )
    kill_point("preview.read")
    sweep_leftovers()
    folder: Path | None = None
    try:
        if log.kept or log.truncated or flagged or status == Upload.Status.PREVIEW:
            folder = storage.staging_create()
            upload.staging_path = storage.staging_relative(folder)
            _keep_problems(folder, log, flagged)
            if status == Upload.Status.PREVIEW:
                _stage(folder, files, result.tables)
        with transaction.atomic():
            upload.full_clean(exclude=_blank_allowed(upload))
            upload.save()
            record(
                user=user,
                action="return.upload",
                council=council,
                obj=upload,
                request=request,
                detail={
                    **_actor(user, source),
                    "status": status,
                    "files": [name for name, _ in files],
                    "errors": log.counts[ERROR],
                    "warnings": log.counts[WARNING],
                    "collection_year": result.year.label,
                    "collection_year_source": upload.collection_year_source,
                    "kind": fmt.kind,
                    **({"companion": companion.pk} if companion is not None else {}),
                },
            )
            if companion is not None:
                Upload.objects.filter(pk=companion.pk).update(companion=upload)
                companion.companion = upload
            kill_point("preview.saved")
    except BaseException:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return upload


def _recognition(result) -> list[dict]:
    """The reader's report of how each sheet was recognised, when it gives one (Annex A)."""
    report = getattr(result, "recognition_report", None)
    return list(report()) if callable(report) else []


def _problem_fields(log) -> dict:
    return {
        "errors": [p.as_dict() for p in log.errors[:STORED_PROBLEMS]],
        "warnings": [p.as_dict() for p in log.warnings[:STORED_PROBLEMS]],
        "error_count": log.counts[ERROR],
        "warning_count": log.counts[WARNING],
    }


def _year_fields(result, declared_by) -> dict:
    """The year the reading checked for, and how it was decided (declared when no basis)."""
    return {
        "collection_year": result.year.end_year,
        "collection_year_source": YearSource.DECLARED
        if not result.year_inferred_from
        else YearSource.INFERRED,
        "collection_year_basis": result.year_inferred_from,
        "collection_year_set_by": declared_by,
    }


def upload_set_year(*, upload: Upload, user, year: CollectionYear, request=None) -> Upload:
    """Declare the collection year of an upload waiting for review, and check it again for it.

    The staged files are read again with that year's code lists, all or nothing: if the year
    would refuse the return (an error the year brings), nothing changes and the errors are
    raised as a ValidationError; otherwise the upload's year, warnings and kept problems are
    replaced together, and the change is audited naming both years.
    """
    council = upload.council
    require(user, "upload_returns", council)
    if upload.status != Upload.Status.PREVIEW:
        raise ValidationError("Only an upload waiting for review can change its year.")
    folder = storage.staging_of(upload.staging_path)
    received = folder / "files" if folder is not None else None
    if received is None or not received.is_dir():
        raise ValidationError("The files of this upload are no longer staged; upload them again.")
    files = _staged_files(upload, received)
    result = _read(_format(upload.kind), files, year)
    log = result.log
    if log.has_errors:
        first = "; ".join(p.message for p in log.errors[:3])
        raise ValidationError(
            f"For {year.label} the return would be refused with {log.counts[ERROR]:,} "
            f"error(s), so the year was not changed. First: {first}."
        )
    if storage.content_sha256(result.tables) != upload.content_sha256:
        raise ValidationError(
            "The staged files of this upload do not match what was read; upload them again."
        )
    flagged = _flagged_rows(files, result)
    replacement = storage.staging_create()
    try:
        _keep_problems(replacement, log, flagged)
        with transaction.atomic():
            locked = Upload.objects.select_for_update().get(pk=upload.pk)
            if locked.status != Upload.Status.PREVIEW:
                raise ValidationError("This upload has already been decided.")
            before = locked.year
            for name, value in {
                **_problem_fields(log),
                **_year_fields(result, user),
                "files": [read.as_dict() for read in result.files],
                "recognition": _recognition(result),
            }.items():
                setattr(locked, name, value)
            locked.save()
            record(
                user=user,
                action="return.year",
                council=council,
                obj=locked,
                request=request,
                detail={
                    **_actor(user, locked.source),
                    "collection_year": year.label,
                    "before": before.label if before else None,
                    "warnings": log.counts[WARNING],
                },
            )
            storage.replace_kept(folder, replacement, storage.KEPT_AFTER_DECISION)
    finally:
        shutil.rmtree(replacement, ignore_errors=True)
    upload.refresh_from_db()
    return upload


def _staged_files(upload: Upload, received: Path) -> list[tuple[str, Path]]:
    """The upload's files as received (staged by `_stage`), under the names they came with."""
    return [
        (entry["name"], received / f"{number:02d}-{Path(entry['name']).name}")
        for number, entry in enumerate(upload.files, start=1)
    ]


def _keep_problems(folder: Path, log, flagged: dict[int, dict]) -> None:
    """The full problems list and each CSV file's flagged rows, kept after the decision."""
    if log.kept or log.truncated:
        note = (
            f"Only the first {len(log.kept):,} of {sum(log.counts.values()):,} problems are listed"
            if log.truncated
            else ""
        )
        (folder / storage.PROBLEMS_FILE).write_text(problems_csv(log.kept, note=note))
    if flagged:
        rejected = folder / storage.REJECTED_FOLDER
        rejected.mkdir()
        for number, kept in flagged.items():
            if isinstance(kept, bytes):  # an Annex A workbook's rows, as a workbook
                (rejected / f"{number}{storage.REJECTED_WORKBOOK}").write_bytes(kept)
            else:
                (rejected / f"{number}.json").write_text(rejected_rows.dumps(kept))


def sweep_leftovers() -> list[str]:
    """Remove staging folders of attempts that were killed before their row was committed."""
    named = set(Upload.objects.exclude(staging_path="").values_list("staging_path", flat=True))
    return storage.sweep_staging(named=named, older_than=LEFTOVER_AGE)


def _flagged_rows(files: list[tuple[str, Path]], result) -> dict[int, dict | bytes]:
    """Per CSV or xlsx file (by its number in the upload, from 1), its flagged rows as
    uploaded: a CSV file's as rejected_rows keeps them, an Annex A workbook's as the workbook
    to download (annex_a/rejected.py).

    Each file's entry in `result.files` is told how many rows were flagged, for the upload
    page. A name given to two files cannot tell their problems apart, so such files
    get no rows back (the problems CSV still lists everything).
    """
    from trajectory.returns.annex_a import rejected as annex_a_rejected

    names = [name for name, _ in files]
    by_file: dict[str, list] = {}
    for problem in result.log.kept:
        by_file.setdefault(problem.file, []).append(problem)
    flagged: dict[int, dict | bytes] = {}
    for number, ((name, path), read) in enumerate(zip(files, result.files, strict=True), start=1):
        if names.count(name) > 1 or name not in by_file:
            continue
        if read.format == "csv":
            kept = rejected_rows.flagged(path.read_bytes(), by_file[name])
            if kept is not None:
                flagged[number] = kept
                read.flagged = rejected_rows.counts(kept)
        elif read.format == "xlsx":
            found = annex_a_rejected.flagged(
                name, path.read_bytes(), by_file[name], getattr(result, "recognition", [])
            )
            if found is not None:
                flagged[number], read.flagged = found
    return flagged


def _stage(folder: Path, files: list[tuple[str, Path]], tables: dict[str, pl.DataFrame]) -> None:
    """Keep the uploaded files as received and the tables as read, until accept or discard."""
    received = folder / "files"
    received.mkdir(parents=True, exist_ok=True)
    for number, (name, path) in enumerate(files, start=1):
        shutil.copyfile(path, received / f"{number:02d}-{Path(name).name}")
    storage.write_tables(folder / "tables", tables)


def _blank_allowed(obj) -> list[str]:
    """Fields a system action leaves empty (no user) that model validation would reject."""
    return [
        name
        for name in ("uploaded_by", "accepted_by", "files")
        if hasattr(obj, name) and getattr(obj, name) in (None, [])
    ]


def upload_accept(*, upload: Upload, user, request=None, recompute: bool = False) -> ReturnVersion:
    """Turn a previewed upload into the council's next return version, or change nothing.

    With `recompute`, for a return whose format feeds the indicators on acceptance
    (formats.Format.recompute: SSDA903), the indicators are computed from the new version in
    the same transaction (issue 7.23), so the scorecard never shows figures older than the
    latest version: a compute that fails undoes the accept, and the upload still waits for
    review."""
    council = upload.council
    require(user, "upload_returns", council)
    fmt = _format(upload.kind)
    if upload.status != Upload.Status.PREVIEW:
        raise ValidationError(
            f"Only an upload waiting for review can be accepted; this one is "
            f"{upload.get_status_display().lower()}."
        )
    folder = storage.staging_of(upload.staging_path)
    staged = folder / "tables" if folder is not None else None
    if staged is None or not any(staged.glob("*.parquet")):
        raise ValidationError("The files of this upload are no longer staged; upload them again.")
    _check_staged(upload, staged)
    key = storage.version_key(
        council_code=council.code, kind=upload.kind, content_sha256=upload.content_sha256
    )
    created = False
    try:
        with transaction.atomic():
            locked = Upload.objects.select_for_update().get(pk=upload.pk)
            if locked.status != Upload.Status.PREVIEW:
                raise ValidationError("This upload has already been decided.")
            existing = ReturnVersion.objects.filter(
                council=council, kind=locked.kind, content_sha256=locked.content_sha256
            ).first()
            if existing is not None:
                raise ValidationError(
                    f"This return is already imported as version {existing.number}."
                )
            last = ReturnVersion.objects.filter(council=council, kind=locked.kind).aggregate(
                last=Max("number")
            )["last"]
            created = storage.write_version(key, staged, tables=locked.row_counts)
            kill_point("accept.written")
            covered = fmt.coverage_function
            data_from, data_to = (
                covered(storage.open_tables(key)) if covered is not None else (None, None)
            )
            version = ReturnVersion(
                council=council,
                kind=locked.kind,
                number=(last or 0) + 1,
                content_sha256=locked.content_sha256,
                storage_key=key,
                accepted_by=user,
                files=locked.files,
                row_counts=locked.row_counts,
                warnings=locked.warnings,
                data_from=data_from,
                data_to=data_to,
                **_accepted_year(locked, staged),
            )
            version.full_clean(exclude=_blank_allowed(version))
            version.save()
            locked.status = Upload.Status.ACCEPTED
            locked.version = version
            locked.decided_at = timezone.now()
            locked.save(update_fields=["status", "version", "decided_at"])
            _check_quality(version)
            record(
                user=user,
                action="return.accept",
                council=council,
                obj=version,
                request=request,
                detail={
                    **_actor(user, locked.source),
                    "upload": locked.pk,
                    "number": version.number,
                    "content_sha256": version.content_sha256,
                    "row_counts": version.row_counts,
                    "collection_year": version.year.label,
                    "collection_year_source": version.collection_year_source,
                    "collection_year_set_by": getattr(
                        version.collection_year_set_by, "username", None
                    ),
                    "kind": version.kind,
                },
            )
            if recompute and fmt.recompute:
                _recompute(council, user)
    except BaseException:
        if created:
            storage.remove_version(key)
        raise
    kill_point("accept.committed")
    storage.remove_staging(
        upload.staging_path, keep=(storage.PROBLEMS_FILE, storage.REJECTED_FOLDER)
    )
    upload.refresh_from_db()
    return version


def _check_quality(version: ReturnVersion) -> None:
    """DfE's data-quality rules over a new SSDA903 or CIN version, their findings kept with it
    in the accept's transaction (issue 13.3). What they find never refuses the version: it is
    read by the indicators with a warning on each figure; only structural problems refuse."""
    from trajectory.dataquality.services import CHECKED_KINDS, dataquality_run_store

    if version.kind in CHECKED_KINDS:
        dataquality_run_store(version=version)


def _accepted_year(upload: Upload, staged: Path) -> dict:
    """The upload's year for its version; one previewed before years were kept infers it."""
    if upload.collection_year is not None:
        return {
            "collection_year": upload.collection_year,
            "collection_year_source": upload.collection_year_source,
            "collection_year_basis": upload.collection_year_basis,
            "collection_year_set_by": upload.collection_year_set_by,
        }
    tables = {path.stem: pl.scan_parquet(path) for path in staged.glob("*.parquet")}
    inferred = infer(tables, today=timezone.localdate())
    return {"collection_year": inferred.year.end_year, "collection_year_basis": inferred.basis}


def _recompute(council, user) -> None:
    try:
        indicators_compute(council=council, user=user)
    except ValidationError as problem:
        raise ValidationError(
            f"The indicators could not be computed from it: {' '.join(problem.messages)} "
            "Nothing was imported."
        ) from problem


def _check_staged(upload: Upload, staged: Path) -> None:
    """The staged tables are exactly those the upload recognised, with the content it hashed.

    A version is made only from what this upload's own reading produced: a table more or
    less, or any changed row, refuses the accept (the upload must be made again).
    """
    present = sorted(path.stem for path in staged.glob("*.parquet"))
    if present != sorted(upload.row_counts):
        raise ValidationError(
            "The staged files of this upload do not match what was read; upload them again."
        )
    tables = storage.read_tables(staged, present)
    if storage.content_sha256(tables) != upload.content_sha256:
        raise ValidationError(
            "The staged files of this upload do not match what was read; upload them again."
        )


def upload_discard(*, upload: Upload, user, request=None) -> Upload:
    """Decide not to import a previewed upload; its record and problems stay listed."""
    require(user, "upload_returns", upload.council)
    with transaction.atomic():
        locked = Upload.objects.select_for_update().get(pk=upload.pk)
        if locked.status != Upload.Status.PREVIEW:
            raise ValidationError("Only an upload waiting for review can be discarded.")
        locked.status = Upload.Status.DISCARDED
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_at"])
        record(
            user=user,
            action="return.discard",
            council=locked.council,
            obj=locked,
            request=request,
            detail=_actor(user, locked.source),
        )
    storage.remove_staging(
        locked.staging_path, keep=(storage.PROBLEMS_FILE, storage.REJECTED_FOLDER)
    )
    return locked


def upload_preview_years(
    *,
    council,
    user,
    files: list[tuple[str, Path]],
    previous_files: list[tuple[str, Path]],
    source: str = "web",
    request=None,
    year: CollectionYear | None = None,
    kind: str = ReturnKind.SSDA903,
) -> tuple[Upload, Upload]:
    """The current and the previous year's return uploaded together: (current, previous).

    Each year is its own upload, read, checked and previewed for its own year, and accepted
    as its own version: a version holds one collection year (its cohorts and code lists are
    that year's), so one upload of two years' files makes two. The current year is declared
    (`year`) or inferred; the previous upload's year is declared as the year before it (the
    uploader said so by giving the files as the previous year's) and can be changed on its
    preview like any other. The two uploads name each other (`companion`).
    """
    current = upload_preview(
        council=council,
        user=user,
        files=files,
        source=source,
        request=request,
        year=year,
        kind=kind,
    )
    before = CollectionYear((current.collection_year or of_date(timezone.localdate()).end_year) - 1)
    previous = upload_preview(
        council=council,
        user=user,
        files=previous_files,
        source=source,
        request=request,
        year=before,
        kind=kind,
        companion=current,
    )
    current.refresh_from_db()
    return current, previous


def files_of(
    paths: list[Path], suffixes: tuple[str, ...] = READABLE_SUFFIXES
) -> list[tuple[str, Path]]:
    """The files named, a folder standing for every file of the given types directly inside it."""
    files: list[tuple[str, Path]] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(
                (p.name, p)
                for p in sorted(path.iterdir())
                if p.is_file() and p.suffix.lower() in suffixes
            )
        else:
            files.append((path.name, path))
    return files


def return_import(
    *,
    council,
    user,
    paths: list[Path],
    source: str = "cli",
    year: CollectionYear | None = None,
    kind: str = ReturnKind.SSDA903,
    previous_paths: list[Path] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Upload:
    """Preview, then accept when nothing refuses it: the command line's one-step import.

    A folder stands for every file of the format's types directly inside it. `year` is the
    declared collection year; without it the year is inferred (the upload records from what).
    With `previous_paths` the previous year's return comes too (`upload_preview_years`): both
    are accepted, previous year first, or neither is (a refused one leaves the other
    discarded, so nothing of the pair is imported). `progress` is told each step as it
    starts, for the command line's progress bar. The current year's upload is returned (its
    `companion` is the previous year's).
    """
    fmt = _format(kind)
    step = progress or (lambda _: None)
    files = files_of(paths, fmt.suffixes)
    step(f"Reading and checking {len(files):,} file(s)")
    if previous_paths is None:
        upload = upload_preview(
            council=council, user=user, files=files, source=source, year=year, kind=fmt.kind
        )
        uploads = [upload]
    else:
        upload, previous = upload_preview_years(
            council=council,
            user=user,
            files=files,
            previous_files=files_of(previous_paths, fmt.suffixes),
            source=source,
            year=year,
            kind=fmt.kind,
        )
        uploads = [previous, upload]
    if any(u.status == Upload.Status.REFUSED for u in uploads):
        for other in uploads:
            if other.status == Upload.Status.PREVIEW:
                upload_discard(upload=other, user=user)
    else:
        for each in uploads:
            if each.status == Upload.Status.PREVIEW:
                step(f"Accepting the {each.year.label} return")
                upload_accept(upload=each, user=user)
    for each in uploads:
        each.refresh_from_db()
    return upload
