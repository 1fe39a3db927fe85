"""Writes to the assessment framework and its reviews (issue 9.1-9.3).

Every write checks its capability (`write_assessment` for the Commissioner's opinions and the
framework's templates, `write_self_assessment` for the council's roles), checks the review's
state, runs in a transaction, appends each changed field to the history and writes an audit
entry. A final review refuses every write: a correction is a new version of it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from trajectory.assessment import default_framework, evidence
from trajectory.assessment.models import (
    DomainAssessment,
    EvidenceCitation,
    Framework,
    FrameworkDomain,
    Review,
)
from trajectory.audit.services import record
from trajectory.councils.permissions import has_capability, refusal, require
from trajectory.history.services import changes_record, snapshot
from trajectory.web.edit_conflicts import lock_for_edit, mark_changed

Status = Review.Status
REVIEW_FIELDS = ("kind", "as_at", "status", "framework", "version", "correction_reason")
SELF_FIELDS = ("self_rating", "self_narrative", "self_evidence")
OPINION_FIELDS = ("opinion_rating", "opinion_narrative", "opinion_caveats")
DOMAIN_FIELDS = ("name", "criterion", "guidance")
# Who writes each side of a domain, and in which states of the review.
SIDES = {
    EvidenceCitation.Side.SELF: ("write_self_assessment", (Status.DRAFT,)),
    EvidenceCitation.Side.OPINION: (
        "write_assessment",
        (Status.COUNCIL_SUBMITTED, Status.COMMISSIONER_OPINION),
    ),
}
READ_ONLY = "This review is final and can no longer be changed. Correct it as a new version."


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


# Frameworks ---------------------------------------------------------------------------------


@transaction.atomic
def framework_default_load() -> Framework:
    """The national default template (version 1), made once from `default_framework`."""
    framework, created = Framework.objects.get_or_create(
        council=None,
        name=default_framework.NAME,
        version=1,
        defaults={
            "rating_scale": list(default_framework.RATING_SCALE),
            "description": default_framework.DESCRIPTION,
        },
    )
    if created:
        for number, domain in enumerate(default_framework.DOMAINS, start=1):
            FrameworkDomain.objects.create(
                framework=framework,
                number=number,
                name=domain.name,
                criterion=domain.criterion,
                guidance=domain.guidance,
            )
    return framework


def _next_version(council, name: str) -> int:
    found = Framework.objects.filter(council=council, name=name).aggregate(n=Max("version"))["n"]
    return (found or 0) + 1


def _copy(framework: Framework, *, council, user, name: str) -> Framework:
    copy = Framework.objects.create(
        council=council,
        name=name,
        version=_next_version(council, name),
        copied_from=framework,
        rating_scale=list(framework.rating_scale),
        description=framework.description,
        created_by=_user(user),
    )
    for domain in framework.domains.all():
        FrameworkDomain.objects.create(
            framework=copy,
            number=domain.number,
            name=domain.name,
            criterion=domain.criterion,
            guidance=domain.guidance,
        )
    changes_record(
        council=council,
        subject=copy,
        user=user,
        operation="created",
        before=None,
        after={"name": copy.name, "version": str(copy.version), "copied_from": str(framework)},
    )
    return copy


def _check_framework_council(framework: Framework, council) -> None:
    if framework.council_id is not None and framework.council_id != council.pk:
        raise ValidationError("That framework belongs to another council.")


@transaction.atomic
def framework_copy(*, framework: Framework, council, user, name: str = "", request=None):
    """The council's own copy of a template (the default or an earlier version), to adapt."""
    require(user, "write_assessment", council)
    _check_framework_council(framework, council)
    copy = _copy(framework, council=council, user=user, name=(name or framework.name).strip())
    record(
        user=user,
        action="assessment.framework.copy",
        council=council,
        obj=copy,
        request=request,
        detail={"copied_from": framework.pk, "version": copy.version},
    )
    return copy


def _adaptable(framework: Framework, council, user) -> Framework:
    """The version an adaptation is made in: the framework itself while no review has used it,
    otherwise a new version copied from it. The default template is never changed in place."""
    require(user, "write_assessment", council)
    _check_framework_council(framework, council)
    if framework.council_id is None or framework.is_locked:
        return _copy(framework, council=council, user=user, name=framework.name)
    return framework


@transaction.atomic
def framework_domain_update(
    *, domain: FrameworkDomain, council, user, request=None, **changes
) -> FrameworkDomain:
    """Change a domain's name, criterion or guidance. Returns the domain changed, which is in a
    new version of the framework when the old one is locked (used by a review)."""
    unknown = set(changes) - set(DOMAIN_FIELDS)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))}")
    framework = _adaptable(domain.framework, council, user)
    target = framework.domains.get(number=domain.number)
    before = snapshot(target, DOMAIN_FIELDS)
    for field, value in changes.items():
        setattr(target, field, value)
    target.full_clean()
    target.save()
    changes_record(
        council=council,
        subject=target,
        user=user,
        operation="changed",
        before=before,
        after=snapshot(target, DOMAIN_FIELDS),
        label=f"{framework}: domain {target.number}",
    )
    record(
        user=user,
        action="assessment.framework.domain.update",
        council=council,
        obj=target,
        request=request,
        detail={"framework": framework.pk, "version": framework.version},
    )
    return target


