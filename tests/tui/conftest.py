"""Fixtures for the TUI tests: a scratch register on a frozen clock, the app,
and `wait_until`, which polls instead of sleeping for a fixed time."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Select

from questionnaires.library import load_library
from store import clock
from store.location import open_register
from wizard.service import Governance
from wizard.tui.app import PwizApp
from wizard.tui.sample import load_sample_register


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no asyncio plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    wanted = inspect.signature(pyfuncitem.obj).parameters
    arguments = {name: value for name, value in pyfuncitem.funcargs.items() if name in wanted}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


TODAY = date(2025, 11, 3)
NOW = datetime(2025, 11, 3, 9, 30, tzinfo=UTC)
SIZE = (80, 24)
LARGE = (160, 48)


@pytest.fixture(scope="session")
def library():
    """The shipped questionnaires only (a developer's own never leak in)."""
    return load_library(include_user_dir=False)


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Every timestamp the register writes is NOW."""
    monkeypatch.setattr(clock, "now", lambda: clock.stamp(NOW))
    return NOW


@pytest.fixture
def register_path(tmp_path: Path) -> Path:
    return tmp_path / "register"


@pytest.fixture
def governance(register_where: str, library, frozen_clock) -> Governance:
    """The wizard's service on the test's register (a folder, or the shared register: `both_registers`)."""
    return Governance(open_register(register_where), library)


@pytest.fixture
def sample(governance: Governance) -> dict[str, str]:
    """The sample register, loaded as of TODAY; name -> partnership id."""
    load_sample_register(governance, TODAY)
    return {s["name"]: s["id"] for s in governance.register.list_partnerships()}


@pytest.fixture
def make_app(governance: Governance) -> Callable[..., PwizApp]:
    def make(**kwargs: Any) -> PwizApp:
        return PwizApp(governance, today=TODAY, **kwargs)

    return make


async def wait_until(pilot, predicate: Callable[[], Any], what: str = "the condition", timeout: float = 20.0) -> Any:
    """Let the app work until `predicate()` is truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        await pilot.pause()
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        await asyncio.sleep(0.02)


def screen_named(app, name: str) -> bool:
    return type(app.screen).__name__ == name


async def wait_for_screen(pilot, name: str, timeout: float = 20.0):
    await wait_until(pilot, lambda: screen_named(pilot.app, name), f"the {name}", timeout)
    return pilot.app.screen


CSP = "[Sample] Community Safety Partnership"
LSP = "[Sample] Local Strategic Partnership"
WATCH = "[Sample] Neighbourhood Watch Liaison"
IOM = "[Sample] Integrated Offender Management Service"


def burst(app, *keys: str) -> None:
    """Keys arriving together, as from a quick typist: all queued before the app handles the first."""
    from textual import events

    for key in keys:
        app.post_message(events.Key({"-": "minus"}.get(key, key), key if len(key) == 1 else None))


async def press_r_on(pilot, questionnaire: str):
    """On the partnership screen, highlight a questionnaire and press `r`: the review dialog."""
    from textual.widgets import DataTable

    partnership = await wait_for_screen(pilot, "PartnershipScreen")
    table = partnership.query_one("#questionnaire-table", DataTable)
    await wait_until(pilot, lambda: partnership.rows, "the questionnaires")
    table.move_cursor(row=table.get_row_index(questionnaire))
    await pilot.pause()
    await pilot.press("r")
    return await wait_for_screen(pilot, "StartReviewScreen")


async def sign_in_dialog(pilot, by: str = "S. Clarke", role: str = "Chief Executive") -> str:
    """Fill the open sign-off (or approval) dialog, read it back, freeze it, close it; the read-back's text."""
    from textual.widgets import Input

    dialog = pilot.app.screen
    dialog.query_one("#signoff-by", Input).value = by
    dialog.query_one("#signoff-role", Input).value = role
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: dialog.has_class("-reading"), "the read-back")
    read_back = str(dialog.query_one("#signoff-readback-text").render())
    await pilot.press("enter")  # Freeze
    await wait_until(pilot, lambda: dialog.has_class("-signed"), "the digest")
    await pilot.press("escape")
    return read_back


async def fill_add_dialog(pilot, dialog) -> None:
    """Add "Youth Justice Board" with its data-sheet basics through the open add dialog (name typed)."""
    await pilot.press(*"Youth Justice Board")
    dialog.query_one("#add-type", Select).value = "service-delivery"
    dialog.query_one("#add-accountable-body", Input).value = "Shire County Council"
    dialog.query_one("#add-lead-officer", Input).value = "Ann Officer"
    dialog.query_one("#add-partners", Input).value = "Police, Probation Service, NHS Trust"
    await pilot.press("ctrl+s")
