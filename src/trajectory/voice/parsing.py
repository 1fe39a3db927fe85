"""Reading a survey upload (CSV or XLSX) into checked rows, or into every problem with it.

Two layouts, each with one header row (names in any case and order, spaces or underscores):

- results, aggregated per question and wave (Bright Spots, a staff survey):
  `wave, wave_date, question_code, question, council_percent, comparator_percent, respondents`
  (`comparator_percent` may be blank);
- answers, one row per respondent per question of the council's own survey:
  `wave, wave_date, respondent, question_code, question, kind, answer`
  (`kind` is `yes_no` or `free_text`; a yes/no answer is yes, no, or blank for not answered).

All or nothing: every row is checked before anything is kept, and each problem names the file,
the row (as a spreadsheet numbers it, the header being row 1), the field and the value.
An XLSX cell formatted as a percentage is read as Excel shows it (0.81 as 81).
Formula-safe: an XLSX cell holding a formula is refused (its value is whatever the sender's
Excel last computed, and it is not the survey's figure), and so is any CSV value beginning with
"=", which a spreadsheet would run; the text kept is shown and exported as text
(`trajectory.safe_cells` for exports).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

RESULTS = "results"
ANSWERS = "answers"
COLUMNS = {
    RESULTS: (
        "wave",
        "wave_date",
        "question_code",
        "question",
        "council_percent",
        "comparator_percent",
        "respondents",
    ),
    ANSWERS: ("wave", "wave_date", "respondent", "question_code", "question", "kind", "answer"),
}
OPTIONAL = {"comparator_percent", "answer"}
MAX_ROWS = 50_000
MAX_TEXT = {"wave": 100, "question_code": 40, "question": 500, "respondent": 60, "answer": 5000}
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}
KINDS = {"yes_no", "free_text"}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    field: str
    value: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "the file"
        return f"{self.file}, {where}, {self.field or 'header'} {self.value!r}: {self.message}"


@dataclass
class Parsed:
    layout: str
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Formula(str):
    """A cell value that was a formula in the workbook."""


def _header_name(text) -> str:
    return str(text or "").strip().lower().replace(" ", "_").replace("-", "_")


def _table(name: str, content: bytes) -> list[list]:
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = book.worksheets[0]
        out = []
        for count, row in enumerate(sheet.iter_rows()):
            if count > MAX_ROWS + 1:
                break
            values = []
            for cell in row:
                value = cell.value
                if getattr(cell, "data_type", None) == "f" or (
                    isinstance(value, str) and value.startswith("=")
                ):
                    value = _Formula(value)
                elif (
                    isinstance(value, (int, float))
                    and not isinstance(value, bool)
                    and "%" in str(getattr(cell, "number_format", ""))
                ):
                    # A cell formatted as a percentage holds 0.81 and shows 81%.
                    value = f"{(Decimal(str(value)) * 100).normalize():f}"
                values.append(value)
            out.append(values)
        book.close()
        return out
    text = content.decode("utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text))]


def _date(text) -> date:
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    text = str(text).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError("must be a date such as 2021-02-28 or 28/02/2021")


def _percent(text) -> Decimal:
    raw = str(text).strip().rstrip("%").strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError("must be a percentage from 0 to 100, such as 81 or 81.5") from None
    if not value.is_finite() or value < 0 or value > 100:
        raise ValueError("must be a percentage from 0 to 100, such as 81 or 81.5")
    if value != value.quantize(Decimal("0.1")):
        raise ValueError("must have at most one decimal place")
    return value.quantize(Decimal("0.1"))


def _whole(text) -> int:
    raw = str(text).strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError("must be a whole number of people, such as 42") from None
    if not value.is_finite() or value != value.to_integral() or value < 1:
        raise ValueError("must be a whole number of people, 1 or more")
    if value > 1_000_000:
        raise ValueError("is too large")
    return int(value)


def _converted(column: str, value):
    if column == "wave_date":
        return _date(value)
    if column in ("council_percent", "comparator_percent"):
        return _percent(value)
    if column == "respondents":
        return _whole(value)
    if column == "kind":
        kind = str(value).strip().lower()
        if kind not in KINDS:
            raise ValueError("must be yes_no or free_text")
        return kind
    text = str(value).strip()
    if len(text) > MAX_TEXT.get(column, 500):
        raise ValueError(f"is longer than {MAX_TEXT.get(column, 500)} characters")
    return text


def parse(name: str, content: bytes, layout: str) -> Parsed:
    """Every row checked; `problems` empty means every row can be kept."""
    parsed = Parsed(layout=layout)

    def problem(row, column, value, message):
        parsed.problems.append(
            Problem(name, row, column, "" if value is None else str(value), message)
        )

    if not name.lower().endswith((".csv", ".xlsx")):
        problem(None, "", name, "Upload a .csv or .xlsx file")
        return parsed
    try:
        table = _table(name, content)
    except Exception:  # any unreadable workbook or text says the same
        problem(None, "", name, "The file could not be read as a CSV (UTF-8) or an XLSX workbook")
        return parsed
    table = [row for row in table if any(str(v or "").strip() for v in row)]
    if not table:
        problem(None, "", "", "The file is empty: it needs a header row and results")
        return parsed
    header = [_header_name(text) for text in table[0]]
    wanted = COLUMNS[layout]
    missing = [column for column in wanted if column not in header]
    if missing:
        problem(1, "header", ", ".join(header), f"Missing columns: {', '.join(missing)}")
        return parsed
    if len(table) - 1 > MAX_ROWS:
        problem(None, "", str(len(table) - 1), f"More than {MAX_ROWS:,} rows")
        return parsed
    where = {column: header.index(column) for column in wanted}
    waves: dict[str, date] = {}
    seen: dict[tuple, int] = {}
    for number, values in enumerate(table[1:], start=2):
        row: dict = {"row": number}
        for column in wanted:
            index = where[column]
            value = values[index] if index < len(values) else None
            blank = value is None or str(value).strip() == ""
            if isinstance(value, _Formula) or (isinstance(value, str) and value.startswith("=")):
                problem(number, column, value, "is a formula: give the value itself")
                continue
            if blank:
                if column in OPTIONAL:
                    row[column] = None
                else:
                    problem(number, column, "", "is blank")
                continue
            try:
                row[column] = _converted(column, value)
            except ValueError as error:
                problem(number, column, value, str(error))
        if len(row) != len(wanted) + 1:
            continue
        held = waves.setdefault(row["wave"], row["wave_date"])
        if held != row["wave_date"]:
            problem(
                number,
                "wave_date",
                row["wave_date"],
                f"differs from the date given earlier for the wave {row['wave']!r} "
                f"({held.isoformat()})",
            )
            continue
        key = (row["wave"], row["question_code"]) + (
            (row["respondent"],) if layout == ANSWERS else ()
        )
        if key in seen:
            problem(
                number,
                "question_code",
                row["question_code"],
                f"repeats row {seen[key]} for the same wave"
                + (" and respondent" if layout == ANSWERS else ""),
            )
            continue
        seen[key] = number
        if layout == ANSWERS and row["kind"] == "yes_no" and row["answer"] is not None:
            answer = row["answer"].lower()
            if answer not in YES | NO:
                problem(
                    number,
                    "answer",
                    row["answer"],
                    "must be yes or no (or blank) for a yes_no question",
                )
                continue
            row["yes"] = answer in YES
        parsed.rows.append(row)
    return parsed
