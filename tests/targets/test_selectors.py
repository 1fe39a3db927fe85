"""The RAG of each indicator's latest figure against the target in force at its date
(targets/selectors.py), with figures from a stored run."""

from __future__ import annotations

from datetime import date

from trajectory.targets import rag, selectors
from trajectory.targets.services import indicator_target_set, indicator_target_withdraw

MISSING = "cla_missing_pct"  # lower is better
IN_TOUCH = "care_leavers_in_touch_pct"  # annual, higher is better


def _set(council, indicator_id, target, tolerance, effective_from=None):
    return indicator_target_set(
        actor=None,
        council=council,
        indicator_id=indicator_id,
        target=target,
        tolerance=tolerance,
        reason="Agreed at the board.",
        effective_from=effective_from,
    )


def test_the_latest_figure_is_rated_against_its_target(council, make_run):
    make_run(council, {MISSING: [(date(2024, 3, 31), 9.0), (date(2025, 3, 31), 11.2)]})
    _set(council, MISSING, 10.0, 1.0)
    rated = selectors.indicator_rag(None, council, MISSING)
    # 11.2 is above 10 + 1: off target.
    assert (rated.as_at, rated.value, rated.rag) == (date(2025, 3, 31), 11.2, rag.OFF_TARGET)
    assert rated.sentence == "Off target: 11.2% against a target of 10.0% or lower"
    _set(council, MISSING, 10.0, 2.0)
    assert selectors.indicator_rag(None, council, MISSING).rag is rag.NEAR_TARGET  # ≤ 12


def test_the_target_in_force_at_the_figures_date_is_the_one_used(council, make_run):
    make_run(council, {MISSING: [(date(2025, 3, 31), 11.2)]})
    old = _set(council, MISSING, 12.0, 1.0)  # every figure
    _set(council, MISSING, 10.0, 1.0, effective_from=date(2025, 4, 1))  # later figures only
    rated = selectors.indicator_rag(None, council, MISSING)
    assert rated.target == old and rated.rag is rag.ON_TARGET  # 11.2 ≤ 12
    # A setting from the figure's own date applies to it.
    newest = _set(council, MISSING, 10.0, 1.0, effective_from=date(2025, 3, 31))
    rated = selectors.indicator_rag(None, council, MISSING)
    assert rated.target == newest and rated.rag is rag.OFF_TARGET


def test_a_withdrawal_in_force_leaves_no_target(council, make_run):
    make_run(council, {MISSING: [(date(2025, 3, 31), 11.2)]})
    _set(council, MISSING, 12.0, 1.0)
    indicator_target_withdraw(actor=None, council=council, indicator_id=MISSING, reason="Review.")
    assert selectors.indicator_rag(None, council, MISSING).rag is rag.NO_TARGET


def test_no_figure_gives_no_data_never_a_colour(council, make_run):
    make_run(council, {MISSING: [(date(2025, 3, 31), None)]})
    _set(council, MISSING, 10.0, 1.0)
    rated = selectors.indicator_rag(None, council, MISSING)
    assert rated.rag is rag.NO_DATA and rated.rag.colour == "grey"
    assert rated.sentence == "No figure to rate against a target of 10.0% or lower"


def test_an_annual_indicator_uses_its_latest_annual_figure(council, make_run):
    # The 2023-24 cohort is 80%; the 2024-25 cohort 85%, carried by its month-ends.
    make_run(
        council,
        {
            IN_TOUCH: [
                (date(2024, 3, 31), 80.0),
                (date(2024, 4, 30), 85.0),
                (date(2025, 3, 31), 85.0),
            ]
        },
    )
    _set(council, IN_TOUCH, 90.0, 5.0)
    rated = selectors.scorecard_rags(None, council)[IN_TOUCH]
    assert (rated.as_at, rated.value, rated.rag) == (date(2025, 3, 31), 85.0, rag.NEAR_TARGET)


def test_scorecard_rags_rates_every_indicator(council, make_run):
    from trajectory.indicators.registry import INDICATORS

    make_run(council, {MISSING: [(date(2025, 3, 31), 8.0)]})
    _set(council, MISSING, 10.0, 1.0)
    rags = selectors.scorecard_rags(None, council)
    assert list(rags) == [indicator.id for indicator in INDICATORS]
    assert rags[MISSING].rag is rag.ON_TARGET
    others = {rated.rag for indicator_id, rated in rags.items() if indicator_id != MISSING}
    assert others == {rag.NO_TARGET}


def test_no_run_yet(council):
    _set(council, MISSING, 10.0, 1.0)
    assert selectors.scorecard_rags(None, council)[MISSING].rag is rag.NO_DATA


def test_target_words_by_polarity(council):
    assert selectors.target_text(_set(council, MISSING, 10.0, 1.5)) == "10.0% or lower"
    higher = _set(council, "cla_reviews_on_time_pct", 95.0, 2.0)
    assert selectors.target_text(higher) == "95.0% or higher"
    assert selectors.tolerance_shown(higher) == "2.0 percentage points"
    band = _set(council, "cla_rate_per_10k", 1200.0, 50.0)
    assert selectors.target_text(band) == "1,200 ± 50"
    assert selectors.tolerance_shown(band) == "± 50"
