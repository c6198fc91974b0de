"""Close a risk in the partnership's risk register, recording who closed it and why.

Returns the closed risk, or None when cancelled. The register stamps the
time; closing a risk already closed is refused with who, when and why.
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


class CloseRiskScreen(ModalScreen[dict[str, Any] | None]):
    """Who closes the risk, and why."""

    app = getters.app(PwizApp)  # typed: screens reach `governance`, `today`, `report`

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        *DIALOG_BINDINGS,
        Binding("escape", "cancel", "Cancel", id="close-risk.cancel"),
        Binding("ctrl+s", "close_risk", "Close it", id="close-risk.close", tooltip="Record the risk as closed"),
    ]

    def __init__(self, risk: dict[str, Any]) -> None:
        super().__init__()
        self.risk = risk

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(classes="dialog", id="close-risk-dialog"):
            yield Static("Close a risk", classes="dialog-title")
            yield Static(esc(self.risk["description"]), id="close-risk-text")
            yield Label("Closed by (required)", classes="field-label")
            yield Input(placeholder="Your name", id="close-risk-by")
            yield Label("Why (required)", classes="field-label")
            yield Input(placeholder="e.g. funding secured to 2030", id="close-risk-reason")
            yield Static("", id="close-risk-error", classes="error-line", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="close-risk-cancel")
                yield Button("Close it", id="close-risk-confirm", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close-risk-by", Input).focus()

    @on(Input.Submitted, "#close-risk-by")
    def _to_reason(self) -> None:
        self.query_one("#close-risk-reason", Input).focus()

    @on(Input.Submitted, "#close-risk-reason")
    @on(Button.Pressed, "#close-risk-confirm")
    def action_close_risk(self) -> None:
        by = self.query_one("#close-risk-by", Input).value.strip()
        reason = self.query_one("#close-risk-reason", Input).value.strip()
        error = self.query_one("#close-risk-error", Static)
        try:
            if not by:
                raise ValueError("Say who closes the risk.")
            if not reason:
                raise ValueError("Say why the risk is closed.")
            closed = self.app.governance.close_risk(self.risk["partnership_id"], self.risk["id"], by, reason)
        except FORM_ERRORS as exc:
            error.update(str(exc) if isinstance(exc, ValueError) else describe(exc))
            error.add_class("-shown")
            return
        self.dismiss(closed)

    @on(Button.Pressed, "#close-risk-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
