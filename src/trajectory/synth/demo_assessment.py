"""Westshire's two reviews against the Commissioner's framework (issue 9.8), on the journey's
dates (`journey.MID_YEAR_REVIEW`, `journey.FINAL_REVIEW`).

All eight domains are self-assessed and given a calibrated opinion. The ratings differ where
the West Sussex report says the Commissioner's view differed from the council's: the
Commissioner is more cautious on performance (the quality assurance framework embedding rather
than embedded), on departmental leadership (pace) and on the Improvement Board domain (schools'
confidence). The words are written for the made-up Westshire, not taken from the report.

The demo's SSDA903 return ends on 31 March 2025, so an indicator cited at either review is the
latest figure held then (31 March 2025), and each such citation says so in its note.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from trajectory.assessment import services
from trajectory.assessment.models import Review
from trajectory.councils.models import Role
from trajectory.synth import journey

DATA_NOTE = (
    "The demo's return ends on 31 March 2025: this is the latest figure held at the review's "
    "date, not a figure for the date itself."
)

# Per domain number: (mid-year council, mid-year Commissioner, final council, final Commissioner).
RATINGS = {
    1: ("Progressing", "Progressing", "Well progressed", "Well progressed"),
    2: ("Well progressed", "Progressing", "Well progressed", "Well progressed"),
    3: ("Well progressed", "Progressing", "Met", "Well progressed"),
    4: ("Well progressed", "Progressing", "Met", "Well progressed"),
    5: ("Progressing", "Progressing", "Well progressed", "Well progressed"),
    6: ("Well progressed", "Well progressed", "Met", "Well progressed"),
    7: ("Progressing", "Progressing", "Well progressed", "Well progressed"),
    8: ("Progressing", "Progressing", "Well progressed", "Well progressed"),
}

# Per domain number: (council's narrative, council's evidence, Commissioner's narrative, caveats).
WORDS = {
    1: (
        "Westshire's Leader and Lead Member for children have been in post since the direction. "
        "Cabinet decisions about children are now taken in public, and every councillor has "
        "had a briefing on the service. Children's scrutiny reviews performance each quarter.",
        "Corporate plan approved by full Council with children's measures; the corporate "
        "parenting panel rebuilt and chaired by the Lead Member.",
        "Political leadership has changed markedly and is engaged and informed. The Lead "
        "Member is still building her knowledge and the wider membership is less close to "
        "the service than the Cabinet.",
        "Progress here must be kept up: the council's earlier failures had political roots.",
    ),
    2: (
        "The Chief Executive shared with the neighbouring county is now a permanent "
        "arrangement, and every post in the corporate leadership team has a permanent holder.",
        "Senior turnover down to none in the last year; a cultural reform programme and new "
        "business planning in place.",
        "Corporate leadership gives the service a far steadier platform, and the DCS sits in "
        "the corporate team as she should.",
        "Much rests on one exceptional Chief Executive; corporate stability will take longer "
        "to secure than the council expects.",
    ),
    3: (
        "The DCS's senior team is complete and stable. The management restructure is "
        "finished, every manager has been trained in the new accountabilities, and the "
        "Family Safeguarding model goes live next quarter.",
        "Ofsted's latest visit letter on the stable senior team; the restructure's role "
        "profiles; the practice model's launch plan.",
        "Departmental leadership is skilled, coherent and real. Change has been paced to bring "
        "staff along.",
        "Pace must now quicken; the new practice model is no substitute for management "
        "oversight case by case; work with partners needs more of the senior team's time.",
    ),
    4: (
        "Performance data is scrutinised monthly at every level and reported quarterly to "
        "scrutiny and at every Improvement Board. Our quality assurance framework is embedded "
        "and audits and supervision are more consistent.",
        "The quarterly self-assessment; audit completion and supervision compliance figures.",
        "The council's account of its performance management is credible and evidenced, and "
        "the improvement partner's challenge bears it out. It is not yet as far on as the "
        "council believes.",
        "The quality assurance framework is embedding rather than embedded; challenge and "
        "audit are not yet second nature across the service.",
    ),
    5: (
        "Every monitoring visit and the focused visit since the inadequate judgement has "
        "recorded progress, and we expect a full inspection to find the service requires "
        "improvement.",
        "Ofsted's visit letters since the judgement.",
        "The visits show a clear path of improvement from a very low base. Some services are "
        "near requires improvement, but not yet consistently.",
        "Consistency of case work and audit at a granular level is still the risk.",
    ),
    6: (
        "The Improvement Board is well run, well attended by members and officers, and "
        "alternates internal and external meetings as agreed. Partners take part fully.",
        "Board papers and forward plan; attendance records; the joint response with schools "
        "and health to a cluster of incidents among teenagers.",
        "The board arrangements work well and the council services them seriously; the joint "
        "response to a crisis among teenagers showed partnership at its best.",
        "Some schools' confidence in the service is low and their concerns had not come "
        "through the board's own channels; this needs specific work.",
    ),
    7: (
        "Staff engagement has grown: an engagement plan, regular DCS updates and drop-ins. "
        "Children in care tell us in our survey that life is getting better.",
        "The children in care survey; staff drop-in notes; the improvement partner's view.",
        "What staff and children say supports the wider picture of progress.",
        "Soft evidence is uneven between teams and must be read with care.",
    ),
    8: (
        "Fostering and adolescent mental health services have improved, new children's homes "
        "have opened, and the family court reports better work from the council.",
        "Residential investment programme; feedback from the local judiciary.",
        "The further evidence points the same way as the other domains.",
        "",
    ),
}

MID_YEAR_OPINION_CAVEATS = {
    2: "Permanent appointments are still being made; too early to call the platform secure.",
    3: "The restructure is not yet complete.",
    4: "Performance management is improving but monthly scrutiny is new and uneven.",
}


def _cite(entry, user, side, kind, ref, note="") -> None:
    from trajectory.assessment import evidence

    refs = {value for value, _ in evidence.get(kind).choices(entry.review.council)}
    if ref and ref in refs:
        services.citation_add(entry=entry, user=user, side=side, kind=kind, ref=ref, note=note)


def _evidence_refs(council) -> dict:
    from trajectory.indicators.models import IndicatorRun
    from trajectory.inspections.models import Inspection
    from trajectory.plans.models import Priority

    inadequate = (
        Inspection.objects.filter(council=council, judgements__grade="inadequate")
        .order_by("-published_on")
        .first()
    )
    focused = (
        Inspection.objects.filter(council=council, kind=Inspection.Kind.FOCUSED_VISIT)
        .order_by("-published_on")
        .first()
    )
    priorities = list(
        Priority.objects.filter(plan__council=council).order_by("plan_id", "number")[:2]
    )
    return {
        "has_run": IndicatorRun.objects.filter(council=council).exists(),
        "inadequate": str(inadequate.pk) if inadequate else "",
        "focused": str(focused.pk) if focused else "",
        "priorities": [str(priority.pk) for priority in priorities],
    }


def _review(council, framework, *, kind, as_at, which: int, leader, commissioner, refs):
    review = services.review_start(
        council=council, user=leader, framework=framework, kind=kind, as_at=as_at
    )
    entries = {entry.domain.number: entry for entry in review.domains.select_related("domain")}
    for number, entry in entries.items():
        narrative, evidence_text, _, _ = WORDS[number]
        services.self_assessment_update(
            entry=entry,
            user=leader,
            self_rating=RATINGS[number][which * 2],
            self_narrative=narrative,
            self_evidence=evidence_text,
        )
    if refs["has_run"]:
        _cite(entries[4], leader, "self", "indicator", "cla_reviews_on_time_pct", DATA_NOTE)
        _cite(entries[4], leader, "self", "indicator", "cla_rate_per_10k", DATA_NOTE)
    for ref in refs["priorities"]:
        _cite(entries[4], leader, "self", "plan_priority", ref)
    _cite(entries[5], leader, "self", "inspection", refs["inadequate"], "The starting point.")
    if which == 1:
        _cite(entries[5], leader, "self", "inspection", refs["focused"])
    services.review_submit(review=review, user=leader)
    for number, entry in entries.items():
        _, _, opinion, caveats = WORDS[number]
        if which == 0:
            caveats = MID_YEAR_OPINION_CAVEATS.get(number, "")
        services.opinion_update(
            entry=entry,
            user=commissioner,
            opinion_rating=RATINGS[number][which * 2 + 1],
            opinion_narrative=opinion,
            opinion_caveats=caveats,
        )
    if refs["has_run"]:
        _cite(
            entries[4], commissioner, "opinion", "indicator", "cla_3plus_placements_pct", DATA_NOTE
        )
    _cite(entries[5], commissioner, "opinion", "inspection", refs["inadequate"])
    services.review_opinion_give(review=review, user=commissioner)
    final = services.review_finalise(review=review, user=commissioner)
    _dated_as_the_journey(final)
    return final


def _dated_as_the_journey(review: Review) -> None:
    """The demo's review was written in a moment; its stamps are set to the journey's days (the
    council submits a week before the review meeting, the Commissioner's opinion is given at
    it and the review is final a fortnight after), so a paper dated between them reads the
    review as it stood then, not as of the day the demo was loaded."""
    meeting = datetime.combine(review.as_at, time(12), tzinfo=UTC)
    finalised = meeting + timedelta(days=14)
    Review.objects.filter(pk=review.pk).update(
        submitted_at=meeting - timedelta(days=7), opinion_at=meeting, finalised_at=finalised
    )
    review.refresh_from_db()
    for domain in review.domains.all():
        domain.citations.update(frozen_at=finalised)


def assessment_demo(council, users) -> dict:
    """The default framework and Westshire's mid-year and final reviews, both finalised.
    Returns {"mid_year": review, "final": review}; a second call returns the existing ones."""
    framework = services.framework_default_load()
    existing = Review.objects.filter(council=council, superseded_at__isnull=True)
    mid_year = existing.filter(kind=Review.Kind.MID_YEAR, as_at=journey.MID_YEAR_REVIEW).first()
    final = existing.filter(kind=Review.Kind.FINAL, as_at=journey.FINAL_REVIEW).first()
    if mid_year and final:
        return {"mid_year": mid_year, "final": final}
    leader, commissioner = users[Role.LEADER], users[Role.COMMISSIONER]
    refs = _evidence_refs(council)
    if mid_year is None:
        mid_year = _review(
            council,
            framework,
            kind=Review.Kind.MID_YEAR,
            as_at=journey.MID_YEAR_REVIEW,
            which=0,
            leader=leader,
            commissioner=commissioner,
            refs=refs,
        )
    if final is None:
        final = _review(
            council,
            framework,
            kind=Review.Kind.FINAL,
            as_at=journey.FINAL_REVIEW,
            which=1,
            leader=leader,
            commissioner=commissioner,
            refs=refs,
        )
    return {"mid_year": mid_year, "final": final}
