"""The voice of children and staff as it stood on a date, for papers (issue 12): each survey's
latest wave whose fieldwork had closed by the date, and the engagement events held in a period.

A wave's results are those of its current upload (`selectors.figures`), as the survey's pages
give them: an upload keeps no date of the wave it corrects, and a paper's own version keeps
the figures it printed. A result the voice pages withhold from the reader (someone outside the
council: `selectors.rule_for_reader`, `suppression.withheld`) is marked withheld here too; a
paper leaving the council is suppressed again by the paper's rule when it is drawn
(reports/suppression.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trajectory.councils.permissions import require
from trajectory.voice import suppression
from trajectory.voice.models import EngagementEvent, Question, Survey, Wave
from trajectory.voice.selectors import Figure, figures, rule_for_reader, surveys


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    council_percent: object  # Decimal
    comparator_percent: object  # Decimal or None
    respondents: int | None
    withheld: bool = False  # so few answered that the reader may not see it


@dataclass(frozen=True)
class WaveResults:
    survey: Survey
    wave: Wave
    results: list[QuestionResult]  # percentage and yes/no questions, in the survey's order


def latest_waves_at(user, council, *, as_at: date) -> list[WaveResults]:
    """Each of the council's surveys with its latest wave held on or before `as_at` (surveys
    with none are left out), children's surveys first."""
    require(user, "view_council", council)
    rule = rule_for_reader(user, council)
    found = []
    for survey in surveys(user, council).order_by("audience", "title"):
        wave = survey.waves.filter(held_on__lte=as_at).order_by("-held_on", "-id").first()
        if wave is None:
            continue
        given: dict[tuple[int, int], Figure] = figures(survey)
        results = [
            QuestionResult(
                question,
                given[(wave.pk, question.pk)].council_percent,
                given[(wave.pk, question.pk)].comparator_percent,
                given[(wave.pk, question.pk)].respondents,
                rule is not None
                and suppression.withheld(
                    given[(wave.pk, question.pk)].council_percent,
                    given[(wave.pk, question.pk)].respondents,
                    rule,
                ),
            )
            for question in survey.questions.exclude(kind=Question.Kind.FREE_TEXT)
            if (wave.pk, question.pk) in given
            and given[(wave.pk, question.pk)].council_percent is not None
        ]
        found.append(WaveResults(survey, wave, results))
    return found


def events_between(user, council, *, since: date, until: date) -> list[EngagementEvent]:
    """The engagement events held from `since` to `until` (both inclusive), oldest first."""
    require(user, "view_council", council)
    return list(
        EngagementEvent.objects.filter(council=council, held_on__gte=since, held_on__lte=until)
        .prefetch_related("themes")
        .order_by("held_on", "id")
    )
