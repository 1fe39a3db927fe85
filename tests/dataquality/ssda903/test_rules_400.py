"""SSDA903 rules 400-499 (../shared/domain/rules/ssda903_rules.csv): each with rows that
break it and rows that keep it, the expected rows worked out from the spec's check."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from tests.dataquality.conftest import flagged, ret, table
from trajectory.dataquality.context import Return
from trajectory.dataquality.run import NOT_RUN, validate


def _episode(child, decom, **fields):
    return {"CHILD": child, "DECOM": decom, **fields}


# Rows of Episodes are numbered from 2 in the order given.


def test_406_a_distance_for_a_uasc_child_is_flagged_this_year_or_last():
    found = ret(
        Episodes=[
            _episode("A", date(2024, 5, 1), PL_DISTANCE="12.0"),  # UASC this year: flagged
            _episode("A", date(2024, 6, 1)),  # no distance: passes
            _episode("B", date(2024, 5, 1), PL_DISTANCE="3.0"),  # UASC last year: flagged
            _episode("C", date(2024, 5, 1), PL_DISTANCE="3.0"),  # never UASC: passes
        ],
        UASC=[{"CHILD": "A", "DUC": date(2026, 1, 1)}],
        previous={"UASC": [{"CHILD": "B", "DUC": date(2024, 2, 1)}]},
    )
    assert flagged("406", found) == {"Episodes": [2, 4]}


def test_406_runs_without_last_year_and_uses_this_years_uasc_table():
    found = ret(
        Episodes=[_episode("B", date(2024, 5, 1), PL_DISTANCE="3.0")],
        UASC=[{"CHILD": "A"}],
    )
    assert flagged("406", found) == {}


def test_407_leaving_at_18_with_an_end_after_the_18th_birthday():
    # Born 29/02/2008: the 18th birthday is 01/03/2026 (no 29 February in 2026).
    found = ret(
        year=2026,
        Header=[
            {"CHILD": "A", "DOB": date(2008, 2, 29)},
            {"CHILD": "B", "DOB": date(2008, 2, 29)},
            {"CHILD": "C", "DOB": date(2007, 6, 1)},
        ],
        Episodes=[
            _episode("A", date(2025, 5, 1), DEC=date(2026, 3, 2), REC="E45"),  # after: flagged
            _episode("B", date(2025, 5, 1), DEC=date(2026, 3, 1), REC="E46"),  # on it: passes
            _episode("C", date(2025, 5, 1), DEC=date(2025, 9, 1), REC="E11"),  # not E45-48
        ],
    )
    assert flagged("407", found) == {"Episodes": [2], "Header": [2]}


def test_408_an_adoption_placement_needs_a_placement_order():
    found = ret(
        Episodes=[
            _episode("A", date(2024, 5, 1), PLACE="A5", LS="C2"),  # flagged
            _episode("B", date(2024, 5, 1), PLACE="A6"),  # blank LS: flagged
            _episode("C", date(2024, 5, 1), PLACE="A6", LS="E1"),  # passes
            _episode("D", date(2024, 5, 1), PLACE="U1", LS="C2"),  # not adoption: passes
        ]
    )
    assert flagged("408", found) == {"Episodes": [2, 3]}


def _with_postcodes(la_code="", **tables) -> Return:
    frames = {name: table("ssda903", name, rows) for name, rows in tables.pop("now").items()}
    previous = tables.pop("previous", None)
    last = None
    if previous is not None:
        last = {name: table("ssda903", name, rows) for name, rows in previous.items()}
    directory = pl.LazyFrame({"postcode": ["AB11AA", "CD22BB"], "la": ["E09000001", "E09000002"]})
    return Return.of("ssda903", 2025, frames, previous=last, postcodes=directory, la_code=la_code)


def test_411_inside_the_area_but_placed_in_another_council():
    found = _with_postcodes(
        la_code="E09000001",
        now={
            "Episodes": [
                _episode("A", date(2024, 5, 1), PL_LOCATION="IN", PL_POST="CD2 2BB"),  # other
                _episode("B", date(2024, 5, 1), PL_LOCATION="IN", PL_POST="ab1 1aa"),  # ours
                _episode("C", date(2024, 5, 1), PL_LOCATION="OUT", PL_POST="CD2 2BB"),
                _episode("D", date(2024, 5, 1), PL_LOCATION="IN", PL_POST="ZZ9 9ZZ"),  # unknown
            ]
        },
    )
    assert flagged("411", found) == {"Episodes": [2]}


def test_411_knows_the_council_by_its_la_number_too():
    episodes = [_episode("A", date(2024, 5, 1), PL_LOCATION="IN", PL_POST="CD2 2BB")]
    # 201 is the City of London, E09000001; CD2 2BB lies in E09000002.
    assert flagged("411", _with_postcodes(la_code="201", now={"Episodes": episodes})) == {
        "Episodes": [2]
    }
    assert flagged("411", _with_postcodes(la_code="301", now={"Episodes": episodes})) == {}


def _county_return(directory: dict) -> Return:
    episodes = [
        _episode("A", date(2024, 5, 1), PL_LOCATION="IN", PL_POST="KT1 1AA"),  # in Kent
        _episode("B", date(2024, 5, 1), PL_LOCATION="IN", PL_POST="CD2 2BB"),  # a borough
    ]
    frames = {"Episodes": table("ssda903", "Episodes", episodes)}
    # 886 is Kent, E10000016.
    return Return.of("ssda903", 2025, frames, postcodes=pl.LazyFrame(directory), la_code="886")


def test_411_a_county_council_is_matched_by_the_directorys_county():
    found = _county_return(
        {
            "postcode": ["KT11AA", "CD22BB"],
            "la": ["E07000105", "E09000002"],  # Ashford; a London borough
            "county": ["E10000016", "E99999999"],  # Kent; not in a county
        }
    )
    assert flagged("411", found) == {"Episodes": [3]}


def test_411_a_county_council_is_not_checked_without_the_directorys_counties():
    # Without counties a Kent postcode reads as Ashford: it would be flagged wrongly.
    found = _county_return({"postcode": ["KT11AA", "CD22BB"], "la": ["E07000105", "E09000002"]})
    assert flagged("411", found) == {}


def test_411_is_not_run_when_the_submitting_council_is_not_known():
    found = _with_postcodes(la_code="", now={"Episodes": [_episode("A", date(2024, 5, 1))]})
    result = validate(found).by_rule()["411"]
    assert (result.status, result.reason) == (
        NOT_RUN,
        "not run: the submitting council is not known (trajectory validate --la CODE)",
    )


@pytest.mark.parametrize("code", ["411", "420", "452"])
def test_rules_reading_where_a_postcode_lies_need_the_postcode_directory(code):
    found = ret(Episodes=[_episode("A", date(2024, 5, 1))], previous={"Episodes": []})
    result = validate(found).by_rule()[code]
    assert result.status == NOT_RUN
    assert "postcode directory" in result.reason


def test_420_a_short_break_with_a_placement_postcode_in_a_council():
    found = _with_postcodes(
        now={
            "Episodes": [
                _episode("A", date(2024, 5, 1), LS="V3", PL_POST="AB1 1AA"),  # flagged
                _episode("B", date(2024, 5, 1), LS="V4", PL_POST="ZZ9 9ZZ"),  # not found
                _episode("C", date(2024, 5, 1), LS="V4"),  # blank: passes
                _episode("D", date(2024, 5, 1), LS="C2", PL_POST="AB1 1AA"),  # not V3/V4
            ]
        }
    )
    assert flagged("420", found) == {"Episodes": [2]}


def test_426_both_kinds_of_short_break():
    found = ret(
        Episodes=[
            _episode("A", date(2024, 5, 1), LS="V3"),  # flagged
            _episode("A", date(2024, 6, 1), LS="V4"),  # flagged
            _episode("A", date(2024, 7, 1), LS="C2"),  # not a short break: passes
            _episode("B", date(2024, 5, 1), LS="V3"),  # V3 only: passes
            _episode("B", date(2024, 6, 1), LS="V3"),
        ]
    )
    assert flagged("426", found) == {"Episodes": [2, 3]}


def test_431_a_new_period_starting_on_or_before_the_last_ended():
    found = ret(
        Episodes=[
            # Given out of order: A's episodes sort by DECOM.
            _episode("A", date(2024, 6, 10), RNE="S"),  # row 2: starts on prior DEC: flagged
            _episode("A", date(2024, 5, 1), RNE="S", DEC=date(2024, 6, 10)),  # row 3: first
            _episode("B", date(2024, 5, 1), RNE="S", DEC=date(2024, 6, 10)),
            _episode("B", date(2024, 6, 11), RNE="S"),  # the day after: passes
            _episode("C", date(2024, 5, 1), RNE="S"),  # open
            _episode("C", date(2024, 6, 1), RNE="S"),  # previous open: never triggers
        ]
    )
    assert flagged("431", found) == {"Episodes": [2]}


def test_432_after_leaving_care_the_next_episode_is_a_new_period():
    found = ret(
        Episodes=[
            _episode("A", date(2024, 5, 1), RNE="S", DEC=date(2024, 6, 1), REC="E4A"),
            _episode("A", date(2024, 7, 1), RNE="P"),  # not S: flagged
            _episode("B", date(2024, 5, 1), RNE="S", DEC=date(2024, 6, 1), REC="E13"),
            _episode("B", date(2024, 7, 1)),  # blank RNE: flagged
            _episode("C", date(2024, 5, 1), RNE="S", DEC=date(2024, 6, 1), REC="E47"),
            _episode("C", date(2024, 7, 1), RNE="S"),  # passes
            _episode("D", date(2024, 5, 1), RNE="S", DEC=date(2024, 6, 1), REC="X1"),
            _episode("D", date(2024, 6, 1), RNE="P"),  # X1 does not end care: passes
        ]
    )
    assert flagged("432", found) == {"Episodes": [3, 5]}


def test_433_a_continuing_episode_starts_the_day_the_last_ended():
    found = ret(
        Episodes=[
            _episode("A", date(2024, 5, 1), RNE="P"),  # first episode: exempt
            _episode("A", date(2024, 6, 1), RNE="P"),  # previous DEC blank: flagged
            _episode("B", date(2024, 5, 1), RNE="S", DEC=date(2024, 6, 1)),
            _episode("B", date(2024, 6, 2), RNE="T"),  # a day's gap: flagged
            _episode("C", date(2024, 5, 1), RNE="S", DEC=date(2024, 6, 1)),
            _episode("C", date(2024, 6, 1), RNE="B"),  # same date: passes
            _episode("D", date(2024, 5, 1), RNE="S", DEC=date(2024, 6, 1)),
            _episode("D", date(2024, 7, 1), RNE="S"),  # new period: not this rule's
        ]
    )
    assert flagged("433", found) == {"Episodes": [3, 5]}


_PLACED = {"LS": "C2", "PLACE": "U1", "PL_POST": "AB1 1AA", "URN": "SC1", "PLACE_PROVIDER": "PR1"}


def _pair(child, rne, **changes):
    """A child's two episodes: the first placed as _PLACED, the second with `changes`."""
    return [
        _episode(child, date(2024, 5, 1), RNE="S", DEC=date(2024, 6, 1), **_PLACED),
        _episode(child, date(2024, 6, 1), RNE=rne, **{**_PLACED, **changes}),
    ]


