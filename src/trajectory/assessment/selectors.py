"""Reads of the assessment framework and its reviews. Each takes the acting user first and
scopes by council (every role in the council reads; another council's review is a 404)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from trajectory.assessment import agreement as agreement_rules
from trajectory.assessment import evidence
from trajectory.assessment.models import (
    DomainAssessment,
    EvidenceCitation,
    Framework,
    FrameworkDomain,
    Review,
)
from trajectory.councils.permissions import require
from trajectory.history.selectors import history_of_all


def frameworks_for(user, council) -> QuerySet[Framework]:
    """The national default templates and the council's own versions."""
    require(user, "view_council", council)
    return (
        Framework.objects.filter(Q(council__isnull=True) | Q(council=council))
        .select_related("copied_from")
        .prefetch_related("domains")
        .order_by("council_id", "name", "-version")
    )


def framework_for(user, council, framework_id: int) -> Framework:
    framework = frameworks_for(user, council).filter(pk=framework_id).first()
    if framework is None:
        raise Http404("No such framework")
    return framework


def framework_domain_for(user, council, domain_id: int) -> FrameworkDomain:
    require(user, "view_council", council)
    domain = (
        FrameworkDomain.objects.filter(
            Q(framework__council__isnull=True) | Q(framework__council=council), pk=domain_id
        )
        .select_related("framework")
        .first()
    )
    if domain is None:
        raise Http404("No such domain")
    return domain


def reviews_for(user, council) -> QuerySet[Review]:
    require(user, "view_council", council)
    return Review.objects.filter(council=council).select_related("framework", "corrects")


def review_for(user, council, review_id: int) -> Review:
    review = reviews_for(user, council).filter(pk=review_id).first()
    if review is None:
        raise Http404("No such review")
    return review


def entry_for(user, council, entry_id: int) -> DomainAssessment:
    require(user, "view_council", council)
    entry = (
        DomainAssessment.objects.filter(review__council=council, pk=entry_id)
        .select_related("review__framework", "domain")
        .first()
    )
    if entry is None:
        raise Http404("No such domain assessment")
    return entry


def citation_for(user, council, citation_id: int) -> EvidenceCitation:
    require(user, "view_council", council)
    citation = (
        EvidenceCitation.objects.filter(domain_assessment__review__council=council, pk=citation_id)
        .select_related("domain_assessment__review")
        .first()
    )
    if citation is None:
        raise Http404("No such citation")
    return citation


# The workspace --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CitationShown:
    """A citation as the page shows it: live while the review is open; once final, the frozen
    value "as at the review" with today's value beside it."""

    citation: EvidenceCitation
    shown: dict
    today: dict | None = None  # only for a frozen citation
    url: str = ""  # the cited thing's page, where its kind gives one (EvidenceKind.url)

    @property
    def frozen(self) -> bool:
        return self.citation.is_frozen

    @property
    def kind_label(self) -> str:
        kind = evidence.EVIDENCE_KINDS.get(self.citation.kind)
        return kind.label if kind else self.citation.kind

    @property
    def changed_since(self) -> bool:
        return self.today is not None and self.today.get("value") != self.shown.get("value")

    def as_json(self) -> dict:
        return {
            "side": self.citation.side,
            "kind": self.citation.kind,
            "ref": self.citation.ref,
            "note": self.citation.note,
            "frozen": self.frozen,
            "as_at_the_review" if self.frozen else "live": self.shown,
            **({"today": self.today} if self.today is not None else {}),
        }


@dataclass(frozen=True)
class DomainRow:
    entry: DomainAssessment
    agreement: agreement_rules.Agreement
    self_citations: list[CitationShown] = field(default_factory=list)
    opinion_citations: list[CitationShown] = field(default_factory=list)

    @property
    def domain(self) -> FrameworkDomain:
        return self.entry.domain


def citation_shown(citation: EvidenceCitation, review: Review, *, today: date) -> CitationShown:
    url = evidence.url(review.council, citation.kind, citation.ref)
    if citation.is_frozen:
        live = evidence.current(review.council, citation.kind, citation.ref, today)
        return CitationShown(citation, citation.snapshot, live, url=url)
    return CitationShown(
        citation,
        evidence.current(review.council, citation.kind, citation.ref, review.as_at),
        url=url,
    )


def review_domains(user, review: Review, *, today: date) -> list[DomainRow]:
    """Each domain of the review with the derived agreement and its evidence."""
    require(user, "view_council", review.council)
    scale = review.framework.rating_scale
    rows = []
    entries = review.domains.select_related("domain", "changed_by").prefetch_related("citations")
    for entry in entries:
        shown = [citation_shown(c, review, today=today) for c in entry.citations.all()]
        rows.append(
            DomainRow(
                entry=entry,
                agreement=agreement_rules.agreement(scale, entry.self_rating, entry.opinion_rating),
                self_citations=[c for c in shown if c.citation.side == "self"],
                opinion_citations=[c for c in shown if c.citation.side == "opinion"],
            )
        )
    return rows


def review_history(user, review: Review):
    """Every change to the review and its domains, newest first."""
    subjects = [review, *review.domains.all()]
    return history_of_all(user, review.council, subjects)


# Domain history across reviews ----------------------------------------------------------------


