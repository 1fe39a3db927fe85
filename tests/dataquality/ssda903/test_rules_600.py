"""SSDA903 rules 600-799 (../shared/domain/rules/ssda903_rules.csv): adoptions, mothers,
previous permanence and (2026-27) deprivation of liberty orders, each with rows that break
the rule and rows that keep it, worked out from the spec's check. Rows count from 2 in the
order given. The collection year is 2024-25 (1/4/2024-31/3/2025) unless said."""

from __future__ import annotations

from datetime import date

import pytest

from tests.dataquality.conftest import flagged, ret
from trajectory.dataquality import registry
from trajectory.dataquality.run import validate

ADOPTION = {
    "DATE_INT": date(2024, 1, 1),
    "DATE_MATCH": date(2024, 2, 1),
    "FOSTER_CARE": "0",
    "NB_ADOPTR": "1",
    "SEX_ADOPTR": "M1",
    "LS_ADOPTR": "L0",
}


def _adopted(child, dec=date(2024, 9, 1), rec="E11"):
    return {"CHILD": child, "DECOM": date(2023, 5, 1), "DEC": dec, "REC": rec}


def test_601_an_adoption_this_year_needs_every_adoption_detail():
    found = ret(
        Episodes=[
            _adopted("A"),  # row 2: AD1 incomplete: flagged
            _adopted("B", rec="E12"),  # row 3: complete: passes
            _adopted("C", dec=date(2024, 3, 31)),  # row 4: adopted last year: not checked
            _adopted("D"),  # row 5: no AD1 row: not flagged
        ],
        AD1=[
            {"CHILD": "A", **{**ADOPTION, "LS_ADOPTR": None}},
            {"CHILD": "B", **ADOPTION},
            {"CHILD": "C", "DATE_INT": date(2023, 1, 1)},
        ],
    )
    assert flagged("601", found) == {"AD1": [2], "Episodes": [2]}


def test_602_adoption_details_for_a_child_not_adopted_this_year():
    found = ret(
        Episodes=[
            _adopted("A"),
            _adopted("B", dec=date(2025, 4, 1)),  # after the year's end
            {"CHILD": "C", "DECOM": date(2024, 5, 1), "DEC": date(2024, 9, 1), "REC": "E4A"},
        ],
        AD1=[
            {"CHILD": "A", **ADOPTION},  # adopted this year: passes
            {"CHILD": "B", "NB_ADOPTR": "2"},  # flagged
            {"CHILD": "C", "FOSTER_CARE": "1"},  # not adopted: flagged
            {"CHILD": "E"},  # nothing filled: passes
        ],
    )
    assert flagged("602", found) == {"AD1": [3, 4]}


def _leaving(child, **fields):
    return {"CHILD": child, "DECOM": date(2023, 5, 1), "DEC": date(2024, 9, 1), **fields}


@pytest.mark.parametrize(("year", "female"), [(2024, "2"), (2025, "F")])
def test_607_whether_a_young_woman_leaving_care_is_a_mother(year, female):
    # The year's own coding of SEX: 2 until 2023-24, F from 2024-25.
    start = date(year - 1, 4, 1)
    found = ret(
        year=year,
        Header=[
            {"CHILD": "A", "SEX": female},  # blank MOTHER
            {"CHILD": "B", "SEX": female, "MOTHER": "0"},
            {"CHILD": "C", "SEX": female},
            {"CHILD": "D", "SEX": female},
            {"CHILD": "E", "SEX": "1" if female == "2" else "M"},
        ],
        Episodes=[
            _leaving("A", DEC=start, REC="E13", LS="C2"),  # flagged (DEC on 1 April)
            _leaving("B", DEC=start, REC="E13", LS="C2"),  # MOTHER given
            _leaving("C", DEC=start, REC="X1", LS="C2"),  # X1: not leaving
            _leaving("D", DEC=start, REC="E13", LS="V3"),  # short breaks
            _leaving("E", DEC=start, REC="E13", LS="C2"),  # not female
        ],
    )
    assert flagged("607", found) == {"Episodes": [2], "Header": [2]}


def test_607_reads_sex_as_the_years_code():
    header = [{"CHILD": "A", "SEX": "F"}]
    episodes = [_leaving("A", DEC=date(2023, 9, 1), REC="E13", LS="C2")]
    # F is not 2023-24's coding of female, so that year's rule does not apply to it.
    assert flagged("607", ret(year=2024, Header=header, Episodes=episodes)) == {}


