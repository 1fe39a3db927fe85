"""Annex A's figures cut by each list's own Allocated Team and Allocated Worker (issue 10.6),
on the one breakdown path (breakdowns.py), worked by hand.

Two teams and three workers: North (W1, W2) and South (W3). The lists run from 1 April to 30
September 2025. England's 2025 bank holiday that matters: Monday 25 August.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from tests.indicators.annex_a.builders import CHILD, FIRST, LAST, annex_list
from trajectory.indicators import registry
from trajectory.indicators.breakdowns import BREAKDOWN_INDICATORS, compute_annex_a_breakdowns
from trajectory.indicators.compute import compute_annex_a

D = date
TEAM, WORKER = "Allocated Team", "Allocated Worker"

ASSESSED = annex_list(
    {
        "Continuous Assessment Start Date": pl.Date,
        "Continuous Assessment Date of Authorisation": pl.Date,
        TEAM: pl.String,
        WORKER: pl.String,
    },
    ("A", D(2025, 6, 2), D(2025, 8, 4), "North", "W1"),  # the 45th working day: on time
    ("B", D(2025, 6, 2), D(2025, 8, 5), "North", "W1"),  # the 46th: late
    ("C", D(2025, 7, 18), D(2025, 9, 22), "North", "W2"),  # on time over the bank holiday
    ("D", D(2025, 7, 1), D(2025, 9, 30), "South", "W3"),  # due 3 September: late
    ("E", D(2025, 9, 1), D(2025, 9, 12), "South", "W3"),  # 9 working days: on time
    ("F", D(2025, 6, 2), D(2025, 8, 4), None, None),  # on time, no team or worker recorded
)

PLANNED = annex_list(
    {
        "Child Protection Plan Start Date": pl.Date,
        "Child Protection Plan End Date": pl.Date,
        TEAM: pl.String,
        WORKER: pl.String,
    },
    ("P1", D(2023, 1, 1), None, "North", "W1"),  # 2 years or more at every month-end
    ("P2", D(2024, 6, 1), None, "North", "W2"),  # under 2 years throughout
    ("P3", D(2023, 9, 30), None, "South", "W3"),  # 2 years on 30 September 2025, not before
    ("P4", D(2025, 1, 1), D(2025, 6, 1), "South", "W3"),  # open to 31 May only
)


def _cut(lists, indicator_id, dimension, worker_dates=None) -> dict:
    out = compute_annex_a_breakdowns(lists, FIRST, LAST, worker_dates=worker_dates).filter(
        (pl.col("indicator_id") == indicator_id) & (pl.col("dimension") == dimension)
    )
    return {
        (row["key"], row["as_at"]): (row["numerator"], row["denominator"], row["value"])
        for row in out.iter_rows(named=True)
    }


def test_assessments_within_45_working_days_by_team_worked_by_hand():
    teams = _cut({"List4": ASSESSED}, "annex_a_assessments_45wd_pct", "team")
    # 30 September (six months from 1 April): North A, B, C authorised, A and C on time: 2/3;
    # South D (late) and E (on time): 1/2; F, no team recorded, on time: 1/1. Council 4/6.
    assert teams[("North", LAST)] == (2.0, 3.0, pytest.approx(200 / 3))
    assert teams[("South", LAST)] == (1.0, 2.0, 50.0)
    assert teams[("", LAST)] == (1.0, 1.0, 100.0)
    # 31 August's six months begin 1 March, before the lists: no figure for the council, so
    # none for a team either.
    assert not [key for key in teams if key[1] != LAST]


def test_assessments_by_worker_worked_by_hand():
    workers = _cut({"List4": ASSESSED}, "annex_a_assessments_45wd_pct", "worker")
    # W1: A on time, B late: 1/2. W2: C on time: 1/1. W3: D late, E on time: 1/2. F: none.
    assert workers == {
        ("W1", LAST): (1.0, 2.0, 50.0),
        ("W2", LAST): (1.0, 1.0, 100.0),
        ("W3", LAST): (1.0, 2.0, 50.0),
        ("", LAST): (1.0, 1.0, 100.0),
    }


def test_plans_open_two_years_by_team_at_each_month_end_worked_by_hand():
    teams = _cut({"List7": PLANNED}, "annex_a_cpp_open_2years_pct", "team")
    # 31 May: North P1 (2 years on 31 May 2025 needs a start by 31 May 2023: yes), P2 (no): 1/2.
    # South P3 (needs a start by 31 May 2023: no), P4 open (ends 1 June): 0/2.
    assert teams[("North", D(2025, 5, 31))] == (1.0, 2.0, 50.0)
    assert teams[("South", D(2025, 5, 31))] == (0.0, 2.0, 0.0)
    # 31 August: P4 has ended; P3 needs a start by 31 August 2023: no. South 0/1.
    assert teams[("South", D(2025, 8, 31))] == (0.0, 1.0, 0.0)
    # 30 September: P3 began 30 September 2023, its second anniversary: South 1/1; North 1/2.
    assert teams[("South", LAST)] == (1.0, 1.0, 100.0)
    assert teams[("North", LAST)] == (1.0, 2.0, 50.0)
    # every month-end from April (the figure stands at a date, not over six months)
    assert sorted({d for _, d in teams}) == [
        D(2025, 4, 30),
        D(2025, 5, 31),
        D(2025, 6, 30),
        D(2025, 7, 31),
        D(2025, 8, 31),
        LAST,
    ]


def test_workers_only_at_the_dates_asked_for():
    # A run stores workers at the lists' last day and the same month a year before.
    workers = _cut(
        {"List7": PLANNED}, "annex_a_cpp_open_2years_pct", "worker", [LAST, D(2024, 9, 30)]
    )
    # 30 September: W1 P1 1/1; W2 P2 0/1; W3 P3 1/1 (P4 ended in June).
    assert workers == {
        ("W1", LAST): (1.0, 1.0, 100.0),
        ("W2", LAST): (0.0, 1.0, 0.0),
        ("W3", LAST): (1.0, 1.0, 100.0),
    }


def test_the_teams_add_up_to_the_council():
    lists = {"List4": ASSESSED, "List7": PLANNED}
    council = compute_annex_a(lists, FIRST, LAST).filter(pl.col("denominator").is_not_null())
    cut = compute_annex_a_breakdowns(lists, FIRST, LAST).filter(pl.col("dimension") == "team")
    summed = cut.group_by("indicator_id", "as_at").agg(pl.col("numerator", "denominator").sum())
    joined = council.join(summed, on=["indicator_id", "as_at"], suffix="_teams")
    assert joined.height == council.filter(pl.col("denominator") > 0).height > 0
    assert (joined["numerator"] == joined["numerator_teams"]).all()
    assert (joined["denominator"] == joined["denominator_teams"]).all()


def test_care_leavers_in_touch_by_team_on_the_day_the_lists_end():
    leavers = annex_list(
        {"Date of Birth": pl.Date, "LA in Touch": pl.String, TEAM: pl.String, WORKER: pl.String},
        ("L1", D(2005, 1, 1), "YES", "Leaving care", "W1"),  # 20: in touch
        ("L2", D(2005, 1, 1), "NO", "Leaving care", "W2"),  # 20: not
        ("L3", D(2004, 1, 1), "DIED", "Leaving care", "W2"),  # left out
        ("L4", D(2006, 1, 1), "YES", "South", "W3"),  # 19: in touch
    )
    teams = _cut({"List9": leavers}, "annex_a_care_leavers_in_touch_pct", "team")
    # Leaving care: L1 in touch, L2 not, L3 died (left out): 1/2. South: L4: 1/1. Only on the
    # day the lists end (list 9 holds each young person's current status).
    assert teams == {("Leaving care", LAST): (1.0, 2.0, 50.0), ("South", LAST): (1.0, 1.0, 100.0)}


def test_contacts_are_not_cut_and_say_so():
    contacts = annex_list(
        {"Date of Contact": pl.Date, TEAM: pl.String}, ("A", D(2025, 9, 1), "North")
    )
    indicator = registry.get("annex_a_contacts_to_referral_pct")
    assert not indicator.by_team and indicator not in BREAKDOWN_INDICATORS
    assert "Not cut by team or worker: list 1 names neither" in " ".join(indicator.rule.split())
    out = compute_annex_a_breakdowns({"List1": contacts}, FIRST, LAST)
    assert "annex_a_contacts_to_referral_pct" not in set(out["indicator_id"])


def test_every_other_annex_a_indicator_is_cut_by_team():
    annex_a = [i.id for i in registry.INDICATORS if i.source_return == "annex_a"]
    cut = {i.id for i in BREAKDOWN_INDICATORS}
    assert len(annex_a) == 7
    assert [i for i in annex_a if i not in cut] == ["annex_a_contacts_to_referral_pct"]


def test_the_child_rows_name_their_team_and_worker():
    from trajectory.indicators.compute import children_at

    rows = children_at({"List4": ASSESSED}, "annex_a_assessments_45wd_pct", LAST)
    got = sorted(zip(rows["child_id"], rows[TEAM], rows[WORKER], strict=True), key=str)
    assert got[0] == ("A", "North", "W1") and ("F", None, None) in got
    assert CHILD not in rows.columns
