"""What pages and the command line call each rule, variation and icon (Making Data Count)."""

from __future__ import annotations

RULE_TEXT = {
    "outside_limits": "a point outside the process limits",
    "trend": "7 points in a row each higher or each lower than the one before",
    "two_in_three": "2 of 3 points in a row close to a process limit",
    "shift": "7 points in a row on one side of the mean",
}

VARIATION_TEXT = {
    "common_cause": "Common cause",
    "improvement": "Special cause: improvement",
    "concern": "Special cause: concern",
    "neutral": "Special cause: neither better nor worse",
}

VARIATION_ICON_TEXT = {
    "common_cause": "Common cause variation: no significant change",
    "improvement_high": "Special cause variation: improvement, higher figures",
    "improvement_low": "Special cause variation: improvement, lower figures",
    "concern_high": "Special cause variation: concern, higher figures",
    "concern_low": "Special cause variation: concern, lower figures",
    "neutral_high": "Special cause variation: higher figures, neither better nor worse",
    "neutral_low": "Special cause variation: lower figures, neither better nor worse",
}

ASSURANCE_ICON_TEXT = {
    "capable": "Assurance: the process will consistently meet the target",
    "not_capable": "Assurance: the process will not meet the target without change",
    "hit_or_miss": "Assurance: the process will sometimes meet the target and sometimes miss",
}