def test_434_a_legal_status_change_keeps_the_placement_and_changes_ls():
    found = ret(
        Episodes=[
            *_pair("A", "L", LS="E1"),  # rows 2-3: LS changed, placement same: passes
            *_pair("B", "L"),  # rows 4-5: LS the same: flagged
            *_pair("C", "L", LS="E1", URN="SC2"),  # rows 6-7: URN changed: flagged
            *_pair("D", "L", LS="E1", PLACE_PROVIDER=None),  # rows 8-9: provider blanked
        ]
    )
    assert flagged("434", found) == {"Episodes": [5, 7, 9]}


def test_434_blanks_in_both_episodes_are_the_same():
    blank_urn = {**_PLACED, "URN": None}
    found = ret(
        Episodes=[
            _episode("A", date(2024, 5, 1), RNE="S", DEC=date(2024, 6, 1), **blank_urn),
            _episode("A", date(2024, 6, 1), RNE="L", **{**blank_urn, "LS": "E1"}),
        ]
    )
    assert flagged("434", found) == {}


def test_435_a_placement_change_keeps_ls_and_changes_the_placement():
    found = ret(
        Episodes=[
            *_pair("A", "P", PL_POST="CD2 2BB"),  # rows 2-3: placement changed: passes
            *_pair("B", "T"),  # rows 4-5: nothing changed: flagged
            *_pair("C", "P", PLACE="U2", LS="E1"),  # rows 6-7: LS changed: flagged
        ]
    )
    assert flagged("435", found) == {"Episodes": [5, 7]}


