"""Audit results as monthly figures (issue 11.2), pure functions of plain rows.

Each audit is one row: `{"month": date (first of the programme's month), "done": bool
(submitted or moderated), "moderated": bool, "final_grade": str, "overall_grade": str
(the auditor's), "moderator_grade": str}`. Each figure is a list of `[as_at, numerator,
denominator, value]`, one per programme month, `as_at` the month's last day and `value` a
percentage to one decimal place, None when the denominator is nought.

- audits_good_or_better_pct: done audits whose final grade (the moderated grade when moderated,
  otherwise the auditor's) is outstanding or good, of the done audits.
- audit_moderation_agreement_pct: moderated audits whose moderator gave the same overall grade as
  the auditor, of the moderated audits.
- audits_completed_pct: done audits, of the audits the month's programme sampled.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from datetime import date

from trajectory.assurance import grades

INDICATORS = {
    "audits_good_or_better_pct": {
        "title": "Case audits graded good or better",
        "numerator": "Audits completed whose final grade is outstanding or good",
        "denominator": "Audits completed in the month",
        "polarity": "higher_is_better",
    },
    "audit_moderation_agreement_pct": {
        "title": "Case audits where moderation agreed the grade",
        "numerator": "Moderated audits whose moderator's overall grade is the auditor's",
        "denominator": "Audits moderated in the month",
        "polarity": "higher_is_better",
    },
    "audits_completed_pct": {
        "title": "Case audits completed against the programme",
        "numerator": "Audits submitted or moderated",
        "denominator": "Audits the month's programme sampled",
        "polarity": "higher_is_better",
    },
}


def month_end(month: date) -> date:
    return date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])


def percentage(numerator: int, denominator: int) -> float | None:
    return round(100 * numerator / denominator, 1) if denominator else None


def _monthly(rows: Iterable[dict], counted: Callable, meets: Callable) -> list[list]:
    months: dict[date, list[int]] = {}
    for row in rows:
        tally = months.setdefault(row["month"], [0, 0])
        if counted(row):
            tally[1] += 1
            if meets(row):
                tally[0] += 1
    return [
        [month_end(month), numerator, denominator, percentage(numerator, denominator)]
        for month, (numerator, denominator) in sorted(months.items())
    ]


def audits_good_or_better_pct(rows: Iterable[dict]) -> list[list]:
    return _monthly(
        rows, lambda row: row["done"], lambda row: grades.is_good_or_better(row["final_grade"])
    )


def audit_moderation_agreement_pct(rows: Iterable[dict]) -> list[list]:
    return _monthly(
        rows,
        lambda row: row["moderated"],
        lambda row: grades.agrees(row["overall_grade"], row["moderator_grade"]),
    )


def audits_completed_pct(rows: Iterable[dict]) -> list[list]:
    return _monthly(rows, lambda row: True, lambda row: row["done"])


FIGURES = {
    "audits_good_or_better_pct": audits_good_or_better_pct,
    "audit_moderation_agreement_pct": audit_moderation_agreement_pct,
    "audits_completed_pct": audits_completed_pct,
}


def distribution(grades_given: Iterable[str]) -> dict[str, int]:
    """How many of each Ofsted grade, in the scale's order (ungraded left out)."""
    counts = {key: 0 for key, _ in grades.OFSTED_CHOICES}
    for grade in grades_given:
        if grade in counts:
            counts[grade] += 1
    return counts


def answer_distribution(answers: Iterable[str], scale: str) -> dict[str, int]:
    counts = {key: 0 for key, _ in grades.choices_for(scale)}
    for grade in answers:
        if grade in counts:
            counts[grade] += 1
    return counts


def good_or_better(counts: dict[str, int]) -> tuple[int, int, float | None]:
    total = sum(counts.values())
    good = counts.get(grades.OUTSTANDING, 0) + counts.get(grades.GOOD, 0)
    return good, total, percentage(good, total)
