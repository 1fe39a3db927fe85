"""Referrals, re-referrals and assessments within 45 working days, worked by hand."""

from __future__ import annotations

from datetime import date

from tests.indicators.cin.builders import assessments, details, figure, listed, tables
from trajectory.indicators.working_days import add_working_days_to

D = date
END = D(2025, 3, 31)


def _referrals():
    return tables(
        CINdetails=details(
            # A: referred in May 2023 (before the 12 months), again on 1 May 2024 - within
            # 12 months of the first? 2023-05-02 is after 2023-05-01: yes, a re-referral.
            ("A", 1, D(2023, 5, 2), D(2023, 9, 1), False),
            ("A", 2, D(2024, 5, 1), D(2024, 8, 1), False),
            # A again 1 March 2025: previous 1 May 2024, within 12 months: a re-referral.
            ("A", 3, D(2025, 3, 1), None, False),
            # B: first referral on 1 April 2024 (the 12 months' first day), ended NFA
            ("B", 1, D(2024, 4, 1), D(2024, 4, 3), True),
            # C: referred 31 March 2024, the day before the 12 months: not counted; again on
            # 31 March 2025, the last day, exactly a year later: a re-referral (on or after
            # the same day a year before)
            ("C", 1, D(2024, 3, 31), D(2024, 6, 1), False),
            ("C", 2, D(2025, 3, 31), None, False),
            # E: referred 1 April 2024 after one on 31 March 2023: more than 12 months
            ("E", 1, D(2023, 3, 31), D(2023, 5, 1), False),
            ("E", 2, D(2024, 4, 1), None, False),
        )
    )


def test_referrals_count_every_referral_in_the_12_months_nfa_included():
    frames = _referrals()
    # A twice (1 May 2024, 1 March 2025), B (NFA too), C (31 March 2025), E (1 April 2024)
    assert figure(frames, "cin_referrals_12m", END) == {
        "numerator": 5,
        "denominator": None,
        "value": 5,
    }
    rate = figure(frames, "cin_referrals_rate_per_10k", END, population=20_000)
    assert rate == {"numerator": 5, "denominator": 20_000, "value": 2.5}  # 5 / 20,000 x 10,000


def test_rereferrals_are_within_12_months_of_the_previous_referral():
    frames = _referrals()
    # Of 5 referrals: A's two (previous 2 May 2023 and 1 May 2024) and C's (a year to the day)
    assert figure(frames, "cin_rereferrals_pct", END) == {
        "numerator": 3,
        "denominator": 5,
        "value": 60.0,
    }
    assert listed(frames, "cin_rereferrals_pct", END) == [
        ("A", True),
        ("A", True),
        ("B", False),
        ("C", True),
        ("E", False),
    ]


def test_assessments_within_45_working_days_count_from_the_start_and_skip_bank_holidays():
    """The 45 working days run from AssessmentActualStartDate (day 0) to
    AssessmentAuthorisationDate, not from the episode's referral.

    A, B, C referred Monday 2 December 2024, assessments started Tuesday 3 December. Working
    days after the start: 4-6 Dec (3), 9-13 (8), 16-20 (13), 23-24 (15), Christmas Day and
    Boxing Day are bank holidays, 27 (16), 30-31 (18), New Year's Day a holiday, 2-3 Jan (20),
    6-10 (25), 13-17 (30), 20-24 (35), 27-31 (40), 3-7 Feb (45): due Friday 7 February 2025
    (counted from the referral it would be Thursday 6 February; weekdays alone, 4 February).

    D referred 10 January 2024, its assessment started Tuesday 2 April 2024: 3-5 Apr (3),
    8-12 (8), 15-19 (13), 22-26 (18), 29-30 (20), 1-3 May (23), 6 May a bank holiday, 7-10
    (27), 13-17 (32), 20-24 (37), 27 May a bank holiday, 28-31 (41), 3-6 Jun (45): due
    Thursday 6 June 2024, though that is far more than 45 working days after the referral.
    """
    frames = tables(
        CINdetails=details(
            ("A", 1, D(2024, 12, 2), None, False),
            ("B", 1, D(2024, 12, 2), None, False),
            ("C", 1, D(2024, 12, 2), None, False),
            ("D", 1, D(2024, 1, 10), None, False),
            ("E", 1, D(2025, 1, 6), None, False),
        ),
        Assessments=assessments(
            # the 45th working day after the start (the 46th after the referral): on time
            ("A", 1, 1, D(2024, 12, 3), D(2025, 2, 7)),
            ("B", 1, 1, D(2024, 12, 3), D(2025, 2, 10)),  # Monday, the 46th: late
            ("C", 1, 1, D(2024, 12, 3), None),  # not completed: not counted
            ("D", 1, 1, D(2024, 4, 2), D(2024, 6, 6)),  # the 45th after its start: on time
            # E: authorised with no start date: cannot be shown on time, in the denominator
            ("E", 1, 1, None, D(2025, 3, 3)),
        ),
    )
    # Authorised in 1 April 2024 - 31 March 2025: A, B, D, E (4); on time: A, D (2)
    assert figure(frames, "cin_assessments_45wd_pct", END) == {
        "numerator": 2,
        "denominator": 4,
        "value": 50.0,
    }
    assert add_working_days_to(D(2024, 12, 3), 45) == D(2025, 2, 7)
    assert add_working_days_to(D(2024, 4, 2), 45) == D(2024, 6, 6)
    assert listed(frames, "cin_assessments_45wd_pct", END) == [
        ("A", True),
        ("B", False),
        ("D", True),
        ("E", False),
    ]
