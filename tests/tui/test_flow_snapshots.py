"""SVG snapshot of the sign-off read-back at 80×24 (issue 14: what will be frozen, read before freezing)."""

from __future__ import annotations

from textual.widgets import Input

from wizard.tui.screens.signoff import SignOffScreen

from .conftest import CSP, SIZE, wait_for_screen, wait_until
from .test_snapshots import settle


def test_sign_off_read_back(snap_compare, make_app, governance, sample):
    aid = governance.latest(sample[CSP], "scope")["id"]

    async def run_before(pilot) -> None:
        await wait_for_screen(pilot, "HomeScreen")
        pilot.app.push_screen(SignOffScreen(aid))
        dialog = await wait_for_screen(pilot, "SignOffScreen")
        await pilot.press(*"Jane SmithChair")
        dialog.query_one("#signoff-consulted", Input).value = "Chair of the Authority, Vice-Chair"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog.has_class("-reading"), "the read-back")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
