"""Case audits completed in a period, as they stood at its end, for papers (issue 12).

An audit counts as completed in the period when it was submitted (for moderation, or graded
and done) on a day in it. Its grade at the period's end is the moderated final grade when the
moderation was completed by then, otherwise the auditor's overall grade: the rule of
`Audit.final_grade`, read at a date. Themes are graded by their questions on Ofsted's scale, as
the results page groups them (`selectors.results`). Aggregates only: no child is named, so any
role in the council reads them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from trajectory.assurance import figures, grades
from trajectory.assurance.models import Answer, Audit
from trajectory.councils.permissions import require


@dataclass(frozen=True)
class ThemeGrades:
    name: str
    counts: dict[str, int]  # Ofsted grade key -> answers, in the scale's order

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def good_or_better(self) -> int:
        return figures.good_or_better(self.counts)[0]


@dataclass(frozen=True)
class AuditsCompleted:
    since: date
    until: date
    counts: dict[str, int]  # the audits' grades at `until`, in the scale's order
    themes: list[ThemeGrades]  # in the template's theme order

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def good_or_better(self) -> int:
        return figures.good_or_better(self.counts)[0]


def _day(moment) -> date | None:
    """The local day of a stored moment."""
    if moment is None:
        return None
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def audits_completed_between(user, council, *, since: date, until: date) -> AuditsCompleted:
    """The audits submitted from `since` to `until` (both inclusive), graded at `until`."""
    require(user, "view_council", council)
    done = []
    for audit in Audit.objects.filter(council=council, submitted_at__isnull=False).select_related(
        "moderation"
    ):
        submitted = _day(audit.submitted_at)
        if not since <= submitted <= until:
            continue
        moderation = getattr(audit, "moderation", None)
        moderated = moderation is not None and (
            (_day(moderation.completed_at) or date.max) <= until
        )
        done.append((audit.pk, moderation.final_grade if moderated else audit.overall_grade))
    counts = figures.distribution(grade for _, grade in done)
    # By name: a theme keeps its name across the template's versions.
    by_theme: dict[str, list[str]] = defaultdict(list)
    order: dict[str, int] = {}
    answers = Answer.objects.filter(
        audit_id__in=[pk for pk, _ in done], question__scale=grades.Scale.OFSTED
    ).select_related("question__theme")
    for answer in answers:
        theme = answer.question.theme
        by_theme[theme.name].append(answer.grade)
        order[theme.name] = min(order.get(theme.name, theme.number), theme.number)
    themes = [
        ThemeGrades(name, figures.distribution(by_theme[name]))
        for name in sorted(by_theme, key=lambda name: (order[name], name))
    ]
    return AuditsCompleted(since=since, until=until, counts=counts, themes=themes)
