"""The span a return covers: from the first ending of a period of care, not the oldest start."""

import datetime as dt

import polars as pl

from trajectory.returns.ssda903.coverage import coverage


def episodes(rows):
    frame = pl.DataFrame(
        rows,
        schema={
            "CHILD": pl.String,
            "DECOM": pl.Date,
            "LS": pl.String,
            "DEC": pl.Date,
            "REC": pl.String,
        },
        orient="row",
    )
    return {"Episodes": frame.lazy()}


def test_span_starts_at_the_first_ending_of_care_not_at_the_oldest_start():
    tables = episodes(
        [
            ("1", dt.date(2015, 5, 1), "C2", dt.date(2016, 1, 1), "X1"),  # a move, not an ending
            ("1", dt.date(2016, 1, 1), "C2", None, None),
            ("2", dt.date(2020, 6, 1), "V3", dt.date(2020, 6, 3), "E4A"),  # a short break
            ("3", dt.date(2022, 2, 1), "V2", dt.date(2022, 4, 9), "E4A"),
            ("4", dt.date(2023, 1, 1), "C2", dt.date(2024, 12, 20), "E12"),
        ]
    )
    assert coverage(tables) == (dt.date(2022, 4, 1), dt.date(2025, 3, 31))


def test_without_any_ending_the_span_starts_at_the_oldest_start():
    tables = episodes([("1", dt.date(2021, 3, 1), "C2", None, None)])
    assert coverage(tables) == (dt.date(2020, 4, 1), dt.date(2021, 3, 31))


def test_no_episodes_table_means_no_span():
    assert coverage({}) == (None, None)


def test_collection_years_run_from_1_april_to_31_march():
    from trajectory.returns.ssda903.coverage import collection_year_end, collection_year_start

    assert collection_year_start(dt.date(2024, 3, 31)) == dt.date(2023, 4, 1)
    assert collection_year_start(dt.date(2024, 4, 1)) == dt.date(2024, 4, 1)
    assert collection_year_end(dt.date(2024, 3, 31)) == dt.date(2024, 3, 31)
    assert collection_year_end(dt.date(2024, 4, 1)) == dt.date(2025, 3, 31)
