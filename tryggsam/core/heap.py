"""The heap frozen during a bulk loop (issue 17, items 2 and 3).

A bulk import allocates containers by the hundred thousand (rows, tuples, batches). CPython's cyclic
garbage collector runs after every 700 of them, and now and then the oldest generation's collection
walks every object the process holds: Django, the models, the URL and template caches, the gazetteer
— about a tenth of a second each time, for a file of 10 000 police events as much as a fifth of the
import's CPU. None of those long-lived objects become garbage during the loop. `gc.freeze()` moves
them all (in constant time) out of the collector's sight for the loop; the loop's own garbage is
collected as before (reference counting, and the collector for the loop's cycles), and
`gc.unfreeze()` gives the old objects back to the oldest generation afterwards. Nothing is kept
alive that would otherwise be freed: the frozen objects were alive when frozen, and a cycle among
them that becomes garbage during the loop is collected after it.

Process-wide: nested and concurrent loops (threads) share one freeze, lifted when the last one ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0


@contextmanager
def long_lived_objects_frozen() -> Iterator[None]:
    global _depth
    with _lock:
        if _depth == 0:
            gc.freeze()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.unfreeze()


# A web request allocates some 50 000–80 000 objects and frees nearly all of them by reference counting
# when it ends. With CPython's default first threshold (700) the collector ran a few times per request,
# promoting whatever the request still held into the older generations, whose collections then
# walked the whole heap: on the load benchmark's pages, ~1.2 ms of CPU per request and now and then a
# 50–130 ms pause of the worker (all its threads). With the first generation collected every 50 000
# allocations, a request's objects are mostly gone before the collector looks: ~0.4 ms per request,
# no full collections (bench/page_profile.py with gc callbacks; docs/benchmarks.md, "Under load").
SERVING_THRESHOLDS = (50_000, 20, 20)


def tune_collector_for_serving() -> None:
    """Called once by each server process when the application is loaded (`config/wsgi.py`), and by the
    background worker (`manage.py qcluster`), whose jobs allocate as requests do (a situation report's
    PDF: 0.21 → 0.20 s of CPU, its 80 collections gone)."""
    gc.set_threshold(*SERVING_THRESHOLDS)
