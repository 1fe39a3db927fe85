"""The Commissioner's progress report to the Secretary of State (issue 12.5), in the shape of
the Commissioner's report on West Sussex of January 2022 (`domain/sources/2022-01-...`):
introduction, summary background, the framework and its review, the domains one by one (the
council's self-assessment and evidence, then the Commissioner's opinion), additional evidence,
conclusions, recommendations, and the framework and the self-assessment as appendices.

The report rests on one review: the final review (kind "final") assessing the council on or
before the paper's date, its newest final version; where there is none, the latest review of
any kind finalised by then, and the paper says so; where no review is final, every section
says so plainly. The evidence a domain cites is stated as it was frozen when the review was
finalised (assessment/evidence.py), each figure at its own date, never today's value: the
report is the Commissioner's reading of what the review rested on. Events, recommendations and
follow-ups are read as they stood at the paper's date (intervention/selectors.py `..._at`).

Every count the paper states (domains, ratings, visits, follow-ups) is a registered figure its
sentence cites; a frozen value that counts children carries its count for suppression, since
this paper leaves the council.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date

from trajectory.assessment import agreement as agreement_rules
from trajectory.assessment import selectors as assessment
from trajectory.indicators import figures, registry
from trajectory.inspections.models import Judgement
from trajectory.inspections.selectors import inspections_for
from trajectory.intervention import events as event_kinds
from trajectory.intervention import options
from trajectory.intervention import selectors as intervention
from trajectory.reports.catalogue import AREAS, SectionSpec
from trajectory.reports.document import (
    Cell,
    Items,
    Narrative,
    Paragraph,
    Section,
    Sentence,
    Table,
)
from trajectory.reports.drafting import indicator_sentences
from trajectory.reports.facts import Snapshot
from trajectory.web.dates import govuk_date

# What each recommendation means for who runs the services; an option an administrator adds
# is described by its own words only.
CONSEQUENCE = {
    options.ESTABLISH_TRUST: "the council's children's services would move to a children's trust",
    options.KEEP_TRUST_PAUSED: "the question of a children's trust stays open for now",
    options.CONTINUED_DIRECTION: "the council keeps its children's services",
    options.INTERVENTION_ENDS: "the council keeps its children's services",
    options.WITHDRAW_TRUST: "the council keeps its children's services",
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "none"


def _when(snapshot: Snapshot) -> str:
    return govuk_date(snapshot.as_at)


def _count(snapshot: Snapshot, key: str, label: str, number: int, *, rule: str, source: str):
    """Register a count of things (not people: no suppression) and return its key."""
    return snapshot.figure(key, label, f"{number:,}", rule=rule, source=source)


def _lower_first(text) -> str:
    text = str(text)
    return text[:1].lower() + text[1:]


def _cited(snapshot: Snapshot, key: str, *, total: bool = False) -> Cell:
    """A table cell stating a registered figure (the renderer withholds it where it must)."""
    return Cell(snapshot.book[key].shown, cite=key, total=total)


def _plural(number: int, one: str, many: str) -> str:
    """The word for a count that is never withheld (domains, actions, visits: not people)."""
    return one if number == 1 else many


def _who(issued_by: str) -> str:
    """ "The Minister for Children" inside a sentence reads "the Minister for Children"."""
    return "the " + issued_by[4:] if issued_by.startswith("The ") else issued_by


def _and(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


# The review the paper rests on ----------------------------------------------------------------


def _review(snapshot: Snapshot):
    """(review, is_final_kind): the final review at or before the date, else the latest review
    finalised by then (False), else (None, False)."""
    final = assessment.review_finalised_at(
        snapshot.user, snapshot.council, snapshot.as_at, kind="final"
    )
    if final is not None:
        return final, True
    return assessment.review_finalised_at(snapshot.user, snapshot.council, snapshot.as_at), False


def _no_review(snapshot: Snapshot) -> str:
    return (
        f"No review against the Commissioner's framework had been finalised on or before "
        f"{_when(snapshot)}"
    )


def _review_source(review) -> str:
    return f"The {_lower_first(review)} ({review.framework.label}), as finalised"


def _fallback_sentence(review) -> Sentence:
    return Sentence(
        f"No final review had been finalised by this report's date, so it rests on the latest "
        f"finalised review, the {_lower_first(review)}."
    )


# Introduction ---------------------------------------------------------------------------------


def _appointed(timeline, kind: str):
    found = [event for event in timeline.counted if event.kind == kind and event.appointee]
    return found[-1] if found else None


def introduction(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """Who reports on whom, under which direction, for what period, and on which review."""
    council, when = snapshot.council, _when(snapshot)
    timeline = intervention.intervention_timeline_at(snapshot.user, council, snapshot.as_at)
    review, is_final = _review(snapshot)
    drafted = [
        Sentence(
            f"This report gives the Commissioner's assessment, for the Secretary of State for "
            f"Education, of the progress of {council.name}'s children's social care services "
            f"at {when}."
        )
    ]
    directions = timeline.directions
    if directions:
        first = directions[0]
        issued_by = _who(first.issued_by) or "the Secretary of State"
        drafted.append(
            Sentence(
                f"The council has been in statutory intervention since "
                f"{govuk_date(first.occurred_on)}, under a direction issued by {issued_by}."
            )
        )
        latest = directions[-1]
        if latest is not first:
            until = (
                f", for the period to {govuk_date(latest.period_ends_on)}"
                if latest.period_ends_on
                else ""
            )
            drafted.append(
                Sentence(
                    f"The latest direction was issued on {govuk_date(latest.occurred_on)}{until}."
                )
            )
    else:
        drafted.append(Sentence(f"No statutory direction is recorded on or before {when}."))
    for kind, role in (
        ("commissioner_appointed", "Commissioner"),
        ("partner_appointed", "improvement partner"),
    ):
        event = _appointed(timeline, kind)
        if event is not None:
            drafted.append(
                Sentence(
                    f"{event.appointee} was appointed {role} on {govuk_date(event.occurred_on)}."
                )
            )
    if timeline.trust_status != event_kinds.NO_PROPOSAL:
        drafted.append(
            Sentence(
                f"At {when} the intervention record shows: {timeline.trust_status_label.lower()}."
            )
        )
    if review is None:
        drafted.append(Sentence(f"{_no_review(snapshot)}, so this report has no assessment."))
    else:
        start = directions[0].occurred_on if directions else None
        period = (
            f"the period from {govuk_date(start)} to {when}" if start else f"the time to {when}"
        )
        drafted.append(
            Sentence(
                f"It covers {period} and rests on the {_lower_first(review)} "
                f"against the framework “{review.framework.name}”."
            )
        )
        if not is_final:
            drafted.append(_fallback_sentence(review))
    recommendation = intervention.recommendation_at(snapshot.user, council, snapshot.as_at)
    if recommendation is not None:
        drafted.append(
            Sentence(
                f"It ends with the Commissioner's recommendation of "
                f"{govuk_date(recommendation.made_on)}: “{recommendation.option.label}”."
            )
        )
    return Section(
        spec.key,
        spec.title,
        blocks=(Narrative("introduction", "The purpose of this report", tuple(drafted)),),
    )


# Summary background ---------------------------------------------------------------------------


def _overall(inspection) -> str:
    found = next((j for j in inspection.judgements.all() if j.area == Judgement.Area.OVERALL), None)
    return found.get_grade_display() if found else ""


def _published_by(inspection, as_at: date) -> bool:
    return inspection.published_on is None or inspection.published_on <= as_at


def background(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """The Ofsted record and the intervention's events up to the paper's date: the latest
    graded judgement published by then (Ofsted's grade stands from publication), the visits
    since, and every event of the intervention record dated on or before it."""
    council, when = snapshot.council, _when(snapshot)
    inspections = [
        inspection
        for inspection in inspections_for(snapshot.user, council)
        if inspection.event_date is not None and inspection.event_date <= snapshot.as_at
    ]
    graded = [
        inspection
        for inspection in inspections
        if inspection.kind in inspection.GRADED_KINDS
        and _overall(inspection)
        and _published_by(inspection, snapshot.as_at)
    ]
    drafted = []
    if not inspections:
        drafted.append(Sentence(f"No Ofsted inspection or visit is recorded on or before {when}."))
    judged = graded[-1] if graded else None
    if judged is not None:
        published = judged.published_on or judged.fieldwork_end or judged.event_date
        drafted.append(
            Sentence(
                f"Ofsted judged the council's children's services "
                f"“{_overall(judged)}” overall in the {judged.get_kind_display().lower()} "
                f"published on {govuk_date(published)}."
            )
        )
        since = [
            inspection
            for inspection in inspections
            if inspection.kind not in inspection.GRADED_KINDS
            and inspection.event_date > judged.event_date
        ]
        visits = _count(
            snapshot,
            "background.visits",
            f"Ofsted visits since the judgement of {govuk_date(published)}",
            len(since),
            rule="Monitoring visits, focused visits and joint targeted area inspections whose "
            "fieldwork began after the graded inspection's and on or before the paper's date.",
            source="The council's Ofsted record",
        )
        drafted.append(
            Sentence(
                f"Since then Ofsted has made {{{visits}}} "
                f"{_plural(len(since), 'visit', 'visits')}, up to {when}.",
                (visits,),
            )
        )
    elif inspections:
        drafted.append(
            Sentence(f"No graded Ofsted judgement had been published on or before {when}.")
        )
    timeline = intervention.intervention_timeline_at(snapshot.user, council, snapshot.as_at)
    counted = _count(
        snapshot,
        "background.events",
        "Events in the intervention record",
        len(timeline.counted),
        rule="The intervention record's events dated on or before the paper's date, less any "
        "since corrected.",
        source="The council's intervention record",
    )
    if timeline.counted:
        drafted.append(
            Sentence(
                f"The intervention record holds {{{counted}}} "
                f"{_plural(len(timeline.counted), 'event', 'events')} up to {when}, set out below.",
                (counted,),
            )
        )
    else:
        drafted.append(Sentence(f"No intervention event is recorded on or before {when}."))
    for step in timeline.trust_steps:
        event = step.event
        drafted.append(
            Sentence(
                f"On {govuk_date(event.occurred_on)}: {event.kind_label.lower()}. {event.summary}"
            )
        )
    blocks: list = [Narrative("background", "The intervention so far", tuple(drafted))]
    if inspections:
        blocks.append(
            Table(
                caption=f"Ofsted inspections and visits to {when}",
                head=("Fieldwork began", "Published", "Inspection or visit", "Theme", "Overall"),
                rows=tuple(
                    (
                        Cell(
                            govuk_date(i.fieldwork_start) if i.fieldwork_start else "Not recorded"
                        ),
                        Cell(
                            govuk_date(i.published_on)
                            if i.published_on and i.published_on <= snapshot.as_at
                            else "Not yet published"
                            if i.published_on
                            else "Not recorded"
                        ),
                        Cell(i.get_kind_display()),
                        Cell(i.theme or "None"),
                        Cell(
                            (_overall(i) or "Not graded")
                            if _published_by(i, snapshot.as_at)
                            else "Not yet published"
                        ),
                    )
                    for i in inspections
                ),
            )
        )
    if timeline.counted:
        blocks.append(
            Table(
                caption=f"The intervention record to {when}",
                head=("Date", "Event", "Issued or made by", "Appointed", "What it says", "Until"),
                rows=tuple(
                    (
                        Cell(govuk_date(event.occurred_on)),
                        Cell(event.kind_label),
                        Cell(event.issued_by or "Not recorded"),
                        Cell(event.appointee or "None"),
                        Cell(event.summary),
                        Cell(govuk_date(event.period_ends_on) if event.period_ends_on else "None"),
                    )
                    for event in timeline.counted
                ),
            )
        )
    return Section(spec.key, spec.title, blocks=tuple(blocks))


# The framework and the review -----------------------------------------------------------------


def framework(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """Which framework version the review used, its size and scale, and the review itself:
    its kind, date, status and version, and the other reviews finalised by the date."""
    review, is_final = _review(snapshot)
    if review is None:
        text = f"{_no_review(snapshot)}: there is no framework review for this report to describe."
        return Section(spec.key, spec.title, blocks=(Paragraph((Sentence(text),)),))
    used = review.framework
    scale = list(used.rating_scale)
    source = _review_source(review)
    domains = _count(
        snapshot,
        "framework.domains",
        f"Domains of {used.label}",
        used.domains.count(),
        rule="The domains the framework version declares.",
        source=source,
    )
    levels = _count(
        snapshot,
        "framework.levels",
        f"Levels of {used.label}'s rating scale",
        len(scale),
        rule="The ratings the framework version's scale declares, lowest first.",
        source=source,
    )
    whose = "the national template" if used.is_default else f"{snapshot.council.name}'s own version"
    sentences = [
        Sentence(
            f"The assessment uses the framework “{used.name}”, version {used.version}, {whose}."
        ),
    ]
    if used.description:
        sentences.append(Sentence(used.description))
    if scale:
        sentences.append(
            Sentence(
                f"It has {{{domains}}} domains, each rated on a scale of {{{levels}}} levels from "
                f"“{scale[0]}” to “{scale[-1]}”.",
                (domains, levels),
            )
        )
    sentences.append(
        Sentence(
            f"This report rests on the {review.get_kind_display().lower()} assessing the council "
            f"at {govuk_date(review.as_at)}, version {review.version}, whose status is "
            f"“{review.get_status_display()}”."
        )
    )
    if review.corrects_id:
        sentences.append(
            Sentence(
                f"That version corrects version {review.corrects.version}, because: "
                f"{review.correction_reason}"
            )
        )
    if not is_final:
        sentences.append(_fallback_sentence(review))
    others = [
        other
        for other in assessment.reviews_for(snapshot.user, snapshot.council)
        .filter(status="final", as_at__lte=snapshot.as_at, superseded_at__isnull=True)
        .exclude(pk=review.pk)
        .order_by("as_at", "version")
    ]
    blocks: list = [Paragraph(tuple(sentences))]
    if others:
        blocks.append(Paragraph((Sentence("Earlier reviews against the framework:"),)))
        blocks.append(
            Items(
                tuple(
                    Sentence(f"The {_lower_first(other)}, against {other.framework.label}.")
                    for other in others
                )
            )
        )
    return Section(spec.key, spec.title, blocks=tuple(blocks))


# The domains ----------------------------------------------------------------------------------


def _frozen_counts(snapshot: Snapshot, citation, frozen: dict) -> tuple[int | None, int | None]:
    """The count (and a percentage's base) a frozen value states, for suppression: from the
    stored value an indicator citation was read from, by the rule `Snapshot.indicator_figure`
    uses; from the snapshot itself where a kind records them; else a whole number the value
    begins with ("12 attended"), taken as a count to be safe."""
    if "count" in frozen:
        return frozen.get("count"), frozen.get("denominator")
    if citation.kind == "indicator":
        value = assessment.frozen_indicator_value(snapshot.user, snapshot.council, citation)
        try:
            indicator = registry.get(citation.ref)
        except KeyError:
            return None, None
        if value is None:
            return None, None

        def whole(number):
            return None if number is None else round(number)

        if indicator.unit == "count" and indicator.counts_children:
            return whole(value.value), None
        return whole(value.numerator), whole(value.denominator)
    found = re.match(r"^(\d[\d,]*)(?![\d.,%])", str(frozen.get("value", "")))
    return (int(found.group(1).replace(",", "")), None) if found else (None, None)


def _source_text(source: dict) -> str:
    if not isinstance(source, dict) or not source:
        return "no source recorded"
    if "run" in source:
        versions = ", ".join(str(pk) for pk in source.get("return_versions", []))
        return f"indicator run {source['run']}, return versions {versions or 'none'}"
    return ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in source.items())


def _evidence_sentence(snapshot: Snapshot, review, number: int, shown) -> Sentence:
    """One cited piece of evidence as the review froze it, its value a registered figure."""
    citation, frozen = shown.citation, shown.shown or {}
    stated = date.fromisoformat(frozen["as_at"]) if frozen.get("as_at") else review.as_at
    count, denominator = _frozen_counts(snapshot, citation, frozen)
    rule = f"{shown.kind_label}, as the review showed it when it was finalised."
    if citation.kind == "indicator":
        try:
            indicator = registry.get(citation.ref)
            rule = indicator.rule or indicator.description
        except KeyError:
            pass
    key = snapshot.figure(
        f"evidence.{citation.pk}@{stated.isoformat()}",
        f"{frozen.get('label', citation.ref)} "
        f"(domain {number}, cited in the {_lower_first(review)})",
        str(frozen.get("value", "Not found")),
        rule=rule,
        source=f"Frozen at the {_lower_first(review)}: {_source_text(frozen.get('source'))}",
        as_at=stated,
        url=shown.url,
        count=count,
        denominator=denominator,
    )
    frozen_words = "as frozen at the review" if shown.frozen else "at the review's date"
    text = (
        f"{frozen.get('label', citation.ref)} ({shown.kind_label}): {{{key}}} at "
        f"{govuk_date(stated)}, {frozen_words}."
    )
    if citation.kind == "indicator" and frozen.get("detail"):
        detail = str(frozen["detail"]).rstrip(". ")
        text += f" {detail[:1].upper()}{detail[1:]}."
    if citation.note:
        text += f" Note: {citation.note}"
    return Sentence(text, (key,))


def _rated(rating: str, who: str, words: str) -> Sentence:
    if not rating:
        return Sentence(f"{who} did not rate this domain.")
    return Sentence(f"{words} “{rating}”.")


def _agreement_sentence(snapshot: Snapshot, number: int, found, review) -> Sentence:
    if found.key == agreement_rules.AGREES:
        return Sentence("The Commissioner agrees with the council's own rating.")
    if found.key == agreement_rules.NOT_YET:
        return Sentence("The two ratings cannot be compared: both sides have not rated it.")
    steps = abs(found.gap)
    gap = snapshot.figure(
        f"domain.{number}.gap",
        f"Domain {number}: steps between the council's and the Commissioner's ratings",
        f"{steps:,} {'step' if steps == 1 else 'steps'}",
        rule="The places on the framework's scale between the two ratings "
        "(assessment/agreement.py); never typed.",
        source=_review_source(review),
    )
    way = "more cautious" if found.key == agreement_rules.MORE_CAUTIOUS else "more positive"
    return Sentence(
        f"The Commissioner is {way} than the council, by {{{gap}}} on the framework's scale.",
        (gap,),
    )


def _domain(snapshot: Snapshot, review, row) -> Section:
    entry, domain = row.entry, row.domain
    number = domain.number
    council_words = [
        _rated(entry.self_rating, "The council", "In its self-assessment the council rated it")
    ]
    if entry.self_narrative:
        council_words.append(Sentence(entry.self_narrative))
    if entry.self_evidence:
        council_words.append(Sentence(f"It points to: {entry.self_evidence}"))
    opinion = [
        _rated(
            entry.opinion_rating,
            "The Commissioner",
            "In the Commissioner's opinion this domain is",
        )
    ]
    if entry.opinion_narrative:
        opinion.append(Sentence(entry.opinion_narrative))
    if entry.opinion_caveats:
        opinion.append(Sentence(f"Caveats: {entry.opinion_caveats}"))
    opinion.append(_agreement_sentence(snapshot, number, row.agreement, review))
    blocks = [
        Paragraph((Sentence(domain.criterion),)),
        Paragraph(tuple(council_words)),
        Items(
            tuple(_evidence_sentence(snapshot, review, number, c) for c in row.self_citations),
            empty="The council cited no record in Trajectory for this domain.",
        ),
        Narrative(f"domain.{number}.opinion", "The Commissioner's opinion", tuple(opinion)),
    ]
    if row.opinion_citations:
        blocks.append(
            Items(
                tuple(
                    _evidence_sentence(snapshot, review, number, c) for c in row.opinion_citations
                )
            )
        )
    return Section(f"domains.{number}", f"{number}. {domain.name}", blocks=tuple(blocks))


def domains(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """One subsection per domain of the review, in the framework's order, as the source
    report's "Assessment of Progress": the criterion, the council's rating, words and cited
    evidence (values frozen at finalising), then the Commissioner's opinion and caveats with
    the agreement read from the scale."""
    review, is_final = _review(snapshot)
    if review is None:
        text = f"{_no_review(snapshot)}, so there are no domain assessments to report."
        return Section(spec.key, spec.title, blocks=(Paragraph((Sentence(text),)),))
    rows = assessment.review_domains_frozen(snapshot.user, review)
    lead = [
        Sentence(
            f"Each domain below gives the council's self-assessment and the evidence it cited, "
            f"then the Commissioner's opinion, as recorded in the {_lower_first(review)}. "
            "Each cited figure is the value frozen when the review was finalised, at its own date."
        )
    ]
    if not is_final:
        lead.append(_fallback_sentence(review))
    return Section(
        spec.key,
        spec.title,
        blocks=(Paragraph(tuple(lead)),),
        subsections=tuple(_domain(snapshot, review, row) for row in rows),
    )


# Additional evidence --------------------------------------------------------------------------


def _cited_indicators(snapshot: Snapshot, review) -> dict[str, list]:
    """{indicator id: [(domain number, CitationShown)]} the review cited."""
    found: dict[str, list] = {}
    for row in assessment.review_domains_frozen(snapshot.user, review):
        for shown in row.self_citations + row.opinion_citations:
            if shown.citation.kind == "indicator":
                found.setdefault(shown.citation.ref, []).append((row.domain.number, shown))
    return found


def additional_evidence(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """The headline indicators of each area of the service at the paper's date, from the
    paper's pinned run, with their drafted trend, SPC, benchmark and target sentences.

    Why these: every citation of a final review is frozen, so "indicators cited but not
    frozen" would always be empty. What a reader of the report needs beyond the review is
    where the service stands now, at the paper's date, which may be weeks after the review:
    the catalogue's headline indicators (AREAS) give that in the same measures for every
    council. Where the review cited the same indicator, the frozen figure is set beside it,
    so a reader sees what has moved since the review."""
    when = _when(snapshot)
    review, _ = _review(snapshot)
    if snapshot.run is None:
        text = f"No indicator run is pinned to this report, so there are no figures at {when}."
        return Section(spec.key, spec.title, blocks=(Paragraph((Sentence(text),)),))
    cited = _cited_indicators(snapshot, review) if review is not None else {}
    subsections = []
    directions: Counter = Counter()
    headline_keys = []
    for area in AREAS:
        if not area.headline:
            continue
        sentences: list[Sentence] = []
        for indicator_id in area.headline:
            facts = snapshot.indicator(indicator_id)
            sentences += indicator_sentences(snapshot, facts)
            before = facts.trend.year_before
            if facts.known and before is not None:
                directions[before.direction] += 1
                headline_keys.append(facts.key)
            for number, shown in cited.get(indicator_id, []):
                frozen = _evidence_sentence(snapshot, review, number, shown)
                key = frozen.cites[0]
                stated = govuk_date(date.fromisoformat(snapshot.book[key].as_at))
                sentences.append(
                    Sentence(
                        f"The review cited it under domain {number} at {{{key}}} ({stated}).",
                        (key,),
                    )
                )
        subsections.append(
            Section(
                f"additional_evidence.{area.key}",
                area.title,
                blocks=(Paragraph(tuple(sentences)),),
            )
        )
    beyond = "Beyond the evidence the review cited, these" if review is not None else "These"
    drafted = [
        Sentence(
            f"{beyond} are the headline indicators of each area of the service at {when}, "
            f"read from {snapshot.run_source}."
        )
    ]
    if review is not None:
        drafted.append(
            Sentence(
                f"The review assessed the council at {govuk_date(review.as_at)}; a figure dated "
                "after that is new since the review."
            )
        )
    compared = sum(directions.values())
    if compared:
        total = _count(
            snapshot,
            "additional.compared",
            "Headline indicators with a figure a year before",
            compared,
            rule="The catalogue's headline indicators (reports/catalogue.py AREAS) with a "
            "latest figure and one a year before it, in the paper's run.",
            source=snapshot.run_source,
        )
        improved = _count(
            snapshot,
            "additional.improved",
            "Headline indicators improved on a year before",
            directions[figures.IMPROVING],
            rule="Of those, the ones whose latest figure is better than a year before, by the "
            "indicator's polarity (indicators/figures.py).",
            source=snapshot.run_source,
        )
        worsened = _count(
            snapshot,
            "additional.worsened",
            "Headline indicators worse than a year before",
            directions[figures.WORSENING],
            rule="Of those, the ones whose latest figure is worse than a year before, by the "
            "indicator's polarity (indicators/figures.py).",
            source=snapshot.run_source,
        )
        drafted.append(
            Sentence(
                f"Of the {{{total}}} headline {_plural(compared, 'indicator', 'indicators')} "
                "with a figure a year before, "
                f"{{{improved}}} improved and {{{worsened}}} worsened.",
                (total, improved, worsened),
            )
        )
    return Section(
        spec.key,
        spec.title,
        blocks=(Narrative("additional_evidence", "Where the service stands", tuple(drafted)),),
        subsections=tuple(subsections),
    )


# Conclusions ----------------------------------------------------------------------------------


def _level_counts(snapshot: Snapshot, review, rows, side: str) -> dict[str, str]:
    """{rating: figure key} for every level of the scale, highest first, on one side."""
    scale = list(review.framework.rating_scale)
    who = "the Commissioner" if side == "commissioner" else "the council"
    ratings = Counter(
        (row.entry.opinion_rating if side == "commissioner" else row.entry.self_rating)
        for row in rows
    )
    return {
        level: _count(
            snapshot,
            f"conclusions.{side}.{_slug(level)}",
            f"Domains {who} rated “{level}”",
            ratings.get(level, 0),
            rule=f"The review's domains to which {who} gave this rating.",
            source=_review_source(review),
        )
        for level in reversed(scale)
    }


def conclusions(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """Drafted from the ratings: how many domains the Commissioner rated at each level, how
    often the Commissioner agreed with the council, where the Commissioner was more cautious,
    and the recommendation that follows; with the counts by level as a table."""
    review, _ = _review(snapshot)
    if review is None:
        text = f"{_no_review(snapshot)}, so there are no rated domains to draw conclusions from."
        return Section(
            spec.key,
            spec.title,
            blocks=(Narrative("conclusions", "The Commissioner's conclusions", (Sentence(text),)),),
        )
    rows = assessment.review_domains_frozen(snapshot.user, review)
    source = _review_source(review)
    total = _count(
        snapshot,
        "conclusions.domains",
        f"Domains assessed in the {_lower_first(review)}",
        len(rows),
        rule="The review's domains, one for each domain of its framework version.",
        source=source,
    )
    commissioner = _level_counts(snapshot, review, rows, "commissioner")
    council = _level_counts(snapshot, review, rows, "council")
    opinions = Counter(row.entry.opinion_rating for row in rows)
    given = [level for level in commissioner if opinions.get(level)]
    parts = [f"{{{commissioner[level]}}} “{level}”" for level in given]
    drafted = [
        Sentence(
            f"Of the {{{total}}} domains of the {_lower_first(review)}, the Commissioner "
            f"rated {_and(parts)}."
            if parts
            else f"The Commissioner rated none of the {{{total}}} domains of the "
            f"{_lower_first(review)}.",
            (total, *(commissioner[level] for level in given)),
        )
    ]
    agreements = Counter(row.agreement.key for row in rows)
    agree = _count(
        snapshot,
        "conclusions.agrees",
        "Domains where the Commissioner agreed with the council's rating",
        agreements.get(agreement_rules.AGREES, 0),
        rule="Read from the two ratings' places on the framework's scale "
        "(assessment/agreement.py).",
        source=source,
    )
    differs, differ_keys = [], []
    for key, words in (
        (agreement_rules.MORE_CAUTIOUS, "more cautious"),
        (agreement_rules.MORE_POSITIVE, "more positive"),
    ):
        if agreements.get(key):
            found = _count(
                snapshot,
                f"conclusions.{key}",
                f"Domains where the Commissioner was {words} than the council",
                agreements[key],
                rule="Read from the two ratings' places on the framework's scale "
                "(assessment/agreement.py).",
                source=source,
            )
            differs.append(f"{words} in {{{found}}}")
            differ_keys.append(found)
    drafted.append(
        Sentence(
            f"The Commissioner agreed with the council's own rating in {{{agree}}} of them"
            + (f" and was {_and(differs)}." if differs else "."),
            (agree, *differ_keys),
        )
    )
    for key, words in (
        (agreement_rules.MORE_CAUTIOUS, "more cautious than the council"),
        (agreement_rules.MORE_POSITIVE, "more positive than the council"),
    ):
        named = [row.domain.name for row in rows if row.agreement.key == key]
        if named:
            drafted.append(Sentence(f"The Commissioner was {words} on {_and(named)}."))
    if len(given) > 1:
        lowest = given[-1]
        named = [row.domain.name for row in rows if row.entry.opinion_rating == lowest]
        drafted.append(
            Sentence(f"The Commissioner's lowest rating, “{lowest}”, went to {_and(named)}.")
        )
    recommendation = intervention.recommendation_at(snapshot.user, snapshot.council, snapshot.as_at)
    if recommendation is not None:
        drafted.append(
            Sentence(
                f"On this evidence the Commissioner recommends “{recommendation.option.label}”."
            )
        )
    table_rows = [
        (Cell(level), _cited(snapshot, council[level]), _cited(snapshot, commissioner[level]))
        for level in commissioner
    ]
    unrated = {
        "council": sum(1 for row in rows if not row.entry.self_rating),
        "commissioner": sum(1 for row in rows if not row.entry.opinion_rating),
    }
    if any(unrated.values()):
        unrated_keys = {
            side: _count(
                snapshot,
                f"conclusions.{side}.not-rated",
                f"Domains {side} left unrated",
                number,
                rule="The review's domains with no rating on that side.",
                source=source,
            )
            for side, number in unrated.items()
        }
        table_rows.append(
            (
                Cell("Not rated"),
                _cited(snapshot, unrated_keys["council"]),
                _cited(snapshot, unrated_keys["commissioner"]),
            )
        )
    table_rows.append(
        (
            Cell("All domains", total=True),
            _cited(snapshot, total, total=True),
            _cited(snapshot, total, total=True),
        )
    )
    return Section(
        spec.key,
        spec.title,
        blocks=(
            Narrative("conclusions", "The Commissioner's conclusions", tuple(drafted)),
            Table(
                caption=f"Domains at each rating in the {_lower_first(review)}, highest first",
                head=("Rating", "The council's self-assessment", "The Commissioner's opinion"),
                rows=tuple(table_rows),
            ),
        ),
    )


# Recommendations ------------------------------------------------------------------------------


def recommendations(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """The recommendation in force at the paper's date: the option, what it means for who runs
    the services, its rationale and conditions, the trust's status in the intervention record
    (only the minister moves it), and the follow-up actions with owner, due date, status and
    RAG as they stood at the date."""
    council, when = snapshot.council, _when(snapshot)
    recommendation = intervention.recommendation_at(snapshot.user, council, snapshot.as_at)
    if recommendation is None:
        text = f"The Commissioner had made no recommendation on or before {when}."
        return Section(spec.key, spec.title, blocks=(Paragraph((Sentence(text),)),))
    option = recommendation.option
    drafted = [
        Sentence(
            f"On {govuk_date(recommendation.made_on)} the Commissioner recommended to the "
            f"minister: “{option.label}”."
        )
    ]
    consequence = CONSEQUENCE.get(option.key)
    if consequence:
        drafted.append(Sentence(f"Under this recommendation {consequence}."))
    elif option.description:
        drafted.append(Sentence(option.description))
    drafted.append(Sentence(recommendation.rationale))
    if recommendation.conditions:
        drafted.append(Sentence(f"Conditions: {recommendation.conditions}"))
    facts = [
        Sentence(f"The recommendation rests on the {_lower_first(recommendation.review)}."),
    ]
    review, _ = _review(snapshot)
    if review is not None and review.pk != recommendation.review_id:
        facts.append(
            Sentence(
                f"That is not the review this report's domains are drawn from, the "
                f"{_lower_first(review)}."
            )
        )
    if recommendation.version > 1:
        facts.append(
            Sentence(
                f"This is version {recommendation.version} of the recommendation, corrected "
                f"because: {recommendation.correction_reason}"
            )
        )
    timeline = intervention.intervention_timeline_at(snapshot.user, council, snapshot.as_at)
    facts.append(
        Sentence(
            f"Only the minister decides the trust's course: at {when} the intervention record "
            f"shows “{timeline.trust_status_label}”."
        )
    )
    followups = intervention.followups_at(snapshot.user, council, recommendation, snapshot.as_at)
    blocks: list = [
        Narrative("recommendations", "The Commissioner's recommendation", tuple(drafted)),
        Paragraph(tuple(facts)),
    ]
    source = f"The council's improvement plan as at {when}"
    asked = _count(
        snapshot,
        "recommendations.followups",
        "Follow-up actions the recommendation asks for",
        len(followups),
        rule="The recommendation's follow-ups, each tracked as an action of the council's plan.",
        source=source,
    )
    if not followups:
        blocks.append(
            Paragraph(
                (
                    Sentence(
                        f"The recommendation had {{{asked}}} follow-up actions recorded by {when}.",
                        (asked,),
                    ),
                )
            )
        )
        return Section(spec.key, spec.title, blocks=tuple(blocks))
    ratings = Counter(row.rag.key for row in followups)
    complete = _count(
        snapshot,
        "recommendations.followups.complete",
        "Follow-up actions complete",
        ratings.get("complete", 0),
        rule="Follow-ups complete at the paper's date (plans/rag.py).",
        source=source,
    )
    overdue = _count(
        snapshot,
        "recommendations.followups.overdue",
        "Follow-up actions overdue",
        ratings.get("overdue", 0),
        rule="Follow-ups past their due date and not complete at the paper's date (plans/rag.py).",
        source=source,
    )
    blocks.append(
        Paragraph(
            (
                Sentence(
                    f"The recommendation asks for {{{asked}}} follow-up "
                    f"{_plural(len(followups), 'action', 'actions')}, tracked in the council's "
                    f"improvement plan; at {when} {{{complete}}} "
                    f"{_plural(ratings.get('complete', 0), 'was', 'were')} complete and "
                    f"{{{overdue}}} overdue.",
                    (asked, complete, overdue),
                ),
            )
        )
    )
    blocks.append(
        Table(
            caption=f"The recommendation's follow-up actions at {when}",
            head=("Action", "What", "Owner", "Due", "Status", "RAG", "Latest update"),
            rows=tuple(
                (
                    Cell(row.action.reference),
                    Cell(row.action.title),
                    Cell(row.action.owner_display or "Not recorded"),
                    Cell(govuk_date(row.action.due_on)),
                    Cell(row.status_label),
                    Cell(row.rag.label),
                    Cell(govuk_date(row.latest_update.on) if row.latest_update else "None by then"),
                )
                for row in followups
            ),
        )
    )
    return Section(spec.key, spec.title, blocks=tuple(blocks))


# Appendices -----------------------------------------------------------------------------------


def appendix_framework(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """The framework version the review used: its scale and its domains with their criteria
    and guidance, as the source report's Appendix 1."""
    review, _ = _review(snapshot)
    if review is None:
        text = f"{_no_review(snapshot)}, so there is no framework version to append."
        return Section(spec.key, spec.title, blocks=(Paragraph((Sentence(text),)),))
    used = review.framework
    scale = list(used.rating_scale)
    return Section(
        spec.key,
        spec.title,
        blocks=(
            Paragraph(
                (
                    Sentence(f"{used.label}, as the {_lower_first(review)} used it."),
                    Sentence(f"Its ratings, lowest first: {'; '.join(scale)}."),
                )
            ),
            Table(
                caption=f"The domains of {used.label}",
                head=("Number", "Domain", "Criterion", "Guidance"),
                rows=tuple(
                    (
                        Cell(str(d.number)),
                        Cell(d.name),
                        Cell(d.criterion),
                        Cell(d.guidance or "None"),
                    )
                    for d in used.domains.order_by("number")
                ),
            ),
        ),
    )


def appendix_self_assessment(snapshot: Snapshot, spec: SectionSpec) -> Section:
    """The council's self-assessment domain by domain, as the source report's Appendix 2: its
    rating, its words, the evidence it points to and the records it cited (their figures are
    in the domains section, where they are cited and can be withheld)."""
    review, _ = _review(snapshot)
    if review is None:
        text = f"{_no_review(snapshot)}, so there is no self-assessment to append."
        return Section(spec.key, spec.title, blocks=(Paragraph((Sentence(text),)),))
    rows = assessment.review_domains_frozen(snapshot.user, review)
    return Section(
        spec.key,
        spec.title,
        blocks=(
            Table(
                caption=f"The council's self-assessment in the {_lower_first(review)}",
                head=("Domain", "Rating", "The council's assessment", "Evidence", "Records cited"),
                rows=tuple(
                    (
                        Cell(f"{row.domain.number}. {row.domain.name}"),
                        Cell(row.entry.self_rating or "Not rated"),
                        Cell(row.entry.self_narrative or "None"),
                        Cell(row.entry.self_evidence or "None"),
                        Cell(
                            "; ".join(
                                str((c.shown or {}).get("label", c.citation.ref))
                                for c in row.self_citations
                            )
                            or "None"
                        ),
                    )
                    for row in rows
                ),
            ),
        ),
    )


SECTIONS: dict[str, Callable[[Snapshot, SectionSpec], Section]] = {
    "introduction": introduction,
    "background": background,
    "framework": framework,
    "domains": domains,
    "additional_evidence": additional_evidence,
    "conclusions": conclusions,
    "recommendations": recommendations,
    "appendix_framework": appendix_framework,
    "appendix_self_assessment": appendix_self_assessment,
}