def test_435_an_unchanged_placement_with_a_blank_urn_is_still_unchanged():
    # The open validators count blank against blank as a change and miss this one; the
    # spec's check says "all unchanged", and a blank URN in both episodes is unchanged.
    blank_urn = {**_PLACED, "URN": None}
    found = ret(
        Episodes=[
            _episode("A", date(2024, 5, 1), RNE="S", DEC=date(2024, 6, 1), **blank_urn),
            _episode("A", date(2024, 6, 1), RNE="P", **blank_urn),
        ]
    )
    assert flagged("435", found) == {"Episodes": [3]}


def test_436_both_changed_needs_ls_and_placement_changed():
    found = ret(
        Episodes=[
            *_pair("A", "U", LS="E1", PLACE="U2"),  # rows 2-3: both changed: passes
            *_pair("B", "B", PLACE="U2"),  # rows 4-5: LS the same: flagged
            *_pair("C", "U", LS="E1"),  # rows 6-7: placement unchanged: flagged
        ]
    )
    assert flagged("436", found) == {"Episodes": [5, 7]}


def test_437_died_or_taken_over_must_be_the_last_episode():
    found = ret(
        Episodes=[
            _episode("A", date(2024, 5, 1), DEC=date(2024, 6, 1), REC="E15"),  # later: flagged
            _episode("A", date(2024, 7, 1)),
            _episode("B", date(2024, 5, 1), DEC=date(2024, 6, 1), REC="E2"),  # last: passes
            _episode("C", None, DEC=date(2024, 6, 1), REC="E2"),  # no DECOM: not flagged
            _episode("C", date(2024, 7, 1)),
        ]
    )
    assert flagged("437", found) == {"Episodes": [2]}


