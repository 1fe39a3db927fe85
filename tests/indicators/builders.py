"""Tiny SSDA903 tables for hand-worked indicator tests: DfE names, dates as dates."""

from __future__ import annotations

from datetime import date

import polars as pl

from trajectory.indicators.compute import children_at, compute_all

EPISODE_COLUMNS = ("CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC")


def episodes(*rows: tuple) -> pl.DataFrame:
    """Rows of (CHILD, DECOM, RNE, LS, PLACE, DEC, REC); DEC and REC may be None."""
    return pl.DataFrame(
        [dict(zip(EPISODE_COLUMNS, row, strict=True)) for row in rows],
        schema={
            "CHILD": pl.String,
            "DECOM": pl.Date,
            "RNE": pl.String,
            "LS": pl.String,
            "PLACE": pl.String,
            "DEC": pl.Date,
            "REC": pl.String,
        },
    )


def header(**dates_of_birth: date) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "CHILD": list(dates_of_birth),
            "SEX": ["1"] * len(dates_of_birth),
            "DOB": list(dates_of_birth.values()),
        },
        schema={"CHILD": pl.String, "SEX": pl.String, "DOB": pl.Date},
    )


def reviews(*rows: tuple[str, date]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "CHILD": [r[0] for r in rows],
            "REVIEW": [r[1] for r in rows],
            "REVIEW_CODE": ["PN1"] * len(rows),
        },
        schema={"CHILD": pl.String, "REVIEW": pl.Date, "REVIEW_CODE": pl.String},
    )


def missing(*rows: tuple[str, str, date]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "CHILD": [r[0] for r in rows],
            "MISSING": [r[1] for r in rows],
            "MIS_START": [r[2] for r in rows],
            "MIS_END": [r[2] for r in rows],
        },
        schema={"CHILD": pl.String, "MISSING": pl.String, "MIS_START": pl.Date, "MIS_END": pl.Date},
    )


def oc3(*rows: tuple) -> pl.DataFrame:
    """Rows of (CHILD, IN_TOUCH, ACTIV, ACCOM) or (CHILD, IN_TOUCH, ACTIV, ACCOM, DOB); DOB is
    1 January 2005 when not given (19 in the year to March 2024, 20 in the year after)."""
    return pl.DataFrame(
        {
            "CHILD": [r[0] for r in rows],
            "DOB": [r[4] if len(r) > 4 else date(2005, 1, 1) for r in rows],
            "IN_TOUCH": [r[1] for r in rows],
            "ACTIV": [r[2] for r in rows],
            "ACCOM": [r[3] for r in rows],
        },
        schema={
            "CHILD": pl.String,
            "DOB": pl.Date,
            "IN_TOUCH": pl.String,
            "ACTIV": pl.String,
            "ACCOM": pl.String,
        },
    )


def tables(**frames: pl.DataFrame) -> dict[str, pl.LazyFrame]:
    return {name: frame.lazy() for name, frame in frames.items()}


def figure(
    frames: dict[str, pl.LazyFrame], indicator_id: str, as_at: date, population: int | None = None
) -> dict:
    """{numerator, denominator, value} of one indicator at one date."""
    out = compute_all(frames, [as_at], population).filter(pl.col("indicator_id") == indicator_id)
    return out.select("numerator", "denominator", "value").row(0, named=True)


def counted_children(frames: dict[str, pl.LazyFrame], indicator_id: str, as_at: date) -> list:
    rows = children_at(frames, indicator_id, as_at)
    return sorted(rows.filter(pl.col("counted"))["child_id"].to_list())