def scale_from_text(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@transaction.atomic
def framework_scale_update(
    *, framework: Framework, council, user, rating_scale: list[str], request=None
) -> Framework:
    """Set the ratings, lowest first. Returns the framework changed (a new version if locked)."""
    scale = [label.strip() for label in rating_scale if label.strip()]
    if len(scale) < 2:
        raise ValidationError({"rating_scale": "Give at least two ratings, lowest first."})
    if len(set(scale)) != len(scale):
        raise ValidationError({"rating_scale": "Each rating must be different."})
    target = _adaptable(framework, council, user)
    before = {"rating_scale": " < ".join(target.rating_scale)}
    target.rating_scale = scale
    target.save(update_fields=["rating_scale"])
    changes_record(
        council=council,
        subject=target,
        user=user,
        operation="changed",
        before=before,
        after={"rating_scale": " < ".join(scale)},
    )
    record(
        user=user,
        action="assessment.framework.scale.update",
        council=council,
        obj=target,
        request=request,
    )
    return target


# Reviews ------------------------------------------------------------------------------------


def _require_any(user, council, *capabilities: str) -> None:
    if user is None or any(has_capability(user, name, council) for name in capabilities):
        return
    require(user, "view_council", council)
    raise PermissionDenied(refusal(capabilities[0]))


def _lock(review: Review) -> Review:
    return Review.objects.select_for_update().get(pk=review.pk)


def _review_shown(review: Review) -> dict[str, str]:
    return snapshot(review, REVIEW_FIELDS)


@transaction.atomic
def review_start(*, council, user, framework: Framework, kind: str, as_at, request=None) -> Review:
    """A new draft review of the council against a framework version, one entry per domain.
    The council or the Commissioner may start one."""
    _require_any(user, council, "write_self_assessment", "write_assessment")
    _check_framework_council(framework, council)
    review = Review(
        council=council, framework=framework, kind=kind, as_at=as_at, created_by=_user(user)
    )
    review.full_clean()
    review.save()
    for domain in framework.domains.all():
        DomainAssessment.objects.create(review=review, domain=domain)
    changes_record(
        council=council,
        subject=review,
        user=user,
        operation="created",
        before=None,
        after=_review_shown(review),
    )
    record(
        user=user,
        action="assessment.review.start",
        council=council,
        obj=review,
        request=request,
        detail={"framework": framework.pk, "kind": kind, "as_at": as_at.isoformat()},
    )
    return review


def _check_side(entry: DomainAssessment, user, side: str) -> Review:
    """Lock the review, check the user may write this side now; the review locked."""
    capability, states = SIDES[side]
    review = _lock(entry.review)
    require(user, capability, review.council)
    if review.is_read_only:
        raise ValidationError(READ_ONLY)
    if review.status not in states:
        who = "the council's self-assessment" if side == "self" else "the Commissioner's opinion"
        raise ValidationError(
            f"The review is at “{review.get_status_display()}”: {who} cannot be changed now."
        )
    return review


def _check_rating(review: Review, field: str, rating: str) -> None:
    if rating and rating not in review.framework.rating_scale:
        raise ValidationError({field: "Choose a rating from the framework's scale."})


def _entry_update(entry, *, user, side, fields, changes, opened_version, request):
    unknown = set(changes) - set(fields)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))}")
    review = _check_side(entry, user, side)
    lock_for_edit(entry, opened_version)
    _check_rating(review, fields[0], changes.get(fields[0], getattr(entry, fields[0])))
    before = snapshot(entry, fields)
    for field, value in changes.items():
        setattr(entry, field, value)
    mark_changed(entry, user)
    entry.full_clean()
    entry.save()
    changed = changes_record(
        council=review.council,
        subject=entry,
        user=user,
        operation="changed",
        before=before,
        after=snapshot(entry, fields),
        label=f"{review}: {entry.domain.name}",
    )
    record(
        user=user,
        action=f"assessment.{'self' if side == 'self' else 'opinion'}.update",
        council=review.council,
        obj=entry,
        request=request,
        detail={"fields": [change.field for change in changed]},
    )
    return entry


