"""Derived data: values worked out from each partnership's file, kept beside the index.

`REGISTER/derived/NAME.json` holds, for a name (e.g. "flags"), one value per
partnership, each stored with the revision of the file it was computed from
(`revision`: what changes on every write) and the name's key (what else the
value depends on, e.g. the questionnaire library's identity). A reader gets
the stored value while both still match, and computes only the rest: a
register of 5,000 partnerships is read as one small file plus 5,000 `stat`s.

It is a cache, never the record: deleted, damaged or from another version,
it is ignored and rebuilt; readers refresh it without the writer's lock
(files.write_cache: the last writer wins, and a value is only ever served for
the revision it was computed from).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from store import files
from store.errors import StoreError

FORMAT = 1
Revision = list[int]  # a file's (mtime_ns, size, inode), or a database row's [revision]


def revision(path: str | Path) -> Revision | None:
    """What identifies this version of a file, or None if it does not exist.

    Every store write replaces the file by a rename (a new inode) and changes
    its modification time, so (mtime_ns, size, inode) differs after each write
    without reading a byte. Take it *before* reading the file: a write in
    between then leaves a value keyed to the older revision, computed again next time.
    """
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [stat.st_mtime_ns, stat.st_size, stat.st_ino]


class Versions:
    """What identifies each partnership's current version, each read at most once.

    `stamp(source)` reads it (a file's `revision`, a database row's counter) the first
    time a name asks, before that partnership is read for any name, so a value is never
    keyed to a version newer than the one it was computed from. Several names read
    with one Versions (a report's flags and data-sheet columns) cost one pass of
    `stat`s: at 5,000 partnerships a pass is ~25 ms.
    """

    def __init__(self, sources: list[tuple[str, Any]], stamp: Callable[[Any], Revision | None] = revision):
        self.pids = [pid for pid, _ in sources]
        self._sources = dict(sources)
        self._stamp = stamp
        self._read: dict[str, Revision | None] = {}

    def of(self, pid: str) -> Revision | None:
        try:
            return self._read[pid]
        except KeyError:
            found = self._read[pid] = self._stamp(self._sources[pid])
            return found


class DerivedData:
    """The derived-data folder of one register: one file per name."""

    def __init__(self, folder: Path):
        self.folder = folder

    def values(
        self,
        name: str,
        key: str,
        versions: Versions,
        compute: Callable[[str], Any],
        failed: dict[str, StoreError] | None = None,
        whole: bool = False,
    ) -> dict[str, Any]:
        """`compute(pid)` (JSON-able) for each of `versions`' partnerships, stored where its version and `key` are unchanged.

        Only partnerships whose file changed (or that are new) are computed, and
        the file is rewritten when any was; `whole`: these are all the register's
        partnerships, so entries of any other are dropped. A StoreError from
        `compute` is raised once what was computed is kept, or with `failed`
        the partnership is left out and its error put there.
        """
        stored = self.entries(name, key)
        kept = dict(stored) if not whole else {pid: stored[pid] for pid in versions.pids if pid in stored}
        result: dict[str, Any] = {}
        changed = kept.keys() != stored.keys()
        try:
            for pid in versions.pids:
                rev = versions.of(pid)  # before the partnership is read: see revision()
                entry = stored.get(pid)
                if rev is not None and entry is not None and entry[0] == rev:
                    result[pid] = entry[1]
                    continue
                try:
                    result[pid] = compute(pid)
                except StoreError as exc:
                    if failed is None:
                        raise
                    failed[pid] = exc
                    continue
                if rev is not None:
                    kept[pid] = [rev, result[pid]]
                    changed = True
        finally:
            if changed:
                self.save(name, key, kept)
        return result

    def entries(self, name: str, key: str) -> dict[str, list]:
        """{pid: [stamp, value]} stored under `name` with this `key` (empty when the key differs)."""
        data = self._read(name)
        if data.get("key") != key or not isinstance(data.get("values"), dict):
            return {}
        return {pid: entry for pid, entry in data["values"].items() if isinstance(entry, list) and len(entry) == 2}

    def save(self, name: str, key: str, entries: dict[str, list]) -> None:
        if not self.folder.parent.is_dir():
            return  # no register yet: a reader creates nothing
        try:
            self.folder.mkdir(exist_ok=True)
        except OSError:
            return  # a read-only register: the next reader computes again
        payload = {"format": FORMAT, "key": key, "values": entries}
        files.write_cache(self.folder / f"{name}.json", files.dumps(payload, compact=True))

    def _read(self, name: str) -> dict[str, Any]:
        """One name's file, or an empty one when it is missing, damaged or of another format."""
        try:
            raw = files.read_bytes(self.folder / f"{name}.json")
            data = files.parse(raw) if raw is not None else None
        except (files.UnparseableFile, StoreError):  # a cache never stops a reader
            return {}
        return data if isinstance(data, dict) and data.get("format") == FORMAT else {}
