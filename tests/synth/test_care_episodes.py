"""One period of care turned into episodes, with every random draw chosen and worked by hand.

The draws are scripted, so each expected row follows from the generation rules in ssda903.py
and the weights in mixes.py by hand: which legal route a path takes, when a placement moves,
and what SSDA903 says the new episode's RNE and the old one's REC must then be.
"""

from __future__ import annotations

from datetime import date

import pytest

from trajectory.synth.ssda903 import _care_episodes, _Journey, _Period, _Window

WINDOW = _Window(
    council_code="990",
    first_day=date(2022, 4, 1).toordinal(),
    last_day=date(2025, 3, 31).toordinal(),
    last_year_first_day=date(2024, 4, 1).toordinal(),
    late_review_rate=0.1,
    move_rate=1.0,
    missing_propensity=0.2,
)
ZERO_POSTCODE = [0.0] * 4  # ZZ1 0AA: 1 + int(0 * 99), int(0 * 10), letters[0] twice
HALF_POSTCODE = [0.5] * 4  # ZZ50 5PP: 1 + int(49.5), int(5.0), letters[10] is P
TOP_POSTCODE = [0.99] * 4  # ZZ99 9ZZ: 1 + int(98.01), int(9.9), letters[19] is Z


class _Script:
    """Stands in for random.Random, handing out the draws each test worked out by hand."""

    def __init__(self, uniforms: list[float], waits: list[float]) -> None:
        self.uniforms = list(uniforms)
        self.waits = list(waits)
        self.rates: list[float] = []

    def random(self) -> float:
        return self.uniforms.pop(0)

    def expovariate(self, rate: float) -> float:
        self.rates.append(rate)
        return self.waits.pop(0)


def _journey(born: date, period: _Period) -> _Journey:
    turns_18 = date(born.year + 18, born.month, born.day).toordinal()
    return _Journey(born.toordinal(), turns_18, False, False, [period])


def test_special_guardianship_two_moves_then_a_full_care_order():
    start = date(2022, 1, 10).toordinal()
    period = _Period(start, start + 700, "sgo", "E45")
    script = _Script(
        [
            0.5,  # LS on entry: sgo takes a care order (C1) when below 0.65
            0.5,  # final hearing 150 + 0.5 * 180 = 240 days in: C2
            0.9,  # no move at the final hearing (below 0.15 would move)
            0.9,  # no police protection (below 0.06)
            0.5,  # early move day 3 + int(0.5 * 57) = 31 ...
            0.1,  # ... which happens (below 0.3)
            0.9,  # sgo: not confirmed as long-term fostering (below 0.4)
            0.1,  # CIN N1 (66% of the weight)
            *ZERO_POSTCODE,  # home postcode
            0.1,  # first placement, age 2: U6 (first 50%)
            0.1,  # fostering provider PR1 (first 60%): the council's own, URN SC9 + 990 + 0
            *TOP_POSTCODE,
            0.6,  # day 31 move: U4 (50% to 66%)
            0.7,  # provider PR4 (60% to 95%)
            0.5,  # agency URN SC8 + int(0.5 * 150) = SC800075
            *HALF_POSTCODE,
            0.5,  # why the first placement ended: CREQB (44% to 56%)
            0.9,  # day 100 move: U1 (86% to 96%)
            0.97,  # provider PR5 (95% to 100%)
            0.0,  # agency URN SC800000
            *ZERO_POSTCODE,
            0.65,  # why the second placement ended: CHILD (62% to 70%)
        ],
        waits=[99.0, 10_000.0],  # a move 1 + 99 days in, then none before care ends
    )

    episodes = _care_episodes(script, _journey(date(2020, 1, 1), period), period, WINDOW)

    assert [e.row() for e in episodes] == [
        (start, "S", "C1", "N1", "U6", "PR1", start + 31, "X1", "CREQB")
        + ("ZZ1 0AA", "ZZ99 9ZZ", "SC99900"),
        (start + 31, "P", "C1", "N1", "U4", "PR4", start + 100, "X1", "CHILD")
        + ("ZZ1 0AA", "ZZ50 5PP", "SC800075"),
        (start + 100, "P", "C1", "N1", "U1", "PR5", start + 240, "X1", None)
        + ("ZZ1 0AA", "ZZ1 0AA", "SC800000"),
        # the full care order changes the legal status only (RNE L), same placement
        (start + 240, "L", "C2", "N1", "U1", "PR5", start + 700, "E45", None)
        + ("ZZ1 0AA", "ZZ1 0AA", "SC800000"),
    ]
    assert script.uniforms == [] and script.waits == []
    # a two-year-old in the first year in care: 0.3 moves a year, times 1.4
    assert script.rates == [pytest.approx(0.42 / 365.25)] * 2


