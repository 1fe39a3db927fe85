"""The rows of an uploaded CSV file that have problems, given back as the council sent them.

STYLE.md "Uploads with provenance": rows that fail come back as a downloadable file in the same
format, fixable and re-uploadable. So the download is the file's own header line and, for each
flagged row, exactly the bytes that were uploaded (quotes, spaces, byte-order mark and line
ending included, never re-typed from what was read), with one more column,
`TRAJECTORY_PROBLEMS`, naming the column, severity and message of each problem. Deleting that
column gives rows the reader takes as it took them the first time. So, unlike every other CSV
the app writes, its cells do not go through `safe_cells` (a value may be a formula); the upload
page says so beside the link (issue 6.10).

Rows are records as the CSV reader numbers them (the header is row 1; a blank line is a row;
a quoted value may span lines). Rows with an error come first, then rows with only warnings,
each group in file order. Every line keeps its own ending (CRLF, LF or CR as uploaded); a last line
that had none gets the header's, so moving it up does not join it to the next.

Only what the download needs is kept, at preview time: the header and the flagged rows with
their problems (`flagged`), never the whole file. Problems about the file as a whole (a
missing column, a wrong delimiter) have no row to give back and are in the problems CSV only.
"""

from __future__ import annotations

import json
import re

from trajectory.returns.problems import ERROR, Problem

PROBLEMS_COLUMN = "TRAJECTORY_PROBLEMS"
_BYTES = "surrogateescape"  # keeps bytes that are not UTF-8 exactly as they were
_LINE_BREAK = re.compile(rb"(\r\n|\r|\n)")


def records(data: bytes) -> list[bytes]:
    """The file split into CSV records, each with its own line ending.

    A record ends at a line break outside quotes: CRLF, LF or a lone CR (Excel for Mac's
    "CSV (Macintosh)"), as the reader reads them; a quoted value may hold line breaks. A final
    line break does not start another record (as the reader counts them).
    """
    parts = _LINE_BREAK.split(data)  # text, break, text, break, ..., text
    ends = [parts[i] + parts[i + 1] for i in range(0, len(parts) - 1, 2)]
    ends += [parts[-1]] if parts[-1] else []
    if b'"' not in data:
        return ends
    joined: list[bytes] = []
    pending = b""
    for line in ends:
        pending += line
        if pending.count(b'"') % 2 == 0:
            joined.append(pending)
            pending = b""
    if pending:
        joined.append(pending)
    return joined


def flagged(data: bytes, problems: list[Problem]) -> dict | None:
    """The header and every row with a problem, with its problems; None when no row has one."""
    by_row: dict[int, list[dict]] = {}
    for problem in problems:
        if problem.row is not None and problem.row >= 2:
            by_row.setdefault(problem.row, []).append(
                {
                    "severity": problem.severity,
                    "column": problem.column,
                    "message": problem.message,
                }
            )
    if not by_row:
        return None
    lines = records(data)
    return {
        "header": lines[0].decode("utf-8", _BYTES) if lines else "",
        "rows": [
            {"row": row, "text": lines[row - 1].decode("utf-8", _BYTES), "problems": found}
            for row, found in sorted(by_row.items())
            if row - 1 < len(lines)
        ],
    }


def dumps(kept: dict) -> str:
    return json.dumps(kept)


def loads(text: str) -> dict:
    return json.loads(text)


def counts(kept: dict) -> dict[str, int]:
    """How many rows the download holds: all of them, and those with an error."""
    rows = kept["rows"]
    return {
        "rows": len(rows),
        "error_rows": sum(1 for r in rows if any(p["severity"] == ERROR for p in r["problems"])),
    }


def selected(kept: dict, *, severity: str | None = None) -> list[tuple[dict, list[dict]]]:
    """The rows the download holds, in its order, each with the problems it names.

    Rows with an error first, then the rest, each in file order; within a row, errors first.
    `severity="error"` keeps only rows with an error and names only their errors.
    """
    chosen = []
    for entry in kept["rows"]:
        found = [p for p in entry["problems"] if severity is None or p["severity"] == severity]
        if not found:
            continue
        found.sort(key=lambda p: 0 if p["severity"] == ERROR else 1)
        chosen.append((0 if found[0]["severity"] == ERROR else 1, entry["row"], entry, found))
    return [(entry, found) for _, _, entry, found in sorted(chosen, key=lambda r: r[:2])]


def rejected_csv(kept: dict, *, severity: str | None = None) -> bytes:
    """The download: the header and the `selected` rows as uploaded, with a problems column."""
    header, ending = _split_ending(kept["header"])
    ending = ending or "\n"
    out = [f"{header},{PROBLEMS_COLUMN}{ending}"]
    for entry, found in selected(kept, severity=severity):
        text, own_ending = _split_ending(entry["text"])
        out.append(f"{text},{_quoted(_described(found))}{own_ending or ending}")
    return "".join(out).encode("utf-8", _BYTES)


def _described(problems: list[dict]) -> str:
    return "; ".join(f"{p['column'] or 'row'} ({p['severity']}): {p['message']}" for p in problems)


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _split_ending(line: str) -> tuple[str, str]:
    for ending in ("\r\n", "\n", "\r"):
        if line.endswith(ending):
            return line[: -len(ending)], ending
    return line, ""
