"""The worker-to-team file a council uploads: which team each social worker (SW_ID) is in.

A CSV with the header `SW_ID,team` (column names in any case and order; other columns are
refused, so a file of names is not kept by mistake). Each row one worker: SW_ID as the SSDA903
return gives it (DfE rule SW02: beginning SW or XX, at least 4 characters), and the team's name.
The file is read all or nothing: any bad row refuses it, each error naming the file, the row
(the header is row 1) and the field. An accepted file is a new `TeamFile` version, never an
edit of the last; a file identical to the newest is not stored again. Teams named in it are
created in the council (`councils.Team`); teams no longer named are kept, for older runs.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from trajectory.audit.services import record
from trajectory.councils.models import Team, TeamFile, WorkerTeam
from trajectory.councils.permissions import has_capability

COLUMNS = ("SW_ID", "team")
MAX_BYTES = 2 * 1024 * 1024
TEAM_NAME_LENGTH = Team._meta.get_field("name").max_length
WORKER_ID_LENGTH = WorkerTeam._meta.get_field("worker_id").max_length


@dataclass(frozen=True)
class TeamFileResult:
    team_file: TeamFile
    created: bool  # False: identical to the newest version, nothing stored


def read_team_file(content: bytes, file_name: str) -> dict[str, str]:
    """{SW_ID: team} from the file's bytes, or ValidationError listing every bad row."""
    if len(content) > MAX_BYTES:
        raise ValidationError(f"{file_name}: the file is larger than 2 MB")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(f"{file_name}: not UTF-8 text ({error.reason})") from error
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise ValidationError(f"{file_name}: the file is empty")
    names = [h.strip().upper() for h in header]
    wanted = [c.upper() for c in COLUMNS]
    if sorted(names) != sorted(wanted):
        raise ValidationError(
            f"{file_name}, row 1: the header must be SW_ID,team (found {','.join(header)})"
        )
    at = {name: names.index(name) for name in wanted}
    errors, teams, rows_of = [], {}, {}
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            errors.append(f"{file_name}, row {number}: {len(row)} fields, the header has 2")
            continue
        worker = row[at["SW_ID"]].strip().upper()
        team = " ".join(row[at["TEAM"]].split())
        if not worker:
            errors.append(f"{file_name}, row {number}, SW_ID: blank")
        elif not worker.startswith(("SW", "XX")) or len(worker) < 4:
            errors.append(
                f"{file_name}, row {number}, SW_ID: {worker!r} does not begin with SW or XX "
                "and have at least 4 characters (DfE rule SW02)"
            )
        elif len(worker) > WORKER_ID_LENGTH or not worker.isascii():
            errors.append(f"{file_name}, row {number}, SW_ID: {worker[:50]!r} is not an SW_ID")
        elif worker in teams:
            errors.append(
                f"{file_name}, row {number}, SW_ID: {worker} is already in row {rows_of[worker]}"
            )
        if not team:
            errors.append(f"{file_name}, row {number}, team: blank")
        elif len(team) > TEAM_NAME_LENGTH:
            errors.append(
                f"{file_name}, row {number}, team: longer than {TEAM_NAME_LENGTH} characters"
            )
        if worker and worker not in teams:
            teams[worker], rows_of[worker] = team, number
    if errors:
        raise ValidationError(errors)
    if not teams:
        raise ValidationError(f"{file_name}: no workers in the file")
    return teams


@transaction.atomic
def team_file_import(*, council, user, content: bytes, file_name: str) -> TeamFileResult:
    """Store the file as the council's next version and create the teams it names.

    `user` None is the command line; a signed-in user needs upload_returns. Audited
    (teams.import) with the version, its hash and the counts.
    """
    if user is not None and not has_capability(user, "upload_returns", council):
        raise PermissionDenied("You may not upload files for this council.")
    file_name = Path(file_name).name
    teams = read_team_file(content, file_name)
    digest = hashlib.sha256(content).hexdigest()
    newest = TeamFile.objects.filter(council=council).order_by("-number").first()
    if newest is not None and newest.sha256 == digest:
        return TeamFileResult(newest, created=False)
    existing = {t.name: t for t in Team.objects.filter(council=council)}
    made = [Team(council=council, name=n) for n in sorted(set(teams.values())) if n not in existing]
    Team.objects.bulk_create(made)
    existing = {t.name: t for t in Team.objects.filter(council=council)}
    team_file = TeamFile.objects.create(
        council=council,
        number=(newest.number + 1) if newest else 1,
        file_name=file_name,
        sha256=digest,
        uploaded_by=user,
    )
    WorkerTeam.objects.bulk_create(
        WorkerTeam(team_file=team_file, worker_id=worker, team=existing[team])
        for worker, team in sorted(teams.items())
    )
    record(
        user=user,
        action="teams.import",
        council=council,
        obj=team_file,
        detail={
            "number": team_file.number,
            "file": file_name,
            "sha256": digest,
            "workers": len(teams),
            "teams": len(set(teams.values())),
            "teams_created": [t.name for t in made],
        },
    )
    return TeamFileResult(team_file, created=True)


def latest_team_file(council) -> TeamFile | None:
    return TeamFile.objects.filter(council=council).order_by("-number").first()


def worker_teams(team_file: TeamFile | None) -> pl.DataFrame | None:
    """[SW_ID, team] of a version, as `allocations` reads it; None without a file."""
    if team_file is None:
        return None
    rows = team_file.assignments.values_list("worker_id", "team__name")
    return pl.DataFrame(list(rows), schema={"SW_ID": pl.String, "team": pl.String}, orient="row")
