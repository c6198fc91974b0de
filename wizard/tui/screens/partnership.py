"""Partnership: its questionnaires, its data sheet, its actions and risks.

The data sheet is a form whose fields save themselves (on Enter, on leaving
a field, on choosing from a list), each checked by the register; a refused
value shows its reason under the field and is not saved. The questionnaires
tab lists what the partnership's significance requires, with each one's
state; Enter opens it where the officer left off.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from rich.text import Text
from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, Select, Static, TabbedContent, TabPane, TextArea

from wizard.tui import display
from wizard.tui.app import PwizApp
from wizard.tui.display import esc as escape
from wizard.tui.errors import SHOWN_ERRORS, describe
from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.list_editor import ListEditor
from wizard.tui.widgets.tables import PickTable
from wizard.tui.widgets.title_bar import TitleBar
from wizard.typed import parse_day, parse_pounds

SELECTS: dict[str, tuple[str, dict[str, str], bool]] = {
    # field: (label, choices, may be blank)
    "type": ("Type", display.TYPE_LABELS, True),
    "focus": ("Focus", display.FOCUS_LABELS, True),
    "basis": ("Basis", display.BASIS_LABELS, True),
    "level": ("Level", display.LEVEL_LABELS, True),
    "status": ("Status", display.STATUS_LABELS, False),
}
INPUTS: dict[str, tuple[str, str]] = {
    "name": ("Name", "required"),
    "accountable_body": ("Accountable body", "the organisation accountable for it"),
    "lead_officer": ("Lead officer", "who leads for us"),
    "financial_contribution": ("Our contribution £", "a yearly amount in pounds, e.g. 5000"),
    "start_date": ("Start date", "YYYY-MM-DD"),
    "review_timetable": ("Life span / review", "e.g. three years, reviewed annually"),
}
LISTS: dict[str, tuple[str, str, dict[str, str] | None]] = {
    "partners": ("Partners", "add a partner organisation, then Enter", None),
    "representatives": ("Our representatives", "add a name, then Enter", {"officer": "Officer", "member": "Member"}),
    "sub_groups": ("Sub-groups, boards", "add a sub-group or board, then Enter", None),
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
)


def pdf_export_available() -> bool:
    """The approval-pack writer is installed (wizard.pdf.pack)."""
    try:
        return importlib.util.find_spec("wizard.pdf.pack") is not None
    except ImportError:
        return False


class PartnershipScreen(Screen):
    """One partnership."""

    app = getters.app(PwizApp)  # typed: screens reach `governance`, `today`, `report`

    CSS_PATH = "partnership.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="partnership.back", tooltip="Save and go back to the register"),
        Binding(
            "f2",
            "next_tab",
            "Tabs",
            id="partnership.next-tab",
            show=False,  # the tabs show above (and click)
            tooltip="Questionnaires, then the data sheet, then actions and risks",
        ),
        Binding("s", "sign_off", "Sign off", id="partnership.sign-off", tooltip="Sign off the highlighted assessment"),
        Binding(
            "r",
            "review",
            "Review",
            id="partnership.review",
            tooltip="Start the review: drafts of every required questionnaire, carried from the last sign-offs",
        ),
        Binding("v", "view", "View", id="partnership.view", tooltip="The summary of the highlighted assessment"),
        Binding(
            "p",
            "approve",
            "Approve",
            id="partnership.approve",
            tooltip="Approve the partnership once everything it requires is signed off",
        ),
        Binding("e", "export", "Export", id="partnership.export", tooltip="Write the PDF approval pack"),
        Binding(
            "x",
            "close_action",
            "Close action",
            id="partnership.close-action",
            tooltip="Close the highlighted open action, recording who closed it",
        ),
        Binding(
            "a", "add_entry", "Add", id="partnership.add-entry", tooltip="Add an action (on the risk table: a risk)"
        ),
    ]

    def __init__(self, partnership_id: str, *, tab: str | None = None) -> None:
        super().__init__()
        self.pid = partnership_id
        self.record: dict[str, Any] = {}
        self.first_tab = tab or "questionnaires"
        self.rows: dict[str, dict[str, Any] | None] = {}  # questionnaire id -> newest assessment
        self.open_actions: dict[str, dict[str, Any]] = {}  # action id -> open action in the register
        self.approvable = False  # everything required is signed off and no approval covers it yet

    # --- building --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="partnership-heading")
        with TabbedContent(initial=self.first_tab, id="partnership-tabs"):
            with TabPane("Questionnaires", id="questionnaires"):
                yield PickTable(id="questionnaire-table")
                yield Static("", id="questionnaire-hint", classes="muted")
            with TabPane("Data sheet", id="datasheet"):
                with VerticalScroll(id="datasheet-form"):
                    yield from self._form_rows()
            with TabPane("Actions & risks", id="actions"):
                with VerticalScroll():
                    yield Static("[b]Actions[/b]", classes="table-title", id="actions-title")
                    yield DataTable(id="action-table", cursor_type="row")
                    yield Static("[b]Risks[/b]", classes="table-title")
                    yield DataTable(id="risk-table", cursor_type="row")
        yield KeyBar()

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
                    yield ListEditor([], placeholder=placeholder, kinds=kinds, id=f"field-{field}")
                else:
                    label, placeholder = INPUTS[field]
                    yield Label(label, classes="row-label")
                    yield Input(placeholder=placeholder, id=f"field-{field}", compact=True)
            yield Static("", id=f"error-{field}", classes="error-line field-error", markup=False)
        yield Static("", id="significance-line", classes="muted")

    def on_mount(self) -> None:
        try:
            self.record = self.app.governance.partnership(self.pid)
        except SHOWN_ERRORS as exc:
            self.app.report(exc, "Cannot open the partnership")
            self.dismiss()
            return
        self._fill_form()
        self._setup_tables()
        self._update_heading()
        if self.first_tab == "datasheet":
            self.query_one("#field-name", Input).focus()
        else:
            self.query_one("#questionnaire-table", DataTable).focus()

    def on_resize(self) -> None:
        if self.record:
            self._fill_questionnaires()

    def on_screen_resume(self) -> None:
        if self.record:
            self.refresh_partnership()

    def refresh_partnership(self) -> None:
        """Read the partnership again (after an assessment changed its significance)."""
        try:
            self.record = self.app.governance.partnership(self.pid)
        except SHOWN_ERRORS as exc:
            self.app.report(exc)
            return
        self._update_heading()
        self._fill_questionnaires()
        self._fill_actions()

    def _update_heading(self) -> None:
        r = self.record
        self.title = r["name"]
        self.sub_title = r["id"]
        bits = [
            f"[b]{escape(r['name'])}[/b]",
            display.label(display.TYPE_LABELS, r.get("type")),
            display.label(display.STATUS_LABELS, r.get("status")),
        ]
        significance = display.significance(r.get("significance")).markup
        heading = " · ".join(bits) + f" · significance {significance}"
        if r.get("review_interval_months"):
            heading += f" · review every {r['review_interval_months']} months"
        self.query_one("#partnership-heading", Static).update(heading)
        line = "Significance is set by completing the significance questionnaire: "
        line += f"now {r.get('significance') or 'not assessed'}"
        self.query_one("#significance-line", Static).update(line)

    # --- the data sheet ----------------------------------------------------------------

    def _fill_form(self) -> None:
        r = self.record
        for field in ORDER:
            widget = self.query_one(f"#field-{field}")
            value = r.get(field)
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
        error = self.query_one(f"#error-{field}", Static)
        try:
            value = _parse(field, self._widget_value(field))
        except ValueError as exc:
            self._field_error(error, str(exc))
            return False
        current = self.record.get(field)
        if _normal(current) == _normal(value):
            self._field_error(error, None)
            return True
        try:
            self.record = self.app.governance.update_partnership(self.pid, **{field: value})
        except SHOWN_ERRORS as exc:
            self._field_error(error, describe(exc))
            return False
        self._field_error(error, None)
        self._update_heading()
        return True

    @staticmethod
    def _field_error(error: Static, text: str | None) -> None:
        error.update(text or "")
        error.set_class(bool(text), "-shown")

    def save_pending(self) -> None:
        """Save every data-sheet field that differs from the register (used on leaving)."""
        if not self.record:
            return
        for editor in self.query(ListEditor):
            editor.commit_pending()
        for field in ORDER:
            self._save_field(field)

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

    @on(TextArea.Changed, "#field-purpose")
    def _purpose_typing(self, event: TextArea.Changed) -> None:
        event.stop()

    @on(events.DescendantBlur)
    def _left_field(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "field-purpose":
            self._save_field("purpose")

    # --- questionnaires -------------------------------------------------------------------

    def _setup_tables(self) -> None:
        actions = self.query_one("#action-table", DataTable)
        # The short columns first: a long action or risk must not push its status or score off an 80-column screen.
        for key, label in (
            ("status", "Status"),
            ("due", "Due"),
            ("text", "Action"),
            ("owner", "Owner"),
            ("source", "From"),
        ):
            actions.add_column(label, key=key)
        risks = self.query_one("#risk-table", DataTable)
        for key, label in (("score", "L×I"), ("category", "Category"), ("description", "Risk"), ("source", "From")):
            risks.add_column(label, key=key)
        self._fill_questionnaires()
        self._fill_actions()

    def _fill_questionnaires(self) -> None:
        governance = self.app.governance
        table = self.query_one("#questionnaire-table", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        width = self.size.width or self.app.size.width
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
            required = governance.required_questionnaires(self.record)
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
            title = Text(" " + definition.title)
            title.truncate(title_width - 1, overflow="ellipsis")
            table.add_row(
                title,
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
        self.refresh_bindings()

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

    def _state(self, definition, assessment, signoffs) -> tuple[str, str, str]:
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

    @property
    def highlighted_questionnaire(self) -> str | None:
        table = self.query_one("#questionnaire-table", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowSelected, "#questionnaire-table")
    def _open_questionnaire(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open_questionnaire(event.row_key.value)

    def open_questionnaire(self, questionnaire_id: str) -> None:
        from wizard.tui.screens.assessment import AssessmentScreen
        from wizard.tui.screens.summary import SummaryScreen

        current = self.rows.get(questionnaire_id)
        if current is not None and current["status"] == "signed-off":
            self.app.push_screen(SummaryScreen(current["id"], read_only=True))
            self.notify("Signed off and frozen. Press r to start a review of it.", timeout=4)
            return
        assessment = self.app.run_safely(self.app.governance.open_assessment, self.pid, questionnaire_id)
        if assessment is not None:
            self.app.push_screen(AssessmentScreen(assessment["id"]))

    # --- actions and risks -----------------------------------------------------------------

    def _fill_actions(self) -> None:
        governance = self.app.governance
        actions = self.query_one("#action-table", DataTable)
        risks = self.query_one("#risk-table", DataTable)
        actions.clear()
        risks.clear()
        try:
            stored_actions = governance.actions(self.pid)
            stored_risks = governance.risks(self.pid)
            pending = governance.pending_raised(self.pid, stored_actions, stored_risks)
            since = governance.action_changes(self.pid)
        except SHOWN_ERRORS as exc:
            self.app.report(exc)
            return
        self.open_actions = {a["id"]: a for a in stored_actions if a["status"] == "open"}
        title = "[b]Actions[/b]"
        if since is not None:
            title += (
                f"  [dim]since the last review: {len(since.closed)} closed, "
                f"{len(since.carried)} carried, {len(since.new)} new[/]"
            )
        self.query_one("#actions-title", Static).update(title)
        for action in stored_actions:
            status = "[b]open[/]" if action["status"] == "open" else f"[green]closed[/] {action['closed_at'][:10]}"
            actions.add_row(
                status,
                action.get("due") or "—",
                escape(action["text"]),
                escape(action.get("owner") or "—"),
                escape(action.get("source") or "register"),
                key=action["id"],
            )
        for questionnaire_id, adds in pending.items():  # raised by the answers: sign-off adds them
            for raised_action in adds.actions:
                actions.add_row(
                    "[yellow]raised[/]",
                    "—",
                    escape(raised_action.text),
                    "—",
                    f"{questionnaire_id} {raised_action.question_id}",
                )
        for risk in stored_risks:
            score = f"{risk['likelihood']}×{risk['impact']}" if risk.get("likelihood") and risk.get("impact") else "—"
            risks.add_row(
                score,
                escape(risk.get("category") or "—"),
                escape(risk["description"]),
                escape(risk.get("source") or "register"),
            )
        for questionnaire_id, adds in pending.items():
            for raised_risk in adds.risks:
                score = (
                    f"{raised_risk.likelihood}×{raised_risk.impact}"
                    if raised_risk.likelihood and raised_risk.impact
                    else "—"
                )
                risks.add_row(
                    score,
                    escape(raised_risk.category or "—"),
                    f"{escape(raised_risk.description)} [yellow](raised)[/]",
                    f"{questionnaire_id} {raised_risk.question_id}",
                )
        if not actions.row_count:
            actions.add_row("", "", "[dim]no actions[/]", "", "")
        if not risks.row_count:
            risks.add_row("", "", "[dim]no risks[/]", "")

    # --- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("sign_off", "review", "view"):
            if not self._on_questionnaires():
                return False
            current = self.rows.get(self.highlighted_questionnaire or "")
            if action == "sign_off":
                return current is not None and current["status"] != "signed-off"
            if action == "review":  # shown on a signed-off row (the footer has no room for it everywhere)
                return current is not None and current["status"] == "signed-off"
            return current is not None
        if action == "export":
            return pdf_export_available()
        if action == "approve":  # offered when it can be given (the key line has no room to offer it always)
            return self._on_questionnaires() and self.approvable
        if action == "close_action":
            return self._active_tab() == "actions" and self.highlighted_action is not None
        if action == "add_entry":
            return self._active_tab() == "actions"
        return True

    @property
    def highlighted_action(self) -> dict[str, Any] | None:
        """The open register action under the cursor (raised ones are closed by answering)."""
        table = self.query_one("#action-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.open_actions.get(key or "")

    def _active_tab(self) -> str | None:
        try:
            return self.query_one("#partnership-tabs", TabbedContent).active
        except NoMatches:  # not composed yet
            return None

    def _on_questionnaires(self) -> bool:
        return self._active_tab() == "questionnaires"

    @on(DataTable.RowHighlighted, "#questionnaire-table")
    @on(DataTable.RowHighlighted, "#action-table")
    @on(TabbedContent.TabActivated)
    def _context_changed(self) -> None:
        self.refresh_bindings()

    def action_next_tab(self) -> None:
        tabs = ("questionnaires", "datasheet", "actions")
        active = self.query_one("#partnership-tabs", TabbedContent).active
        self.action_tab(tabs[(tabs.index(active) + 1) % len(tabs)] if active in tabs else tabs[0])

    def action_tab(self, tab: str) -> None:
        self.query_one("#partnership-tabs", TabbedContent).active = tab
        focus = {"questionnaires": "#questionnaire-table", "datasheet": "#field-name", "actions": "#action-table"}[tab]
        self.query_one(focus).focus()

    def action_back(self) -> None:
        self.save_pending()
        self.dismiss()

    def action_sign_off(self) -> None:
        from wizard.tui.screens.signoff import SignOffScreen

        current = self.rows.get(self.highlighted_questionnaire or "")
        if current is None:
            return
        self.app.push_screen(SignOffScreen(current["id"]), lambda _: self.refresh_partnership())

    def action_approve(self) -> None:
        from wizard.tui.screens.signoff import ApprovalScreen

        self.app.push_screen(ApprovalScreen(self.pid), lambda _: self.refresh_partnership())

    def action_review(self) -> None:
        """Start (or carry on with) the partnership's review, then open the
        highlighted questionnaire's draft."""
        drafts = self.app.run_safely(self.app.governance.start_review, self.pid)
        if not drafts:
            return
        carried = sum(len(d.carried) for d in drafts)
        reported = [
            f"{d.questionnaire_id}: {', '.join(d.removed + d.dropped)} not carried"
            for d in drafts
            if d.removed or d.dropped
        ]
        self.notify(
            f"Review under way: {len(drafts)} questionnaire(s), {carried} answers carried from the last sign-offs "
            "and waiting to be confirmed." + "".join(f"\n{line}" for line in reported),
            title="Review",
            timeout=8,
            markup=False,
        )
        self.refresh_partnership()
        self.open_questionnaire(self.highlighted_questionnaire or drafts[0].questionnaire_id)

    def action_view(self) -> None:
        from wizard.tui.screens.summary import SummaryScreen

        current = self.rows.get(self.highlighted_questionnaire or "")
        if current is not None:
            self.app.push_screen(SummaryScreen(current["id"], read_only=current["status"] == "signed-off"))

    def action_close_action(self) -> None:
        from wizard.tui.screens.close_action import CloseActionScreen

        action = self.highlighted_action
        if action is not None:
            self.app.push_screen(CloseActionScreen(action), self._action_closed)

    def action_add_entry(self) -> None:
        from wizard.tui.screens.plan_entry import ACTION, RISK, PlanEntryScreen

        risk = self.focused is not None and self.focused.id == "risk-table"
        self.app.push_screen(PlanEntryScreen(RISK if risk else ACTION, self.record), self._entry_added)

    def _entry_added(self, record: dict[str, Any] | None) -> None:
        if record is not None:
            kind = "Risk" if "description" in record else "Action"
            self.notify(f"{kind} added: {record.get('description') or record['text']}", title=kind, markup=False)
            self._fill_actions()
            self.refresh_bindings()

    def _action_closed(self, closed: dict[str, Any] | None) -> None:
        if closed is not None:
            self.notify(f"Closed by {closed['closed_by']}.", title="Action", markup=False)
            self._fill_actions()
            self.refresh_bindings()

    def action_export(self) -> None:
        from wizard.tui.screens.export import ExportScreen

        self.save_pending()
        self.app.push_screen(ExportScreen(self.pid, self.record["name"]))


def _as_text(field: str, value: Any) -> str:
    if value is None:
        return ""
    if field == "financial_contribution":
        number = float(value)
        return f"{int(number)}" if number.is_integer() else f"{number:.2f}"
    return str(value)


def _parse(field: str, value: Any) -> Any:
    """A form value as the register takes it; ValueError says what to type instead."""
    if field == "name" and not value:
        raise ValueError("A partnership needs a name.")
    if value is None:
        return None
    if field == "financial_contribution":
        return parse_pounds(value)
    if field == "start_date":
        return parse_day(value).isoformat()
    return value


def _normal(value: Any) -> Any:
    if value in (None, "", []):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
