"""The two grading scales an audit question uses, and agreement between two graders.

Ofsted's four-point scale (the ILACS judgements: outstanding, good, requires improvement to be
good, inadequate) for judgements of quality, and yes / partly / no for whether something was
done. The overall grade of an audit is always on Ofsted's scale. "Good or better" is
outstanding or good. Two grades agree when they are the same grade: a moderator who moves a case
from good to requires improvement disagrees, however near the grades sit on the scale.
"""

from __future__ import annotations

from django.db import models


class Scale(models.TextChoices):
    OFSTED = "ofsted", "Outstanding, good, requires improvement, inadequate"
    YES_NO = "yes_no", "Yes, partly, no"


OUTSTANDING = "outstanding"
GOOD = "good"
REQUIRES_IMPROVEMENT = "requires_improvement"
INADEQUATE = "inadequate"

OFSTED_CHOICES = [
    (OUTSTANDING, "Outstanding"),
    (GOOD, "Good"),
    (REQUIRES_IMPROVEMENT, "Requires improvement"),
    (INADEQUATE, "Inadequate"),
]
YES_NO_CHOICES = [("yes", "Yes"), ("partly", "Partly"), ("no", "No")]
GOOD_OR_BETTER = frozenset({OUTSTANDING, GOOD})
LABELS = dict(OFSTED_CHOICES) | dict(YES_NO_CHOICES)


def choices_for(scale: str) -> list[tuple[str, str]]:
    return OFSTED_CHOICES if scale == Scale.OFSTED else YES_NO_CHOICES


def label(grade: str) -> str:
    return LABELS.get(grade, grade or "Not graded")


def is_good_or_better(grade: str) -> bool:
    return grade in GOOD_OR_BETTER


def agrees(first: str, second: str) -> bool:
    return bool(first) and first == second
