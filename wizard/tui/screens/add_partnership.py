"""Add a partnership: its name, and what the pack's data sheet needs first if known.

Name, type on the spectrum, purpose, accountable body, lead officer and
partners (names separated by commas): without them the approval pack's
data sheet is nearly all "—". Only the name is required; Enter or Ctrl+S
adds. Returns the new partnership record, or None when cancelled; the
partnership screen opens next, on its questionnaires (scope first).
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

TEXT_FIELDS = (  # (register field, label, placeholder), after the name and type
    ("purpose", "Purpose", "what it is for"),
    ("accountable_body", "Accountable body", "e.g. the County Council"),
    ("lead_officer", "Lead officer", "name, e.g. S. Clarke"),
    ("partners", "Partners", "names, separated by commas"),
)


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
            yield Static("Only the name is needed now; Tab to the next field, Enter adds.", classes="muted")
            with Horizontal(classes="form-row"):
                yield Label("Name", classes="row-label")
                yield Input(placeholder="required, e.g. Community Safety Partnership", id="add-name", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Type", classes="row-label")
                yield Select(
                    [(label, value) for value, label in display.TYPE_LABELS.items()],
                    prompt="on the partnership spectrum: not known yet",
                    id="add-type",
                    compact=True,
                )
            for field, label, placeholder in TEXT_FIELDS:
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="row-label")
                    yield Input(placeholder=placeholder, id=f"add-{field.replace('_', '-')}", compact=True)
            yield Static("", id="add-error", classes="error-line", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="add-cancel", compact=True)
                yield Button("Add", id="add-confirm", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#add-name", Input).focus()

    def _fields(self) -> dict[str, Any]:
        """What was given besides the name, as the register takes it."""
        fields: dict[str, Any] = {}
        kind = self.query_one("#add-type", Select).value
        if kind is not Select.NULL:
            fields["type"] = kind
        for field, _, _ in TEXT_FIELDS:
            typed = self.query_one(f"#add-{field.replace('_', '-')}", Input).value.strip()
            if field == "partners":
                fields[field] = [name.strip() for name in typed.split(",") if name.strip()]
            elif typed:
                fields[field] = typed
        return fields

    @on(Input.Submitted)
    @on(Button.Pressed, "#add-confirm")
    def action_add(self) -> None:
        name = self.query_one("#add-name", Input).value.strip()
        if not name:
            self._show_error("Give the partnership a name.")
            self.query_one("#add-name", Input).focus()
            return
        try:
            record = self.app.governance.add_partnership(name, **self._fields())
        except SHOWN_ERRORS as exc:
            self._show_error(describe(exc))
            return
        self.query_one("#add-error", Static).remove_class("-shown")
        self.dismiss(record)

    def _show_error(self, text: str) -> None:
        error = self.query_one("#add-error", Static)
        error.update(text)
        error.add_class("-shown")

    @on(Button.Pressed, "#add-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
