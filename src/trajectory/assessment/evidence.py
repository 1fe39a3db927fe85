"""What a self-assessment or an opinion can cite, as a registry of kinds (issue 9.3).

Each kind says how it is labelled, what can be picked (`choices(council)`, for the form) and
what the cited thing shows at a date (`current(council, ref, as_at)`): a snapshot dict with
`label`, `value` (as the page shows it), `detail`, `as_at` (ISO) and `source` (the run and
return versions, or the record it was read from). While a review is open its citations show
`current`; finalising stores each snapshot, so the figure a review rested on is kept even after
new data arrives. Later apps (governance decisions, audits, surveys) add kinds with `register`.

The same registry is what a plan's action or priority cites as "a record in Trajectory" and what
a board agenda item may discuss (issue 11.6): `grouped_choices` gives the form's optgroups
("kind:ref" values) and `url` the cited thing's page, where its kind has one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from trajectory.indicators import figures, registry
from trajectory.indicators.models import IndicatorRun
from trajectory.web.dates import govuk_date

Snapshot = dict


@dataclass(frozen=True)
class EvidenceKind:
    key: str
    label: str
    choices: Callable[..., list[tuple[str, str]]]  # (council) -> [(ref, label)]
    current: Callable[..., Snapshot]  # (council, ref, as_at) -> snapshot
    # (council, ref) -> the page's path, or "" where there is none; None: the kind has no pages.
    url: Callable[..., str] | None = None


EVIDENCE_KINDS: dict[str, EvidenceKind] = {}


def register(kind: EvidenceKind) -> EvidenceKind:
    """Add a kind (or replace one of the same key). Returns it, so it can decorate data."""
    EVIDENCE_KINDS[kind.key] = kind
    return kind


def get(key: str) -> EvidenceKind:
    return EVIDENCE_KINDS[key]


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.key, kind.label) for kind in EVIDENCE_KINDS.values()]


def url(council, kind: str, ref: str) -> str:
    """The cited thing's page, or "" where its kind gives none (or it cannot be found)."""
    entry = EVIDENCE_KINDS.get(kind)
    if entry is None or entry.url is None:
        return ""
    try:
        return entry.url(council, ref) or ""
    except LookupError:
        return ""


def grouped_choices(council, *, exclude=()) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every registered kind's choices for the council as form optgroups, values "kind:ref",
    leaving out the kinds in `exclude` and kinds with nothing to choose."""
    groups = []
    for entry in EVIDENCE_KINDS.values():
        if entry.key in exclude:
            continue
        options = [(f"{entry.key}:{ref}", label) for ref, label in entry.choices(council)]
        if options:
            groups.append((entry.label, options))
    return groups


def is_choice(council, kind: str, ref: str) -> bool:
    """Whether `ref` is among the registered kind's choices for the council."""
    entry = EVIDENCE_KINDS.get(kind)
    if entry is None:
        return False
    return str(ref) in {str(value) for value, _ in entry.choices(council)}


def choice_label(council, kind: str, ref: str) -> str:
    """The label `ref` is chosen by, "" when it is not among the kind's choices."""
    entry = EVIDENCE_KINDS.get(kind)
    if entry is None:
        return ""
    return dict((str(value), label) for value, label in entry.choices(council)).get(str(ref), "")


def current(council, kind: str, ref: str, as_at: date) -> Snapshot:
    """The cited thing as it stands now for a date; a missing one says so, never raises."""
    entry = EVIDENCE_KINDS.get(kind)
    if entry is None:
        return _missing(kind, ref, as_at, "This kind of evidence is no longer recorded.")
    try:
        return entry.current(council, ref, as_at)
    except LookupError as missing:
        return _missing(entry.label, ref, as_at, str(missing) or "Not found.")


def _missing(label: str, ref: str, as_at: date, why: str) -> Snapshot:
    return {
        "label": f"{label} {ref}",
        "value": "Not found",
        "detail": why,
        "as_at": as_at.isoformat(),
        "source": {},
    }


# Indicators ---------------------------------------------------------------------------------


def _indicator_choices(council) -> list[tuple[str, str]]:
    return [(indicator.id, indicator.title) for indicator in registry.INDICATORS]


def _latest_run(council) -> IndicatorRun | None:
    return IndicatorRun.objects.filter(council=council).order_by("-computed_at", "-id").first()


