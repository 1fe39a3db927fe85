"""The Lead Member's monthly update to full Council (issue 12.4), in the shape of the Cabinet
Member's reports the source documents hold (West Sussex, June 2019 and November 2020):
introduction, Ofsted activity, the intervention and the trust, the staff perspective, the
service improvement initiatives with their headline figures, a conclusion and the Youth
Cabinet's statement.

Every section reads what was true at the paper's date: Ofsted's visits begun by then, the
intervention's events up to then, the review finalised and the recommendation made by then,
survey waves closed and engagement events held by then, plan actions due and completed by
then, and the indicators from the snapshot's pinned run. The paper leaves the council by
default, so every count of people is registered with `count=` and masked when small.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from trajectory.assessment import selectors as assessment_selectors
from trajectory.assessment.models import Review
from trajectory.indicators import figures as indicator_figures
from trajectory.inspections import selectors as inspection_selectors
from trajectory.inspections.models import Finding, Inspection, Judgement
from trajectory.intervention import events as intervention_events
from trajectory.intervention import options as recommendation_options
from trajectory.intervention import selectors as intervention_selectors
from trajectory.plans import selectors as plan_selectors
from trajectory.plans.models import Action
from trajectory.reports import drafting
from trajectory.reports.catalogue import SectionSpec
from trajectory.reports.document import Cell as TableCell
from trajectory.reports.document import Items, Narrative, Paragraph, Section, Sentence, Table
from trajectory.reports.facts import IndicatorFacts, Snapshot
from trajectory.voice import selectors as voice_selectors
from trajectory.voice.models import EngagementEvent, Survey
from trajectory.voice.suppression import implied_count
from trajectory.voice.trends import percent_text
from trajectory.web.dates import govuk_date, govuk_month
from trajectory.workforce import selectors as workforce_selectors
from trajectory.workforce.selectors import row_of

# The headline figures the issue names for the update (12.4), as the source's "Staffing" and
# "Other Operational Highlights" state them: the social worker vacancy rate (with its FTE, the
# rate's numerator), supervision compliance, and "plans for CLA ... in place and being
# reviewed". The catalogue has no count of care plans in place; the closest measure is
# `cla_reviews_on_time_pct`, statutory reviews held on time, because the review is where a
# child's care plan is looked at and confirmed (regulations 32 and 33 of the Care Planning,
# Placement and Case Review (England) Regulations 2010): a child whose review is held on time
# has a care plan in place and reviewed. Participation in reviews (`cla_review_participation_pct`)
# measures the child's voice in it, not the plan.
VACANCY = "workforce_vacancy_pct"
SUPERVISION = "supervision_compliance_pct"
CARE_PLANS = "cla_reviews_on_time_pct"
HEADLINES = (VACANCY, SUPERVISION, CARE_PLANS)

# Engagement events counted in the staff perspective: the 12 months to the paper's date unless
# the paper's options say otherwise (`staff_months`).
STAFF_MONTHS = 12

# Where each of the recommendation's seeded options leaves the council's children's services
# (issue 9.4): with the council, with a trust, or not yet decided. An option an administrator
# adds says only its own label.
WITH_COUNCIL = "This would keep children's services with the council."
WITH_TRUST = "This would move children's services to a children's trust."
UNDECIDED = "This leaves open for now whether services stay with the council or move to a trust."
RECOMMENDATION_SIDE = {
    recommendation_options.CONTINUED_DIRECTION: WITH_COUNCIL,
    recommendation_options.INTERVENTION_ENDS: WITH_COUNCIL,
    recommendation_options.WITHDRAW_TRUST: WITH_COUNCIL,
    recommendation_options.ESTABLISH_TRUST: WITH_TRUST,
    recommendation_options.KEEP_TRUST_PAUSED: UNDECIDED,
}

VISIT_KINDS = (
    Inspection.Kind.MONITORING_VISIT,
    Inspection.Kind.FOCUSED_VISIT,
    Inspection.Kind.JTAI,
)


def _key(text: str) -> str:
    """A figure key's part: lower case letters, digits, _ and - only (document.PLACEHOLDER)."""
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _on(snapshot: Snapshot) -> str:
    return govuk_date(snapshot.as_at)


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


# Ofsted --------------------------------------------------------------------------------------


def _inspections_by(snapshot: Snapshot) -> list[Inspection]:
    """The council's Ofsted events begun (or, undated, published) on or before the date."""
    return [
        inspection
        for inspection in inspection_selectors.inspections_for(snapshot.user, snapshot.council)
        if inspection.event_date is not None and inspection.event_date <= snapshot.as_at
    ]


def _published_by(inspection: Inspection, as_at: date) -> bool:
    return inspection.published_on is not None and inspection.published_on <= as_at


