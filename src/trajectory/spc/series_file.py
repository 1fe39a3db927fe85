"""A series from a CSV file with the header `date,value` (ISO dates), for `trajectory spc`.

Every refusal names the file, the row (counting the header as row 1, as a spreadsheet does)
and the field, so the row can be found and fixed."""

from __future__ import annotations

import csv
import math
from datetime import date
from pathlib import Path

HEADER = ["date", "value"]


class SeriesFileError(ValueError):
    pass


def read_series(path: Path) -> tuple[list[date], list[float]]:
    """The file's dates and values, in date order. A missing or extra field, a date that is
    not YYYY-MM-DD, a value that is not a finite number, or a date given twice is refused."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as problem:
        raise SeriesFileError(f"{name}: cannot be read as UTF-8 text ({problem}).") from problem
    rows = list(csv.reader(text.splitlines()))
    if not rows or [cell.strip().lower() for cell in rows[0]] != HEADER:
        raise SeriesFileError(f"{name}, row 1: the header must be exactly 'date,value'.")
    seen: dict[date, int] = {}
    points: list[tuple[date, float]] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            raise SeriesFileError(
                f"{name}, row {number}: expected 2 fields (date, value), found {len(row)}."
            )
        raw_date, raw_value = (cell.strip() for cell in row)
        try:
            when = date.fromisoformat(raw_date)
        except ValueError as bad:
            raise SeriesFileError(
                f"{name}, row {number}, field 'date': {raw_date!r} is not a date as YYYY-MM-DD."
            ) from bad
        try:
            value = float(raw_value)
        except ValueError as bad:
            raise SeriesFileError(
                f"{name}, row {number}, field 'value': {raw_value!r} is not a number."
            ) from bad
        if not math.isfinite(value):
            raise SeriesFileError(
                f"{name}, row {number}, field 'value': {raw_value!r} is not a finite number."
            )
        if when in seen:
            raise SeriesFileError(
                f"{name}, row {number}, field 'date': {when.isoformat()} is also on row "
                f"{seen[when]}."
            )
        seen[when] = number
        points.append((when, value))
    if not points:
        raise SeriesFileError(f"{name}: there are no rows under the header.")
    points.sort()
    return [when for when, _ in points], [value for _, value in points]
