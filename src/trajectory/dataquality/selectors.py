"""Reading the stored findings (issue 13.4), scoped by council.

Counts by rule, table, team and over time are aggregates: everyone who may read the council
sees them (view_council). The failing rows themselves, and counts by social worker (a worker's
own record, and for a small caseload close to the children, as team_selectors holds), name or
point to children: they need view_child_level, and reading rows is audited as a child-level
view with the requesting address, as the returns' problem lists are.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import polars as pl
from django.http import Http404

from trajectory.audit.services import record
from trajectory.councils.permissions import has_capability, require
from trajectory.councils.team_files import latest_team_file, worker_teams
from trajectory.dataquality.models import DataQualityRun
from trajectory.dataquality.services import CHECKED_KINDS
from trajectory.dataquality.stored import FIRST_ROW
from trajectory.indicators.team_selectors import WITHHELD_BELOW
from trajectory.returns.models import ReturnKind, ReturnVersion
from trajectory.returns.selectors import latest_version, version_tables

NO_WORKER = "No worker recorded"
NO_TEAM = "No team recorded"
ROW_COLUMN = "Row"
FINDINGS_COLUMN = "Data-quality findings"
NOT_IN_TABLE = "(not in this table)"  # a rule over several tables names fields of each


def _newest_run(version: ReturnVersion) -> DataQualityRun | None:
    return version.dataquality_runs.order_by("-ran_at", "-id").first()


@dataclass(frozen=True)
class Checked:
    """A return kind's latest version and the newest run of the rules over it (or None)."""

    kind: str
    label: str
    version: ReturnVersion | None
    run: DataQualityRun | None


def latest_checks(user, council) -> list[Checked]:
    """For SSDA903 and CIN: the latest version the council holds and its newest run."""
    require(user, "view_council", council)
    found = []
    for kind in CHECKED_KINDS:
        version = latest_version(council, kind)
        run = _newest_run(version) if version is not None else None
        found.append(Checked(kind, ReturnKind(kind).label, version, run))
    return found


def run_for(user, council, kind: str, run_id=None) -> DataQualityRun:
    """The run asked for (by id), else the latest version's newest: 404 if none or not ours."""
    require(user, "view_council", council)
    if kind not in CHECKED_KINDS:
        raise Http404("No such return.")
    if run_id:
        try:
            return DataQualityRun.objects.select_related("version").get(
                council=council, kind=kind, pk=int(run_id)
            )
        except (DataQualityRun.DoesNotExist, ValueError, TypeError):
            raise Http404("No such data-quality run.") from None
    version = latest_version(council, kind)
    run = _newest_run(version) if version is not None else None
    if run is None:
        raise Http404("The rules have not been run over this return.")
    return run


def rule_counts(run: DataQualityRun) -> list[dict]:
    """Every rule of the run's year with its outcome, those with findings first (most first)."""
    return sorted(
        run.rules, key=lambda item: (-item["findings"], item["status"] != "ran", item["rule"])
    )


def table_counts(run: DataQualityRun) -> list[dict]:
    """[{table, findings, rows}]: findings and distinct rows flagged, by table."""
    findings: Counter = Counter()
    rows: dict[str, set] = {}
    for table, row in run.findings.values_list("table", "row"):
        findings[table] += 1
        rows.setdefault(table, set()).add(row)
    return [
        {"table": table, "findings": count, "rows": len(rows[table])}
        for table, count in sorted(findings.items(), key=lambda item: (-item[1], item[0]))
    ]


@dataclass(frozen=True)
class TrendPoint:
    version: ReturnVersion
    run: DataQualityRun
    findings: int


def trend(user, council, kind: str) -> list[TrendPoint]:
    """Each version of the return with its newest run, oldest first: are we getting better?"""
    require(user, "view_council", council)
    points = []
    versions = ReturnVersion.objects.filter(council=council, kind=kind).order_by("number")
    for version in versions.prefetch_related("dataquality_runs"):
        runs = sorted(version.dataquality_runs.all(), key=lambda r: (r.ran_at, r.pk))
        if runs:
            points.append(TrendPoint(version, runs[-1], runs[-1].finding_count))
    return points


