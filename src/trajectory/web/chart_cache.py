"""Chart specs kept per process, keyed by what they draw (issue 8.9: pages at p95 <= 150 ms).

Building a Vega-Lite spec with Altair costs tens of milliseconds (it copies every data value
several times), while the figures behind a chart change only when indicators are recomputed,
a target is set or limits are rebased. A builder decorated with `cached_spec(key)` is run once
for each distinct key, whose parts are the very data the chart shows (its rows, target, names),
so a change in any of them is a new key and never a stale chart. The spec is kept as JSON text
and read back fresh for each caller, so no page can change another's copy.

Two levels: this process's own few hundred specs, then the `charts` cache every process of the
deployment shares (settings.CACHES: files under var/cache/charts by default), so a chart is
built once per deployment rather than once in each server process (a worker that has never
drawn a chart reads it in a millisecond instead of building it in a hundred).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable
from threading import Lock

from django.core.cache import caches

SHARED = "charts"  # the settings.CACHES alias every process shares
KEPT = 512  # specs per builder per process; the oldest goes first


def _digest(parts) -> str:
    text = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def cached_spec(key: Callable[..., object]):
    """Keep the builder's spec per `key(*args, **kwargs)`: everything the chart depends on."""

    def decorate(build: Callable[..., dict]) -> Callable[..., dict]:
        kept: OrderedDict[str, str] = OrderedDict()
        lock = Lock()

        @functools.wraps(build)
        def cached(*args, **kwargs) -> dict:
            digest = _digest([build.__qualname__, key(*args, **kwargs)])
            with lock:
                text = kept.get(digest)
                if text is not None:
                    kept.move_to_end(digest)
            if text is None:
                shared = caches[SHARED]
                text = shared.get(digest)
                if text is None:
                    text = json.dumps(build(*args, **kwargs))
                    shared.set(digest, text)
                with lock:
                    kept[digest] = text
                    while len(kept) > KEPT:
                        kept.popitem(last=False)
            return json.loads(text)

        cached.uncached = build
        return cached

    return decorate