@dataclass(frozen=True)
class DomainPoint:
    review: Review
    entry: DomainAssessment
    agreement: agreement_rules.Agreement
    self_place: int | None
    opinion_place: int | None


def domain_history(user, council, number: int) -> tuple[str, list[DomainPoint]]:
    """One domain (by its number in the framework) across the council's current reviews,
    oldest first: both ratings, their places on the scale and the gap. Superseded versions
    are left out (their correction stands for them)."""
    require(user, "view_council", council)
    entries = (
        DomainAssessment.objects.filter(
            review__council=council, review__superseded_at__isnull=True, domain__number=number
        )
        .select_related("review__framework", "domain")
        .order_by("review__as_at", "review__version", "review_id")
    )
    points = []
    name = ""
    for entry in entries:
        scale = entry.review.framework.rating_scale
        name = entry.domain.name
        points.append(
            DomainPoint(
                review=entry.review,
                entry=entry,
                agreement=agreement_rules.agreement(scale, entry.self_rating, entry.opinion_rating),
                self_place=agreement_rules.place(scale, entry.self_rating),
                opinion_place=agreement_rules.place(scale, entry.opinion_rating),
            )
        )
    if not points:
        raise Http404("No review has assessed that domain")
    return name, points


def domain_numbers(user, council) -> list[tuple[int, str]]:
    """The domains the council's reviews have assessed, by number."""
    require(user, "view_council", council)
    rows = (
        DomainAssessment.objects.filter(review__council=council)
        .values_list("domain__number", "domain__name")
        .order_by("domain__number", "-review__as_at")
    )
    seen: dict[int, str] = {}
    for number, name in rows:
        seen.setdefault(number, name)
    return sorted(seen.items())


# The command line's view ----------------------------------------------------------------------


def review_as_json(user, review: Review, *, today: date) -> dict:
    return {
        "id": review.pk,
        "as_at": review.as_at.isoformat(),
        "kind": review.kind,
        "kind_label": review.get_kind_display(),
        "status": review.status,
        "version": review.version,
        "superseded": review.is_superseded,
        "corrects": review.corrects_id,
        "correction_reason": review.correction_reason,
        "framework": {
            "id": review.framework_id,
            "name": review.framework.name,
            "version": review.framework.version,
            "rating_scale": review.framework.rating_scale,
        },
        "domains": [
            {
                "number": row.domain.number,
                "name": row.domain.name,
                "self_assessment": row.entry.self_rating or None,
                "commissioner": row.entry.opinion_rating or None,
                "agreement": row.agreement.key,
                "gap": row.agreement.gap,
                "caveats": row.entry.opinion_caveats,
                "evidence": [c.as_json() for c in row.self_citations + row.opinion_citations],
            }
            for row in review_domains(user, review, today=today)
        ],
    }


# Papers (issue 12.5) --------------------------------------------------------------------------


def review_finalised_at(user, council, as_at: date, *, kind: str | None = None) -> Review | None:
    """The review a paper dated `as_at` rests on: the latest final review assessing the council
    on or before that date (of `kind`, where given), its newest final version. The review's own
    date decides, not when it was finalised: a review at 14 September judges the council then."""
    require(user, "view_council", council)
    found = Review.objects.filter(council=council, status=Review.Status.FINAL, as_at__lte=as_at)
    if kind is not None:
        found = found.filter(kind=kind)
    return (
        found.select_related("framework", "corrects").order_by("-as_at", "-version", "-id").first()
    )


def review_domains_frozen(user, review: Review) -> list[DomainRow]:
    """Each domain with its evidence as the review holds it, reading nothing live: a final
    review's citations as frozen at finalising (an open one's at the review's date). For papers,
    which must not change when opened later; the pages' `review_domains` adds today's value."""
    require(user, "view_council", review.council)
    scale = review.framework.rating_scale
    rows = []
    entries = review.domains.select_related("domain").prefetch_related("citations")
    for entry in entries:
        shown = [
            CitationShown(
                citation,
                citation.snapshot
                if citation.is_frozen
                else evidence.current(review.council, citation.kind, citation.ref, review.as_at),
                url=evidence.url(review.council, citation.kind, citation.ref),
            )
            for citation in entry.citations.all()
        ]
        rows.append(
            DomainRow(
                entry=entry,
                agreement=agreement_rules.agreement(scale, entry.self_rating, entry.opinion_rating),
                self_citations=[c for c in shown if c.citation.side == "self"],
                opinion_citations=[c for c in shown if c.citation.side == "opinion"],
            )
        )
    return rows


def frozen_indicator_value(user, council, citation: EvidenceCitation):
    """The stored value a frozen indicator citation was read from (the run its snapshot names,
    at the figure's date), or None. A run is never changed, so this is the cited figure itself,
    with the numerator and denominator the snapshot does not keep: a paper leaving the council
    needs them to withhold a small count (issue 12.7)."""
    from trajectory.indicators.models import IndicatorValue

    require(user, "view_council", council)
    frozen = citation.snapshot or {}
    run_id = (frozen.get("source") or {}).get("run")
    try:
        as_at = date.fromisoformat(str(frozen.get("as_at", "")))
    except ValueError:
        return None
    if citation.kind != "indicator" or run_id is None:
        return None
    return IndicatorValue.objects.filter(
        run__council=council, run_id=run_id, indicator_id=citation.ref, as_at=as_at
    ).first()