@transaction.atomic
def self_assessment_update(
    *, entry: DomainAssessment, user, opened_version: int | None = None, request=None, **changes
) -> DomainAssessment:
    """The council's rating, narrative and evidence for one domain, while the review is a
    draft. A form passes the version it was opened at; a stale save raises StaleEdit."""
    return _entry_update(
        entry,
        user=user,
        side=EvidenceCitation.Side.SELF,
        fields=SELF_FIELDS,
        changes=changes,
        opened_version=opened_version,
        request=request,
    )


@transaction.atomic
def opinion_update(
    *, entry: DomainAssessment, user, opened_version: int | None = None, request=None, **changes
) -> DomainAssessment:
    """The Commissioner's calibrated rating, narrative and caveats for one domain, once the
    council has submitted and until the review is final."""
    return _entry_update(
        entry,
        user=user,
        side=EvidenceCitation.Side.OPINION,
        fields=OPINION_FIELDS,
        changes=changes,
        opened_version=opened_version,
        request=request,
    )


def citation_text(citation: EvidenceCitation, council) -> str:
    """The citation as the history names it: its kind and the label it is chosen by."""
    kind = evidence.EVIDENCE_KINDS.get(citation.kind)
    if kind is None:
        return f"{citation.kind} {citation.ref}"
    labels = dict(kind.choices(council))
    return f"{kind.label}: {labels.get(citation.ref, citation.ref)}"


@transaction.atomic
def citation_add(
    *, entry: DomainAssessment, user, side: str, kind: str, ref: str, note: str = "", request=None
) -> EvidenceCitation:
    """Cite evidence already in the system on one side of a domain."""
    review = _check_side(entry, user, side)
    if kind not in evidence.EVIDENCE_KINDS:
        raise ValidationError({"kind": "Choose a kind of evidence."})
    refs = {str(value) for value, _ in evidence.get(kind).choices(review.council)}
    if str(ref) not in refs:
        raise ValidationError({"ref": "Choose the evidence to cite."})
    citation = EvidenceCitation(
        domain_assessment=entry,
        side=side,
        kind=kind,
        ref=str(ref),
        note=note,
        added_by=_user(user),
    )
    citation.full_clean()
    citation.save()
    changes_record(
        council=review.council,
        subject=entry,
        user=user,
        operation="evidence added",
        before={"evidence": ""},
        after={
            "evidence": f"{citation.get_side_display()}: {citation_text(citation, review.council)}"
        },
        label=f"{review}: {entry.domain.name}",
    )
    record(
        user=user,
        action="assessment.evidence.add",
        council=review.council,
        obj=citation,
        request=request,
        detail={"kind": kind, "ref": str(ref), "side": side},
    )
    return citation


@transaction.atomic
def citation_remove(*, citation: EvidenceCitation, user, request=None) -> None:
    entry = citation.domain_assessment
    review = _check_side(entry, user, citation.side)
    text = f"{citation.get_side_display()}: {citation_text(citation, review.council)}"
    record(
        user=user,
        action="assessment.evidence.remove",
        council=review.council,
        obj=citation,
        request=request,
        detail={"kind": citation.kind, "ref": citation.ref, "side": citation.side},
    )
    citation.delete()
    changes_record(
        council=review.council,
        subject=entry,
        user=user,
        operation="evidence removed",
        before={"evidence": text},
        after={"evidence": ""},
        label=f"{review}: {entry.domain.name}",
    )


def _move(review: Review, *, user, to: str, audit_action: str, request, reason: str = ""):
    before = _review_shown(review)
    review.status = to
    now = timezone.now()
    stamp = {
        Status.COUNCIL_SUBMITTED: ("submitted_at", "submitted_by"),
        Status.COMMISSIONER_OPINION: ("opinion_at", "opinion_by"),
        Status.FINAL: ("finalised_at", "finalised_by"),
    }.get(to)
    if stamp:
        setattr(review, stamp[0], now)
        setattr(review, stamp[1], _user(user))
    review.save()
    changes_record(
        council=review.council,
        subject=review,
        user=user,
        operation="finalised" if to == Status.FINAL else "changed",
        before=before,
        after=_review_shown(review),
        reason=reason,
    )
    record(user=user, action=audit_action, council=review.council, obj=review, request=request)
    return review


def _check_state(review: Review, expected: str | tuple[str, ...], doing: str) -> None:
    if review.is_read_only:
        raise ValidationError(READ_ONLY)
    if review.status not in ((expected,) if isinstance(expected, str) else expected):
        raise ValidationError(
            f"The review is at “{review.get_status_display()}”, so it cannot be {doing}."
        )


@transaction.atomic
def review_submit(*, review: Review, user, request=None) -> Review:
    """The council submits its self-assessment: every domain must be rated."""
    review = _lock(review)
    require(user, "write_self_assessment", review.council)
    _check_state(review, Status.DRAFT, "submitted")
    unrated = [entry.domain.name for entry in review.domains.all() if not entry.self_rating]
    if unrated:
        raise ValidationError(
            f"Rate every domain before submitting. Not rated: {', '.join(unrated)}."
        )
    return _move(
        review,
        user=user,
        to=Status.COUNCIL_SUBMITTED,
        audit_action="assessment.review.submit",
        request=request,
    )


