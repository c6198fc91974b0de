"""Writers' locks: one writer per register file at a time, across processes.

Readers take no lock: files are only ever replaced whole, so a reader sees
one complete version. A writer that cannot get the lock within a few
seconds gives up with a message rather than hanging the terminal.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from store.errors import LockedError, StoreError
from store.files import reason

DEFAULT_TIMEOUT_SECONDS = 5.0
LONGEST_TIMEOUT_SECONDS = 3600.0
TIMEOUT_VARIABLE = "PWIZ_LOCK_TIMEOUT"


def lock_timeout() -> float:
    """Seconds to wait for a lock: PWIZ_LOCK_TIMEOUT (0 to an hour), or 5."""
    raw = os.environ.get(TIMEOUT_VARIABLE)
    if raw is None:
        return DEFAULT_TIMEOUT_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not 0 <= seconds <= LONGEST_TIMEOUT_SECONDS:  # also NaN, and 1e400 (infinity: a wait for ever)
        raise StoreError(
            f"{TIMEOUT_VARIABLE} must be a number of seconds from 0 to {LONGEST_TIMEOUT_SECONDS:g}, not {raw!r}"
        )
    return seconds


@contextmanager
def locked(lock_file: Path, target: Path) -> Iterator[None]:
    """Hold the writer's lock on `target` (a register file) for the block."""
    from filelock import FileLock, Timeout  # here: readers (the wizard's first screen) never need it

    timeout = lock_timeout()
    lock = FileLock(lock_file, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockedError(
            f"{target} is locked by another pwiz session (waited {timeout:g} s); nothing was changed; "
            "try again when the other session has finished"
        ) from None
    except OSError as exc:
        raise StoreError(f"cannot lock {target} for writing: {reason(exc)}; nothing was changed") from None
    try:
        yield
    finally:
        lock.release()
