"""Building returns by hand for the rules' tests: `table(...)` types rows as the readers type
them (dates as dates, or text as written and read as the reader reads it; codes as written
and upper-cased, `_row` the file's row from 2, the
header being row 1), `ret(...)` makes the Return and `flagged(code, ret)` gives the rows the
rule of that code flags, by table, through the same runner the app uses."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest

from trajectory.dataquality import registry
from trajectory.dataquality.context import ROW, TEXT, Return, empty_table
from trajectory.dataquality.run import RAN, validate


def _read_date(value: str | None) -> date | None:
    if value is None:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


def table(returns: str, name: str, rows: list[dict]) -> pl.DataFrame:
    """The table with `rows` (column -> value; columns left out are blank)."""
    schema = empty_table(returns, name).collect_schema()
    filled = []
    for number, row in enumerate(rows, start=2):
        record = {column: None for column in schema.names()}
        for column, value in row.items():
            if column not in schema:
                raise KeyError(f"{name} has no column {column}")
            record[column] = value
            if schema[column] == pl.Date:
                # A date as written: a date object is written dd/mm/yyyy; text is kept as
                # written and read as the reader reads it (blank when it is not a date).
                if isinstance(value, date):
                    written = value.strftime("%d/%m/%Y")
                else:
                    written, record[column] = value, _read_date(value)
                if TEXT + column in schema:
                    record[TEXT + column] = written
            elif TEXT + column in schema and isinstance(value, str):
                record[TEXT + column] = value
                record[column] = value.upper()
        record[ROW] = row.get(ROW, number)
        filled.append(record)
    return pl.DataFrame(filled, schema=schema)


def ret(returns: str = "ssda903", year: int = 2025, previous: dict | None = None, **tables):
    """A Return of the tables given as {name: rows}; `previous` likewise for last year."""
    current = {name: table(returns, name, rows) for name, rows in tables.items()}
    last = None
    if previous is not None:
        last = {name: table(returns, name, rows) for name, rows in previous.items()}
    return Return.of(returns, year, current, previous=last)


def flagged(code: str, found: Return) -> dict[str, list[int]]:
    """{table: [rows]} flagged by the rule `code` of the return's year; it must have run."""
    rules = [rule for rule in registry.rules_for(found.returns, found.year) if rule.code == code]
    assert rules, f"no rule {code} in {found.returns} {found.year}"
    (result,) = validate(found, rules).results
    assert result.status == RAN, result.reason
    by_table: dict[str, list[int]] = {}
    for row in result.findings.sort(["table", "row"]).iter_rows(named=True):
        by_table.setdefault(row["table"], []).append(row["row"])
    return by_table


def not_run(code: str, found: Return) -> str:
    """Why the rule `code` of the return's year was not run (it must not have run)."""
    rules = [rule for rule in registry.rules_for(found.returns, found.year) if rule.code == code]
    (result,) = validate(found, rules).results
    assert result.status != RAN, f"{code} ran"
    return result.reason


@pytest.fixture
def make():
    return ret
