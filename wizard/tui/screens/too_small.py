"""Shown instead of a broken layout while the terminal is below the minimum size."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static


class TooSmallScreen(ModalScreen[None]):
    """Please make the terminal bigger; closes itself once it is."""

    CSS_PATH = "dialogs.tcss"

    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self.min_width, self.min_height = width, height

    def compose(self) -> ComposeResult:
        yield Static(
            f"[b]Please make this window bigger.[/b]\n\npwiz needs at least {self.min_width}×{self.min_height} "
            f"characters; it is {self.app.size.width}×{self.app.size.height} now.\n\n"
            "Nothing is lost: it carries on as soon as there is room. Ctrl+Q quits.",
            id="too-small",
        )

    def on_resize(self) -> None:
        self.query_one("#too-small", Static).update(
            f"[b]Please make this window bigger.[/b]\n\npwiz needs at least {self.min_width}×{self.min_height} "
            f"characters; it is {self.app.size.width}×{self.app.size.height} now.\n\n"
            "Nothing is lost: it carries on as soon as there is room. Ctrl+Q quits."
        )