def test_440_the_under_4_code_after_the_4th_birthday():
    # Born 29/02/2020: the 4th birthday is 29/02/2024 (a leap year).
    found = ret(
        Reviews=[
            {
                "CHILD": "A",
                "DOB": date(2020, 2, 29),
                "REVIEW": date(2024, 3, 1),
                "REVIEW_CODE": "PN0",
            },
            {
                "CHILD": "B",
                "DOB": date(2020, 2, 29),
                "REVIEW": date(2024, 2, 29),
                "REVIEW_CODE": "PN0",
            },
            {
                "CHILD": "C",
                "DOB": date(2020, 2, 29),
                "REVIEW": date(2024, 3, 1),
                "REVIEW_CODE": "PN1",
            },
        ]
    )
    assert flagged("440", found) == {"Reviews": [2]}


def test_441_a_participation_code_before_the_4th_birthday():
    # Born 29/02/2020: the 4th birthday falls on 29/02/2024; a blank DOB is skipped.
    found = ret(
        Reviews=[
            {
                "CHILD": "A",
                "DOB": date(2020, 2, 29),
                "REVIEW": date(2024, 2, 28),
                "REVIEW_CODE": "PN3",
            },
            {
                "CHILD": "B",
                "DOB": date(2020, 2, 29),
                "REVIEW": date(2024, 2, 29),
                "REVIEW_CODE": "PN7",
            },
            {
                "CHILD": "C",
                "DOB": date(2020, 2, 29),
                "REVIEW": date(2024, 2, 28),
                "REVIEW_CODE": "PN0",
            },
            {"CHILD": "D", "DOB": None, "REVIEW": date(2024, 2, 28), "REVIEW_CODE": "PN1"},
        ]
    )
    assert flagged("441", found) == {"Reviews": [2]}


