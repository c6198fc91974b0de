"""F1: the help text (help.md, beside the app), scrollable, Esc to close."""

from __future__ import annotations

from importlib import resources

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Markdown

from wizard.tui.widgets.key_bar import KeyBar


def help_text() -> str:
    return resources.files("wizard.tui").joinpath("help.md").read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    """Keys and how pwiz saves."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("escape,f1", "close", "Close help", id="help.close"),
        Binding("ctrl+q", "app.quit", "Quit", key_display="^q", id="help.quit", tooltip="Leave pwiz"),
    ]

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(classes="dialog", id="help-dialog"):
            yield Markdown(help_text(), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-text").focus()

    def action_close(self) -> None:
        self.dismiss(None)