def _teams_of_workers(council) -> dict[str, str]:
    teams = worker_teams(latest_team_file(council))
    if teams is None:
        return {}
    return {
        str(worker).strip().upper(): team
        for worker, team in zip(teams["SW_ID"].to_list(), teams["team"].to_list(), strict=True)
    }


def team_counts(user, council, run: DataQualityRun) -> list[dict]:
    """[{team, findings, children, withheld}] by the team of the worker holding each child's
    case at the return's end (the council's worker-to-team file); an SSDA903 return's only. A
    team's counts built on 1 to 5 children are withheld from those who may not see the
    children, as the team figures are (indicators/team_selectors.py WITHHELD_BELOW)."""
    require(user, "view_council", council)
    if run.kind != ReturnKind.SSDA903:
        return []
    teams = _teams_of_workers(council)
    findings: Counter = Counter()
    children: dict[str, set] = {}
    for worker, child in run.findings.values_list("worker", "child"):
        team = teams.get(worker.strip().upper(), NO_TEAM) if worker else NO_TEAM
        findings[team] += 1
        children.setdefault(team, set()).add(child)
    may_see_children = has_capability(user, "view_child_level", council)

    def shown(team: str, count: int) -> dict:
        held = len(children[team])
        if not may_see_children and 0 < held < WITHHELD_BELOW:  # as team figures are
            return {"team": team, "findings": None, "children": None, "withheld": True}
        return {"team": team, "findings": count, "children": held, "withheld": False}

    return [
        shown(team, count)
        for team, count in sorted(findings.items(), key=lambda item: (item[0] == NO_TEAM, item[0]))
    ]


def worker_counts(user, council, run: DataQualityRun) -> list[dict]:
    """[{worker, team, findings, children}]: a worker's record, so child-level only."""
    require(user, "view_child_level", council)
    if run.kind != ReturnKind.SSDA903:
        return []
    teams = _teams_of_workers(council)
    findings: Counter = Counter()
    children: dict[str, set] = {}
    for worker, child in run.findings.values_list("worker", "child"):
        key = worker or NO_WORKER
        findings[key] += 1
        children.setdefault(key, set()).add(child)
    return [
        {
            "worker": key,
            "team": teams.get(key.strip().upper(), NO_TEAM) if key != NO_WORKER else NO_TEAM,
            "findings": count,
            "children": len(children[key]),
        }
        for key, count in sorted(findings.items(), key=lambda item: (item[0] == NO_WORKER, item[0]))
    ]


def _as_written(frame: pl.DataFrame) -> pl.DataFrame:
    """Values as a DfE file writes them: dates dd/mm/yyyy, true/false, blanks empty."""
    return frame.with_columns(
        *(
            pl.col(name).dt.strftime("%d/%m/%Y")
            for name, kind in frame.schema.items()
            if kind == pl.Date
        ),
        *(
            pl.when(pl.col(name)).then(pl.lit("true")).otherwise(pl.lit("false")).alias(name)
            for name, kind in frame.schema.items()
            if kind == pl.Boolean
        ),
    ).with_columns(pl.all().cast(pl.String))


def _stored(run: DataQualityRun, table: str) -> pl.DataFrame | None:
    lazy = version_tables(run.version).get(table)
    if lazy is None:
        return None
    frame = _as_written(lazy.collect())
    return frame.with_row_index(ROW_COLUMN, offset=FIRST_ROW).with_columns(
        pl.col(ROW_COLUMN).cast(pl.Int64)
    )


