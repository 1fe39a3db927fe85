"""An Annex A upload's flagged rows, given back as a workbook to fix and upload again.

This is rejected_rows.py's promise for CSV, kept for xlsx (STYLE.md "Uploads with
provenance": rows that fail come back as a downloadable file in the same format, fixable and
re-uploadable). The workbook has one sheet for each sheet of the upload that has problems on
its rows, with the same name. Each such sheet holds:

- the sheet's header row;
- each flagged row as uploaded: the cells' values as the sheet holds them (text as text,
  numbers as numbers, a date as its serial number shown as a date), never re-typed from what
  was read;
- one more column, `TRAJECTORY_PROBLEMS`, naming the column, severity and message of each of
  the row's problems.

Rows with an error come first, then rows with only warnings, each group in sheet order.
Reading the workbook again gives the same rows and the same problems (a test holds it). The
extra column is only reported as not read, so it can be kept or deleted.

Problems about a sheet or the workbook as a whole have no row to give back. They are in the
problems CSV only. A value that is a formula's text goes back as it came, so that the fixed
rows read as they did, but formula-safe: `safe_cells.runs_as_formula` picks it out and the
writer marks its cell as text (Excel's quote prefix), so a spreadsheet shows it and never runs
it; the problems column, the app's own text, goes through `safe_cells.safe_cell`.

The upload pipeline keeps the workbook when an Annex A upload is read (returns/services.py
`_flagged_rows`, beside the problems CSV); the upload page links to it and `trajectory import
annexa` prints where to download it.
"""

from __future__ import annotations

from datetime import datetime

from trajectory.returns.annex_a import workbook as xlsx
from trajectory.returns.annex_a.schema import DATE, LISTS_BY_NAME
from trajectory.returns.annex_a.sheet_xml import column_index
from trajectory.returns.annex_a.xlsx_writer import DateSerial, xlsx_bytes
from trajectory.returns.problems import ERROR
from trajectory.safe_cells import safe_cell

PROBLEMS_COLUMN = "TRAJECTORY_PROBLEMS"
WRITTEN = datetime(2000, 1, 1)  # the workbook's properties: the same rows, the same bytes


def flagged_workbook(name: str, data: bytes, problems, recognition) -> bytes | None:
    """The flagged rows of the upload's file `name` (its bytes `data`), from the upload's
    `problems` and recognition report (objects or their dicts); None when no row is flagged
    or the file cannot be opened again."""
    found = flagged(name, data, problems, recognition)
    return None if found is None else found[0]


def flagged(name: str, data: bytes, problems, recognition) -> tuple[bytes, dict] | None:
    """`flagged_workbook`'s workbook with how many rows it holds: ({"rows", "error_rows"}),
    as `rejected_rows.counts` gives them for a CSV file, for the upload page."""
    by_sheet: dict[str, dict[int, list[dict]]] = {}
    for problem in map(_as_dict, problems):
        sheet, _, field = str(problem.get("column", "")).partition(": ")
        if problem.get("file") == name and problem.get("row") is not None and field:
            by_sheet.setdefault(sheet, {}).setdefault(int(problem["row"]), []).append(problem)
    found = {
        report["sheet"]: report
        for report in map(_as_dict, recognition)
        if report.get("file") == name and report.get("sheet") in by_sheet
    }
    if not found:
        return None
    try:
        book = xlsx.open_workbook(name, data)
    except xlsx.Unreadable:
        return None
    sheets = []
    counts = {"rows": 0, "error_rows": 0}
    try:
        for sheet in book.sheets:
            report = found.get(sheet.title)
            if report is None or not report.get("header_row"):
                continue
            rows, with_errors = _rows(sheet, report, by_sheet[sheet.title])
            sheets.append((sheet.title, rows))
            counts["rows"] += len(rows) - 1
            counts["error_rows"] += with_errors
    except xlsx.DAMAGED:
        return None
    finally:
        book.close()
    return (xlsx_bytes(sheets, when=WRITTEN), counts) if sheets else None


def _rows(
    sheet: xlsx.Sheet, report: dict, flagged: dict[int, list[dict]]
) -> tuple[list[list], int]:
    """The sheet's header and flagged rows with the problems column, and how many of the
    rows have an error."""
    header_row = int(report["header_row"])
    dates = _date_columns(report)
    header: list = []
    kept: dict[int, list] = {}
    for number, values in sheet.rows():
        if number == header_row:
            header = list(values)
        elif number in flagged:
            kept[number] = [
                DateSerial(v) if i in dates and isinstance(v, int | float) else v
                for i, v in enumerate(values)
            ]
        if number >= max(flagged) and header:
            break
    width = max([len(header), *(len(v) for v in kept.values())])
    rows = [_padded(header, width) + [PROBLEMS_COLUMN]]
    order = sorted(kept, key=lambda n: (not _has_error(flagged[n]), n))
    for number in order:
        rows.append(_padded(kept[number], width) + [safe_cell(_described(flagged[number]))])
    return rows, sum(1 for number in order if _has_error(flagged[number]))


def _date_columns(report: dict) -> set[int]:
    """The positions (A is 0) of the columns read as dates."""
    annex_list = LISTS_BY_NAME.get(report.get("list_name", ""))
    found = set()
    for column in map(_as_dict, report.get("columns", [])):
        field = column.get("field")
        if annex_list is not None and field and annex_list.field(field).kind == DATE:
            found.add(column_index(column["letter"]))
    return found


def _padded(values: list, width: int) -> list:
    return list(values) + [None] * (width - len(values))


def _has_error(problems: list[dict]) -> bool:
    return any(p.get("severity") == ERROR for p in problems)


def _described(problems: list[dict]) -> str:
    return "; ".join(
        f"{p['column'].partition(': ')[2]} ({p.get('severity', '')}): {p.get('message', '')}"
        for p in problems
    )


def _as_dict(item) -> dict:
    if isinstance(item, dict):
        return item
    return item.as_dict() if hasattr(item, "as_dict") else dict(vars(item))