def test_611_a_mother_needs_her_childs_date_of_birth():
    found = ret(
        Header=[
            {"CHILD": "A", "MOTHER": "1"},  # flagged
            {"CHILD": "B", "MOTHER": "1", "MC_DOB": date(2023, 1, 1)},
            {"CHILD": "C", "MOTHER": "0"},
        ]
    )
    assert flagged("611", found) == {"Header": [2]}


@pytest.mark.parametrize(("year", "female"), [(2024, "2"), (2025, "F")])
def test_612_a_childs_date_of_birth_for_someone_not_a_mother(year, female):
    born = date(2023, 1, 1)
    found = ret(
        year=year,
        Header=[
            {"CHILD": "A", "SEX": female, "MOTHER": "0", "MC_DOB": born},  # flagged
            {"CHILD": "B", "SEX": female, "MC_DOB": born},  # blank MOTHER: flagged
            {"CHILD": "C", "SEX": female, "MOTHER": "1", "MC_DOB": born},
            {"CHILD": "D", "SEX": female, "MOTHER": "0"},
        ],
    )
    assert flagged("612", found) == {"Header": [2, 3]}


def test_620_a_mother_not_yet_11_at_the_years_start():
    found = ret(
        Header=[
            {"CHILD": "A", "MOTHER": "1", "DOB": date(2013, 4, 2)},  # 11 on 2/4/2024: flagged
            {"CHILD": "B", "MOTHER": "1", "DOB": date(2013, 4, 1)},  # 11 on 1/4/2024: passes
            # Born 29/02/2012: 11 on 1/03/2023, before the start.
            {"CHILD": "C", "MOTHER": "1", "DOB": date(2012, 2, 29)},
            {"CHILD": "D", "MOTHER": "0", "DOB": date(2015, 1, 1)},
        ]
    )
    assert flagged("620", found) == {"Header": [2]}


def test_621_her_childs_birth_on_or_before_her_own():
    found = ret(
        Header=[
            {"CHILD": "A", "DOB": date(2008, 5, 1), "MC_DOB": date(2008, 5, 1)},  # same: flagged
            {"CHILD": "B", "DOB": date(2008, 5, 1), "MC_DOB": date(2007, 1, 1)},  # flagged
            {"CHILD": "C", "DOB": date(2008, 5, 1), "MC_DOB": date(2024, 1, 1)},
            {"CHILD": "D", "MC_DOB": date(2024, 1, 1)},  # no DOB to compare (rule 102's)
        ]
    )
    assert flagged("621", found) == {"Header": [2, 3]}


def test_624_her_childs_date_of_birth_changed_since_last_year():
    found = ret(
        Header=[
            {"CHILD": "A", "MC_DOB": date(2023, 1, 2)},  # changed: flagged
            {"CHILD": "B"},  # blanked: flagged
            {"CHILD": "C", "MC_DOB": date(2023, 1, 1)},  # same: passes
            {"CHILD": "D", "MC_DOB": date(2023, 1, 1)},  # none last year: passes
            {"CHILD": "E", "MC_DOB": date(2023, 1, 1)},  # not in last year's return
        ],
        previous={
            "Header": [
                {"CHILD": "A", "MC_DOB": date(2023, 1, 1)},
                {"CHILD": "B", "MC_DOB": date(2023, 1, 1)},
                {"CHILD": "C", "MC_DOB": date(2023, 1, 1)},
                {"CHILD": "D"},
            ]
        },
    )
    assert flagged("624", found) == {"Header": [2, 3]}


def test_625_her_childs_birth_after_she_left_care_or_the_year():
    found = ret(
        Header=[
            {"CHILD": "A", "MC_DOB": date(2024, 10, 2)},  # after her latest DEC: flagged
            {"CHILD": "B", "MC_DOB": date(2024, 10, 1)},  # on it: passes
            {"CHILD": "C", "MC_DOB": date(2025, 4, 1)},  # after the year, no DEC: flagged
            {"CHILD": "D", "MC_DOB": date(2024, 6, 1)},
        ],
        Episodes=[
            {"CHILD": "A", "DECOM": date(2023, 1, 1), "DEC": date(2024, 5, 1)},  # row 2
            {"CHILD": "A", "DECOM": date(2024, 5, 1), "DEC": date(2024, 10, 1)},  # row 3: latest
            {"CHILD": "B", "DECOM": date(2023, 1, 1), "DEC": date(2024, 10, 1)},  # row 4
            {"CHILD": "C", "DECOM": date(2023, 1, 1)},  # row 5: open
            {"CHILD": "D", "DECOM": date(2023, 1, 1)},  # row 6
        ],
    )
    # C has no ended episode; the open validators skip her, so miss a birth after the year:
    # the spec's check flags a birth after the collection's end, so her Header row is.
    assert flagged("625", found) == {"Episodes": [3], "Header": [2, 4]}


