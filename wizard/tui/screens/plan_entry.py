"""Add an action to a partnership's action plan, or a risk to its risk register; review a risk.

Opened with `a` on the partnership's "Actions & risks" tab: on the action
table it adds an action, on the risk table a risk; `u` on a risk opens the
same form filled with it, to rescore, reassign or treat it, and on an open
action asks who does it and by when. Returns the new or changed record,
or None when cancelled. The register validates what is
given (a due date that is not a day, a score outside 1-5) and the dialog
shows its one line.
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
from wizard.wording import IMPACT_WORDS, LIKELIHOOD_WORDS, NOT_SCORED

LIKELIHOODS = tuple((f"{score} {word}", score) for score, word in LIKELIHOOD_WORDS.items())
IMPACTS = tuple((f"{score} {word}", score) for score, word in IMPACT_WORDS.items())
# Closing a risk is its own dialog (close_risk.py): it records who and why.
STATUSES = (("open", "open"), ("treated", "treated"), ("accepted", "accepted"))


@dataclass(frozen=True)
class Field:
    name: str  # the register's field
    label: str
    placeholder: str = ""
    kind: str = "text"  # text or date (DD/MM/YYYY or YYYY-MM-DD); a field with `choices` is picked from them
    required: bool = False
    choices: tuple[tuple[str, Any], ...] = ()
    prompt: str = NOT_SCORED  # what a blank choice reads


@dataclass(frozen=True)
class Form:
    kind: str  # "action", "risk" (Governance.add_action, add_risk), "risk review" (update_risk),
    # or "entry": a data-sheet entry's details, returned for the data sheet to save
    title: str
    fields: tuple[Field, ...]
    confirm: str = "Add"


ACTION = Form(
    "action",
    "Add an action to the action plan",
    (
        Field("text", "Action", "required: what is to be done", required=True),
        Field("owner", "Owner", "who will do it"),
        Field("due", "Due date", "YYYY-MM-DD", kind="date"),
    ),
)
ACTION_OWNER = Form(
    "action owner",
    "Who does it, and by when",
    (Field("owner", "Owner", "who will do it"), Field("due", "Due date", "DD/MM/YYYY or YYYY-MM-DD", kind="date")),
    confirm="Save",
)
RISK = Form(
    "risk",
    "Add a risk to the risk register",
    (
        Field("description", "Risk", "required: e.g. partner funding ends in March", required=True),
        Field("category", "Category", "e.g. financial, reputational, data"),
        Field("likelihood", "Likelihood", choices=LIKELIHOODS),
        Field("impact", "Impact", choices=IMPACTS),
        Field("owner", "Owner", "who manages it"),
        Field("mitigation", "Mitigation", "what reduces it"),
    ),
)
RISK_REVIEW = Form(
    "risk review",
    "Review a risk",
    (
        Field("likelihood", "Likelihood", choices=LIKELIHOODS),
        Field("impact", "Impact", choices=IMPACTS),
        Field("owner", "Owner", "who manages it"),
        Field("mitigation", "Mitigation", "what is done to reduce it"),
        Field("target_likelihood", "Target L", choices=LIKELIHOODS),
        Field("target_impact", "Target I", choices=IMPACTS),
        Field("review_due", "Next review", "empty: at the partnership's interval", kind="date"),
        Field("status", "Status", choices=STATUSES),
    ),
    confirm="Save",
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

    def __init__(self, form: Form, partnership: dict[str, Any], record: dict[str, Any] | None = None) -> None:
        """`record`: the action or risk an "action owner" or "risk review" form changes (it fills the form)."""
        super().__init__()
        self.form = form
        self.partnership = partnership
        self.record = record

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(classes="dialog", id="plan-entry-dialog"):
            record = self.record or {}
            about = record.get("description") or record.get("text") or record.get("name") or self.partnership["name"]
            yield Static(f"{self.form.title}\n{esc(about)}", classes="dialog-title")
            given = self.record or {}
            for field in self.form.fields:  # a line each, so the risk form fits the smallest screen (70x20)
                with Horizontal(classes="form-row"):
                    yield Label(field.label, classes="row-label")
                    if field.choices:
                        yield Select(
                            field.choices,
                            prompt=field.prompt,
                            id=f"entry-{field.name}",
                            compact=True,
                            value=given.get(field.name) or Select.NULL,
                            allow_blank=field.name != "status",  # a risk always has a status
                        )
                    else:
                        yield Input(
                            str(given.get(field.name) or ""),
                            placeholder=field.placeholder,
                            id=f"entry-{field.name}",
                            compact=True,
                        )
            yield Static("", id="entry-error", classes="error-line", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="entry-cancel")
                yield Button(self.form.confirm, id="entry-confirm", variant="primary")

    def on_mount(self) -> None:
        self.query_one(f"#entry-{self.form.fields[0].name}").focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#entry-confirm")
    def action_add(self) -> None:
        try:
            values = {field.name: self._value(field) for field in self.form.fields}
            record = self._save(values)
        except FORM_ERRORS as exc:
            error = self.query_one("#entry-error", Static)
            error.update(str(exc) if isinstance(exc, ValueError) else describe(exc))
            error.add_class("-shown")
            return
        self.dismiss(record)

    def _save(self, values: dict[str, Any]) -> dict[str, Any]:
        """Write what the form holds through the Governance verb its kind names."""
        if self.form.kind == "entry":
            return {**(self.record or {}), **values}
        governance = self.app.governance
        changing = (self.record or {}).get("id", "")
        if self.form.kind == "action owner":
            return governance.update_action(changing, **values)
        if self.form.kind == "risk review":
            return governance.update_risk(changing, **values)
        add = governance.add_risk if self.form.kind == "risk" else governance.add_action
        return add(self.partnership["id"], **values)

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
