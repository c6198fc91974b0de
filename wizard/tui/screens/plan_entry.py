"""Add an action to a partnership's action plan, or a risk to its risk register.

Opened with `a` on the partnership's "Actions & risks" tab: on the action
table it adds an action, on the risk table a risk. Returns the new record,
or None when cancelled. The register validates what is given (a due date
that is not a day, a score outside 1-5) and the dialog shows its one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from wizard.tui.app import PwizApp
from wizard.tui.display import esc
from wizard.tui.errors import FORM_ERRORS, describe
from wizard.tui.screens.dialog_keys import DIALOG_BINDINGS
from wizard.tui.widgets.key_bar import KeyBar
from wizard.typed import parse_day

SCORES = [
    (f"{score} {word}", score)
    for score, word in ((1, "(very low)"), (2, "(low)"), (3, "(medium)"), (4, "(high)"), (5, "(very high)"))
]


@dataclass(frozen=True)
class Field:
    name: str  # the register's field
    label: str
    placeholder: str = ""
    kind: str = "text"  # text, date (YYYY-MM-DD) or score (1-5)
    required: bool = False


@dataclass(frozen=True)
class Form:
    kind: str  # "action" or "risk": Governance.add_action or add_risk
    title: str
    fields: tuple[Field, ...]


ACTION = Form(
    "action",
    "Add an action to the action plan",
    (
        Field("text", "Action", "required: what is to be done", required=True),
        Field("owner", "Owner", "who will do it"),
        Field("due", "Due date", "YYYY-MM-DD", kind="date"),
    ),
)
RISK = Form(
    "risk",
    "Add a risk to the risk register",
    (
        Field("description", "Risk", "required: e.g. partner funding ends in March", required=True),
        Field("category", "Category", "e.g. financial, reputational, data"),
        Field("likelihood", "Likelihood", kind="score"),
        Field("impact", "Impact", kind="score"),
        Field("owner", "Owner", "who manages it"),
        Field("mitigation", "Mitigation", "what reduces it"),
    ),
)


class PlanEntryScreen(ModalScreen[dict[str, Any] | None]):
    """One form of the action plan or the risk register."""

    app = getters.app(PwizApp)  # typed: screens reach `governance`, `today`, `report`

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        *DIALOG_BINDINGS,
        Binding("escape", "cancel", "Cancel", id="plan-entry.cancel"),
        Binding("ctrl+s", "add", "Add", id="plan-entry.add", tooltip="Add it to the partnership's register"),
    ]

    def __init__(self, form: Form, partnership: dict[str, Any]) -> None:
        super().__init__()
        self.form = form
        self.partnership = partnership

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(classes="dialog", id="plan-entry-dialog"):
            yield Static(f"{self.form.title}\n{esc(self.partnership['name'])}", classes="dialog-title")
            for field in self.form.fields:  # a line each, so the risk form fits the smallest screen (70x20)
                with Horizontal(classes="form-row"):
                    yield Label(field.label, classes="row-label")
                    if field.kind == "score":
                        yield Select(SCORES, prompt="not scored", id=f"entry-{field.name}", compact=True)
                    else:
                        yield Input(placeholder=field.placeholder, id=f"entry-{field.name}", compact=True)
            yield Static("", id="entry-error", classes="error-line", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="entry-cancel")
                yield Button("Add", id="entry-confirm", variant="primary")

    def on_mount(self) -> None:
        self.query_one(f"#entry-{self.form.fields[0].name}").focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#entry-confirm")
    def action_add(self) -> None:
        try:
            values = {field.name: self._value(field) for field in self.form.fields}
            governance = self.app.governance
            add = governance.add_risk if self.form.kind == "risk" else governance.add_action
            record = add(self.partnership["id"], **values)
        except FORM_ERRORS as exc:
            error = self.query_one("#entry-error", Static)
            error.update(str(exc) if isinstance(exc, ValueError) else describe(exc))
            error.add_class("-shown")
            return
        self.dismiss(record)

    def _value(self, field: Field) -> Any:
        """What the field holds, as the register takes it; ValueError says what to fix."""
        widget = self.query_one(f"#entry-{field.name}")
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        text = self.query_one(f"#entry-{field.name}", Input).value.strip()
        if field.required and not text:
            widget.focus()
            raise ValueError(f"{field.label}: this cannot be left empty.")
        if field.kind == "date" and text:
            try:
                return parse_day(text).isoformat()
            except ValueError as exc:
                widget.focus()
                raise ValueError(f"{field.label}: {exc}") from None
        return text or None

    @on(Button.Pressed, "#entry-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
