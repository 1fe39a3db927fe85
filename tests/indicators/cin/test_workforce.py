"""The workforce census's indicators, worked by hand; DfE's own national figures reproduced."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from trajectory.indicators.compute import compute_snapshots, compute_workforce

CENSUS = date(2024, 9, 30)


def _census(vacancies: float | None = 2.0) -> dict[str, pl.LazyFrame]:
    workers = pl.DataFrame(
        [
            # SWENo, AgencyWorker, FTE, FTE30, Cases30, RoleEndDate, WorkingDaysLost
            ("SW1", "0", 1.0, 1.0, 20, None, 10.0),
            ("SW2", "0", 0.5, 0.5, 10, None, 0.0),
            ("SW3", "0", 1.0, 1.0, 0, None, 5.0),  # a manager: no cases
            ("SW4", "1", 1.0, 1.0, 15, None, 99.0),  # agency: cases count, absence not
            ("SW5", "0", 0.8, None, None, date(2024, 3, 1), 12.3),  # left in the year
            ("SW6", "0", 1.0, None, None, date(2023, 9, 30), 0.0),  # left the year before
        ],
        schema={
            "SWENo": pl.String,
            "AgencyWorker": pl.String,
            "FTE": pl.Float64,
            "FTE30": pl.Float64,
            "Cases30": pl.Int64,
            "RoleEndDate": pl.Date,
            "WorkingDaysLost": pl.Float64,
        },
        orient="row",
    )
    tables = {"CSWWWorker": workers.lazy()}
    if vacancies is not None:
        tables["LALevelVacancies"] = pl.LazyFrame({"NumberOfVacancies": [vacancies]})
    return tables


def _figures(tables) -> dict[str, tuple]:
    out = compute_workforce(tables, CENSUS)
    assert set(out["as_at"]) == {CENSUS}
    return {
        row["indicator_id"]: (row["numerator"], row["denominator"], row["value"])
        for row in out.iter_rows(named=True)
    }


def test_workforce_census_rates_as_dfe_works_them():
    figures = _figures(_census())
    # In post on 30 September (not agency, FTE30 above 0): SW1 1.0 + SW2 0.5 + SW3 1.0 = 2.5
    # Caseload: cases 20 + 10 + 15 (agency included) over case holders' FTE 1.0 + 0.5 + 1.0
    assert figures["workforce_caseload_per_fte"] == (45, 2.5, 18.0)
    # Vacancies 2 of 2 + 2.5 = 4.5
    assert figures["workforce_vacancy_pct"] == (2, 4.5, pytest.approx(200 / 4.5))
    # Agency 1.0 of 1.0 + 2.5
    assert figures["workforce_agency_pct"] == (1, 3.5, pytest.approx(100 / 3.5))
    # Leavers in 1 October 2023 - 30 September 2024: SW5's 0.8 FTE, of 2.5 in post
    assert figures["workforce_turnover_pct"] == (0.8, 2.5, pytest.approx(32.0))
    # Days lost by non-agency workers 10 + 0 + 5 + 12.3 + 0 = 27.3 of 2.5 x 253 = 632.5
    assert figures["workforce_absence_pct"] == (
        pytest.approx(27.3),
        632.5,
        pytest.approx(27.3 / 632.5 * 100),
    )


def test_no_vacancy_file_no_vacancy_rate():
    assert _figures(_census(vacancies=None))["workforce_vacancy_pct"] == (None, None, None)


def test_the_rules_reproduce_dfes_national_figures():
    """csww_indicators_2017_to_2025.csv, England 2025: inpost_fte 36,186.3, agency_fte
    5,415.9 (13.0%), vacancy_fte 5,965.4 (14.2%), leavers_fte 4,276.3 (11.8%), working days
    lost 322,786.3 (3.5%): the rates as our rules work them from DfE's totals."""
    inpost, agency, vacancy, leavers, lost = 36186.3, 5415.9, 5965.4, 4276.3, 322786.3
    assert round(agency / (agency + inpost) * 100, 1) == 13.0
    assert round(vacancy / (vacancy + inpost) * 100, 1) == 14.2
    assert round(leavers / inpost * 100, 1) == 11.8
    assert round(lost / (inpost * 253) * 100, 1) == 3.5


def test_supervision_from_the_monthly_figures():
    months = pl.DataFrame(
        {
            "as_at": [date(2024, 4, 30), date(2024, 5, 31)],
            "supervision_held": [44, None],
            "supervision_due": [50, None],
        }
    )
    out = compute_snapshots(months)
    assert out.rows() == [
        ("workforce_supervision_pct", date(2024, 4, 30), 44.0, 50.0, 88.0),
        ("workforce_supervision_pct", date(2024, 5, 31), None, None, None),
    ]
