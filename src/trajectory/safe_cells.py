"""Cells a spreadsheet will not run as formulas, for every CSV and XLSX the app writes (issue 6.10).

Text from people and uploaded files (plan titles, user names, an uploaded value) is written to
files that councils open in Excel. Excel, LibreOffice and Google Sheets treat a cell beginning
with `=`, `+`, `-` or `@` as a formula, and a leading tab or carriage return can hide one from a
check of the first character only, so `=HYPERLINK("http://x","y")` in a plan title would become
a live link. Following OWASP's CSV injection guidance, such text gets a single quote in front,
which spreadsheets show as text. Only text is changed: a number (a negative one included), a
date or a blank is a value, not a formula, and is written as it is.

The rejected-rows CSV download is the one file that does not come through here: it gives back
the uploaded bytes unchanged, to correct and upload again, and its link says so. The Annex A
workbook of flagged rows (returns/annex_a/rejected.py) keeps the uploaded text unchanged too,
so it can be uploaded again, but every cell `runs_as_formula` picks out is written as a text
cell with the spreadsheet's own quote prefix (returns/annex_a/xlsx_writer.py): Excel shows it
as text and keeps it text when the cell is edited, without the value gaining a quote.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def runs_as_formula(value: Any) -> bool:
    """Whether a spreadsheet would take the value as a formula: text beginning with one of
    FORMULA_START (a number, a date or a blank never)."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def safe_cell(value: Any) -> Any:
    """The value to write in a cell: text that a spreadsheet would run gets a leading quote."""
    if runs_as_formula(value):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


class SafeCsvWriter:
    """`csv.writer` whose every cell goes through `safe_cell`."""

    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, values: Iterable[Any]):
        return self._writer.writerow(safe_row(values))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)


class SafeDictWriter(csv.DictWriter):
    """`csv.DictWriter` whose every cell goes through `safe_cell`."""

    def writerow(self, rowdict: Mapping[str, Any]):
        return super().writerow({key: safe_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for rowdict in rowdicts:
            self.writerow(rowdict)


def append_safe(sheet, values: Iterable[Any]) -> None:
    """Add a row to an openpyxl worksheet, each cell through `safe_cell`."""
    sheet.append(safe_row(values))
