"""The Association Register (001): the associations and groups members and officers belong to.

Reached from the register (home) with `a`. One row per association, with
whose membership it is and when it was last evaluated; Enter opens its Data
& Evaluation Sheet, `n` records a new one. They are not partnerships: no
questionnaires or sign-offs, a sheet and a yearly evaluation each.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from wizard.datasheet_text import SHORT_MEMBERSHIP_LABELS
from wizard.tui import display
from wizard.tui.app import PwizApp
from wizard.tui.display import esc
from wizard.tui.errors import SHOWN_ERRORS, describe
from wizard.tui.screens.association_form import KIND_LABELS, STATUS_LABELS, AssociationFormScreen
from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.tables import PickTable
from wizard.tui.widgets.title_bar import TitleBar

EMPTY = (
    "No associations yet. Networks of personal or professional relationships (e.g. membership to a "
    "professional body) are kept here, not on the Partnership Register (001). Press [b]n[/b] to record one; "
    "a scope screening that says so offers to record its partnership here too."
)
# The table fits 80 columns: short words here, the whole sheet in the form.
COLUMNS = ("Name", "Kind", "Held by", "Status", "Next review")
NAME_WIDTH = 30
SHORT_KINDS = {"professional-body": "Prof. body", "network": "Network"}


class AssociationsScreen(Screen):
    """The Association Register."""

    app = getters.app(PwizApp)  # typed: screens reach `governance`, `today`, `report`

    DEFAULT_CSS = """
    AssociationsScreen #associations { height: 1fr; }
    AssociationsScreen #associations-status { padding: 0 1; color: $text-muted; }
    """
    AUTO_FOCUS = ""  # the table when it has rows (reload), else nothing: no Enter to open nothing
    BINDINGS = [
        Binding("escape", "back", "Register", id="associations.back", tooltip="Back to the partnerships"),
        Binding("n", "add", "New", id="associations.add", tooltip="Record an association on the register"),
    ]

    def compose(self) -> ComposeResult:
        self.title, self.sub_title = "Association Register", "associations and groups (001)"
        yield TitleBar()
        table = PickTable(id="associations", cell_padding=1)
        table.add_columns(*COLUMNS)
        yield table
        yield Static("", id="associations-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    def reload(self, highlight: str | None = None) -> None:
        table = self.query_one(PickTable)
        status = self.query_one("#associations-status", Static)
        try:
            records = self.app.governance.associations()
        except SHOWN_ERRORS as exc:
            status.update(f"[b]The Association Register could not be read.[/b]\n{esc(describe(exc))}")
            return
        table.clear()
        today = self.app.today.isoformat()
        for record in records:
            table.add_row(*_cells(record, today), key=record["id"])
        table.display = bool(records)
        due = sum(1 for r in records if _overdue(r, today))
        never = sum(1 for r in records if not r["evaluations"])
        parts = [f"{len(records)} association{'' if len(records) == 1 else 's'}"]
        parts += [f"[b red]{due} evaluation(s) overdue[/]"] if due else []
        parts += [f"{never} never evaluated"] if never else []
        status.update(" · ".join(parts) if records else EMPTY)
        if highlight is not None and records:
            table.move_cursor(row=table.get_row_index(highlight))
        self.set_focus(table if records else None)

    def action_back(self) -> None:
        self.dismiss()

    def action_add(self) -> None:
        self.app.push_screen(AssociationFormScreen(), self._saved)

    @on(DataTable.RowSelected, "#associations")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(AssociationFormScreen(str(event.row_key.value)), self._saved)

    def _saved(self, record: dict[str, Any] | None) -> None:
        if record is not None:
            self.notify(f"Saved {record['name']} on the Association Register.", title="Association", markup=False)
        self.reload(highlight=record["id"] if record else None)


def _newest(record: dict[str, Any]) -> dict[str, Any]:
    return record["evaluations"][-1] if record["evaluations"] else {}


def _overdue(record: dict[str, Any], today: str) -> bool:
    """Its next evaluation's date has passed (001: the register is updated on an annual basis)."""
    due = _newest(record).get("next_review")
    return due is not None and due < today and record["status"] != "ended"


def _cells(record: dict[str, Any], today: str) -> tuple[str | Text, ...]:
    name = record["name"] if len(record["name"]) <= NAME_WIDTH else record["name"][: NAME_WIDTH - 1] + "…"
    due = _newest(record).get("next_review")
    return (
        name,
        display.label({**KIND_LABELS, **SHORT_KINDS}, record["kind"]),
        display.label(SHORT_MEMBERSHIP_LABELS, record["membership_held_by"]),
        display.label(STATUS_LABELS, record["status"]),
        Text(f"{due} !", style="bold red") if _overdue(record, today) else due or "—",
    )
