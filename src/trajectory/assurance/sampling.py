"""Which children a month's audit programme samples, by rule, reproducibly (issue 11.1).

Two steps, both pure:

1. `candidates(...)` reads the latest returns into one row per child who could be audited at the
   sampling date: the child's worker and team, and the themes the child's case falls under.
   - From SSDA903: children **looked after** at the date (an episode begun on or before it and
     not ended before it); **permanence**, those looked after for a year or more, or with a
     placement order (legal status E1) at the date; **care leavers**, the children of the OC3
     table (care leavers around their 17th to 21st birthdays).
   - From the CIN census, when one is held: **child protection**, a plan begun on or before the
     date and not ended before it; **neglect**, such a plan whose latest (or first) category of
     abuse is neglect (NEG). (Primary need N1 is "abuse or neglect" together and most children
     in need have it, so it does not mark neglect.) Without a CIN census these two themes draw
     nobody, and the programme says so. The census names no worker: a CIN child has one only
     when the SSDA903's SWEpisodes names the same child.
   - The worker is the one whose SWEpisodes row began last on or before the date, as
     `indicators/ssda903/allocations.py` counts a child to a worker and team; the team is the
     worker's in the council's worker-to-team file. A child with neither is "not recorded".
2. `draw(pool, rules, seed)` applies the rules in order with one `random.Random(seed)`, over
   the pool sorted by child id, never taking a child twice. The same returns and the same seed
   give the same sample; the seed is stored with the programme.

Rules are data: `{"rule": "team", "count": 1}` is that many children held by each team;
`{"rule": "worker", "count": 4}` is one child of each of that many workers chosen at random;
`{"rule": "<theme>", "count": 2}` is that many children whose case falls under the theme.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

import polars as pl

NOT_RECORDED = ""
THEMES = {
    "looked_after": "Looked after",
    "permanence": "Permanence",
    "care_leaver": "Care leavers",
    "child_protection": "Child protection",
    "neglect": "Neglect",
}
RULES = {"team": "Each team", "worker": "Workers chosen at random", **THEMES}
CIN_THEMES = ("child_protection", "neglect")
DEFAULT_RULES = (
    {"rule": "team", "count": 1},
    {"rule": "worker", "count": 2},
    {"rule": "neglect", "count": 2},
    {"rule": "permanence", "count": 2},
    {"rule": "care_leaver", "count": 2},
    {"rule": "child_protection", "count": 2},
)


@dataclass(frozen=True)
class Candidate:
    child: str
    worker: str = NOT_RECORDED
    team: str = NOT_RECORDED
    themes: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Picked:
    candidate: Candidate
    rule: str
    reason: str


def _col(frame: pl.LazyFrame, name: str) -> bool:
    return name in frame.collect_schema().names()


def _date(name: str) -> pl.Expr:
    return pl.col(name).cast(pl.Date, strict=False)


def _looked_after(tables, as_at: date) -> dict[str, set[str]]:
    episodes = tables.get("Episodes")
    if episodes is None:
        return {}
    open_at = (
        episodes.lazy()
        .select(
            child=pl.col("CHILD").cast(pl.String),
            start=_date("DECOM"),
            end=_date("DEC"),
            legal_status=pl.col("LS").cast(pl.String)
            if _col(episodes.lazy(), "LS")
            else pl.lit(""),
        )
        .filter(pl.col("start") <= as_at)
    )
    current = open_at.filter(pl.col("end").is_null() | (pl.col("end") >= as_at)).collect()
    themes: dict[str, set[str]] = {}
    year_ago = as_at - timedelta(days=365)
    first_start = open_at.group_by("child").agg(pl.col("start").min().alias("first")).collect()
    firsts = dict(zip(first_start["child"], first_start["first"], strict=True))
    for child, legal_status in zip(current["child"], current["legal_status"], strict=True):
        found = themes.setdefault(child, set())
        found.add("looked_after")
        if legal_status == "E1" or (firsts.get(child) and firsts[child] <= year_ago):
            found.add("permanence")
    oc3 = tables.get("OC3")
    if oc3 is not None:
        for child in oc3.lazy().select(pl.col("CHILD").cast(pl.String)).collect()["CHILD"]:
            themes.setdefault(child, set()).add("care_leaver")
    return themes


def _protection(cin_tables, as_at: date) -> dict[str, set[str]]:
    themes: dict[str, set[str]] = {}
    if not cin_tables:
        return themes
    plans = cin_tables.get("ChildProtectionPlans")
    if plans is not None and _col(plans.lazy(), "CPPstartDate"):
        frame = plans.lazy()
        names = frame.collect_schema().names()
        category = [
            pl.col(n).cast(pl.String)
            for n in ("LatestCategoryOfAbuse", "InitialCategoryOfAbuse")
            if n in names
        ]
        rows = (
            frame.select(
                child=pl.col("LAchildID").cast(pl.String),
                start=_date("CPPstartDate"),
                end=_date("CPPendDate") if "CPPendDate" in names else pl.lit(None, pl.Date),
                neglect=pl.any_horizontal([c == "NEG" for c in category])
                if category
                else pl.lit(False),
            )
            .filter(
                (pl.col("start") <= as_at) & (pl.col("end").is_null() | (pl.col("end") >= as_at))
            )
            .collect()
        )
        for child, neglect in zip(rows["child"], rows["neglect"], strict=True):
            found = themes.setdefault(child, set())
            found.add("child_protection")
            if neglect:
                found.add("neglect")
    return themes


def _workers(tables, as_at: date) -> dict[str, str]:
    episodes = tables.get("SWEpisodes")
    if episodes is None:
        return {}
    rows = (
        episodes.lazy()
        .select(
            child=pl.col("CHILD").cast(pl.String),
            worker=pl.col("SW_ID").cast(pl.String).str.strip_chars().str.to_uppercase(),
            start=_date("SW_DECOM"),
        )
        .with_row_index("order")
        .filter(pl.col("start") <= as_at)
        .sort("child", "start", "order")
        .group_by("child", maintain_order=True)
        .last()
        .collect()
    )
    return dict(zip(rows["child"], rows["worker"], strict=True))


def candidates(
    tables: dict, cin_tables: dict | None, worker_teams: dict[str, str], as_at: date
) -> list[Candidate]:
    """Every child who could be sampled at the date, sorted by child id (see the module)."""
    themes = _looked_after(tables, as_at)
    for child, found in _protection(cin_tables, as_at).items():
        themes.setdefault(child, set()).update(found)
    workers = _workers(tables, as_at)
    return [
        Candidate(
            child=child,
            worker=workers.get(child, NOT_RECORDED),
            team=worker_teams.get(workers.get(child, ""), NOT_RECORDED),
            themes=frozenset(found),
        )
        for child, found in sorted(themes.items())
    ]


def _rule_count(rule: dict) -> tuple[str, int]:
    name = str(rule.get("rule", ""))
    if name not in RULES:
        raise ValueError(f"No sampling rule {name!r}")
    return name, max(int(rule.get("count", 1)), 0)


def draw(pool: list[Candidate], rules, seed: int) -> list[Picked]:
    """The sample: each rule in order, from one seeded random stream, no child twice."""
    chooser = random.Random(seed)
    pool = sorted(pool, key=lambda c: c.child)
    taken: set[str] = set()
    picked: list[Picked] = []

    def take(options: list[Candidate], count: int, rule: str, reason: str) -> None:
        options = [c for c in options if c.child not in taken]
        for candidate in chooser.sample(options, min(count, len(options))):
            taken.add(candidate.child)
            picked.append(Picked(candidate, rule, reason))

    for rule in rules:
        name, count = _rule_count(rule)
        if name == "team":
            for team in sorted({c.team for c in pool if c.team}):
                take([c for c in pool if c.team == team], count, name, f"Held by {team}")
        elif name == "worker":
            workers = sorted({c.worker for c in pool if c.worker and c.child not in taken})
            for worker in chooser.sample(workers, min(count, len(workers))):
                take([c for c in pool if c.worker == worker], 1, name, f"Worker {worker}")
        else:
            take([c for c in pool if name in c.themes], count, name, THEMES[name])
    return picked


def shortfalls(pool: list[Candidate], rules, has_cin: bool) -> list[str]:
    """What the rules asked for that the returns could not give, in words for the programme."""
    notes = []
    for rule in rules:
        name, count = _rule_count(rule)
        if name in CIN_THEMES and not has_cin:
            notes.append(f"{THEMES[name]}: no CIN census is held, so no child could be drawn.")
        elif name in THEMES and count and not any(name in c.themes for c in pool):
            notes.append(f"{THEMES[name]}: no child in the returns at the date.")
    return notes