def test_442_upn_needed_unless_only_on_short_breaks():
    found = ret(
        Header=[{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "C"}, {"CHILD": "D", "UPN": "UN1"}],
        Episodes=[
            _episode("A", date(2024, 5, 1), LS="C2"),  # A: blank UPN, in care: flagged
            _episode("B", date(2024, 5, 1), LS="V3"),  # B: short breaks only: passes
            _episode("C", date(2024, 5, 1)),  # C: blank LS counts as not V3/V4: flagged
            _episode("D", date(2024, 5, 1), LS="C2"),  # D: has a UPN code: passes
        ],
    )
    assert flagged("442", found) == {"Header": [2, 4]}


def test_444_a_upn_given_to_two_children():
    header = {
        "Header": [
            {"CHILD": "A", "UPN": "A123456789012"},
            {"CHILD": "B", "UPN": "A123456789012"},
            {"CHILD": "C", "UPN": "UN1"},
            {"CHILD": "D", "UPN": "UN1"},
            {"CHILD": "E"},
            {"CHILD": "F"},
            {"CHILD": "G", "UPN": "B123456789012"},
        ]
    }
    assert flagged("444", ret(year=2026, **header)) == {"Header": [2, 3]}
    # Not a rule before 2025-26.
    assert "444" not in validate(ret(year=2025, **header)).by_rule()


def test_445_a_freeing_order_after_2005_until_2023_24():
    episodes = [
        _episode("A", date(2006, 1, 1), LS="D1"),  # flagged
        _episode("B", date(2005, 12, 31), LS="D1"),  # on the day: passes
        _episode("C", date(2006, 1, 1), LS="E1"),
    ]
    assert flagged("445", ret(year=2024, Episodes=episodes)) == {"Episodes": [2]}
    assert "445" not in validate(ret(year=2025, Episodes=episodes)).by_rule()


def test_446_a_placement_order_before_december_2005():
    found = ret(
        Episodes=[
            _episode("A", date(2005, 11, 30), LS="E1"),  # flagged
            _episode("B", date(2005, 12, 1), LS="E1"),  # on the day: passes
            _episode("C", date(2005, 11, 30), LS="C2"),
        ]
    )
    assert flagged("446", found) == {"Episodes": [2]}


def test_451_an_open_freeing_order_until_2023_24():
    episodes = [
        _episode("A", date(2004, 1, 1), LS="D1"),  # open: flagged
        _episode("B", date(2004, 1, 1), LS="D1", DEC=date(2005, 1, 1), REC="E11"),
        _episode("C", date(2004, 1, 1), LS="D1", REC="E11"),  # REC given: not open
        _episode("D", date(2004, 1, 1), LS="C2"),
    ]
    assert flagged("451", ret(year=2023, Episodes=episodes)) == {"Episodes": [2]}
    assert "451" not in validate(ret(year=2025, Episodes=episodes)).by_rule()


