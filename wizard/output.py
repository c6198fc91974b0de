"""Exported files (packs, reports, CSV) written whole or not at all.

The data goes to a temporary file beside the target, is flushed to disk,
then renamed over it: a half-written pack never replaces a good one. The
temporary file is private (0600) while it is written; the finished file
gets the mode any new file would (0644 under the usual umask), so
colleagues on a shared drive can open the pack.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o077)  # elsewhere the only way to read it; the stricter mask for the instant it is set
    os.umask(mask)
    return mask


def write_whole(path: Path, data: bytes, before_rename: Callable[[], object] | None = None) -> None:
    """Write `data` to `path` atomically; `before_rename()` runs once the data is on disk, and if it
    fails nothing is written. OSError propagates (the caller words it for its user)."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~umask())
        if before_rename is not None:
            before_rename()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def csv_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (CSV exports)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
