"""Crash-safe file I/O: a register file on disk is always a whole old version
or a whole new one, never half of each, and the last few versions are kept.

A write goes to a temporary file in the same folder, is flushed to the disk
(fsync), the current version is hard-linked into the backups (cheap: no copy),
the temporary file replaces the current one (`os.replace` is atomic), and the
folder is flushed so the rename itself survives a power cut.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

import orjson

from store.errors import StoreError, unencodable

BACKUP_GENERATIONS = 3
MAX_FILE_BYTES = 64_000_000  # a register file: one partnership's every assessment is a few MB at most


class UnparseableFile(Exception):
    """The file exists but is not UTF-8 JSON, or not a register file's JSON; str() says what is wrong."""


def dumps(data: Any, *, compact: bool = False) -> bytes:
    """Deterministic JSON, UTF-8: sorted keys, one item per line (diff-able), or
    `compact` on one line, which CPython writes with its C encoder (~10x faster:
    for the index, a few MB at 5,000 partnerships, read by programs only)."""
    layout: dict[str, Any] = {"separators": (",", ":")} if compact else {"indent": 1}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, allow_nan=False, **layout)
    try:
        return text.encode("utf-8") + b"\n"
    except UnicodeEncodeError as exc:
        raise unencodable(exc) from None


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist; UnparseableFile when it is too big to be one pwiz wrote."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnparseableFile(
                f"it is {size / 1_000_000:,.0f} MB; a register file is at most {MAX_FILE_BYTES // 1_000_000} MB"
            )
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {reason(exc)}") from None


def parse(raw: bytes) -> Any:
    """JSON from UTF-8 bytes, or UnparseableFile saying what is wrong.

    orjson reads what pwiz writes two to three times faster than json (the index at 5,000
    partnerships is 2 MB, read at every start); whatever it refuses (damage, and what orjson is
    stricter about: integers beyond 64 bits, escaped lone surrogates) is read again by json, so
    the outcome and the words of every refusal are json's."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        pass
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_not_json)
    except UnicodeDecodeError as exc:
        raise UnparseableFile(f"not UTF-8 text at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise UnparseableFile(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise UnparseableFile("not a register file: nested far deeper than pwiz writes") from None


def _not_json(constant: str) -> Any:
    """Python's json reads NaN and Infinity, which JSON lacks and `dumps` refuses to write back."""
    raise UnparseableFile(f"not valid JSON: {constant} is not a JSON number")


# The fault-injection seam: called after each step of an atomic write ("written": the temporary file is
# on disk; "rotated": the backups moved on; "replaced": the new file is in place) with the file's path.
# The crash tests set it in a child process that kills itself there; nothing else does.
on_write_step: Callable[[str, Path], object] | None = None


def _step(name: str, path: Path) -> None:
    if on_write_step is not None:
        on_write_step(name, path)


def write_atomic(path: Path, payload: bytes, backups: list[Path]) -> None:
    """Replace `path` with `payload`; the previous version becomes backups[0].

    Raises StoreError (with the path and the OS reason) if anything fails
    before the replace, in which case the file and its backups are as before.
    """
    tmp = path.with_name(path.name + ".tmp")  # one writer at a time holds the lock
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_and_sync(tmp, payload)
        _step("written", path)
        if backups:
            _rotate(path, backups)
            _step("rotated", path)
        os.replace(tmp, path)
        _step("replaced", path)
    except OSError as exc:
        with suppress(OSError):
            tmp.unlink()
        raise StoreError(f"cannot write {path}: {reason(exc)}; nothing was changed") from None
    try:
        fsync_folder(path.parent)
    except OSError as exc:
        raise StoreError(
            f"saved {path} but could not flush its folder to disk ({reason(exc)}); "
            "the change may be lost if the machine loses power"
        ) from None


def write_cache(path: Path, payload: bytes) -> None:
    """Replace a rebuildable cache file atomically, without the writer's lock.

    Each writer uses its own temporary file, so concurrent writers never mix
    bytes: the last rename wins, which a cache keyed by what it was computed
    from tolerates. No fsync and no backups: a cache lost in a power cut is
    rebuilt. A cache that cannot be written (read-only folder, full disk) is
    not an error: the next reader computes again.
    """
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)  # as the register's other files (mkstemp makes it private)
        os.replace(tmp, path)
    except OSError:
        with suppress(OSError):
            os.unlink(tmp)


def _write_and_sync(path: Path, payload: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o644)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _rotate(path: Path, backups: list[Path]) -> None:
    """Shift backups one generation older and link the current file as the newest."""
    if not path.exists():
        return
    backups[0].parent.mkdir(parents=True, exist_ok=True)
    for older, newer in zip(reversed(backups[1:]), reversed(backups[:-1])):
        with suppress(FileNotFoundError):
            os.replace(newer, older)
    with suppress(FileNotFoundError):
        os.unlink(backups[0])  # left behind if a previous rotation was interrupted
    keep_copy(path, backups[0])


def keep_copy(path: Path, copy: Path) -> None:
    """`copy` holds what `path` holds now: a hard link (no bytes copied), else a copy."""
    link = getattr(os, "link", None)  # absent on some platforms' Pythons
    try:
        if link is None:
            raise OSError("no hard links here")
        link(path, copy)
    except OSError:  # file systems without hard links (FAT, some network shares)
        shutil.copyfile(path, copy)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable where folders can be synced (POSIX). Windows will not
    open a folder as a file (PermissionError), and NTFS journals the rename itself."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except PermissionError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno != errno.EINVAL:  # this file system cannot sync folders
            raise
    finally:
        os.close(fd)


def reason(exc: OSError) -> str:
    """The OS's words for what went wrong ("No space left on device")."""
    return exc.strerror or str(exc)
