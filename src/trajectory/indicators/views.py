"""Indicator pages: detail with its monthly chart, the children behind a figure, recompute."""

from __future__ import annotations

import inspect
import re
from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trajectory.benchmarking.selectors import indicator_benchmarks
from trajectory.councils.permissions import has_capability
from trajectory.councils.selectors import council_for_user
from trajectory.indicators import registry, selectors, services
from trajectory.indicators.charts import indicator_series_chart
from trajectory.plans import selectors as plan_selectors
from trajectory.returns.models import ReturnKind
from trajectory.safe_cells import SafeCsvWriter
from trajectory.spc.charts import spc_chart
from trajectory.spc.forms import RebaseForm
from trajectory.spc.selectors import indicator_spc
from trajectory.targets.selectors import in_force, indicator_rag, target_history
from trajectory.web.no_store import no_store


def _indicator(indicator_id: str):
    try:
        return registry.get(indicator_id)
    except KeyError as missing:
        raise Http404("No such indicator") from missing


_QUOTED = re.compile(r"`([^`]+)`")


def _unquoted(match: re.Match) -> str:
    """A docstring's `code` as the page says it: an indicator id by its title ("Children
    looked after"), a DfE field (`DECOM`) by its DfE name, without the backticks (issue 7.9)."""
    name = match[1]
    try:
        return f"“{registry.get(name).title}”"
    except KeyError:
        return name


def _counting_rule(indicator) -> list[str]:
    """The indicator's exact counting rule (its compute function's docstring), as paragraphs."""
    text = getattr(indicator, "rule", "") or inspect.getdoc(getattr(indicator, "compute", None))
    paragraphs = (text or "").split("\n\n")
    return [
        _QUOTED.sub(_unquoted, " ".join(paragraph.split()))
        for paragraph in paragraphs
        if paragraph.strip()
    ]


def _source(indicator) -> str:
    if indicator.source_return in registry.KEPT_SOURCES:
        return registry.KEPT_SOURCES[indicator.source_return]
    return ReturnKind(indicator.source_return).label


@login_required
def indicator_detail(request, council_code: str, indicator_id: str):
    council = council_for_user(request.user, council_code)
    indicator = _indicator(indicator_id)
    run = selectors.latest_run(request.user, council)
    values = selectors.series(request.user, council, indicator_id)
    latest = next((value for value in reversed(values) if value.value is not None), None)
    # A monthly series is drawn as its SPC chart (the same monthly figures, with the mean, the
    # process limits and each point's variation, issue 8.5); an annual cohort as its points.
    # The target in force at the latest figure is drawn on the SPC chart, with MDC's assurance.
    target = in_force(
        target_history(request.user, council, indicator_id), getattr(latest, "as_at", None)
    )
    spc = indicator_spc(
        request.user, council, indicator_id, target=target.target if target else None
    )
    if spc is not None:
        chart_spec = spc_chart(indicator, spc.chart, target=spc.chart.target)
    else:
        # No chart of nothing: a return without the fields an indicator needs (PL_DISTANCE)
        # gives every month "No figure", said in words and the table, never an empty chart.
        chart_spec = indicator_series_chart(indicator, values) if latest is not None else None
    points = {point.date: point for point in spc.chart.points} if spc else {}
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "council": council,
            "indicator": indicator,
            "values": values,
            "latest": latest,
            "counting_rule": _counting_rule(indicator),
            "source": _source(indicator),
            "chart_spec": chart_spec,
            "spc": spc,
            "rows": [(value, points.get(value.as_at)) for value in values],
            "can_rebase": has_capability(request.user, "rebase_limits", council),
            "rebase_form": RebaseForm(),
            "can_view_children": has_capability(request.user, "view_child_level", council),
            "citations": plan_selectors.indicator_citations(request.user, council, indicator_id),
            "run_versions": list(run.versions.order_by("kind", "number")) if run else [],
            "target_rag": indicator_rag(request.user, council, indicator_id),
            "can_set_target": has_capability(request.user, "set_targets", council),
            "benchmarks": indicator_benchmarks(request.user, council, indicator_id),
        },
    )


CHILDREN_PER_PAGE = 25


@login_required
@no_store
def indicator_children(request, council_code: str, indicator_id: str):
    """The child-level rows behind one figure, a page of 25 at a time, searchable by child id
    and downloadable whole as CSV (?format=csv), each audited (issue 7.12); a date outside the
    data's span is refused with the span (7.4). Never for board members or region officials."""
    council = council_for_user(request.user, council_code, "view_child_level")
    indicator = _indicator(indicator_id)
    try:
        as_at = date.fromisoformat(request.GET.get("as_at", ""))
    except ValueError as bad_date:
        raise Http404("Give the date as as_at=YYYY-MM-DD") from bad_date
    child = request.GET.get("child", "").strip()
    team = request.GET.get("team")
    worker = request.GET.get("worker")
    download = request.GET.get("format") == "csv"
    context = {
        "council": council,
        "indicator": indicator,
        "as_at": as_at,
        "child": child,
        "team": team,
        "worker": worker,
    }
    try:
        rows = selectors.indicator_children(
            request.user,
            council,
            indicator_id,
            as_at,
            child=child,
            purpose="csv" if download else "page",
            request=request,
            team=team,
            worker=worker,
        )
    except ValidationError as refused:
        context["refusal"] = " ".join(refused.messages)
        return render(request, "indicators/indicator_children.html", context, status=400)
    columns = list(rows[0].keys()) if rows else []
    if download:
        return _children_csv(indicator, as_at, columns, rows)
    page = Paginator(rows, CHILDREN_PER_PAGE).get_page(request.GET.get("page"))
    query = {
        "as_at": as_at.isoformat(),
        **({"child": child} if child else {}),
        **({"team": team} if team is not None else {}),
        **({"worker": worker} if worker is not None else {}),
    }
    context.update(
        count=len(rows),
        columns=columns,
        page=page,
        page_numbers=page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        rows=[[row.get(column) for column in columns] for row in page.object_list],
        query=urlencode(query),
        csv_query=urlencode({**query, "format": "csv"}),
    )
    return render(request, "indicators/indicator_children.html", context)


def _children_csv(indicator, as_at: date, columns: list[str], rows: list[dict]) -> HttpResponse:
    """Every row, not one page, each cell through safe_cells (issue 6.10)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{indicator.id}-children-{as_at.isoformat()}.csv"'
    )
    writer = SafeCsvWriter(response)
    writer.writerow(columns)
    writer.writerows([row.get(column) for column in columns] for row in rows)
    return response


@login_required
@require_POST
def indicators_recompute(request, council_code: str):
    council = council_for_user(request.user, council_code, "compute_indicators")
    try:
        run = services.indicators_compute(council=council, user=request.user)
    except (ValidationError, ValueError) as problem:
        messages.error(request, f"The indicators could not be computed: {_message(problem)}")
    else:
        messages.success(
            request,
            f"Indicators recomputed from the latest return, {run.period_from:%B %Y} "
            f"to {run.period_to:%B %Y}.",
        )
    return redirect("council_home", council_code=council.code)


def _message(problem: Exception) -> str:
    if isinstance(problem, ValidationError):
        return " ".join(problem.messages)
    return str(problem)