def test_626_became_a_mother_this_year_with_a_child_born_before_it():
    found = ret(
        Header=[
            {"CHILD": "A", "MOTHER": "1", "MC_DOB": date(2024, 3, 31)},  # before: flagged
            {"CHILD": "B", "MOTHER": "1", "MC_DOB": date(2024, 4, 1)},  # on 1 April: passes
            {"CHILD": "C", "MOTHER": "1", "MC_DOB": date(2024, 3, 31)},  # 1 last year
            {"CHILD": "D", "MOTHER": "1", "MC_DOB": date(2024, 3, 31)},  # not last year
        ],
        previous={
            "Header": [
                {"CHILD": "A", "MOTHER": "0"},
                {"CHILD": "B", "MOTHER": "0"},
                {"CHILD": "C", "MOTHER": "1", "MC_DOB": date(2024, 3, 31)},
            ]
        },
    )
    assert flagged("626", found) == {"Header": [2]}


def test_628_mother_given_for_a_care_leaver_with_no_episodes():
    found = ret(
        Header=[
            {"CHILD": "A", "MOTHER": "0"},  # OC3 only: flagged
            {"CHILD": "B", "MOTHER": "1"},  # has episodes: passes
            {"CHILD": "C"},  # blank MOTHER: passes
            {"CHILD": "D", "MOTHER": "0"},  # OC3 row with nothing filled: passes
        ],
        Episodes=[{"CHILD": "B", "DECOM": date(2024, 5, 1)}],
        OC3=[
            {"CHILD": "A", "IN_TOUCH": "YES"},
            {"CHILD": "B", "ACTIV": "F1"},
            {"CHILD": "C", "ACCOM": "B"},
            {"CHILD": "D"},
        ],
    )
    assert flagged("628", found) == {"Header": [2]}


def _new_period(child, decom=date(2024, 5, 1)):
    return {"CHILD": child, "DECOM": decom, "RNE": "S"}


def test_630_a_new_period_this_year_needs_previous_permanence():
    found = ret(
        Episodes=[
            _new_period("A"),  # row 2: no PrevPerm row: flagged
            _new_period("B"),  # row 3: PREV_PERM blank: flagged
            _new_period("C"),  # row 4: P1 without DATE_PERM: flagged
            _new_period("D"),  # row 5: Z1: passes
            _new_period("E"),  # row 6: P2 complete: passes
            _new_period("F", date(2024, 3, 31)),  # row 7: started last year: not checked
            {"CHILD": "G", "DECOM": date(2024, 5, 1), "RNE": "P"},  # row 8: not S
            _new_period("H", date(2024, 4, 1)),  # row 9: P3 without LA_PERM: flagged
        ],
        PrevPerm=[
            {"CHILD": "B", "LA_PERM": "201"},
            {"CHILD": "C", "PREV_PERM": "P1", "LA_PERM": "201"},
            {"CHILD": "D", "PREV_PERM": "Z1"},
            {"CHILD": "E", "PREV_PERM": "P2", "LA_PERM": "201", "DATE_PERM": "01/02/2020"},
            {"CHILD": "H", "PREV_PERM": "P3", "DATE_PERM": "01/02/2020"},
        ],
    )
    # H: the spec's notes say LA_PERM is often blank in CSV uploads, so this limb can flag
    # many; the check names it, so it is kept.
    assert flagged("630", found) == {"Episodes": [2, 3, 4, 9]}


def test_631_previous_permanence_codes():
    found = ret(
        PrevPerm=[
            {"CHILD": "A", "PREV_PERM": "P5"},  # flagged
            {"CHILD": "B", "PREV_PERM": "p4"},  # read upper-cased: passes
            {"CHILD": "C"},  # blank allowed
            {"CHILD": "D", "PREV_PERM": "Z1"},
        ]
    )
    assert flagged("631", found) == {"PrevPerm": [2]}


