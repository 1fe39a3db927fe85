"""Reads of a stored run kept per process (issue 8.9: the indicator page at p95 <= 150 ms).

A run's values are written once, in the transaction that makes the run, and never changed
(`models.IndicatorRun`: a March paper is rebuilt exactly in June), so what is read from a run
can be kept for as long as the process lives, keyed by the run. The key holds the run's
computed-at instant as well as its id, and a new run in this process empties the store, so a
database whose ids start again (a test's, rolled back) never reads another run's figures.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable
from threading import Lock

from django.db.models.signals import post_save

KEPT = 2048  # reads per function per process; the oldest goes first
_STORES: list[OrderedDict] = []
_generation = 0  # goes up with every run made in this process


def latest_for_request(user, council, find: Callable):
    """The council's latest run, found once for the acting user (a request's user object; the
    page's sections each ask for it), found again once this process has made a new run."""
    memo = user.__dict__.setdefault("_trajectory_latest_run", {}) if user is not None else {}
    kept = memo.get(council.pk)
    if kept is not None and kept[0] == _generation:
        return kept[1]
    run = find()
    memo[council.pk] = (_generation, run)
    return run


def per_run(read: Callable):
    """Keep `read(run, *args)` per run and arguments. Callers get the stored object: treat it
    as read-only (lists of values are handed out as new lists)."""
    kept: OrderedDict = OrderedDict()
    lock = Lock()
    _STORES.append(kept)

    @functools.wraps(read)
    def cached(run, *args):
        key = (run.pk, run.computed_at, *args)
        with lock:
            if key in kept:
                kept.move_to_end(key)
                found = kept[key]
                return list(found) if isinstance(found, list) else found
        found = read(run, *args)
        with lock:
            kept[key] = found
            while len(kept) > KEPT:
                kept.popitem(last=False)
        return list(found) if isinstance(found, list) else found

    return cached


def forget_all(**_kwargs) -> None:
    global _generation
    _generation += 1
    for kept in _STORES:
        kept.clear()


post_save.connect(forget_all, sender="indicators.IndicatorRun", dispatch_uid="run_cache")
