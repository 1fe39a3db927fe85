"""Westshire's supervision and case oversight (issue 11.3, 11.7), on the journey's dates.

From the direction (journey.DIRECTION_ISSUED, January 2024) to the day before the demo's
today: the council's standard is the
default (weekly in a newly qualified worker's first six weeks, fortnightly to six months, then
monthly), applying from January 2024. Every worker in the council's team file (with their start
and leaving dates from the workforce census) is supervised in each period with a chance that
climbs as the workforce months' supervision figure does (demo_workforce.py, from West Sussex's
November 2020 report: "management supervision of cases has further improved to 88% (a 25%
increase in the four-month period April to July 2020)"): about 60% in January 2024, 70.4% by
January 2025, 88% by April 2025, and about 88% after. Eight workers are newly qualified, in
ASYE cohorts starting in September 2024, March 2025 and September 2025. The cases discussed are
the worker's own children from the SSDA903 SWEpisodes table. Case oversight of every child open
in the latest returns follows the same climb. Made-up data, the same every time (seeded).

Case oversight: each child's time from the direction (or its opening) is cut into three-month
cycles; in each, with the month's chance, oversight is recorded in the cycle's last fortnight,
so the share of children with oversight in the trailing three months is about that chance. A
first round before the direction (at January 2024's chance) gives the first months a figure.

Westshire's open children (some 4,600 in need or in care) make about 40,000 oversight rows, so
the rows are written with one `executemany` per table (no per-row history or audit: the demo's
records are the demo's, as the returns it imports are), in about a second, not the ten that
model-by-model bulk_create takes.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import polars as pl
from django.db import connection, models
from django.utils import timezone

from trajectory.councils.models import Role
from trajectory.plans import clock
from trajectory.returns.selectors import latest_version, version_tables
from trajectory.supervision import selectors, services
from trajectory.supervision.models import CaseOversight, Supervision, SupervisionWorker
from trajectory.supervision.schedule import (
    DEFAULT_COUNTED,
    DEFAULT_OVERSIGHT_EVERY,
    DEFAULT_STEPS,
    INDIVIDUAL,
    REFLECTIVE,
    periods,
)
from trajectory.synth import journey

SEED = 0x5EB7_2026
START = date(journey.DIRECTION_ISSUED.year, journey.DIRECTION_ISSUED.month, 1)
CYCLE = 91  # days: three months
RISE = (date(2025, 1, 1), date(2025, 4, 1))  # as demo_workforce.SUPERVISION_RISE
NEWLY_QUALIFIED = (date(2024, 9, 2), date(2025, 3, 3), date(2025, 9, 1))
NEWLY_QUALIFIED_COUNT = 8
BATCH = 5000


def _months(day: date) -> int:
    return (day.year - START.year) * 12 + day.month - START.month


def on_time_chance(day: date) -> float:
    """About 60% in January 2024, 70.4% in January 2025, 88% from April 2025."""
    k, rise_from, rise_to = _months(day), _months(RISE[0]), _months(RISE[1])
    if k <= rise_from:
        return 0.60 + (0.704 - 0.60) * max(k, 0) / rise_from
    if k < rise_to:
        return 0.704 + (0.88 - 0.704) * (k - rise_from) / (rise_to - rise_from)
    return 0.88


def _end(today: date) -> date:
    """Yesterday: the pages' current month has its supervisions so far."""
    return today - timedelta(days=1)


def _children_by_worker(council) -> dict[str, list[str]]:
    version = latest_version(council)
    if version is None:
        return {}
    try:
        frame = version_tables(version)["SWEpisodes"].select("CHILD", "SW_ID").unique().collect()
    except (KeyError, pl.exceptions.PolarsError, OSError):
        return {}
    out: dict[str, list[str]] = {}
    for child, worker in frame.sort(["SW_ID", "CHILD"]).iter_rows():
        if worker:
            out.setdefault(worker, []).append(child)
    return out


