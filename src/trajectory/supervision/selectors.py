"""Reading supervision, scoped and checked like every read (DESIGN.md).

Aggregates (compliance by team and month, the oversight rate, the standard) need
`view_council`: board members and region officials read them. Anything naming a worker or a
child (a worker's supervisions, the cases discussed, the children's oversight) needs
`view_child_level`, and lists naming children are audited ("child.view").

Where a worker's facts come from, in order: the council's own supervision record of the worker
(`SupervisionWorker`), then the latest workforce census (RoleStartDate, RoleEndDate; a worker
whose CFKSSstatus is 1, in the assessed and supported year in employment, is newly qualified
and their start in the role is taken as the qualification date), and the team from the latest
worker-to-team file (the team now). Compliance by team counts each month under the team the
worker was in then, by the worker-to-team file's versions (`team_history`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date

import polars as pl
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

from trajectory.audit.services import record
from trajectory.councils.models import WorkerTeam
from trajectory.councils.permissions import require
from trajectory.councils.team_files import latest_team_file
from trajectory.history.selectors import history_of
from trajectory.plans import clock
from trajectory.returns.models import ReturnKind
from trajectory.returns.selectors import latest_version, version_tables
from trajectory.supervision import figures
from trajectory.supervision.models import (
    CaseOversight,
    Supervision,
    SupervisionImport,
    SupervisionPolicy,
    SupervisionStandard,
    SupervisionWorker,
)
from trajectory.supervision.schedule import (
    DEFAULT_COUNTED,
    DEFAULT_OVERSIGHT_EVERY,
    DEFAULT_STEPS,
    Due,
    Standard,
    Step,
    dues,
    periods,
)
from trajectory.supervision.team_history import TeamHistory

NO_TEAM = ""
ASYE = "1"  # CFKSSstatus: assessed and supported year in employment


@dataclass
class WorkerFacts:
    worker_id: str
    team: str = NO_TEAM
    qualified_on: date | None = None
    started_on: date | None = None
    left_on: date | None = None
    source: str = ""  # where the qualification date came from

    @property
    def newly_qualified_on(self) -> date | None:
        return self.qualified_on


def standard_of(version: SupervisionStandard) -> Standard:
    return Standard(
        applies_from=version.applies_from,
        steps=tuple(Step.from_data(s) for s in version.steps),
        measured_from=version.measured_from,
        counted_types=frozenset(version.counted_types),
        key=version,
    )


def standard_versions(council) -> list[SupervisionStandard]:
    return list(
        SupervisionStandard.objects.filter(policy__council=council).order_by(
            "applies_from", "number"
        )
    )


def recording_start(council) -> date | None:
    """The first day of the month of the council's earliest supervision record."""
    first = (
        Supervision.objects.filter(council=council).order_by("held_on").values_list("held_on")
    ).first()
    return first[0].replace(day=1) if first else None


def standards(council) -> list[Standard]:
    """The council's versions, after the default from the month recording began when that is
    earlier than the first version (periods before the council set its own kept the default)."""
    stored = [standard_of(v) for v in standard_versions(council)]
    start = recording_start(council)
    if start is not None and (not stored or start < stored[0].applies_from):
        return [Standard(applies_from=start), *stored]
    return stored


def default_version_data() -> dict:
    return {
        "steps": [s.as_data() for s in DEFAULT_STEPS],
        "measured_from": SupervisionStandard.MeasuredFrom.QUALIFICATION,
        "counted_types": list(DEFAULT_COUNTED),
        "oversight_every": list(DEFAULT_OVERSIGHT_EVERY),
    }


def oversight_every(council) -> tuple[int, str]:
    versions = standard_versions(council)
    return tuple(versions[-1].oversight_every) if versions else DEFAULT_OVERSIGHT_EVERY


def _census_workers(council) -> dict[str, dict]:
    version = latest_version(council, kind=ReturnKind.WORKFORCE)
    if version is None:
        return {}
    try:
        frame = version_tables(version)["CSWWWorker"]
        wanted = ["SWENo", "RoleStartDate", "RoleEndDate", "CFKSSstatus"]
        frame = frame.select([c for c in wanted if c in frame.collect_schema().names()]).collect()
    except (KeyError, OSError, pl.exceptions.PolarsError):
        return {}
    out: dict[str, dict] = {}
    for row in frame.sort("RoleStartDate", nulls_last=False).iter_rows(named=True):
        worker = (row.get("SWENo") or "").strip().upper()
        if worker:
            out[worker] = row  # the latest spell in the role wins
    return out


