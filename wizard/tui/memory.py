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

Start-up makes objects to keep, not garbage: until the first screen is drawn
the collector is off (`hold`), and what start-up loaded is then frozen as the
rest is. At 5,000 partnerships, parsing the index had set off over a hundred
collections, 60-80 ms of the start.
"""

from __future__ import annotations

import gc


def hold() -> None:
    """No collections until `keep`: everything made from here on is loaded to stay."""
    gc.disable()


def keep() -> None:
    """What is alive now is long-lived: leave it out of later collections (and collect again)."""
    gc.freeze()
    gc.enable()


def release() -> None:
    """Collect everything once, cycles left by closed screens included, then keep the rest."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
