"""What can be wrong with an uploaded return, in a form people and programs can both read.

Every reader and check reports through a `ProblemLog`, so each problem carries the same
facts whatever found it: the file, the row as a spreadsheet shows it (the header is row 1; for
XML files, the line of the element), the column, the value and a plain-English message. Errors
refuse the whole upload; warnings are kept and reported.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import asdict, dataclass

from trajectory.safe_cells import SafeDictWriter

ERROR = "error"
WARNING = "warning"

# Beyond this many problems a log only counts: a 100 MB file of bad dates would otherwise hold
# millions of objects. The counts stay exact; the downloadable list says it was cut short.
KEEP_AT_MOST = 100_000


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    row: int | None
    column: str
    value: str
    message: str
    severity: str  # ERROR or WARNING
    code: str  # a DfE rule code ("356") or our own structural code ("bad_date")

    def as_dict(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        """`file:row: column: message`, the way compilers report, for the command line."""
        where = f"{self.file}:{self.row}" if self.row is not None else self.file
        column = f" {self.column}:" if self.column else ""
        found = f' (found "{self.value}")' if self.value and self.row is not None else ""
        return f"{where}:{column} {self.message}{found}"


class ProblemLog:
    """Problems in the order found, with exact counts even when the list is cut short."""

    def __init__(self, keep_at_most: int = KEEP_AT_MOST):
        self.kept: list[Problem] = []
        self.counts: Counter[str] = Counter()
        self.keep_at_most = keep_at_most

    def add(
        self,
        *,
        file: str,
        message: str,
        code: str,
        severity: str = ERROR,
        row: int | None = None,
        column: str = "",
        value: object = "",
    ) -> None:
        self.counts[severity] += 1
        if len(self.kept) < self.keep_at_most:
            text = "" if value is None else str(value)
            self.kept.append(Problem(file, row, column, text, message, severity, code))

    def count_only(self, severity: str, n: int) -> None:
        """Record `n` more problems that were found but not itemised."""
        self.counts[severity] += n

    @property
    def room(self) -> int:
        return max(self.keep_at_most - len(self.kept), 0)

    @property
    def has_errors(self) -> bool:
        return self.counts[ERROR] > 0

    @property
    def truncated(self) -> bool:
        return sum(self.counts.values()) > len(self.kept)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.kept if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.kept if p.severity == WARNING]


# Most messages are worded from the schema (column and table names) and quote nothing from the
# file. These quote the file's own text: its first row (a file without a header starts with a
# child's row) or the parser's reason (which can hold a value). Roles without child-level data
# read this wording instead (issue 6.5).
WORDING_WITHOUT_FILE_TEXT = {
    "unknown_table": "{file} is not a table of this return: its columns match none of them",
    "unreadable": "{file} could not be read",
}


def described_without_values(problem: dict) -> str:
    """What is wrong, in words that quote no value from the file: for roles that may not see
    child-level data, who still need to know why an upload was refused."""
    wording = WORDING_WITHOUT_FILE_TEXT.get(problem.get("code", ""))
    if wording is not None:
        return wording.format(file=problem.get("file", "") or "A file")
    return problem.get("message", "")


CSV_FIELDS = ("severity", "file", "row", "column", "value", "message", "code")


def problems_csv(problems: list[Problem] | list[dict], *, note: str = "") -> str:
    """Every problem as a CSV a person can open, sort and work through, errors first.

    Values are quoted from the uploaded files, so each cell goes through `safe_cells`: an
    uploaded `=1+1` is written `'=1+1`, never run (issue 6.10)."""
    rows = [p.as_dict() if isinstance(p, Problem) else dict(p) for p in problems]
    rows.sort(key=lambda p: 0 if p.get("severity") == ERROR else 1)
    out = io.StringIO()
    # CRLF, as RFC 4180 has it: Python's writer then also quotes a value holding a lone CR,
    # which with LF endings it would leave bare, splitting the row.
    writer = SafeDictWriter(
        out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    if note:
        writer.writerow({"severity": "note", "message": note})
    return out.getvalue()