@pytest.mark.parametrize(
    ("date_perm", "wrong"),
    [
        ("31/02/2020", True),  # no such day
        ("2020-02-01", True),  # not dd/mm/yyyy
        ("1/2/2020", True),  # not dd/mm/yyyy
        ("ZZ/13/2020", True),  # no month 13
        ("32/ZZ/2020", True),  # no day 32 in any month
        ("29/02/2020", False),
        ("ZZ/02/2020", False),
        ("31/ZZ/2020", False),
        ("ZZ/ZZ/2020", False),
        ("29/02/ZZZZ", False),  # a 29 February in some year
        ("ZZ/ZZ/ZZZZ", False),
    ],
)
def test_632_previous_permanence_date_as_written(date_perm, wrong):
    found = ret(
        Episodes=[{"CHILD": "A", "DECOM": date(2024, 5, 1)}],
        PrevPerm=[{"CHILD": "A", "PREV_PERM": "P1", "DATE_PERM": date_perm}],
    )
    expected = {"Episodes": [2], "PrevPerm": [2]} if wrong else {}
    assert flagged("632", found) == expected


@pytest.mark.parametrize(
    ("date_perm", "wrong"),
    [
        ("01/05/2024", True),  # on the first DECOM
        ("30/04/2024", False),  # the day before
        ("ZZ/04/2024", False),  # at the latest 30/04/2024
        ("ZZ/05/2024", True),  # at the latest 31/05/2024
        ("15/ZZ/2023", False),  # at the latest 15/12/2023
        ("02/ZZ/2024", True),  # at the latest 02/12/2024
        ("ZZ/ZZ/2024", True),  # at the latest 31/12/2024
        ("01/01/ZZZZ", False),  # year unknown: not compared (the open validators say 2000)
    ],
)
def test_632_previous_permanence_on_or_after_the_first_episode(date_perm, wrong):
    found = ret(
        Episodes=[
            {"CHILD": "A", "DECOM": date(2024, 9, 1)},  # row 2
            {"CHILD": "A", "DECOM": date(2024, 5, 1)},  # row 3: the first
        ],
        PrevPerm=[{"CHILD": "A", "PREV_PERM": "P1", "DATE_PERM": date_perm}],
    )
    expected = {"Episodes": [3], "PrevPerm": [2]} if wrong else {}
    assert flagged("632", found) == expected


def test_633_council_codes_for_previous_permanence():
    found = ret(
        PrevPerm=[
            {"CHILD": "A", "LA_PERM": "123"},  # flagged
            {"CHILD": "B", "LA_PERM": "ENG"},  # flagged
            {"CHILD": "C", "LA_PERM": "201"},  # City of London
            {"CHILD": "D", "LA_PERM": "909"},  # Cumbria, before 2023
            {"CHILD": "E", "LA_PERM": "942"},  # Cumberland, from 2023
            {"CHILD": "F", "LA_PERM": "WAL"},
            {"CHILD": "G", "LA_PERM": "999"},
            {"CHILD": "H"},
        ]
    )
    assert flagged("633", found) == {"PrevPerm": [2, 3]}


def test_634_previous_permanence_for_a_child_whose_latest_episode_began_before_the_year():
    found = ret(
        Episodes=[
            {"CHILD": "A", "DECOM": date(2023, 5, 1)},  # row 2: latest before 1/4/2024
            {"CHILD": "A", "DECOM": date(2024, 3, 31)},  # row 3
            {"CHILD": "B", "DECOM": date(2023, 5, 1)},  # row 4
            {"CHILD": "B", "DECOM": date(2024, 4, 1)},  # row 5: latest on 1/4/2024
            {"CHILD": "C", "DECOM": date(2023, 5, 1)},  # row 6: nothing filled
        ],
        PrevPerm=[
            {"CHILD": "A", "PREV_PERM": "Z1"},  # flagged
            {"CHILD": "B", "PREV_PERM": "Z1"},
            {"CHILD": "C"},
            {"CHILD": "D", "PREV_PERM": "Z1"},  # no episodes: not flagged
        ],
    )
    assert flagged("634", found) == {"Episodes": [2, 3], "PrevPerm": [2]}


def test_635_previous_permanence_details_without_its_kind():
    found = ret(
        PrevPerm=[
            {"CHILD": "A", "LA_PERM": "201"},  # flagged
            {"CHILD": "B", "DATE_PERM": "01/01/2020"},  # flagged
            {"CHILD": "C", "PREV_PERM": "P1", "LA_PERM": "201"},
            {"CHILD": "D"},
        ]
    )
    assert flagged("635", found) == {"PrevPerm": [2, 3]}


# Deprivation of liberty orders: 2026-27 (1/4/2026-31/3/2027).
DOLO_YEAR = 2027


