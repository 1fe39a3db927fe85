"""The rows of a supervision CSV that failed, as a CSV to correct and upload again.

STYLE.md "Uploads with provenance": rows that fail come back in the same format. The download
has the uploaded file's own columns in its order, each failed row's cells as they were read,
and one more column, `error`, naming the row, the field and what is wrong; an upload ignores
that column, so the corrected file goes back as it is. Every cell goes through `safe_cells`
(issue 6.10): a value beginning =, +, - or @ gets a ' in front, so a spreadsheet shows it
rather than running it (the page says so beside the link).
"""

from __future__ import annotations

import io

from trajectory.safe_cells import SafeCsvWriter

ERROR_COLUMN = "error"


def rejected_csv(header: list[str], rejected: list[dict]) -> str:
    """`header` as uploaded; `rejected` as the upload keeps them: {"row", "cells", "error"}."""
    keep = [i for i, name in enumerate(header) if name.strip().lower() != ERROR_COLUMN]
    out = io.StringIO()
    writer = SafeCsvWriter(out, lineterminator="\r\n")
    writer.writerow([*(header[i] for i in keep), ERROR_COLUMN])
    for item in rejected:
        cells = list(item["cells"])
        if len(cells) == len(header):
            values = [cells[i] for i in keep]
        else:  # a row with too few or too many fields: as read, blanks to the header's width
            values = cells + [""] * (len(keep) - len(cells))
        writer.writerow([*values, f"Row {item['row']}: {item['error']}"])
    return out.getvalue()