@transaction.atomic
def review_return(*, review: Review, user, reason: str, request=None) -> Review:
    """The Commissioner returns the self-assessment to the council, saying why: once it is
    submitted, or at the opinion stage (a correction opens there, and may need the council's
    side corrected too)."""
    review = _lock(review)
    require(user, "write_assessment", review.council)
    _check_state(
        review,
        (Status.COUNCIL_SUBMITTED, Status.COMMISSIONER_OPINION),
        "returned to the council",
    )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the self-assessment is returned."})
    return _move(
        review,
        user=user,
        to=Status.DRAFT,
        audit_action="assessment.review.return",
        request=request,
        reason=reason.strip(),
    )


def _check_opinions_rated(review: Review) -> None:
    unrated = [entry.domain.name for entry in review.domains.all() if not entry.opinion_rating]
    if unrated:
        raise ValidationError(
            f"Give an opinion on every domain first. Not rated: {', '.join(unrated)}."
        )


@transaction.atomic
def review_opinion_give(*, review: Review, user, request=None) -> Review:
    """The Commissioner has given an opinion on every domain."""
    review = _lock(review)
    require(user, "write_assessment", review.council)
    _check_state(review, Status.COUNCIL_SUBMITTED, "marked as the Commissioner's opinion")
    _check_opinions_rated(review)
    return _move(
        review,
        user=user,
        to=Status.COMMISSIONER_OPINION,
        audit_action="assessment.review.opinion",
        request=request,
    )


@transaction.atomic
def review_finalise(*, review: Review, user, request=None) -> Review:
    """Final and read-only: every citation's value is frozen as it stands now for the review's
    date, with the run and return versions it came from. A citation a correction carried from
    the version it corrects keeps the value frozen then. Every domain must still have the
    Commissioner's rating (one may have been cleared after the opinion was given)."""
    review = _lock(review)
    require(user, "write_assessment", review.council)
    _check_state(review, Status.COMMISSIONER_OPINION, "finalised")
    _check_opinions_rated(review)
    now = timezone.now()
    citations = EvidenceCitation.objects.filter(
        domain_assessment__review=review, snapshot__isnull=True
    )
    for citation in citations:
        citation.snapshot = evidence.current(
            review.council, citation.kind, citation.ref, review.as_at
        )
        citation.frozen_at = now
        citation.save(update_fields=["snapshot", "frozen_at"])
    return _move(
        review,
        user=user,
        to=Status.FINAL,
        audit_action="assessment.review.finalise",
        request=request,
    )


@transaction.atomic
def review_correct(*, review: Review, user, reason: str, request=None) -> Review:
    """A correction of a final review: a new version, copied from it, with the reason. The old
    one is marked superseded and stays readable. Only the Commissioner corrects: the final
    review is the Commissioner's judgement, and once superseded no recommendation can rest on
    it. The correction opens at the opinion stage; `review_return` sends it to the council when
    its self-assessment needs correcting too. Citations are carried with their frozen values: a
    correction is the same review at the same date, so the figures its ratings rested on stay
    as they were, whatever data has arrived since."""
    review = _lock(review)
    require(user, "write_assessment", review.council)
    if not review.is_final or review.is_superseded:
        raise ValidationError("Only the current final version of a review can be corrected.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the review is corrected."})
    correction = Review.objects.create(
        council=review.council,
        framework=review.framework,
        kind=review.kind,
        as_at=review.as_at,
        status=Status.COMMISSIONER_OPINION,
        version=review.version + 1,
        corrects=review,
        correction_reason=reason.strip(),
        created_by=_user(user),
        submitted_at=review.submitted_at,
        submitted_by=review.submitted_by,
    )
    for entry in review.domains.all():
        citations = list(entry.citations.all())
        entry.pk = None
        entry.review = correction
        entry.edit_version = 1
        entry.save()
        for citation in citations:
            citation.pk = None
            citation.domain_assessment = entry
            citation.save()
    before = _review_shown(review)
    review.superseded_at = timezone.now()
    review.save(update_fields=["superseded_at"])
    changes_record(
        council=review.council,
        subject=review,
        user=user,
        operation="corrected",
        before={"superseded": "", **before},
        after={"superseded": f"by version {correction.version}", **before},
        reason=correction.correction_reason,
    )
    changes_record(
        council=review.council,
        subject=correction,
        user=user,
        operation="created",
        before=None,
        after=_review_shown(correction),
        reason=correction.correction_reason,
    )
    record(
        user=user,
        action="assessment.review.correct",
        council=review.council,
        obj=correction,
        request=request,
        detail={"corrects": review.pk, "version": correction.version},
    )
    return correction