@pytest.mark.parametrize(
    "code", ["700", "702", "703", "704", "705", "706", "707", "708", "709", "710"]
)
def test_the_dolo_rules_start_in_2026_27(code):
    assert code not in {rule.code for rule in registry.rules_for("ssda903", 2026)}
    assert code in {rule.code for rule in registry.rules_for("ssda903", DOLO_YEAR)}


def test_700_an_order_without_a_start():
    found = ret(
        year=DOLO_YEAR,
        DoLo=[{"CHILD": "A"}, {"CHILD": "B", "DOLO_START": date(2026, 5, 1)}],
    )
    assert flagged("700", found) == {"DoLo": [2]}


def test_702_an_order_ending_on_or_before_it_began():
    found = ret(
        year=DOLO_YEAR,
        DoLo=[
            {"CHILD": "A", "DOLO_START": date(2026, 5, 1), "DOLO_END": date(2026, 5, 1)},
            {"CHILD": "B", "DOLO_START": date(2026, 5, 1), "DOLO_END": date(2026, 4, 30)},
            {"CHILD": "C", "DOLO_START": date(2026, 5, 1), "DOLO_END": date(2026, 5, 2)},
            {"CHILD": "D", "DOLO_START": date(2026, 5, 1)},
        ],
    )
    assert flagged("702", found) == {"DoLo": [2, 3]}


def test_703_an_order_starting_after_the_year():
    found = ret(
        year=DOLO_YEAR,
        DoLo=[
            {"CHILD": "A", "DOLO_START": date(2027, 4, 1)},
            {"CHILD": "B", "DOLO_START": date(2027, 3, 31)},
        ],
    )
    assert flagged("703", found) == {"DoLo": [2]}


def test_704_an_order_ending_outside_the_year():
    found = ret(
        year=DOLO_YEAR,
        DoLo=[
            {"CHILD": "A", "DOLO_START": date(2026, 1, 1), "DOLO_END": date(2026, 3, 31)},
            {"CHILD": "B", "DOLO_START": date(2026, 1, 1), "DOLO_END": date(2027, 4, 1)},
            {"CHILD": "C", "DOLO_START": date(2026, 1, 1), "DOLO_END": date(2026, 4, 1)},
            {"CHILD": "D", "DOLO_START": date(2026, 1, 1), "DOLO_END": date(2027, 3, 31)},
            {"CHILD": "E", "DOLO_START": date(2026, 1, 1)},
        ],
    )
    assert flagged("704", found) == {"DoLo": [2, 3]}


def test_705_orders_that_overlap():
    found = ret(
        year=DOLO_YEAR,
        DoLo=[
            # A: an open order, then another (sorted by start where the end is blank).
            {"CHILD": "A", "DOLO_START": date(2026, 5, 1)},  # row 2: first
            {"CHILD": "A", "DOLO_START": date(2026, 7, 1)},  # row 3: previous open: flagged
            # B: the second starts before the first ends.
            {"CHILD": "B", "DOLO_START": date(2026, 5, 1), "DOLO_END": date(2026, 6, 10)},
            {"CHILD": "B", "DOLO_START": date(2026, 6, 9), "DOLO_END": date(2026, 8, 1)},
            # C: the second starts the day the first ends: passes.
            {"CHILD": "C", "DOLO_START": date(2026, 5, 1), "DOLO_END": date(2026, 6, 10)},
            {"CHILD": "C", "DOLO_START": date(2026, 6, 10), "DOLO_END": date(2026, 8, 1)},
        ],
    )
    assert flagged("705", found) == {"DoLo": [3, 5]}


def test_706_an_order_open_last_year_missing_this_year():
    found = ret(
        year=DOLO_YEAR,
        DoLo=[{"CHILD": "A", "DOLO_START": date(2026, 2, 1), "DOLO_END": date(2026, 6, 1)}],
        previous={
            "DoLo": [
                {"CHILD": "A", "DOB": date(2012, 2, 29), "DOLO_START": date(2026, 2, 1)},  # here
                {"CHILD": "B", "DOB": date(2012, 2, 29), "DOLO_START": date(2026, 2, 1)},
                {
                    "CHILD": "C",
                    "DOLO_START": date(2025, 5, 1),
                    "DOLO_END": date(2025, 9, 1),
                },  # ended last year: passes
                {"CHILD": "A", "DOLO_START": date(2026, 3, 1)},  # another start: flagged
            ]
        },
    )
    # Last year's rows are reported as last year's table, by their rows in that file.
    assert flagged("706", found) == {"DoLo_last": [3, 5]}


