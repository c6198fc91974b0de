"""A damaged, locked, read-only or full register: one clear line, exit 1, no file damaged."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from store import Register
from wizard.cli.commands import cli


def files_of(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file() and "locks" not in p.parts}


def one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pwiz: error: "), stderr
    return lines[0]


def test_a_damaged_index_is_reported_then_restored(pwiz, register: Register) -> None:
    pid = register.add_partnership("Safer Streets")["id"]
    register.add_action(pid, "Agree terms of reference")  # so the index has a backup
    index = register.root / "index.json"
    index.write_bytes(b'{"partnerships": {"1": {"id": "p')
    damaged = index.read_bytes()

    listed = pwiz("partnership", "list")
    assert listed.returncode == 1
    error = one_error_line(listed.stderr)
    assert str(index) in error and "to rebuild it" in error and f"pwiz --db {register.root} restore" in error
    assert index.read_bytes() == damaged
    assert pwiz("partnership", "add", "Another").returncode == 1
    assert index.read_bytes() == damaged

    restored = pwiz("restore")
    assert restored.returncode == 0, restored.stderr
    assert "damaged" in restored.stdout and "Rebuilt the index" in restored.stdout
    assert pwiz("partnership", "list", "--json").returncode == 0
    assert pwiz("restore").stdout.startswith("Nothing to restore")


def test_a_damaged_partnership_file_is_restored_from_its_backup(pwiz, register: Register) -> None:
    pid = register.add_partnership("Safer Streets")["id"]
    register.update_partnership(pid, purpose="Before the damage")
    path = register.root / "partnerships" / f"{pid}.json"
    path.write_bytes(b"\x00\x00\x00")
    shown = pwiz("partnership", "show", pid)
    assert shown.returncode == 1 and str(path) in one_error_line(shown.stderr)

    restored = pwiz("restore")
    assert restored.returncode == 0
    assert f"Restored {path} from " in restored.stdout
    assert pwiz("partnership", "show", pid, "--json").returncode == 0


HOLD_LOCK = """
import sys, time, filelock
lock = filelock.FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_a_register_locked_by_another_process_gives_up_after_the_timeout(pwiz, register: Register) -> None:
    register.add_partnership("Safer Streets")
    before = files_of(register.root)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(register.root / "locks" / "index.lock")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = pwiz("partnership", "add", "Another", env={"PWIZ_LOCK_TIMEOUT": "0.5"})
        assert result.returncode == 1
        error = one_error_line(result.stderr)
        assert "index.json is locked by another pwiz session (waited 0.5 s)" in error and "try again" in error
        assert pwiz("partnership", "list").returncode == 0  # reading needs no lock
    finally:
        holder.kill()
        holder.wait()
    assert files_of(register.root) == before


def test_a_read_only_register_can_be_read_but_not_written(
    pwiz, register: Register, complete_assessment: dict, make_read_only
) -> None:
    before = files_of(register.root)
    make_read_only(register.root)

    for args in (
        ("partnership", "add", "Another"),
        ("signoff", complete_assessment["id"], "--by", "A", "--role", "B", "--decision", "approved"),
    ):
        result = pwiz(*args)
        assert result.returncode == 1
        error = one_error_line(result.stderr)
        assert "nothing was changed" in error
        assert "Permission denied" in error or "Operation not permitted" in error
    assert pwiz("partnership", "show", "Safer Streets").returncode == 0
    assert files_of(register.root) == before


def test_a_full_disk_is_one_clear_line_and_changes_nothing(register: Register, monkeypatch) -> None:
    pid = register.add_partnership("Safer Streets")["id"]
    before = files_of(register.root)

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", no_space)
    result = CliRunner().invoke(cli, ["--db", str(register.root), "partnership", "add", "Another"])
    monkeypatch.undo()
    assert result.exit_code == 1
    error = one_error_line(result.stderr)
    assert "No space left on device; nothing was changed" in error and "cannot write" in error
    assert files_of(register.root) == before
    assert [s["id"] for s in register.list_partnerships()] == [pid]
    assert not list(register.root.rglob("*.tmp"))
