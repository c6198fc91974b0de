"""A partnership's questionnaires: what its significance requires, each one's state, and the approval.

Enter on a row is left to the screen (it opens the assessment); this tab
fills the table and says which row is highlighted and whether the
partnership can be approved now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.padding import Padding
from textual import getters
from textual.app import ComposeResult
from textual.widgets import DataTable, Static, TabPane

from wizard.tui import display
from wizard.tui.app import PwizApp
from wizard.tui.display import esc as escape
from wizard.tui.errors import SHOWN_ERRORS, describe
from wizard.tui.widgets.tables import PickTable

if TYPE_CHECKING:
    from questionnaires.definition import Definition


class QuestionnairesTab(TabPane):
    """The questionnaires tab of one partnership (`show` fills it)."""

    app = getters.app(PwizApp)

    def __init__(self, title: str, partnership_id: str, *, id: str | None = None) -> None:
        super().__init__(title, id=id)
        self.pid = partnership_id
        self.rows: dict[str, dict[str, Any] | None] = {}  # questionnaire id -> newest assessment
        self.approvable = False  # everything required is signed off and no approval covers it yet

    def compose(self) -> ComposeResult:
        yield PickTable(id="questionnaire-table")
        yield Static("", id="questionnaire-hint", classes="muted")

    @property
    def table(self) -> DataTable:
        return self.query_one("#questionnaire-table", DataTable)

    @property
    def highlighted(self) -> str | None:
        """The questionnaire id of the highlighted row."""
        table = self.table
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def show(self, record: dict[str, Any]) -> None:
        """Fill the table for the partnership `record` (its significance decides what is required)."""
        governance = self.app.governance
        table = self.table
        keep = table.cursor_row
        table.clear(columns=True)
        width = self.screen.size.width or self.app.size.width
        wide = width >= 120
        fixed = (
            ("required", "Need", 9),
            ("state", "State", 24 if wide else 18),
            ("flags", "Flg", 4),
            ("outcome", "Outcome", 24 if wide else 13),
        )
        title_width = max(16, width - sum(w for _, _, w in fixed) - 3)
        table.add_column(" Questionnaire", key="title", width=title_width)
        for key, label, column_width in fixed:
            table.add_column(label, key=key, width=column_width)
        try:
            required = governance.required_questionnaires(record)
            current = governance.current_assessments(self.pid)
            signoffs = {s["assessment_id"]: s for s in governance.signoffs(self.pid)}
            library = list(governance.library)
        except SHOWN_ERRORS as exc:
            self.query_one("#questionnaire-hint", Static).update(f"[red]{escape(describe(exc))}[/]")
            return
        ordered = [d for d in library if d.id in required] + [d for d in library if d.id not in required]
        self.rows = {}
        for definition in ordered:
            assessment = current.get(definition.id)
            self.rows[definition.id] = assessment
            state, flags, outcome = self._state(definition, assessment, signoffs)
            table.add_row(
                Padding(definition.title, (0, 1)),  # wraps in its column, a space either side
                "[b]required[/b]" if definition.id in required else "[dim]optional[/]",
                state,
                flags,
                outcome,
                key=definition.id,
            )
        if keep is not None and table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1), animate=False)
        done = sum(1 for qid in required if (current.get(qid) or {}).get("status") == "signed-off")
        self.query_one("#questionnaire-hint", Static).update(
            f"{done} of {len(required)} required questionnaires signed off. "
            f"{self._approval_line(required, current, list(signoffs.values()))} "
            "Enter opens one where you left off; its significance decides which are required."
        )

    def _approval_line(self, required: list[str], current: dict[str, Any], signoffs: list[dict[str, Any]]) -> str:
        """Where the partnership's approval stands (from what the table was filled with); sets
        whether `p` (approve) is offered."""
        from wizard import approval

        governance = self.app.governance
        try:
            approvals = governance.approvals(self.pid)
        except SHOWN_ERRORS as exc:
            return f"[red]{escape(describe(exc))}[/]"
        state = approval.state_of(governance.library, required, current, signoffs, approvals)
        self.approvable = state.approvable and state.current is None
        if state.current is not None:
            decision = display.label(display.DECISION_LABELS, state.current["decision"])
            return f"[b]Approved[/b] {state.current['signed_at'][:10]} ({escape(decision)}, {escape(state.current['by'])})."
        if self.approvable:
            return "[b]Ready for approval: p approves the partnership.[/b]"
        return "Not approved yet."

    def _state(
        self, definition: Definition, assessment: dict[str, Any] | None, signoffs: dict[str, dict[str, Any]]
    ) -> tuple[str, str, str]:
        if assessment is None:
            return "[dim]not started[/]", "", ""
        try:
            result = self.app.governance.evaluate(assessment)
        except SHOWN_ERRORS as exc:
            return f"[red]{escape(describe(exc)[:40])}[/]", "", ""
        from wizard import engine

        done = engine.progress(definition, assessment["answers"])
        status = assessment["status"]
        if status == "signed-off":
            signoff = signoffs.get(assessment["id"])
            when = signoff["signed_at"][:10] if signoff else ""
            state = f"[green]signed[/] {when}".strip()
        elif status == "complete":
            state = "[cyan]complete[/]"
        elif carried := self.app.governance.unconfirmed(assessment):
            state = f"[yellow]review[/] ↻{len(carried)} left"  # carried answers still to confirm
        else:
            state = f"[yellow]draft[/] {done.answered}/{done.total}"
        flags = f"[b yellow]{len(result.flags)}[/]" if result.flags else "[dim]0[/]"
        decided = [o.label or o.value for o in result.outcomes if o.value]
        return state, flags, escape(", ".join(decided[:1]))
