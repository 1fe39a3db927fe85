"""Tiny Annex A lists built by hand, in Ofsted's template columns (returns/annex_a/schema.py).

Only the columns a test needs are given; the indicators read a list's other columns as blank.
"""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

from trajectory.indicators.compute import children_at, compute_annex_a
from trajectory.returns.annex_a.xlsx_writer import xlsx_bytes

CHILD = "Child Unique ID"
FIRST = date(2025, 4, 1)  # the lists begin on 1 April 2025
LAST = date(2025, 9, 30)  # and end on 30 September 2025, the day they were run


def annex_list(columns: dict[str, pl.DataType], *rows: tuple) -> pl.LazyFrame:
    return pl.DataFrame(rows, schema={CHILD: pl.String, **columns}, orient="row").lazy()


def contacts(*rows: tuple) -> pl.LazyFrame:
    """(child, contacted_on)"""
    return annex_list({"Date of Contact": pl.Date}, *rows)


def referrals(*rows: tuple) -> pl.LazyFrame:
    """(child, referred_on, referrals in the last 12 months)"""
    return annex_list(
        {"Date of referral": pl.Date, "Number of Referrals in Last 12 Months": pl.Int64}, *rows
    )


def assessments(*rows: tuple) -> pl.LazyFrame:
    """(child, started_on, authorised_on)"""
    return annex_list(
        {
            "Continuous Assessment Start Date": pl.Date,
            "Continuous Assessment Date of Authorisation": pl.Date,
        },
        *rows,
    )


def enquiries(*rows: tuple) -> pl.LazyFrame:
    """(child, strategy discussion on, conference on)"""
    return annex_list(
        {
            "Strategy discussion initiating Section 47 Enquiry Start Date": pl.Date,
            "Date of Initial Child Protection Conference": pl.Date,
        },
        *rows,
    )


def plans(*rows: tuple) -> pl.LazyFrame:
    """(child, started_on, ended_on)"""
    return annex_list(
        {"Child Protection Plan Start Date": pl.Date, "Child Protection Plan End Date": pl.Date},
        *rows,
    )


def care_leavers(*rows: tuple) -> pl.LazyFrame:
    """(child, born_on, age in years as the list gives it, LA in Touch)"""
    return annex_list(
        {"Date of Birth": pl.Date, "Age of Child (Years)": pl.Int64, "LA in Touch": pl.String},
        *rows,
    )


def figure(lists: dict, indicator_id: str, as_at: date, first=FIRST, last=LAST) -> dict:
    """One indicator's figure at one as-at date of lists covering `first` to `last`."""
    out = compute_annex_a(lists, first, last).filter(
        (pl.col("indicator_id") == indicator_id) & (pl.col("as_at") == as_at)
    )
    return out.select("numerator", "denominator", "value").row(0, named=True)


def listed(lists: dict, indicator_id: str, as_at: date) -> list[tuple]:
    """The child list behind a figure: (child, counted) per row."""
    rows = children_at(lists, indicator_id, as_at)
    return sorted(zip(rows["child_id"], rows["counted"], strict=True))


D = date


def inspection_workbook() -> bytes:
    """A workbook of lists 1, 3, 4 and 9 from 1 April to 30 September 2025, with a notes
    sheet, whose Annex A figures at 30 September are worked by hand in test_run.py."""
    sheets = [
        ("Notes", [["Prepared for the inspection"]]),
        (
            "List 1",
            [
                ["Child Unique ID", "Date of Contact"],
                ["A", D(2025, 4, 1)],  # the lists' first day
                ["B", D(2025, 9, 1)],
            ],
        ),
        (
            "List 3",
            [
                ["Child Unique ID", "Date of referral", "Number of Referrals in Last 12 Months"],
                ["B", D(2025, 9, 2), 1],  # B's contact led to it, 1 working day later
            ],
        ),
        (
            "List 4",
            [
                [
                    "Child Unique ID",
                    "Continuous Assessment Start Date",
                    "Continuous Assessment Date of Authorisation",
                ],
                ["A", D(2025, 6, 2), D(2025, 8, 4)],  # the 45th working day: on time
                ["B", D(2025, 6, 2), D(2025, 8, 5)],  # the 46th: late
                ["C", D(2025, 7, 18), D(2025, 9, 22)],  # on time over the bank holiday
                ["D", D(2025, 7, 1), D(2025, 9, 30)],  # due 3 September: late; the last day
            ],
        ),
        (
            "List 9",
            [
                ["Child Unique ID", "Date of Birth", "LA in Touch"],
                ["L1", D(2005, 1, 1), "YES"],  # 20 on 30 September 2025
                ["L2", D(2005, 1, 1), "NO"],
                ["L3", D(2007, 1, 1), "YES"],  # 18
            ],
        ),
    ]
    return xlsx_bytes(sheets, when=datetime(2025, 10, 1))
