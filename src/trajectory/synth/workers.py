"""Synthetic social workers for a synthetic SSDA903 extract: SWEpisodes and a worker-to-team file.

Drawn from the extract's own episodes with a random stream of its own (the seed XOR a
constant), so the other tables of `ssda903.generate` stay byte for byte what they were. Each
period of care (short breaks aside) begins with an assessment worker (SW_REASON FCONTA, the
first contact), passes after a few weeks to a worker in a children in care team (TSPROC, the
transfer process), changes worker now and then (the worker leaving, a manager's decision, an
absence, a restructure: median about 8 months between changes, so some children have three or
more workers in a year), and from 17½ passes to the leaving care team. The last episode of a
period ends with it (SW_DEC = DEC); an open period's last is open. Each team has as many
workers as keep caseloads near 17 children, and a new case goes to the team's worker with the
fewest, as a manager would allocate it.
"""

from __future__ import annotations

import heapq
import math
import random
from datetime import date, timedelta
from pathlib import Path

import polars as pl

from trajectory.returns.ssda903.schema import SHORT_BREAK_LEGAL_STATUS

STREAM = 0x5A17_0903  # XORed with the extract's seed: this module's own random stream
ASSESSMENT = ("Assessment North", "Assessment South")
CHILDREN_IN_CARE = ("Children in care 1", "Children in care 2", "Children in care 3")
LEAVING_CARE = "Leaving care"
TEAMS = (*ASSESSMENT, *CHILDREN_IN_CARE, LEAVING_CARE)
CASELOAD = 17
# SW_REASON for a change of worker during a child's care (DfE rule SW13's list), with weights.
CHANGE_REASONS = (
    ("LEFTRL", 0.35),
    ("MANAGE", 0.2),
    ("ABSENC", 0.1),
    ("ORGRST", 0.1),
    ("CHCHAN", 0.1),
    ("PCCHAN", 0.05),
    ("OTHERS", 0.1),
)
_SHORTEST = 3  # days: DfE rule SW09 (2025-26) refuses an episode shorter than 3 days


def _periods(episodes: pl.DataFrame) -> list[tuple[str, date, date | None]]:
    """(CHILD, start, end or None) for each period of care, short breaks left out."""
    rows = (
        episodes.filter(
            pl.col("DECOM").is_not_null() & ~pl.col("LS").is_in(sorted(SHORT_BREAK_LEGAL_STATUS))
        )
        .sort("CHILD", "DECOM")
        .select("CHILD", "DECOM", "DEC")
        .rows()
    )
    periods: list[list] = []
    for child, start, end in rows:
        last = periods[-1] if periods else None
        if last and last[0] == child and (last[2] is None or start <= last[2]):
            if last[2] is not None and (end is None or end > last[2]):
                last[2] = end
            continue
        periods.append([child, start, end])
    return [tuple(p) for p in periods]


def _reason(rng: random.Random) -> str:
    return rng.choices([r for r, _ in CHANGE_REASONS], [w for _, w in CHANGE_REASONS])[0]


def _segments(
    rng: random.Random,
    start: date,
    end: date | None,
    born: date | None,
    region: int,
    care: int,
    horizon: date,
):
    """(team, from, reason) for one period of care, in order."""
    out = [(ASSESSMENT[region], start, "FCONTA")]
    day = start + timedelta(days=20 + int(rng.random() * 40))
    team = CHILDREN_IN_CARE[care]
    leaving_from = date(born.year + 17, born.month, min(born.day, 28)) if born else None
    if leaving_from:
        leaving_from += timedelta(days=182)
    reason = "TSPROC"
    limit = end - timedelta(days=_SHORTEST) if end else horizon
    while day < limit:
        if leaving_from and day >= leaving_from and team != LEAVING_CARE:
            team, reason = LEAVING_CARE, "TSPROC"
        out.append((team, day, reason))
        gap = int(rng.lognormvariate(math.log(240), 0.7)) + 14
        following = day + timedelta(days=gap)
        if leaving_from and team != LEAVING_CARE and day < leaving_from < following:
            following = leaving_from
        day, reason = following, _reason(rng)
    return out


