"""`restore` never loses what a backup still holds, and never forgets a partnership silently.

A partnership file deleted, the whole partnerships/ folder deleted, a file and every
backup of it deleted: restore brings back what the backups hold, keeps what it cannot
bring back in the index marked lost (verify keeps failing and naming it), and drops it
only when told to with --forget.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store import Register, StoreError


@pytest.fixture
def register(folder_register: Register) -> Register:
    """Files, backups, restore and the file-keyed cache are a register folder's own."""
    return folder_register


@pytest.fixture
def signed(register: Register, complete: dict) -> dict:
    """A partnership with a signed-off assessment and a later write (so a backup holds the sign-off)."""
    register.sign_off(complete["id"], "A. Chief", "Chief Executive", "approved")
    register.add_action(complete["partnership_id"], "Publish the minutes")
    return complete


def partnership_file(register: Register, pid: str) -> Path:
    return register.root / "partnerships" / f"{pid}.json"


def test_a_deleted_partnership_file_comes_back_from_its_newest_backup(register: Register, signed: dict) -> None:
    pid = signed["partnership_id"]
    other = register.add_partnership("Other Partnership")["id"]
    partnership_file(register, pid).unlink()
    [problem] = register.verify()
    assert pid in problem and "restore" in problem

    report = register.restore()

    assert report.failed == []
    restored = [
        line
        for line in report.done
        if line.startswith(f"restored {partnership_file(register, pid)}, which was missing")
    ]
    assert restored and f"backups/{pid}.json.1" in restored[0]
    assert register.list_signoffs(pid) and register.get_assessment(signed["id"])["status"] == "signed-off"
    assert {s["id"] for s in register.list_partnerships()} == {pid, other}
    assert register.verify() == []


def test_the_whole_partnerships_folder_deleted_comes_back_from_the_backups(register: Register, signed: dict) -> None:
    pid = signed["partnership_id"]
    other = register.add_partnership("Other Partnership")["id"]
    register.add_action(other, "Agree terms")  # a second write: the first version is in a backup
    shutil.rmtree(register.root / "partnerships")

    report = register.restore()

    assert report.failed == []
    assert sum(line.startswith("restored ") for line in report.done) == 2
    assert {s["id"] for s in register.list_partnerships()} == {pid, other}
    assert register.list_signoffs(pid)
    assert register.verify() == []


def test_a_file_and_every_backup_deleted_is_kept_as_lost_until_forgotten(register: Register, signed: dict) -> None:
    pid = signed["partnership_id"]
    keep = register.add_partnership("Other Partnership")["id"]
    partnership_file(register, pid).unlink()
    for backup in (register.root / "backups").glob(f"{pid}.json.*"):
        backup.unlink()

    report = register.restore()

    [failed] = report.failed
    assert failed.startswith(f"partnership {pid} (Safer Streets) is lost: its file") and f"--forget {pid}" in failed
    [entry] = [s for s in register.list_partnerships() if s["id"] == pid]
    assert entry["lost"] is True and entry["name"] == "Safer Streets"
    problems = register.verify()
    assert any(p.startswith(f"partnership {pid} (Safer Streets) is lost") for p in problems)
    assert register.restore().failed == [failed]  # restoring again changes nothing and still says so

    with pytest.raises(StoreError, match="is neither lost nor missing sign-offs"):
        register.restore(forget=[keep])
    assert {s["id"] for s in register.list_partnerships()} == {pid, keep}

    report = register.restore(forget=[pid])
    assert report.failed == [] and any(line.startswith(f"forgot the lost partnership {pid}") for line in report.done)
    assert [s["id"] for s in register.list_partnerships()] == [keep]
    assert register.verify() == []


def test_restore_and_forget_from_the_command_line(pwiz, register: Register, signed: dict) -> None:
    pid = signed["partnership_id"]
    partnership_file(register, pid).unlink()
    for backup in (register.root / "backups").glob(f"{pid}.json.*"):
        backup.unlink()
    done = pwiz("restore")
    assert done.returncode == 1 and f"pwiz: error: partnership {pid} (Safer Streets) is lost" in done.stderr
    assert pwiz("verify").returncode == 1
    done = pwiz("restore", "--forget", pid)
    assert done.returncode == 0 and f"Forgot the lost partnership {pid}" in done.stdout
    assert pwiz("verify").returncode == 0
