"""Each indicator against small tables whose answers are counted by hand (see the comments)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from tests.indicators.builders import (
    counted_children,
    episodes,
    figure,
    header,
    missing,
    oc3,
    reviews,
    tables,
)
from trajectory.indicators.compute import children_at
from trajectory.indicators.working_days import add_working_days, add_working_days_to

D = date
AS_AT = D(2024, 3, 31)  # the period is 1 April 2023 to 31 March 2024


@pytest.fixture
def comings_and_goings():
    return tables(
        Episodes=episodes(
            # E: care ends on the as-at date — a cease, not looked after at it
            ("E", D(2023, 1, 1), "S", "C2", "U1", D(2024, 3, 31), "E4A"),
            # F: care starts on the as-at date — looked after, and a start
            ("F", D(2024, 3, 31), "S", "V2", "U1", None, None),
            # X: two X1 transitions inside one period of care that began in 2022
            ("X", D(2022, 6, 1), "S", "C1", "U1", D(2023, 8, 1), "X1"),
            ("X", D(2023, 8, 1), "L", "C2", "U1", D(2023, 10, 1), "X1"),
            ("X", D(2023, 10, 1), "P", "C2", "K2", None, None),
            # S: only short breaks — never counted
            ("S", D(2023, 5, 1), "S", "V3", "U1", D(2023, 5, 3), "E4A"),
            ("S", D(2024, 1, 1), "S", "V4", "U1", None, None),
            # B: a baby born in the period and looked after from birth
            ("B", D(2023, 9, 10), "S", "V2", "U1", None, None),
            # T: started and ceased twice in the period — counted once each
            ("T", D(2023, 5, 1), "S", "V2", "U1", D(2023, 6, 1), "E4A"),
            ("T", D(2023, 9, 1), "S", "V2", "U1", D(2023, 12, 1), "E4B"),
            # P: started the day before the period (not a start), ceased on its first day (a cease)
            ("P", D(2023, 3, 31), "S", "C2", "U1", D(2023, 4, 1), "E13"),
            # V: short breaks then full care: full care starts 1 July 2023 (a start)
            ("V", D(2023, 1, 1), "S", "V3", "U1", D(2023, 7, 1), "X1"),
            ("V", D(2023, 7, 1), "L", "C2", "U1", None, None),
        )
    )


def test_looked_after_at_the_date(comings_and_goings):
    assert figure(comings_and_goings, "cla_count", AS_AT)["value"] == 4
    assert counted_children(comings_and_goings, "cla_count", AS_AT) == ["B", "F", "V", "X"]
    # The day before, E is still looked after and F not yet.
    assert counted_children(comings_and_goings, "cla_count", D(2024, 3, 30)) == ["B", "E", "V", "X"]


def test_rate_per_10000(comings_and_goings):
    rate = figure(comings_and_goings, "cla_rate_per_10k", AS_AT, population=20_000)
    assert rate == {"numerator": 4, "denominator": 20_000, "value": 2.0}
    assert figure(comings_and_goings, "cla_rate_per_10k", AS_AT)["value"] is None


def test_starts_in_the_12_months(comings_and_goings):
    assert figure(comings_and_goings, "cla_starts_12m", AS_AT) == {
        "numerator": 4,
        "denominator": None,
        "value": 4,
    }
    assert counted_children(comings_and_goings, "cla_starts_12m", AS_AT) == ["B", "F", "T", "V"]


def test_ceases_in_the_12_months(comings_and_goings):
    assert counted_children(comings_and_goings, "cla_ceased_12m", AS_AT) == ["E", "P", "T"]
    assert figure(comings_and_goings, "cla_ceased_12m", AS_AT)["value"] == 3
    # A month later (1 May 2023 to 30 April 2024) P's cease on 1 April 2023 has dropped out.
    assert counted_children(comings_and_goings, "cla_ceased_12m", D(2024, 4, 30)) == ["E", "T"]


def test_three_or_more_placements():
    frames = tables(
        Episodes=episodes(
            # A: U1 (ongoing on 1 April), U2, U3 — three
            ("A", D(2023, 1, 1), "S", "C2", "U1", D(2023, 5, 1), "X1"),
            ("A", D(2023, 5, 1), "P", "C2", "U2", D(2023, 9, 1), "X1"),
            ("A", D(2023, 9, 1), "P", "C2", "U3", None, None),
            # L: a legal status change is not a placement — two
            ("L", D(2023, 6, 1), "S", "V2", "U1", D(2023, 8, 1), "X1"),
            ("L", D(2023, 8, 1), "L", "C2", "U1", D(2023, 10, 1), "X1"),
            ("L", D(2023, 10, 1), "P", "C2", "U2", None, None),
            # M: a temporary placement (T4) is not a placement — two
            ("M", D(2023, 6, 1), "S", "V2", "U1", D(2023, 7, 1), "X1"),
            ("M", D(2023, 7, 1), "P", "V2", "T4", D(2023, 7, 5), "X1"),
            ("M", D(2023, 7, 5), "P", "V2", "U1", None, None),
            # SD: two moves on one day count once — two
            ("SD", D(2023, 6, 1), "S", "V2", "U1", D(2023, 9, 1), "X1"),
            ("SD", D(2023, 9, 1), "P", "V2", "U2", D(2023, 9, 1), "X1"),
            ("SD", D(2023, 9, 1), "P", "V2", "U3", None, None),
            # O: the first placement ended on 31 March 2023, before the period — two
            ("O", D(2022, 1, 1), "S", "C2", "U1", D(2023, 3, 31), "X1"),
            ("O", D(2023, 3, 31), "P", "C2", "U2", D(2023, 10, 1), "X1"),
            ("O", D(2023, 10, 1), "P", "C2", "U3", None, None),
            # N: the first placement ended on 2 April 2023, inside the period — three
            ("N", D(2022, 1, 1), "S", "C2", "U1", D(2023, 4, 2), "X1"),
            ("N", D(2023, 4, 2), "P", "C2", "U2", D(2023, 12, 1), "X1"),
            ("N", D(2023, 12, 1), "P", "C2", "U3", None, None),
        )
    )
    result = figure(frames, "cla_3plus_placements_pct", AS_AT)
    assert (result["numerator"], result["denominator"]) == (2, 6)
    assert result["value"] == pytest.approx(100 * 2 / 6)
    assert counted_children(frames, "cla_3plus_placements_pct", AS_AT) == ["A", "N"]


def test_long_term_stability():
    # At 31 March 2024: continuously since 30 Sept 2021 or earlier; placement since
    # 31 March 2022 or earlier; under 16 (born after 31 March 2008).
    frames = tables(
        Episodes=episodes(
            ("S1", D(2021, 1, 1), "S", "C2", "U1", None, None),  # stable
            ("S2", D(2021, 1, 1), "S", "C2", "U1", D(2022, 6, 1), "X1"),  # moved in 2022
            ("S2", D(2022, 6, 1), "P", "C2", "U2", None, None),
            ("S3", D(2020, 1, 1), "S", "C2", "U1", None, None),  # 16 on the date: out
            ("S4", D(2021, 9, 30), "S", "C2", "U1", None, None),  # exactly 2.5 years: stable
            ("S5", D(2021, 10, 1), "S", "C2", "U1", None, None),  # a day short: out
            ("S6", D(2021, 6, 1), "S", "C2", "U1", D(2023, 6, 1), "X1"),  # adoptive placement
            ("S6", D(2023, 6, 1), "P", "E1", "A4", None, None),
            ("S7", D(2020, 1, 1), "S", "C2", "U1", None, None),  # no date of birth: out
            ("S8", D(2021, 1, 1), "S", "C1", "U1", D(2022, 1, 1), "X1"),  # legal change only
            ("S8", D(2022, 1, 1), "L", "C2", "U1", None, None),
        ),
        Header=header(
            S1=D(2012, 1, 1),
            S2=D(2012, 1, 1),
            S3=D(2008, 3, 31),
            S4=D(2015, 1, 1),
            S5=D(2015, 1, 1),
            S6=D(2019, 1, 1),
            S8=D(2012, 1, 1),
        ),
    )
    result = figure(frames, "cla_long_term_stability_pct", AS_AT)
    assert (result["numerator"], result["denominator"], result["value"]) == (4, 5, 80.0)
    assert counted_children(frames, "cla_long_term_stability_pct", AS_AT) == [
        "S1",
        "S4",
        "S6",
        "S8",
    ]


def test_twenty_working_days_over_christmas():
    # From Friday 1 December 2023: 25, 26 December and 1 January are bank holidays.
    assert add_working_days_to(D(2023, 12, 1), 20) == D(2024, 1, 3)
    assert add_working_days_to(D(2023, 12, 2), 1) == D(2023, 12, 4)  # a Saturday start
    shifted = pl.select(add_working_days(pl.lit(D(2023, 12, 1)), 20)).item()
    assert shifted == D(2024, 1, 3)


def test_reviews_on_time():
    frames = tables(
        Episodes=episodes(
            ("R1", D(2023, 12, 1), "S", "C2", "U1", None, None),
            ("R2", D(2023, 12, 1), "S", "C2", "U1", None, None),
        ),
        Reviews=reviews(
            ("R1", D(2024, 1, 3)),  # due 3 Jan 2024 (20 working days): on the day, on time
            ("R1", D(2024, 4, 4)),  # due 3 Apr (3 months after 3 Jan): a day late
            # third due 4 Oct 2024 (6 months after 4 Apr), never held: late
            ("R2", D(2024, 1, 4)),  # a day late
            ("R2", D(2024, 3, 1)),  # due 4 Apr: early, on time
            ("R2", D(2024, 9, 1)),  # due 1 Sep: on the day; the next is due 1 Mar 2025
        ),
    )
    result = figure(frames, "cla_reviews_on_time_pct", D(2024, 12, 31))
    assert (result["numerator"], result["denominator"], result["value"]) == (3, 6, 50.0)
    listed = children_at(frames, "cla_reviews_on_time_pct", D(2024, 12, 31))
    assert listed.select("child_id", "due_on", "counted").rows() == [
        ("R1", D(2024, 1, 3), True),
        ("R1", D(2024, 4, 3), False),
        ("R1", D(2024, 10, 4), False),
        ("R2", D(2024, 1, 3), False),
        ("R2", D(2024, 4, 4), True),
        ("R2", D(2024, 9, 1), True),
    ]
    # Before the first due date nothing was due.
    assert figure(frames, "cla_reviews_on_time_pct", D(2023, 12, 31))["denominator"] == 0


def test_care_leavers_oc3_codes():
    frames = tables(
        # The latest episode date, 1 May 2024, puts the data in the year to 31 March 2025.
        Episodes=episodes(("Z", D(2024, 5, 1), "S", "C2", "U1", None, None)),
        OC3=oc3(
            ("L1", "YES", "F2", "B1"),  # in touch, EET, suitable
            ("L2", "NO", "G4", "B2"),  # none
            ("L3", "YES", "P4", "0"),  # in touch, EET
            ("L4", "DIED", "0", "0"),  # outside the cohort
            ("L5", "RHOM", "0", "0"),  # outside the cohort
            ("L6", "REFU", "F1", "D1"),  # EET, suitable
        ),
    )
    as_at = D(2025, 3, 31)
    assert figure(frames, "care_leavers_in_touch_pct", as_at) == {
        "numerator": 2,
        "denominator": 4,
        "value": 50.0,
    }
    assert figure(frames, "care_leavers_eet_pct", as_at)["value"] == 75.0
    assert figure(frames, "care_leavers_suitable_accom_pct", as_at)["value"] == 50.0
    assert counted_children(frames, "care_leavers_eet_pct", as_at) == ["L1", "L3", "L6"]
    # The same cohort stands for every date in the collection year, and none outside it.
    assert figure(frames, "care_leavers_in_touch_pct", D(2024, 4, 30))["value"] == 50.0
    assert figure(frames, "care_leavers_in_touch_pct", AS_AT) == {
        "numerator": None,
        "denominator": None,
        "value": None,
    }


def test_missing():
    frames = tables(
        Episodes=episodes(
            ("M1", D(2023, 1, 1), "S", "C2", "U1", None, None),
            ("M2", D(2023, 1, 1), "S", "C2", "U1", None, None),
            ("M3", D(2023, 1, 1), "S", "C2", "U1", None, None),
            ("M4", D(2023, 1, 1), "S", "C2", "U1", D(2023, 4, 1), "E4A"),  # left on day one
            ("M5", D(2023, 1, 1), "S", "C2", "U1", D(2023, 3, 31), "E4A"),  # left before
            ("M6", D(2023, 5, 1), "S", "V2", "U1", D(2023, 6, 1), "E4A"),  # two periods
            ("M6", D(2023, 9, 1), "S", "V2", "U1", None, None),
        ),
        Missing=missing(
            ("M1", "M", D(2023, 6, 1)),
            ("M2", "A", D(2023, 6, 1)),  # away, not missing
            ("M3", "M", D(2023, 3, 1)),  # before the period
            ("M4", "M", D(2023, 4, 1)),
            ("M5", "M", D(2023, 3, 1)),
            ("M6", "M", D(2023, 5, 10)),
            ("M6", "M", D(2023, 10, 10)),
        ),
    )
    result = figure(frames, "cla_missing_pct", AS_AT)
    assert (result["numerator"], result["denominator"], result["value"]) == (3, 5, 60.0)
    assert counted_children(frames, "cla_missing_pct", AS_AT) == ["M1", "M4", "M6"]


def test_many_councils_at_once(comings_and_goings):
    """Stacked councils give each council's own figures."""
    one = comings_and_goings["Episodes"].collect()
    stacked = pl.concat(
        [
            one.with_columns(council=pl.lit("201")),
            one.filter(pl.col("CHILD") != "B").with_columns(council=pl.lit("202")),
        ]
    )
    population = pl.DataFrame({"council": ["201", "202"], "child_population": [10_000, 30_000]})
    from trajectory.indicators.compute import compute_all

    out = compute_all({"Episodes": stacked.lazy()}, [AS_AT], population)
    counts = out.filter(pl.col("indicator_id") == "cla_count").sort("council")
    assert counts["value"].to_list() == [4, 3]
    rates = out.filter(pl.col("indicator_id") == "cla_rate_per_10k").sort("council")
    assert rates["value"].to_list() == [4.0, 1.0]
