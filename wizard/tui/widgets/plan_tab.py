"""A partnership's action plan and risk register, with what its answers raise.

The register's actions and risks first, then those the current answers
raise that signing off would add (`Governance.pending_raised`, the rule
sign-off itself follows), marked raised. Each risk shows its score
(likelihood × impact, or "not scored"), its status and its next review,
overdue in red; overdue actions are red too.
"""

from __future__ import annotations

from typing import Any

from textual import getters
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static, TabPane

from wizard.tui.app import PwizApp
from wizard.tui.display import esc as escape
from wizard.tui.errors import SHOWN_ERRORS
from wizard.wording import NOT_SCORED


class PlanTab(TabPane):
    """The actions and risks tab of one partnership (`show` fills it)."""

    app = getters.app(PwizApp)

    def __init__(self, title: str, partnership_id: str, *, id: str | None = None) -> None:
        super().__init__(title, id=id)
        self.pid = partnership_id
        self.open_actions: dict[str, dict[str, Any]] = {}  # action id -> open action in the register
        self.live_risks: dict[str, dict[str, Any]] = {}  # risk id -> risk not closed, in the register

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("[b]Actions[/b]", classes="table-title", id="actions-title")
            yield DataTable(id="action-table", cursor_type="row")
            yield Static("[b]Risks[/b]", classes="table-title")
            yield DataTable(id="risk-table", cursor_type="row")

    def _add_columns(self, actions: DataTable, risks: DataTable) -> None:
        # The short columns first: a long action or risk must not push its status or score off an 80-column screen.
        for key, label in (
            ("status", "Status"),
            ("due", "Due"),
            ("text", "Action"),
            ("owner", "Owner"),
            ("source", "From"),
        ):
            actions.add_column(label, key=key)
        for key, label in (
            ("score", "L×I"),
            ("status", "Status"),
            ("review", "Review"),
            ("category", "Category"),
            ("description", "Risk"),
            ("source", "From"),
        ):
            risks.add_column(label, key=key)

    @property
    def highlighted_action(self) -> dict[str, Any] | None:
        """The open register action under the cursor (raised ones are closed by answering)."""
        table = self.query_one("#action-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.open_actions.get(key or "")

    @property
    def highlighted_risk(self) -> dict[str, Any] | None:
        """The register risk under the cursor, when it is not closed (raised ones join on sign-off)."""
        table = self.query_one("#risk-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.live_risks.get(key or "")

    def show(self) -> None:
        """Fill both tables from the register."""
        governance = self.app.governance
        actions = self.query_one("#action-table", DataTable)
        risks = self.query_one("#risk-table", DataTable)
        if not actions.columns:
            self._add_columns(actions, risks)
        actions.clear()
        risks.clear()
        try:
            stored_actions = governance.actions(self.pid)
            stored_risks = governance.risks(self.pid)
            pending = governance.pending_raised(self.pid, stored_actions, stored_risks)
            since = governance.action_changes(self.pid)
            raised_by = governance.raised_by(self.pid, [*stored_actions, *stored_risks])
        except SHOWN_ERRORS as exc:
            self.app.report(exc)
            return
        self.open_actions = {a["id"]: a for a in stored_actions if a["status"] == "open"}
        self.live_risks = {r["id"]: r for r in stored_risks if r.get("status", "open") != "closed"}
        today = self.app.today.isoformat()
        title = "[b]Actions[/b]"
        if since is not None:
            title += (
                f"  [dim]since the last review: {len(since.closed)} closed, "
                f"{len(since.carried)} carried, {len(since.new)} new[/]"
            )
        self.query_one("#actions-title", Static).update(title)
        for action in stored_actions:
            status = "[b]open[/]" if action["status"] == "open" else f"[green]closed[/] {action['closed_at'][:10]}"
            late = action["status"] == "open" and (action.get("due") or "9999") < today
            actions.add_row(
                status,
                f"[red]{action['due']}[/]" if late else action.get("due") or "—",
                escape(action["text"]),
                escape(action.get("owner") or "—"),
                escape(raised_by[action["id"]]),
                key=action["id"],
            )
        for questionnaire_id, adds in pending.items():  # raised by the answers: sign-off adds them
            for raised_action in adds.actions:
                actions.add_row(
                    "[yellow]raised[/]",
                    "—",
                    escape(raised_action.text),
                    "—",
                    escape(governance.asked(questionnaire_id, raised_action.question_id)),
                )
        for risk in stored_risks:
            risks.add_row(
                _score(risk.get("likelihood"), risk.get("impact")),
                *_life(risk, today),
                escape(risk.get("category") or "—"),
                escape(risk["description"]),
                escape(raised_by[risk["id"]]),
                key=risk["id"],
            )
        for questionnaire_id, adds in pending.items():
            for raised_risk in adds.risks:
                risks.add_row(
                    _score(raised_risk.likelihood, raised_risk.impact),
                    "[yellow]raised[/]",
                    "—",
                    escape(raised_risk.category or "—"),
                    f"{escape(raised_risk.description)} [yellow](raised)[/]",
                    escape(governance.asked(questionnaire_id, raised_risk.question_id)),
                )
        if not actions.row_count:
            actions.add_row("", "", "[dim]no actions[/]", "", "")
        if not risks.row_count:
            risks.add_row("", "", "", "", "[dim]no risks[/]", "")


def _score(likelihood: int | None, impact: int | None) -> str:
    return f"{likelihood}×{impact}={likelihood * impact}" if likelihood and impact else f"[dim]{NOT_SCORED}[/]"


def _life(risk: dict[str, Any], today: str) -> tuple[str, str]:
    """A risk's status and its next review (red once past), or when it was closed."""
    status = risk.get("status") or "open"
    if status == "closed":
        return "[green]closed[/]", str(risk.get("closed_at") or "")[:10]
    due = risk.get("review_due")
    return status, (f"[red]{due}[/]" if due and due < today else due or "—")
