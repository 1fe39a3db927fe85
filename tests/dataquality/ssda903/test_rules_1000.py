"""SSDA903 rules 1000-1099, 3000-3099, EPI and NoE, each with a failing and a passing case
worked by hand from the spec's check (../shared/domain/rules/ssda903_rules.csv)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from tests.dataquality.conftest import flagged, ret, table
from trajectory.dataquality.context import Return


def test_1000_leaver_who_died_this_year_or_last():
    found = ret(
        OC3=[{"CHILD": "A"}, {"CHILD": "B", "IN_TOUCH": "YES"}, {"CHILD": "C", "ACTIV": "F1"}],
        Episodes=[{"CHILD": "A", "REC": "E2"}, {"CHILD": "C", "REC": "E11"}],
        previous={"Episodes": [{"CHILD": "B", "REC": "E2"}]},
    )
    # A flagged though its leaver fields are blank (spec notes).
    assert flagged("1000", found) == {"OC3": [2, 3]}


def test_1000_runs_without_last_year():
    found = ret(OC3=[{"CHILD": "A"}, {"CHILD": "B"}], Episodes=[{"CHILD": "B", "REC": "E2"}])
    assert flagged("1000", found) == {"OC3": [3]}


def test_1001_care_leaver_needs_13_weeks_from_14_and_a_day_from_16():
    # 2024-25, collection end 31/03/2025.
    found = ret(
        OC3=[{"CHILD": c} for c in "ABCDEFG"],
        Header=[
            {"CHILD": "A", "DOB": date(2006, 6, 1)},  # 14 on 01/06/2020, 16 on 01/06/2022
            {"CHILD": "B", "DOB": date(2006, 6, 1)},
            {"CHILD": "C", "DOB": date(2006, 6, 1)},
            {"CHILD": "D", "DOB": date(2004, 3, 31)},  # 21 at 31/03/2025
            {"CHILD": "E", "DOB": date(2006, 6, 1)},
            {"CHILD": "F", "DOB": date(2004, 2, 29)},  # 21: exempt, the peer flags 20+
            {"CHILD": "G", "DOB": date(2005, 4, 1)},  # 19, no episodes at all
        ],
        Episodes=[
            # A: 01/06/2022 (16th birthday) to 31/08/2022: 91 days from 14 and from 16.
            {"CHILD": "A", "DECOM": date(2022, 6, 1), "DEC": date(2022, 8, 31)},
            # B: 90 days only (01/06/2022 to 30/08/2022).
            {"CHILD": "B", "DECOM": date(2022, 6, 1), "DEC": date(2022, 8, 30)},
            # C: 120 days, ending the day before the 16th birthday (01/02 to 01/06/2022 = 120
            # days from 14, none from 16).
            {"CHILD": "C", "DECOM": date(2022, 2, 1), "DEC": date(2022, 6, 1)},
            # E: long enough, but the latest episode ended by adoption.
            {"CHILD": "E", "DECOM": date(2022, 1, 1), "DEC": date(2023, 1, 1), "REC": "E11"},
        ],
        previous={
            "Episodes": [
                # A's same episode last year: de-duplicated, not counted twice.
                {"CHILD": "A", "DECOM": date(2022, 6, 1), "DEC": date(2022, 8, 31)}
            ]
        },
    )
    assert flagged("1001", found) == {"OC3": [3, 4, 6, 8]}


def test_1001_open_episode_runs_to_31_march_and_short_breaks_do_not_count():
    found = ret(
        OC3=[{"CHILD": "A"}, {"CHILD": "B"}],
        Header=[{"CHILD": "A", "DOB": date(2008, 12, 31)}, {"CHILD": "B", "DOB": date(2008, 1, 1)}],
        Episodes=[
            # A: 16 on 31/12/2024; open from then to 31/03/2025: 90 days. Plus last year's
            # 1 day from 14 below makes 91.
            {"CHILD": "A", "DECOM": date(2024, 12, 31)},
            {"CHILD": "B", "DECOM": date(2024, 1, 1), "DEC": date(2025, 1, 1), "LS": "V3"},
        ],
        previous={"Episodes": [{"CHILD": "A", "DECOM": date(2023, 1, 1), "DEC": date(2023, 1, 2)}]},
    )
    assert flagged("1001", found) == {"OC3": [3]}


def test_1001_takes_the_date_of_birth_from_oc3_when_the_header_has_none():
    # A: 21 by OC3's DOB, so exempt; B: no DOB anywhere, not judged (rule 102's finding).
    found = ret(
        OC3=[{"CHILD": "A", "DOB": date(2003, 1, 1)}, {"CHILD": "B"}, {"CHILD": "C"}],
        Header=[{"CHILD": "C", "DOB": date(2008, 1, 1)}],  # 17, no episodes: flagged
        Episodes=[{"CHILD": "X"}],
        previous={"Episodes": [{"CHILD": "X"}]},
    )
    assert flagged("1001", found) == {"OC3": [4]}


def test_1002_leaver_in_no_episodes_either_year():
    found = ret(
        OC3=[{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "C"}],
        Episodes=[{"CHILD": "A"}],
        previous={"Episodes": [{"CHILD": "B"}]},
    )
    assert flagged("1002", found) == {"OC3": [4]}


def test_1003_placed_for_adoption_before_the_first_s_episode():
    found = ret(
        Episodes=[
            {"CHILD": "A", "RNE": "S", "DECOM": date(2024, 6, 1)},
            {"CHILD": "A", "RNE": "S", "DECOM": date(2024, 5, 1)},  # the earliest
            {"CHILD": "B", "RNE": "S", "DECOM": date(2024, 5, 1)},
            {"CHILD": "C", "RNE": "P", "DECOM": date(2024, 5, 1)},
        ],
        PlacedAdoption=[
            {"CHILD": "A", "DATE_PLACED": date(2024, 4, 30)},
            {"CHILD": "B", "DATE_PLACED": date(2024, 5, 1)},  # same day passes
            {"CHILD": "C", "DATE_PLACED": date(2024, 1, 1)},  # no S episode: not checked
        ],
    )
    assert flagged("1003", found) == {"Episodes": [3], "PlacedAdoption": [2]}


def test_1004_missing_start_blank():
    found = ret(Missing=[{"CHILD": "A"}, {"CHILD": "B", "MIS_START": date(2024, 5, 1)}])
    assert flagged("1004", found) == {"Missing": [2]}


def test_1006_missing_code():
    found = ret(
        Missing=[{"CHILD": "A", "MISSING": "X"}, {"CHILD": "B", "MISSING": "a"}, {"CHILD": "C"}]
    )
    assert flagged("1006", found) == {"Missing": [2]}


def test_1007_leaver_looked_after_on_their_latest_birthday():
    # 2024-25, end 31/03/2025.
    found = ret(
        OC3=[
            {"CHILD": "A", "DOB": date(2008, 2, 29), "IN_TOUCH": "YES"},  # 17 on 01/03/2025
            {"CHILD": "B", "DOB": date(2006, 6, 1), "ACTIV": "F1"},  # 18 on 01/06/2024
            {"CHILD": "C", "DOB": date(2006, 6, 1), "ACCOM": "B"},
            {"CHILD": "D", "DOB": date(2006, 6, 1)},  # nothing filled
            {"CHILD": "E", "DOB": date(2005, 6, 1), "ACCOM": "B"},  # 19: not checked
        ],
        Episodes=[
            # A: ends the day after the 17th birthday (01/03/2025): covers it.
            {"CHILD": "A", "DECOM": date(2024, 1, 1), "DEC": date(2025, 3, 2)},
            # B: still open: covers the birthday (the peer misses this).
            {"CHILD": "B", "DECOM": date(2024, 1, 1)},
            # C: ends on the birthday itself: does not cover it (must end after).
            {"CHILD": "C", "DECOM": date(2024, 1, 1), "DEC": date(2024, 6, 1)},
            {"CHILD": "D", "DECOM": date(2024, 1, 1)},
            {"CHILD": "E", "DECOM": date(2024, 1, 1)},
        ],
    )
    assert flagged("1007", found) == {"OC3": [2, 3]}


def test_1008_urn_not_in_ofsteds_lists():
    frames = {
        "Episodes": table(
            "ssda903",
            "Episodes",
            [
                {"CHILD": "A", "URN": "SC9"},
                {"CHILD": "B", "URN": "sc1"},
                {"CHILD": "C", "URN": "XXXXXXX"},
                {"CHILD": "D"},
            ],
        )
    }
    found = Return.of(
        "ssda903", 2025, frames, providers=pl.LazyFrame({"URN": ["SC1"], "REG_END": [None]})
    )
    assert flagged("1008", found) == {"Episodes": [2]}


def test_1009_change_reason_code():
    found = ret(
        Episodes=[
            {"CHILD": "A", "REASON_PLACE_CHANGE": "MOVED"},
            {"CHILD": "B", "REASON_PLACE_CHANGE": "custod"},
            {"CHILD": "C"},
        ]
    )
    assert flagged("1009", found) == {"Episodes": [2]}


def test_1010_leaver_whose_episode_was_left_open_last_year():
    found = ret(
        OC3=[{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "C"}],
        Episodes=[{"CHILD": "C", "DECOM": date(2024, 5, 1)}],
        previous={
            "Episodes": [
                {"CHILD": "A", "DECOM": date(2023, 1, 1), "DEC": date(2023, 6, 1)},
                {"CHILD": "A", "DECOM": date(2023, 6, 1)},  # the latest, open
                {"CHILD": "B", "DECOM": date(2023, 1, 1)},
                {"CHILD": "B", "DECOM": date(2023, 6, 1), "DEC": date(2023, 9, 1)},
                {"CHILD": "C", "DECOM": date(2023, 6, 1)},  # has episodes this year
            ]
        },
    )
    assert flagged("1010", found) == {"OC3": [2]}


def test_1011_leaver_whose_latest_episode_was_transferred():
    found = ret(
        OC3=[{"CHILD": "A", "ACCOM": "B"}, {"CHILD": "B", "ACCOM": "B"}, {"CHILD": "C"}],
        Episodes=[
            {"CHILD": "A", "DECOM": date(2024, 1, 1), "REC": "X1"},
            {"CHILD": "A", "DECOM": date(2024, 6, 1), "REC": "E3"},
            {"CHILD": "B", "DECOM": date(2024, 1, 1), "REC": "E3"},
            {"CHILD": "B", "DECOM": date(2024, 6, 1), "REC": "E4A"},
            {"CHILD": "C", "DECOM": date(2024, 6, 1), "REC": "E3"},  # nothing filled
        ],
    )
    assert flagged("1011", found) == {"OC3": [2]}


def test_1012_rows_for_children_without_episodes():
    found = ret(
        Episodes=[{"CHILD": "A"}],
        OC2=[{"CHILD": "A"}, {"CHILD": "B"}],
        Missing=[{"CHILD": "C"}],
        Reviews=[{"CHILD": "A"}],
        AD1=[{"CHILD": "D"}],
        PrevPerm=[{"CHILD": "E"}],
        PlacedAdoption=[{"CHILD": "A"}, {"CHILD": "F"}],
        OC3=[{"CHILD": "G"}],  # not checked
    )
    assert flagged("1012", found) == {
        "AD1": [2],
        "Missing": [2],
        "OC2": [3],
        "PlacedAdoption": [3],
        "PrevPerm": [2],
    }


def test_1014_uasc_leaver_with_no_episode_in_the_year():
    found = ret(
        UASC=[{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "C"}, {"CHILD": "D"}],
        OC3=[
            {"CHILD": "A", "IN_TOUCH": "YES"},
            {"CHILD": "B", "IN_TOUCH": "YES"},
            {"CHILD": "C", "IN_TOUCH": "YES"},
            {"CHILD": "D"},
        ],
        Episodes=[
            {"CHILD": "A", "DECOM": date(2023, 1, 1), "DEC": date(2024, 3, 31)},  # before
            {"CHILD": "B", "DECOM": date(2023, 1, 1), "DEC": date(2024, 4, 1)},  # in year
            {"CHILD": "D", "DECOM": date(2023, 1, 1), "DEC": date(2024, 3, 31)},
        ],
    )
    # C has no episodes at all (not considered); D gave no leaver data.
    assert flagged("1014", found) == {"OC3": [2], "UASC": [2]}


@pytest.mark.parametrize("year", [2024, 2027])
def test_1016_leaver_with_an_episode_ending_after_the_birthday(year):
    end = date(year, 3, 31)
    found = ret(
        year=year,
        OC3=[
            {"CHILD": "A", "DOB": date(end.year - 17, 3, 31), "IN_TOUCH": "YES"},  # 17 today
            {"CHILD": "B", "DOB": date(end.year - 18, 1, 1), "IN_TOUCH": "YES"},
            {"CHILD": "C", "DOB": date(end.year - 18, 1, 1), "IN_TOUCH": "YES"},
            {"CHILD": "D", "DOB": date(end.year - 16, 1, 1), "IN_TOUCH": "YES"},  # 16
        ],
        Episodes=[
            {"CHILD": "A", "DEC": end},  # on the 17th birthday
            {"CHILD": "B", "DEC": date(end.year, 1, 1)},  # on the 18th birthday
            {"CHILD": "C", "DEC": date(end.year - 1, 12, 31)},  # before
            {"CHILD": "D", "DEC": end},
        ],
    )
    assert flagged("1016", found) == {"OC3": [2, 3]}


def test_1016_does_not_apply_in_2022_23():
    from trajectory.dataquality import registry

    assert "1016" not in {r.code for r in registry.rules_for("ssda903", 2023)}


def test_3001_z1_or_z2_for_a_child_turning_17():
    # 2024-25: 17th birthday within 01/04/2024-31/03/2025.
    found = ret(
        OC3=[
            {"CHILD": "A", "ACCOM": "Z1"},
            {"CHILD": "B", "ACCOM": "Z2"},
            {"CHILD": "C", "ACCOM": "Z1"},
            {"CHILD": "D", "ACCOM": "B"},
        ],
        Header=[
            {"CHILD": "A", "DOB": date(2007, 4, 1)},  # 17 on 01/04/2024
            {"CHILD": "B", "DOB": date(2008, 2, 29)},  # 17 on 01/03/2025
            {"CHILD": "C", "DOB": date(2008, 4, 1)},  # 17 on 01/04/2025: next year
            {"CHILD": "D", "DOB": date(2007, 6, 1)},
        ],
    )
    assert flagged("3001", found) == {"OC3": [2, 3]}


def test_epi_header_row_with_no_episodes_or_leaver_row():
    found = ret(
        Header=[{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "C"}],
        Episodes=[{"CHILD": "A"}],
        OC3=[{"CHILD": "B"}],
    )
    assert flagged("EPI", found) == {"Header": [4]}


def test_noe_episode_from_before_the_year_for_a_child_new_this_year():
    found = ret(
        Episodes=[
            {"CHILD": "A", "DECOM": date(2024, 3, 31)},
            {"CHILD": "B", "DECOM": date(2024, 3, 31)},
            {"CHILD": "C", "DECOM": date(2024, 4, 1)},  # began this year
        ],
        previous={"Episodes": [{"CHILD": "B", "DECOM": date(2024, 3, 31)}]},
    )
    assert flagged("NoE", found) == {"Episodes": [2]}
