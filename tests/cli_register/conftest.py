"""Register commands run as `pwiz` subprocesses on a scratch register, which
tests fill through the store API when they need assessments or sign-offs."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Register
from store.location import open_register


@pytest.fixture
def register(register_where: str) -> Register:
    """The register the `pwiz` fixture's commands run on (a folder, or the shared register)."""
    return open_register(register_where)


@pytest.fixture
def complete_assessment(register: Register) -> dict:
    """A complete key-principles assessment of "Safer Streets", ready to sign off."""
    pid = register.add_partnership("Safer Streets", type="strategic")["id"]
    aid = register.start_assessment(pid, "key-principles", 1)["id"]
    register.save_answers(aid, {"kp-1": {"value": "Yes"}, "kp-2": {"value": "Unclear", "note": "ask the chair"}})
    return register.set_status(aid, "complete")


@pytest.fixture
def make_read_only() -> Iterator:
    """Make a folder tree read-only, even for root (chattr +i), until the test ends."""
    frozen: list[Path] = []
    as_root = os.geteuid() == 0
    if as_root and shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a folder read-only")

    def freeze(root: Path) -> None:
        for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
            folder.chmod(0o555)
            if as_root and subprocess.run(["chattr", "+i", folder], capture_output=True).returncode != 0:
                pytest.skip("this file system does not support chattr +i")
            frozen.append(folder)

    yield freeze
    for folder in frozen:
        if as_root:
            subprocess.run(["chattr", "-i", folder], check=True)
        folder.chmod(0o755)
