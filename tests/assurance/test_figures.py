"""The three audit figures and the grade distributions, worked by hand."""

from __future__ import annotations

from datetime import date

from trajectory.assurance import figures

JAN, FEB = date(2025, 1, 1), date(2025, 2, 1)


def row(month, *, done=True, moderated=False, overall="", moderator="", final=None):
    return {
        "month": month,
        "done": done,
        "moderated": moderated,
        "overall_grade": overall,
        "moderator_grade": moderator,
        "final_grade": final if final is not None else overall,
    }


ROWS = [
    # January: 5 sampled, 4 done (good, outstanding, requires improvement, inadequate), 1 not.
    # Two moderated: the good one agreed; the requires improvement one moved to good.
    row(JAN, overall="good", moderated=True, moderator="good", final="good"),
    row(JAN, overall="outstanding"),
    row(JAN, overall="requires_improvement", moderated=True, moderator="good", final="good"),
    row(JAN, overall="inadequate"),
    row(JAN, done=False),
    # February: 3 sampled, 2 done (requires improvement, good), none moderated.
    row(FEB, overall="requires_improvement"),
    row(FEB, overall="good"),
    row(FEB, done=False),
]


def test_good_or_better_uses_the_final_grade():
    # January: final grades good, outstanding, good (moderated up), inadequate: 3 of 4 = 75%.
    # February: requires improvement, good: 1 of 2 = 50%.
    assert figures.audits_good_or_better_pct(ROWS) == [
        [date(2025, 1, 31), 3, 4, 75.0],
        [date(2025, 2, 28), 1, 2, 50.0],
    ]


def test_moderation_agreement_is_of_moderated_audits_only():
    # January: 2 moderated, 1 agreed: 50%. February: none moderated: no figure.
    assert figures.audit_moderation_agreement_pct(ROWS) == [
        [date(2025, 1, 31), 1, 2, 50.0],
        [date(2025, 2, 28), 0, 0, None],
    ]


def test_completion_is_done_of_sampled():
    # January 4 of 5 = 80%; February 2 of 3 = 66.7%.
    assert figures.audits_completed_pct(ROWS) == [
        [date(2025, 1, 31), 4, 5, 80.0],
        [date(2025, 2, 28), 2, 3, 66.7],
    ]


def test_distribution_and_good_or_better():
    counts = figures.distribution(["good", "good", "inadequate", "outstanding", "", "yes"])
    assert counts == {"outstanding": 1, "good": 2, "requires_improvement": 0, "inadequate": 1}
    assert figures.good_or_better(counts) == (3, 4, 75.0)
    assert figures.good_or_better(figures.distribution([])) == (0, 0, None)


def test_month_end_in_a_leap_year():
    assert figures.month_end(date(2024, 2, 1)) == date(2024, 2, 29)
