"""pwiz where the POSIX-only parts are absent, as on Windows (simulated: see without_posix/sitecustomize.py).

Most officers' desktops run Windows. No Windows machine is at hand here, so the
wizard, a save and an export run in a Linux Python from which the names a
Windows Python lacks are taken away: the wizard must start, save an answer,
quit cleanly, and the pack must be written and verified.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from store import Register
from tests.tui.test_terminal import Terminal, terminal_env

SHIM = Path(__file__).parent / "without_posix"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    pythonpath = os.pathsep.join([str(SHIM), *filter(None, [os.environ.get("PYTHONPATH")])])
    return {**terminal_env(tmp_path), "PYTHONPATH": pythonpath}


def pwiz(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wizard", *args], env=env, capture_output=True, text=True, timeout=120)


def test_the_simulation_takes_the_posix_parts_away(env):
    """Otherwise the test below would prove nothing."""
    probe = (
        "import os, signal, asyncio\n"
        "assert os.environ['PWIZ_SIMULATED_PLATFORM'] == 'without-posix'\n"
        "assert not hasattr(signal, 'SIGHUP') and not hasattr(os, 'link')\n"
        "try:\n    import fcntl\nexcept ImportError:\n    pass\nelse:\n    raise AssertionError('fcntl')\n"
        "try:\n    os.open('.', os.O_RDONLY)\nexcept PermissionError:\n    pass\n"
        "else:\n    raise AssertionError('a folder opened')\n"
        "loop = asyncio.new_event_loop()\n"
        "try:\n    loop.add_signal_handler(signal.SIGTERM, print)\nexcept NotImplementedError:\n    print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr


@pytest.mark.terminal
@pytest.mark.timeout(240)
def test_the_wizard_starts_saves_and_exports_without_the_posix_parts(env, tmp_path):
    added = pwiz(env, "partnership", "add", "Youth Justice Board")
    assert added.returncode == 0, added.stderr
    pid = added.stdout.strip()

    term = Terminal(env)
    term.wait_for("Youth Justice Board")
    term.press("enter")
    term.wait_for(r"Questionnaire\s+Need")
    term.press("down", "down", "enter")  # scope, significance, then key principles
    term.wait_for(r"0 of 23 answered")
    term.press("1")
    term.press("enter")
    term.wait_for(r"\b1 of 23 answered")
    term.press("ctrl+q")
    assert term.wait_exit() == 0
    term.assert_restored()

    register = Register.open(tmp_path / "register")
    [assessment] = [a for a in register.list_assessments(pid) if a["questionnaire_id"] == "key-principles"]
    assert [answer["value"] for answer in assessment["answers"].values()] == ["yes"]
    backups = [path for path in (tmp_path / "register" / "backups").iterdir() if path.name.startswith(pid)]
    assert backups and all(path.stat().st_nlink == 1 for path in backups), "backups are copies here, not links"

    exported = pwiz(env, "export", pid, "-o", str(tmp_path / "pack.pdf"))
    assert exported.returncode == 0, exported.stderr
    verified = pwiz(env, "verify", str(tmp_path / "pack.pdf"))
    # a draft is never verified as a decision, but the file is proven to be the one the register issued
    assert "ok: this file is exactly the pack issued from the register" in verified.stdout, verified.stdout
    assert "this is a DRAFT pack" in verified.stdout
