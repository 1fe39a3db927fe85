"""Tiny CIN census tables built by hand, in the CIN reader's columns (returns/cin/schema.py)."""

from __future__ import annotations

from datetime import date

import polars as pl

from trajectory.indicators.compute import children_at, compute_cin

YEAR = (date(2024, 4, 1), date(2025, 3, 31))  # the census 2024-25


def details(*rows: tuple) -> pl.DataFrame:
    """(child, episode, referred_on, closed_on, no_further_action)"""
    return pl.DataFrame(
        rows,
        schema={
            "LAchildID": pl.String,
            "CINdetailsID": pl.Int64,
            "CINreferralDate": pl.Date,
            "CINclosureDate": pl.Date,
            "ReferralNFA": pl.Boolean,
        },
        orient="row",
    )


def assessments(*rows: tuple) -> pl.DataFrame:
    """(child, episode, assessment, started_on, authorised_on)"""
    return pl.DataFrame(
        rows,
        schema={
            "LAchildID": pl.String,
            "CINdetailsID": pl.Int64,
            "AssessmentID": pl.Int64,
            "AssessmentActualStartDate": pl.Date,
            "AssessmentAuthorisationDate": pl.Date,
        },
        orient="row",
    )


def section47(*rows: tuple) -> pl.DataFrame:
    """(child, episode, started_on, conference_on)"""
    return pl.DataFrame(
        [(*row, None, False) for row in rows],
        schema={
            "LAchildID": pl.String,
            "CINdetailsID": pl.Int64,
            "S47ActualStartDate": pl.Date,
            "DateOfInitialCPC": pl.Date,
            "InitialCPCtarget": pl.Date,
            "ICPCnotRequired": pl.Boolean,
        },
        orient="row",
    )


def plans(*rows: tuple) -> pl.DataFrame:
    """(child, episode, plan, started_on, ended_on, previous_plans)"""
    return pl.DataFrame(
        rows,
        schema={
            "LAchildID": pl.String,
            "CINdetailsID": pl.Int64,
            "CPPID": pl.Int64,
            "CPPstartDate": pl.Date,
            "CPPendDate": pl.Date,
            "NumberOfPreviousCPP": pl.Int64,
        },
        orient="row",
    )


def reviews(*rows: tuple) -> pl.DataFrame:
    """(child, episode, plan, reviewed_on)"""
    return pl.DataFrame(
        rows,
        schema={
            "LAchildID": pl.String,
            "CINdetailsID": pl.Int64,
            "CPPID": pl.Int64,
            "CPPreviewDate": pl.Date,
        },
        orient="row",
    )


def tables(**frames: pl.DataFrame) -> dict[str, pl.LazyFrame]:
    return {name: frame.lazy() for name, frame in frames.items()}


def figure(frames, indicator_id: str, as_at: date, population=None, coverage=YEAR) -> dict:
    """One indicator's figure at one date: {numerator, denominator, value}."""
    out = compute_cin(frames, [as_at], population, only=[indicator_id], coverage=coverage)
    row = out.row(0, named=True)
    return {key: row[key] for key in ("numerator", "denominator", "value")}


def listed(frames, indicator_id: str, as_at: date) -> list[tuple]:
    """The child list behind a figure: (child, counted) per row."""
    rows = children_at(frames, indicator_id, as_at)
    counted = rows["counted"] if "counted" in rows.columns else [True] * rows.height
    return sorted(zip(rows["child_id"], counted, strict=True))
