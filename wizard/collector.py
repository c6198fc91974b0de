"""Python's cyclic garbage collector, paused for work that only builds data.

A report at 5,000 partnerships parses the index and the derived-data caches
and builds a row per partnership: hundreds of thousands of objects, none in a
reference cycle, all kept until the file is written. Each few hundred set off
a collection, and the full ones walk everything loaded (pydantic's models,
reportlab): 30-50 ms of a CSV report's 0.5 s, and found nothing to free (peak
memory the same with the collector off). The wizard has its own policy for
its long life (wizard.tui.memory).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No collections inside; afterwards the collector is as it was (and catches up by itself)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
