"""Which team a worker's month of supervision counts under: the team they were in then.

A council's worker-to-team file (SW_ID,team; `councils.TeamFile`) is kept as versions, each
dated by the day it was uploaded. For a month, a worker's team is the one the newest version
uploaded on or before the month's last day gives them; where no version uploaded by then names
the worker (months before the council's first file, or before the worker was first in one),
their current team (the newest version's) is used, or none.

So a worker who moves team mid-year counts for the old team up to the month before the file
naming the new team was uploaded, and for the new team from that month on. A file's date is the
day it was uploaded: a file describing an earlier move, uploaded late, counts from its upload.

Pure over plain data, so the rule is worked by hand in tests/supervision.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class TeamHistory:
    """Each worker's teams by date: {SW_ID: [(uploaded on, team), ...] oldest first}."""

    by_worker: dict[str, list[tuple[date, str]]] = field(default_factory=dict)

    @classmethod
    def from_versions(cls, versions: Iterable[tuple[date, int, str, str]]) -> TeamHistory:
        """From (uploaded on, version number, SW_ID, team) rows of every version."""
        ordered: dict[str, list[tuple[date, int, str]]] = {}
        for uploaded_on, number, worker, team in versions:
            ordered.setdefault(worker, []).append((uploaded_on, number, team))
        return cls(
            {
                worker: [(day, team) for day, _, team in sorted(rows)]
                for worker, rows in ordered.items()
            }
        )

    def team_on(self, worker: str, day: date, current: str) -> str:
        """The worker's team in the newest version uploaded on or before `day`; `current`
        where none uploaded by then names them."""
        rows = self.by_worker.get(worker)
        if not rows:
            return current
        at = bisect_right(rows, day, key=lambda row: row[0])
        return rows[at - 1][1] if at else current