def test_452_the_carried_over_episode_placed_in_another_council():
    found = _with_postcodes(
        now={
            "Episodes": [
                _episode("A", date(2024, 4, 1), RNE="P", PL_POST="CD2 2BB"),  # moved: flagged
                _episode("A", date(2024, 9, 1), RNE="P", PL_POST="CD2 2BB"),  # not first
                _episode("B", date(2024, 4, 1), RNE="P", PL_POST="AB1 1AA"),  # same: passes
                _episode("C", date(2024, 4, 1), RNE="T", PL_POST="CD2 2BB"),  # other RNE
                _episode("D", date(2024, 4, 1), RNE="P", PL_POST="CD2 2BB"),  # last ended
            ]
        },
        previous={
            "Episodes": [
                _episode("A", date(2022, 1, 1), RNE="S", DEC=date(2023, 5, 1)),
                _episode("A", date(2023, 5, 1), RNE="P", PL_POST="AB1 1AA"),  # latest, open
                _episode("B", date(2023, 5, 1), RNE="P", PL_POST="AB11AA"),
                _episode("C", date(2023, 5, 1), RNE="P", PL_POST="AB1 1AA"),
                _episode("D", date(2023, 5, 1), RNE="P", PL_POST="AB1 1AA", DEC=date(2024, 3, 1)),
            ]
        },
    )
    assert flagged("452", found) == {"Episodes": [2]}


def test_453_the_carried_over_episode_a_different_distance():
    found = ret(
        Episodes=[
            _episode("A", date(2024, 4, 1), RNE="P", PL_DISTANCE="10.2"),  # 0.2 more: flagged
            _episode("B", date(2024, 4, 1), RNE="P", PL_DISTANCE="10.1"),  # 0.1: passes
            _episode("C", date(2024, 4, 1), RNE="P", PL_DISTANCE="5.0"),  # none last year
            _episode("D", date(2024, 4, 1), RNE="P"),  # blank now: passes
            _episode("E", date(2024, 4, 1), RNE="P", PL_DISTANCE="1.0"),  # last one closed
        ],
        previous={
            "Episodes": [
                _episode("A", date(2023, 5, 1), RNE="P", PL_DISTANCE="10.0"),
                _episode("B", date(2023, 5, 1), RNE="P", PL_DISTANCE="10.0"),
                _episode("C", date(2023, 5, 1), RNE="P"),
                _episode("D", date(2023, 5, 1), RNE="P", PL_DISTANCE="4.0"),
                _episode("E", date(2023, 5, 1), RNE="P", DEC=date(2024, 1, 1)),
            ]
        },
    )
    assert flagged("453", found) == {"Episodes": [2, 4]}


def test_454_a_distance_over_350_miles_from_2025_26():
    episodes = [
        _episode("A", date(2025, 5, 1), PL_DISTANCE="350.1"),  # flagged
        _episode("B", date(2025, 5, 1), PL_DISTANCE="350.0"),  # not over: passes
        _episode("C", date(2025, 5, 1), PL_DISTANCE="999.9"),  # not known: passes
        _episode("D", date(2025, 5, 1)),
    ]
    assert flagged("454", ret(year=2026, Episodes=episodes)) == {"Episodes": [2]}
    assert "454" not in validate(ret(year=2025, Episodes=episodes)).by_rule()


def test_460_staying_on_at_18_before_the_18th_birthday():
    # Born 29/02/2008: 18 on 01/03/2026.
    found = ret(
        year=2026,
        Header=[
            {"CHILD": "A", "DOB": date(2008, 2, 29)},
            {"CHILD": "B", "DOB": date(2008, 2, 29)},
            {"CHILD": "C", "DOB": date(2008, 2, 29)},
        ],
        Episodes=[
            _episode("A", date(2025, 5, 1), DEC=date(2026, 2, 28), REC="E17"),  # flagged
            _episode("B", date(2025, 5, 1), DEC=date(2026, 3, 1), REC="E17"),  # on it: passes
            _episode("C", date(2025, 5, 1), DEC=date(2026, 2, 28), REC="E45"),
        ],
    )
    assert flagged("460", found) == {"Episodes": [2]}


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        # 452 needs the postcode directory too, named first.
        ("452", "not run: the ONS postcode directory is not configured (TRAJECTORY_POSTCODES)"),
        ("453", "not run: previous year not supplied"),
    ],
)
def test_rules_comparing_with_last_year_need_it(code, reason):
    found = ret(Episodes=[_episode("A", date(2024, 5, 1), PL_DISTANCE="1.0")])
    result = validate(found).by_rule()[code]
    assert (result.status, result.reason) == (NOT_RUN, reason)