def worker_facts(council) -> dict[str, WorkerFacts]:
    """Every worker the council knows, from the team file, the census and its own records."""
    facts: dict[str, WorkerFacts] = {}
    team_file = latest_team_file(council)
    if team_file is not None:
        for worker, team in team_file.assignments.values_list("worker_id", "team__name"):
            facts[worker] = WorkerFacts(worker, team=team)
    for worker, row in _census_workers(council).items():
        item = facts.setdefault(worker, WorkerFacts(worker))
        item.started_on = row.get("RoleStartDate")
        item.left_on = row.get("RoleEndDate")
        if row.get("CFKSSstatus") == ASYE and item.started_on:
            item.qualified_on, item.source = item.started_on, "workforce census (ASYE)"
    for own in SupervisionWorker.objects.filter(council=council):
        item = facts.setdefault(own.worker_id, WorkerFacts(own.worker_id))
        if own.qualified_on:
            item.qualified_on, item.source = own.qualified_on, "supervision record"
        item.started_on = own.started_on or item.started_on
        item.left_on = own.left_on or item.left_on
    return facts


def _supervisions_by_worker(council) -> dict[str, list[tuple[date, str]]]:
    out: dict[str, list[tuple[date, str]]] = {}
    rows = Supervision.objects.filter(council=council).values_list(
        "worker__worker_id", "held_on", "kind"
    )
    for worker, held_on, kind in rows:
        out.setdefault(worker, []).append((held_on, kind))
    return out


def worker_dues(
    facts: WorkerFacts, in_force: list[Standard], held: list[tuple[date, str]], until: date
) -> list[Due]:
    if not in_force:
        return []
    start = max(facts.started_on or in_force[0].applies_from, in_force[0].applies_from)
    worker_periods = periods(
        standards=in_force,
        start=start,
        until=until,
        qualified_on=facts.qualified_on,
        started_on=facts.started_on,
        left_on=facts.left_on,
    )
    return dues(facts.worker_id, facts.team, worker_periods, held)


def council_dues(council, *, until: date | None = None) -> list[Due]:
    """Every supervision due up to `until` (today), for every worker."""
    until = until or clock.today()
    in_force = standards(council)
    held = _supervisions_by_worker(council)
    out: list[Due] = []
    for facts in worker_facts(council).values():
        out.extend(worker_dues(facts, in_force, held.get(facts.worker_id, []), until))
    return out


@dataclass(frozen=True)
class Compliance:
    months: list[date]
    overall: list[list]
    by_team: dict[str, list[list]]


def team_history(council) -> TeamHistory:
    """Every version of the council's worker-to-team file, dated by its upload (London day)."""
    rows = WorkerTeam.objects.filter(team_file__council=council).values_list(
        "team_file__uploaded_at", "team_file__number", "worker_id", "team__name"
    )
    return TeamHistory.from_versions(
        (timezone.localdate(at), number, worker, team) for at, number, worker, team in rows
    )


def teams_then(due: list[Due], history: TeamHistory) -> list[Due]:
    """Each due under the team its worker was in in the month it fell due (`team_history`),
    the worker's current team where the files do not say."""
    return [
        replace(d, team=history.team_on(d.worker, figures.month_end(d.due), d.team)) for d in due
    ]


def compliance_of(council, *, until: date | None = None) -> Compliance:
    until = until or clock.today()
    in_force = standards(council)
    if not in_force:
        return Compliance([], [], {})
    due = teams_then(council_dues(council, until=until), team_history(council))
    months = figures.months_between(in_force[0].applies_from, until)
    return Compliance(
        months,
        figures.compliance_rows(due, months),
        figures.compliance_by_team(due, months),
    )


def compliance(user, council) -> Compliance:
    require(user, "view_council", council)
    return compliance_of(council)


def policy(user, council) -> SupervisionPolicy | None:
    require(user, "view_council", council)
    return SupervisionPolicy.objects.filter(council=council).first()


def versions(user, council) -> list[SupervisionStandard]:
    require(user, "view_council", council)
    return standard_versions(council)


def standard_history(user, council):
    found = policy(user, council)
    return history_of(user, council, found) if found else []


@dataclass(frozen=True)
class WorkerPage:
    facts: WorkerFacts
    dues: list[Due]
    supervisions: list[Supervision]