def supervision_demo(council, users) -> dict[str, int]:
    """Record Westshire's standard, supervisions and case oversight (see the module). Does
    nothing when the council already has supervisions. Returns the counts made."""
    if Supervision.objects.filter(council=council).exists():
        return {"supervisions": 0, "oversight": 0}
    leader = users[Role.LEADER]
    end = _end(clock.today())
    if end < START:
        return {"supervisions": 0, "oversight": 0}
    rng = random.Random(SEED)
    services.standard_change(
        council=council,
        user=leader,
        applies_from=START,
        steps=list(DEFAULT_STEPS),
        measured_from="qualification",
        counted_types=list(DEFAULT_COUNTED),
        oversight_every=DEFAULT_OVERSIGHT_EVERY,
        reason="The improvement plan's supervision standard, from the direction.",
    )
    facts = selectors.worker_facts(council)
    ids = sorted(facts)
    chosen = ids[3 :: max(len(ids) // NEWLY_QUALIFIED_COUNT, 1)][:NEWLY_QUALIFIED_COUNT]
    own = []
    for number, worker in enumerate(chosen):
        start = NEWLY_QUALIFIED[number % len(NEWLY_QUALIFIED)]
        facts[worker].qualified_on = facts[worker].started_on = start
        facts[worker].left_on = None
        own.append(
            SupervisionWorker(
                council=council, worker_id=worker, qualified_on=start, started_on=start
            )
        )
    known = set(
        SupervisionWorker.objects.filter(council=council).values_list("worker_id", flat=True)
    )
    own += [SupervisionWorker(council=council, worker_id=w) for w in ids if w not in set(chosen)]
    SupervisionWorker.objects.bulk_create([w for w in own if w.worker_id not in known])
    workers = {w.worker_id: w for w in SupervisionWorker.objects.filter(council=council)}
    in_force = selectors.standards(council)
    children = _children_by_worker(council)
    made = []
    for worker in ids:
        item = facts[worker]
        supervisor = f"Team manager, {item.team or 'unallocated'}"
        worker_periods = periods(
            standards=in_force,
            start=max(item.started_on or START, START),
            until=end,
            qualified_on=item.qualified_on,
            started_on=item.started_on,
            left_on=item.left_on,
        )
        cases = children.get(worker, [])
        for period in worker_periods:
            if rng.random() >= on_time_chance(period.due):
                continue
            length = (period.due - period.start).days
            held_on = period.start + timedelta(days=rng.randint(max(length - 6, 0), length))
            discussed = rng.sample(cases, min(len(cases), rng.randint(1, 4))) if cases else []
            made.append(
                {
                    "worker_id": workers[worker].pk,
                    "held_on": held_on,
                    "kind": REFLECTIVE if rng.random() < 0.15 else INDIVIDUAL,
                    "supervisor": supervisor,
                    "cases": sorted(discussed),
                }
            )
    common = {"council_id": council.pk, "created_by_id": leader.pk, "changed_by_id": leader.pk}
    _insert(Supervision, made, common)
    oversight = _oversight(selectors.open_spells(council), rng, end)
    manager = users[Role.MANAGER]
    common = {**common, "created_by_id": manager.pk, "changed_by_id": manager.pk}
    _insert(CaseOversight, oversight, {**common, "manager": "Team manager", "note": ""})
    return {"supervisions": len(made), "oversight": len(oversight)}


def _insert(model, rows: list[dict], common: dict) -> None:
    """Every row in one executemany, each value prepared for the database as the ORM would."""
    if not rows:
        return
    common = {**common, "edit_version": 1, "created_at": timezone.now(), "changed_at": None}
    names = list(rows[0]) + list(common)
    fields = [model._meta.get_field(n[:-3] if n.endswith("_id") else n) for n in names]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(names))

    days: dict[date, object] = {}

    def day(value):
        if value not in days:
            days[value] = connection.ops.adapt_datefield_value(value)
        return days[value]

    def converter(name, field):
        """How a column's values go to the database, chosen once per column."""
        if name.endswith("_id") or isinstance(field, models.CharField | models.TextField):
            return lambda value: value
        if isinstance(field, models.DateTimeField):
            return connection.ops.adapt_datetimefield_value
        if isinstance(field, models.DateField):
            return day
        return lambda value: field.get_db_prep_save(value, connection)

    width = len(rows[0])
    convert = [converter(n, f) for n, f in zip(names, fields, strict=True)]
    shared = tuple(c(common[n]) for n, c in zip(names[width:], convert[width:], strict=True))
    own = list(zip(names[:width], convert[:width], strict=True))
    values = [tuple(c(row[n]) for n, c in own) + shared for row in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH):
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608 - our names
                values[start : start + BATCH],
            )


def _oversight(spells, rng: random.Random, end: date) -> list[dict]:
    """Oversight rows for every child open from the direction (see the module docstring)."""
    out = []
    for child, opened, closed in spells:
        stop = min(closed or end, end)
        cycle = max(opened, START) - timedelta(days=CYCLE if opened < START else 0)
        while cycle + timedelta(days=CYCLE - 1) <= stop:
            if rng.random() < on_time_chance(max(cycle + timedelta(days=CYCLE), START)):
                day = cycle + timedelta(days=rng.randint(CYCLE - 14, CYCLE - 1))
                out.append({"child": child, "recorded_on": day})
            cycle += timedelta(days=CYCLE)
    return out
