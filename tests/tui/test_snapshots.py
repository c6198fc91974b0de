"""SVG snapshots of the main screens at 80×24 and 160×48.

Everything time-dependent is frozen: the app's today, the register's clock
(sample sign-off dates count back from TODAY), and the cursor blink. The
background flag count is awaited before the picture is taken.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from wizard.tui.widgets.register_table import RegisterTable

from .conftest import CSP, LARGE, SIZE, wait_for_screen, wait_until

SIZES = pytest.mark.parametrize("size", [SIZE, LARGE], ids=["80x24", "160x48"])


async def settle(pilot) -> None:
    """Freeze cursor blink and let pending work finish."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False
    await pilot.pause()


@SIZES
def test_home(snap_compare, make_app, sample, size):
    async def run_before(pilot) -> None:
        home = await wait_for_screen(pilot, "HomeScreen")
        table = home.query_one(RegisterTable)
        await wait_until(pilot, lambda: len(table.flags) == 4, "the flag counts")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def test_home_empty_welcome(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await wait_for_screen(pilot, "HomeScreen")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


@SIZES
def test_assessment(snap_compare, make_app, sample, size):
    async def run_before(pilot) -> None:
        screen = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: screen.panel is not None, "the question")
        await settle(pilot)

    app = make_app(partnership_id=sample[CSP], questionnaire_id="key-principles")
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_summary(snap_compare, make_app, sample, size):
    async def run_before(pilot) -> None:
        screen = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: screen.panel is not None, "the question")
        await pilot.press("ctrl+s")
        summary = await wait_for_screen(pilot, "SummaryScreen")
        await wait_until(pilot, lambda: summary.result is not None, "the summary")
        await settle(pilot)

    app = make_app(partnership_id=sample[CSP], questionnaire_id="key-principles")
    assert snap_compare(app, terminal_size=size, run_before=run_before)
