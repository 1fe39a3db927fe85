"""SSDA903 rules 500-599, each version with a failing and a passing case, worked out by hand
from the spec's check and notes (../shared/domain/rules/ssda903_rules.csv). The default year
is 2024-25: 1 April 2024 to 31 March 2025. Rows are numbered from 2 (1 is the header)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.dataquality.conftest import flagged, ret

D = date
MAY_2024 = D(2024, 5, 1)


def episode(child="1", decom=MAY_2024, dec=None, **fields):
    return {"CHILD": child, "DECOM": decom, "DEC": dec, **fields}


# --- 501-504 ------------------------------------------------------------------------------


def test_501_an_episode_starting_before_the_previous_one_ended_is_flagged():
    found = ret(
        Episodes=[
            episode("1", D(2024, 4, 10), D(2024, 6, 1)),  # 2
            episode("1", D(2024, 5, 20), D(2024, 7, 1)),  # 3: starts before 1 June: flagged
            episode("1", D(2024, 7, 1)),  # 4: same day as the previous DEC: passes
            episode("2", D(2024, 4, 10)),  # 5: open
            episode("2", D(2024, 5, 1)),  # 6: previous is open: never triggers
        ]
    )
    assert flagged("501", found) == {"Episodes": [3]}


def test_501_rows_out_of_file_order_are_ordered_by_decom():
    found = ret(
        Episodes=[
            episode("1", D(2024, 8, 1), D(2024, 9, 1)),  # 2: second by DECOM, after 1 Aug: ok
            episode("1", D(2024, 4, 1), D(2024, 8, 1)),  # 3
        ]
    )
    assert flagged("501", found) == {}


def _last_year(*episodes):
    return {"Episodes": list(episodes)}


def test_502_first_episode_must_carry_last_years_open_decom():
    found = ret(
        Episodes=[
            episode("1", D(2024, 3, 1)),  # 2: child 1's first, matches last year's open: ok
            episode("2", D(2024, 4, 5)),  # 3: child 2's first, last year's open is 1 Feb
            episode("2", D(2024, 6, 5)),  # 4: not the first
            episode("3", D(2024, 4, 5)),  # 5: last year's episode closed: ok
        ],
        previous=_last_year(
            episode("1", D(2024, 3, 1)),
            episode("2", D(2024, 2, 1)),
            episode("3", D(2024, 2, 1), D(2024, 3, 1)),
        ),
    )
    assert flagged("502", found) == {"Episodes": [3]}


@pytest.mark.parametrize(
    ("code", "field", "this", "last"),
    [
        ("503A", "RNE", "P", "L"),
        ("503B", "LS", "C2", "C1"),
        ("503C", "CIN", "N2", "N1"),
        ("503E", "PLACE_PROVIDER", "PR2", "PR1"),
        ("503F", "URN", "SC111111", "SC222222"),
        ("503J", "PL_LOCATION", "OUT", "IN"),
    ],
)
def test_503_first_episode_differs_from_last_years_open_one(code, field, this, last):
    found = ret(
        Episodes=[
            episode("1", D(2024, 6, 1), **{field: this}),  # 2: not child 1's first
            episode("1", D(2024, 3, 1), **{field: this}),  # 3: first, differs: flagged
            episode("2", D(2024, 3, 1), **{field: this}),  # 4: same as last year: ok
            episode("3", D(2024, 3, 1), **{field: this}),  # 5: last year's latest closed
            episode("4", D(2024, 3, 1)),  # 6: blank against a value: differs
            episode("5", D(2024, 3, 1)),  # 7: two blanks are the same
        ],
        previous=_last_year(
            episode("1", D(2023, 5, 1), D(2024, 3, 1), **{field: this}),
            episode("1", D(2024, 3, 1), **{field: last}),  # the latest, open
            episode("2", D(2024, 3, 1), **{field: this}),
            episode("3", D(2024, 3, 1), D(2024, 3, 20), **{field: last}),
            episode("4", D(2024, 3, 1), **{field: last}),
            episode("5", D(2024, 3, 1)),
        ),
    )
    assert flagged(code, found) == {"Episodes": [3, 6]}


def _place_pairs(year, pairs):
    """One child per (this year's PLACE, last year's open PLACE), rows 2, 3, ..."""
    this = [episode(str(n), D(year - 1, 3, 1), PLACE=now) for n, (now, _) in enumerate(pairs)]
    last = [episode(str(n), D(year - 1, 3, 1), PLACE=was) for n, (_, was) in enumerate(pairs)]
    return ret(year=year, Episodes=this, previous={"Episodes": last})


def test_503d_until_2023_24_any_change_of_place_is_flagged():
    found = _place_pairs(2024, [("K3", "H5"), ("R1", "R1"), ("U1", "H5")])
    assert flagged("503D", found) == {"Episodes": [2, 4]}


def test_503d_2024_25_accepts_k3_after_h5_only():
    # K3 after H5 is the rename; K3 after U1 and U1 after H5 are changes (the peer exempts any
    # K3 or any H5).
    found = _place_pairs(2025, [("K3", "H5"), ("K3", "U1"), ("U1", "H5"), ("R1", "R1")])
    assert flagged("503D", found) == {"Episodes": [3, 4]}


@pytest.mark.parametrize("year", [2026, 2027])
def test_503d_from_2025_26_accepts_z11_to_z14_after_z1(year):
    found = _place_pairs(year, [("Z11", "Z1"), ("Z14", "Z1"), ("K3", "H5"), ("Z12", "R1")])
    assert flagged("503D", found) == {"Episodes": [4, 5]}


def test_503g_placement_distance_moved_by_a_fifth_of_a_mile():
    found = ret(
        Episodes=[
            episode("1", D(2024, 3, 1), PL_DISTANCE="1.2"),  # 2: 1.0 -> 1.2: exactly 0.2: flagged
            episode("2", D(2024, 3, 1), PL_DISTANCE="1.1"),  # 3: 1.0 -> 1.1: ok
            episode("3", D(2024, 3, 1), PL_DISTANCE="5.0"),  # 4: last year blank: flagged
            episode("4", D(2024, 3, 1)),  # 5: this year blank, last filled: ok
            episode("5", D(2024, 3, 1), PL_DISTANCE="9.0"),  # 6: last year closed: ok
        ],
        previous=_last_year(
            episode("1", D(2024, 3, 1), PL_DISTANCE="1.0"),
            episode("2", D(2024, 3, 1), PL_DISTANCE="1.0"),
            episode("3", D(2024, 3, 1)),
            episode("4", D(2024, 3, 1), PL_DISTANCE="3.0"),
            episode("5", D(2024, 3, 1), D(2024, 3, 5), PL_DISTANCE="1.0"),
        ),
    )
    assert flagged("503G", found) == {"Episodes": [2, 4]}


def test_503_rules_say_not_run_without_last_year():
    from trajectory.dataquality import registry
    from trajectory.dataquality.run import NOT_RUN, validate

    rules = [r for r in registry.rules_for("ssda903", 2025) if r.code.startswith("503")]
    report = validate(ret(Episodes=[episode()]), rules)
    assert {result.status for result in report.results} == {NOT_RUN}


def test_503h_is_declared_not_implemented_with_its_reason():
    from trajectory.dataquality import registry

    missing = {item.code: item.reason for item in registry.missing_for("ssda903", 2025)}
    assert "PL_LA" in missing["503H"]


def test_504_category_of_need_must_continue_across_an_x1_change():
    found = ret(
        Episodes=[
            episode("1", D(2024, 4, 1), D(2024, 6, 1), CIN="N1", REC="X1"),  # 2
            episode("1", D(2024, 6, 1), D(2024, 8, 1), CIN="N2", REC="X1"),  # 3: N1 -> N2
            episode("1", D(2024, 8, 1), CIN="N2"),  # 4: same: ok
            episode("2", D(2024, 4, 1), D(2024, 6, 1), CIN="N1", REC="E4A"),  # 5
            episode("2", D(2024, 6, 1), CIN="N2"),  # 6: previous not X1: ok
            episode("3", D(2024, 4, 1), D(2024, 6, 1), REC="X1"),  # 7
            episode("3", D(2024, 6, 1)),  # 8: two blanks count as different: flagged
            episode("4", D(2024, 4, 1), D(2024, 6, 1), CIN="N1", REC="X1"),  # 9
            episode("4", D(2024, 6, 2), CIN="N2"),  # 10: not the same day: ok
        ]
    )
    assert flagged("504", found) == {"Episodes": [3, 8]}


# --- 511-524: adopters --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "failing", "passing"),
    [
        ("511", {"NB_ADOPTR": "2", "SEX_ADOPTR": "M1"}, {"NB_ADOPTR": "2", "SEX_ADOPTR": "MF"}),
        ("511", {"NB_ADOPTR": "2", "SEX_ADOPTR": "F1"}, {"NB_ADOPTR": "1", "SEX_ADOPTR": "F1"}),
        ("514", {"LS_ADOPTR": "L0", "SEX_ADOPTR": "MF"}, {"LS_ADOPTR": "L0", "SEX_ADOPTR": "F1"}),
        ("514", {"LS_ADOPTR": "L0"}, {"LS_ADOPTR": "L3", "SEX_ADOPTR": "MF"}),  # blank flagged
        ("517", {"LS_ADOPTR": "L3", "SEX_ADOPTR": "MM"}, {"LS_ADOPTR": "L3", "SEX_ADOPTR": "MF"}),
        ("518", {"LS_ADOPTR": "L4", "SEX_ADOPTR": "MF"}, {"LS_ADOPTR": "L4", "SEX_ADOPTR": "FF"}),
        ("519", {"LS_ADOPTR": "L2", "SEX_ADOPTR": "M1"}, {"LS_ADOPTR": "L2", "SEX_ADOPTR": "MF"}),
        ("520", {"LS_ADOPTR": "L11", "SEX_ADOPTR": "FF"}, {"LS_ADOPTR": "L11", "SEX_ADOPTR": "MF"}),
        ("524", {"LS_ADOPTR": "L12", "SEX_ADOPTR": "MF"}, {"LS_ADOPTR": "L12", "SEX_ADOPTR": "MM"}),
    ],
)
def test_adopters_number_and_status_must_agree_with_their_sex(code, failing, passing):
    found = ret(AD1=[{"CHILD": "1", **failing}, {"CHILD": "2", **passing}])
    assert flagged(code, found) == {"AD1": [2]}


def test_516_a_short_break_ending_needs_a_short_break_place():
    found = ret(
        Episodes=[
            episode("1", REC="E45", PLACE="R1"),  # 2: flagged
            episode("2", REC="E46", PLACE="U3"),  # 3: ok
            episode("3", REC="E46"),  # 4: blank PLACE is not U1-U6: flagged
            episode("4", REC="E4A", PLACE="R1"),  # 5: other ending: ok
        ]
    )
    assert flagged("516", found) == {"Episodes": [2, 4]}


# --- 521-525: adoption dates --------------------------------------------------------------


def test_521_adoption_placement_before_the_decision_flags_both_rows():
    found = ret(
        Episodes=[
            episode("1", D(2024, 5, 1), PLACE="A3"),  # 2: decision 2 May is after: flagged
            episode("2", D(2024, 5, 1), PLACE="A5"),  # 3: decision the same day: passes
            episode("3", D(2024, 5, 1), PLACE="R1"),  # 4: not an adoption place
        ],
        AD1=[
            {"CHILD": "1", "DATE_INT": D(2024, 5, 2)},  # 2
            {"CHILD": "2", "DATE_INT": D(2024, 5, 1)},  # 3
            {"CHILD": "3", "DATE_INT": D(2024, 6, 1)},  # 4
        ],
    )
    assert flagged("521", found) == {"AD1": [2], "Episodes": [2]}


def test_522_decision_ceasing_before_it_was_made():
    found = ret(
        PlacedAdoption=[
            {"CHILD": "1", "DATE_PLACED": D(2024, 5, 2), "DATE_PLACED_CEASED": D(2024, 5, 1)},
            {"CHILD": "2", "DATE_PLACED": D(2024, 5, 2), "DATE_PLACED_CEASED": D(2024, 5, 2)},
            {"CHILD": "3", "DATE_PLACED": D(2024, 5, 2)},
        ]
    )
    assert flagged("522", found) == {"PlacedAdoption": [2]}


def test_523_decision_dates_must_match_between_tables():
    found = ret(
        PlacedAdoption=[
            {"CHILD": "1", "DATE_PLACED": D(2024, 5, 2)},  # 2: AD1 says 3 May: flagged
            {"CHILD": "1", "DATE_PLACED": D(2024, 5, 3)},  # 3: matches
            {"CHILD": "2", "DATE_PLACED": D(2024, 5, 3)},  # 4: matches
            {"CHILD": "3"},  # 5: blank: not compared
        ],
        AD1=[
            {"CHILD": "1", "DATE_INT": D(2024, 5, 3)},  # 2
            {"CHILD": "2", "DATE_INT": D(2024, 5, 3)},  # 3
            {"CHILD": "3", "DATE_INT": D(2024, 5, 3)},  # 4
        ],
    )
    assert flagged("523", found) == {"AD1": [2], "PlacedAdoption": [2]}


def test_525_a_ceased_decision_with_adoption_details_flags_both_rows():
    found = ret(
        PlacedAdoption=[
            {"CHILD": "1", "DATE_PLACED_CEASED": D(2024, 6, 1)},  # 2: AD1 has FOSTER_CARE
            {"CHILD": "2", "DATE_PLACED_CEASED": D(2024, 6, 1)},  # 3: AD1 all blank
            {"CHILD": "3"},  # 4: not ceased
        ],
        AD1=[
            {"CHILD": "1", "FOSTER_CARE": "0"},  # 2
            {"CHILD": "2"},  # 3
            {"CHILD": "3", "DATE_MATCH": D(2024, 6, 1)},  # 4
        ],
    )
    assert flagged("525", found) == {"AD1": [2], "PlacedAdoption": [2]}


# --- 526-531, 550: place and provider -----------------------------------------------------


def test_526_until_2024_25_provider_needed_except_t0_t4_and_z1():
    rows = [
        episode("1", PLACE="R1"),  # 2: flagged
        episode("2", PLACE="T2"),  # 3: exempt
        episode("3", PLACE="Z1"),  # 4: exempt
        episode("4"),  # 5: blank PLACE needs a provider: flagged
        episode("5", PLACE="R1", PLACE_PROVIDER="PR1"),  # 6: has one
        episode("6", PLACE="Z11"),  # 7: not exempt before 2025-26: flagged
    ]
    assert flagged("526", ret(year=2025, Episodes=rows)) == {"Episodes": [2, 5, 7]}
    assert flagged("526", ret(year=2023, Episodes=rows)) == {"Episodes": [2, 5, 7]}


def test_526_from_2025_26_z11_to_z14_are_exempt_and_z1_no_longer():
    rows = [
        episode("1", PLACE="Z12"),  # 2: exempt
        episode("2", PLACE="Z1"),  # 3: flagged
        episode("3", PLACE="T0"),  # 4: exempt
    ]
    assert flagged("526", ret(year=2026, Episodes=rows)) == {"Episodes": [3]}


@pytest.mark.parametrize(
    ("code", "place", "provider", "allowed_place"),
    [
        ("527", "R2", "PR1", "U1"),
        ("528", "R5", "PR2", "U1"),
        ("529", "K2", "PR3", "R1"),
        ("529", "U6", "PR3", "R1"),
        ("530", "P1", "PR4", "R1"),
        ("531", "P1", "PR5", "R1"),
    ],
)
def test_forbidden_place_and_provider(code, place, provider, allowed_place):
    found = ret(
        Episodes=[
            episode("1", PLACE=place, PLACE_PROVIDER=provider),  # 2: forbidden
            episode("2", PLACE=allowed_place, PLACE_PROVIDER=provider),  # 3: fine
            episode("3", PLACE=place, PLACE_PROVIDER="PR0"),  # 4: another provider
        ]
    )
    assert flagged(code, found) == {"Episodes": [2]}


def test_550_provider_pr0_only_with_a_parent():
    found = ret(
        Episodes=[
            episode("1", PLACE="R1", PLACE_PROVIDER="PR0"),  # 2: flagged
            episode("2", PLACE="P1", PLACE_PROVIDER="PR0"),  # 3: ok
            episode("3", PLACE_PROVIDER="PR0"),  # 4: blank PLACE flagged
            episode("4", PLACE="R1", PLACE_PROVIDER="PR1"),  # 5: ok
        ]
    )
    assert flagged("550", found) == {"Episodes": [2, 4]}


# --- 542-547: OC2 by age ------------------------------------------------------------------


def test_542_convicted_recorded_for_a_child_under_ten():
    found = ret(
        OC2=[
            {"CHILD": "1", "DOB": D(2015, 4, 1), "CONVICTED": "0"},  # 10 on 1 Apr 2025: flagged
            {"CHILD": "2", "DOB": D(2015, 3, 31), "CONVICTED": "0"},  # 10 on 31 March: ok
            {"CHILD": "3", "DOB": D(2015, 4, 1)},  # blank: ok
            # Born 29 Feb 2016: 10th birthday read as 1 March 2026, after the year: flagged.
            {"CHILD": "4", "DOB": D(2016, 2, 29), "CONVICTED": "1"},
        ]
    )
    assert flagged("542", found) == {"OC2": [2, 5]}


def _looked_after(*children):
    """An episode open all year for each child (the CLA flag of rule 157)."""
    return [episode(child, D(2023, 1, 1), PLACE="U1", LS="C2", RNE="L") for child in children]


def test_cla_flag_children_whose_care_broke_in_the_year_are_not_looked_after_all_year():
    # 543 on children all aged over 10 with CONVICTED blank, so only the CLA flag decides.
    oc2 = [{"CHILD": str(n), "DOB": D(2010, 1, 1)} for n in range(1, 6)]
    found = ret(
        Episodes=[
            *_looked_after("1"),  # 2: looked after all year: flagged
            episode("2", D(2023, 1, 1), D(2024, 9, 1), REC="E4A"),  # left care in the year
            episode("3", D(2023, 1, 1), D(2024, 6, 1), REC="X1"),  # X1 then carries on
            episode("3", D(2024, 6, 1)),
            episode("4", D(2023, 1, 1), LS="V3"),  # short breaks
            episode("5", D(2023, 1, 1), D(2024, 5, 1), REC="X1"),
            episode("5", D(2024, 5, 1), RNE="S"),  # a new start in the year
        ],
        OC2=oc2,
    )
    assert flagged("543", found) == {"OC2": [2, 4]}


def test_543_convicted_blank_for_a_child_ten_before_31_march():
    found = ret(
        Episodes=_looked_after("1", "2", "3", "4"),
        OC2=[
            {"CHILD": "1", "DOB": D(2015, 3, 30)},  # 10 on 30 March: flagged
            {"CHILD": "2", "DOB": D(2015, 3, 31)},  # 10 on 31 March exactly: not flagged
            {"CHILD": "3", "DOB": D(2014, 1, 1), "CONVICTED": "0"},  # recorded
            {"CHILD": "5", "DOB": D(2014, 1, 1)},  # no episodes: not looked after
            # Born 29 Feb 2012: 10 on 1 March 2022 (no 29 Feb in 2022): before the end: flagged.
            {"CHILD": "4", "DOB": D(2012, 2, 29)},
        ],
    )
    assert flagged("543", found) == {"OC2": [2, 6]}


@pytest.mark.parametrize(("code", "flag"), [("544", "CONVICTED"), ("547", "HEALTH_CHECK")])
def test_544_547_a_yes_needs_all_four_health_fields(code, flag):
    complete = {name: "1" for name in ("IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT")}
    found = ret(
        OC2=[
            {"CHILD": "1", flag: "1", **complete},  # SUBSTANCE_MISUSE blank: flagged
            {"CHILD": "2", flag: "1", **complete, "SUBSTANCE_MISUSE": "0"},  # complete
            {"CHILD": "3", flag: "0"},  # 0 does not trigger
        ]
    )
    assert flagged(code, found) == {"OC2": [2]}


def test_545_health_check_blank_for_an_under_five():
    found = ret(
        Episodes=_looked_after("1", "2", "3"),
        OC2=[
            {"CHILD": "1", "DOB": D(2020, 4, 1)},  # 5 on 1 April 2025, after the end: flagged
            {"CHILD": "2", "DOB": D(2020, 3, 31)},  # 5 on 31 March: not under 5
            {"CHILD": "3", "DOB": D(2021, 1, 1), "HEALTH_CHECK": "1"},  # recorded
            {"CHILD": "4", "DOB": D(2021, 1, 1)},  # not looked after
        ],
    )
    assert flagged("545", found) == {"OC2": [2]}


def test_546_health_check_filled_for_a_five_year_old():
    found = ret(
        Episodes=_looked_after("1", "2", "3"),
        OC2=[
            {"CHILD": "1", "DOB": D(2020, 3, 31), "HEALTH_CHECK": "1"},  # 5 on 31 March: flagged
            {"CHILD": "2", "DOB": D(2020, 4, 1), "HEALTH_CHECK": "1"},  # still 4: ok
            # 29 Feb 2020: 5 on 1 March 2025, on or before the end: flagged.
            {"CHILD": "3", "DOB": D(2020, 2, 29), "HEALTH_CHECK": "0"},
            {"CHILD": "4", "DOB": D(2010, 1, 1), "HEALTH_CHECK": "1"},  # not looked after
        ],
    )
    assert flagged("546", found) == {"OC2": [2, 4]}


# --- 551-563: placed for adoption ---------------------------------------------------------


def test_551_adoption_placement_needs_a_dated_decision():
    found = ret(
        Episodes=[
            episode("1", PLACE="A3"),  # 2: no PlacedAdoption row: flagged
            episode("2", PLACE="A4"),  # 3: one of two rows undated: flagged
            episode("3", PLACE="A6"),  # 4: dated: ok
            episode("4", PLACE="R1"),  # 5: not an adoption place
        ],
        PlacedAdoption=[
            {"CHILD": "2", "DATE_PLACED": D(2024, 1, 1)},
            {"CHILD": "2"},
            {"CHILD": "3", "DATE_PLACED": D(2024, 1, 1)},
        ],
    )
    assert flagged("551", found) == {"Episodes": [2, 3]}


def test_552_first_adoption_placement_before_the_latest_decision():
    found = ret(
        Episodes=[
            episode("1", D(2024, 6, 1), PLACE="A3"),  # 2: later one
            episode("1", D(2024, 5, 1), PLACE="A4"),  # 3: earliest, before 10 May: flagged
            episode("2", D(2024, 5, 10), PLACE="A3"),  # 4: same day as decision: passes
        ],
        PlacedAdoption=[
            {"CHILD": "1", "DATE_PLACED": D(2024, 1, 1)},  # 2: not the latest
            {"CHILD": "1", "DATE_PLACED": D(2024, 5, 10)},  # 3: latest: flagged
            {"CHILD": "2", "DATE_PLACED": D(2024, 5, 10)},  # 4
        ],
    )
    assert flagged("552", found) == {"Episodes": [3], "PlacedAdoption": [3]}


@pytest.mark.parametrize(("code", "status", "year"), [("553", "E1", 2025), ("555", "D1", 2024)])
def test_553_555_order_needs_a_decision_that_has_not_ceased(code, status, year):
    found = ret(
        year=year,
        Episodes=[
            episode("1", LS=status),  # 2: no PlacedAdoption row: flagged
            episode("2", LS=status),  # 3: open, decision ceased: its PA row flagged
            episode("3", D(2024, 4, 1), D(2024, 5, 1), LS=status),  # 4: closed: ceased is fine
            episode("4", LS="C2"),  # 5: other status
        ],
        PlacedAdoption=[
            {"CHILD": "2", "DATE_PLACED": D(2024, 1, 1), "REASON_PLACED_CEASED": "RD1"},  # 2
            {"CHILD": "3", "DATE_PLACED_CEASED": D(2024, 5, 1)},  # 3
            {"CHILD": "5"},  # 4
        ],
    )
    assert flagged(code, found) == {"Episodes": [2], "PlacedAdoption": [2]}


def test_555_and_556_are_retired_from_2024_25():
    from trajectory.dataquality import registry

    codes = {rule.code for rule in registry.rules_for("ssda903", 2025)}
    assert not {"555", "556"} & codes


def test_554_decision_after_the_first_placement_order_episode():
    found = ret(
        Episodes=[
            episode("1", D(2024, 5, 1), LS="E1"),  # 2: first E1; decision 2 May after: flagged
            episode("1", D(2024, 7, 1), LS="E1"),  # 3: not the first
            episode("2", D(2024, 5, 1), LS="E1"),  # 4: decision same day: passes
        ],
        PlacedAdoption=[
            {"CHILD": "1", "DATE_PLACED": D(2024, 5, 2)},
            {"CHILD": "2", "DATE_PLACED": D(2024, 5, 1)},
        ],
    )
    assert flagged("554", found) == {"Episodes": [2], "PlacedAdoption": [2]}


def test_556_decision_after_a_freeing_order_episode():
    found = ret(
        year=2024,
        Episodes=[
            episode("1", D(2023, 5, 1), LS="D1"),  # 2: one decision after: flagged
            episode("2", D(2023, 5, 1), LS="D1"),  # 3: decision before: ok
        ],
        PlacedAdoption=[
            {"CHILD": "1", "DATE_PLACED": D(2023, 4, 1)},
            {"CHILD": "1", "DATE_PLACED": D(2023, 6, 1)},
            {"CHILD": "2", "DATE_PLACED": D(2023, 5, 1)},
        ],
    )
    assert flagged("556", found) == {"Episodes": [2]}


def _adoption_ended(status):
    return ret(
        year=2024 if status == "D1" else 2025,
        Episodes=[
            episode("1", D(2023, 5, 1), D(2023, 9, 1), PLACE="A3", REC="E4A"),  # 2: no PA: flag
            episode("2", D(2023, 5, 1), D(2023, 9, 1), PLACE="A4", REC="E4A"),  # 3: PA lacks
            episode("3", D(2023, 5, 1), D(2023, 9, 1), PLACE="A4", REC="E11"),  # 4: adopted: ok
            episode("4", D(2023, 5, 1), D(2023, 9, 1), PLACE="A5", REC="E4A"),  # 5: complete
            episode("5", D(2023, 5, 1), D(2023, 9, 1), LS=status, REC="E3"),  # 6: by status
            episode("6", D(2023, 5, 1), PLACE="A5"),  # 7: still open (REC blank): ok
        ],
        PlacedAdoption=[
            {"CHILD": "2", "DATE_PLACED_CEASED": D(2023, 9, 1)},  # 2: no reason: flagged
            {"CHILD": "4", "DATE_PLACED_CEASED": D(2023, 9, 1), "REASON_PLACED_CEASED": "RD1"},
        ],
    )


def test_557_until_2023_24_includes_freeing_orders():
    assert flagged("557", _adoption_ended("D1")) == {
        "Episodes": [2, 3, 6],
        "PlacedAdoption": [2],
    }


def test_557_from_2024_25_freeing_orders_no_longer_trigger():
    # The same rows with E1 in place of D1 are flagged alike; D1 alone (no adoption PLACE) is
    # no longer checked.
    assert flagged("557", _adoption_ended("E1")) == {
        "Episodes": [2, 3, 6],
        "PlacedAdoption": [2],
    }
    found = ret(
        year=2025,
        Episodes=[
            episode("5", D(2023, 5, 1), D(2023, 9, 1), LS="D1", REC="E3"),  # 2: not checked
            episode("6", D(2023, 5, 1), D(2023, 9, 1), LS="E1", REC="E3"),  # 3: flagged
        ],
        PlacedAdoption=[],
    )
    assert flagged("557", found) == {"Episodes": [3]}


def test_558_adopted_child_whose_every_decision_ceased():
    adopted = {"REC": "E11", "DEC": D(2024, 9, 1)}
    found = ret(
        Episodes=[
            episode("1", D(2024, 5, 1), **adopted),  # 2: two ceased decisions: flagged
            episode("2", D(2024, 5, 1), **adopted),  # 3: one ceased, one open: ok
            episode("3", D(2024, 5, 1), **adopted),  # 4: one ceased only, one episode: ok
            # Child 4: two adoption episodes and one ceased decision: two joined rows, flagged
            # (the spec's quirk).
            episode("4", D(2024, 4, 1), REC="E12", DEC=D(2024, 5, 1)),  # 5
            episode("4", D(2024, 5, 1), **adopted),  # 6
        ],
        PlacedAdoption=[
            {"CHILD": "1", "DATE_PLACED_CEASED": D(2024, 1, 1)},
            {"CHILD": "1", "DATE_PLACED_CEASED": D(2024, 2, 1)},
            {"CHILD": "2", "DATE_PLACED_CEASED": D(2024, 1, 1)},
            {"CHILD": "2"},
            {"CHILD": "3", "DATE_PLACED_CEASED": D(2024, 1, 1)},
            {"CHILD": "4", "DATE_PLACED_CEASED": D(2024, 1, 1)},
        ],
    )
    assert flagged("558", found) == {"Episodes": [2, 5, 6]}


def test_559_earlier_decision_missing_from_last_year():
    found = ret(
        PlacedAdoption=[
            {"CHILD": "1", "DATE_PLACED": D(2024, 3, 31)},  # 2: before 1 April, absent: flagged
            {"CHILD": "2", "DATE_PLACED": D(2024, 3, 1)},  # 3: last year's undated: flagged
            {"CHILD": "3", "DATE_PLACED": D(2024, 3, 1)},  # 4: in last year's: ok
            {"CHILD": "4", "DATE_PLACED": D(2024, 4, 1)},  # 5: this year: ok
        ],
        previous={
            "PlacedAdoption": [
                {"CHILD": "2"},
                {"CHILD": "3", "DATE_PLACED": D(2024, 3, 1)},
            ]
        },
    )
    assert flagged("559", found) == {"PlacedAdoption": [2, 3]}


def test_560_open_decision_must_keep_its_date():
    found = ret(
        PlacedAdoption=[
            {"CHILD": "1", "DATE_PLACED": D(2024, 3, 2)},  # 2: differs: flagged
            {"CHILD": "2", "DATE_PLACED": D(2024, 3, 1)},  # 3: same: ok
            {"CHILD": "3"},  # 4: blank this year counts as different: flagged
            {"CHILD": "4", "DATE_PLACED": D(2024, 3, 2)},  # 5: last year's ceased: ok
        ],
        previous={
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED": D(2024, 3, 1)},
                {"CHILD": "2", "DATE_PLACED": D(2024, 3, 1)},
                {"CHILD": "3", "DATE_PLACED": D(2024, 3, 1)},
                {"CHILD": "4", "DATE_PLACED": D(2024, 3, 1), "DATE_PLACED_CEASED": D(2024, 3, 9)},
            ]
        },
    )
    assert flagged("560", found) == {"PlacedAdoption": [2, 4]}


def test_561_a_ceased_decision_repeated_this_year():
    found = ret(
        PlacedAdoption=[
            {"CHILD": "1", "DATE_PLACED": D(2024, 3, 1)},  # 2: same, last year ceased: flagged
            {"CHILD": "2", "DATE_PLACED": D(2024, 3, 1)},  # 3: same, not ceased: ok
            {"CHILD": "3", "DATE_PLACED": D(2024, 6, 1)},  # 4: a new decision: ok
            {"CHILD": "4"},  # 5: two blanks are not identical: ok
        ],
        previous={
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED": D(2024, 3, 1), "REASON_PLACED_CEASED": "RD1"},
                {"CHILD": "2", "DATE_PLACED": D(2024, 3, 1)},
                {"CHILD": "3", "DATE_PLACED": D(2024, 3, 1), "DATE_PLACED_CEASED": D(2024, 3, 9)},
                {"CHILD": "4", "REASON_PLACED_CEASED": "RD1"},
            ]
        },
    )
    assert flagged("561", found) == {"PlacedAdoption": [2]}


def test_562_episode_from_before_the_year_must_be_last_years_latest():
    found = ret(
        Episodes=[
            episode("1", D(2024, 3, 1)),  # 2: last year's latest is 1 March: ok
            episode("2", D(2024, 2, 1)),  # 3: last year's latest is 1 March: flagged
            episode("3", D(2024, 3, 1)),  # 4: absent last year: flagged
            episode("4", D(2024, 4, 1)),  # 5: starts in the year: not checked
        ],
        previous=_last_year(
            episode("1", D(2023, 6, 1), D(2024, 3, 1)),
            episode("1", D(2024, 3, 1)),
            episode("2", D(2024, 3, 1)),
        ),
    )
    assert flagged("562", found) == {"Episodes": [3, 4]}


def test_563_ceased_decision_without_its_date():
    ceased = {"DATE_PLACED_CEASED": D(2024, 6, 1), "REASON_PLACED_CEASED": "RD1"}
    found = ret(
        PlacedAdoption=[
            {"CHILD": "1", **ceased},  # 2: flagged
            {"CHILD": "2", "DATE_PLACED": D(2024, 1, 1), **ceased},  # 3: ok
            {"CHILD": "3", "REASON_PLACED_CEASED": "RD1"},  # 4: only one filled: ok
        ]
    )
    assert flagged("563", found) == {"PlacedAdoption": [2]}


def test_579_new_decision_before_the_previous_one_ceased():
    found = ret(
        PlacedAdoption=[
            {"CHILD": "1", "DATE_PLACED": D(2024, 1, 1), "DATE_PLACED_CEASED": D(2024, 3, 1)},
            {"CHILD": "1", "DATE_PLACED": D(2024, 3, 1)},  # 3: same-day restart: passes
            {"CHILD": "2", "DATE_PLACED": D(2024, 1, 1), "DATE_PLACED_CEASED": D(2024, 3, 1)},
            {"CHILD": "2", "DATE_PLACED": D(2024, 2, 1), "DATE_PLACED_CEASED": D(2024, 5, 1)},
            {"CHILD": "3", "DATE_PLACED": D(2024, 6, 1)},  # 6: second by date
            {"CHILD": "3", "DATE_PLACED": D(2024, 1, 1)},  # 7: first, never ceased
        ]
    )
    # Row 5 restarts before 1 March; row 6 follows row 7, which is still open.
    assert flagged("579", found) == {"PlacedAdoption": [5, 6]}


def test_583_only_the_latest_decision_by_date_may_be_open():
    found = ret(
        PlacedAdoption=[
            # By text 31/12/2023 sorts after 02/01/2024; by date 2 January 2024 is the latest.
            {"CHILD": "1", "DATE_PLACED": D(2023, 12, 31)},  # 2: earlier and open: flagged
            {"CHILD": "1", "DATE_PLACED": D(2024, 1, 2)},  # 3: latest: ok
            {"CHILD": "2", "DATE_PLACED": D(2023, 12, 31), "DATE_PLACED_CEASED": D(2024, 1, 1)},
            {"CHILD": "2", "DATE_PLACED": D(2024, 1, 2)},  # 5: ok
            {"CHILD": "3", "DATE_PLACED": D(2023, 1, 1)},  # 6: the only row: ok
            {"CHILD": "4", "DATE_PLACED": D(2023, 1, 1)},  # 7: dated, so the latest: ok
            {"CHILD": "4"},  # 8: a blank DATE_PLACED is never the latest: flagged
        ]
    )
    assert flagged("583", found) == {"PlacedAdoption": [2, 8]}


def test_584_after_a_ceased_decision_a_new_one_must_come_later():
    ceased = {"DATE_PLACED_CEASED": D(2024, 2, 1)}
    found = ret(
        PlacedAdoption=[
            # 2 January 2024 is after 31 December 2023 (as text "02/01/2024" < "31/12/2023").
            {"CHILD": "1", "DATE_PLACED": D(2024, 1, 2)},  # 2: after: ok
            {"CHILD": "2", "DATE_PLACED": D(2023, 12, 31)},  # 3: same day: flagged
            {"CHILD": "3"},  # 4: blank: flagged
            {"CHILD": "4", "DATE_PLACED": D(2023, 1, 1)},  # 5: last year's not ceased: ok
        ],
        previous={
            "PlacedAdoption": [
                {"CHILD": "1", "DATE_PLACED": D(2023, 12, 31), **ceased},
                {"CHILD": "2", "DATE_PLACED": D(2023, 12, 31), "REASON_PLACED_CEASED": "RD1"},
                {"CHILD": "3", "DATE_PLACED": D(2023, 12, 31), **ceased},
                {"CHILD": "4", "DATE_PLACED": D(2023, 12, 31)},
            ]
        },
    )
    assert flagged("584", found) == {"PlacedAdoption": [3, 4]}


# --- 564-586: missing periods -------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "failing", "passing"),
    [
        ("564", {"MISSING": "m"}, {"MISSING": "A", "MIS_START": D(2024, 5, 1)}),
        ("564", {"MISSING": "A"}, {}),
        ("565", {"MIS_START": D(2024, 5, 1)}, {"MISSING": "M", "MIS_START": D(2024, 5, 1)}),
        ("566", {"MIS_END": D(2024, 5, 1)}, {"MISSING": "M", "MIS_END": D(2024, 5, 1)}),
        (
            "567",
            {"MIS_START": D(2024, 5, 2), "MIS_END": D(2024, 5, 1)},
            {"MIS_START": D(2024, 5, 1), "MIS_END": D(2024, 5, 1)},  # same day passes
        ),
        ("570", {"MIS_START": D(2025, 4, 1)}, {"MIS_START": D(2025, 3, 31)}),
        ("571", {"MIS_END": D(2025, 4, 1)}, {"MIS_END": D(2025, 3, 31)}),
        ("571", {"MIS_END": D(2024, 3, 31)}, {"MIS_END": D(2024, 4, 1)}),
        (
            "586",
            {"DOB": D(2015, 6, 1), "MIS_START": D(2015, 6, 1)},  # the day of birth: flagged
            {"DOB": D(2015, 6, 1), "MIS_START": D(2015, 6, 2)},
        ),
    ],
)
def test_missing_rows_on_their_own(code, failing, passing):
    found = ret(Missing=[{"CHILD": "1", **failing}, {"CHILD": "2", **passing}])
    assert flagged(code, found) == {"Missing": [2]}


def test_574_missing_periods_must_not_overlap():
    found = ret(
        Missing=[
            {"CHILD": "1", "MIS_START": D(2024, 5, 1), "MIS_END": D(2024, 5, 5)},  # 2
            {"CHILD": "1", "MIS_START": D(2024, 5, 5), "MIS_END": D(2024, 5, 9)},  # 3: same day
            {"CHILD": "1", "MIS_START": D(2024, 5, 8), "MIS_END": D(2024, 5, 20)},  # 4: overlap
            {"CHILD": "2", "MIS_START": D(2024, 5, 1)},  # 5: open, sorted after 6 (by start)
            {"CHILD": "2", "MIS_START": D(2024, 4, 1), "MIS_END": D(2024, 4, 3)},  # 6
            {"CHILD": "2", "MIS_START": D(2024, 6, 1), "MIS_END": D(2024, 6, 3)},  # 7: after open
        ]
    )
    # Child 2's order by MIS_END (else MIS_START): 6 (3 Apr), 5 (1 May, open), 7 (3 Jun).
    assert flagged("574", found) == {"Missing": [4, 7]}


def test_575_open_missing_period_begun_in_an_ended_episode():
    found = ret(
        Episodes=[
            episode("1", D(2024, 4, 1), D(2024, 6, 1), REC="X1"),  # ended with X1: counts
            episode("1", D(2024, 6, 1)),
            episode("2", D(2024, 4, 1)),  # open
        ],
        Missing=[
            {"CHILD": "1", "MIS_START": D(2024, 6, 1)},  # 2: on the ended one's DEC: flagged
            {"CHILD": "1", "MIS_START": D(2024, 5, 1), "MIS_END": D(2024, 5, 2)},  # 3: ended
            {"CHILD": "2", "MIS_START": D(2024, 5, 1)},  # 4: in an open episode: ok
        ],
    )
    assert flagged("575", found) == {"Missing": [2]}


def test_576_first_missing_period_must_carry_last_years_open_one():
    found = ret(
        Missing=[
            {"CHILD": "1", "MIS_START": D(2024, 6, 1)},  # 2: not the first
            {"CHILD": "1", "MIS_START": D(2024, 4, 2)},  # 3: first, last year's open 30 Mar
            {"CHILD": "2", "MIS_START": D(2024, 3, 30)},  # 4: matches: ok
            {"CHILD": "3", "MIS_START": D(2024, 4, 2)},  # 5: last year's closed: ok
        ],
        previous={
            "Missing": [
                {"CHILD": "1", "MIS_START": D(2024, 3, 30)},
                {"CHILD": "2", "MIS_START": D(2024, 3, 30)},
                {"CHILD": "3", "MIS_START": D(2024, 3, 30), "MIS_END": D(2024, 3, 31)},
            ]
        },
    )
    assert flagged("576", found) == {"Missing": [3]}


def _two_periods():
    # Child 1: a period 1 April-1 June 2024 (two episodes joined by X1) and one open from
    # 1 September 2024.
    return [
        episode("1", D(2024, 4, 1), D(2024, 5, 1), REC="X1"),
        episode("1", D(2024, 5, 1), D(2024, 6, 1), REC="E4A"),
        episode("1", D(2024, 9, 1)),
    ]


def test_577_missing_end_must_fit_a_period_of_care():
    found = ret(
        Episodes=_two_periods(),
        Missing=[
            {"CHILD": "1", "MIS_START": D(2024, 5, 1), "MIS_END": D(2024, 5, 20)},  # 2: fits 1
            {"CHILD": "1", "MIS_START": D(2024, 5, 1), "MIS_END": D(2024, 7, 1)},  # 3: between
            {"CHILD": "1", "MIS_START": D(2024, 10, 1)},  # 4: open in the open period: fits
            {"CHILD": "1", "MIS_START": D(2024, 7, 1)},  # 5: open, before period 2: flagged
            {"CHILD": "2", "MIS_START": D(2024, 7, 1)},  # 6: no episodes: not flagged
            {"CHILD": "1", "MIS_END": D(2024, 7, 1)},  # 7: no valid MIS_START: not checked
        ],
    )
    assert flagged("577", found) == {"Missing": [3, 5]}


def test_578_missing_start_must_fall_in_a_period_of_care():
    found = ret(
        Episodes=_two_periods(),
        Missing=[
            {"CHILD": "1", "MIS_START": D(2024, 6, 1)},  # 2: the period's last day: in
            {"CHILD": "1", "MIS_START": D(2024, 7, 1)},  # 3: between periods: flagged
            {"CHILD": "1", "MIS_START": D(2025, 1, 1)},  # 4: in the open period
            {"CHILD": "1", "MIS_START": D(2024, 3, 31)},  # 5: before all: flagged
            {"CHILD": "2", "MIS_START": D(2024, 7, 1)},  # 6: no episodes: not flagged
            {"CHILD": "1"},  # 7: no MIS_START: not flagged
        ],
    )
    assert flagged("578", found) == {"Missing": [3, 5]}


def test_580_back_from_missing_on_the_18th_birthday_ends_care_e8():
    found = ret(
        Episodes=[
            episode("1", D(2024, 4, 1), D(2024, 6, 1), REC="E4A"),  # 2: flagged
            episode("2", D(2024, 4, 1), D(2024, 6, 1), REC="E8"),  # 3: ok
            # Born 29 February 2004: 18 on 1 March 2022 (2022 has no 29 February): flagged.
            episode("3", D(2021, 4, 1), D(2022, 3, 1), REC="E4A"),  # 4
            # The same birthday, back on 28 February 2022: not yet 18: ok.
            episode("5", D(2021, 4, 1), D(2022, 2, 28), REC="E4A"),  # 5
            episode("4", D(2024, 4, 1), D(2024, 6, 2), REC="E4A"),  # 6: not the same day
        ],
        Missing=[
            {"CHILD": "1", "DOB": D(2006, 6, 1), "MIS_END": D(2024, 6, 1)},
            {"CHILD": "2", "DOB": D(2006, 6, 1), "MIS_END": D(2024, 6, 1)},
            {"CHILD": "3", "DOB": D(2004, 2, 29), "MIS_END": D(2022, 3, 1)},
            {"CHILD": "5", "DOB": D(2004, 2, 29), "MIS_END": D(2022, 2, 28)},
            {"CHILD": "4", "DOB": D(2006, 6, 1), "MIS_END": D(2024, 6, 1)},
        ],
    )
    assert flagged("580", found) == {"Episodes": [2, 4]}


def test_581_missing_start_outside_every_episode():
    found = ret(
        Episodes=[
            episode("1", D(2024, 4, 1), D(2024, 6, 1)),
            episode("1", D(2024, 9, 1)),  # open: unbounded
        ],
        Missing=[
            {"CHILD": "1", "MIS_START": D(2024, 6, 1)},  # 2: DEC day: within
            {"CHILD": "1", "MIS_START": D(2024, 7, 1)},  # 3: between: flagged
            {"CHILD": "1", "MIS_START": D(2026, 1, 1)},  # 4: open episode: within
            {"CHILD": "1"},  # 5: blank MIS_START: flagged
            {"CHILD": "2", "MIS_START": D(2024, 7, 1)},  # 6: no episodes: not flagged
        ],
    )
    assert flagged("581", found) == {"Missing": [3, 5]}


def test_582_adopted_on_the_day_of_the_match():
    found = ret(
        Episodes=[
            episode("1", D(2024, 4, 1), D(2024, 6, 1), REC="E11"),  # 2: flagged
            episode("2", D(2024, 4, 1), D(2024, 6, 2), REC="E12"),  # 3: later: ok
            episode("3", D(2024, 4, 1), D(2024, 6, 1), REC="E4A"),  # 4: not adopted
        ],
        AD1=[
            {"CHILD": "1", "DATE_MATCH": D(2024, 6, 1)},
            {"CHILD": "2", "DATE_MATCH": D(2024, 6, 1)},
            {"CHILD": "3", "DATE_MATCH": D(2024, 6, 1)},
        ],
    )
    assert flagged("582", found) == {"Episodes": [2]}


@pytest.mark.parametrize(
    ("code", "tables"),
    [
        ("551", {"Episodes": [episode("1", PLACE="A3")]}),
        ("553", {"Episodes": [episode("1", LS="E1")]}),
        ("557", {"Episodes": [episode("1", D(2024, 4, 1), D(2024, 5, 1), PLACE="A3", REC="E3")]}),
        ("543", {"OC2": [{"CHILD": "1", "DOB": D(2010, 1, 1)}]}),
        ("581", {"Missing": [{"CHILD": "1", "MIS_START": D(2024, 5, 1)}]}),
    ],
)
def test_a_cross_table_rule_is_not_run_without_its_second_table(code, tables):
    # Without a PlacedAdoption (or Episodes) file every row would read as lacking its partner.
    from trajectory.dataquality import registry
    from trajectory.dataquality.run import NOT_RUN, validate

    rules = [rule for rule in registry.rules_for("ssda903", 2025) if rule.code == code]
    (result,) = validate(ret(**tables), rules).results
    assert result.status == NOT_RUN
    assert "table in the return" in result.reason
