"""Keeping Python's cyclic garbage collector off the keystroke path.

A full collection walks every object the process holds. In the wizard on a
register of 5,000 partnerships that is the index, the home table's rows, the
questionnaire library and every widget: 50-70 ms, and one lands among the
answers every few dozen keys (the keystroke p95 of BENCHMARKS.md). What is
loaded once and lives on is moved out of its way (`gc.freeze`, CPython's
advice for long-lived data) when it has been loaded; a collection then walks
only what was made since. Frozen objects are still freed when nothing refers
to them; only cycles among them wait for `release`, run when a screen is
left, where a pause goes unnoticed.
"""

from __future__ import annotations

import gc


def keep() -> None:
    """What is alive now is long-lived: leave it out of later collections."""
    gc.freeze()


def release() -> None:
    """Collect everything once, cycles left by closed screens included, then keep the rest."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