def worker_page(user, council, worker_id: str, *, request=None) -> WorkerPage | None:
    """A worker's supervisions and due dates, newest first; None for a worker nobody knows.
    The cases discussed name children: the view is audited."""
    require(user, "view_child_level", council)
    worker_id = worker_id.strip().upper()
    facts = worker_facts(council).get(worker_id)
    if facts is None:
        return None
    held = list(
        Supervision.objects.filter(council=council, worker__worker_id=worker_id).order_by(
            "-held_on"
        )
    )
    due = worker_dues(facts, standards(council), [(s.held_on, s.kind) for s in held], clock.today())
    record(
        user=user,
        action="child.view",
        council=council,
        request=request,
        detail={"page": "supervision.worker", "worker": worker_id},
    )
    return WorkerPage(facts, list(reversed(due)), held)


def supervision_for(user, council, pk: int) -> Supervision:
    from django.http import Http404

    require(user, "view_child_level", council)
    try:
        return Supervision.objects.select_related("worker").get(council=council, pk=pk)
    except Supervision.DoesNotExist:
        raise Http404("No such supervision") from None


def supervision_history(user, council, item: Supervision):
    return history_of(user, council, item)


def worker_ids(council) -> list[str]:
    return sorted(worker_facts(council))


# Case oversight -------------------------------------------------------------------------------


def merge_spells(
    spells: list[tuple[str, date, date | None]],
) -> list[tuple[str, date, date | None]]:
    """A child's episodes as continuous spells: an episode starting on or before the previous
    one's end continues it (a change of placement is a new SSDA903 episode, not a new case)."""
    merged: dict[str, list[list]] = {}
    for child, opened, closed in sorted(spells, key=lambda s: (s[0], s[1])):
        runs = merged.setdefault(child, [])
        if runs and (runs[-1][2] is None or opened <= runs[-1][2]):
            last = runs[-1]
            last[2] = None if last[2] is None or closed is None else max(last[2], closed)
        else:
            runs.append([child, opened, closed])
    return [tuple(run) for runs in merged.values() for run in runs]


def open_spells(council) -> list[tuple[str, date, date | None]]:
    """Children's cases from the latest SSDA903 return (episodes) and CIN census (episodes of
    need), merged per child."""
    spells: list[tuple[str, date, date | None]] = []
    sources = (
        (ReturnKind.SSDA903, "Episodes", "CHILD", "DECOM", "DEC"),
        (ReturnKind.CIN, "CINdetails", "LAchildID", "CINreferralDate", "CINclosureDate"),
    )
    for kind, table, child, opened, closed in sources:
        version = latest_version(council, kind=kind)
        if version is None:
            continue
        try:
            frame = (
                version_tables(version)[table]
                .select(pl.col(child), pl.col(opened), pl.col(closed))
                .drop_nulls([child, opened])
                .collect()
            )
        except (KeyError, OSError, pl.exceptions.PolarsError):
            continue
        spells.extend(frame.iter_rows())
    return merge_spells(spells)


def _oversight_dates(council) -> dict[str, list[date]]:
    out: dict[str, list[date]] = {}
    for child, day in CaseOversight.objects.filter(council=council).values_list(
        "child", "recorded_on"
    ):
        out.setdefault(child, []).append(day)
    return out


def oversight_rows_of(council, *, until: date | None = None) -> list[list]:
    """The rate at each month's end from the first record's month. Kept in the process's cache
    under everything it is worked out from (the children's spells, the oversight records'
    count, latest id and latest change, the period and the day), so a page reads it in
    milliseconds until one of them changes."""
    until = until or clock.today()
    start = recording_start_oversight(council)
    if start is None:
        return []
    months = figures.months_between(start, until)
    if months and figures.month_end(months[-1]) > until:
        months = months[:-1]  # the month has not ended: no figure yet
    spells = open_spells(council)
    every = oversight_every(council)
    state = CaseOversight.objects.filter(council=council).aggregate(
        count=Count("pk"), last=Max("pk"), changed=Max("changed_at")
    )
    key = (
        "supervision.oversight."
        + hashlib.sha256(
            repr((council.pk, until, every, sorted(state.items()), spells)).encode()
        ).hexdigest()
    )
    rows = cache.get(key)
    if rows is None:
        rows = figures.oversight_rows(months, spells, _oversight_dates(council), every)
        cache.set(key, rows, 60 * 60)
    return rows


def recording_start_oversight(council) -> date | None:
    first = (
        CaseOversight.objects.filter(council=council)
        .order_by("recorded_on")
        .values_list("recorded_on", flat=True)
        .first()
    )
    return first.replace(day=1) if first else None


def oversight_rows(user, council) -> list[list]:
    require(user, "view_council", council)
    return oversight_rows_of(council)


@dataclass(frozen=True)
class ChildOversight:
    child: str
    opened: date
    last: date | None
    in_period: bool


