"""Agreement between the council's self-assessment and the Commissioner's opinion, derived.

Never typed and never stored (like RAG in `plans/rag.py`): it is read from the two ratings'
places on the framework's ordered scale, so it can never contradict them. The gap is the
opinion's place minus the self-assessment's: negative when the Commissioner is more cautious.
Pure: no database.
"""

from __future__ import annotations

from dataclasses import dataclass

AGREES = "agrees"
MORE_CAUTIOUS = "more_cautious"
MORE_POSITIVE = "more_positive"
NOT_YET = "not_yet"

LABELS = {
    AGREES: "Agrees",
    MORE_CAUTIOUS: "More cautious",
    MORE_POSITIVE: "More positive",
    NOT_YET: "Not yet rated by both",
}
TAGS = {
    AGREES: "govuk-tag--green",
    MORE_CAUTIOUS: "govuk-tag--orange",
    MORE_POSITIVE: "govuk-tag--blue",
    NOT_YET: "govuk-tag--grey",
}


@dataclass(frozen=True)
class Agreement:
    key: str
    gap: int | None  # opinion's place minus self-assessment's; None until both are rated

    @property
    def label(self) -> str:
        return LABELS[self.key]

    @property
    def tag_class(self) -> str:
        return TAGS[self.key]

    @property
    def gap_shown(self) -> str:
        """ "No gap", "1 step more cautious", "2 steps more positive"; "" until both rated."""
        if self.gap is None:
            return ""
        if self.gap == 0:
            return "No gap"
        steps = abs(self.gap)
        noun = "step" if steps == 1 else "steps"
        return f"{steps} {noun} {'more cautious' if self.gap < 0 else 'more positive'}"


def place(scale, rating: str) -> int | None:
    """A rating's place on the scale, 0 lowest; None for no rating or one not on it."""
    try:
        return list(scale).index(rating) if rating else None
    except ValueError:
        return None


def agreement(scale, self_rating: str, opinion_rating: str) -> Agreement:
    council, commissioner = place(scale, self_rating), place(scale, opinion_rating)
    if council is None or commissioner is None:
        return Agreement(NOT_YET, None)
    gap = commissioner - council
    if gap == 0:
        return Agreement(AGREES, 0)
    return Agreement(MORE_CAUTIOUS if gap < 0 else MORE_POSITIVE, gap)
