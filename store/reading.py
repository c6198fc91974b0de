"""Reading a register file: parsed once, checked to have the shape the store
writes, and reported as damage (which file, whether a backup exists, what to
run) when it has not.

Apart from `store.storage` so that what only reads (the wizard's first screen,
`list`, `due`) loads neither TinyDB nor the locks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store import files
from store.errors import CorruptRegisterError
from store.index import by_name, index_problem
from store.layout import Layout

Tables = dict[str, dict[str, Any]]


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
