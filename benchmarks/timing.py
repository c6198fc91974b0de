"""The one way the in-process benchmarks time a piece of work."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def median_time(fn: Callable[[], Any], runs: int) -> float:
    """Median wall time of `fn()` over `runs` calls, after one warm-up call (imports, caches)."""
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)