def _spc_text(indicator, values) -> str:
    from trajectory.spc.text import VARIATION_TEXT
    from trajectory.spc.xmr import xmr

    if indicator.cadence == "annual":
        return "No SPC chart (an annual cohort)"
    points = [value for value in values if value.value is not None]
    if len(points) < 2:
        return "Too few points for an SPC chart"
    chart = xmr(
        [value.value for value in points],
        [value.as_at for value in points],
        polarity=indicator.polarity,
    )
    latest = chart.latest
    return VARIATION_TEXT.get(latest.variation, latest.variation) if latest else ""


def _benchmark_text(council, indicator, as_at: date) -> str:
    """The latest published year up to the date: rank, quartile and against England."""
    from trajectory.benchmarking import selectors as benchmark_selectors

    try:
        found = benchmark_selectors.indicator_benchmarks(
            None, council, indicator.id, with_chart=False
        )
    except Exception:  # reference data unreadable: the citation still stands without it
        return "No benchmark available"
    if found.benchmarks is None:
        return found.no_counterpart or found.not_published or "No benchmark available"
    years = [year for year in found.benchmarks.years if year.year <= as_at.year]
    if not years:
        return "No benchmark published by then"
    year = years[-1]
    ranking = year.ranking
    parts = [f"{year.year}"]
    if ranking.rank:
        parts.append(f"rank {ranking.rank} of {ranking.ranked}")
    if ranking.quartile:
        parts.append(f"quartile {ranking.quartile}")
    if year.against_england:
        parts.append(f"{year.against_england} England")
    return ", ".join(parts)


def _indicator_current(council, ref: str, as_at: date) -> Snapshot:
    try:
        indicator = registry.get(ref)
    except KeyError as missing:
        raise LookupError(f"No indicator {ref}.") from missing
    run = _latest_run(council)
    if run is None:
        raise LookupError("No indicators have been computed for this council.")
    values = list(run.values.filter(indicator_id=ref, as_at__lte=as_at).order_by("as_at"))
    if indicator.cadence == "annual":
        values = figures.annual_points(values)
    latest = values[-1] if values else None
    value_as_at = latest.as_at if latest else None
    return {
        "label": indicator.title,
        "value": figures.shown(indicator, latest.value if latest else None),
        "raw_value": latest.value if latest else None,
        "detail": "; ".join(
            part
            for part in (
                f"figure at {govuk_date(value_as_at)}" if value_as_at else "no figure by then",
                _spc_text(indicator, values),
                f"benchmark: {_benchmark_text(council, indicator, as_at)}",
            )
            if part
        ),
        "as_at": (value_as_at or as_at).isoformat(),
        "source": {
            "run": run.pk,
            "computed_at": run.computed_at.isoformat(),
            "return_versions": sorted(run.versions.values_list("pk", flat=True)),
        },
    }


# Plan priorities and actions ----------------------------------------------------------------


def _rag_day(as_at: date) -> date:
    from trajectory.plans import clock

    return min(as_at, clock.today())


def _priority_choices(council) -> list[tuple[str, str]]:
    from trajectory.plans.models import Priority

    rows = Priority.objects.filter(plan__council=council).select_related("plan")
    return [(str(row.pk), f"{row.plan.title}: priority {row.number}, {row.title}") for row in rows]


def _priority_current(council, ref: str, as_at: date) -> Snapshot:
    from trajectory.plans import rag
    from trajectory.plans.models import Priority

    priority = Priority.objects.filter(plan__council=council, pk=_pk(ref)).first()
    if priority is None:
        raise LookupError("That plan priority is no longer recorded.")
    day = _rag_day(as_at)
    worst = rag.worst(rag.action_rag(action, today=day) for action in priority.actions.all())
    return {
        "label": f"Priority {priority.number}: {priority.title}",
        "value": worst.label if worst else "No actions",
        "detail": f"{priority.actions.count()} actions; RAG at {govuk_date(day)}",
        "as_at": day.isoformat(),
        "source": {"plan": priority.plan_id, "priority": priority.pk},
    }


def _action_choices(council) -> list[tuple[str, str]]:
    from trajectory.plans.models import Action

    rows = Action.objects.filter(priority__plan__council=council).select_related("priority")
    return [(str(row.pk), f"Action {row.reference}: {row.title}") for row in rows]


def _action_current(council, ref: str, as_at: date) -> Snapshot:
    from trajectory.plans import rag
    from trajectory.plans.models import Action

    action = (
        Action.objects.filter(priority__plan__council=council, pk=_pk(ref))
        .select_related("priority")
        .first()
    )
    if action is None:
        raise LookupError("That plan action is no longer recorded.")
    day = _rag_day(as_at)
    rating = rag.action_rag(action, today=day)
    return {
        "label": f"Action {action.reference}: {action.title}",
        "value": rating.label,
        "detail": f"{action.get_status_display()}, due {govuk_date(action.due_on)}",
        "as_at": day.isoformat(),
        "source": {"plan": action.priority.plan_id, "action": action.pk},
    }


