"""Small numbers, suppressed wherever results reach people outside the council (issue 11.4).

The rule is in the spirit of official statistics' disclosure control (the Government
Statistical Service's guidance; DfE's children's social care publications mark a figure
withheld because it could point to a child with "c", and withhold the complement that would
give it away). The thresholds are a choice, set per council; the defaults are common ones, not
a DfE rule. A question's result is withheld when

- fewer than `minimum_respondents` answered it (default 10: with fewer, a percentage is a
  handful of children a team could name); or
- the children (or staff) the percentage stands for, on either side, number from 1 to
  `minimum_count` − 1 (default 5, the smallest count commonly published): 98% of 50 is 49
  saying yes and 1 saying no, and that one is findable.

Nought and everyone are not suppressed: "none of the 40" points to no one. The council's
analysts, managers, leaders and the Commissioner (who reads all of the council) see every
figure; board members and region or DfE officials see the suppressed ones as "c". The
comparator's figure is many councils' children and is never suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from trajectory.councils.models import Role
from trajectory.councils.permissions import roles_of

MINIMUM_RESPONDENTS = 10
MINIMUM_COUNT = 5
MARKER = "c"
MARKER_TEXT = "c: withheld because so few answered that it could point to a child or worker"

# Who sees every figure and the children's own words. Anyone holding only board_member, region
# (or admin, who manages people and reads no results) is outside.
INSIDE_ROLES = frozenset({Role.ANALYST, Role.MANAGER, Role.LEADER, Role.COMMISSIONER})


@dataclass(frozen=True)
class Rule:
    minimum_respondents: int = MINIMUM_RESPONDENTS
    minimum_count: int = MINIMUM_COUNT


def rule_for(council) -> Rule:
    from trajectory.voice.models import VoiceSettings

    stored = VoiceSettings.objects.filter(council=council).first()
    if stored is None:
        return Rule()
    return Rule(stored.minimum_respondents, stored.minimum_count)


def is_inside(user, council) -> bool:
    """True for the council's own staff and the Commissioner; None is the command line."""
    if user is None:
        return True
    return bool(roles_of(user, council) & INSIDE_ROLES)


def implied_count(percent, respondents: int) -> int:
    """The people a percentage stands for, rounded half up: 81% of 42 is 34."""
    exact = Decimal(str(percent)) * respondents / 100
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def withheld(percent, respondents: int | None, rule: Rule) -> bool:
    """Whether a result must be withheld from people outside the council."""
    if respondents is None or respondents < rule.minimum_respondents:
        return True
    if percent is None:
        return False
    agreeing = implied_count(percent, respondents)
    others = respondents - agreeing
    return 0 < agreeing < rule.minimum_count or 0 < others < rule.minimum_count


def count_withheld(count: int, rule: Rule) -> bool:
    """A count of answers or people (a theme's answers): 1 to minimum_count − 1 is withheld."""
    return 0 < count < rule.minimum_count
