"""SSDA903 rules 200-299, each version with a failing and a passing case worked by hand
from the spec's check (../shared/domain/rules/ssda903_rules.csv)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from tests.dataquality.conftest import flagged, ret, table
from trajectory.dataquality.context import Return


def with_reference(year=2025, postcodes=None, providers=None, **tables) -> Return:
    frames = {name: table("ssda903", name, rows) for name, rows in tables.items()}
    return Return.of(
        "ssda903",
        year,
        frames,
        postcodes=pl.LazyFrame(postcodes) if postcodes is not None else None,
        providers=pl.LazyFrame(providers, schema={k: pl.String for k in providers[0]})
        if providers is not None
        else None,
    )


# -- this year against last year ----------------------------------------------------------


def test_203_a_changed_date_of_birth_is_flagged_and_two_blanks_agree():
    found = ret(
        Header=[
            {"CHILD": "A", "DOB": date(2010, 1, 1)},
            {"CHILD": "B", "DOB": date(2010, 1, 1)},
            {"CHILD": "C"},  # blank both years: equal
            {"CHILD": "D", "DOB": date(2011, 1, 1)},  # new this year: not compared
        ],
        previous={
            "Header": [
                {"CHILD": "A", "DOB": date(2010, 1, 2)},
                {"CHILD": "B", "DOB": date(2010, 1, 1)},
                {"CHILD": "C"},
            ]
        },
    )
    assert flagged("203", found) == {"Header": [2]}


def test_204_ethnicity_is_compared_ignoring_case():
    found = ret(
        Header=[{"CHILD": "A", "ETHNIC": "WBRI"}, {"CHILD": "B", "ETHNIC": "wbri"}],
        previous={"Header": [{"CHILD": "A", "ETHNIC": "WIRI"}, {"CHILD": "B", "ETHNIC": "WBRI"}]},
    )
    assert flagged("204", found) == {"Header": [2]}


def test_205a_uasc_last_year_not_now_needs_last_years_duc_in_last_year():
    # 2024-25; last year ran 01/04/2023-31/03/2024. A: last DUC 01/04/2024, after it:
    # flagged. B: 31/03/2024, on the bound: passes. C: UASC both years: not this rule's.
    # D: last DUC blank (not within): flagged.
    found = ret(
        UASC=[{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "C", "SEX": "1"}, {"CHILD": "D"}],
        Header=[{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "C"}, {"CHILD": "D"}],
        previous={
            "UASC": [
                {"CHILD": "A", "DUC": date(2024, 4, 1)},
                {"CHILD": "B", "DUC": date(2024, 3, 31)},
                {"CHILD": "C", "DUC": date(2022, 1, 1)},
                {"CHILD": "D", "SEX": "1"},
            ]
        },
    )
    assert flagged("205A", found) == {"Header": [2, 5], "UASC": [2, 5]}


def test_205b_last_years_duc_must_be_the_18th_birthday():
    # Year 2024-25. A: UASC both years, DOB 29/02/2008 -> 18th birthday 01/03/2026, but last
    # year's DUC is 28/02/2026: flagged. B: DUC last year its 18th birthday, same this year.
    # C: last year's DUC blank (not flagged: the spec calls the peer's rule a bug).
    found = ret(
        UASC=[
            {"CHILD": "A", "DOB": date(2008, 2, 29), "DUC": date(2026, 2, 28)},
            {"CHILD": "B", "DOB": date(2008, 5, 1), "DUC": date(2026, 5, 1)},
            {"CHILD": "C", "SEX": "1", "DOB": date(2008, 5, 1)},
        ],
        Header=[{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "C"}],
        previous={
            "UASC": [
                {"CHILD": "A", "DOB": date(2008, 2, 29), "DUC": date(2026, 2, 28)},
                {"CHILD": "B", "DOB": date(2008, 5, 1), "DUC": date(2026, 5, 1)},
                {"CHILD": "C", "SEX": "1", "DOB": date(2008, 5, 1)},
            ]
        },
    )
    assert flagged("205B", found) == {"Header": [2], "UASC": [2]}


def test_205b_a_duc_outside_the_year_must_match_last_years():
    # DUC 01/05/2026 is after 31/03/2025 and differs from last year's 01/06/2026.
    found = ret(
        UASC=[{"CHILD": "A", "DOB": date(2008, 6, 1), "DUC": date(2026, 5, 1)}],
        previous={"UASC": [{"CHILD": "A", "DOB": date(2008, 6, 1), "DUC": date(2026, 6, 1)}]},
    )
    assert flagged("205B", found) == {"UASC": [2]}


def test_205d_uasc_this_year_but_not_last_is_flagged():
    found = ret(
        UASC=[{"CHILD": "A", "DUC": date(2026, 1, 1)}, {"CHILD": "B", "DUC": date(2026, 1, 1)}],
        Header=[{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "C"}],
        previous={
            "Header": [{"CHILD": "A"}, {"CHILD": "B"}],
            "UASC": [{"CHILD": "B", "DUC": date(2026, 1, 1)}],
        },
    )
    assert flagged("205D", found) == {"Header": [2], "UASC": [2]}


def test_207_mother_cannot_stop_being_1():
    found = ret(
        Header=[{"CHILD": "A", "MOTHER": "0"}, {"CHILD": "B"}, {"CHILD": "C", "MOTHER": "1"}],
        Episodes=[{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "C"}],
        previous={
            "Header": [
                {"CHILD": "A", "MOTHER": "1"},
                {"CHILD": "B", "MOTHER": "1"},  # blank now: flagged too
                {"CHILD": "C", "MOTHER": "1"},
            ]
        },
    )
    assert flagged("207", found) == {"Header": [2, 3]}


def test_207_a_child_without_episodes_this_year_is_not_checked():
    found = ret(
        Header=[{"CHILD": "A", "MOTHER": "0"}],
        previous={"Header": [{"CHILD": "A", "MOTHER": "1"}]},
    )
    assert flagged("207", found) == {}


@pytest.mark.parametrize(
    ("last", "now", "is_flagged"),
    [
        (None, None, False),
        ("UN1", "UN2", False),
        (None, "UN5", False),
        ("UN3", "A123456789012", False),
        (None, "A123456789012", False),
        ("a123456789012", "A123456789012", False),
        (None, "UN1", True),  # blank to UN1
        ("UN1", None, True),  # UN1 to blank
        ("UN2", "UN3", True),
        ("A123456789012", "B123456789012", True),
        ("A123456789012", "UN1", True),
    ],
)
def test_208_upn_changes(last, now, is_flagged):
    found = ret(
        Header=[{"CHILD": "A", "UPN": now}], previous={"Header": [{"CHILD": "A", "UPN": last}]}
    )
    assert flagged("208", found) == ({"Header": [2]} if is_flagged else {})


# -- UPNs ---------------------------------------------------------------------------------


def test_209_un1_for_a_child_of_school_age():
    # 2025-26: the cut-off is 31/08/2024, so a 4th birthday on that day is flagged.
    found = ret(
        year=2026,
        Header=[
            {"CHILD": "A", "UPN": "UN1", "DOB": date(2020, 8, 31)},  # 4 on 31/08/2024
            {"CHILD": "B", "UPN": "UN1", "DOB": date(2020, 9, 1)},  # 4 on 01/09/2024
            {"CHILD": "C", "UPN": "UN2", "DOB": date(2015, 1, 1)},
            {"CHILD": "D", "UPN": "un1", "DOB": date(2019, 1, 1)},
        ],
    )
    assert flagged("209", found) == {"Header": [2, 5]}


def test_210_un4_with_an_episode_from_24_march():
    found = ret(
        year=2025,
        Header=[{"CHILD": "A", "UPN": "UN4"}, {"CHILD": "B", "UPN": "UN4"}, {"CHILD": "C"}],
        Episodes=[
            {"CHILD": "A", "DECOM": date(2024, 6, 1)},
            {"CHILD": "A", "DECOM": date(2025, 3, 24)},  # on the bound: flagged
            {"CHILD": "B", "DECOM": date(2025, 3, 23)},
            {"CHILD": "C", "DECOM": date(2025, 3, 30)},
        ],
    )
    assert flagged("210", found) == {"Episodes": [3], "Header": [2]}


# -- placements ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "place", "is_flagged"),
    [(2025, "T1", True), (2025, "Z11", False), (2026, "Z11", True), (2026, "T4", True)],
)
def test_213_provider_must_be_blank_for_temporary_placements(year, place, is_flagged):
    found = ret(
        year=year,
        Episodes=[
            {"CHILD": "A", "PLACE": place, "PLACE_PROVIDER": "PR1"},
            {"CHILD": "B", "PLACE": place},
            {"CHILD": "C", "PLACE": "U1", "PLACE_PROVIDER": "PR1"},
        ],
    )
    assert flagged("213", found) == ({"Episodes": [2]} if is_flagged else {})


def test_214_short_breaks_have_no_postcode_or_urn():
    found = ret(
        Episodes=[
            {"CHILD": "A", "LS": "V3", "PL_POST": "AB1 2CD"},
            {"CHILD": "B", "LS": "V4", "URN": "SC123456"},
            {"CHILD": "C", "LS": "V4"},
            {"CHILD": "D", "LS": "C2", "URN": "SC123456"},
        ]
    )
    assert flagged("214", found) == {"Episodes": [2, 3]}


def test_215_leaver_and_outcome_data_together():
    found = ret(
        OC3=[{"CHILD": "A", "IN_TOUCH": "YES"}, {"CHILD": "B", "ACTIV": "F1"}, {"CHILD": "C"}],
        OC2=[{"CHILD": "A", "CONVICTED": "0"}, {"CHILD": "B"}, {"CHILD": "C", "TEETH_CHECK": "1"}],
    )
    assert flagged("215", found) == {"OC2": [2], "OC3": [2]}


@pytest.mark.parametrize("year", [2023, 2027])
def test_217_adoption_placement_needs_rne_s_t_or_u(year):
    found = ret(
        year=year,
        Episodes=[
            {"CHILD": "A", "PLACE": "A3", "DECOM": date(2015, 4, 1), "RNE": "P"},
            {"CHILD": "B", "PLACE": "A5", "DECOM": date(2020, 1, 1)},  # blank RNE
            {"CHILD": "C", "PLACE": "A5", "DECOM": date(2020, 1, 1), "RNE": "S"},
            {"CHILD": "D", "PLACE": "A3", "DECOM": date(2015, 3, 31), "RNE": "P"},
            {"CHILD": "E", "PLACE": "A4", "DECOM": date(2020, 1, 1), "RNE": "P"},
        ],
    )
    assert flagged("217", found) == {"Episodes": [2, 3]}


def test_217t_p2_after_28_october_2023():
    found = ret(
        year=2024,
        Episodes=[
            {"CHILD": "A", "PLACE": "P2", "DEC": date(2023, 10, 28)},  # on the day: passes
            {"CHILD": "B", "PLACE": "P2", "DEC": date(2023, 10, 29)},
            {"CHILD": "C", "PLACE": "P2"},  # still open
            {"CHILD": "D", "PLACE": "P1"},
        ],
    )
    assert flagged("217t", found) == {"Episodes": [3, 4]}


@pytest.mark.parametrize(
    ("year", "place", "is_flagged"),
    [
        (2023, "H5", True),
        (2024, "H5", False),
        (2024, "P2", True),
        (2025, "P2", False),
        (2025, "Z1", True),
        (2026, "Z1", False),
        (2026, "Z12", True),
        (2027, "T0", True),
        (2027, "K2", False),
    ],
)
def test_222_urn_blank_where_ofsted_does_not_register(year, place, is_flagged):
    found = ret(
        year=year,
        Episodes=[
            {"CHILD": "A", "PLACE": place, "URN": "SC123456"},
            {"CHILD": "B", "PLACE": place, "URN": "XXXXXXX"},
            {"CHILD": "C", "PLACE": place},
        ],
    )
    assert flagged("222", found) == ({"Episodes": [2]} if is_flagged else {})


def test_225_change_of_placement_needs_a_reason():
    found = ret(
        Episodes=[
            # A: X1 then a P episode: flagged (row 3, after sorting by DECOM).
            {"CHILD": "A", "DECOM": date(2024, 6, 1), "RNE": "P", "PLACE": "U1"},
            {"CHILD": "A", "DECOM": date(2024, 5, 1), "REC": "X1", "PLACE": "U1", "RNE": "L"},
            # B: reason given.
            {"CHILD": "B", "DECOM": date(2024, 5, 1), "REC": "X1", "PLACE": "U1",
             "REASON_PLACE_CHANGE": "CARPL"},
            {"CHILD": "B", "DECOM": date(2024, 6, 1), "RNE": "P", "PLACE": "U1"},
            # C: next episode is temporary.
            {"CHILD": "C", "DECOM": date(2024, 5, 1), "REC": "X1", "PLACE": "U1"},
            {"CHILD": "C", "DECOM": date(2024, 6, 1), "RNE": "P", "PLACE": "T1"},
            # D: last episode of the child: never flagged.
            {"CHILD": "D", "DECOM": date(2024, 5, 1), "REC": "X1", "PLACE": "U1"},
        ]
    )  # fmt: skip
    assert flagged("225", found) == {"Episodes": [3]}


@pytest.mark.parametrize("year", [2025, 2026])
def test_226_temporary_placement_with_a_change_reason(year):
    found = ret(
        year=year,
        Episodes=[
            {"CHILD": "A", "DECOM": date(2024, 5, 1), "REASON_PLACE_CHANGE": "CARPL"},
            {"CHILD": "A", "DECOM": date(2024, 6, 1), "PLACE": "T1"},  # previous had one
            {
                "CHILD": "B",
                "DECOM": date(2024, 6, 1),
                "PLACE": "T2",
                "REASON_PLACE_CHANGE": "CHILD",
            },
            {"CHILD": "C", "DECOM": date(2024, 5, 1)},
            {"CHILD": "C", "DECOM": date(2024, 6, 1), "PLACE": "T1"},
            {
                "CHILD": "D",
                "DECOM": date(2024, 6, 1),
                "PLACE": "U1",
                "REASON_PLACE_CHANGE": "CHILD",
            },
        ],
    )
    assert flagged("226", found) == {"Episodes": [3, 4]}


def test_231_uasc_under_11_is_flagged():
    # 2024-25 ends 31/03/2025. A: 13, passes.
    # B: 01/04/2014 -> 10 at 31 March: flagged. C: not UASC.
    found = ret(
        Header=[
            {"CHILD": "A", "DOB": date(2012, 2, 29)},
            {"CHILD": "B", "DOB": date(2014, 4, 1)},
            {"CHILD": "C", "DOB": date(2014, 4, 1)},
        ],
        UASC=[{"CHILD": "A", "SEX": "M"}, {"CHILD": "B", "SEX": "M"}],
    )
    assert flagged("231", found) == {"Header": [3]}


def test_231_born_on_29_february_is_11_from_1_march():
    found = ret(
        year=2025,
        Header=[{"CHILD": "A", "DOB": date(2012, 2, 29)}, {"CHILD": "B", "DOB": date(2014, 3, 31)}],
        UASC=[{"CHILD": "A", "SEX": "M"}, {"CHILD": "B", "SEX": "M"}],
    )
    # A is 13; B turns 11 on 31/03/2025 (the day counts): neither is under 11.
    assert flagged("231", found) == {}


def test_232_sex_unknown():
    found = ret(Header=[{"CHILD": "A", "SEX": "u"}, {"CHILD": "B", "SEX": "F"}])
    assert flagged("232", found) == {"Header": [2]}


def test_233_open_episode_with_change_reason():
    found = ret(
        year=2026,
        Episodes=[
            {"CHILD": "A", "REASON_PLACE_CHANGE": "CARPL"},
            {"CHILD": "B", "REASON_PLACE_CHANGE": "CARPL", "DEC": date(2025, 6, 1)},
            {"CHILD": "C"},
        ],
    )
    assert flagged("233", found) == {"Episodes": [2]}


def test_234_custody_before_10th_birthday():
    found = ret(
        year=2026,
        Header=[
            {"CHILD": "A", "DOB": date(2016, 2, 29)},  # 10 on 01/03/2026
            {"CHILD": "B", "DOB": date(2015, 6, 1)},
        ],
        Episodes=[
            {"CHILD": "A", "DECOM": date(2026, 2, 28), "REASON_PLACE_CHANGE": "CUSTOD"},
            {"CHILD": "A", "DECOM": date(2026, 3, 1), "REASON_PLACE_CHANGE": "CUSTOD"},
            {"CHILD": "B", "DECOM": date(2025, 6, 1), "REASON_PLACE_CHANGE": "CUSTOD"},
        ],
    )
    assert flagged("234", found) == {"Episodes": [2], "Header": [2]}


def test_242_xxxxxxx_only_for_adoption():
    found = ret(
        year=2026,
        Episodes=[
            {"CHILD": "A", "URN": "XXXXXXX", "PLACE": "K2"},
            {"CHILD": "B", "URN": "XXXXXXX", "PLACE": "A4"},
            {"CHILD": "C", "URN": "XXXXXXX", "PLACE": "U6"},
            {"CHILD": "D", "URN": "SC1", "PLACE": "K2"},
        ],
    )
    assert flagged("242", found) == {"Episodes": [2]}


# -- where the child is placed ------------------------------------------------------------

POSTCODES = {
    "postcode": ["AB12CD", "EH11AA", "CF101AA"],
    "la": ["E06000001", "S12000036", "W06000015"],
}


@pytest.mark.parametrize(
    ("year", "place", "postcode", "is_flagged"),
    [
        (2024, "K2", "ab1 2cd", True),  # English, registered placement: needs a URN
        (2024, "K2", "EH1 1AA", False),  # Scotland
        (2024, "K2", "ZZ9 9ZZ", False),  # not in the directory: exempt before 2025-26
        (2024, "H5", "AB1 2CD", False),
        (2025, "H5", "AB1 2CD", True),  # H5 needs a URN from 2024-25
        (2025, "Z1", "AB1 2CD", False),
        (2026, "K2", "ZZ9 9ZZ", True),  # unresolvable no longer exempt
        (2026, "K2", None, True),
        (2026, "K2", "CF10 1AA", False),  # Wales
        (2026, "Z12", "AB1 2CD", False),
    ],
)
def test_218_urn_missing_for_a_placement_in_england(year, place, postcode, is_flagged):
    found = with_reference(
        year=year,
        postcodes=POSTCODES,
        Episodes=[
            {"CHILD": "A", "PLACE": place, "PL_POST": postcode},
            {"CHILD": "B", "PLACE": place, "PL_POST": postcode, "URN": "SC1"},
            # ended before the year began: not checked
            {"CHILD": "C", "PLACE": place, "PL_POST": postcode, "DEC": date(year - 2, 1, 1)},
        ],
    )
    assert flagged("218", found) == ({"Episodes": [2]} if is_flagged else {})


def test_230_supported_accommodation_needs_a_urn_from_29_october_2023():
    found = with_reference(
        year=2024,
        postcodes=POSTCODES,
        Episodes=[
            {"CHILD": "A", "PLACE": "H5", "PL_POST": "AB12CD", "DEC": date(2023, 10, 29)},
            {"CHILD": "B", "PLACE": "H5", "PL_POST": "AB12CD", "URN": "XXXXXXX"},
            {"CHILD": "C", "PLACE": "H5", "PL_POST": "AB12CD", "DEC": date(2023, 10, 28)},
            {"CHILD": "D", "PLACE": "H5", "PL_POST": "EH11AA"},
            {"CHILD": "E", "PLACE": "H5", "PL_POST": "AB12CD", "URN": "SC1"},
        ],
    )
    assert flagged("230", found) == {"Episodes": [2, 3]}


def test_243_no_urn_outside_england():
    found = with_reference(
        year=2026,
        postcodes=POSTCODES,
        Episodes=[
            {"CHILD": "A", "PL_POST": "EH1 1AA", "URN": "SC1"},
            {"CHILD": "B", "PL_POST": "AB1 2CD", "URN": "SC1"},
            {"CHILD": "C", "PL_POST": "CF10 1AA"},
        ],
    )
    assert flagged("243", found) == {"Episodes": [2]}


def test_postcode_rules_are_not_run_without_the_directory():
    from trajectory.dataquality import registry
    from trajectory.dataquality.run import NOT_RUN, validate

    found = ret(year=2026, Episodes=[{"CHILD": "A", "PLACE": "K2"}])
    rules = [r for r in registry.rules_for("ssda903", 2026) if r.code in {"218", "243"}]
    assert {r.status for r in validate(found, rules).results} == {NOT_RUN}


# -- Ofsted's provider lists --------------------------------------------------------------

PROVIDERS = [
    {"URN": "SC1", "REG_END": "01/06/2024", "POSTCODE": "AB1 2CD"},
    {"URN": "SC2", "REG_END": None, "POSTCODE": "EF3 4GH"},
]


def test_227_placement_began_after_registration_ended():
    found = with_reference(
        providers=PROVIDERS,
        Episodes=[
            {"CHILD": "A", "URN": "SC1", "DECOM": date(2024, 6, 1)},  # on the day: flagged
            {"CHILD": "B", "URN": "SC1", "DECOM": date(2024, 5, 31)},
            {"CHILD": "C", "URN": "SC2", "DECOM": date(2024, 6, 1)},
            {"CHILD": "D", "URN": "SC9", "DECOM": date(2024, 6, 1)},
        ],
    )
    assert flagged("227", found) == {"Episodes": [2]}


def test_228_placement_continued_after_registration_ended():
    found = with_reference(
        providers=PROVIDERS,
        Episodes=[
            {"CHILD": "A", "URN": "SC1", "DEC": date(2024, 6, 2)},
            {"CHILD": "B", "URN": "SC1", "DEC": date(2024, 6, 1)},
            {"CHILD": "C", "URN": "SC1"},  # open at 31/03/2025, after 01/06/2024
            {"CHILD": "D", "URN": "SC2"},
        ],
    )
    assert flagged("228", found) == {"Episodes": [2, 4]}


@pytest.mark.parametrize(
    ("year", "place", "is_flagged"),
    [
        (2023, "K2", True),
        (2023, "H5", False),
        (2024, "H5", True),
        (2025, "K3", True),
        (2025, "U1", False),
    ],
)
def test_221_placement_postcode_differs_from_ofsteds(year, place, is_flagged):
    found = with_reference(
        year=year,
        providers=PROVIDERS,
        Episodes=[
            {"CHILD": "A", "URN": "SC1", "PLACE": place, "PL_POST": "ZZ9 9ZZ"},
            {"CHILD": "B", "URN": "SC1", "PLACE": place, "PL_POST": "ab12cd"},
            {"CHILD": "C", "URN": "SC1", "PLACE": place, "PL_POST": "ZZ9 9ZZ", "LS": "V3"},
        ],
    )
    assert flagged("221", found) == ({"Episodes": [2]} if is_flagged else {})
