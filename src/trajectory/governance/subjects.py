"""What an agenda item may discuss, as data: an indicator, a plan priority or action, an
escalation, a review (issue 9.5). Each kind names its model as "app_label.Model", resolved
lazily with `apps.get_model`, so a kind whose app has no model yet is simply not offered; its
page is a url name, and a page that does not exist yet leaves the subject unlinked.

Every kind of the assessment evidence registry not already offered here (audit results, survey
results, engagement events, board decisions, ...: issue 11.6) is offered too, by the registry's
key: its label is the registry's current snapshot's, its page the kind's `url` where it gives
one, and a ref is the council's only when it is among the kind's choices for the council.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class SubjectKind:
    key: str
    label: str
    # "app_label.Model", or "" for the indicator registry.
    model: str
    url_name: str
    # The lookup from the model to its council, e.g. "plan__council".
    council_path: str = "council"


SUBJECT_KINDS: tuple[SubjectKind, ...] = (
    SubjectKind("indicator", "Indicator", "", "indicator_detail"),
    SubjectKind("priority", "Plan priority", "plans.Priority", "priority_detail", "plan__council"),
    SubjectKind(
        "plan_action", "Plan action", "plans.Action", "action_detail", "priority__plan__council"
    ),
    SubjectKind("concern", "Escalation", "escalations.Concern", "escalations_concern"),
    SubjectKind("review", "Review", "assessment.Review", "assessment_review"),
)
SUBJECT_KIND_BY_KEY = {kind.key: kind for kind in SUBJECT_KINDS}
# Registry kinds whose things are subjects above already (indicator, priority, plan_action).
REGISTRY_KINDS_OFFERED_ABOVE = frozenset({"indicator", "plan_priority", "plan_action"})


@dataclass(frozen=True)
class Subject:
    kind: SubjectKind
    ref: str
    label: str
    url: str  # "" where the page does not exist yet


def _model(kind: SubjectKind):
    try:
        return apps.get_model(kind.model)
    except (LookupError, ValueError):
        return None


def available_kinds() -> list[SubjectKind]:
    """The kinds whose model exists in this installation."""
    return [kind for kind in SUBJECT_KINDS if not kind.model or _model(kind) is not None]


def _registry_keys() -> list[str]:
    """The evidence registry's kinds offered as subjects, in the registry's order."""
    from trajectory.assessment import evidence

    return [
        key
        for key in evidence.EVIDENCE_KINDS
        if key not in REGISTRY_KINDS_OFFERED_ABOVE and key not in SUBJECT_KIND_BY_KEY
    ]


def _registry_subject(council, key: str, ref: str) -> Subject | None:
    from trajectory.assessment import evidence
    from trajectory.plans import clock

    if key not in _registry_keys() or not evidence.is_choice(council, key, ref):
        return None
    entry = evidence.get(key)
    shown = evidence.current(council, key, ref, clock.today())
    return Subject(
        SubjectKind(key, entry.label, "", ""),
        ref,
        shown["label"],
        evidence.url(council, key, ref),
    )


def _url(kind: SubjectKind, council, ref: str) -> str:
    try:
        return reverse(kind.url_name, args=[council.code, ref])
    except NoReverseMatch:
        return ""


def _describe(kind: SubjectKind, obj) -> str:
    if kind.key == "priority":
        return f"Priority {obj.number}: {obj.title}"
    if kind.key == "plan_action":
        return f"Action {obj.reference}: {obj.title}"
    return str(obj)


def _records(kind: SubjectKind, council):
    model = _model(kind)
    if model is None:
        return None
    return model._default_manager.filter(**{kind.council_path: council})


def choices(council) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices "kind:ref" for a form: every indicator, the council's records of each
    kind whose model exists, then the evidence registry's other kinds' choices."""
    from trajectory.indicators import registry

    groups = []
    for kind in available_kinds():
        if kind.key == "indicator":
            options = [(f"indicator:{i.id}", i.title) for i in registry.INDICATORS]
        else:
            records = _records(kind, council)
            options = [(f"{kind.key}:{obj.pk}", _describe(kind, obj)[:150]) for obj in records]
        if options:
            groups.append((kind.label, options))
    from trajectory.assessment import evidence

    offered = set(REGISTRY_KINDS_OFFERED_ABOVE) | set(SUBJECT_KIND_BY_KEY)
    groups += [
        (label, [(value, text[:150]) for value, text in options])
        for label, options in evidence.grouped_choices(council, exclude=offered)
    ]
    return groups


def resolve(council, kind_key: str, ref: str) -> Subject | None:
    """The subject an item discusses, with its label and page, or None when there is none or
    it is not (or no longer) the council's."""
    kind = SUBJECT_KIND_BY_KEY.get(kind_key)
    if not ref:
        return None
    if kind is None:
        return _registry_subject(council, kind_key, ref)
    if kind.key == "indicator":
        from trajectory.indicators import registry

        try:
            indicator = registry.get(ref)
        except KeyError:
            return None
        return Subject(kind, ref, indicator.title, _url(kind, council, ref))
    records = _records(kind, council)
    if records is None or not ref.isdigit():
        return None
    obj = records.filter(pk=int(ref)).first()
    if obj is None:
        return None
    return Subject(kind, ref, _describe(kind, obj), _url(kind, council, ref))