def test_police_protection_then_s20_with_a_move_then_long_term_fostering_confirmed():
    start = date(2022, 6, 1).toordinal()
    period = _Period(start, date(2032, 6, 1).toordinal(), "long_term", "AT18")
    script = _Script(
        [
            0.8,  # LS on entry: long_term is accommodated under s20 (V2) from 0.65
            0.9,  # no care proceedings (below 0.55 would go to court)
            0.01,  # police protection first (below 0.06) ...
            0.1,  # ... L1 rather than L2 (below 0.6) ...
            0.5,  # ... for 1 + int(0.5 * 3) = 2 days, then V2 ...
            0.2,  # ... and a move from the emergency placement that day (below 0.4)
            0.0,  # early move day 3 ...
            0.9,  # ... does not happen (below 0.3 would)
            0.1,  # the foster placement is confirmed as long-term (below 0.4) ...
            0.5,  # ... 180 + int(0.5 * 360) = 360 days in
            0.1,  # CIN N1
            *ZERO_POSTCODE,  # home postcode
            0.2,  # emergency placement, age 8: U6 (first 45%)
            0.3,  # provider PR1: URN SC99900
            *TOP_POSTCODE,
            0.3,  # day 2 move: U6 again
            0.7,  # provider PR4
            0.2,  # agency URN SC8 + int(0.2 * 150) = SC800030
            *HALF_POSTCODE,
            0.1,  # why the emergency placement ended: CARPL (first 44%)
        ],
        waits=[5000.0],  # no other move before the window's end
    )

    episodes = _care_episodes(script, _journey(date(2014, 6, 1), period), period, WINDOW)

    assert [e.row() for e in episodes] == [
        (start, "S", "L1", "N1", "U6", "PR1", start + 2, "X1", "CARPL")
        + ("ZZ1 0AA", "ZZ99 9ZZ", "SC99900"),
        # new legal status and new carers on the same day: RNE B
        (start + 2, "B", "V2", "N1", "U6", "PR4", start + 360, "X1", "PLACE")
        + ("ZZ1 0AA", "ZZ50 5PP", "SC800030"),
        # the same carers confirmed as long-term foster carers: RNE T, U6 becomes U4; still
        # looked after at the window's end, so no DEC or REC
        (start + 360, "T", "V2", "N1", "U4", "PR4", None, None, None)
        + ("ZZ1 0AA", "ZZ50 5PP", "SC800030"),
    ]
    assert script.uniforms == [] and script.waits == []


def test_a_relinquished_baby_placed_with_consent_with_the_foster_carers():
    start = date(2023, 1, 2).toordinal()
    period = _Period(start, start + 500, "adoption", "E11")
    script = _Script(
        [
            0.8,  # LS on entry: V2 from 0.65
            0.1,  # relinquished: placed for adoption with consent, s20 throughout (below 0.35)
            0.9,  # A3, with the current foster carers (from 0.75; A4 below)
            0.5,  # placed 60 + int(0.5 * (300 - 60)) = 180 days in
            0.9,  # no police protection
            0.0,  # early move day 3 ...
            0.9,  # ... does not happen
            0.1,  # CIN N1
            *ZERO_POSTCODE,  # home postcode
            0.1,  # first placement, under 1: U6 (first 55%)
            0.1,  # provider PR1: URN SC99900
            *TOP_POSTCODE,
            0.7,  # adoption provider PR2, an adoption agency (60% to 75%)
            *HALF_POSTCODE,
        ],
        waits=[500.0],  # no move before the adoption placement
    )

    episodes = _care_episodes(script, _journey(date(2022, 10, 1), period), period, WINDOW)

    assert [e.row() for e in episodes] == [
        (start, "S", "V2", "N1", "U6", "PR1", start + 180, "X1", "PLACE")
        + ("ZZ1 0AA", "ZZ99 9ZZ", "SC99900"),
        # same carers, now adopters-to-be: RNE T; the adoption order ends care (E11)
        (start + 180, "T", "V2", "N1", "A3", "PR2", start + 500, "E11", None)
        + ("ZZ1 0AA", "ZZ50 5PP", "XXXXXXX"),
    ]
    assert script.uniforms == [] and script.waits == []
