"""The LAIT explorer's pages (issue 8.4): every LAIT measure, searchable by name and by theme,
and one measure for the council beside England, its region and its statistical neighbours.

Each measure page's table downloads as CSV or XLSX through the pages' own mechanism
(web/downloads.py, `?download=csv&table=1`); the list of measures, shown 25 at a time,
downloads whole (`?format=csv` or `?format=xlsx`), every cell through safe_cells. Where a LAIT
file is missing the pages say which and how to fetch it, never an empty table.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from trajectory.benchmarking import explorer, lait
from trajectory.benchmarking import measures as catalogue
from trajectory.benchmarking.compare import RANK_ONE, TIES
from trajectory.benchmarking.explorer_chart import measure_chart
from trajectory.councils.selectors import council_for_user
from trajectory.indicators import registry
from trajectory.reference.manifest import manifest_files
from trajectory.reference.status import LOAD_COMMANDS, missing_files
from trajectory.web.downloads import TABLE_FORMATS, table_file

MEASURES_PER_PAGE = 25


@login_required
def explorer_index(request, council_code: str):
    council = council_for_user(request.user, council_code)
    context = {"council": council, "missing": lait.missing()}
    if context["missing"]:
        return render(request, "benchmarking/explorer_index.html", context)
    query = request.GET.get("q", "").strip()[:200]
    theme = request.GET.get("theme", "").strip()
    themes = lait.themes()
    if theme not in themes:
        theme = ""
    kind = request.GET.get("format")
    if kind in TABLE_FORMATS:
        return _measures_file(request, council, kind=kind, query=query, theme=theme)
    found = explorer.search_measures(request.user, council, query=query, theme=theme)
    page = Paginator(found, MEASURES_PER_PAGE).get_page(request.GET.get("page"))
    chosen = {key: value for key, value in (("q", query), ("theme", theme)) if value}
    context.update(
        query=query,
        theme=theme,
        themes=themes,
        count=len(found),
        total=len(lait.measures()),
        page=page,
        page_numbers=page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        query_string=urlencode(chosen),
        csv_query=urlencode({**chosen, "format": "csv"}),
        xlsx_query=urlencode({**chosen, "format": "xlsx"}),
    )
    return render(request, "benchmarking/explorer_index.html", context)


def _measures_file(request, council, *, kind: str, query: str, theme: str):
    """Every measure found, not one page of them, as CSV or XLSX (audited by the selector)."""
    rows = explorer.measures_table(
        request.user, council, query=query, theme=theme, kind=kind, request=request
    )
    return table_file(rows, kind, name="lait-measures", title="LAIT measures")


@login_required
def measure_detail(request, council_code: str, measure_slug: str):
    council = council_for_user(request.user, council_code)
    missing = lait.missing()
    if missing:
        return render(
            request,
            "benchmarking/measure_detail.html",
            {"council": council, "missing": missing},
        )
    measure = lait.measure_by_slug(measure_slug)
    if measure is None:
        raise Http404("No such LAIT measure")
    comparison = explorer.measure_comparison(request.user, council, measure)
    bds = next(item for item in lait_manifest() if item.local_file == lait.BDS_FILE)
    return render(
        request,
        "benchmarking/measure_detail.html",
        {
            "council": council,
            "measure": measure,
            "comparison": comparison,
            "chart_spec": measure_chart(comparison) if comparison.has_figures else None,
            "latest_year": comparison.years[-1] if comparison.years else "",
            "dataset": bds,
            "neighbours_missing": [] if comparison.neighbour_count else missing_files("councils"),
            "load_commands": LOAD_COMMANDS[:1],
            "rank_rule": RANK_ONE[measure.polarity],
            "ties": TIES,
            "own_indicators": [
                (indicator, lait.POLARITY_TEXT[indicator.polarity])
                for indicator in map(registry.get, catalogue.indicators_for_lait(measure.code))
            ],
        },
    )


def lait_manifest():
    return manifest_files(needed_for=(lait.NEEDED_FOR,))
