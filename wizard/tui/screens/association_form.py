"""One association's Data & Evaluation Sheet (001), to add it or change it.

The data sheet above, today's evaluation below (001: the Association
Register is "updated on an annual basis"). The evaluation boxes start from
the newest evaluation; saving with any of them changed records an
evaluation dated today (replacing one already made today). Only the name is
required; Ctrl+S saves. Opened with `prefill` (from the scope outcome) for a
new association already filled from its partnership. Dismisses with the
saved record, or None.
"""

from __future__ import annotations

from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from wizard.datasheet_text import MEMBERSHIP_LABELS
from wizard.tui.app import PwizApp
from wizard.tui.errors import FORM_ERRORS, SHOWN_ERRORS, describe
from wizard.tui.screens.dialog_keys import DIALOG_BINDINGS
from wizard.tui.widgets.key_bar import KeyBar
from wizard.typed import parse_day, parse_pounds

# The store's values (store/associations.py) as officers read them.
KIND_LABELS = {
    "association": "Association",
    "group": "Group",
    "professional-body": "Professional body",
    "network": "Network of relationships",
}
STATUS_LABELS = {"proposed": "Proposed", "active": "Active", "ended": "Ended"}
ANSWER_LABELS = {"yes": "Yes", "no": "No", "unclear": "Unclear"}
RECOMMENDATION_LABELS = {"continue": "Continue", "review": "Review", "leave": "Leave"}

# (field, label, what it takes): a text box, or a list of choices.
SHEET = (
    ("name", "Name", "required, e.g. Association of Police Authorities"),
    ("kind", "Kind", KIND_LABELS),
    ("purpose", "Purpose", "what it is for"),
    ("members", "Members", "elected members who belong, separated by commas"),
    ("officers", "Officers", "officers who belong, separated by commas"),
    ("membership_held_by", "Held by", MEMBERSHIP_LABELS),
    ("organisations", "Organisations", "the other bodies in it, separated by commas"),
    ("contact", "Contact", "its contact or address"),
    ("subscription", "Subscription £", "a year, e.g. 1,200"),
    ("joined_on", "Joined", "DD/MM/YYYY"),
    ("approved_by", "Approved by", "001: the Chief Executive"),
    ("approved_on", "Approved on", "DD/MM/YYYY"),
    ("status", "Status", STATUS_LABELS),
)
EVALUATION = (
    ("evaluated_by", "Evaluated by", "who evaluates it (needed to record an evaluation)"),
    ("benefit", "Benefit", "how the Authority benefits"),
    ("reports_back", "Reports back", ANSWER_LABELS),
    ("corporate_views", "Corporate views", ANSWER_LABELS),
    ("equality_conflict", "Equality conflict", ANSWER_LABELS),
    ("recommendation", "Recommendation", RECOMMENDATION_LABELS),
    ("notes", "Notes", "anything else"),
)
LISTS = ("members", "officers", "organisations")
DATES = ("joined_on", "approved_on")


