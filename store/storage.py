"""TinyDB on one register file, one transaction at a time.

TinyDB's JSONStorage rewrites its file in place (a crash can leave half a
file) and re-reads it for every table operation. `RegisterFileStorage`
parses the file once per transaction, keeps TinyDB's writes in memory, and
writes the result once, atomically, when the transaction commits; if the
block raises, nothing is written. A file that does not parse is reported,
never overwritten, and neither is a partnership file whose records do not
have the shape the store writes (see parse_tables).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import Storage

from store import files
from store.layout import Layout
from store.locks import locked
from store.reading import Tables, load_tables


class CommittingStorage(Storage):
    """A TinyDB storage whose writes are made final by `commit` (a file's rename, a database's commit)."""

    def commit(self) -> None:
        """Make what TinyDB wrote final; a second call is a no-op."""


class RegisterFileStorage(CommittingStorage):
    """A TinyDB storage that reads once and writes (atomically) on commit."""

    def __init__(self, path: Path, layout: Layout):
        self.path = path
        self._layout = layout
        self._tables: Tables | None = None
        self._loaded = False
        self._dirty = False

    def read(self) -> Tables | None:
        if not self._loaded:
            self._tables = load_tables(self.path, self._layout)
            self._loaded = True
        return self._tables

    def write(self, data: Tables) -> None:
        self._tables = data
        self._loaded = True
        self._dirty = True

    def commit(self) -> None:
        """Write what TinyDB changed, if anything; a second call is a no-op."""
        if self._dirty:
            payload = files.dumps(self._tables, compact=self.path == self._layout.index)
            files.write_atomic(self.path, payload, self._layout.backups(self.path))
            self._dirty = False


@contextmanager
def transaction(layout: Layout, path: Path, *, write: bool) -> Iterator[TinyDB]:
    """TinyDB over `path`; with write=True, under its lock, committed at the end.

    Call `db.storage.commit()` earlier to order writes across files (a
    partnership before the index that summarises it).
    """
    with locked(layout.lock(path), path) if write else nullcontext():
        db = TinyDB(path, layout, storage=RegisterFileStorage)
        yield db
        if write:
            commit(db)


def commit(db: TinyDB) -> None:
    """Write what a transaction changed (see RegisterFileStorage.commit)."""
    storage = db.storage
    assert isinstance(storage, CommittingStorage)  # every transaction's TinyDB has one
    storage.commit()