def rule_rows(
    user, council, run: DataQualityRun, code: str, *, request=None, purpose: str = "page"
) -> list[dict]:
    """The rows a rule flagged in the run, each as stored with the rule's fields' values:
    [{finding, values: [(field, value)]}]. Child-level: audited with the rows shown."""
    require(user, "view_child_level", council)
    findings = list(run.findings.filter(rule=code).order_by("table", "row"))
    if not any(item["rule"] == code for item in run.rules):
        raise Http404("No such rule in this run.")
    teams = _teams_of_workers(council)
    rows = []
    for table in sorted({finding.table for finding in findings}):
        stored = _stored(run, table)
        wanted = [f for f in findings if f.table == table]
        by_row = {}
        columns = set(stored.columns) if stored is not None else set()
        if stored is not None:
            picked = stored.filter(pl.col(ROW_COLUMN).is_in([f.row for f in wanted]))
            by_row = {row[ROW_COLUMN]: row for row in picked.iter_rows(named=True)}
        for finding in wanted:
            values = by_row.get(finding.row, {})
            rows.append(
                {
                    "finding": finding,
                    "team": teams.get(finding.worker.strip().upper(), NO_TEAM)
                    if finding.worker
                    else "",
                    "values": [
                        (name, values.get(name) if name in columns else NOT_IN_TABLE)
                        for name in finding.fields
                    ],
                }
            )
    record(
        user=user,
        action="child.view",
        council=council,
        obj=run.version,
        request=request,
        detail={
            "page": "data quality",
            "run": run.pk,
            "rule": code,
            "rows": len(rows),
            **({"format": purpose} if purpose != "page" else {}),
        },
    )
    return rows


def export_tables(
    user, council, run: DataQualityRun, *, table: str | None = None, request=None, purpose="csv"
) -> dict[str, list[list]]:
    """The version's tables (or one) as stored, DfE's columns in DfE order written as a DfE file
    writes them, with a last column of each row's findings ("101: message; 202: message"):
    {table: [header, row, ...]}, ready to fix and upload again (the reader leaves the findings
    column out with a warning). Child-level, audited."""
    require(user, "view_child_level", council)
    tables = version_tables(run.version)
    names = [table] if table else sorted(tables)
    if table and table not in tables:
        raise Http404("The version holds no such table.")
    found = run.findings.filter(table__in=names).order_by("table", "row", "rule")
    notes = pl.DataFrame(
        [(f.table, f.row, f"{f.rule}: {f.message}") for f in found],
        schema={"table": pl.String, ROW_COLUMN: pl.Int64, FINDINGS_COLUMN: pl.String},
        orient="row",
    )
    out: dict[str, list[list]] = {}
    rows_written = 0
    for name in names:
        stored = _stored(run, name)
        columns = [c for c in stored.columns if c != ROW_COLUMN]
        joined = (
            notes.filter(pl.col("table") == name)
            .group_by(ROW_COLUMN, maintain_order=True)
            .agg(pl.col(FINDINGS_COLUMN).str.join("; "))
        )
        body = (
            stored.join(joined, on=ROW_COLUMN, how="left")
            .sort(ROW_COLUMN)
            .select(*columns, pl.col(FINDINGS_COLUMN).fill_null(""))
            .rows()
        )
        out[name] = [[*columns, FINDINGS_COLUMN], *body]
        rows_written += len(body)
    record(
        user=user,
        action="child.view",
        council=council,
        obj=run.version,
        request=request,
        detail={
            "download": "data quality rows",
            "format": purpose,
            "run": run.pk,
            "tables": names,
            "rows": rows_written,
        },
    )
    return out


@dataclass(frozen=True)
class WithFindings:
    version: ReturnVersion
    findings: int


def versions_with_findings(user, council, run, *, kinds=None) -> list[WithFindings]:
    """The versions an indicator run read (of `kinds`, when given) whose newest data-quality
    run found something: the warning on every figure that reads them (issue 13.3)."""
    require(user, "view_council", council)
    if run is None:
        return []
    found = []
    for version in run.versions.order_by("kind", "number"):
        if kinds is not None and version.kind not in kinds:
            continue
        newest = _newest_run(version)
        if newest is not None and newest.finding_count:
            found.append(WithFindings(version, newest.finding_count))
    return found
