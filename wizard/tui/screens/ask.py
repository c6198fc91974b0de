"""A yes/no question asked once before something that changes many answers at a time.

Dismisses with True for yes (Y, or Enter on "Yes"), False for no (N, Escape).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from wizard.tui.screens.dialog_keys import DIALOG_BINDINGS
from wizard.tui.widgets.key_bar import KeyBar


class AskScreen(ModalScreen[bool]):
    """Ask one question; the answer is the result."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        *DIALOG_BINDINGS,
        Binding("y", "answer(True)", "Yes", id="ask.yes"),
        Binding("n,escape", "answer(False)", "No", key_display="N/Esc", id="ask.no"),
    ]

    def __init__(self, title: str, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.heading, self.question, self.yes = title, question, yes

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(classes="dialog", id="ask-dialog"):
            yield Static(self.heading, classes="dialog-title", markup=False)
            yield Static(self.question, id="ask-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("No (N)", id="ask-no", compact=True)
                yield Button(f"{self.yes} (Y)", id="ask-yes", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#ask-yes", Button).focus()

    @on(Button.Pressed, "#ask-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#ask-no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
