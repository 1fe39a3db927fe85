"""SSDA903 rules 100-199: the Header and the episodes' basic codes."""

from __future__ import annotations

import polars as pl

from trajectory.dataquality.ssda903 import CATALOGUE
from trajectory.dataquality.ssda903.common import Return, blank, text

rule = CATALOGUE.rule


@rule(
    "101",
    years="2022-23..2023-24",
    tables="Header",
    fields="SEX",
    kind="code-list",
    message="SEX must be 1 (male) or 2 (female).",
)
def sex_numeric(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter(
        blank("SEX") | ~text("SEX").str.strip_chars().is_in(["1", "2"])
    )


@rule(
    "101",
    years="2024-25..2026-27",
    tables="Header",
    fields="SEX",
    kind="code-list",
    message="SEX must be M (male), F (female) or U (not known); 1 and 2 are no longer used.",
)
def sex_letters(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter(
        blank("SEX") | ~pl.col("SEX").str.strip_chars().is_in(["M", "F", "U"])
    )


@rule(
    "102",
    tables="Header",
    fields="DOB",
    kind="required",
    message="DOB (date of birth) must be a date, written dd/mm/yyyy.",
)
def dob_missing(ret: Return) -> pl.LazyFrame:
    return ret.table("Header").filter(blank("DOB"))
