"""The derived-data cache (store.derived) and the store's write counts.

Values are computed once per file revision; a deleted or damaged cache is
rebuilt without an error; verify's remembered outcomes never hide a change.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from store import Register, files


@pytest.fixture
def register(folder_register: Register) -> Register:
    """Files, backups, restore and the file-keyed cache are a register folder's own."""
    return folder_register


class Counting:
    """A compute function that records which partnerships it was asked for."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, pid: str) -> dict:
        self.asked.append(pid)
        return {"pid": pid}


@pytest.fixture
def three(register: Register) -> list[str]:
    return [register.add_partnership(name)["id"] for name in ("Alpha", "Bravo", "Charlie")]


def test_values_are_computed_once_then_again_only_for_a_changed_partnership(register: Register, three) -> None:
    first = Counting()
    assert register.derived("test", "k1", first) == {pid: {"pid": pid} for pid in three}
    assert sorted(first.asked) == sorted(three)

    again = Counting()
    assert register.derived("test", "k1", again) == {pid: {"pid": pid} for pid in three}
    assert again.asked == []

    register.update_partnership(three[1], purpose="Joint tasking")
    after = Counting()
    register.derived("test", "k1", after)
    assert after.asked == [three[1]]


def test_names_read_with_one_versions_never_keep_a_value_newer_than_its_version(register: Register, three) -> None:
    """A report reads its flags and data-sheet columns with one Versions (one pass of stats):
    a partnership changed in between is computed again by the next reader."""
    versions = register.versions(three)
    register.derived("flags", "k", Counting(), versions=versions)
    register.update_partnership(three[0], purpose="Changed while the report ran")
    register.derived("sheet", "k", Counting(), versions=versions)

    for name in ("flags", "sheet"):
        later = Counting()
        register.derived(name, "k", later)
        assert later.asked == [three[0]]


def test_another_key_computes_every_value_again(register: Register, three) -> None:
    register.derived("test", "k1", Counting())
    other = Counting()
    register.derived("test", "k2", other)
    assert sorted(other.asked) == sorted(three)


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 1, "key": "k1", "values": [1, 2]}', None])
def test_a_deleted_or_damaged_cache_is_rebuilt(register: Register, three, damage: bytes | None) -> None:
    register.derived("test", "k1", Counting())
    cached = register.root / "derived" / "test.json"
    if damage is None:
        cached.unlink()
    else:
        cached.write_bytes(damage)
    rebuilt = Counting()
    assert register.derived("test", "k1", rebuilt) == {pid: {"pid": pid} for pid in three}
    assert sorted(rebuilt.asked) == sorted(three)
    assert sorted(json.loads(cached.read_bytes())["values"]) == sorted(three)


def test_a_reader_of_an_empty_register_creates_nothing(tmp_path: Path) -> None:
    register = Register.open(tmp_path / "none")
    assert register.derived("test", "k1", Counting()) == {}
    assert not (tmp_path / "none").exists()


def test_verify_remembers_outcomes_but_sees_a_changed_file(register: Register, complete: dict) -> None:
    register.sign_off(complete["id"], "Jo Bloggs", "Chief Executive", "approved")
    assert register.verify() == []
    assert register.verify() == []  # from the remembered outcome
    path = register.root / "partnerships" / f"{complete['partnership_id']}.json"
    path.write_text(path.read_text(encoding="utf-8").replace("no terms of reference", "terms agreed"), "utf-8")
    problems = register.verify()
    assert len(problems) == 1 and "no longer matches its digest" in problems[0]
    assert register.verify() == problems  # remembered with the same problem


def test_verify_reports_the_same_with_a_warm_cache_as_without(register: Register, complete: dict) -> None:
    register.sign_off(complete["id"], "Jo Bloggs", "Chief Executive", "approved")
    index = register.root / "index.json"
    entries = json.loads(index.read_bytes())
    for entry in entries["partnerships"].values():
        entry["open_actions"] = 7  # the index out of date
    index.write_bytes(files.dumps(entries))
    cold = register.verify()
    assert len(cold) == 1 and "out of date" in cold[0]
    assert register.verify() == cold
    (register.root / "derived" / "verify.json").unlink()
    assert register.verify() == cold


def written(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    monkeypatch.setattr(
        files, "on_write_step", lambda step, path: names.append(path.name) if step == "replaced" else None
    )
    return names


def test_a_sign_off_writes_its_file_once_and_the_index_once(
    register: Register, complete: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = written(monkeypatch)
    register.sign_off(complete["id"], "Jo Bloggs", "Chief Executive", "approved", sheet={"significance": "high"})
    assert names == [f"{complete['partnership_id']}.json", "index.json"]
    assert register.list_partnerships()[0]["significance"] == "high"


def test_an_approval_writes_its_file_once_and_the_index_once(
    register: Register, complete: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    signoff = register.sign_off(complete["id"], "Jo Bloggs", "Chief Executive", "approved")
    names = written(monkeypatch)
    register.approve(complete["partnership_id"], [signoff["id"]], "Jo Bloggs", "Chief Executive", "approved")
    assert names == [f"{complete['partnership_id']}.json", "index.json"]


def test_a_change_the_summary_does_not_show_leaves_the_index_alone(
    register: Register, pid: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    action = register.add_action(pid, "Agree terms of reference")
    names = written(monkeypatch)
    register.update_action(action["id"], owner="B. Smith")
    assert names == [f"{pid}.json"]


def test_the_index_is_written_compact(register: Register, pid: str) -> None:
    raw = (register.root / "index.json").read_bytes()
    assert raw.count(b"\n") == 1 and json.loads(raw)["partnerships"]


def test_a_reader_refreshes_the_cache_while_a_writer_holds_the_locks(register: Register, three, children) -> None:
    from store.layout import Layout
    from store.locks import locked

    layout = Layout(register.root)
    held, release = register.root / "held", register.root / "release"

    def writer() -> None:
        with (
            locked(layout.lock(layout.index), layout.index),
            locked(layout.lock(layout.partnership(three[0])), layout.partnership(three[0])),
        ):
            held.touch()
            while not release.exists():
                time.sleep(0.01)

    children.start(writer)
    deadline = time.monotonic() + 60  # only a child that died waits this long
    while not held.exists():
        assert time.monotonic() < deadline, "the writer never took the locks"
        time.sleep(0.01)
    try:
        reader = Counting()
        assert register.derived("test", "k1", reader) == {pid: {"pid": pid} for pid in three}
        assert sorted(reader.asked) == sorted(three)
    finally:
        release.touch()
    assert children.exit_statuses() == [0]


def test_verify_names_a_file_too_big_to_be_the_stores_even_with_a_warm_cache(
    register: Register, complete: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    register.sign_off(complete["id"], "Jo Bloggs", "Chief Executive", "approved")
    assert register.verify() == []
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    path = register.root / "partnerships" / f"{complete['partnership_id']}.json"
    problems = register.verify()  # the index is now too big as well: that is said too
    assert any(f"{path} is damaged" in line and "a register file is at most" in line for line in problems)
