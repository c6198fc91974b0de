"""The wizard on a folder register on a network file system says once, as a warning
notification, that a shared register belongs on PostgreSQL (tests/network_seam.py says
how a folder here is made to count as a network one)."""

from __future__ import annotations

from pathlib import Path

import pytest

import store.network
from tests.network_seam import local_fs_type
from wizard.cli.context import AppContext
from wizard.cli.tui import build_app

from .conftest import wait_for_screen, wait_until


async def test_the_wizard_warns_of_a_network_folder_once(
    tmp_path: Path, register_path: Path, monkeypatch: pytest.MonkeyPatch
):
    widened = store.network.NETWORK_FS_TYPES | {local_fs_type(tmp_path)}
    monkeypatch.setattr(store.network, "NETWORK_FS_TYPES", widened)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no developer's questionnaires
    monkeypatch.setenv("TEXTUAL_FPS", "120")  # as build_app sets it, undone after the test
    app = build_app(AppContext(db_path=register_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        note = await wait_until(
            pilot, lambda: next((n for n in app._notifications if n.title == "Network folder"), None), "the warning"
        )
        assert note.severity == "warning"
        assert note.message.startswith(f"The register {register_path} is on a network file system (")
        assert "keep a shared register on PostgreSQL" in note.message
    assert build_app(AppContext(db_path=register_path)).start_warnings == []  # told once