def _fieldwork(inspection: Inspection) -> str:
    """ "between 12 and 22 October 2020", as the source writes a visit's days."""
    start, end = inspection.fieldwork_start, inspection.fieldwork_end
    if start and end and end != start:
        if (start.year, start.month) == (end.year, end.month):
            first = str(start.day)
        elif start.year == end.year:
            first = f"{start.day} {start:%B}"
        else:
            first = govuk_date(start)
        return f"between {first} and {govuk_date(end)}"
    if start:
        return f"on {govuk_date(start)}"
    return f"published {govuk_date(inspection.published_on)}"


def _name(inspection: Inspection) -> str:
    """ "monitoring visit of 10 March 2026", as the council's papers cite a visit."""
    return f"{inspection.get_kind_display().lower()} of {govuk_date(inspection.event_date)}"


def _overall(inspection: Inspection) -> str:
    for judgement in inspection.judgements.all():
        if judgement.area == Judgement.Area.OVERALL:
            return judgement.get_grade_display()
    return ""


def _findings(snapshot: Snapshot, inspection: Inspection, name: str) -> list:
    """What Ofsted found: a sentence counting each kind, and the areas for priority action and
    for improvement as Ofsted worded them."""
    found = list(inspection.findings.all())
    if not found:
        return [paragraph_of(f"No findings from the {name} are recorded.")]
    counts = Counter(finding.kind for finding in found)
    parts, cites = [], []
    for kind, label in Finding.Kind.choices:
        if not counts[kind]:
            continue
        key = snapshot.figure(
            f"ofsted.{inspection.pk}.{_key(kind)}",
            f"Ofsted's findings: {Finding.KIND_PLURALS[kind].lower()} ({name})",
            str(counts[kind]),
            rule=f"The findings of this kind recorded from Ofsted's report of the {name}.",
            source=f"The council's Ofsted record ({inspection.get_kind_display()})",
            as_at=inspection.published_on or inspection.event_date,
        )
        plural = Finding.KIND_PLURALS[kind].lower()
        parts.append(f"{{{key}}} {plural if counts[kind] != 1 else label.lower()}")
        cites.append(key)
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    blocks = [
        Paragraph((Sentence(f"Ofsted's report of the {name} sets out {listed}.", tuple(cites)),))
    ]
    for kind in (Finding.Kind.PRIORITY_ACTION, Finding.Kind.AREA_FOR_IMPROVEMENT):
        texts = [Sentence(finding.text) for finding in found if finding.kind == kind]
        if texts:
            blocks.append(paragraph_of(f"{Finding.KIND_PLURALS[kind]}:"))
            blocks.append(Items(tuple(texts)))
    return blocks


def paragraph_of(*texts: str) -> Paragraph:
    return Paragraph(tuple(Sentence(text) for text in texts))


