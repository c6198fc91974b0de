"""Shared fixtures: a scratch register and `pwiz` run as a real subprocess."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bytecode import compile_pwiz

# A throw-away PostgreSQL server and a fresh database per test: pg_cluster, pg_template, pg_url.
pytest_plugins = ["tests.postgres_fixtures"]


@pytest.fixture(scope="session")
def test_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One user cache folder for the test run (per worker), never the developer's."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def own_state_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, test_cache_folder: Path) -> None:
    """The wizard keeps where each assessment was left in the user's state folder: each test has its own
    (subprocesses inherit it), so no test reads another's, or the developer's. The questionnaire
    library's cache is shared by the run's tests: it is keyed by each file's path, size and time, so
    sharing it changes no answer, and each `pwiz` process then skips parsing the shipped YAML
    (tests/questionnaires/test_cache.py gives its tests a folder of their own)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(test_cache_folder))
    # A shared register keeps its derived-data cache in the user's data folder (store.postgres.register).
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A register location that does not exist yet (created on first write)."""
    return tmp_path / "register"


@pytest.fixture
def register_where(request: pytest.FixtureRequest, db_path: Path) -> str:
    """Where the test's register is, as --db / PWIZ_DB name it: its folder, or, for a test marked
    `both_registers` (run once on each), a fresh database on the test PostgreSQL server."""
    if getattr(request, "param", "folder") == "postgresql":
        return request.getfixturevalue("pg_url")
    return str(db_path)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test marked `both_registers` runs on a register folder and on the shared register."""
    if metafunc.definition.get_closest_marker("both_registers") and "register_where" in metafunc.fixturenames:
        metafunc.parametrize("register_where", ["folder", "postgresql"], indirect=True)


@pytest.fixture
def pwiz(register_where: str, tmp_path: Path):
    """Run `pwiz ARGS...` as a subprocess on the scratch register.

    Returns the CompletedProcess; stdout/stderr are text. The user config
    folder is isolated so a developer's own questionnaires never leak in.
    """

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None, check_db: bool = True):
        full_env = dict(os.environ)
        full_env.update(
            {
                "PWIZ_DB": register_where,
                "XDG_CONFIG_HOME": str(tmp_path / "config"),
                "XDG_DATA_HOME": str(tmp_path / "data"),
                "PYTHONIOENCODING": "utf-8",
            }
        )
        if env:
            full_env.update(env)
        return subprocess.run(
            [sys.executable, "-m", "wizard", *args],
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=full_env,
            timeout=120,
        )

    return run


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # once, before the workers start
        compile_pwiz()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: half as many workers again as cores. Most end-to-end tests spend part of their
    time waiting (a Pilot's idle windows, a child `pwiz`, a pseudo-terminal); with one worker per
    core the two cores of a CI machine sat idle a quarter of the suite."""
    return max(2, (3 * (os.cpu_count() or 1) + 1) // 2)


# Tests that run pwiz end to end: as a process, on its screens, in a terminal, or through a PDF.
END_TO_END_FIXTURES = {"pwiz", "snap_compare"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Markers from where a test lives and what it uses, so none can be forgotten:

    - `pdf`: everything under tests/pdf;
    - `slow`: end to end: a `pwiz` process, the wizard's screens (Pilot, snapshots), a terminal,
      a PDF, or a long property run. `-m "not slow"` is the quick inner loop (the engine, the
      store, the questionnaires, typed values: under a minute); CI runs everything.

    Tests marked `long` are started first (a stable sort keeps the rest in order): started last,
    a 50-second journey had kept the whole run waiting on it while the other workers were idle."""
    pdf_folder = Path(__file__).parent / "pdf"
    # A test that edits or inspects a register folder's files by hand runs on a folder alone.
    items[:] = [item for item in items if not (item.get_closest_marker("folder_only") and "[postgresql" in item.nodeid)]
    items.sort(key=lambda item: item.get_closest_marker("long") is None)  # longest first: none ends the run alone
    for item in items:
        if item.path.is_relative_to(pdf_folder):
            item.add_marker(pytest.mark.pdf)
        function = getattr(item, "function", None)
        if (
            END_TO_END_FIXTURES & set(getattr(item, "fixturenames", ()))
            or inspect.iscoroutinefunction(function)  # the wizard driven by Textual's Pilot
            or item.get_closest_marker("terminal")
            or item.get_closest_marker("pdf")
        ):
            item.add_marker(pytest.mark.slow)
