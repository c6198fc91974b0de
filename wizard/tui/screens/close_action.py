"""Close an action from the partnership's action plan, recording who closed it.

Returns the closed action, or None when cancelled. The register stamps the
time; closing an action already closed is refused with who and when.
"""

from __future__ import annotations

from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from wizard.tui.app import PwizApp
from wizard.tui.display import esc
from wizard.tui.errors import FORM_ERRORS, describe
from wizard.tui.screens.dialog_keys import DIALOG_BINDINGS
from wizard.tui.widgets.key_bar import KeyBar


class CloseActionScreen(ModalScreen[dict[str, Any] | None]):
    """Who closes the action."""

    app = getters.app(PwizApp)  # typed: screens reach `governance`, `today`, `report`

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        *DIALOG_BINDINGS,
        Binding("escape", "cancel", "Cancel", id="close-action.cancel"),
        Binding("ctrl+s", "close_action", "Close it", id="close-action.close", tooltip="Record the action as closed"),
    ]

    def __init__(self, action: dict[str, Any]) -> None:
        super().__init__()
        self.action = action

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(classes="dialog", id="close-action-dialog"):
            yield Static("Close an action", classes="dialog-title")
            yield Static(esc(self.action["text"]), id="close-action-text")
            yield Label("Closed by (required)", classes="field-label")
            yield Input(placeholder="Your name", id="close-action-by")
            yield Static("", id="close-action-error", classes="error-line")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="close-action-cancel")
                yield Button("Close it", id="close-action-confirm", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close-action-by", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#close-action-confirm")
    def action_close_action(self) -> None:
        by = self.query_one("#close-action-by", Input).value.strip()
        error = self.query_one("#close-action-error", Static)
        try:
            if not by:
                raise ValueError("Say who closes the action.")
            closed = self.app.governance.close_action(self.action["partnership_id"], self.action["id"], by)
        except FORM_ERRORS as exc:
            error.update(esc(str(exc) if isinstance(exc, ValueError) else describe(exc)))
            error.add_class("-shown")
            return
        self.dismiss(closed)

    @on(Button.Pressed, "#close-action-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