class AssociationFormScreen(ModalScreen[dict[str, Any] | None]):
    """Add an association, or change one (`association_id`)."""

    app = getters.app(PwizApp)  # typed: screens reach `governance`, `today`, `report`

    CSS_PATH = "dialogs.tcss"
    CSS = """
    #association-dialog { width: 80; max-width: 100%; height: 100%; max-height: 32; }
    #association-form { height: 1fr; }
    #association-dialog .form-row > .row-label { width: 18; }
    #association-dialog .form-row > Input, #association-dialog .form-row > Select { width: 1fr; }
    """
    BINDINGS = [
        *DIALOG_BINDINGS,
        Binding("escape", "cancel", "Cancel", id="association-form.cancel"),
        Binding("ctrl+s", "save", "Save", id="association-form.save", tooltip="Save the data and evaluation sheet"),
    ]

    def __init__(self, association_id: str | None = None, prefill: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.association_id = association_id
        self.record: dict[str, Any] = dict(prefill or {})
        self.revision: int | None = None

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(classes="dialog", id="association-dialog"):
            title = "Change the association" if self.association_id else "Record an association"
            yield Static(title, classes="dialog-title")
            yield Static("Only the name is needed; Tab to the next field, Enter or Ctrl+S saves.", classes="muted")
            with VerticalScroll(id="association-form"):
                yield Static("[b]Data sheet[/b]", classes="muted")
                yield from _rows(SHEET)
                yield Static("[b]Evaluation[/b] (recorded today if anything below changes)", classes="muted")
                yield from _rows(EVALUATION)
            yield Static("", id="association-error", classes="error-line", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="association-cancel", compact=True)
                yield Button("Save", id="association-save", variant="primary", compact=True)

    def on_mount(self) -> None:
        if self.association_id is not None:
            try:
                self.record = self.app.governance.association(self.association_id)
            except SHOWN_ERRORS as exc:
                self.app.report(exc, "Cannot open the association")
                self.dismiss(None)
                return
            self.revision = self.record["revision"]
        self._fill()
        self.query_one("#association-name", Input).focus()

    def _fill(self) -> None:
        values = dict(self.record)
        members = values.get("members") or []
        values["members"] = [m["name"] for m in members if m["kind"] == "member"]
        values["officers"] = [m["name"] for m in members if m["kind"] == "officer"]
        values |= (self.record.get("evaluations") or [{}])[-1]
        for field, _, takes in (*SHEET, *EVALUATION):
            value = values.get(field)
            if isinstance(takes, dict):
                self.query_one(_id(field), Select).value = value if value in takes else Select.NULL
            elif value not in (None, []):
                text = ", ".join(value) if field in LISTS else f"{value:,.2f}" if field == "subscription" else value
                self.query_one(_id(field), Input).value = str(text)

    def _typed(self, rows: tuple) -> dict[str, Any]:
        """What the boxes hold, field -> value (None when empty)."""
        values: dict[str, Any] = {}
        for field, _, takes in rows:
            if isinstance(takes, dict):
                chosen = self.query_one(_id(field), Select).value
                values[field] = None if chosen is Select.NULL else chosen
            else:
                text = self.query_one(_id(field), Input).value.strip()
                values[field] = [n.strip() for n in text.split(",") if n.strip()] if field in LISTS else text or None
        return values

    def _sheet(self) -> dict[str, Any]:
        """The data sheet as the register takes it; ValueError naming a box that cannot be read."""
        sheet = self._typed(SHEET)
        sheet["members"] = [{"name": n, "kind": "member"} for n in sheet["members"]] + [
            {"name": n, "kind": "officer"} for n in sheet.pop("officers")
        ]
        if sheet["subscription"] is not None:
            sheet["subscription"] = parse_pounds(sheet["subscription"])
        for field in DATES:
            if sheet[field] is not None:
                sheet[field] = parse_day(sheet[field]).isoformat()
        if sheet["status"] is None:
            sheet.pop("status")
        if self.record.get("partnership_id"):
            sheet["partnership_id"] = self.record["partnership_id"]
        return sheet

    def _evaluation(self) -> dict[str, Any] | None:
        """Today's evaluation when a box of it differs from the newest one, else None."""
        typed = self._typed(EVALUATION)
        newest = (self.record.get("evaluations") or [{}])[-1]
        if all(typed[field] == newest.get(field) for field, _, _ in EVALUATION):
            return None
        return {**typed, "evaluated_on": self.app.today.isoformat()}

    @on(Input.Submitted)
    @on(Button.Pressed, "#association-save")
    def action_save(self) -> None:
        governance = self.app.governance
        try:
            sheet = self._sheet()
            evaluation = self._evaluation()
            if self.association_id is None:
                saved = governance.add_association(sheet.pop("name") or "", evaluation, **sheet)
            else:
                saved = governance.update_association(self.association_id, self.revision, evaluation, **sheet)
        except FORM_ERRORS as exc:
            self._show_error(describe(exc))
            return
        self.dismiss(saved)

    def _show_error(self, text: str) -> None:
        error = self.query_one("#association-error", Static)
        error.update(text)
        error.add_class("-shown")

    @on(Button.Pressed, "#association-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _id(field: str) -> str:
    return f"#association-{field.replace('_', '-')}"


def _rows(rows: tuple) -> ComposeResult:
    for field, label, takes in rows:
        with Horizontal(classes="form-row"):
            yield Label(label, classes="row-label")
            if isinstance(takes, dict):
                options = [(text, value) for value, text in takes.items()]
                yield Select(options, prompt="not known", id=_id(field)[1:], compact=True)
            else:
                yield Input(placeholder=takes, id=_id(field)[1:], compact=True)
