"""A scratch register with a partnership and a draft assessment in it."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from store import Register


@pytest.fixture(autouse=True)
def short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that meets a lock fails in a second rather than five."""
    monkeypatch.setenv("PWIZ_LOCK_TIMEOUT", "1")


@pytest.fixture(params=["folder", "postgresql"])
def register(request: pytest.FixtureRequest, db_path: Path) -> Register:
    """The register every store test runs on: a folder, and the shared register on a real
    PostgreSQL server (tests/postgres_fixtures.py). A test only a folder has (files, backups,
    restore) asks for `folder_register` instead."""
    if request.param == "postgresql":
        from store.postgres.register import PgRegister

        return PgRegister(request.getfixturevalue("pg_url"))
    return Register.open(db_path)


@pytest.fixture
def folder_register(db_path: Path) -> Register:
    """A register folder: for what only a folder has (its files, backups, restore, crash safety)."""
    return Register.open(db_path)


def reopen(register: Register) -> Register:
    """The same register opened afresh, as another command (another process) would."""
    from store.location import open_register

    return open_register(getattr(register, "url", register.root))


@pytest.fixture
def pid(register: Register) -> str:
    return register.add_partnership("Safer Streets", type="strategic")["id"]


@pytest.fixture
def draft(register: Register, pid: str) -> dict:
    return register.start_assessment(pid, "key-principles", 1)


@pytest.fixture
def complete(register: Register, draft: dict) -> dict:
    """A complete assessment, ready for sign-off."""
    answers = {"kp-1": {"value": "Yes"}, "kp-2": {"value": "No", "note": "no terms of reference"}}
    register.save_answers(draft["id"], answers)
    return register.set_status(draft["id"], "complete")


class Children:
    """Functions run in forked child processes (a child that raises exits 1)."""

    def __init__(self) -> None:
        self.pids: list[int] = []

    def start(self, function: Callable[[], object]) -> int:
        child = os.fork()
        if child == 0:
            status = 1
            try:
                function()
                status = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(status)
        self.pids.append(child)
        return child

    def exit_statuses(self) -> list[int]:
        """Wait for every child; their exit statuses in start order."""
        return [os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) for child in self.pids]


@pytest.fixture
def children() -> Children:
    return Children()
