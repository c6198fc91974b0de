"""Add a partnership: its name (and, if known, its type and purpose).

Returns the new partnership record, or None when cancelled. The rest of
the data sheet is filled in on the partnership screen, which opens next.
"""

from __future__ import annotations

from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from wizard.tui import display
from wizard.tui.app import PwizApp
from wizard.tui.errors import SHOWN_ERRORS, describe
from wizard.tui.screens.dialog_keys import DIALOG_BINDINGS
from wizard.tui.widgets.key_bar import KeyBar


class AddPartnershipScreen(ModalScreen[dict[str, Any] | None]):
    """Name a new partnership and add it to the register."""

    app = getters.app(PwizApp)  # typed: screens reach `governance`, `today`, `report`

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        *DIALOG_BINDINGS,
        Binding("escape", "cancel", "Cancel", id="add.cancel"),
        Binding("ctrl+s", "add", "Add", id="add.add", tooltip="Add the partnership to the register"),
    ]

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(classes="dialog", id="add-dialog"):
            yield Static("Add a partnership", classes="dialog-title")
            yield Label("Name (required)", classes="field-label")
            yield Input(placeholder="e.g. Community Safety Partnership", id="add-name")
            yield Label("Type on the partnership spectrum", classes="field-label")
            yield Select(
                [(label, value) for value, label in display.TYPE_LABELS.items()],
                prompt="Not known yet",
                id="add-type",
            )
            yield Label("Purpose", classes="field-label")
            yield Input(placeholder="What it is for (you can add this later)", id="add-purpose")
            yield Static("", id="add-error", classes="error-line", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="add-cancel")
                yield Button("Add", id="add-confirm", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#add-name", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#add-confirm")
    def action_add(self) -> None:
        name = self.query_one("#add-name", Input).value.strip()
        error = self.query_one("#add-error", Static)
        if not name:
            self._show_error("Give the partnership a name.")
            self.query_one("#add-name", Input).focus()
            return
        fields: dict[str, Any] = {}
        kind = self.query_one("#add-type", Select).value
        if kind is not Select.NULL:
            fields["type"] = kind
        purpose = self.query_one("#add-purpose", Input).value.strip()
        if purpose:
            fields["purpose"] = purpose
        try:
            record = self.app.governance.add_partnership(name, **fields)
        except SHOWN_ERRORS as exc:
            self._show_error(describe(exc))
            return
        error.remove_class("-shown")
        self.dismiss(record)

    def _show_error(self, text: str) -> None:
        error = self.query_one("#add-error", Static)
        error.update(text)
        error.add_class("-shown")

    @on(Button.Pressed, "#add-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
