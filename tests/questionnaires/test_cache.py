"""The library's cache of parsed files: an unchanged file is not parsed again,
a changed, added or removed one is, and a damaged cache is never the user's problem."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from questionnaires import cache, yaml_lines
from questionnaires.library import load_library, shipped_dir

SETTLED = time.time_ns() - 3_600 * 10**9  # an hour ago: long enough to be kept in the cache


@pytest.fixture(autouse=True)
def own_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "cache"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The YAML texts parsed from now on (their first line)."""
    seen: list[str] = []
    real = yaml_lines.load

    def counting(text: str, *args, **kwargs):
        seen.append(text.splitlines()[0] if text else "")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(yaml_lines, "load", counting)
    return seen


def own_questionnaire(folder: Path, title: str = "Mine", version: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mine.yaml"
    path.write_text(
        f"id: mine\ntitle: {title}\nversion: {version}\nsource: {{document: d, section: s}}\n"
        "sections:\n  - id: s1\n    title: One\n    questions:\n"
        '      - {id: q1, text: "Why?", type: yes_no}\n',
        encoding="utf-8",
    )
    os.utime(path, ns=(SETTLED, SETTLED))
    return path


def test_a_second_load_parses_no_yaml_and_gives_the_same_library(parses: list[str]) -> None:
    first = load_library()
    assert len(parses) == len(list(shipped_dir().glob("*.yaml")))
    parses.clear()
    second = load_library()
    assert parses == []
    assert list(second.definitions) == list(first.definitions)
    for qid, definition in first.definitions.items():
        again = second.definitions[qid]
        assert again.model == definition.model and again.path == definition.path
        assert again.visibility_order == definition.visibility_order and again.rules == definition.rules


def test_a_changed_file_is_read_again(tmp_path: Path, parses: list[str]) -> None:
    folder = tmp_path / "mine"
    path = own_questionnaire(folder, "Mine")
    assert load_library(extra_dirs=[folder]).get("mine").title == "Mine"
    parses.clear()
    own_questionnaire(folder, "Yours, changed", version=2)
    assert load_library(extra_dirs=[folder]).get("mine").title == "Yours, changed"
    assert parses == ["id: mine"]
    # same size, same content length, a new mtime: still seen
    path.write_text(path.read_text().replace("Yours, changed", "Ours, changed!"), encoding="utf-8")
    os.utime(path, ns=(SETTLED + 10**9, SETTLED + 10**9))
    assert load_library(extra_dirs=[folder]).get("mine").title == "Ours, changed!"


def test_a_file_changed_twice_within_one_clock_tick_is_not_missed(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    path = folder / "mine.yaml"
    own_questionnaire(folder, "First")
    now = time.time_ns()
    os.utime(path, ns=(now, now))  # just written: not kept yet
    assert load_library(extra_dirs=[folder]).get("mine").title == "First"
    path.write_text(path.read_text().replace("First", "Other"), encoding="utf-8")
    os.utime(path, ns=(now, now))  # the same size and mtime
    assert load_library(extra_dirs=[folder]).get("mine").title == "Other"


def test_added_and_removed_files_are_seen(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    assert "mine" not in load_library(extra_dirs=[folder]).definitions
    path = own_questionnaire(folder)
    assert "mine" in load_library(extra_dirs=[folder]).definitions
    path.unlink()
    assert "mine" not in load_library(extra_dirs=[folder]).definitions


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b"[]", b'{"stamp": 1, "files": []}', b"\xff\xfe", None],
    ids=["empty", "not-json", "a-list", "wrong-shape", "not-utf8", "a-folder"],
)
def test_a_damaged_cache_is_ignored_and_rewritten(damage: bytes | None, parses: list[str]) -> None:
    load_library()
    path = cache.cache_path()
    if damage is None:
        path.unlink()
        path.mkdir()
    else:
        path.write_bytes(damage)
    parses.clear()
    assert "key-principles" in load_library().definitions
    assert len(parses) == len(list(shipped_dir().glob("*.yaml")))
    if damage is not None:
        parses.clear()
        load_library()
        assert parses == []


def test_cached_data_that_no_longer_validates_is_read_from_the_file(tmp_path: Path) -> None:
    """Whatever the cache holds, problems are reported from the file, with their lines."""
    load_library()
    path = cache.cache_path()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"id": "key-principles"', '"id": "Not An Id"', 1), encoding="utf-8")
    assert load_library().get("key-principles").id == "key-principles"


def test_an_unwritable_cache_folder_costs_only_time(own_cache_folder: Path) -> None:
    own_cache_folder.mkdir()
    (own_cache_folder / "pwiz").write_text("a file where the folder should be")
    assert "key-principles" in load_library().definitions


def test_a_bad_user_file_is_still_reported_every_time(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(shipped_dir() / "scope.yaml", folder / "broken.yaml")
    broken = folder / "broken.yaml"
    broken.write_text(broken.read_text().replace("id: scope", "id: scope\nbogus: 1", 1))
    line = broken.read_text().splitlines().index("bogus: 1") + 1
    os.utime(broken, ns=(SETTLED, SETTLED))
    for _ in range(2):
        skipped = load_library(extra_dirs=[folder]).skipped
        assert [str(p) for p in skipped] == [
            f"{broken}:{line}: unknown field 'bogus' (fix: remove it; allowed fields are computed, description, id, languages, outcomes, "
            "schema_version, sections, source, title, version)"
        ]
