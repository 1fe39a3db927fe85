"""The rows as uploaded with a column of their findings, as CSV (one table, the file to fix
and upload again) and as an XLSX workbook (a sheet a table). Every cell goes through
safe_cells, so an uploaded value a spreadsheet would run as a formula is written as text
(issue 6.10)."""

from __future__ import annotations

import io

from openpyxl import Workbook

from trajectory.safe_cells import SafeCsvWriter, append_safe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rows_csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    SafeCsvWriter(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def rows_xlsx(tables: dict[str, list[list]]) -> bytes:
    book = Workbook(write_only=True)  # streamed: a large council's year in a few seconds
    for name, rows in tables.items():
        sheet = book.create_sheet(title=name[:31])
        for values in rows:
            append_safe(sheet, values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
