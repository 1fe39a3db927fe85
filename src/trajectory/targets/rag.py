"""The one place a figure's RAG against its target is worked out (issue 8.6). Never stored or
typed: it follows from the figure, the target, the tolerance and the indicator's polarity.

The ratings are the plan's `Rag` (plans/rag.py): the same colours, the same GOV.UK tag classes
and always a label in words, so red, amber and green mean one thing across the product.

Rules, with the figure compared as it is shown (rounded to the indicator's decimals):
- higher is better: green "On target" at or above the target; amber "Near target" at or above
  target − tolerance; red "Off target" below that;
- lower is better, mirrored: green at or below the target; amber at or below target +
  tolerance; red above that;
- neutral (neither direction is better): the target is the middle of a band. Green within
  ± tolerance of it (inclusive), amber within ± 2 × tolerance, red beyond;
- no target set (or withdrawn): grey "No target"; a target but no figure: grey "No data".
  Neither is ever a colour.
"""

from __future__ import annotations

from trajectory.plans.rag import Rag

ON_TARGET = Rag("on_target", "green", "On target")
NEAR_TARGET = Rag("near_target", "amber", "Near target")
OFF_TARGET = Rag("off_target", "red", "Off target")
NO_DATA = Rag("no_data", "grey", "No data")
NO_TARGET = Rag("no_target", "grey", "No target")
ALL = (OFF_TARGET, NEAR_TARGET, ON_TARGET, NO_DATA, NO_TARGET)

# Rounding the bounds as well as the figure keeps 0.3 − 0.1 from being 0.19999999999999998.
_FLOAT_PLACES = 10


def target_rag(
    value: float | None,
    target: float | None,
    tolerance: float | None,
    polarity: str,
    decimals: int | None = None,
) -> Rag:
    """Rate `value` against `target` ± `tolerance` by `polarity` (see the module's rules).

    `decimals` is the indicator's: the figure is rated as it is shown on the page."""
    if target is None:
        return NO_TARGET
    if value is None:
        return NO_DATA
    tolerance = tolerance or 0.0
    places = _FLOAT_PLACES if decimals is None else decimals

    def shown(number: float) -> float:
        return round(float(number), places)

    figure = shown(value)
    if polarity == "higher_is_better":
        if figure >= shown(target):
            return ON_TARGET
        return NEAR_TARGET if figure >= shown(target - tolerance) else OFF_TARGET
    if polarity == "lower_is_better":
        if figure <= shown(target):
            return ON_TARGET
        return NEAR_TARGET if figure <= shown(target + tolerance) else OFF_TARGET
    if polarity == "neutral":
        distance = round(abs(figure - shown(target)), _FLOAT_PLACES)
        if distance <= round(tolerance, _FLOAT_PLACES):
            return ON_TARGET
        return NEAR_TARGET if distance <= round(2 * tolerance, _FLOAT_PLACES) else OFF_TARGET
    raise ValueError(f"Unknown polarity {polarity!r}")
