"""The record-based indicators' figures, read from their apps into the run (see __init__).

`record_figures(council)` asks each app for its months and hands the run one frame; an
indicator's `compute` picks its own rows out of that frame (`RecordFacts`), so the registry
declares these indicators exactly as it declares the returns'.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

import polars as pl

COLUMNS = {
    "indicator_id": pl.String,
    "as_at": pl.Date,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "value": pl.Float64,
}

# Where each record source counts its months: a function of the council returning dicts with
# the indicator's id (as "indicator_id" or "indicator"), as_at, numerator, denominator, value.
SOURCES = {
    "assurance": "trajectory.assurance.selectors:monthly_figures",
    "supervision": "trajectory.supervision.figures:monthly_figures",
}


@dataclass(frozen=True)
class RecordFacts:
    rows: pl.DataFrame  # COLUMNS


def _read(source: str, council) -> list[dict]:
    module, name = SOURCES[source].split(":")
    return getattr(import_module(module), name)(council)


def record_figures(council) -> pl.DataFrame | None:
    """Every record-based figure of the council, one row an indicator and month (the council's
    own, not a team's); None when it keeps no such records."""
    rows = [
        {
            "indicator_id": row.get("indicator_id") or row["indicator"],
            "as_at": row["as_at"],
            "numerator": row["numerator"],
            "denominator": row["denominator"],
            "value": row["value"],
        }
        for source in SOURCES
        for row in _read(source, council)
        if not row.get("dimension")  # a team's figure is its app's page's
    ]
    if not rows:
        return None
    return pl.DataFrame(rows, schema=COLUMNS)


def from_records(indicator_id: str, rule: str):
    """The indicator's `compute`: its own rows of the run's record figures. `rule` is the
    counting rule, shown on the indicator's page (the registry reads compute's docstring)."""

    def compute(facts: RecordFacts) -> pl.LazyFrame:
        return (
            facts.rows.lazy()
            .filter(pl.col("indicator_id") == indicator_id)
            .select("as_at", "numerator", "denominator", "value")
        )

    compute.__doc__ = rule
    compute.__name__ = indicator_id
    return compute


def no_children(facts: RecordFacts) -> pl.LazyFrame:
    """No child list: the audits or supervisions behind a figure are on their app's page."""
    return pl.LazyFrame(schema={"as_at": pl.Date})