def oversight_children(user, council, *, request=None, limit: int = 500) -> list[ChildOversight]:
    """Children open today with their latest oversight: overdue first. Audited."""
    require(user, "view_child_level", council)
    today = clock.today()
    start = figures.window_start(today, oversight_every(council))
    dates = _oversight_dates(council)
    rows = []
    for child, opened, closed in open_spells(council):
        if opened <= today and (closed is None or closed > today):
            last = max(dates.get(child, []), default=None)
            rows.append(ChildOversight(child, opened, last, last is not None and last >= start))
    rows.sort(key=lambda r: (r.in_period, r.last or date.min, r.child))
    record(
        user=user,
        action="child.view",
        council=council,
        request=request,
        detail={"page": "supervision.oversight", "children": min(len(rows), limit)},
    )
    return rows[:limit]


def child_oversight(user, council, child: str, *, request=None) -> list[CaseOversight]:
    """The oversight recorded against one child, newest first. Audited."""
    require(user, "view_child_level", council)
    record(
        user=user,
        action="child.view",
        council=council,
        request=request,
        detail={"page": "supervision.oversight.child", "child": child[:40]},
    )
    return list(
        CaseOversight.objects.filter(council=council, child=child)
        .select_related("created_by")
        .order_by("-recorded_on", "-pk")
    )


# Workers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkerRow:
    facts: WorkerFacts
    last_held: date | None
    last_due: Due | None
    due_count: int
    on_time_count: int

    @property
    def on_time_pct(self) -> float | None:
        return figures.percent(self.on_time_count, self.due_count)


def worker_rows(user, council, *, months: int = 12) -> list[WorkerRow]:
    """Each worker with their last supervision and their last twelve months' periods."""
    require(user, "view_child_level", council)
    today = clock.today()
    since = date(today.year - 1, today.month, 1) if months == 12 else date.min
    in_force = standards(council)
    held = _supervisions_by_worker(council)
    rows = []
    for facts in sorted(worker_facts(council).values(), key=lambda f: (f.team, f.worker_id)):
        mine = held.get(facts.worker_id, [])
        due = [d for d in worker_dues(facts, in_force, mine, today) if d.due >= since]
        rows.append(
            WorkerRow(
                facts,
                max((d for d, _ in mine), default=None),
                due[-1] if due else None,
                len(due),
                sum(d.on_time for d in due),
            )
        )
    return rows


def own_worker(council, worker_id: str) -> SupervisionWorker | None:
    return SupervisionWorker.objects.filter(council=council, worker_id=worker_id).first()


def worker_history(user, council, item: SupervisionWorker):
    return history_of(user, council, item)


# Uploads of the CSV ---------------------------------------------------------------------------


def recent_uploads(user, council, *, limit: int = 20) -> list[SupervisionImport]:
    """The council's latest uploads with their provenance (file, size, sha256, who, when)."""
    require(user, "view_council", council)
    return list(
        SupervisionImport.objects.filter(council=council).select_related(
            "imported_by", "decided_by"
        )[:limit]
    )


def upload_for(user, council, pk: int, *, request=None) -> SupervisionImport:
    """One upload and what it adds. Its rows name children (the cases discussed): child-level,
    and audited."""
    from django.http import Http404

    require(user, "view_child_level", council)
    try:
        found = SupervisionImport.objects.select_related(
            "imported_by", "decided_by", "same_as"
        ).get(council=council, pk=pk)
    except SupervisionImport.DoesNotExist:
        raise Http404("No such upload") from None
    record(
        user=user,
        action="child.view",
        council=council,
        request=request,
        detail={"page": "supervision.upload", "upload": found.pk},
    )
    return found


def upload_added(upload: SupervisionImport, *, limit: int = 1000) -> list[Supervision]:
    """The supervisions an accepted upload added, in date order (read with `upload_for`)."""
    return list(
        Supervision.objects.filter(imported_from=upload)
        .select_related("worker")
        .order_by("held_on", "worker__worker_id")[:limit]
    )


def oversight_for(user, council, pk: int, *, request=None) -> CaseOversight:
    """One record of oversight against a child. Audited."""
    from django.http import Http404

    require(user, "view_child_level", council)
    try:
        found = CaseOversight.objects.select_related("created_by").get(council=council, pk=pk)
    except CaseOversight.DoesNotExist:
        raise Http404("No such record") from None
    record(
        user=user,
        action="child.view",
        council=council,
        request=request,
        detail={"page": "supervision.oversight.record", "child": found.child},
    )
    return found


def oversight_history(user, council, item: CaseOversight):
    require(user, "view_child_level", council)
    return history_of(user, council, item)