def social_workers(
    tables: dict[str, pl.DataFrame], *, seed: int, since: date, end: date
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(SWEpisodes, worker-to-team) for the periods of care open on or after `since`, up to
    the extract's `end`.

    SWEpisodes has DfE's columns (CHILD, SW_ID, SW_DECOM, SW_DEC, SW_REASON); the worker-to-team
    frame SW_ID and team, as a council would upload it.
    """
    rng = random.Random(seed ^ STREAM)
    born = dict(tables["Header"].select("CHILD", "DOB").rows())
    allocations = []  # (from, to or None, team, child, reason)
    for child, start, stop in _periods(tables["Episodes"]):
        if stop is not None and stop < since:
            continue
        region, care = rng.randrange(len(ASSESSMENT)), rng.randrange(len(CHILDREN_IN_CARE))
        pieces = _segments(rng, start, stop, born.get(child), region, care, end)
        for i, (team, begins, reason) in enumerate(pieces):
            until = pieces[i + 1][1] if i + 1 < len(pieces) else stop
            allocations.append((begins, until, team, child, reason))
    allocations.sort(key=lambda a: (a[0], a[3]))
    workers = _staff(rng, allocations)
    assigned = _allocate(rng, allocations, workers)
    sw = pl.DataFrame(
        assigned,
        schema={
            "CHILD": pl.String,
            "SW_ID": pl.String,
            "SW_DECOM": pl.Date,
            "SW_DEC": pl.Date,
            "SW_REASON": pl.String,
        },
        orient="row",
    ).sort("CHILD", "SW_DECOM")
    teams = pl.DataFrame(
        [(worker, team) for team, ids in workers.items() for worker in ids],
        schema={"SW_ID": pl.String, "team": pl.String},
        orient="row",
    ).sort("SW_ID")
    return sw, teams


def _staff(rng: random.Random, allocations: list) -> dict[str, list[str]]:
    """Each team's worker ids, enough to keep caseloads near CASELOAD at the busiest sample."""
    if not allocations:
        return {team: [] for team in TEAMS}
    first = allocations[0][0]
    last = max(a[1] or a[0] for a in allocations)
    samples = [first + (last - first) * k / 8 for k in range(1, 8)]
    numbers = iter(rng.sample(range(1000, 10000), 9000))
    staff = {}
    for team in TEAMS:
        busiest = max(
            sum(1 for a in allocations if a[2] == team and a[0] <= d and (a[1] is None or a[1] > d))
            for d in samples
        )
        staff[team] = [f"SW{next(numbers)}" for _ in range(max(3, round(busiest / CASELOAD)))]
    return staff


def _allocate(rng: random.Random, allocations: list, workers: dict[str, list[str]]) -> list:
    """Give each allocation the team's worker holding fewest cases on its first day."""
    open_cases = {w: [] for ids in workers.values() for w in ids}  # heaps of end dates
    out = []
    for begins, until, team, child, reason in allocations:
        for heap in (open_cases[w] for w in workers[team]):
            while heap and heap[0] <= begins:
                heapq.heappop(heap)
        fewest = min(len(open_cases[w]) for w in workers[team])
        choice = rng.choice([w for w in workers[team] if len(open_cases[w]) == fewest])
        heapq.heappush(open_cases[choice], until or date(9999, 12, 31))
        out.append((child, choice, begins, until, reason))
    return out


def write_worker_teams(teams: pl.DataFrame, path: Path) -> Path:
    """The worker-to-team CSV a council uploads: header SW_ID,team."""
    path.parent.mkdir(parents=True, exist_ok=True)
    teams.select("SW_ID", "team").write_csv(path, line_terminator="\n")
    return path
