"""First drafts of a paper's narrative, written from its figures by fixed templates (issue
12.6): no language model, so the same figures always draft the same words, and every sentence
cites the figures it states (`Sentence.cites`), so a reader can go from the sentence to the
figure and its counting rule. Leaders edit the draft; their text is kept with the version.

The words follow the pages' own (indicators.figures' directions, spc.text's rules, the
benchmark page's better and worse, the targets page's ratings), so a paper never says a figure
moved where its page says it did not.
"""

from __future__ import annotations

from trajectory.benchmarking.compare import BETTER, SAME, WORSE
from trajectory.indicators import figures
from trajectory.reports.document import Sentence
from trajectory.reports.facts import IndicatorFacts, Snapshot, rule_text
from trajectory.spc.text import RULE_TEXT
from trajectory.targets import rag as target_rags
from trajectory.targets.selectors import target_text
from trajectory.web.dates import govuk_date

_AGAINST = {BETTER: "better than", WORSE: "worse than", SAME: "the same as"}


def _title(facts: IndicatorFacts) -> str:
    return facts.indicator.title


def movement(facts: IndicatorFacts) -> Sentence:
    """ "Children looked after was {now} at 30 September 2026, improved from {then} 12 months
    before." """
    trend = facts.trend
    if not facts.known:
        return Sentence(f"{_title(facts)} has no figure at this date.")
    stated = f"{_title(facts)} was {{{facts.key}}} at {govuk_date(trend.latest_as_at)}"
    before = trend.year_before
    if before is None or not facts.year_before_key:
        return Sentence(f"{stated}, with no figure a year before to compare.", (facts.key,))
    cites = (facts.key, facts.year_before_key)
    if before.direction == figures.NO_CHANGE:
        return Sentence(f"{stated}, unchanged from {before.label}.", cites)
    if before.direction == figures.NOT_RATED:
        verb = "up" if before.change > 0 else "down"
        return Sentence(
            f"{stated}, {verb} from {{{facts.year_before_key}}} {before.label} "
            "(neither higher nor lower is better).",
            cites,
        )
    verb = figures.DIRECTION_VERB[before.direction]
    return Sentence(f"{stated}, {verb} from {{{facts.year_before_key}}} {before.label}.", cites)


def signal(facts: IndicatorFacts) -> Sentence | None:
    """The SPC reading, only where the latest point is special cause (common cause is the
    expected state and is not news)."""
    if not facts.special_cause:
        return None
    latest = facts.chart.latest
    kind = {
        "improvement": "an improvement",
        "concern": "a concern",
        "neutral": "a change neither better nor worse",
    }[latest.variation]
    return Sentence(
        f"The latest figure of {_title(facts).lower()} is special-cause variation, {kind}: "
        f"{RULE_TEXT[latest.rule]}.",
        (facts.key,),
    )


def benchmark(snapshot: Snapshot, facts: IndicatorFacts) -> Sentence | None:
    found = facts.benchmark
    if found is None or found.england is None or found.ours is None:
        return None
    indicator = facts.indicator
    key = snapshot.figure(
        f"england.{indicator.id}@{found.year}",
        f"England: {indicator.title}",
        figures.shown(indicator, found.england),
        rule=f"DfE's published figure for England at {govuk_date(found.on)}. "
        f"{indicator.counterpart_text}",
        source="DfE statistics (trajectory reference fetch)",
    )
    ours = snapshot.figure(
        f"ours.{indicator.id}@{found.year}",
        f"{snapshot.council.name}: {indicator.title} ({govuk_date(found.on)})",
        figures.shown(indicator, found.ours),
        rule=rule_text(indicator),
        source=snapshot.run_source,
    )
    against = _AGAINST.get(found.against_england, "compared with")
    text = f"At {govuk_date(found.on)} it was {{{ours}}}, {against} England's {{{key}}}"
    if found.neighbours is not None:
        neighbours = snapshot.figure(
            f"neighbours.{indicator.id}@{found.year}",
            f"Statistical neighbours' mean: {indicator.title}",
            figures.shown(indicator, found.neighbours),
            rule="The mean of the published figures of the council's statistical neighbours "
            f"at {govuk_date(found.on)}.",
            source="DfE statistics and statistical neighbours (trajectory reference fetch)",
        )
        neighbour_words = _AGAINST.get(found.against_neighbours, "compared with")
        return Sentence(
            f"{text} and {neighbour_words} its statistical neighbours' {{{neighbours}}}.",
            (ours, key, neighbours),
        )
    return Sentence(f"{text}.", (ours, key))


def target(facts: IndicatorFacts) -> Sentence | None:
    rated = facts.target
    if rated.rag is target_rags.NO_TARGET or not facts.known:
        return None
    return Sentence(
        f"{rated.rag.label}: {{{facts.key}}} against a target of {target_text(rated.target)}.",
        (facts.key,),
    )


def indicator_sentences(snapshot: Snapshot, facts: IndicatorFacts) -> list[Sentence]:
    """Everything a paper drafts about one indicator, in reading order."""
    found = [movement(facts)]
    if facts.known:
        found += [signal(facts), benchmark(snapshot, facts), target(facts)]
    return [sentence for sentence in found if sentence is not None]