def ofsted(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """The latest judgement (its grades once published) and every visit since it, with their
    dates and findings, as the November 2020 report's "Ofsted Focused Visit" does."""
    as_at = snapshot.as_at
    held = _inspections_by(snapshot)
    graded = inspection_selectors.latest_judgements(snapshot.user, snapshot.council, as_at)
    blocks: list = []
    if graded is None:
        blocks.append(
            paragraph_of(
                f"No graded Ofsted inspection of the council is recorded by {_on(snapshot)}."
            )
        )
    else:
        name = _name(graded)
        opening = (
            f"Ofsted's {graded.get_kind_display().lower()} of children's services took place "
            f"{_fieldwork(graded)}"
        )
        if _published_by(graded, as_at):
            overall = _overall(graded)
            judged = (
                f" and judged overall effectiveness {overall.lower()}"
                if overall
                else " (this framework gives no overall judgement)"
            )
            blocks.append(
                paragraph_of(
                    f"{opening}{judged}; its report was published on "
                    f"{govuk_date(graded.published_on)}."
                )
            )
            judgements = sorted(
                graded.judgements.all(),
                key=lambda item: [area for area, _ in Judgement.Area.choices].index(item.area),
            )
            blocks.append(
                Table(
                    caption=f"Ofsted's judgements ({name})",
                    head=("Judgement", "Grade"),
                    rows=tuple(
                        (TableCell(item.get_area_display()), TableCell(item.get_grade_display()))
                        for item in judgements
                    ),
                    empty="The report's judgements are not recorded.",
                )
            )
            blocks += _findings(snapshot, graded, name)
        else:
            blocks.append(
                paragraph_of(
                    f"{opening}; its report had not been published by {_on(snapshot)}, so its "
                    "judgements are not stated here."
                )
            )
    since = graded.event_date if graded is not None else None
    visits = [
        item
        for item in held
        if item.kind in VISIT_KINDS and (since is None or item.event_date > since)
    ]
    blocks += _visits(snapshot, visits, graded is not None)
    blocks += _pauses(snapshot)
    return Section(spec.key, spec.title, tuple(blocks))


def _visits(snapshot: Snapshot, visits: list[Inspection], after_inspection: bool) -> list:
    as_at = snapshot.as_at
    since = "since that inspection" if after_inspection else "recorded"
    if not visits:
        return [
            paragraph_of(f"Ofsted made no monitoring or focused visit {since} by {_on(snapshot)}.")
        ]
    key = snapshot.figure(
        "ofsted.visits",
        "Ofsted's visits since the latest inspection" if after_inspection else "Ofsted's visits",
        str(len(visits)),
        rule="Monitoring visits, focused visits and joint targeted area inspections whose "
        "fieldwork began after the latest graded inspection's and on or before the paper's date.",
        source="The council's Ofsted record",
    )
    blocks: list = [
        Paragraph(
            (
                Sentence(
                    f"Ofsted has made {{{key}}} {_plural(len(visits), 'visit', 'visits')} "
                    f"{since}, to {_on(snapshot)}.",
                    (key,),
                ),
            )
        ),
        Table(
            caption="Ofsted's visits",
            head=("Visit", "Looked at", "Fieldwork", "Published"),
            rows=tuple(
                (
                    TableCell(visit.get_kind_display()),
                    TableCell(visit.theme or "Not recorded"),
                    TableCell(_capital(_fieldwork(visit))),
                    TableCell(
                        govuk_date(visit.published_on)
                        if _published_by(visit, as_at)
                        else f"Not published by {_on(snapshot)}"
                    ),
                )
                for visit in visits
            ),
        ),
    ]
    for visit in visits:
        if _published_by(visit, as_at) and visit.findings.exists():
            blocks += _findings(snapshot, visit, _name(visit))
    latest = visits[-1]
    if not _published_by(latest, as_at):
        blocks.append(
            paragraph_of(
                f"The findings of the {latest.get_kind_display().lower()} "
                f"{_fieldwork(latest)} had not been published by {_on(snapshot)}."
            )
        )
    return blocks


def _pauses(snapshot: Snapshot) -> list:
    """Ofsted's national pauses of visits (the intervention's record), which explain a gap."""
    sentences = []
    for event in _events_by(snapshot):
        if event.kind != "visits_paused":
            continue
        until = f" until {govuk_date(event.period_ends_on)}" if event.period_ends_on else ""
        sentences.append(
            Sentence(
                f"Ofsted paused routine inspections and monitoring visits nationally from "
                f"{govuk_date(event.occurred_on)}{until}: the gap in visits then was not of the "
                "council's making."
            )
        )
    return [Paragraph(tuple(sentences))] if sentences else []


# The intervention ----------------------------------------------------------------------------


def _events_by(snapshot: Snapshot) -> list:
    """The intervention's counted events that happened on or before the paper's date."""
    timeline = intervention_selectors.intervention_timeline(snapshot.user, snapshot.council)
    return [event for event in timeline.counted if event.occurred_on <= snapshot.as_at]


def _latest(items: list, *kinds: str):
    found = [item for item in items if item.kind in kinds]
    return found[-1] if found else None


@dataclass(frozen=True)
class RecommendationAt:
    recommendation: object  # the version in force at the date
    review: Review


def _recommendation_at(snapshot: Snapshot) -> RecommendationAt | None:
    """The newest recommendation made on or before the date, in the version made by then."""
    found = []
    for newest in intervention_selectors.recommendations_all(snapshot.user, snapshot.council):
        view = intervention_selectors.recommendation_view(
            snapshot.user, snapshot.council, newest, today=snapshot.as_at
        )
        versions = [view.current, *view.earlier]
        made = [item for item in versions if item.made_on <= snapshot.as_at]
        if made:
            found.append(made[0])
    if not found:
        return None
    chosen = max(found, key=lambda item: (item.made_on, item.review.as_at, item.version))
    return RecommendationAt(chosen, chosen.review)


def _reviews_final_by(snapshot: Snapshot, recommended: RecommendationAt | None) -> list[Review]:
    """Final reviews of the council's progress at or before the date, oldest first: finalised
    by then, or with a recommendation made on them by then (one is made only on a final
    review), and not yet corrected by then."""
    as_at = snapshot.as_at
    recommended_on = {recommended.review.pk} if recommended else set()
    reviews = assessment_selectors.reviews_for(snapshot.user, snapshot.council).filter(
        status=Review.Status.FINAL, as_at__lte=as_at
    )
    kept = []
    for review in reviews.order_by("as_at", "version", "id"):
        finalised = review.finalised_at is None or govuk_day(review.finalised_at) <= as_at
        if not (finalised or review.pk in recommended_on):
            continue
        if review.superseded_at is not None and govuk_day(review.superseded_at) <= as_at:
            continue
        kept.append(review)
    return kept


def govuk_day(moment) -> date:
    """A stored moment's day in the council's time zone."""
    from django.utils import timezone

    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def intervention(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """The statutory direction, the Commissioner, the reviews and the recommendation on
    whether services stay with the council or move to a children's trust (section 497A of the
    Education Act 1996), saying plainly what the record does not hold."""
    as_at = snapshot.as_at
    happened = _events_by(snapshot)
    sentences: list[Sentence] = []
    first = next((event for event in happened if event.kind == "direction_issued"), None)
    latest = _latest(happened, "direction_issued", "direction_renewed")
    ended = _latest(happened, "intervention_ended")
    if first is None:
        sentences.append(
            Sentence(f"No statutory direction to the council is recorded by {_on(snapshot)}.")
        )
    else:
        sentences.append(
            Sentence(
                "The council has been subject to a statutory direction under section 497A of "
                f"the Education Act 1996 since {govuk_date(first.occurred_on)}."
            )
        )
        if latest is not first:
            sentences.append(
                Sentence(f"A new direction was issued on {govuk_date(latest.occurred_on)}.")
            )
        if latest.period_ends_on is None:
            sentences.append(Sentence("No end date for the direction is recorded."))
        elif latest.period_ends_on >= as_at:
            sentences.append(
                Sentence(f"The direction runs until {govuk_date(latest.period_ends_on)}.")
            )
        else:
            sentences.append(
                Sentence(
                    f"The direction's period ended on {govuk_date(latest.period_ends_on)}; no "
                    f"further direction is recorded by {_on(snapshot)}."
                )
            )
    if ended is not None:
        sentences.append(Sentence(f"The intervention ended on {govuk_date(ended.occurred_on)}."))
    commissioner = _latest(happened, "commissioner_appointed")
    if commissioner is None:
        sentences.append(Sentence("No Commissioner's appointment is recorded."))
    else:
        who = commissioner.appointee or "A Commissioner (not named in the record)"
        sentences.append(
            Sentence(f"{who} was appointed Commissioner on {govuk_date(commissioner.occurred_on)}.")
        )
    partner = _latest(happened, "partner_appointed")
    if partner is not None and partner.appointee:
        sentences.append(
            Sentence(
                f"{partner.appointee} was appointed improvement partner on "
                f"{govuk_date(partner.occurred_on)}."
            )
        )
    blocks: list = [Paragraph(tuple(sentences))]
    blocks += _trust(snapshot, happened)
    recommended = _recommendation_at(snapshot)
    blocks += _reviews(snapshot, recommended)
    blocks.append(Paragraph(tuple(_recommendation(snapshot, recommended, happened))))
    return Section(spec.key, spec.title, tuple(blocks))


def _trust(snapshot: Snapshot, happened: list) -> list:
    """The trust proposal's course to the date, step by step, then where it stands. Only the
    minister's decisions move it (intervention/events.py)."""
    steps = intervention_events.trust_course(happened)
    if not steps:
        return [paragraph_of(f"No children's trust has been proposed by {_on(snapshot)}.")]
    found = []
    for step in steps:
        until = ""
        if step.event.period_ends_on is not None:
            until = f", until {govuk_date(step.event.period_ends_on)}"
        found.append(
            Sentence(f"{step.event.kind_label}: {govuk_date(step.event.occurred_on)}{until}.")
        )
    last = steps[-1]
    label = intervention_events.TRUST_STATUS_LABELS[last.status].lower()
    found.append(Sentence(f"At {_on(snapshot)} the record shows the {label}."))
    ends = last.event.period_ends_on
    if ends is not None and ends < snapshot.as_at:
        found.append(
            Sentence(
                f"The period it set ended on {govuk_date(ends)}; no decision since is recorded."
            )
        )
    return [paragraph_of("The children's trust:"), Items(tuple(found))]


def _reviews(snapshot: Snapshot, recommended: RecommendationAt | None) -> list:
    reviews = _reviews_final_by(snapshot, recommended)
    if not reviews:
        return [
            paragraph_of(
                f"No review of the council's progress had been finalised by {_on(snapshot)}."
            )
        ]
    return [
        paragraph_of("The Commissioner's reviews of the council's progress, final by this date:"),
        Items(
            tuple(
                Sentence(f"{review.get_kind_display()} at {govuk_date(review.as_at)}.")
                for review in reviews
            )
        ),
    ]


def _recommendation(
    snapshot: Snapshot, recommended: RecommendationAt | None, happened: list
) -> list[Sentence]:
    if recommended is None:
        return [
            Sentence(
                "No recommendation on whether children's services stay with the council or "
                f"move to a children's trust is recorded by {_on(snapshot)}."
            )
        ]
    made = recommended.recommendation
    found = [
        Sentence(
            f"On {govuk_date(made.made_on)}, on the "
            f"{recommended.review.get_kind_display().lower()} at "
            f"{govuk_date(recommended.review.as_at)}, the Commissioner recommended to the "
            f"minister: {made.option.label}."
        ),
        Sentence(RECOMMENDATION_SIDE.get(made.option.key, "")),
    ]
    if made.conditions.strip():
        found.append(Sentence(f"The Commissioner's conditions: {made.conditions.strip()}"))
    decided = [
        event
        for event in happened
        if (event.is_trust or event.kind == "intervention_ended")
        and event.occurred_on >= made.made_on
    ]
    if decided:
        event = decided[-1]
        found.append(
            Sentence(
                f"Since then the record shows: {event.kind_label.lower()} on "
                f"{govuk_date(event.occurred_on)}."
            )
        )
    else:
        found.append(Sentence(f"The minister's decision on it is not recorded by {_on(snapshot)}."))
    return [sentence for sentence in found if sentence.text]


# The staff perspective -----------------------------------------------------------------------


def staff(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """What staff say (the staff surveys' latest waves closed by the date) and how leaders have
    engaged them (events held in the period, as the source counts "15 face-to-face events and
    two virtual sessions ... over 450 staff")."""
    blocks = _surveys(snapshot) + _engagement(snapshot)
    return Section(spec.key, spec.title, tuple(blocks))


def _surveys(snapshot: Snapshot) -> list:
    staff_surveys = voice_selectors.surveys(snapshot.user, snapshot.council).filter(
        audience=Survey.Audience.STAFF
    )
    blocks: list = []
    for survey in staff_surveys:
        trends = voice_selectors.survey_trends(snapshot.user, snapshot.council, survey)
        lines = [_question_line(snapshot, survey, trend) for trend in trends]
        lines = [line for line in lines if line is not None]
        waves = [w for w in survey.waves.all() if w.held_on <= snapshot.as_at]
        if not waves or not lines:
            blocks.append(
                paragraph_of(f"The {survey.title} has no results closed by {_on(snapshot)}.")
            )
            continue
        wave = waves[-1]
        run_by = f", run by {survey.run_by}," if survey.run_by else ""
        blocks.append(
            paragraph_of(
                f"The {survey.title}{run_by} was last run in {wave.label} (closing on "
                f"{govuk_date(wave.held_on)})."
            )
        )
        blocks.append(Items(tuple(lines)))
    if not blocks:
        blocks.append(paragraph_of("No staff survey is recorded."))
    return blocks


def _survey_figure(snapshot: Snapshot, survey: Survey, question, row) -> str:
    return snapshot.figure(
        f"voice.{question.pk}@{row.held_on.isoformat()}",
        f"{survey.title}: {question.text} ({row.wave})",
        percent_text(row.council_percent),
        rule=f"Of the staff answering the question in the wave, the share agreeing "
        f"({question.get_kind_display().lower()}), as the survey's results give it.",
        source=f"{survey.title}, {row.wave} (the latest upload holding the wave)",
        as_at=row.held_on,
        count=implied_count(row.council_percent, row.respondents),
        denominator=row.respondents,
        respondents=row.respondents,
    )


def _question_line(snapshot: Snapshot, survey: Survey, trend) -> Sentence | None:
    """ "{72%} of staff agreed that "I feel supported by my manager" in Spring 2026 ({n}
    answered), up from {65%} in Spring 2025." The earlier wave is a figure of its own, never a
    change in points, so masking either figure masks what it would give away."""
    question = trend.question
    held = [row for row in trend.rows if row.held_on <= snapshot.as_at]
    if held and held[-1].withheld:  # by the voice pages' rule, for a reader outside the council
        return Sentence(
            f"The {held[-1].wave} result for “{question.text}” is withheld: so few answered "
            "that it could point to a worker."
        )
    rows = [row for row in held if row.council_percent is not None]
    if not rows:
        return None
    latest = rows[-1]
    now = _survey_figure(snapshot, survey, question, latest)
    answered = snapshot.figure(
        f"voice.{question.pk}.respondents@{latest.held_on.isoformat()}",
        f"{survey.title}: staff answering “{question.text}” ({latest.wave})",
        f"{latest.respondents:,}",
        rule="The staff who answered the question in the wave.",
        source=f"{survey.title}, {latest.wave}",
        as_at=latest.held_on,
        count=latest.respondents,
    )
    text = (
        f"{{{now}}} of staff agreed that “{question.text}” in {latest.wave} "
        f"({{{answered}}} answered)"
    )
    cites = [now, answered]
    if len(rows) >= 2:
        before = rows[-2]
        then = _survey_figure(snapshot, survey, question, before)
        if latest.council_percent == before.council_percent:
            text += f", unchanged from {{{then}}} in {before.wave}"
        else:
            verb = "up" if latest.council_percent > before.council_percent else "down"
            text += f", {verb} from {{{then}}} in {before.wave}"
        cites.append(then)
    if latest.comparator_percent is not None and survey.comparator:
        comparator = snapshot.figure(
            f"voice.{question.pk}.comparator@{latest.held_on.isoformat()}",
            f"{survey.comparator}: {question.text} ({latest.wave})",
            percent_text(latest.comparator_percent),
            rule="The comparator's share agreeing, as the survey's results give it.",
            source=f"{survey.title}, {latest.wave}",
            as_at=latest.held_on,
        )
        text += f", against {{{comparator}}} for {survey.comparator}"
        cites.append(comparator)
    return Sentence(f"{text}.", tuple(cites))


def _period_start(snapshot: Snapshot) -> date:
    months = int(snapshot.options.get("staff_months", STAFF_MONTHS))
    year, month = snapshot.as_at.year, snapshot.as_at.month - months
    while month < 1:
        year, month = year - 1, month + 12
    day = min(snapshot.as_at.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) + timedelta(days=1)


def _engagement(snapshot: Snapshot) -> list:
    start = _period_start(snapshot)
    held = list(
        voice_selectors.events(snapshot.user, snapshot.council).filter(
            held_on__gte=start, held_on__lte=snapshot.as_at
        )
    )
    period = f"between {govuk_date(start)} and {_on(snapshot)}"
    if not held:
        return [paragraph_of(f"No engagement events with staff are recorded {period}.")]
    sentences = []
    for summary, kind in zip(
        voice_selectors.engagement_summary(held),
        [kind for kind, _ in EngagementEvent.Kind.choices if any(e.kind == kind for e in held)],
        strict=True,
    ):
        sentences.append(_engagement_line(snapshot, summary, kind, start))
    return [
        paragraph_of(f"Leaders' engagement with staff {period}:"),
        Items(tuple(sentences)),
    ]


def _engagement_line(snapshot: Snapshot, summary, kind: str, start: date) -> Sentence:
    """ "Staff engagement events: {15} face-to-face and {2} virtual, between 1 July and 30
    September 2026, welcoming {450} staff in all." """
    source = "The council's engagement record (voice)"
    base = f"engagement.{_key(kind)}@{snapshot.as_at.isoformat()}"
    period_rule = f"held from {govuk_date(start)} to {_on(snapshot)}, both days included"
    months = f"{govuk_month(start)} to {govuk_month(snapshot.as_at)}"
    parts, cites = [], []
    for name, number, words in (
        ("face_to_face", summary.face_to_face, "face-to-face"),
        ("virtual", summary.virtual, "virtual"),
    ):
        if number:
            key = snapshot.figure(
                f"{base}.{name}",
                f"{summary.kind_label}: {words} ({months})",
                str(number),
                rule=f"Events of this kind held {words}, {period_rule}.",
                source=source,
            )
            parts.append(f"{{{key}}} {words}")
            cites.append(key)
    when = (
        f"on {govuk_date(summary.first)}"
        if summary.first == summary.last
        else f"between {govuk_date(summary.first)} and {govuk_date(summary.last)}"
    )
    text = f"{summary.kind_label}: {' and '.join(parts)}, {when}"
    if summary.attendance:
        attended = snapshot.figure(
            f"{base}.attendance",
            f"{summary.kind_label}: attendance ({months})",
            f"{summary.attendance:,}",
            rule=f"The attendance recorded at each event of this kind {period_rule}, added up "
            "(someone at two events counts twice).",
            source=source,
            count=summary.attendance,
        )
        text += f", welcoming {{{attended}}} staff in all"
        cites.append(attended)
    if summary.unrecorded:
        text += (
            f" (attendance not recorded at {summary.unrecorded} "
            f"{_plural(summary.unrecorded, 'event', 'events')})"
        )
    return Sentence(f"{text}.", tuple(cites))


# Service improvement initiatives -------------------------------------------------------------


def _vacancy_fte(snapshot: Snapshot, facts: IndicatorFacts) -> Sentence | None:
    """The vacancy rate's FTE (its numerator): "which equates to 9.8 FTE posts"."""
    if not facts.known:
        return None
    value = next(item for item in facts.values if item.as_at == facts.trend.latest_as_at)
    if value.numerator is None:
        return None
    key = snapshot.figure(
        f"workforce_vacancy_fte@{value.as_at.isoformat()}",
        "Vacant social worker posts (FTE)",
        f"{value.numerator:,.1f}",
        rule="The social worker vacancy rate's numerator: " + facts.indicator.numerator + ".",
        source=snapshot.run_source,
        as_at=value.as_at,
        count=round(value.numerator),
    )
    return Sentence(f"That equates to {{{key}}} full-time equivalent posts vacant.", (key,))


def _monthly_workforce(snapshot: Snapshot) -> list[Sentence]:
    """The council's own latest complete month of workforce figures (the workforce app), the
    source's "currently being 1.9% (which equates to 9.8 FTE posts)"."""
    months = [
        row
        for row in workforce_selectors.snapshots(snapshot.user, snapshot.council)
        if date(
            row.month.year, row.month.month, calendar.monthrange(row.month.year, row.month.month)[1]
        )
        <= snapshot.as_at
    ]
    if not months:
        return []
    month = months[0]  # newest first
    rates = row_of(month)
    if rates.vacancy_rate is None:
        return []
    whole = month.vacancies_fte + month.filled_fte
    source = f"The council's monthly workforce figures, {govuk_month(month.month)}"
    rate = snapshot.figure(
        f"workforce.monthly_vacancy@{month.month.isoformat()}",
        f"Social worker vacancy rate, {govuk_month(month.month)} (monthly figures)",
        f"{rates.vacancy_rate:.1f}%",
        rule="Vacancies (FTE) of vacancies and posts filled by the council's social workers "
        "(FTE), as DfE's census counts it, from the month's figures.",
        source=source,
        count=round(month.vacancies_fte),
        denominator=round(whole),
    )
    fte = snapshot.figure(
        f"workforce.monthly_vacancies_fte@{month.month.isoformat()}",
        f"Vacant social worker posts (FTE), {govuk_month(month.month)}",
        f"{month.vacancies_fte:,.1f}",
        rule="Vacancies (FTE) in the month's workforce figures.",
        source=source,
        count=round(month.vacancies_fte),
    )
    return [
        Sentence(
            f"The council's own monthly figures for {govuk_month(month.month)} put the vacancy "
            f"rate at {{{rate}}}, which equates to {{{fte}}} FTE posts.",
            (rate, fte),
        )
    ]


@dataclass(frozen=True)
class PriorityProgress:
    number: int
    title: str
    actions: int
    due: int
    complete: int
    overdue: int


def plan_progress(snapshot: Snapshot) -> tuple[object, list[PriorityProgress]]:
    """The current plan's priorities as they stood at the date (plans.plan_standing_at, the
    board pack's read): actions due by then, complete by then and overdue then by the plan's
    RAG rule (plans/rag.py). Actions cancelled by then are left out, as the plan leaves them."""
    plan = plan_selectors.plan_current(snapshot.user, snapshot.council)
    if plan is None:
        return None, []
    as_at = snapshot.as_at
    found = []
    for row in plan_selectors.plan_standing_at(snapshot.user, plan, as_at=as_at):
        actions = [item for item in row.actions if item.status != Action.Status.CANCELLED]
        found.append(
            PriorityProgress(
                number=row.priority.number,
                title=row.priority.title,
                actions=len(actions),
                due=sum(item.action.due_on <= as_at for item in actions),
                complete=sum(item.status == Action.Status.COMPLETE for item in actions),
                overdue=sum(item.rag.key == "overdue" for item in actions),
            )
        )
    return plan, found


def _plan_totals(snapshot: Snapshot, progress: list[PriorityProgress]) -> dict[str, str]:
    keys = {}
    source = "The improvement plan's actions as they stood at the paper's date"
    for name, label, number, rule in (
        (
            "actions",
            "Plan actions",
            sum(p.actions for p in progress),
            "The plan's actions, those cancelled by the paper's date left out.",
        ),
        (
            "due",
            "Plan actions due",
            sum(p.due for p in progress),
            "Actions due on or before the paper's date.",
        ),
        (
            "complete",
            "Plan actions complete",
            sum(p.complete for p in progress),
            "Actions complete on the paper's date (completed on or before it).",
        ),
        (
            "overdue",
            "Plan actions overdue",
            sum(p.overdue for p in progress),
            "Actions due before the paper's date and not complete by then (the plan's RAG rule, "
            "plans/rag.py).",
        ),
    ):
        keys[name] = snapshot.figure(
            f"plan.{name}@{snapshot.as_at.isoformat()}",
            label,
            str(number),
            rule=rule,
            source=source,
        )
    return keys


def _plan_sentence(snapshot: Snapshot, keys: dict[str, str]) -> Sentence:
    return Sentence(
        f"The plan's actions at {_on(snapshot)}: {{{keys['actions']}}} in all, "
        f"{{{keys['due']}}} due by then, {{{keys['complete']}}} completed and "
        f"{{{keys['overdue']}}} overdue.",
        (keys["actions"], keys["due"], keys["complete"], keys["overdue"]),
    )


def initiatives(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """The headline figures with their trend, SPC signal, benchmark and target sentences
    (drafting.py), then the plan's priorities in brief, as the source's "Staffing" and "Other
    Operational Highlights"."""
    vacancy = snapshot.indicator(VACANCY)
    staffing = drafting.indicator_sentences(snapshot, vacancy)
    fte = _vacancy_fte(snapshot, vacancy)
    if fte is not None:
        staffing.insert(1, fte)
    staffing += _monthly_workforce(snapshot)
    supervision = drafting.indicator_sentences(snapshot, snapshot.indicator(SUPERVISION))
    care_plans = drafting.indicator_sentences(snapshot, snapshot.indicator(CARE_PLANS))
    plan, progress = plan_progress(snapshot)
    if plan is None:
        plan_blocks: tuple = (paragraph_of("No improvement plan is recorded."),)
    else:
        keys = _plan_totals(snapshot, progress)
        plan_blocks = (
            Paragraph(
                (
                    Sentence(f"The council's improvement plan: {plan.title}."),
                    _plan_sentence(snapshot, keys),
                )
            ),
            Table(
                caption=f"The plan's priorities at {_on(snapshot)}",
                head=("Priority", "Actions", "Due", "Complete", "Overdue"),
                rows=tuple(
                    (
                        TableCell(f"{item.number}. {item.title}"),
                        TableCell(str(item.actions)),
                        TableCell(str(item.due)),
                        TableCell(str(item.complete)),
                        TableCell(str(item.overdue)),
                    )
                    for item in progress
                ),
                empty="The plan has no priorities yet.",
            ),
        )
    return Section(
        spec.key,
        spec.title,
        (),
        subsections=(
            Section(
                "initiatives.staffing",
                "Staffing",
                (Paragraph(tuple(staffing)), Paragraph(tuple(supervision))),
            ),
            Section(
                "initiatives.children_in_care", "Children in care", (Paragraph(tuple(care_plans)),)
            ),
            Section("initiatives.plan", "The improvement plan", plan_blocks),
        ),
    )


# Introduction, conclusion and the Youth Cabinet ----------------------------------------------


def introduction(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """The month, the purpose and the headline movement, as the source opens ("I am writing
    with a further update to all members...")."""
    drafted = [
        Sentence(
            f"This is the Lead Member's update to full Council for {govuk_month(snapshot.as_at)} "
            f"on the improvement of {snapshot.council.name}'s children's services, with the "
            f"figures as at {_on(snapshot)}."
        ),
        Sentence(
            "It reports Ofsted's activity, the intervention and the children's trust, what "
            "staff say, and the service improvement initiatives with their headline figures."
        ),
    ]
    for indicator_id in HEADLINES:
        facts = snapshot.indicator(indicator_id)
        if facts.known:
            drafted.append(drafting.movement(facts))
    narrative = Narrative("introduction.narrative", spec.title, tuple(drafted))
    return Section(spec.key, spec.title, (narrative,))


def _headline_tally(snapshot: Snapshot) -> Sentence | None:
    compared = [
        snapshot.indicator(indicator_id).trend.year_before
        for indicator_id in HEADLINES
        if snapshot.indicator(indicator_id).known
    ]
    compared = [
        item
        for item in compared
        if item is not None and item.direction != indicator_figures.NO_DATA
    ]
    if not compared:
        return None
    tally = Counter(item.direction for item in compared)
    keys = {}
    for direction in (indicator_figures.IMPROVING, indicator_figures.WORSENING):
        keys[direction] = snapshot.figure(
            f"headlines.{_key(direction)}@{snapshot.as_at.isoformat()}",
            f"Headline figures {indicator_figures.DIRECTION_VERB[direction]} on a year before",
            str(tally[direction]),
            rule="The update's headline indicators whose latest figure "
            f"{indicator_figures.DIRECTION_VERB[direction]} on the year before's, by their "
            "polarity (indicators.figures).",
            source=snapshot.run_source,
        )
    total = snapshot.figure(
        f"headlines.compared@{snapshot.as_at.isoformat()}",
        "Headline figures with a year before to compare",
        str(len(compared)),
        rule="The update's headline indicators with a figure a year before.",
        source=snapshot.run_source,
    )
    improved, worsened = keys[indicator_figures.IMPROVING], keys[indicator_figures.WORSENING]
    return Sentence(
        f"Of the {{{total}}} headline figures with a year before to compare, {{{improved}}} "
        f"improved and {{{worsened}}} worsened.",
        (total, improved, worsened),
    )


def conclusion(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """Where the improvement stands: the headline figures, the plan, the intervention."""
    drafted: list[Sentence] = []
    tally = _headline_tally(snapshot)
    if tally is not None:
        drafted.append(tally)
    plan, progress = plan_progress(snapshot)
    if plan is not None:
        drafted.append(_plan_sentence(snapshot, _plan_totals(snapshot, progress)))
    happened = _events_by(snapshot)
    direction = _latest(happened, "direction_issued", "direction_renewed")
    if _latest(happened, "intervention_ended") is None and direction is not None:
        steps = intervention_events.trust_course(happened)
        trust = ""
        if steps:
            label = intervention_events.TRUST_STATUS_LABELS[steps[-1].status].lower()
            trust = f", and the record shows the {label}"
        drafted.append(Sentence(f"Children's services remain in intervention{trust}."))
    drafted.append(
        Sentence("There is still much to do; the next update will report the progress made.")
    )
    narrative = Narrative("conclusion.narrative", spec.title, tuple(drafted))
    return Section(spec.key, spec.title, (narrative,))


def youth_cabinet(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """A slot for the Chair of the Youth Cabinet's own statement, which leaders paste in: the
    system drafts nothing in young people's words."""
    narrative = Narrative(
        "youth_cabinet.statement",
        f"Statement from the Chair of the Youth Cabinet, {govuk_month(snapshot.as_at)}",
        (Sentence("The Youth Cabinet's statement is to be added."),),
    )
    return Section(spec.key, spec.title, (narrative,))


SECTIONS: dict[str, Callable[[Snapshot, SectionSpec], Section]] = {
    "introduction": introduction,
    "ofsted": ofsted,
    "intervention": intervention,
    "staff": staff,
    "initiatives": initiatives,
    "conclusion": conclusion,
    "youth_cabinet": youth_cabinet,
}
