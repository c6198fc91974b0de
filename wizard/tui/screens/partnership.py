"""Partnership: its questionnaires, its data sheet, its actions and risks, its evidence, its history.

The screen composes one widget per tab (wizard.tui.widgets: QuestionnairesTab,
DataSheetTab, PlanTab, EvidenceTab, HistoryTab), keeps the heading and the keys, and opens the
dialogs and screens the keys ask for.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static, TabbedContent

from wizard.tui import display
from wizard.tui.app import PwizApp
from wizard.tui.display import esc as escape
from wizard.tui.errors import SHOWN_ERRORS
from wizard.tui.widgets.datasheet import DataSheetTab
from wizard.tui.widgets.evidence_tab import EvidenceTab
from wizard.tui.widgets.history_tab import HistoryTab
from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.plan_tab import PlanTab
from wizard.tui.widgets.questionnaire_tab import QuestionnairesTab
from wizard.tui.widgets.title_bar import TitleBar


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
            tooltip="Questionnaires, then the data sheet, actions and risks, evidence, history",
        ),
        Binding("s", "sign_off", "Sign off", id="partnership.sign-off", tooltip="Sign off the highlighted assessment"),
        Binding(
            "r",
            "review",
            "Review",
            id="partnership.review",
            tooltip="Start the review: choose the questionnaires, carried from the last sign-offs",
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
        Binding(
            "u",
            "own_action",
            "Owner & due",
            id="partnership.own-action",
            tooltip="Give the highlighted open action an owner and a due date",
        ),
        Binding(
            "u",
            "review_risk",
            "Review risk",
            id="partnership.review-risk",
            tooltip="Rescore the highlighted risk, give it an owner, a treatment, a target or a status",
        ),
        Binding(
            "x",
            "close_risk",
            "Close risk",
            id="partnership.close-risk",
            tooltip="Close the highlighted risk, recording who closed it and why",
        ),
        Binding("a", "attach", "Attach", id="partnership.attach", tooltip="Attach a document from a file"),
    ]

    def __init__(self, partnership_id: str, *, tab: str | None = None) -> None:
        super().__init__()
        self.pid = partnership_id
        self.record: dict[str, Any] = {}
        self.first_tab = tab or "questionnaires"

    # --- building --------------------------------------------------------------------

    questionnaires = getters.query_one(QuestionnairesTab)
    datasheet = getters.query_one(DataSheetTab)
    plan = getters.query_one(PlanTab)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="partnership-heading")
        with TabbedContent(initial=self.first_tab, id="partnership-tabs"):
            yield QuestionnairesTab("Questionnaires", self.pid, id="questionnaires")
            yield DataSheetTab("Data sheet", self.pid, id="datasheet")
            yield PlanTab("Actions & risks", self.pid, id="actions")
            yield EvidenceTab("Evidence", self.pid, id="evidence")
            yield HistoryTab("History", self.pid, id="history")
        yield KeyBar()

    def on_mount(self) -> None:
        try:
            self.record = self.app.governance.partnership(self.pid)
        except SHOWN_ERRORS as exc:
            self.app.report(exc, "Cannot open the partnership")
            self.dismiss()
            return
        self.datasheet.show(self.record)
        self._fill_questionnaires()
        self.plan.show()
        self.query_one(EvidenceTab).show()
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
        self.datasheet.changed_elsewhere(self.record)
        self._update_heading()
        self._fill_questionnaires()
        self.plan.show()

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
        self.datasheet.show_significance(r)

    @on(DataSheetTab.Saved)
    def _saved(self, event: DataSheetTab.Saved) -> None:
        self.record = event.record
        self._update_heading()

    def save_pending(self) -> None:
        """Save every data-sheet field that differs from the register (used on leaving)."""
        if self.record:
            self.record = self.datasheet.save_pending()

    def _fill_questionnaires(self) -> None:
        self.questionnaires.show(self.record)
        self.refresh_bindings()

    @property
    def rows(self) -> dict[str, dict[str, Any] | None]:
        """Questionnaire id -> its newest assessment, as the questionnaires tab shows them."""
        return self.questionnaires.rows

    @property
    def highlighted_questionnaire(self) -> str | None:
        return self.questionnaires.highlighted

    @property
    def highlighted_action(self) -> dict[str, Any] | None:
        return self.plan.highlighted_action

    # --- questionnaires -------------------------------------------------------------------

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
            return self._on_questionnaires() and self.questionnaires.approvable
        if action in ("close_action", "own_action"):
            return self._active_tab() == "actions" and not self._on_risks() and self.highlighted_action is not None
        if action in ("review_risk", "close_risk"):
            return self._active_tab() == "actions" and self._on_risks() and self.plan.highlighted_risk is not None
        if action == "add_entry":
            return self._active_tab() == "actions"
        if action == "attach":
            return self._active_tab() == "evidence"
        return True

    def _active_tab(self) -> str | None:
        try:
            return self.query_one("#partnership-tabs", TabbedContent).active
        except NoMatches:  # not composed yet
            return None

    def _on_questionnaires(self) -> bool:
        return self._active_tab() == "questionnaires"

    def _on_risks(self) -> bool:
        return self.focused is not None and self.focused.id == "risk-table"

    @on(DataTable.RowHighlighted, "#questionnaire-table")
    @on(DataTable.RowHighlighted, "#action-table")
    @on(DataTable.RowHighlighted, "#risk-table")
    @on(TabbedContent.TabActivated)
    @on(events.DescendantFocus)
    def _context_changed(self) -> None:
        self.refresh_bindings()

    def action_next_tab(self) -> None:
        tabs = ("questionnaires", "datasheet", "actions", "evidence", "history")
        active = self.query_one("#partnership-tabs", TabbedContent).active
        self.action_tab(tabs[(tabs.index(active) + 1) % len(tabs)] if active in tabs else tabs[0])

    def action_tab(self, tab: str) -> None:
        self.query_one("#partnership-tabs", TabbedContent).active = tab
        focus = {
            "questionnaires": "#questionnaire-table",
            "datasheet": "#field-name",
            "actions": "#action-table",
            "evidence": "#evidence-table",
            "history": "#history-scroll",
        }[tab]
        self.query_one(focus).focus()

    def action_back(self) -> None:
        self.save_pending()
        self.dismiss()

    def action_sign_off(self) -> None:
        from wizard.tui.screens.signoff import SignOffScreen

        current = self.rows.get(self.highlighted_questionnaire or "")
        if current is None:
            return
        self.app.push_screen(SignOffScreen(current["id"]), self._signed_off)

    def _signed_off(self, signoff: dict[str, Any] | None) -> None:
        """Refresh, then ask for what the sign-off's raised actions and risks lack (an owner and due
        date, a likelihood and impact), one form each, Escape passing one by: actions are followed
        up only when someone owns them. What is still lacking after that is said."""
        self.refresh_partnership()
        if signoff is None:
            return
        gaps = self.app.run_safely(self.app.governance.plan_gaps, self.pid) or []
        self._ask_for([gap for gap in gaps if gap.raised_by(signoff["assessment_id"])])

    def _ask_for(self, gaps: list[Any]) -> None:
        """The next raised item's form, or, when none is left, what the plan still lacks."""
        from wizard.tui.screens.plan_entry import ACTION_OWNER, RISK_REVIEW, PlanEntryScreen

        if gaps:
            gap, rest = gaps[0], gaps[1:]
            form = ACTION_OWNER if gap.kind == "action" else RISK_REVIEW
            self.app.push_screen(PlanEntryScreen(form, self.record, gap.row), lambda _: self._ask_for(rest))
            return
        self.plan.show()
        left = self.app.run_safely(self.app.governance.plan_gaps, self.pid) or []
        actions = sum(gap.kind == "action" for gap in left)
        if left:
            self.notify(
                f"{actions} action(s) without an owner or due date, {len(left) - actions} risk(s) not scored: on "
                "the Actions & risks tab, u gives an action its owner and due date and reviews a risk.",
                title="Action plan",
                timeout=8,
                markup=False,
            )

    def action_approve(self) -> None:
        from wizard.tui.screens.signoff import ApprovalScreen

        self.app.push_screen(ApprovalScreen(self.pid), lambda _: self.refresh_partnership())

    def action_review(self) -> None:
        """Ask which questionnaires the review takes in (saying what starting will do), then start it."""
        from wizard.tui.screens.start_review import StartReviewScreen

        self.app.push_screen(StartReviewScreen(self.pid, self.record.get("name", "")), self._start_review)

    def _start_review(self, questionnaires: list[str] | None) -> None:
        """Start (or carry on with) the review of the chosen questionnaires, then open the
        highlighted one's draft (or the first chosen)."""
        if not questionnaires:
            return
        drafts = self.app.run_safely(self.app.governance.start_review, self.pid, questionnaires)
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
            "and waiting to be confirmed (F4 confirms all that stand)." + "".join(f"\n{line}" for line in reported),
            title="Review",
            timeout=8,
            markup=False,
        )
        self.refresh_partnership()
        highlighted = self.highlighted_questionnaire
        self.open_questionnaire(highlighted if highlighted in questionnaires else drafts[0].questionnaire_id)

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
            self.plan.show()
            self.refresh_bindings()

    def action_own_action(self) -> None:
        from wizard.tui.screens.plan_entry import ACTION_OWNER, PlanEntryScreen

        action = self.highlighted_action
        if action is not None:
            self.app.push_screen(PlanEntryScreen(ACTION_OWNER, self.record, action), self._action_owned)

    def _action_owned(self, action: dict[str, Any] | None) -> None:
        if action is not None:
            self.notify(
                f"Owner {action['owner'] or 'not given'}, due {action['due'] or 'not given'}.",
                title="Action",
                markup=False,
            )
            self.plan.show()
            self.refresh_bindings()

    def action_review_risk(self) -> None:
        from wizard.tui.screens.plan_entry import RISK_REVIEW, PlanEntryScreen

        risk = self.plan.highlighted_risk
        if risk is not None:
            self.app.push_screen(PlanEntryScreen(RISK_REVIEW, self.record, risk), self._risk_changed)

    def action_close_risk(self) -> None:
        from wizard.tui.screens.close_risk import CloseRiskScreen

        risk = self.plan.highlighted_risk
        if risk is not None:
            self.app.push_screen(CloseRiskScreen(risk), self._risk_changed)

    def _risk_changed(self, risk: dict[str, Any] | None) -> None:
        if risk is not None:
            said = (
                f"Closed by {risk['closed_by']}: {risk['close_reason']}"
                if risk["status"] == "closed"
                else f"Score {risk.get('score') or 'not given'}, {risk['status']}, next review {risk['review_due']}"
            )
            self.notify(said, title="Risk", markup=False)
            self.plan.show()
            self.refresh_bindings()

    def _action_closed(self, closed: dict[str, Any] | None) -> None:
        if closed is not None:
            self.notify(f"Closed by {closed['closed_by']}.", title="Action", markup=False)
            self.plan.show()
            self.refresh_bindings()

    def action_export(self) -> None:
        from wizard.tui.screens.export import ExportScreen

        self.save_pending()
        self.app.push_screen(ExportScreen(self.pid, self.record["name"]))

    def action_attach(self) -> None:
        from wizard.tui.screens.attach_evidence import AttachEvidenceScreen

        self.app.push_screen(AttachEvidenceScreen(self.pid), self._attached)

    def _attached(self, record: dict[str, Any] | None) -> None:
        if record is not None:
            what = record.get("title") or record["file_name"]
            said = "Attached" if record["new"] else "Already attached (nothing added)"
            self.notify(f"{said}: {what}, SHA-256 {record['sha256'][:12]}…", title="Evidence", markup=False)
            self.query_one(EvidenceTab).show()
