"""The partnership's data sheet: a form whose fields save themselves.

A field saves on Enter, on leaving it, on choosing from a list; each value is
checked by the register, and a refused one shows its reason under the field
and is not saved. Posts `DataSheetTab.Saved` with the record after each save.
Enter on a partner or a representative opens its details (sector, contact,
role, accountable body; who appointed them, when, their delegation, how they
report back). The contract's value, term and renewal date are three fields of
one record (`contract`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import events, getters, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TabPane, TextArea

from wizard.datasheet_text import (
    MEMBERSHIP_LABELS,
    ORGANISATION_LABELS,
    SECTOR_LABELS,
    partner_line,
    representative_line,
)
from wizard.tui import display
from wizard.tui.app import PwizApp
from wizard.tui.errors import SHOWN_ERRORS, describe
from wizard.tui.screens.plan_entry import Field, Form, PlanEntryScreen
from wizard.tui.widgets.list_editor import ListEditor
from wizard.typed import parse_day, parse_pounds

SELECTS: dict[str, tuple[str, dict[str, str], bool]] = {
    # field: (label, choices, may be blank)
    "type": ("Type", display.TYPE_LABELS, True),
    "focus": ("Focus", display.FOCUS_LABELS, True),
    "basis": ("Basis", display.BASIS_LABELS, True),
    "level": ("Level", display.LEVEL_LABELS, True),
    "status": ("Status", display.STATUS_LABELS, False),
    "membership_held_by": ("Membership held by", MEMBERSHIP_LABELS, True),
    "organisation": ("Organisations", ORGANISATION_LABELS, True),
}
INPUTS: dict[str, tuple[str, str]] = {
    "name": ("Name", "required"),
    "accountable_body": ("Accountable body", "the organisation accountable for it"),
    "lead_officer": ("Lead officer", "who leads for us"),
    "financial_contribution": ("Our contribution £", "a yearly amount in pounds, e.g. 5000"),
    "start_date": ("Start date", "YYYY-MM-DD"),
    "review_timetable": ("Life span / review", "e.g. three years, reviewed annually"),
    "end_date": ("End date", "YYYY-MM-DD, when it ends"),
    "exit_strategy": ("Exit strategy", "how we would leave, and the grounds to"),
    "performance_methodology": ("Performance method", "how its performance is managed"),
    "contract_value": ("Contract value £", "a service-delivery contract's value"),
    "contract_term": ("Contract term", "months, e.g. 36"),
    "contract_renewal": ("Contract renewal", "YYYY-MM-DD"),
}
CONTRACT_PARTS = {"contract_value": "value", "contract_term": "term_months", "contract_renewal": "renewal_date"}
LISTS: dict[str, tuple[str, str, dict[str, str] | None]] = {
    "partners": ("Partners", "add a partner organisation, then Enter (Enter on one: details)", None),
    "representatives": (
        "Our representatives",
        "add a name, then Enter (Enter on one: details)",
        {"officer": "Officer", "member": "Member"},
    ),
    "sub_groups": ("Sub-groups, boards", "add a sub-group or board, then Enter", None),
}
LABELS = {"partners": partner_line, "representatives": representative_line}
DETAILS = {
    "partners": Form(
        "entry",
        "The partner's details",
        (
            Field(
                "sector",
                "Sector",
                choices=tuple((label, value) for value, label in SECTOR_LABELS.items()),
                prompt="Not recorded",
            ),
            Field("contact", "Contact", "who to contact there, and how"),
            Field("role", "Role", "what the partner brings or does"),
            Field("accountable", "Accountable", choices=(("Yes: the accountable body", True),), prompt="No"),
        ),
        confirm="Keep",
    ),
    "representatives": Form(
        "entry",
        "The representative's appointment",
        (
            Field("represents", "Represents", "which body they speak for, e.g. the Police Authority"),
            Field("appointed_by", "Agreed by", "members: the AGM; officers: the Chief Executive"),
            Field("appointed_on", "Agreed on", "DD/MM/YYYY or YYYY-MM-DD", kind="date"),
            Field("delegation", "Delegation", "their written delegation, or where it is"),
            Field("reports_back", "Reports to", "to whom they report back, and how"),
        ),
        confirm="Keep",
    ),
}
ORDER = (
    "name",
    "purpose",
    "type",
    "focus",
    "basis",
    "level",
    "status",
    "accountable_body",
    "lead_officer",
    "partners",
    "representatives",
    "sub_groups",
    "financial_contribution",
    "start_date",
    "review_timetable",
    "end_date",
    "exit_strategy",
    "membership_held_by",
    "organisation",
    "performance_methodology",
    "contract_value",
    "contract_term",
    "contract_renewal",
)


class DataSheetTab(TabPane):
    """The data sheet tab of one partnership (`show` fills it; until then it saves nothing)."""

    app = getters.app(PwizApp)

    @dataclass
    class Saved(Message):
        """A field was saved: `record` is the partnership as the register now holds it."""

        record: dict[str, Any]

    def __init__(self, title: str, partnership_id: str, *, id: str | None = None) -> None:
        super().__init__(title, id=id)
        self.pid = partnership_id
        self.record: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="datasheet-form"):
            yield from self._form_rows()

    def _form_rows(self) -> ComposeResult:
        for field in ORDER:
            with Horizontal(classes="form-row", id=f"row-{field}"):
                if field == "purpose":
                    yield Label("Purpose", classes="row-label")
                    yield TextArea(id="field-purpose", soft_wrap=True, tab_behavior="focus", compact=True)
                elif field in SELECTS:
                    label, choices, blank = SELECTS[field]
                    yield Label(label, classes="row-label")
                    yield Select(
                        [(text, value) for value, text in choices.items()],
                        allow_blank=blank,
                        prompt="Not recorded",
                        id=f"field-{field}",
                        compact=True,
                    )
                elif field in LISTS:
                    label, placeholder, kinds = LISTS[field]
                    yield Label(label, classes="row-label")
                    yield ListEditor(
                        [],
                        placeholder=placeholder,
                        kinds=kinds,
                        records=field in DETAILS,
                        label=LABELS.get(field),
                        id=f"field-{field}",
                    )
                else:
                    label, placeholder = INPUTS[field]
                    yield Label(label, classes="row-label")
                    yield Input(placeholder=placeholder, id=f"field-{field}", compact=True)
            yield Static("", id=f"error-{field}", classes="error-line field-error", markup=False)
        yield Static("", id="significance-line", classes="muted")

    def show(self, record: dict[str, Any]) -> None:
        """Fill the form from `record`."""
        self._fill(record, ORDER)

    def changed_elsewhere(self, record: dict[str, Any]) -> None:
        """Take `record` as read again after a sign-off or an approval changed it (status, facts
        from the answers): the fields it changed show the new value, so leaving the screen,
        which saves what differs, cannot put the old one back. Other fields stay as typed."""
        if not self.record:
            return
        self._fill(record, [f for f in ORDER if _normal(_current(record, f)) != _normal(_current(self.record, f))])

    def _fill(self, record: dict[str, Any], fields: list[str] | tuple[str, ...]) -> None:
        self.record = record
        for field in fields:
            widget = self.query_one(f"#field-{field}")
            value = _current(record, field)
            if isinstance(widget, TextArea):
                widget.text = value or ""
            elif isinstance(widget, Select):
                with widget.prevent(Select.Changed):
                    widget.value = value if value else (Select.NULL if SELECTS[field][2] else "proposed")
            elif isinstance(widget, ListEditor):
                widget.items = list(value or [])
                widget.call_after_refresh(widget.redraw)
            elif isinstance(widget, Input):
                widget.value = _as_text(field, value)
        self.show_significance(record)

    def show_significance(self, record: dict[str, Any]) -> None:
        line = "Significance is set by completing the significance questionnaire: "
        line += f"now {record.get('significance') or 'not assessed'}"
        self.query_one("#significance-line", Static).update(line)

    def save_pending(self) -> dict[str, Any]:
        """Save every field that differs from the register (used on leaving); the record as saved."""
        if self.record:
            for editor in self.query(ListEditor):
                editor.commit_pending()
            for field in ORDER:
                self._save_field(field)
        return self.record

    def _widget_value(self, field: str) -> Any:
        widget = self.query_one(f"#field-{field}")
        if isinstance(widget, TextArea):
            return widget.text.strip() or None
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        if isinstance(widget, ListEditor):
            return list(widget.items)
        text = self.query_one(f"#field-{field}", Input).value.strip()
        return text or None

    def _save_field(self, field: str) -> bool:
        """Save one field if it changed; show the reason under it if refused."""
        if not self.record:
            return False
        error = self.query_one(f"#error-{field}", Static)
        try:
            value = _parse(field, self._widget_value(field))
        except ValueError as exc:
            self._field_error(error, str(exc))
            return False
        current = _current(self.record, field)
        if _normal(current) == _normal(value):
            self._field_error(error, None)
            return True
        change = {field: value}
        if field in CONTRACT_PARTS:
            change = {"contract": {**(self.record.get("contract") or {}), CONTRACT_PARTS[field]: value}}
        try:
            self.record = self.app.governance.update_partnership(self.pid, **change)
        except SHOWN_ERRORS as exc:
            self._field_error(error, describe(exc))
            return False
        self._field_error(error, None)
        self.post_message(self.Saved(self.record))
        return True

    @staticmethod
    def _field_error(error: Static, text: str | None) -> None:
        error.update(text or "")
        error.set_class(bool(text), "-shown")

    def _field_of(self, widget: Widget) -> str | None:
        for node in (widget, *widget.ancestors):
            if node.id and node.id.startswith("field-"):
                return node.id.removeprefix("field-")
        return None

    @on(Input.Submitted, "#datasheet-form Input")
    @on(Input.Blurred, "#datasheet-form Input")
    def _input_done(self, event: Input.Submitted | Input.Blurred) -> None:
        field = self._field_of(event.input)
        if field and field not in LISTS:
            self._save_field(field)

    @on(Select.Changed, "#datasheet-form Select")
    def _select_changed(self, event: Select.Changed) -> None:
        field = self._field_of(event.select)
        if field and field not in LISTS:
            self._save_field(field)

    @on(ListEditor.Changed)
    def _list_changed(self, event: ListEditor.Changed) -> None:
        field = self._field_of(event.editor)
        if field:
            self._save_field(field)

    @on(ListEditor.Chosen)
    def _open_details(self, event: ListEditor.Chosen) -> None:
        field, editor, index = self._field_of(event.editor), event.editor, event.index
        if field not in DETAILS:
            return

        def keep(item: dict[str, Any] | None) -> None:
            if item is not None:
                if field == "partners":
                    item["accountable"] = bool(item.get("accountable"))
                editor.replace(index, item)

        self.app.push_screen(PlanEntryScreen(DETAILS[field], self.record, editor.items[index]), keep)

    @on(TextArea.Changed, "#field-purpose")
    def _purpose_typing(self, event: TextArea.Changed) -> None:
        event.stop()

    @on(events.DescendantBlur)
    def _left_field(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "field-purpose":
            self._save_field("purpose")


def _current(record: dict[str, Any], field: str) -> Any:
    """A form field's value in the record (a contract field: that part of the contract)."""
    if field in CONTRACT_PARTS:
        return (record.get("contract") or {}).get(CONTRACT_PARTS[field])
    return record.get(field)


def _as_text(field: str, value: Any) -> str:
    if value is None:
        return ""
    if field in ("financial_contribution", "contract_value"):
        number = float(value)
        return f"{int(number)}" if number.is_integer() else f"{number:.2f}"
    return str(value)


def _parse(field: str, value: Any) -> Any:
    """A form value as the register takes it; ValueError says what to type instead."""
    if field == "name" and not value:
        raise ValueError("A partnership needs a name.")
    if value is None:
        return None
    if field in ("financial_contribution", "contract_value"):
        return parse_pounds(value)
    if field in ("start_date", "end_date", "contract_renewal"):
        return parse_day(value).isoformat()
    if field == "contract_term":
        if not value.isdigit():
            raise ValueError(f"The contract's term is a whole number of months, e.g. 36 (not {value!r}).")
        return int(value)
    return value


def _normal(value: Any) -> Any:
    if value in (None, "", []):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
