"""A failed write changes nothing; damaged files are reported, never overwritten,
and restored from backups; the index can always be rebuilt."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from store import CorruptRegisterError, LockedError, Register, StoreError


@pytest.fixture
def register(folder_register: Register) -> Register:
    """Files, backups, restore and the file-keyed cache are a register folder's own."""
    return folder_register


def files_of(register: Register) -> dict[str, bytes]:
    """Every register file's bytes (lock files hold nothing)."""
    return {
        str(path.relative_to(register.root)): path.read_bytes()
        for path in register.root.rglob("*")
        if path.is_file() and "locks" not in path.parts
    }


def fail_with(errno_code: int):
    def fail(*args, **kwargs):
        raise OSError(errno_code, os.strerror(errno_code))

    return fail


@pytest.mark.parametrize("call", ["open", "write", "fsync", "replace"])
def test_a_full_disk_changes_nothing(
    register: Register, draft: dict, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    register.save_answer(draft["id"], "kp-1", "Yes")
    before = files_of(register)
    with monkeypatch.context() as patched:
        patched.setattr(os, call, fail_with(errno.ENOSPC))
        no_space = r"cannot (write|lock) \S+p[0-9a-f]{6}\.json.*: No space left on device; nothing was changed"
        with pytest.raises(StoreError, match=no_space):
            register.save_answer(draft["id"], "kp-2", "No")
    assert files_of(register) == before
    assert register.save_answer(draft["id"], "kp-2", "No")["answers"]["kp-2"]["value"] == "No"


def test_files_are_sorted_indented_utf8_json(register: Register, draft: dict) -> None:
    register.save_answer(draft["id"], "kp-1", "Łódź ŵ 🤝")
    raw = (register.root / "partnerships" / f"{draft['partnership_id']}.json").read_bytes()
    assert "Łódź ŵ 🤝".encode() in raw
    data = json.loads(raw)
    assert raw.decode("utf-8") == json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def test_the_last_three_versions_are_kept_as_backups(register: Register, draft: dict) -> None:
    path = register.root / "partnerships" / f"{draft['partnership_id']}.json"
    versions = []
    for n in range(5):
        versions.append(path.read_bytes())
        register.save_answer(draft["id"], f"q{n}", n)
    backups = [register.root / "backups" / f"{path.name}.{n}" for n in (1, 2, 3)]
    assert [b.read_bytes() for b in backups] == versions[:-4:-1]
    assert not list(path.parent.glob("*.tmp"))


class TestDamagedFiles:
    def damage(self, path: Path) -> bytes:
        path.write_bytes(b'{"partnership": {"1": {"name": "half a fi')
        return path.read_bytes()

    def test_a_damaged_file_is_reported_and_left_alone(self, register: Register, draft: dict) -> None:
        register.save_answer(draft["id"], "kp-1", "Yes")
        path = register.root / "partnerships" / f"{draft['partnership_id']}.json"
        damaged = self.damage(path)
        for attempt in (
            lambda: register.get_assessment(draft["id"]),
            lambda: register.save_answer(draft["id"], "kp-2", "No"),
            lambda: register.add_action(draft["partnership_id"], "Do it"),
        ):
            with pytest.raises(CorruptRegisterError) as raised:
                attempt()
            message = str(raised.value)
            assert str(path) in message and "not valid JSON" in message and "line 1" in message
            assert f"a backup exists: run 'pwiz --db {register.root} restore'" in message
        assert path.read_bytes() == damaged

    def test_a_damaged_index_points_at_rebuilding_it(self, register: Register) -> None:
        index = register.root / "index.json"
        index.parent.mkdir(parents=True)
        index.write_bytes("\xff not utf-8".encode("latin-1"))
        with pytest.raises(
            CorruptRegisterError,
            match=r"not UTF-8 text at byte 0.*only summarises the partnership files.*to rebuild it",
        ):
            register.list_partnerships()

    def test_valid_json_that_is_not_a_register_file_is_damaged_too(self, register: Register, pid: str) -> None:
        (register.root / "index.json").write_text("[1, 2, 3]")
        with pytest.raises(CorruptRegisterError, match="not a register file"):
            register.list_partnerships()

    def test_restore_puts_back_the_newest_readable_backup(self, register: Register, draft: dict) -> None:
        for n in range(3):
            register.save_answer(draft["id"], f"q{n}", n)
        path = register.root / "partnerships" / f"{draft['partnership_id']}.json"
        newest_backup = register.root / "backups" / f"{path.name}.1"
        self.damage(newest_backup)  # a bad backup is skipped
        damaged = self.damage(path)

        report = register.restore()

        assert report.failed == []
        [restored] = [line for line in report.done if line.startswith("restored")]
        assert str(path) in restored and f"{path.name}.2" in restored and "damaged file is kept as" in restored
        assert set(register.get_assessment(draft["id"])["answers"]) == {"q0"}
        kept = list((register.root / "backups").glob(f"{path.name}.damaged-*"))
        assert [k.read_bytes() for k in kept] == [damaged]
        assert register.verify() == []

    def test_restore_reports_a_file_it_cannot_restore(self, register: Register, pid: str) -> None:
        path = register.root / "partnerships" / f"{pid}.json"
        damaged = self.damage(path)
        report = register.restore()
        assert report.failed == [
            f"cannot restore {path}: it is damaged and has no readable backup; it was left as it is"
        ]
        assert path.read_bytes() == damaged

    def test_restore_rebuilds_a_damaged_index_from_the_partnership_files(self, register: Register, pid: str) -> None:
        register.add_action(pid, "Do it")
        summaries = register.list_partnerships()
        self.damage(register.root / "index.json")
        report = register.restore()
        assert any("index" in line and "damaged" in line for line in report.done)
        assert any(line.startswith("rebuilt the index") for line in report.done)
        assert register.list_partnerships() == summaries

    def test_restore_with_nothing_damaged_does_nothing(self, register: Register, pid: str) -> None:
        before = files_of(register)
        assert register.restore().done == []
        assert files_of(register) == before


def test_an_index_left_behind_by_a_crash_is_reported_and_rebuilt(register: Register, pid: str) -> None:
    (register.root / "index.json").unlink()  # as if killed between the partnership file and the index
    [problem] = register.verify()
    assert pid in problem and "out of date" in problem and "restore" in problem
    register.restore()
    assert [s["id"] for s in register.list_partnerships()] == [pid]
    assert register.verify() == []


def test_when_the_index_cannot_be_written_the_message_says_what_was_saved(
    register: Register, pid: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = register.root / "index.json"
    os.chmod(index, 0o644)
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst) == index:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(StoreError, match=r"the change was saved in .*, but the index was not updated .*restore"):
        register.add_action(pid, "Do it")
    monkeypatch.undo()
    assert len(register.list_actions(pid)) == 1
    register.restore()
    assert register.list_partnerships()[0]["open_actions"] == 1


HOLD_LOCK = """
import sys, time, filelock
lock = filelock.FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_a_lock_held_by_another_process_gives_up_with_a_message(register: Register, draft: dict) -> None:
    lock = register.root / "locks" / f"{draft['partnership_id']}.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(lock)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        before = files_of(register)
        with pytest.raises(LockedError, match=r"p[0-9a-f]{6}\.json is locked by another pwiz session.*try again"):
            register.save_answer(draft["id"], "kp-1", "Yes")
        assert files_of(register) == before
        assert register.get_assessment(draft["id"])["answers"] == {}  # readers need no lock
    finally:
        holder.kill()
        holder.wait()
    register.save_answer(draft["id"], "kp-1", "Yes")


@pytest.mark.parametrize("given", ["1e400", "nan", "-1", "3601", "soon"])
def test_a_lock_wait_that_is_not_a_sensible_number_of_seconds_is_refused(
    register: Register, pid: str, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    monkeypatch.setenv("PWIZ_LOCK_TIMEOUT", given)
    with pytest.raises(StoreError, match=r"PWIZ_LOCK_TIMEOUT must be a number of seconds from 0 to 3600"):
        register.add_action(pid, "Do it")
