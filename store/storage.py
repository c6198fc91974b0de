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
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from store import files
from store.errors import CorruptRegisterError
from store.index import by_name, index_problem
from store.layout import Layout
from store.locks import locked

Tables = dict[str, dict[str, Any]]


class RegisterFileStorage(Storage):
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


def read_summaries(layout: Layout) -> list[dict]:
    """Every partnership's summary in the register's index, by name: all that `list`, `due`
    and the wizard's first screen read (no lock: the index is replaced whole, never edited)."""
    return by_name(load_tables(layout.index, layout))


def load_tables(path: Path, layout: Layout) -> Tables | None:
    """A register file's tables, None if it does not exist, or CorruptRegisterError."""
    try:
        raw = files.read_bytes(path)
        if raw is None:
            return None
        tables = parse_tables(raw, layout.partnership_of(path))
    except files.UnparseableFile as exc:
        raise corrupt_file_error(path, str(exc), layout) from None
    problem = index_problem(tables) if path == layout.index else None
    if problem is not None:
        raise corrupt_file_error(path, f"not as the register writes it: {problem}", layout)
    return tables


def parse_tables(raw: bytes, partnership: str | None = None) -> Tables:
    """The tables in a register file's bytes, or UnparseableFile.

    With `partnership` (an id), the bytes are that partnership's file (or a
    backup of it), and its records are checked once, here, to have the shape
    the store writes (store.shapes), so that a hand-edited or half-copied
    file is reported as damaged rather than failing later on a missing field.
    """
    data = files.parse(raw)
    tables = data.values() if isinstance(data, dict) else [None]
    if not all(isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values()) for table in tables):
        raise files.UnparseableFile("not a register file: expected tables of records")
    if partnership is not None:
        # imported here: the index is read (home screen, `list`) without loading pydantic
        from store.shapes import partnership_file_problem

        problem = partnership_file_problem(data, partnership)
        if problem is not None:
            raise files.UnparseableFile(f"not as the register writes it: {problem}")
    return data


def corrupt_file_error(path: Path, problem: str, layout: Layout) -> CorruptRegisterError:
    """Which file, what is wrong, whether a backup exists, and what to run."""
    if path == layout.index:
        advice = f"it only summarises the partnership files: run '{layout.restore_command}' to rebuild it"
    elif any(backup.exists() for backup in layout.backups(path)):
        advice = f"a backup exists: run '{layout.restore_command}' to restore it"
    else:
        advice = "no backup of it exists: repair it by hand or move it aside"
    return CorruptRegisterError(f"the register file {path} is damaged ({problem}) and was left as it is; {advice}")


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
    assert isinstance(storage, RegisterFileStorage)  # every transaction's TinyDB has one
    storage.commit()
