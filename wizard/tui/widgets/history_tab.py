"""A partnership's history: who changed what, and when, newest first (wizard.history).

Read each time the tab is shown, so it includes what was just saved. Each entry is two
lines: when and who, then what changed, wrapped to the width; every piece is plain text
(rich Text), so brackets, right-to-left and CJK text people typed are shown as typed. A
register folder keeps no audit trail: the tab says so in the store's one line.
"""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static, TabPane

from wizard.tui.app import PwizApp
from wizard.tui.errors import SHOWN_ERRORS


class HistoryTab(TabPane):
    """The history tab of one partnership (filled whenever it is shown)."""

    app = getters.app(PwizApp)

    def __init__(self, title: str, partnership_id: str, *, id: str | None = None) -> None:
        super().__init__(title, id=id)
        self.pid = partnership_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history-scroll"):
            yield Static("", classes="table-title", id="history-title", markup=False)
            yield Static("", id="history-entries", markup=False)

    def on_show(self) -> None:
        self.show()

    def show(self) -> None:
        """Read the history again and show it, newest first."""
        title = self.query_one("#history-title", Static)
        shown = self.query_one("#history-entries", Static)
        try:
            entries = self.app.governance.history(self.pid)
        except SHOWN_ERRORS as exc:  # a register folder (it keeps none), or the server out of reach
            title.update(Text(str(exc)))
            shown.update("")
            return
        title.update(
            Text.assemble(("History", "bold"), "  ", (f"{len(entries)} change(s), newest first", "dim"))
            if entries
            else Text("No changes recorded.")
        )
        shown.update(
            Group(
                *(
                    Group(Text(f"{entry.when} · {entry.who}", style="dim"), Padding(Text(entry.what), (0, 0, 1, 2)))
                    for entry in reversed(entries)
                )
            )
        )
