"""Writes to supervision. Each checks `record_supervision` (managers, leaders, and analysts who
import the council's files), runs in a transaction, keeps every changed field in the history
(`trajectory.history`) and writes an audit entry. A save from a form opened at an older version
is refused (`web.edit_conflicts`); a change of the standard locks the council's policy row.

The CSV import follows STYLE.md "Uploads with provenance": `supervisions_preview` checks every
row first and keeps the upload (file name, size, sha256, who, when) with what importing it
would add, the rows already recorded (never added twice) and every error, each naming the file,
the row (the header is row 1), the field and the value (`returns.problems.ProblemLog`); any
error refuses the whole file. `supervisions_accept` then adds all of it or none, in one
transaction.

Management oversight of a child's case is changed only by its author or a team or service
manager (`may_change_oversight`); the earlier text stays in the history.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from trajectory.audit.services import record
from trajectory.councils.models import Role
from trajectory.councils.permissions import has_capability, require, roles_of
from trajectory.history.services import changes_record, snapshot
from trajectory.plans import clock
from trajectory.returns.problems import ERROR, ProblemLog
from trajectory.supervision.models import (
    CaseOversight,
    Supervision,
    SupervisionImport,
    SupervisionPolicy,
    SupervisionStandard,
    SupervisionWorker,
)
from trajectory.supervision.rejected import ERROR_COLUMN  # the bad rows' download adds it
from trajectory.supervision.schedule import TYPE_LABELS, TYPES, UNITS, Step, check_steps, describe
from trajectory.web.edit_conflicts import lock_for_edit, mark_changed

CAPABILITY = "record_supervision"
FIRST_DAY = date(2000, 1, 1)
MAX_BYTES = 5 * 1024 * 1024
MAX_CASES = 60
CHILD_ID = re.compile(r"^[A-Za-z0-9_\-]{1,40}$")
SUPERVISION_FIELDS = ("held_on", "kind", "supervisor", "cases")
OVERSIGHT_FIELDS = ("child", "recorded_on", "manager", "note")
WORKER_FIELDS = ("qualified_on", "started_on", "left_on")
COLUMNS = ("SW_ID", "date", "type", "supervisor", "cases")
KEEP_PROBLEMS = 1000  # itemised per upload; the counts stay exact
TYPE_WORDS = {
    **{value: value for value, _ in TYPES},
    **{label.lower(): value for value, label in TYPES},
    "ad-hoc": "ad_hoc",
    "adhoc": "ad_hoc",
}


def worker_id_problem(worker: str) -> str:
    """Why a SW_ID is not one ('' if it is): DfE rule SW02, as the team file checks it."""
    if not worker:
        return "Enter the worker's SW_ID"
    if not worker.startswith(("SW", "XX")) or len(worker) < 4:
        return "The SW_ID must begin with SW or XX and have at least 4 characters (DfE rule SW02)"
    if len(worker) > 40 or not worker.isascii() or not worker.isalnum():
        return "The SW_ID must be letters and digits, at most 40"
    return ""


def date_problem(day: date, what: str) -> str:
    if day < FIRST_DAY:
        return f"The {what} must be on or after 1 January 2000"
    if day > clock.today():
        return f"The {what} cannot be in the future"
    return ""


def parse_cases(text: str) -> tuple[list[str], str]:
    """Child identifiers separated by spaces, commas or semicolons; (ids, problem or '')."""
    ids = [part for part in re.split(r"[\s,;]+", text or "") if part]
    bad = [i for i in ids if not CHILD_ID.match(i)]
    if bad:
        return [], "Each child's identifier must be letters, digits, - or _, at most 40"
    if len(ids) > MAX_CASES:
        return [], f"List at most {MAX_CASES} cases"
    return list(dict.fromkeys(ids)), ""


def _a(kind: str) -> str:
    """'An individual', 'A group', 'An ad hoc'."""
    label = TYPE_LABELS[kind].lower()
    return f"{'An' if label[0] in 'aeiou' else 'A'} {label}"


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


def _worker(council, worker_id: str) -> SupervisionWorker:
    item, _ = SupervisionWorker.objects.get_or_create(council=council, worker_id=worker_id)
    return item


# The standard ---------------------------------------------------------------------------------


def _standard_shown(version: SupervisionStandard | None) -> dict[str, str]:
    if version is None:
        return {}
    steps = [Step.from_data(s).text() for s in version.steps]
    return {
        "applies_from": version.applies_from.isoformat(),
        "steps": "; ".join(steps),
        "measured_from": version.get_measured_from_display(),
        "counted_types": ", ".join(TYPE_LABELS[t] for t in version.counted_types),
        "oversight_every": describe(*version.oversight_every),
    }


@transaction.atomic
def standard_change(
    *,
    council,
    user,
    applies_from: date,
    steps: list[Step],
    measured_from: str,
    counted_types: list[str],
    oversight_every: tuple[int, str],
    reason: str = "",
    opened_version: int | None = None,
    request=None,
) -> SupervisionStandard:
    """A new version of the council's standard applying from a date. Periods starting before
    it keep the version they started under."""
    require(user, CAPABILITY, council)
    problems = check_steps(steps)
    if problems:
        raise ValidationError({"steps": problems})
    if not counted_types or set(counted_types) - set(TYPE_LABELS):
        raise ValidationError({"counted_types": "Choose the types of supervision that count"})
    if oversight_every[1] not in UNITS or oversight_every[0] < 1:
        raise ValidationError({"oversight_every": "Give how often oversight is required"})
    if applies_from < FIRST_DAY:
        raise ValidationError({"applies_from": "The date must be on or after 1 January 2000"})
    policy, made = SupervisionPolicy.objects.get_or_create(council=council)
    lock_for_edit(policy, None if made else opened_version)
    previous = policy.versions.order_by("-number").first()
    mark_changed(policy, user)
    policy.save()
    version = SupervisionStandard(
        policy=policy,
        number=(previous.number + 1) if previous else 1,
        applies_from=applies_from,
        steps=[s.as_data() for s in steps],
        measured_from=measured_from,
        counted_types=[t for t, _ in TYPES if t in counted_types],
        oversight_every=list(oversight_every),
        reason=reason,
        created_by=_user(user),
    )
    version.full_clean()
    version.save()
    changes_record(
        council=council,
        subject=policy,
        user=user,
        operation="changed" if previous else "created",
        before=_standard_shown(previous) or None,
        after=_standard_shown(version),
        reason=reason,
    )
    record(
        user=user,
        action="supervision.standard.change",
        council=council,
        obj=version,
        request=request,
        detail={"number": version.number, "applies_from": applies_from.isoformat()},
    )
    return version


# Workers --------------------------------------------------------------------------------------


@transaction.atomic
def worker_update(
    *, council, user, worker_id: str, opened_version: int | None = None, request=None, **changes
) -> SupervisionWorker:
    """The council's own facts about a worker: qualification date, start and end in post."""
    require(user, CAPABILITY, council)
    unknown = set(changes) - set(WORKER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    problem = worker_id_problem(worker_id)
    if problem:
        raise ValidationError({"worker_id": problem})
    item, made = SupervisionWorker.objects.get_or_create(council=council, worker_id=worker_id)
    lock_for_edit(item, None if made else opened_version)
    for name, value in changes.items():
        if value is not None and (problem := date_problem(value, "date")):
            raise ValidationError({name: problem})
    merged = {**{f: getattr(item, f) for f in WORKER_FIELDS}, **changes}
    if merged["started_on"] and merged["left_on"] and merged["left_on"] < merged["started_on"]:
        raise ValidationError({"left_on": "The worker cannot leave before starting"})
    before = snapshot(item, WORKER_FIELDS)
    for name, value in changes.items():
        setattr(item, name, value)
    mark_changed(item, user)
    item.full_clean()
    item.save()
    changes_record(
        council=council,
        subject=item,
        user=user,
        operation="changed",
        before=before,
        after=snapshot(item, WORKER_FIELDS),
    )
    record(
        user=user,
        action="supervision.worker.update",
        council=council,
        obj=item,
        request=request,
        detail={"worker": worker_id, "fields": sorted(changes)},
    )
    return item


# Supervisions ---------------------------------------------------------------------------------


def _check_supervision(values: dict) -> None:
    errors = {}
    if problem := date_problem(values["held_on"], "date"):
        errors["held_on"] = problem
    if values["kind"] not in TYPE_LABELS:
        errors["kind"] = "Choose the type of supervision"
    if not values["supervisor"].strip():
        errors["supervisor"] = "Enter the supervisor"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def supervision_record(
    *,
    council,
    user,
    worker_id: str,
    held_on: date,
    kind: str,
    supervisor: str,
    cases: list[str] | None = None,
    imported_from: SupervisionImport | None = None,
    request=None,
) -> Supervision:
    require(user, CAPABILITY, council)
    worker_id = worker_id.strip().upper()
    if problem := worker_id_problem(worker_id):
        raise ValidationError({"worker_id": problem})
    values = {"held_on": held_on, "kind": kind, "supervisor": supervisor.strip()}
    _check_supervision(values)
    worker = _worker(council, worker_id)
    if Supervision.objects.filter(worker=worker, held_on=held_on, kind=kind).exists():
        raise ValidationError(
            {"held_on": f"{_a(kind)} supervision of {worker_id} on that day is already recorded"}
        )
    item = Supervision(
        council=council,
        worker=worker,
        cases=list(cases or []),
        imported_from=imported_from,
        created_by=_user(user),
        **values,
    )
    mark_changed(item, user)
    item.edit_version = 1
    item.full_clean()
    item.save()
    changes_record(
        council=council,
        subject=item,
        user=user,
        operation="created",
        before=None,
        after=snapshot(item, SUPERVISION_FIELDS),
    )
    if imported_from is None:
        record(
            user=user,
            action="supervision.record",
            council=council,
            obj=item,
            request=request,
            detail={"worker": worker_id, "held_on": held_on.isoformat(), "kind": kind},
        )
    return item


@transaction.atomic
def supervision_update(
    *, item: Supervision, user, opened_version: int | None = None, request=None, **changes
) -> Supervision:
    council = item.council
    require(user, CAPABILITY, council)
    unknown = set(changes) - set(SUPERVISION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    lock_for_edit(item, opened_version)
    values = {**{f: getattr(item, f) for f in SUPERVISION_FIELDS}, **changes}
    values["supervisor"] = values["supervisor"].strip()
    _check_supervision(values)
    clash = Supervision.objects.filter(
        worker=item.worker, held_on=values["held_on"], kind=values["kind"]
    ).exclude(pk=item.pk)
    if clash.exists():
        raise ValidationError({"held_on": "A supervision of that type on that day is recorded"})
    before = snapshot(item, SUPERVISION_FIELDS)
    for name, value in values.items():
        setattr(item, name, value)
    mark_changed(item, user)
    item.full_clean()
    item.save()
    logged = changes_record(
        council=council,
        subject=item,
        user=user,
        operation="changed",
        before=before,
        after=snapshot(item, SUPERVISION_FIELDS),
    )
    record(
        user=user,
        action="supervision.update",
        council=council,
        obj=item,
        request=request,
        detail={"worker": item.worker.worker_id, "fields": [c.field for c in logged]},
    )
    return item


# The CSV import -------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """A file read and checked: the rows to store (when the log has no errors), the file's
    header and, for each row with an error, its cells as read (for the bad rows' download)."""

    log: ProblemLog
    file_name: str
    rows: list[dict] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    cells: dict[int, list[str]] = field(default_factory=dict)
    good_cells: dict[int, list[str]] = field(default_factory=dict)


def _read_date(text: str) -> date | None:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def read_supervisions(content: bytes, file_name: str) -> ImportResult:
    """Every row of the file checked; the rows to store when the log has no errors.

    An `error` column (the one the bad rows' download adds) is ignored, so a corrected
    download is uploaded as it is."""
    result = ImportResult(ProblemLog(keep_at_most=KEEP_PROBLEMS), file_name)
    log = result.log

    def bad(message: str, *, row=None, column="", value="", code="bad_value"):
        log.add(file=file_name, row=row, column=column, value=value, message=message, code=code)
        if row is not None and row >= 2 and len(result.cells) < KEEP_PROBLEMS:
            result.cells.setdefault(row, current)

    current: list[str] = []
    if len(content) > MAX_BYTES:
        bad("The file is larger than 5 MB", code="too_large")
        return result
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        bad("The file is not UTF-8 text", code="unreadable")
        return result
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        bad("The file is empty", code="empty")
        return result
    result.header = [h.strip() for h in header]
    names = [h.strip().lower() for h in header]
    wanted = [c.lower() for c in COLUMNS]
    if sorted(n for n in names if n != ERROR_COLUMN) != sorted(wanted):
        bad(
            f"The header must be {','.join(COLUMNS)} (in any order)",
            row=1,
            value=",".join(header)[:200],
            code="bad_header",
        )
        return result
    at = {name: names.index(name) for name in wanted}
    seen: dict[tuple, int] = {}
    for number, row in enumerate(reader, start=2):
        current = row
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            bad(f"{len(row)} fields; the header has {len(names)}", row=number, code="bad_row")
            continue
        cell = {name: row[at[name]].strip() for name in wanted}
        worker = cell["sw_id"].upper()
        ok = True
        if problem := worker_id_problem(worker):
            bad(problem, row=number, column="SW_ID", value=cell["sw_id"])
            ok = False
        held_on = _read_date(cell["date"])
        if held_on is None:
            bad(
                "The date must be a date such as 31/01/2025",
                row=number,
                column="date",
                value=cell["date"],
                code="bad_date",
            )
            ok = False
        elif problem := date_problem(held_on, "date"):
            bad(problem, row=number, column="date", value=cell["date"], code="bad_date")
            ok = False
        kind = TYPE_WORDS.get(cell["type"].lower())
        if kind is None:
            bad(
                "The type must be individual, group, reflective or ad hoc",
                row=number,
                column="type",
                value=cell["type"],
            )
            ok = False
        if not cell["supervisor"]:
            bad("Enter the supervisor", row=number, column="supervisor")
            ok = False
        elif len(cell["supervisor"]) > 120:
            bad(
                "The supervisor is longer than 120 characters",
                row=number,
                column="supervisor",
                value=cell["supervisor"][:120],
            )
            ok = False
        cases, problem = parse_cases(cell["cases"])
        if problem:
            bad(problem, row=number, column="cases", value=cell["cases"][:200])
            ok = False
        if not ok:
            continue
        key = (worker, held_on, kind)
        if key in seen:
            bad(
                f"The same supervision is in row {seen[key]}",
                row=number,
                column="date",
                value=cell["date"],
                code="duplicate",
            )
            continue
        seen[key] = number
        result.good_cells[number] = row
        result.rows.append(
            {
                "row": number,
                "worker_id": worker,
                "held_on": held_on,
                "kind": kind,
                "supervisor": cell["supervisor"],
                "cases": cases,
            }
        )
    if not log.has_errors and not result.rows:
        bad("No supervisions in the file", code="empty")
    return result


def _recorded(council, rows: list[dict]) -> dict[tuple, tuple[str, list[str]]]:
    """(SW_ID, date, type) -> (supervisor, cases) of the council's records the rows name."""
    workers = {row["worker_id"] for row in rows}
    found = Supervision.objects.filter(council=council, worker__worker_id__in=workers)
    return {
        (worker, held_on, kind): (supervisor, cases)
        for worker, held_on, kind, supervisor, cases in found.values_list(
            "worker__worker_id", "held_on", "kind", "supervisor", "cases"
        )
    }


def _against_records(council, rows: list[dict]) -> tuple[list[dict], int, list[tuple]]:
    """Split rows into those to add, the number already recorded exactly so (skipped: a file
    sent twice, or months sent again, never counts a supervision twice), and clashes: a
    supervision of that worker, day and type recorded with another supervisor or other cases,
    as (row, column, value, message)."""
    recorded = _recorded(council, rows)
    to_add, skipped, clashes = [], 0, []
    for row in rows:
        stored = recorded.get((row["worker_id"], row["held_on"], row["kind"]))
        if stored is None:
            to_add.append(row)
            continue
        supervisor, cases = stored
        what = f"{_a(row['kind'])} supervision of {row['worker_id']} on that day is recorded"
        if supervisor != row["supervisor"]:
            clashes.append(
                (row, "supervisor", row["supervisor"], f"{what} with supervisor {supervisor}")
            )
        elif sorted(cases) != sorted(row["cases"]):
            listed = " ".join(cases) or "none"
            clashes.append(
                (row, "cases", " ".join(row["cases"]), f"{what} with the cases {listed}")
            )
        else:
            skipped += 1
    return to_add, skipped, clashes


def _staged(row: dict) -> dict:
    return {**row, "held_on": row["held_on"].isoformat()}


def _unstaged(row: dict) -> dict:
    return {**row, "held_on": date.fromisoformat(row["held_on"])}


def _rejected(result: ImportResult) -> list[dict]:
    """Each failed row as read, with its errors as one cell (the download's `error` column)."""
    errors: dict[int, list[str]] = {}
    for problem in result.log.errors:
        if problem.row is not None and problem.row >= 2:
            where = f"{problem.column}: " if problem.column else ""
            errors.setdefault(problem.row, []).append(where + problem.message)
    return [
        {"row": row, "cells": result.cells[row], "error": "; ".join(found)}
        for row, found in sorted(errors.items())
        if row in result.cells
    ]


@transaction.atomic
def supervisions_preview(
    *, council, user, content: bytes, file_name: str, request=None
) -> SupervisionImport:
    """Check the whole file and keep what importing it would do; nothing is added yet.

    Refused when any row has an error (each naming the file, row and field); "nothing new"
    when the file is identical to one already imported or every row is already recorded;
    otherwise waiting for review, to import with `supervisions_accept` or discard."""
    require(user, CAPABILITY, council)
    file_name = Path(file_name).name[:255] or "upload.csv"
    digest = hashlib.sha256(content).hexdigest()
    result = read_supervisions(content, file_name)
    log = result.log
    same = (
        SupervisionImport.objects.filter(
            council=council, sha256=digest, status=SupervisionImport.Status.ACCEPTED
        ).first()
        if not log.has_errors
        else None
    )
    to_add, skipped = [], 0
    if same is None and not log.has_errors:
        to_add, skipped, clashes = _against_records(council, result.rows)
        for row, column, value, message in clashes:
            log.add(
                file=file_name,
                row=row["row"],
                column=column,
                value=value,
                message=message,
                code="recorded_otherwise",
            )
            result.cells.setdefault(row["row"], result.good_cells[row["row"]])
    if log.has_errors:
        status = SupervisionImport.Status.REFUSED
    elif same is not None or not to_add:
        status = SupervisionImport.Status.ALREADY_IMPORTED
    else:
        status = SupervisionImport.Status.PREVIEW
    upload = SupervisionImport(
        council=council,
        file_name=file_name,
        size=len(content),
        sha256=digest,
        status=status,
        rows=len(to_add),
        skipped=len(result.rows) if same is not None else skipped,
        error_count=log.counts[ERROR],
        header=result.header[:20],
        staged=[_staged(r) for r in to_add] if status == SupervisionImport.Status.PREVIEW else [],
        problems=[p.as_dict() for p in log.kept],
        rejected=_rejected(result),
        same_as=same,
        imported_by=_user(user),
        decided_at=None if status == SupervisionImport.Status.PREVIEW else timezone.now(),
    )
    upload.full_clean()
    upload.save()
    record(
        user=user,
        action="supervision.upload",
        council=council,
        obj=upload,
        request=request,
        detail={
            "file": file_name,
            "sha256": digest,
            "status": status,
            "rows": upload.rows,
            "skipped": upload.skipped,
            "errors": upload.error_count,
        },
    )
    return upload


def _locked_preview(upload: SupervisionImport) -> SupervisionImport:
    locked = SupervisionImport.objects.select_for_update().get(pk=upload.pk)
    if locked.status != SupervisionImport.Status.PREVIEW:
        raise ValidationError(
            "Only a file waiting for review can be imported or discarded; this one is "
            f"{locked.get_status_display().lower()}."
        )
    return locked


@transaction.atomic
def supervisions_accept(*, upload: SupervisionImport, user, request=None) -> SupervisionImport:
    """Add every supervision the preview showed, or none: one transaction, refused when the
    same file was imported meanwhile or a row was recorded otherwise since the preview."""
    council = upload.council
    require(user, CAPABILITY, council)
    locked = _locked_preview(upload)
    same = (
        SupervisionImport.objects.filter(
            council=council, sha256=locked.sha256, status=SupervisionImport.Status.ACCEPTED
        )
        .exclude(pk=locked.pk)
        .first()
    )
    if same is not None:
        raise ValidationError(
            f"This file was imported meanwhile (upload {same.pk}): nothing was added again."
        )
    rows = [_unstaged(r) for r in locked.staged]
    to_add, skipped, clashes = _against_records(council, rows)
    if clashes:
        row, column, _, message = clashes[0]
        raise ValidationError(
            f"Since the preview, row {row['row']} ({column}): {message}. Nothing was added; "
            "upload the file again to check it."
        )
    workers = {w.worker_id: w for w in SupervisionWorker.objects.filter(council=council)}
    missing = {r["worker_id"] for r in to_add} - set(workers)
    SupervisionWorker.objects.bulk_create(
        SupervisionWorker(council=council, worker_id=w) for w in sorted(missing)
    )
    workers = {w.worker_id: w for w in SupervisionWorker.objects.filter(council=council)}
    actor = _user(user)
    try:
        Supervision.objects.bulk_create(
            Supervision(
                council=council,
                worker=workers[row["worker_id"]],
                held_on=row["held_on"],
                kind=row["kind"],
                supervisor=row["supervisor"],
                cases=row["cases"],
                imported_from=locked,
                created_by=actor,
                changed_by=actor,
            )
            for row in to_add
        )
        locked.status = SupervisionImport.Status.ACCEPTED
        locked.rows = len(to_add)
        locked.skipped += skipped
        locked.staged = []
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.full_clean()
        locked.save()
    except IntegrityError as clash:  # recorded or imported by someone else meanwhile
        raise ValidationError(
            "A supervision in the file was recorded meanwhile: nothing was added; upload the "
            "file again to check it."
        ) from clash
    record(
        user=user,
        action="supervision.import",
        council=council,
        obj=locked,
        request=request,
        detail={
            "file": locked.file_name,
            "sha256": locked.sha256,
            "rows": locked.rows,
            "skipped": locked.skipped,
        },
    )
    return locked


@transaction.atomic
def supervisions_discard(*, upload: SupervisionImport, user, request=None) -> SupervisionImport:
    """Decide not to import a previewed file; its record stays listed."""
    require(user, CAPABILITY, upload.council)
    locked = _locked_preview(upload)
    locked.status = SupervisionImport.Status.DISCARDED
    locked.staged = []
    locked.decided_by = _user(user)
    locked.decided_at = timezone.now()
    locked.full_clean()
    locked.save()
    record(
        user=user,
        action="supervision.upload.discard",
        council=locked.council,
        obj=locked,
        request=request,
        detail={"file": locked.file_name, "sha256": locked.sha256},
    )
    return locked


# Case oversight -------------------------------------------------------------------------------


@transaction.atomic
def oversight_record(
    *, council, user, child: str, recorded_on: date, manager: str, note: str = "", request=None
) -> CaseOversight:
    """Management oversight recorded against a child: child-level, so it needs
    `view_child_level` as well."""
    require(user, CAPABILITY, council)
    require(user, "view_child_level", council)
    child = child.strip()
    errors = {}
    if not CHILD_ID.match(child):
        errors["child"] = "Enter the child's identifier: letters, digits, - or _, at most 40"
    if problem := date_problem(recorded_on, "date"):
        errors["recorded_on"] = problem
    if not manager.strip():
        errors["manager"] = "Enter the manager"
    if errors:
        raise ValidationError(errors)
    item = CaseOversight(
        council=council,
        child=child,
        recorded_on=recorded_on,
        manager=manager.strip(),
        note=note,
        created_by=_user(user),
    )
    mark_changed(item, user)
    item.edit_version = 1
    item.full_clean()
    item.save()
    changes_record(
        council=council,
        subject=item,
        user=user,
        operation="created",
        before=None,
        after=snapshot(item, OVERSIGHT_FIELDS),
    )
    record(
        user=user,
        action="supervision.oversight.record",
        council=council,
        obj=item,
        request=request,
        detail={"recorded_on": recorded_on.isoformat()},
    )
    return item


OVERSIGHT_CHANGED = ("recorded_on", "manager", "note")
OVERSIGHT_REFUSAL = (
    "Management oversight is changed only by the person who recorded it or by a team or "
    "service manager."
)


def may_change_oversight(user, item: CaseOversight) -> bool:
    """The record's author (still recording supervision) or a team or service manager, either
    entitled to child-level data. None is the trusted command line."""
    if user is None:
        return True
    council = item.council
    if not has_capability(user, "view_child_level", council):
        return False
    if Role.MANAGER in roles_of(user, council):
        return True
    return item.created_by_id == user.pk and has_capability(user, CAPABILITY, council)


@transaction.atomic
def oversight_update(
    *, item: CaseOversight, user, opened_version: int | None = None, request=None, **changes
) -> CaseOversight:
    """Change a record of oversight: its date, manager or note (the child stays: a record made
    against the wrong child is a new record). Refused from a page opened at an older version."""
    council = item.council
    require(user, "view_child_level", council)
    if not may_change_oversight(user, item):
        raise PermissionDenied(OVERSIGHT_REFUSAL)
    unknown = set(changes) - set(OVERSIGHT_CHANGED)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    lock_for_edit(item, opened_version)
    values = {**{f: getattr(item, f) for f in OVERSIGHT_CHANGED}, **changes}
    values["manager"] = values["manager"].strip()
    errors = {}
    if problem := date_problem(values["recorded_on"], "date"):
        errors["recorded_on"] = problem
    if not values["manager"]:
        errors["manager"] = "Enter the manager"
    if errors:
        raise ValidationError(errors)
    before = snapshot(item, OVERSIGHT_FIELDS)
    for name, value in values.items():
        setattr(item, name, value)
    mark_changed(item, user)
    item.full_clean()
    item.save()
    logged = changes_record(
        council=council,
        subject=item,
        user=user,
        operation="changed",
        before=before,
        after=snapshot(item, OVERSIGHT_FIELDS),
    )
    record(
        user=user,
        action="supervision.oversight.update",
        council=council,
        obj=item,
        request=request,
        detail={"fields": [c.field for c in logged]},
    )
    return item
