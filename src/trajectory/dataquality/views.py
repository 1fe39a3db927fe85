"""The data-quality page (issue 13.4): for the latest version of each return, its findings by
rule, table, team and worker, their trend across versions, the failing rows of each rule and
the rows as uploaded with their findings, to fix and upload again.

Counts are for everyone who may read the council; the rows (and counts by worker) only for
those allowed child-level data, each view and download audited and never cached.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from trajectory.councils.permissions import has_capability
from trajectory.councils.selectors import council_for_user
from trajectory.dataquality import exports, selectors
from trajectory.dataquality.charts import trend_chart
from trajectory.safe_cells import SafeCsvWriter
from trajectory.web.no_store import no_store

ROWS_PER_PAGE = 50


@login_required
def dataquality_page(request, council_code: str):
    council = council_for_user(request.user, council_code)
    can_view_rows = has_capability(request.user, "view_child_level", council)
    sections = []
    for checked in selectors.latest_checks(request.user, council):
        section = {"checked": checked, "kind": checked.kind}
        if checked.run is not None:
            run = checked.run
            rules = selectors.rule_counts(run)
            points = selectors.trend(request.user, council, checked.kind)
            section.update(
                rules=rules,
                with_findings=[item for item in rules if item["findings"]],
                ran=sum(1 for item in rules if item["status"] == "ran"),
                not_run=sum(1 for item in rules if item["status"] != "ran"),
                tables=selectors.table_counts(run),
                trend=points,
                chart=trend_chart(points, checked.label) if len(points) > 1 else None,
                teams=selectors.team_counts(request.user, council, run),
                workers=selectors.worker_counts(request.user, council, run)
                if can_view_rows
                else [],
                export_tables=sorted(run.version.row_counts),
            )
        sections.append(section)
    return render(
        request,
        "dataquality/page.html",
        {"council": council, "sections": sections, "can_view_rows": can_view_rows},
    )


@login_required
@no_store
def dataquality_rule(request, council_code: str, kind: str, code: str):
    """The rows one rule flagged, a page of 50 at a time; audited (child-level)."""
    council = council_for_user(request.user, council_code, "view_child_level")
    run = selectors.run_for(request.user, council, kind, request.GET.get("run"))
    download = request.GET.get("format") == "csv"
    rows = selectors.rule_rows(
        request.user, council, run, code, request=request, purpose="csv" if download else "page"
    )
    rule = next(item for item in run.rules if item["rule"] == code)
    fields = rule.get("fields") or (rows[0]["finding"].fields if rows else [])
    if download:
        return _rule_csv(council, run, code, fields, rows)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "dataquality/rule.html",
        {
            "council": council,
            "run": run,
            "rule": rule,
            "count": len(rows),
            "page": page,
            "rows": page.object_list,
            "fields": fields,
        },
    )


def _rule_csv(council, run, code: str, fields: list[str], rows: list[dict]) -> HttpResponse:
    """Every row the rule flagged, not one page, each cell through safe_cells (issue 6.10)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{council.code}-{run.kind}-v{run.version.number}-rule-{code}.csv"'
    )
    writer = SafeCsvWriter(response)
    writer.writerow(["Table", "Row", "Child", *fields, "Worker", "Team"])
    writer.writerows(
        [
            row["finding"].table,
            row["finding"].row,
            row["finding"].child,
            *(value for _, value in row["values"]),
            row["finding"].worker,
            row["team"],
        ]
        for row in rows
    )
    return response


@login_required
@no_store
def dataquality_export(request, council_code: str, kind: str, file_format: str):
    """The rows as uploaded with a findings column: CSV (one table, ?table=) or XLSX (every
    table); audited (child-level)."""
    council = council_for_user(request.user, council_code, "view_child_level")
    run = selectors.run_for(request.user, council, kind, request.GET.get("run"))
    stem = f"{council.code}-{kind}-v{run.version.number}-data-quality"
    if file_format == "csv":
        table = request.GET.get("table", "")
        if not table:
            raise Http404("Name the table: ?table=Header")
        found = selectors.export_tables(
            request.user, council, run, table=table, request=request, purpose="csv"
        )
        response = HttpResponse(exports.rows_csv(found[table]), content_type="text/csv")
        name = f"{stem}-{table}.csv"
    elif file_format == "xlsx":
        found = selectors.export_tables(request.user, council, run, request=request, purpose="xlsx")
        response = HttpResponse(exports.rows_xlsx(found), content_type=exports.XLSX)
        name = f"{stem}.xlsx"
    else:
        raise Http404("CSV or XLSX.")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
