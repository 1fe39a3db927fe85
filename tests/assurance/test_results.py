"""Results by month, team, theme and question, the figures for the indicator run, and the
audit results as assessment evidence, worked by hand on two audits."""

from __future__ import annotations

from datetime import date

import pytest

from tests.assurance.conftest import grade_all
from trajectory.assessment import evidence
from trajectory.assurance import selectors, services


@pytest.fixture
def two_done(programme, people, second_manager):
    """C8 (North) graded good throughout and moderated to requires improvement overall; a
    second child graded inadequate throughout, not moderated. The rest not started."""
    audits = list(programme.audits.order_by("child_id"))
    first = next(a for a in audits if a.child_id == "C8")
    other = next(a for a in audits if a.child_id != "C8")
    services.audit_save(
        audit=first,
        user=people["manager"],
        answers=grade_all(first, "good", "yes"),
        overall_grade="good",
        narrative="",
        submit=True,
    )
    services.audit_save(
        audit=other,
        user=people["manager"],
        answers=grade_all(other, "inadequate", "no"),
        overall_grade="inadequate",
        narrative="",
        submit=True,
    )
    services.moderation_record(
        audit=first,
        user=second_manager,
        answers=grade_all(first, "good", "yes"),
        overall_grade="requires_improvement",
        final_grade="requires_improvement",
        narrative="",
    )
    return first, other, len(audits)


def test_results_by_month_team_theme_and_question(two_done, council, people):
    first, other, sampled = two_done
    found = selectors.results(people["board_member"], council)
    (month,) = found["by_month"]
    # Final grades: requires improvement (moderated) and inadequate: none good or better.
    assert month["counts"] == {
        "outstanding": 0,
        "good": 0,
        "requires_improvement": 1,
        "inadequate": 1,
    }
    assert month["good_pct"] == 0.0
    teams = {row["key"]: row["counts"] for row in found["by_team"]}
    assert teams["North"]["requires_improvement"] == 1
    # Each theme has one Ofsted-scale question: one good (C8) and one inadequate answer.
    for theme in found["by_theme"]:
        assert theme["counts"]["good"] == 1 and theme["counts"]["inadequate"] == 1
        assert theme["good_pct"] == 50.0
    question = found["by_question"][0]
    assert question["total"] == 2
    march = date(2025, 3, 31)
    assert found["series"]["audits_completed_pct"] == [
        [march, 2, sampled, round(100 * 2 / sampled, 1)]
    ]
    assert found["series"]["audit_moderation_agreement_pct"] == [[march, 0, 1, 0.0]]


def test_monthly_figures_for_the_indicator_run(two_done, council):
    figures = {row["indicator"]: row for row in selectors.monthly_figures(council)}
    assert set(figures) == {
        "audits_good_or_better_pct",
        "audit_moderation_agreement_pct",
        "audits_completed_pct",
    }
    good = figures["audits_good_or_better_pct"]
    assert (good["as_at"], good["numerator"], good["denominator"], good["value"]) == (
        date(2025, 3, 31),
        0,
        2,
        0.0,
    )


def test_month_and_audit_evidence(two_done, council):
    first, _other, sampled = two_done
    assert ("2025-03", "Case audit results, March 2025") in evidence.get("audit_month").choices(
        council
    )
    month = evidence.current(council, "audit_month", "2025-03", date(2025, 4, 20))
    assert month["value"] == "0.0% good or better"
    assert "moderation agreed 0 of 1 (0.0%)" in month["detail"]
    assert f"2 of {sampled} audits done" in month["detail"]
    one = evidence.current(council, "audit", str(first.pk), date(2025, 4, 20))
    assert one["value"] == "Requires improvement"
    assert "C8" not in one["label"] and "North" in one["label"]
    missing = evidence.current(council, "audit_month", "2019-01", date(2025, 4, 20))
    assert missing["value"] == "Not found"
