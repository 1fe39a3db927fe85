"""Issue 8.1: the counting rules DfE publishes by, each against tables worked by hand.

Sources: the LAIT data dictionary (measures 112, 113, 333, 372, 393), DfE's files
la_care_leavers_activity.csv, la_care_leavers_accommodation_suitability.csv (age bands
"17 to 18 years" and "19 to 21 years") and la_cla_placement_stability.csv ("Living with the same
carer for at least 2 years"), and DfE's SSDA903 validation rules 380, 383 and 434-436 (what the
RNE codes and temporary placements record).
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from tests.indicators.builders import counted_children, episodes, figure, header, oc3, tables

D = date


@pytest.fixture
def leavers():
    """OC3 for the year 1 April 2024 to 31 March 2025 (the latest episode is 1 May 2024).

    Age on 31 March 2025 is the age reached at the birthday in the year.
    """
    return tables(
        Episodes=episodes(("Z", D(2024, 5, 1), "S", "C2", "U1", None, None)),
        Header=header(
            A=D(2006, 3, 31),  # 19th birthday on 31 March 2025, the year's last day: 19-21
            B=D(2006, 4, 1),  # 19th birthday on 1 April 2025, after the year: 18, 17-18
            C=D(2004, 2, 29),  # 21 (a 29 February birthday): 19-21
            D=D(2003, 4, 1),  # 21st birthday on the year's first day: 19-21
            E=D(2003, 3, 31),  # 22nd birthday in the year: outside the cohort
            F=D(2008, 3, 31),  # 17, but the row is blank (looked after on the birthday): out
            G=D(2007, 6, 1),  # 17: 17-18
            H=D(2005, 1, 1),  # 20, died: out
            I=D(2006, 1, 1),  # 19, home for 6 months or more: out
            J=D(2005, 5, 5),  # 19: 19-21
            K=D(2008, 5, 1),  # 16 (17th birthday on 1 May 2025): out
            M=D(2006, 6, 1),  # 18 by Header (OC3 says 2008): Header's date of birth counts
        ),
        OC3=oc3(
            ("A", "YES", "F1", "B1"),
            ("B", "YES", "F2", "D1"),
            ("C", "NO", "G4", "0"),  # no information on accommodation: stays in
            ("D", "YES", "G5", "G1"),  # gone abroad: out of the accommodation measure only
            ("E", "YES", "F1", "B1"),
            ("F", None, None, None),
            ("G", "REFU", "0", "0"),
            ("H", "DIED", "0", "0"),
            ("I", "RHOM", "0", "0"),
            ("J", "YES", "P4", "R2"),  # residence not known: out of the accommodation measure
            ("K", "YES", "F1", "B1"),
            ("M", "YES", "F1", "B2", D(2008, 6, 1)),
        ),
    )


YEAR_END = D(2025, 3, 31)


def test_care_leavers_19_to_21(leavers):
    # Cohort A, C, D, J (19-21 by Header) — M is 18 by Header, so 17-18.
    # In touch: A, D, J of A, C, D, J.
    assert figure(leavers, "care_leavers_in_touch_pct", YEAR_END) == {
        "numerator": 3,
        "denominator": 4,
        "value": 75.0,
    }
    assert counted_children(leavers, "care_leavers_in_touch_pct", YEAR_END) == ["A", "D", "J"]
    # Education, employment or training: A (F1), J (P4); C G4 and D G5 are not.
    assert figure(leavers, "care_leavers_eet_pct", YEAR_END)["value"] == 50.0
    # Suitable accommodation: D (G1) and J (R2) leave both sides; of A, C only A (B1).
    accommodation = figure(leavers, "care_leavers_suitable_accom_pct", YEAR_END)
    assert (accommodation["numerator"], accommodation["denominator"]) == (1, 2)


def test_care_leavers_17_to_18(leavers):
    # Cohort B (18), G (17), M (18 by Header); F is blank, K is 16.
    assert figure(leavers, "care_leavers_in_touch_17_18_pct", YEAR_END) == {
        "numerator": 2,
        "denominator": 3,
        "value": pytest.approx(200 / 3),
    }
    assert counted_children(leavers, "care_leavers_in_touch_17_18_pct", YEAR_END) == ["B", "M"]
    # EET: B (F2), M (F1); G 0 (no information) stays in the denominator.
    assert figure(leavers, "care_leavers_eet_17_18_pct", YEAR_END)["numerator"] == 2
    # Accommodation: B (D1) suitable, M (B2) unsuitable, G 0 no information.
    accommodation = figure(leavers, "care_leavers_suitable_accom_17_18_pct", YEAR_END)
    assert (accommodation["numerator"], accommodation["denominator"]) == (1, 3)


def with_postcodes(frame: pl.DataFrame, postcodes: list[str | None]) -> pl.DataFrame:
    return frame.with_columns(PL_POST=pl.Series(postcodes, dtype=pl.String))


def test_three_or_more_placements_leave_out_temporary_stays_and_same_carer_moves():
    frames = tables(
        Episodes=with_postcodes(
            episodes(
                # H: hospital (T1) and back to the same placement, then one move — 2 placements
                ("H", D(2023, 1, 1), "S", "C2", "U1", D(2023, 6, 1), "X1"),
                ("H", D(2023, 6, 1), "P", "C2", "T1", D(2023, 6, 10), "X1"),
                ("H", D(2023, 6, 10), "P", "C2", "U1", D(2023, 9, 1), "X1"),
                ("H", D(2023, 9, 1), "P", "C2", "U2", None, None),
                # C: placement changes with the same carer (B, then U into adoption) — 1
                ("C", D(2023, 1, 1), "S", "C2", "U3", D(2023, 5, 1), "X1"),
                ("C", D(2023, 5, 1), "B", "C2", "U4", D(2023, 9, 1), "X1"),
                ("C", D(2023, 9, 1), "U", "E1", "A3", None, None),
                # R: a holiday (T4), then a new placement, then another — 3
                ("R", D(2023, 1, 1), "S", "C2", "U1", D(2023, 5, 1), "X1"),
                ("R", D(2023, 5, 1), "P", "C2", "T4", D(2023, 5, 10), "X1"),
                ("R", D(2023, 5, 10), "P", "C2", "U2", D(2023, 10, 1), "X1"),
                ("R", D(2023, 10, 1), "P", "C2", "U3", None, None),
                # Q: back from hospital to a U1 at another postcode (another home) — 3
                ("Q", D(2023, 1, 1), "S", "C2", "U1", D(2023, 5, 1), "X1"),
                ("Q", D(2023, 5, 1), "P", "C2", "T1", D(2023, 5, 10), "X1"),
                ("Q", D(2023, 5, 10), "P", "C2", "U1", D(2023, 10, 1), "X1"),
                ("Q", D(2023, 10, 1), "P", "C2", "U2", None, None),
                # T: a change of carer and legal status together (T) is a placement — 3
                ("T", D(2023, 1, 1), "S", "V2", "U1", D(2023, 6, 1), "X1"),
                ("T", D(2023, 6, 1), "T", "C2", "U2", D(2023, 10, 1), "X1"),
                ("T", D(2023, 10, 1), "P", "C2", "U3", None, None),
            ),
            ["RH1 1AA", None, "RH1 1AA", "RH2 2BB"]
            + ["BN1 1AA", "BN1 1AA", "BN1 1AA"]
            + ["PO1 1AA", None, "PO2 2BB", "PO3 3CC"]
            + ["GU1 1AA", None, "GU9 9ZZ", "GU2 2BB"]
            + ["TN1 1AA", "TN2 2BB", "TN3 3CC"],
        )
    )
    as_at = D(2024, 3, 31)
    result = figure(frames, "cla_3plus_placements_pct", as_at)
    assert (result["numerator"], result["denominator"]) == (3, 5)
    assert counted_children(frames, "cla_3plus_placements_pct", as_at) == ["Q", "R", "T"]


def test_long_term_stability_is_not_restarted_by_a_stay_in_hospital_or_the_same_carer():
    # At 31 March 2024: in care since 30 September 2021 or earlier, under 16 (all born 2015);
    # stable if in the same placement since 31 March 2022 or earlier.
    frames = tables(
        Episodes=episodes(
            # LH: hospital in January 2023 and back to the same placement: stable
            ("LH", D(2021, 1, 1), "S", "C2", "U1", D(2023, 1, 1), "X1"),
            ("LH", D(2023, 1, 1), "P", "C2", "T1", D(2023, 1, 15), "X1"),
            ("LH", D(2023, 1, 15), "P", "C2", "U1", None, None),
            # LB: a change of placement with the same carer (B): stable
            ("LB", D(2021, 1, 1), "S", "C2", "U4", D(2023, 1, 1), "X1"),
            ("LB", D(2023, 1, 1), "B", "C2", "U1", None, None),
            # LU: placed for adoption with the same foster carers (U): stable
            ("LU", D(2021, 1, 1), "S", "C2", "U1", D(2023, 6, 1), "X1"),
            ("LU", D(2023, 6, 1), "U", "E1", "A3", None, None),
            # LL: a legal status change only (L): stable
            ("LL", D(2021, 1, 1), "S", "V2", "U1", D(2022, 6, 1), "X1"),
            ("LL", D(2022, 6, 1), "L", "C2", "U1", None, None),
            # LM: a move to new carers in January 2023: not stable
            ("LM", D(2021, 1, 1), "S", "C2", "U1", D(2023, 1, 1), "X1"),
            ("LM", D(2023, 1, 1), "P", "C2", "U2", None, None),
            # LT: hospital, then on to a new placement: not stable
            ("LT", D(2021, 1, 1), "S", "C2", "U1", D(2023, 1, 1), "X1"),
            ("LT", D(2023, 1, 1), "P", "C2", "T1", D(2023, 1, 15), "X1"),
            ("LT", D(2023, 1, 15), "P", "C2", "U2", None, None),
        ),
        Header=header(**{child: D(2015, 1, 1) for child in ("LH", "LB", "LU", "LL", "LM", "LT")}),
    )
    as_at = D(2024, 3, 31)
    assert figure(frames, "cla_count", as_at)["value"] == 6
    result = figure(frames, "cla_long_term_stability_pct", as_at)
    assert (result["numerator"], result["denominator"]) == (4, 6)
    assert counted_children(frames, "cla_long_term_stability_pct", as_at) == [
        "LB",
        "LH",
        "LL",
        "LU",
    ]
