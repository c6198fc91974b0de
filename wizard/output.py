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

from wizard.errors import UserError


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


def write_file(output: Path, data: bytes, before_rename: Callable[[], object] | None = None) -> None:
    """`write_whole` for a file the user named: a missing folder, something there that is not a regular
    file (a folder, a device such as /dev/full, a FIFO), or a failed write is one UserError line.
    A symbolic link is replaced by the file, never followed."""
    if not str(output).strip() or output.name in ("", ".", ".."):
        raise UserError(f"{str(output)!r} is not a file name; give the path of the file to write, e.g. pack.pdf")
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"cannot write {output}: the folder {folder} does not exist")
    if output.exists() and not output.is_symlink() and not output.is_file():
        what = "a folder" if output.is_dir() else "not a regular file (a device, a pipe or a socket)"
        raise UserError(f"cannot write {output}: it is {what}; give the path of a new or ordinary file")
    try:
        write_whole(output, data, before_rename)
    except OSError as exc:
        raise UserError(f"cannot write {output}: {exc.strerror or exc}; check the folder is writable") from None


# What a terminal would obey rather than show: controls (escape sequences that clear the screen or
# retitle the window), and the explicit direction embeddings, overrides and isolates.
_OBEYED = {
    c: f"\\u{c:04x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
for _kept in (0x09, 0x0A):  # tabs and line breaks are how the commands lay out what they print
    del _OBEYED[_kept]


def terminal_safe(text: str) -> str:
    """`text` with every character a terminal would obey written as a visible \\uXXXX escape
    (inside JSON output that is the same character, escaped)."""
    return text.translate(_OBEYED)


class TerminalSafe:
    """A text stream that writes through `terminal_safe`: stored text reaches the terminal (or a pipe
    to one) as text, never as instructions to it, however it got into the register."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (CSV exports)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
