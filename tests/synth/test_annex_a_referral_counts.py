"""List 3's "Number of Referrals in Last 12 Months" in the synthetic council's Annex A: the
child's referrals in the 12 months ending on each referral's day, that referral included, so
2 or more marks a re-referral (as `annex_a_rereferrals_pct` reads it). Worked by hand."""

from __future__ import annotations

from datetime import date

from trajectory.synth.council import in_last_12_months

D = date


def test_each_referral_counts_the_childs_referrals_in_the_12_months_to_its_day():
    referred = [D(2024, 1, 1), D(2024, 6, 1), D(2025, 8, 1)]
    # 1 Jan 2024: nothing before it, so 1 (the referral itself), not the child's 3 in all.
    # 1 Jun 2024: 1 Jan 2024 is within the 12 months back to 1 Jun 2023: 2, a re-referral.
    # 1 Aug 2025: the 12 months go back to 1 Aug 2024; 1 Jun 2024 is before them: 1.
    assert [in_last_12_months(referred, day) for day in referred] == [1, 2, 1]


def test_a_referral_a_year_to_the_day_after_another_is_a_re_referral():
    # The 12 months to 1 Jun 2025 reach back to 1 Jun 2024 itself (DfE's re-referral, as
    # cin_rereferrals_pct counts it): 2. One day later, 2 Jun 2025, they start on 2 Jun: 1.
    assert in_last_12_months([D(2024, 6, 1), D(2025, 6, 1)], D(2025, 6, 1)) == 2
    assert in_last_12_months([D(2024, 6, 1), D(2025, 6, 2)], D(2025, 6, 2)) == 1


def test_later_referrals_do_not_count_toward_an_earlier_one():
    # Given out of order: for 1 Mar 2024 only itself is on or before its day: 1.
    referred = [D(2024, 9, 1), D(2024, 3, 1)]
    assert in_last_12_months(referred, D(2024, 3, 1)) == 1
    assert in_last_12_months(referred, D(2024, 9, 1)) == 2
