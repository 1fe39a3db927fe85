"""Issue 8.8: the wider SSDA903 catalogue, each indicator against tables worked by hand.

Sources: DfE's LAIT data dictionary (measures 87, 161, 208, 334, 390, 396-401 and
"Stability_SocialWorker"), la_cla_swcount.csv, the SSDA903 code lists in
returns/ssda903/schema.py (PLACE, REC, REVIEW_CODE, MISSING) and DfE's validation rules 164,
179, 167, 391 and 406 (../shared/domain/rules/ssda903_rules.csv).
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from tests.indicators.builders import counted_children, episodes, figure, missing, oc3, tables

D = date
AS_AT = D(2024, 3, 31)  # its 12 months: 1 April 2023 to 31 March 2024


def _value(frames, indicator_id, as_at=AS_AT):
    result = figure(frames, indicator_id, as_at)
    return result["numerator"], result["denominator"], result["value"]


@pytest.fixture
def placed():
    """Eight children looked after on 31 March 2024, one in each placement group."""
    return tables(
        Episodes=episodes(
            ("A", D(2023, 1, 1), "S", "C2", "U1", None, None),  # relative or friend
            # B: fostered (U4), in hospital (T1) on the day: counted as the U4 it left
            ("B", D(2023, 1, 1), "S", "C2", "U4", D(2024, 3, 20), "X1"),
            ("B", D(2024, 3, 20), "P", "C2", "T1", None, None),
            # C: foster carers approved as adopters (RNE B): placed for adoption on the day
            ("C", D(2023, 1, 1), "S", "C2", "U5", D(2024, 1, 1), "X1"),
            ("C", D(2024, 1, 1), "B", "E1", "A5", None, None),
            ("D", D(2023, 1, 1), "S", "C2", "K2", None, None),  # children's home
            ("E", D(2023, 1, 1), "S", "C2", "P1", None, None),  # with parents
            ("F", D(2024, 1, 1), "S", "V2", "K3", None, None),  # supported accommodation
            ("G", D(2023, 1, 1), "S", "C2", "S1", None, None),  # residential school
            ("H", D(2023, 1, 1), "S", "C2", "Z1", None, None),  # other
            # I: care ended on the day, not looked after on it
            ("I", D(2023, 1, 1), "S", "C2", "U2", AS_AT, "E4A"),
            # J: short breaks only, never counted
            ("J", D(2024, 3, 1), "S", "V3", "K2", None, None),
        )
    )


@pytest.mark.parametrize(
    ("indicator_id", "children"),
    [
        ("cla_placed_foster_pct", ["A", "B"]),
        ("cla_placed_foster_relative_pct", ["A"]),
        ("cla_placed_foster_other_pct", ["B"]),
        ("cla_placed_for_adoption_pct", ["C"]),
        ("cla_placed_childrens_homes_pct", ["D"]),
        ("cla_placed_with_parents_pct", ["E"]),
        ("cla_placed_independent_living_pct", ["F"]),
        ("cla_placed_other_residential_pct", ["G"]),
        ("cla_placed_other_pct", ["H"]),
    ],
)
def test_placement_types_on_the_day_among_the_eight_looked_after(placed, indicator_id, children):
    numerator, denominator, value = _value(placed, indicator_id)
    assert denominator == 8  # A-H; I left on the day, J has short breaks only
    assert numerator == len(children)
    assert value == pytest.approx(len(children) / 8 * 100)
    assert counted_children(placed, indicator_id, AS_AT) == children


def test_the_placement_groups_other_than_foster_care_as_a_whole_add_up_to_everyone(placed):
    groups = [
        "cla_placed_foster_relative_pct",
        "cla_placed_foster_other_pct",
        "cla_placed_for_adoption_pct",
        "cla_placed_childrens_homes_pct",
        "cla_placed_with_parents_pct",
        "cla_placed_independent_living_pct",
        "cla_placed_other_residential_pct",
        "cla_placed_other_pct",
    ]
    assert sum(_value(placed, i)[0] for i in groups) == 8


def _with_distance(frame: pl.DataFrame, locations, distances) -> pl.DataFrame:
    return frame.with_columns(
        PL_LOCATION=pl.Series(locations, dtype=pl.String),
        PL_DISTANCE=pl.Series(distances, dtype=pl.String),  # as read from a CSV
    )


def test_placed_outside_the_council_and_more_than_20_miles_from_home():
    frame = episodes(
        ("A", D(2023, 1, 1), "S", "C2", "U4", None, None),  # OUT, 25.0 miles: counted
        ("B", D(2023, 1, 1), "S", "C2", "U4", None, None),  # OUT, exactly 20: not more than 20
        ("C", D(2023, 1, 1), "S", "C2", "K2", None, None),  # IN, 30 miles: inside the council
        ("D", D(2023, 1, 1), "S", "C2", "U1", None, None),  # no distance (UASC, rule 406)
        # E: 40 miles out until 1 March, then 2 miles in: its episode on the day counts
        ("E", D(2023, 1, 1), "S", "C2", "K2", D(2024, 3, 1), "X1"),
        ("E", D(2024, 3, 1), "P", "C2", "U4", None, None),
    )
    frames = tables(
        Episodes=_with_distance(
            frame,
            ["OUT", "OUT", "IN", None, "OUT", "IN"],
            ["25.0", "20.0", "30.0", None, "40.0", "2.0"],
        )
    )
    assert _value(frames, "cla_placed_distant_pct") == (1, 5, 20.0)
    assert counted_children(frames, "cla_placed_distant_pct", AS_AT) == ["A"]
    # a return without the derived distance has no figure, not 0%
    assert _value(tables(Episodes=frame), "cla_placed_distant_pct")[2] is None


def test_unaccompanied_asylum_seeking_children_while_their_status_lasts():
    frames = tables(
        Episodes=episodes(
            ("A", D(2023, 1, 1), "S", "C2", "K3", None, None),
            ("B", D(2023, 1, 1), "S", "C2", "K3", None, None),
            ("C", D(2023, 1, 1), "S", "C2", "U4", None, None),
            ("D", D(2023, 1, 1), "S", "C2", "U4", None, None),
            ("E", D(2023, 1, 1), "S", "C2", "K3", D(2024, 1, 1), "E8"),
        ),
        UASC=pl.DataFrame(
            {
                "CHILD": ["A", "B", "C", "E"],
                # A: status open; B: ceased on the day (no longer UASC on it); C: ceases later
                "DUC": [None, AS_AT, D(2024, 4, 10), None],
            },
            schema={"CHILD": pl.String, "DUC": pl.Date},
        ),
    )
    assert _value(frames, "cla_uasc_count")[0::2] == (2, 2)  # A and C (E is not looked after)
    assert _value(frames, "cla_uasc_pct") == (2, 4, 50.0)
    assert counted_children(frames, "cla_uasc_pct", AS_AT) == ["A", "C"]


def _social_workers(*rows: tuple) -> pl.DataFrame:
    return pl.DataFrame(
        [dict(zip(("CHILD", "SW_ID", "SW_DECOM", "SW_DEC"), row, strict=True)) for row in rows],
        schema={"CHILD": pl.String, "SW_ID": pl.String, "SW_DECOM": pl.Date, "SW_DEC": pl.Date},
    )


def test_three_or_more_distinct_social_workers_in_the_year():
    care = [(child, D(2022, 1, 1), "S", "C2", "U4", None, None) for child in ("A", "B", "C", "F")]
    frames = tables(
        Episodes=episodes(
            *care,
            ("D", D(2023, 6, 1), "S", "C2", "U4", None, None),
            ("E", D(2022, 1, 1), "S", "C2", "U4", D(2024, 1, 1), "E4A"),
        ),
        SWEpisodes=_social_workers(
            # A: the first worker's episode ends on the year's first day, so it counts: 3
            ("A", "SW1", D(2022, 1, 1), D(2023, 4, 1)),
            ("A", "SW2", D(2023, 4, 1), D(2023, 9, 1)),
            ("A", "SW3", D(2023, 9, 1), None),
            # B: the first ended the day before the year: 2
            ("B", "SW1", D(2022, 1, 1), D(2023, 3, 31)),
            ("B", "SW2", D(2023, 3, 31), D(2023, 9, 1)),
            ("B", "SW3", D(2023, 9, 1), None),
            # C: a worker who returns counts once: 2
            ("C", "SW1", D(2022, 1, 1), D(2023, 6, 1)),
            ("C", "SW2", D(2023, 6, 1), D(2023, 9, 1)),
            ("C", "SW1", D(2023, 9, 1), None),
            # D: a worker before the child came into care counts too, as DfE: 3
            ("D", "SW7", D(2023, 4, 10), D(2023, 6, 1)),
            ("D", "SW8", D(2023, 6, 1), D(2023, 7, 1)),
            ("D", "SW9", D(2023, 7, 1), None),
            # E: 3 workers but no longer looked after on the day
            ("E", "SW1", D(2023, 5, 1), D(2023, 6, 1)),
            ("E", "SW2", D(2023, 6, 1), D(2023, 7, 1)),
            ("E", "SW3", D(2023, 7, 1), None),
            # F: the third worker begins after the day: 2
            ("F", "SW1", D(2022, 1, 1), D(2023, 9, 1)),
            ("F", "SW2", D(2023, 9, 1), D(2024, 4, 1)),
            ("F", "SW3", D(2024, 4, 1), None),
        ),
    )
    assert _value(frames, "cla_3plus_social_workers_pct") == (2, 5, 40.0)
    assert counted_children(frames, "cla_3plus_social_workers_pct", AS_AT) == ["A", "D"]
    # at 30 April 2024 (12 months from 1 May 2023) A's SW1 has dropped out (2) and F's SW3
    # has begun (3): D and F
    later = D(2024, 4, 30)
    assert _value(frames, "cla_3plus_social_workers_pct", later)[:2] == (2, 5)
    assert counted_children(frames, "cla_3plus_social_workers_pct", later) == ["D", "F"]


def test_participation_in_reviews_by_the_review_code():
    frames = tables(
        Episodes=episodes(
            *[(child, D(2022, 1, 1), "S", "C2", "U4", None, None) for child in "ABCDE"]
        ),
        Reviews=pl.DataFrame(
            [
                ("A", D(2023, 5, 1), "PN1"),  # speaks for themselves: participated
                ("A", D(2023, 11, 1), "PN7"),  # no views conveyed: not
                ("B", D(2023, 5, 1), "PN0"),  # under 4: left out
                ("B", D(2023, 11, 1), "PN4"),  # attends without contributing: not
                ("C", D(2023, 5, 1), "PN5"),  # briefs an advocate: participated
                ("C", D(2023, 11, 1), "PN6"),  # views conveyed another way: participated
                ("D", D(2023, 5, 1), "PN3"),  # conveys views non-verbally: participated
                ("D", D(2023, 11, 1), None),  # no code: left out
                ("E", D(2023, 3, 31), "PN2"),  # before the 12 months: left out
            ],
            schema={"CHILD": pl.String, "REVIEW": pl.Date, "REVIEW_CODE": pl.String},
            orient="row",
        ),
    )
    numerator, denominator, value = _value(frames, "cla_review_participation_pct")
    assert (numerator, denominator) == (4, 6)
    assert value == pytest.approx(400 / 6)


@pytest.fixture
def incidents():
    return tables(
        Episodes=episodes(
            *[(child, D(2022, 1, 1), "S", "C2", "U4", None, None) for child in "ABCD"],
            ("E", D(2022, 1, 1), "S", "C2", "U4", D(2023, 1, 1), "E4A"),
        ),
        Missing=missing(
            ("A", "M", D(2023, 5, 1)),
            ("A", "M", D(2023, 7, 1)),
            ("A", "M", D(2024, 3, 31)),  # on the day: in the 12 months
            ("A", "A", D(2023, 8, 1)),
            ("B", "M", D(2023, 3, 1)),  # before the 12 months
            ("B", "M", D(2023, 10, 1)),
            ("C", "A", D(2023, 6, 1)),
            ("C", "A", D(2023, 6, 2)),
            ("E", "M", D(2023, 6, 1)),  # after E's care ended: not a looked-after incident
        ),
    )


def test_missing_and_away_incidents_per_child(incidents):
    assert _value(incidents, "cla_missing_incidents_per_child") == (4, 2, 2.0)  # A 3, B 1
    assert _value(incidents, "cla_away_incidents_per_child") == (3, 2, 1.5)  # A 1, C 2
    assert _value(incidents, "cla_missing_pct")[:2] == (2, 4)  # unchanged: A, B of A-D


def test_children_away_from_placement_without_authorisation(incidents):
    assert _value(incidents, "cla_away_pct") == (2, 4, 50.0)  # A and C of A-D
    assert counted_children(incidents, "cla_away_pct", AS_AT) == ["A", "C"]


def test_adoptions_and_special_guardianship_orders_by_the_last_cease_in_the_year():
    frames = tables(
        Episodes=episodes(
            ("A", D(2022, 1, 1), "S", "E1", "A4", D(2023, 6, 1), "E11"),
            ("B", D(2022, 1, 1), "S", "E1", "A6", D(2023, 9, 1), "E12"),
            ("C", D(2022, 1, 1), "S", "C2", "U1", D(2023, 10, 1), "E45"),
            ("D", D(2022, 1, 1), "S", "C2", "U4", D(2024, 3, 31), "E48"),  # on the day: in
            ("E", D(2022, 1, 1), "S", "C2", "U4", D(2023, 5, 1), "E4A"),
            ("F", D(2022, 1, 1), "S", "E1", "A4", D(2023, 3, 31), "E11"),  # before the year
            # G: left on an SGO, came back, then went home: the last cease (E4A) counts
            ("G", D(2022, 1, 1), "S", "C2", "U1", D(2023, 6, 1), "E45"),
            ("G", D(2023, 9, 1), "S", "C2", "U4", D(2024, 1, 1), "E4A"),
        )
    )
    assert _value(frames, "cla_ceased_12m")[0] == 6  # A, B, C, D, E, G
    assert _value(frames, "cla_adopted_12m")[0::2] == (2, 2)
    assert _value(frames, "cla_adopted_pct")[:2] == (2, 6)
    assert _value(frames, "cla_sgo_12m")[0::2] == (2, 2)
    assert _value(frames, "cla_sgo_pct")[:2] == (2, 6)
    assert counted_children(frames, "cla_adopted_12m", AS_AT) == ["A", "B"]
    assert counted_children(frames, "cla_sgo_12m", AS_AT) == ["C", "D"]


def test_care_leavers_aged_22_to_25_in_touch_where_the_return_holds_them():
    """OC3 for the year to 31 March 2025 (the latest episode is 1 May 2024)."""
    care = episodes(("Z", D(2024, 5, 1), "S", "C2", "U1", None, None))
    frames = tables(
        Episodes=care,
        OC3=oc3(
            ("P", "YES", "F1", "B1", D(2002, 6, 1)),  # 22 on 31 March 2025: in touch
            ("Q", "NO", "0", "0", D(1999, 6, 1)),  # 25: not in touch
            ("R", "YES", "F1", "B1", D(1998, 6, 1)),  # 26: outside the band
            ("S", "YES", "F1", "B1", D(2003, 6, 1)),  # 21: the 19-21 band
            ("T", "DIED", "0", "0", D(2001, 1, 1)),  # 24, died: out of the cohort
        ),
    )
    as_at = D(2025, 3, 31)
    assert _value(frames, "care_leavers_in_touch_22_25_pct", as_at) == (1, 2, 50.0)
    assert _value(frames, "care_leavers_in_touch_pct", as_at)[:2] == (1, 1)  # S alone
    younger = tables(Episodes=care, OC3=oc3(("S", "YES", "F1", "B1", D(2003, 6, 1))))
    assert _value(younger, "care_leavers_in_touch_22_25_pct", as_at)[2] is None