def test_706_needs_last_year():
    result = validate(ret(year=DOLO_YEAR, DoLo=[{"CHILD": "A"}])).by_rule()["706"]
    assert result.reason == "not run: previous year not supplied"


def test_707_an_order_outside_every_period_of_care():
    found = ret(
        year=DOLO_YEAR,
        Episodes=[
            # A: two periods, 1/1/2026-1/3/2026 (two episodes) and 1/6/2026 onwards.
            {"CHILD": "A", "DECOM": date(2026, 1, 1), "DEC": date(2026, 2, 1)},
            {"CHILD": "A", "DECOM": date(2026, 2, 1), "DEC": date(2026, 3, 1)},
            {"CHILD": "A", "DECOM": date(2026, 6, 1)},
        ],
        DoLo=[
            {"CHILD": "A", "DOLO_START": date(2026, 1, 5), "DOLO_END": date(2026, 2, 20)},  # in
            {"CHILD": "A", "DOLO_START": date(2026, 1, 5), "DOLO_END": date(2026, 3, 20)},  # out
            {"CHILD": "A", "DOLO_START": date(2026, 7, 1)},  # open, in the open period: fits
            {"CHILD": "A", "DOLO_START": date(2026, 5, 1)},  # open, before the open period
            {"CHILD": "A", "DOLO_START": date(2026, 3, 10), "DOLO_END": date(2026, 3, 20)},  # gap
            {"CHILD": "A", "DOLO_START": date(2026, 6, 2), "DOLO_END": date(2026, 12, 1)},
            {"CHILD": "B", "DOLO_START": date(2026, 7, 1)},  # no episodes: not flagged
        ],
    )
    # Row 6: DOLO_END 20/03 is after the first period's end and before the second's start.
    assert flagged("707", found) == {"DoLo": [3, 5, 6]}


def test_708_an_order_starting_on_or_before_birth():
    found = ret(
        year=DOLO_YEAR,
        DoLo=[
            {"CHILD": "A", "DOB": date(2012, 2, 29), "DOLO_START": date(2012, 2, 29)},
            {"CHILD": "B", "DOB": date(2012, 2, 29), "DOLO_START": date(2012, 3, 1)},
        ],
    )
    assert flagged("708", found) == {"DoLo": [2]}


def _dolo_placements():
    return dict(
        year=DOLO_YEAR,
        Episodes=[
            {"CHILD": "A", "DECOM": date(2026, 4, 1), "DEC": date(2026, 6, 1), "PLACE": "K2"},
            {"CHILD": "A", "DECOM": date(2026, 6, 1), "DEC": date(2026, 8, 1), "PLACE": "U1"},
            {"CHILD": "A", "DECOM": date(2026, 8, 1), "PLACE": "K1"},  # open
            {"CHILD": "B", "DECOM": date(2026, 4, 1), "PLACE": "P1"},
            {"CHILD": "C", "DECOM": date(2026, 4, 1), "PLACE": "R5"},
        ],
        DoLo=[
            # A, 29 February born: 1/5/2026-31/5/2026 overlaps only the K2 episode.
            {
                "CHILD": "A",
                "DOB": date(2012, 2, 29),
                "DOLO_START": date(2026, 5, 1),
                "DOLO_END": date(2026, 5, 31),
            },
            # A: 1/7/2026-1/8/2026 overlaps U1 and (ending on its DECOM) the open K1.
            {
                "CHILD": "A",
                "DOB": date(2012, 2, 29),
                "DOLO_START": date(2026, 7, 1),
                "DOLO_END": date(2026, 8, 1),
            },
            {"CHILD": "B", "DOLO_START": date(2026, 5, 1), "DOLO_END": date(2026, 6, 1)},
            {"CHILD": "C", "DOLO_START": date(2026, 5, 1)},  # no end: not checked
        ],
    )


def test_709_an_order_during_a_placement_other_than_k2_z12_z13():
    # Row 3 (A's second) overlaps U1 (row 3) and K1 (row 4); B's (row 4) overlaps P1 (row 5).
    assert flagged("709", ret(**_dolo_placements())) == {"DoLo": [3, 4], "Episodes": [3, 4, 5]}


def test_710_an_order_during_a_k1_p1_r5_or_k3_placement():
    # A's second order overlaps the K1 episode (row 4); B's overlaps P1 (row 5).
    assert flagged("710", ret(**_dolo_placements())) == {"DoLo": [3, 4], "Episodes": [4, 5]}
