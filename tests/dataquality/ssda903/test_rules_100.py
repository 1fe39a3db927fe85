"""SSDA903 rules 100-199, each version with a failing and a passing case; expected rows are
worked out by hand from the spec's check (../shared/domain/rules/ssda903_rules.csv). Rows
are numbered from 2 (row 1 is the file's header). Year 2025 is 2024-25: 1 April 2024 to
31 March 2025."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
import pytest

from tests.dataquality.conftest import flagged, ret, table
from trajectory.dataquality import registry
from trajectory.dataquality.context import Return

START, END = date(2024, 4, 1), date(2025, 3, 31)


def values(field: str, items: list) -> list[dict]:
    """One row per value, each its own child, in the order given (rows 2, 3, ...)."""
    return [{"CHILD": str(n), field: value} for n, value in enumerate(items)]


# Code lists: (code, year, table, field, values flagged, values passing). Blank is in the
# passing list where the spec allows it and in the flagged list where it is an error.
CODE_LISTS = [
    ("101", 2024, "Header", "SEX", ["M", "3", None], ["1", "2"]),
    ("101", 2025, "Header", "SEX", ["1", "2", "X", None], ["M", "F", "U", "m"]),
    ("103", 2025, "Header", "ETHNIC", ["WHIT", None], ["WBRI", "NOBT", "refu"]),
    ("114", 2025, "AD1", "FOSTER_CARE", ["2", "Y"], ["0", "1", None]),
    ("120", 2025, "PlacedAdoption", "REASON_PLACED_CEASED", ["RD5"], ["RD1", "RD4", None]),
    ("131", 2025, "OC3", "IN_TOUCH", ["MAYBE", None], ["YES", "NO", "RHOM", "NREQ"]),
    ("132", 2025, "OC3", "ACTIV", ["F3", None], ["F1", "G6", "0"]),
    ("133", 2025, "OC3", "ACCOM", ["S1", "A1", None], ["B1", "Z2", "X2", "0"]),
    ("143", 2025, "Episodes", "RNE", ["X"], ["S", "B", None]),
    ("144", 2025, "Episodes", "LS", ["C3", "V1"], ["C1", "V4", "L3", None]),
    ("145", 2025, "Episodes", "CIN", ["N9", "N0"], ["N1", "N8", None]),
    ("146", 2024, "Episodes", "PLACE", ["K3", "Z11", "U7"], ["H5", "P2", "Z1", "U6", None]),
    # 2024-25: K3 is valid (the open validator's lower-case 'k3' rejected it).
    ("146", 2025, "Episodes", "PLACE", ["Z11", "T5"], ["K3", "k3", "H5", "Z1", None]),
    ("146", 2026, "Episodes", "PLACE", ["H5", "P2", "Z1"], ["K3", "Z11", "Z14", "T4", None]),
    ("146", 2027, "Episodes", "PLACE", ["Z1"], ["Z12"]),
    ("149", 2025, "Episodes", "REC", ["E1", "E4"], ["E11", "E4A", "E48", "X1", None]),
    ("175", 2025, "AD1", "NB_ADOPTR", ["3", "0"], ["1", "2", None]),
    ("176", 2025, "AD1", "SEX_ADOPTR", ["M2", "FM"], ["M1", "F1", "MM", "FF", "MF", None]),
    ("177", 2025, "AD1", "LS_ADOPTR", ["L1", "L5"], ["L0", "L11", "L12", "L4", None]),
    ("196", 2025, "OC2", "SDQ_REASON", ["SDQ6", "SDQ"], ["SDQ1", "SDQ5", None]),
]


@pytest.mark.parametrize(("code", "year", "name", "field", "bad", "good"), CODE_LISTS)
def test_code_lists_flag_only_values_outside_the_list(code, year, name, field, bad, good):
    found = ret(year=year, **{name: values(field, bad + good)})
    assert flagged(code, found) == {name: list(range(2, 2 + len(bad)))}
    assert flagged(code, ret(year=year, **{name: values(field, good)})) == {}


def test_every_version_of_every_code_in_range_is_declared_or_said_not_implemented():
    # The spec's codes 100-199 in every year they apply (ssda903_rules.csv).
    spec = {"101", "102", "103", "104", "105", "112", "113", "114", "115", "116", "117"}
    spec |= {"118", "119", "120", "131", "132", "133", "134", "141", "142", "143", "144"}
    spec |= {"145", "146", "147", "148", "149", "151", "153", "157", "158", "159", "164"}
    spec |= {"165", "166", "167", "168", "169", "171", "174", "175", "176", "177", "178"}
    spec |= {"179", "180", "181", "182", "184", "185", "186", "187", "188", "189", "190"}
    spec |= {"191", "192", "193", "196", "197B", "197a", "198", "199"}
    for year in range(2023, 2028):
        run = {rule.code for rule in registry.rules_for("ssda903", year)}
        missing = {item.code for item in registry.missing_for("ssda903", year)}
        in_range = {c for c in run | missing if re.match(r"^1\d\d[A-Za-z]?$", c)}
        assert in_range == spec, year
        assert not run & missing, year


# --- Header ------------------------------------------------------------------------------


def test_102_a_blank_date_of_birth_is_flagged():
    found = ret(Header=[{"CHILD": "1", "DOB": None}, {"CHILD": "2", "DOB": date(2010, 5, 1)}])
    assert flagged("102", found) == {"Header": [2]}


def test_104_uasc_ceasing_before_the_year_is_flagged_on_the_first_day_is_not():
    found = ret(
        UASC=[
            {"CHILD": "1", "DUC": date(2024, 3, 31)},  # the day before 1 April: flagged
            {"CHILD": "2", "DUC": START},
            {"CHILD": "3", "DUC": None},
            {"CHILD": "4", "DUC": date(2024, 9, 1)},
        ]
    )
    assert flagged("104", found) == {"UASC": [2]}


def test_168_pupil_numbers():
    upns = [
        "I123456789012",  # I is not a first letter
        "A12345678901",  # 12 characters
        "A1234567890AB",  # 11 digits then two letters
        "a123456789012",  # lower case
        "UN6",
        "A123456789012",
        "Z12345678901T",
        "UN1",
        "UN5",
        None,
    ]
    found = ret(Header=values("UPN", upns))
    assert flagged("168", found) == {"Header": [2, 3, 4, 5, 6]}


@pytest.mark.parametrize(("year", "male", "female"), [(2024, "1", "2"), (2025, "M", "F")])
def test_174_a_boy_has_no_childs_birth_date(year, male, female):
    rows = [
        {"CHILD": "1", "SEX": male, "MC_DOB": date(2024, 1, 1)},
        {"CHILD": "2", "SEX": female, "MC_DOB": date(2024, 1, 1)},
        {"CHILD": "3", "SEX": male, "MC_DOB": None},
    ]
    assert flagged("174", ret(year=year, Header=rows)) == {"Header": [2]}
    assert flagged("174", ret(year=year, Header=rows[1:])) == {}


# --- Adoption ----------------------------------------------------------------------------


def test_117_decision_after_the_latest_episode_or_the_year():
    episodes = [
        # Child 1: latest non-X1 episode ends 1 June 2024; a later X1 episode is not used.
        {"CHILD": "1", "DECOM": date(2024, 4, 10), "DEC": date(2024, 6, 1), "REC": "E11"},
        {"CHILD": "1", "DECOM": date(2024, 6, 1), "DEC": date(2024, 8, 1), "REC": "X1"},
        # Child 2: open episode (blank DEC never compared), decision after 31 March.
        {"CHILD": "2", "DECOM": date(2024, 5, 1)},
        # Child 3: decision on the day the episode ends: passes.
        {"CHILD": "3", "DECOM": date(2024, 5, 1), "DEC": date(2024, 9, 1), "REC": "E11"},
    ]
    placed = [
        {"CHILD": "1", "DATE_PLACED": date(2024, 5, 1), "DATE_PLACED_CEASED": date(2024, 6, 2)},
        {"CHILD": "2", "DATE_PLACED": date(2025, 4, 1)},
        {"CHILD": "3", "DATE_PLACED": date(2024, 9, 1)},
    ]
    found = ret(Episodes=episodes, PlacedAdoption=placed)
    assert flagged("117", found) == {"Episodes": [2, 4], "PlacedAdoption": [2, 3]}
    # A child with no episode has no "latest episode" to read the check against: not flagged.
    without_episode = [{"CHILD": "9", "DATE_PLACED": date(2025, 4, 1)}]
    # Child 2's open episode (blank DEC) is never compared by DEC: in the year it passes.
    without_episode += [{"CHILD": "2", "DATE_PLACED": END, "DATE_PLACED_CEASED": END}]
    passing = ret(Episodes=episodes, PlacedAdoption=placed[2:] + without_episode)
    assert flagged("117", passing) == {}


def test_118_decision_ceased_before_the_year_or_the_first_episode():
    episodes = [
        # Child 1: a short break first (V3 not counted); first care episode 1 June 2024.
        {"CHILD": "1", "DECOM": date(2024, 4, 10), "LS": "V3"},
        {"CHILD": "1", "DECOM": date(2024, 6, 1), "LS": "C2"},
        {"CHILD": "2", "DECOM": date(2023, 6, 1), "LS": "C2"},
        {"CHILD": "3", "DECOM": date(2024, 5, 1), "LS": "E1"},
    ]
    placed = [
        {"CHILD": "1", "DATE_PLACED_CEASED": date(2024, 5, 31)},  # before 1 June
        {"CHILD": "2", "DATE_PLACED_CEASED": date(2024, 3, 31)},  # before 1 April
        {"CHILD": "3", "DATE_PLACED_CEASED": date(2024, 5, 1)},  # same day: passes
        {"CHILD": "3", "DATE_PLACED_CEASED": None},
    ]
    found = ret(Episodes=episodes, PlacedAdoption=placed)
    assert flagged("118", found) == {"Episodes": [3, 4], "PlacedAdoption": [2, 3]}
    assert flagged("118", ret(Episodes=episodes, PlacedAdoption=placed[2:])) == {}


def test_119_ceased_date_and_reason_together():
    rows = [
        {"CHILD": "1", "DATE_PLACED_CEASED": date(2024, 5, 1)},
        {"CHILD": "2", "REASON_PLACED_CEASED": "RD1"},
        {"CHILD": "3", "DATE_PLACED_CEASED": date(2024, 5, 1), "REASON_PLACED_CEASED": "RD1"},
        {"CHILD": "4"},
    ]
    assert flagged("119", ret(PlacedAdoption=rows)) == {"PlacedAdoption": [2, 3]}


def test_134_adoption_details_for_a_care_leaver():
    oc3 = [{"CHILD": "1", "IN_TOUCH": "YES"}, {"CHILD": "2"}]
    ad1 = [
        {"CHILD": "1", "FOSTER_CARE": "0"},
        {"CHILD": "1"},  # nothing filled: passes
        {"CHILD": "2", "NB_ADOPTR": "1"},  # OC3 row empty: passes
        {"CHILD": "3", "DATE_INT": date(2024, 5, 1)},  # no OC3 row
    ]
    assert flagged("134", ret(OC3=oc3, AD1=ad1)) == {"AD1": [2]}
    assert flagged("134", ret(OC3=oc3, AD1=ad1[1:])) == {}


FULL_AD1 = {
    "DATE_INT": date(2024, 5, 1),
    "DATE_MATCH": date(2024, 6, 1),
    "FOSTER_CARE": "0",
    "NB_ADOPTR": "1",
    "SEX_ADOPTR": "F1",
    "LS_ADOPTR": "L0",
}


def test_151_adoption_details_all_or_none():
    rows = [
        {"CHILD": "1", **{**FULL_AD1, "LS_ADOPTR": None}},
        {"CHILD": "2", "DATE_INT": date(2024, 5, 1)},
        {"CHILD": "3", **FULL_AD1},
        {"CHILD": "4"},
    ]
    assert flagged("151", ret(AD1=rows)) == {"AD1": [2, 3]}


def test_153_care_leaver_details_all_or_none():
    rows = [
        {"CHILD": "1", "IN_TOUCH": "YES", "ACTIV": "F1"},
        {"CHILD": "2", "ACCOM": "B1"},
        {"CHILD": "3", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"},
        {"CHILD": "4"},
    ]
    assert flagged("153", ret(OC3=rows)) == {"OC3": [2, 3]}


def test_184_decision_before_birth_or_without_a_birth_date():
    header = [
        {"CHILD": "1", "DOB": date(2020, 5, 10)},
        {"CHILD": "2", "DOB": date(2020, 5, 10)},
        {"CHILD": "3", "DOB": None},
    ]
    placed = [
        {"CHILD": "1", "DATE_PLACED": date(2020, 5, 9)},  # a day before birth
        {"CHILD": "3", "DATE_PLACED": date(2024, 5, 1)},  # no DOB to compare: flagged
        {"CHILD": "4", "DATE_PLACED": date(2024, 5, 1)},  # no Header row: flagged
        {"CHILD": "2", "DATE_PLACED": date(2020, 5, 10)},  # the same day passes
        {"CHILD": "1", "DATE_PLACED": None},
    ]
    assert flagged("184", ret(Header=header, PlacedAdoption=placed)) == {
        "PlacedAdoption": [2, 3, 4]
    }
    assert flagged("184", ret(Header=header, PlacedAdoption=placed[3:])) == {}


# --- Episodes ----------------------------------------------------------------------------


def test_142_only_the_latest_episode_may_be_open():
    episodes = [
        {"CHILD": "1", "DECOM": date(2024, 4, 10)},  # earlier, open: flagged
        {"CHILD": "1", "DECOM": date(2024, 6, 1)},  # latest, open: passes
        {"CHILD": "2", "DECOM": date(2024, 4, 10), "DEC": date(2024, 5, 1)},  # no REC
        {"CHILD": "2", "DECOM": None},  # blank DECOM: never flagged, but sorts last
        {"CHILD": "3", "DECOM": date(2024, 4, 10), "DEC": date(2024, 5, 1), "REC": "X1"},
        {"CHILD": "3", "DECOM": date(2024, 5, 1)},
    ]
    assert flagged("142", ret(Episodes=episodes)) == {"Episodes": [2, 4]}
    assert flagged("142", ret(Episodes=episodes[4:])) == {}


def test_148_end_date_and_reason_together():
    rows = [
        {"CHILD": "1", "DECOM": START, "DEC": date(2024, 5, 1)},
        {"CHILD": "2", "DECOM": START, "REC": "E11"},
        {"CHILD": "3", "DECOM": START, "DEC": date(2024, 5, 1), "REC": "E11"},
        {"CHILD": "4", "DECOM": START},
    ]
    assert flagged("148", ret(Episodes=rows)) == {"Episodes": [2, 3]}


@pytest.mark.parametrize(
    ("year", "no_provider", "takes_provider"),
    [(2025, ["T4", "Z1"], ["U1", "K2"]), (2026, ["T3", "Z11", "Z14"], ["T4", "U1"])],
)
def test_178_provider_code_and_placements_without_one(year, no_provider, takes_provider):
    rows = [{"CHILD": "0", "PLACE": "U1", "PLACE_PROVIDER": "PR6"}]
    rows += [{"CHILD": "1", "PLACE": place, "PLACE_PROVIDER": "PR1"} for place in no_provider]
    good = [{"CHILD": "2", "PLACE": place, "PLACE_PROVIDER": "PR0"} for place in takes_provider]
    good += [{"CHILD": "3", "PLACE": no_provider[0]}]  # blank provider always passes
    found = ret(year=year, Episodes=rows + good)
    assert flagged("178", found) == {"Episodes": list(range(2, 2 + len(rows)))}
    assert flagged("178", ret(year=year, Episodes=good)) == {}


def _with_postcodes(episodes: list[dict]) -> Return:
    directory = pl.LazyFrame({"postcode": ["SW1A1AA", "EH11AA"], "la": ["E09000033", "S12"]})
    return Return.of(
        "ssda903",
        2025,
        {"Episodes": table("ssda903", "Episodes", episodes)},
        postcodes=directory,
    )


@pytest.mark.parametrize("code", ["169", "179"])
def test_169_179_placement_postcode_not_found(code):
    episodes = [
        {"CHILD": "1", "DECOM": START, "LS": "C2", "PL_POST": "ZZ9 9ZZ"},  # not in directory
        {"CHILD": "2", "DECOM": START, "LS": "C2"},  # blank
        {"CHILD": "3", "DECOM": START, "LS": "V3"},  # short break: not checked
        {"CHILD": "4", "DECOM": START, "LS": "C2", "PL_POST": "sw1a 1aa"},
        {"CHILD": "5", "DECOM": START, "LS": None, "PL_POST": "EH1 1AA"},  # Scotland resolves
    ]
    assert flagged(code, _with_postcodes(episodes)) == {"Episodes": [2, 3]}
    assert flagged(code, _with_postcodes(episodes[2:])) == {}


# --- Reviews -----------------------------------------------------------------------------


def test_166_review_date_needed():
    rows = [{"CHILD": "1", "REVIEW": None}, {"CHILD": "2", "REVIEW": START}]
    assert flagged("166", ret(Reviews=rows)) == {"Reviews": [2]}


def test_167_participation_code_with_the_review():
    rows = [
        {"CHILD": "1", "REVIEW": START, "REVIEW_CODE": "PN8"},
        {"CHILD": "2", "REVIEW": START},  # a review with no code
        {"CHILD": "3", "REVIEW_CODE": "PN1"},  # a code with no review
        {"CHILD": "4", "REVIEW": START, "REVIEW_CODE": "PN0"},
        {"CHILD": "5", "REVIEW": START, "REVIEW_CODE": "PN7"},
        {"CHILD": "6"},
    ]
    assert flagged("167", ret(Reviews=rows)) == {"Reviews": [2, 3, 4]}


# --- Mothers; care after adoption --------------------------------------------------------


@pytest.mark.parametrize(("year", "boy", "girl"), [(2024, "1", "2"), (2025, "M", "F")])
def test_165_mother_flag(year, boy, girl):
    since = date(year - 2, 1, 1)  # in care since before the year: in care in the year
    left = {"DECOM": date(year - 3, 1, 1), "DEC": date(year - 2, 1, 1), "REC": "E8"}
    episodes = [{"CHILD": str(n), "DECOM": since, "LS": "C2"} for n in range(1, 5)]
    episodes += [{"CHILD": "5", "LS": "C2", **left}, {"CHILD": "6", "LS": "C2", **left}]
    episodes += [{"CHILD": "7", "DECOM": since, "LS": "V3"}]  # short breaks only: not checked
    header = [
        {"CHILD": "1", "SEX": girl, "MOTHER": "2"},  # not 0/1
        {"CHILD": "2", "SEX": boy, "MOTHER": "0"},  # given for a boy
        {"CHILD": "3", "SEX": girl},  # a girl in care in the year, blank
        {"CHILD": "4", "SEX": girl, "MOTHER": "0"},
        {"CHILD": "5", "SEX": girl, "MOTHER": "1"},  # left care before the year, OC3 only
        {"CHILD": "6", "SEX": girl},  # left before the year, blank: passes
        {"CHILD": "7", "SEX": girl},
    ]
    oc3 = [{"CHILD": "5", "IN_TOUCH": "YES"}, {"CHILD": "6", "IN_TOUCH": "YES"}]
    found = ret(year=year, Header=header, Episodes=episodes, OC3=oc3)
    assert flagged("165", found) == {"Header": [2, 3, 4, 6], "OC3": [2]}
    passing = ret(year=year, Header=header[3:], Episodes=episodes, OC3=oc3[1:])
    assert flagged("165", passing) == {}


def test_199_episodes_after_adoption_this_year_or_last():
    last = [
        {"CHILD": "1", "DECOM": date(2023, 5, 1), "DEC": date(2024, 1, 1), "REC": "E11"},
    ]
    episodes = [
        {"CHILD": "1", "DECOM": date(2024, 6, 1)},  # after last year's adoption
        {"CHILD": "2", "DECOM": date(2024, 5, 1), "DEC": date(2024, 7, 1), "REC": "E12"},
        {"CHILD": "2", "DECOM": date(2024, 8, 1), "DEC": date(2024, 9, 1), "REC": "E11"},
        {"CHILD": "2", "DECOM": None},  # blank start: ignored
        {"CHILD": "3", "DECOM": date(2024, 4, 1), "DEC": date(2024, 5, 1), "REC": "X1"},
        {"CHILD": "3", "DECOM": date(2024, 5, 1), "DEC": date(2024, 8, 1), "REC": "E11"},
    ]
    # Child 2's first adoption episode passes; its second (itself E11) is flagged.
    assert flagged("199", ret(Episodes=episodes, previous={"Episodes": last})) == {
        "Episodes": [2, 4]
    }
    # Without last year, child 1's episode has no adoption before it.
    assert flagged("199", ret(Episodes=episodes)) == {"Episodes": [4]}
    assert flagged("199", ret(Episodes=episodes[4:], previous={"Episodes": last})) == {}


# --- Outcomes (OC2) and whether the child was looked after all year ----------------------

LONG_AGO = date(2023, 1, 1)
# Children L, X and S are looked after all year (2024-25); N, E, V and O (no episodes) not.
EPISODES = [
    {"CHILD": "L", "DECOM": LONG_AGO, "RNE": "S", "LS": "C2"},
    # Moved placement in the year (X1) and stayed: still looked after all year.
    {
        "CHILD": "X",
        "DECOM": LONG_AGO,
        "RNE": "S",
        "LS": "C2",
        "DEC": date(2024, 10, 1),
        "REC": "X1",
    },
    {"CHILD": "X", "DECOM": date(2024, 10, 1), "RNE": "P", "LS": "C2"},
    # Came into care on 1 April itself: "after collection start" is strictly after.
    {"CHILD": "S", "DECOM": START, "RNE": "S", "LS": "C2"},
    {"CHILD": "N", "DECOM": date(2024, 6, 1), "RNE": "S", "LS": "C2"},  # came in during it
    {
        "CHILD": "E",
        "DECOM": LONG_AGO,
        "RNE": "S",
        "LS": "C2",
        "DEC": date(2024, 10, 1),
        "REC": "E13",
    },  # left care in the year
    {"CHILD": "V", "DECOM": LONG_AGO, "RNE": "S", "LS": "C2"},
    {
        "CHILD": "V",
        "DECOM": date(2024, 5, 1),
        "RNE": "B",
        "LS": "V3",
        "DEC": date(2024, 5, 3),
        "REC": "X1",
    },  # a short break in the year
]
LOOKED_AFTER, NOT_LOOKED_AFTER = ["L", "X", "S"], ["N", "E", "V", "O"]
SCHOOL_AGE = date(2012, 6, 1)  # 4 well before the year, 17 well after it


def oc2(children: list[str], **fields) -> list[dict]:
    return [{"CHILD": child, "DOB": SCHOOL_AGE, **fields} for child in children]


@pytest.mark.parametrize(
    ("code", "fields"),
    [
        ("185", {"SDQ_SCORE": "10"}),
        ("198", {"SDQ_REASON": "SDQ2"}),
        ("190", {"CONVICTED": "0"}),
        ("190", {"INTERVENTION_OFFERED": "1"}),
    ],
)
def test_outcomes_only_for_children_looked_after_all_year(code, fields):
    rows = oc2(LOOKED_AFTER + NOT_LOOKED_AFTER, **fields) + oc2(["N"])  # last: nothing given
    found = ret(Episodes=EPISODES, OC2=rows)
    # Rows 2-4 are L, X, S; rows 5-8 N, E, V, O; row 9 N with nothing filled.
    assert flagged(code, found) == {"OC2": [5, 6, 7, 8]}
    assert flagged(code, ret(Episodes=EPISODES, OC2=rows[:3])) == {}


def test_157_sdq1_for_a_child_aged_4_to_16_all_year():
    rows = [
        {"CHILD": "L", "DOB": SCHOOL_AGE, "SDQ_REASON": "SDQ1"},
        {"CHILD": "X", "DOB": date(2009, 3, 31), "SDQ_REASON": "SDQ1"},  # 16 on 31 March
        {"CHILD": "S", "DOB": date(2020, 4, 1), "SDQ_REASON": "SDQ1"},  # 4 on 1 April
        {"CHILD": "L", "DOB": date(2009, 3, 30), "SDQ_REASON": "SDQ1"},  # 16 on 30 March
        {"CHILD": "L", "DOB": date(2020, 4, 2), "SDQ_REASON": "SDQ1"},  # 4 on 2 April
        {"CHILD": "L", "DOB": SCHOOL_AGE, "SDQ_REASON": "SDQ2"},
        {"CHILD": "N", "DOB": SCHOOL_AGE, "SDQ_REASON": "SDQ1"},  # not looked after all year
    ]
    assert flagged("157", ret(Episodes=EPISODES, OC2=rows)) == {"OC2": [2, 3, 4]}
    assert flagged("157", ret(Episodes=EPISODES, OC2=rows[3:])) == {}


def test_158_159_192_193_interventions():
    rows = [
        {
            "CHILD": "1",
            "SUBSTANCE_MISUSE": "1",
            "INTERVENTION_RECEIVED": "1",
            "INTERVENTION_OFFERED": "0",
        },  # 158
        {"CHILD": "2", "SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "0"},  # 159
        {"CHILD": "3", "SUBSTANCE_MISUSE": "1"},  # 192
        {"CHILD": "4", "SUBSTANCE_MISUSE": "0", "INTERVENTION_RECEIVED": "0"},  # 193
        {"CHILD": "5", "INTERVENTION_OFFERED": "1"},  # 193: blank misuse
        {"CHILD": "6", "SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "1"},
        {
            "CHILD": "7",
            "SUBSTANCE_MISUSE": "1",
            "INTERVENTION_RECEIVED": "0",
            "INTERVENTION_OFFERED": "1",
        },
        {"CHILD": "8", "SUBSTANCE_MISUSE": "0"},
        {"CHILD": "9"},
    ]
    found = ret(OC2=rows)
    assert flagged("158", found) == {"OC2": [2]}
    assert flagged("159", found) == {"OC2": [3]}
    assert flagged("192", found) == {"OC2": [4]}
    assert flagged("193", found) == {"OC2": [5, 6]}
    passing = ret(OC2=rows[5:])
    assert [flagged(code, passing) for code in ("158", "159", "192", "193")] == [{}] * 4


def test_180_sdq_score_a_whole_number_0_to_40():
    scores = ["41", "-1", "4.5", "ten", "0", "40", "5.0", None]
    assert flagged("180", ret(OC2=values("SDQ_SCORE", scores))) == {"OC2": [2, 3, 4, 5]}


@pytest.mark.parametrize(
    "field",
    [
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ],
)
def test_181_outcome_flags_0_or_1(field):
    assert flagged("181", ret(OC2=values(field, ["2", "Y", "0", "1", None]))) == {"OC2": [2, 3]}


def test_182_health_outcomes_with_the_others():
    health = {
        "IMMUNISATIONS": "1",
        "TEETH_CHECK": "1",
        "HEALTH_ASSESSMENT": "1",
        "SUBSTANCE_MISUSE": "0",
    }
    rows = [
        {"CHILD": "1", "CONVICTED": "0", **{**health, "TEETH_CHECK": None}},
        {"CHILD": "2", "INTERVENTION_OFFERED": "1"},
        {"CHILD": "3", "HEALTH_CHECK": "1", **health},
        {"CHILD": "4", "TEETH_CHECK": "1"},  # none of the four others given
        {"CHILD": "5"},  # all eight blank
    ]
    assert flagged("182", ret(OC2=rows)) == {"OC2": [2, 3]}


def test_186_197b_sdq_missing_for_a_child_looked_after_all_year():
    rows = [
        {"CHILD": "L", "DOB": SCHOOL_AGE},  # 186
        {"CHILD": "X", "DOB": date(2020, 4, 1)},  # 4 on 1 April: 186 and 197B
        # 29 February 2008: 17 on 1 March 2025, in the year: 197B, not 186.
        {"CHILD": "S", "DOB": date(2008, 2, 29)},
        {"CHILD": "L", "DOB": date(2008, 3, 31)},  # 17 on 31 March: 197B
        {"CHILD": "L", "DOB": date(2021, 4, 1)},  # 4 on 1 April 2025, after it: neither
        {"CHILD": "L", "DOB": SCHOOL_AGE, "SDQ_REASON": "SDQ2"},
        {"CHILD": "N", "DOB": SCHOOL_AGE},  # not looked after all year
        {"CHILD": "L", "DOB": date(2008, 2, 29), "SDQ_SCORE": "12"},
    ]
    found = ret(Episodes=EPISODES, OC2=rows)
    assert flagged("186", found) == {"OC2": [2, 3]}
    assert flagged("197B", found) == {"OC2": [3, 4, 5]}
    passing = ret(Episodes=EPISODES, OC2=rows[5:])
    assert flagged("186", passing) == {} and flagged("197B", passing) == {}


def test_189_a_leap_day_birth_turns_17_on_1_march():
    # Born 29 February 2008: 17 on 1 March 2025 (no 29 February in 2025). In 2025-26
    # (from 1 April 2025) that is before the year: flagged; in 2024-25 it is in the year.
    rows = [{"CHILD": "1", "DOB": date(2008, 2, 29), "SDQ_SCORE": "3"}]
    assert flagged("189", ret(year=2026, OC2=rows)) == {"OC2": [2]}
    assert flagged("189", ret(year=2025, OC2=rows)) == {}


def test_188_189_sdq_outside_the_ages():
    rows = [
        {"CHILD": "1", "DOB": date(2021, 4, 1), "SDQ_REASON": "SDQ1"},  # 4 on 1 April 2025
        {"CHILD": "2", "DOB": date(2007, 3, 31), "SDQ_SCORE": "3"},  # 17 on 31 March 2024
        {"CHILD": "3", "DOB": date(2021, 3, 31), "SDQ_REASON": "SDQ1"},  # 4 on 31 March 2025
        {"CHILD": "4", "DOB": date(2007, 4, 1), "SDQ_SCORE": "3"},  # 17 on 1 April 2024
        {"CHILD": "5", "DOB": date(2022, 1, 1)},  # under 4, nothing given
        {"CHILD": "6", "DOB": date(2000, 2, 29), "SDQ_SCORE": "3"},  # 17 in 2017
    ]
    found = ret(OC2=rows)
    assert flagged("188", found) == {"OC2": [2]}
    assert flagged("189", found) == {"OC2": [3, 7]}
    passing = ret(OC2=rows[2:5])
    assert flagged("188", passing) == {} and flagged("189", passing) == {}


def test_187_care_leaver_or_adoption_details_for_a_child_looked_after_all_year():
    oc3 = [{"CHILD": "L", "IN_TOUCH": "YES"}, {"CHILD": "N", "IN_TOUCH": "YES"}, {"CHILD": "X"}]
    ad1 = [{"CHILD": "S", "DATE_INT": START}, {"CHILD": "E", "NB_ADOPTR": "1"}]
    found = ret(Episodes=EPISODES, OC3=oc3, AD1=ad1)
    assert flagged("187", found) == {"AD1": [2], "OC3": [2]}
    assert flagged("187", ret(Episodes=EPISODES, OC3=oc3[1:], AD1=ad1[1:])) == {}
    # The rule reads the three tables together: with no AD1 table it finds nothing.
    assert flagged("187", ret(Episodes=EPISODES, OC3=oc3)) == {}


def test_191_health_outcomes_for_a_child_looked_after_all_year():
    health = {
        "IMMUNISATIONS": "1",
        "TEETH_CHECK": "1",
        "HEALTH_ASSESSMENT": "1",
        "SUBSTANCE_MISUSE": "0",
    }
    rows = [
        {"CHILD": "L", **{**health, "HEALTH_ASSESSMENT": None}},
        {"CHILD": "X", **health},
        {"CHILD": "N"},  # not looked after all year
    ]
    # S has no OC2 row: its earliest (only) episode, row 5, carries the finding.
    assert flagged("191", ret(Episodes=EPISODES, OC2=rows)) == {"Episodes": [5], "OC2": [2]}
    complete = [rows[1], {"CHILD": "L", **health}, {"CHILD": "S", **health}]
    assert flagged("191", ret(Episodes=EPISODES, OC2=complete)) == {}


def test_197a_score_or_reason_not_both():
    rows = [
        {"CHILD": "1", "SDQ_SCORE": "3", "SDQ_REASON": "SDQ1"},
        {"CHILD": "2", "SDQ_SCORE": "3"},
        {"CHILD": "3", "SDQ_REASON": "SDQ1"},
        {"CHILD": "4"},
    ]
    assert flagged("197a", ret(OC2=rows)) == {"OC2": [2]}


def test_142_two_open_episodes_starting_the_same_day_the_later_row_is_latest():
    episodes = [{"CHILD": "1", "DECOM": START}, {"CHILD": "1", "DECOM": START}]
    assert flagged("142", ret(Episodes=episodes)) == {"Episodes": [2]}
