"""Indicator pages: detail with its monthly chart, the children behind a figure, recompute."""

from __future__ import annotations

import inspect
import re
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trajectory.councils.permissions import has_capability
from trajectory.councils.selectors import council_for_user
from trajectory.indicators import registry, selectors, services
from trajectory.indicators.charts import indicator_series_chart
from trajectory.plans import selectors as plan_selectors
from trajectory.returns.models import ReturnKind
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
    try:
        return ReturnKind(indicator.source_return).label
    except ValueError:
        return indicator.source_return


@login_required
def indicator_detail(request, council_code: str, indicator_id: str):
    council = council_for_user(request.user, council_code)
    indicator = _indicator(indicator_id)
    values = selectors.series(request.user, council, indicator_id)
    latest = next((value for value in reversed(values) if value.value is not None), None)
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
            "chart_spec": indicator_series_chart(indicator, values) if values else None,
            "can_view_children": has_capability(request.user, "view_child_level", council),
            "citations": plan_selectors.indicator_citations(request.user, council, indicator_id),
        },
    )


@login_required
@no_store
def indicator_children(request, council_code: str, indicator_id: str):
    """The child-level rows behind one figure; never for board members or region officials."""
    council = council_for_user(request.user, council_code, "view_child_level")
    indicator = _indicator(indicator_id)
    try:
        as_at = date.fromisoformat(request.GET.get("as_at", ""))
    except ValueError as bad_date:
        raise Http404("Give the date as as_at=YYYY-MM-DD") from bad_date
    rows = selectors.indicator_children(request.user, council, indicator_id, as_at, request=request)
    columns = list(rows[0].keys()) if rows else []
    return render(
        request,
        "indicators/indicator_children.html",
        {
            "council": council,
            "indicator": indicator,
            "as_at": as_at,
            "columns": columns,
            "rows": [[row.get(column) for column in columns] for row in rows],
        },
    )


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