# Ofsted -------------------------------------------------------------------------------------


def _inspection_label(inspection) -> str:
    when = inspection.published_on or inspection.fieldwork_end or inspection.fieldwork_start
    shown = f", {govuk_date(when)}" if when else ""
    theme = f" ({inspection.theme})" if inspection.theme else ""
    return f"{inspection.get_kind_display()}{theme}{shown}"


def _inspection_choices(council) -> list[tuple[str, str]]:
    from trajectory.inspections.models import Inspection

    rows = Inspection.objects.filter(council=council)
    return [(str(row.pk), _inspection_label(row)) for row in rows]


def _inspection_current(council, ref: str, as_at: date) -> Snapshot:
    from trajectory.inspections.models import Inspection

    inspection = Inspection.objects.filter(council=council, pk=_pk(ref)).first()
    if inspection is None:
        raise LookupError("That inspection or visit is no longer recorded.")
    judgements = list(inspection.judgements.all())
    overall = next((j for j in judgements if j.area == "overall"), None)
    value = overall.get_grade_display() if overall else (judgements and "Judged") or "Visit"
    findings = inspection.findings.count()
    return {
        "label": _inspection_label(inspection),
        "value": value,
        "detail": f"{findings} findings recorded",
        "as_at": as_at.isoformat(),
        "source": {"inspection": inspection.pk},
    }


def _finding_choices(council) -> list[tuple[str, str]]:
    from trajectory.inspections.models import Finding

    rows = Finding.objects.filter(inspection__council=council).select_related("inspection")
    return [(str(row.pk), f"{_inspection_label(row.inspection)}: {row.text[:80]}") for row in rows]


def _finding_current(council, ref: str, as_at: date) -> Snapshot:
    from trajectory.inspections.models import Finding

    finding = (
        Finding.objects.filter(inspection__council=council, pk=_pk(ref))
        .select_related("inspection")
        .first()
    )
    if finding is None:
        raise LookupError("That Ofsted finding is no longer recorded.")
    answered = finding.priorities.count()
    return {
        "label": finding.text[:200],
        "value": finding.get_kind_display(),
        "detail": f"{_inspection_label(finding.inspection)}; answered by {answered} plan "
        f"{'priority' if answered == 1 else 'priorities'}",
        "as_at": as_at.isoformat(),
        "source": {"inspection": finding.inspection_id, "finding": finding.pk},
    }


# Documents ----------------------------------------------------------------------------------


def _document_choices(council) -> list[tuple[str, str]]:
    from trajectory.plans.models import Document

    return [(str(row.pk), row.original_name) for row in Document.objects.filter(council=council)]


def _document_current(council, ref: str, as_at: date) -> Snapshot:
    from trajectory.plans.models import Document

    document = Document.objects.filter(council=council, pk=_pk(ref)).first()
    if document is None:
        raise LookupError("That document is no longer recorded.")
    return {
        "label": document.original_name,
        "value": "Document",
        "detail": f"uploaded {govuk_date(document.uploaded_at)}, sha256 {document.sha256[:12]}",
        "as_at": as_at.isoformat(),
        "source": {"document": document.pk, "sha256": document.sha256},
    }


def _pk(ref: str) -> int:
    try:
        return int(ref)
    except (TypeError, ValueError) as wrong:
        raise LookupError(f"No such record {ref}.") from wrong


def page(url_name: str) -> Callable[..., str]:
    """A kind's `url`: the named page of the council's record, "" where there is no such page."""

    def url_for(council, ref: str) -> str:
        from django.urls import NoReverseMatch, reverse

        try:
            return reverse(url_name, args=[council.code, ref])
        except NoReverseMatch:
            return ""

    return url_for


register(
    EvidenceKind(
        "indicator",
        "Indicator",
        _indicator_choices,
        _indicator_current,
        url=page("indicator_detail"),
    )
)
register(
    EvidenceKind(
        "plan_priority",
        "Plan priority",
        _priority_choices,
        _priority_current,
        url=page("priority_detail"),
    )
)
register(
    EvidenceKind(
        "plan_action", "Plan action", _action_choices, _action_current, url=page("action_detail")
    )
)
register(
    EvidenceKind(
        "inspection", "Ofsted inspection or visit", _inspection_choices, _inspection_current
    )
)
register(EvidenceKind("finding", "Ofsted finding", _finding_choices, _finding_current))
register(EvidenceKind("document", "Document", _document_choices, _document_current))
