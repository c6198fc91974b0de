"""`pwiz restore`: put back the newest readable backup of each damaged or missing file.

The damaged file is kept beside the backups (never deleted), the backup is
written back atomically, and the index, which only summarises the
partnership files, is rebuilt from them rather than restored. A partnership
the register knows of (in the index, or in the backups folder) whose file is
gone is brought back from its newest readable backup; one with nothing left
stays in the index marked lost, so that `verify` keeps naming it, until
`pwiz restore --forget PID` says it may go.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from store import files
from store.errors import CorruptRegisterError, StoreError
from store.layout import Layout
from store.locks import locked
from store.reading import Tables, load_tables, parse_tables


@dataclass
class RestoreReport:
    """What `restore` did, and what it could not do (one line each)."""

    done: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def restore_partnership_files(layout: Layout, report: RestoreReport, known: set[str]) -> None:
    """Damaged partnership files, and known partnerships whose file is gone, from their backups."""
    for pid in sorted(known | {layout.partnership_of(path) or "" for path in layout.partnership_files()} - {""}):
        path = layout.partnership(pid)
        with locked(layout.lock(path), path):
            if not path.exists():
                _restore_from_backup(layout, path, report, missing=True)
                continue
            try:
                load_tables(path, layout)
            except CorruptRegisterError:
                _restore_from_backup(layout, path, report)


def known_partnerships(layout: Layout) -> dict[str, dict | None]:
    """Every partnership the register knows of: its index summary (from the index, or the newest
    readable backup of it), or None for one only its backups remember."""
    from store.index import TABLE

    known: dict[str, dict | None] = {}
    for path in (layout.index, *layout.backups(layout.index)):
        try:
            tables = load_tables(path, layout) if path == layout.index else _backup_tables(path)
        except CorruptRegisterError:
            continue
        if tables is not None:
            known = {s["id"]: s for s in (tables.get(TABLE) or {}).values() if isinstance(s.get("id"), str)}
            break
    for backup in layout.partnership_backups():
        known.setdefault(backup, None)
    return known


def _backup_tables(path: Path) -> dict | None:
    try:
        raw = files.read_bytes(path)
        return None if raw is None else parse_tables(raw)
    except files.UnparseableFile:
        return None


def set_damaged_index_aside(layout: Layout, report: RestoreReport) -> None:
    """Move a damaged index out of the way so it can be rebuilt."""
    with locked(layout.lock(layout.index), layout.index):
        try:
            load_tables(layout.index, layout)
        except CorruptRegisterError:
            kept = _keep_damaged(layout, layout.index)
            try:
                layout.index.unlink()
            except OSError as exc:
                raise StoreError(f"cannot remove the damaged index {layout.index}: {files.reason(exc)}") from None
            report.done.append(f"the index {layout.index} was damaged; it is kept as {kept}")


def restore_file(layout: Layout, path: Path, report: RestoreReport, problem: Callable[[Tables], str | None]) -> None:
    """A register file of its own kind (e.g. the Association Register), damaged, or missing while a
    backup of it exists, from its newest backup in which `problem` (what is wrong with its records,
    or None) finds nothing wrong."""
    with locked(layout.lock(path), path):
        try:
            tables = load_tables(path, layout)
        except CorruptRegisterError:
            tables = None
        else:
            if tables is None and not any(backup.exists() for backup in layout.backups(path)):
                return  # never written
            if tables is not None and problem(tables) is None:
                return
        _restore_from_backup(layout, path, report, missing=not path.exists(), problem=problem)


def _restore_from_backup(
    layout: Layout,
    path: Path,
    report: RestoreReport,
    missing: bool = False,
    problem: Callable[[Tables], str | None] | None = None,
) -> None:
    for backup in layout.backups(path):
        try:
            raw = files.read_bytes(backup)
            if raw is None:
                continue
            tables = parse_tables(raw, layout.partnership_of(path))
        except files.UnparseableFile:
            continue
        if problem is not None and problem(tables) is not None:
            continue
        saved = datetime.fromtimestamp(backup.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M UTC")
        if missing:
            files.write_atomic(path, raw, backups=[])
            report.done.append(f"restored {path}, which was missing, from {backup} (saved {saved})")
            return
        kept = _keep_damaged(layout, path)
        files.write_atomic(path, raw, backups=[])
        report.done.append(f"restored {path} from {backup} (saved {saved}); the damaged file is kept as {kept}")
        return
    if not missing:
        report.failed.append(f"cannot restore {path}: it is damaged and has no readable backup; it was left as it is")


def _keep_damaged(layout: Layout, path: Path) -> Path:
    kept = layout.damaged_copy(path, datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f"))
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        files.keep_copy(path, kept)
    except OSError as exc:
        raise StoreError(
            f"cannot keep a copy of the damaged file {path}: {files.reason(exc)}; nothing was changed"
        ) from None
    return kept
