"""Sign-off and approval: record the decision, approver, role, who was consulted, conditions, date.

`SignOffScreen` signs off one assessment and refuses one with required
answers missing (and says which). `ApprovalScreen` records the partnership's
approval (001: the Chief Executive in consultation with the Chair and/or
Vice-Chair) and refuses while anything its significance requires is not
signed off (and says what).

Freezing cannot be undone, so it takes two steps: Ctrl+S reads back exactly
what will be frozen, and only Enter on "Freeze" writes it (Escape goes back
to the form to fix a mangled name). The approver, role and consultees of the
last decision in this register are offered as starting values. Both show the
digest that seals the decision, and dismiss with the record, or None.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static, TextArea

from wizard.tui import display
from wizard.tui.app import PwizApp
from wizard.tui.display import esc as escape
from wizard.tui.errors import SHOWN_ERRORS, describe
from wizard.tui.screens.dialog_keys import DIALOG_BINDINGS
from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.toggles import ChoiceButton
from wizard.typed import DAY_FORMS, read_day

DECISIONS = list(display.DECISION_LABELS)
FACT_LABELS = {"financial_contribution": "financial contribution", "type": "type on the spectrum"}


def facts_text(facts: dict[str, Any]) -> str:
    """Data-sheet facts as an officer reads them: "financial contribution £75,000; type ..."."""
    shown = []
    for field, value in facts.items():
        if field == "financial_contribution":
            worded = f"£{value:,.0f}" if float(value).is_integer() else f"£{value:,.2f}"
        else:
            worded = display.label(display.TYPE_LABELS, value) if field == "type" else str(value)
        shown.append(f"{FACT_LABELS.get(field, field.replace('_', ' '))} {worded}")
    return "; ".join(shown)


class DecisionSet(RadioSet):
    """The decision choices; digits pick one, as they pick an answer in every questionnaire."""

    def on_key(self, event: events.Key) -> None:
        buttons = list(self.query(RadioButton))
        if event.character and event.character.isdigit() and 0 < int(event.character) <= len(buttons):
            event.stop()
            event.prevent_default()
            buttons[int(event.character) - 1].value = True


class SignOffScreen(ModalScreen[dict[str, Any] | None]):
    """Sign off one assessment."""

    app = getters.app(PwizApp)  # typed: screens reach `governance`, `today`, `report`

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        *DIALOG_BINDINGS,
        Binding("escape", "close", "Cancel", id="signoff.cancel"),
        Binding(
            "ctrl+s",
            "sign",
            "Sign off",
            id="signoff.sign",
            tooltip="Read back what will be frozen; Enter on Freeze then signs off",
        ),
    ]
    KIND = "sign-off"  # the decision's kind, as the register and the remembered approvers name it

    def __init__(self, assessment_id: str) -> None:
        super().__init__()
        self.aid = assessment_id
        self.signoff: dict[str, Any] | None = None
        self.refusal: str | None = None
        self.heading = ""
        self.subject = ""  # what the decision is on, for the read-back
        self.facts: dict[str, Any] = {}  # data-sheet fields the signed answers will fill
        self.filled: dict[str, Any] = {}  # ...and those they did
        self.pending: dict[str, Any] | None = None  # the fields read back, waiting for Freeze

    def compose(self) -> ComposeResult:
        self._check()
        yield KeyBar()
        with Vertical(classes="dialog", id="signoff-dialog"):
            yield Static(self.heading, classes="dialog-title", id="signoff-title")
            if self.refusal is not None:
                yield Static(self.refusal, id="signoff-refused")
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Close", id="signoff-close", variant="primary", compact=True)
                return
            last = self.app.governance.decision_makers(self.KIND)
            with VerticalScroll(id="signoff-form"):
                with Horizontal(classes="form-row"):
                    yield Label("Decision", classes="row-label")
                    with DecisionSet(id="signoff-decision", compact=True):
                        for value in DECISIONS:
                            yield ChoiceButton(display.DECISION_LABELS[value], value=value == "approved")
                with Horizontal(classes="form-row", id="signoff-approver-row"):
                    yield Label("Approver", classes="row-label")
                    yield Input(
                        last.get("by") or self.app.governance.default_signer(),
                        placeholder="name, e.g. S. Clarke",
                        id="signoff-by",
                        compact=True,
                    )
                with Horizontal(classes="form-row"):
                    yield Label("Role", classes="row-label")
                    yield Input(last.get("role") or "Chief Executive", id="signoff-role", compact=True)
                with Horizontal(classes="form-row"):
                    yield Label("Consulted", classes="row-label")
                    yield Input(
                        ", ".join(last.get("consulted", [])),
                        placeholder="names, separated by commas",
                        id="signoff-consulted",
                        compact=True,
                    )
                with Horizontal(classes="form-row"):
                    yield Label("Date", classes="row-label")
                    yield Input(
                        self.app.today.isoformat(),
                        placeholder=f"the day it was decided: {DAY_FORMS}",
                        id="signoff-date",
                        compact=True,
                    )
                with Horizontal(classes="form-row", id="signoff-conditions-row"):
                    yield Label("Conditions", classes="row-label")
                    yield TextArea(id="signoff-conditions", soft_wrap=True, tab_behavior="focus", compact=True)
                yield Static(
                    "Conditions are required for approval with conditions. Ctrl+S shows what will be "
                    "frozen; once frozen, a change needs a review (a new assessment).",
                    classes="muted",
                    id="signoff-warning",
                )
                yield Static("", id="signoff-error", classes="error-line", markup=False)
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Cancel", id="signoff-cancel", compact=True)
                    yield Button("Sign off", id="signoff-confirm", variant="primary", compact=True)
            with VerticalScroll(id="signoff-readback"):
                yield Static("", id="signoff-readback-text")
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Back to edit (Esc)", id="signoff-back", compact=True)
                    yield Button("Freeze (Enter)", id="signoff-freeze", variant="error", compact=True)
            with Vertical(id="signoff-done"):
                yield Static("", id="signoff-digest")
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Close", id="signoff-done-close", variant="primary", compact=True)

    def _check(self) -> None:
        governance = self.app.governance
        try:
            assessment = governance.assessment(self.aid)
            definition = governance.definition_for(assessment)
            result = governance.evaluate(assessment)
            partnership = governance.partnership(assessment["partnership_id"])
        except SHOWN_ERRORS as exc:
            self.heading, self.refusal = "Cannot sign off", describe(exc)
            return
        self.heading = f"Sign off: {escape(definition.title)}\n{escape(partnership['name'])}"
        self.subject = f"Questionnaire  {escape(definition.title)} ({escape(partnership['name'])})"
        self.facts = governance.datasheet_facts(assessment)
        if assessment["status"] == "signed-off":
            self.refusal = "This assessment is already signed off. Start a review to assess it again."
        elif result.missing:
            listed = "\n".join(f"  • {escape(m.subject)}" for m in result.missing[:8])
            more = f"\n  … and {len(result.missing) - 8} more" if len(result.missing) > 8 else ""
            self.refusal = (
                f"[b]This assessment cannot be signed off yet:[/b] {len(result.missing)} required "
                f"answer{'s are' if len(result.missing) != 1 else ' is'} missing.\n{listed}{more}"
            )

    def on_mount(self) -> None:
        if self.refusal is None:
            self.query_one("#signoff-by", Input).focus()
        else:
            self.query_one("#signoff-close", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sign":  # on the read-back, Enter on Freeze (not Ctrl+S again) freezes
            return self.pending is None and self.signoff is None
        return True

    def _decision(self) -> str:
        index = self.query_one("#signoff-decision", DecisionSet).pressed_index
        return DECISIONS[index if index >= 0 else 0]

    @on(Button.Pressed, "#signoff-confirm")
    def action_sign(self) -> None:
        """Check the form and read back what will be frozen; nothing is written yet."""
        if self.refusal is not None or self.signoff is not None or self.pending is not None:
            return
        consulted = [
            name.strip() for name in self.query_one("#signoff-consulted", Input).value.split(",") if name.strip()
        ]
        conditions = self.query_one("#signoff-conditions", TextArea).text.strip() or None
        by = self.query_one("#signoff-by", Input).value.strip()
        role = self.query_one("#signoff-role", Input).value.strip()
        if not by or not role:
            self._error("Give the approver's name and role.")
            return
        typed = self.query_one("#signoff-date", Input).value.strip()
        try:
            read = read_day(typed) if typed else None
        except ValueError as exc:
            self._error(f"Date: {exc}")
            self.query_one("#signoff-date", Input).focus()
            return
        day = read.day if read else self.app.today
        if day > self.app.today:
            self._error(f"Date: {day:%d/%m/%Y} is in the future; give the day the decision was taken.")
            self.query_one("#signoff-date", Input).focus()
            return
        fields = {
            "by": by,
            "role": role,
            "decision": self._decision(),
            "consulted": consulted,
            "conditions": conditions,
        }
        try:
            self.app.governance.check_decision(self.KIND, **fields)
        except SHOWN_ERRORS as exc:
            self._error(describe(exc))
            return
        self.pending = {**fields, "day": day}
        form = f" (typed {read.form})" if read and day != self.app.today else " (today)"
        self.query_one("#signoff-readback-text", Static).update(self._read_back(self.pending, form))
        self.query_one("#signoff-error", Static).remove_class("-shown")
        self.add_class("-reading")
        self.query_one("#signoff-freeze", Button).focus()
        self.refresh_bindings()

    def _read_back(self, fields: dict[str, Any], read_as: str) -> str:
        day: date = fields["day"]
        consulted = "; ".join(escape(name) for name in fields["consulted"]) or "no one"
        conditions = escape(fields["conditions"]) if fields["conditions"] else "none"
        decision = display.label(display.DECISION_LABELS, fields["decision"])
        return (
            "[b]Check before freezing: this is exactly what will be recorded, and it cannot be changed.[/b]\n\n"
            f"{self.subject}\n"
            f"Decision       [b]{escape(decision)}[/b]\n"
            f"Approver       [b]{escape(fields['by'])}[/b]\n"
            f"Role           [b]{escape(fields['role'])}[/b]\n"
            f"Consulted      [b]{consulted}[/b]\n"
            f"Conditions     [b]{conditions}[/b]\n"
            f"Decision date  [b]{day.day} {day:%B %Y}[/b]{read_as}\n"
            + (f"Data sheet     will take {escape(facts_text(self.facts))}\n" if self.facts else "")
            + "\nEnter freezes it; Escape goes back to change it."
        )

    @on(Button.Pressed, "#signoff-freeze")
    def action_freeze(self) -> None:
        """Write what was read back: the deliberate second step."""
        if self.pending is None or self.signoff is not None:
            return
        fields = dict(self.pending)
        day: date = fields.pop("day")
        when = None if day == self.app.today else datetime(day.year, day.month, day.day)
        try:
            self.signoff = self.decide(**fields, signed_at=when)
        except SHOWN_ERRORS as exc:
            self.action_edit()
            self._error(describe(exc))
            return
        self.app.governance.remember_decision_makers(self.KIND, fields["by"], fields["role"], fields["consulted"])
        decision = display.label(display.DECISION_LABELS, self.signoff["decision"])
        by, role = fields["by"], fields["role"]
        self.query_one("#signoff-digest", Static).update(
            f"[b]{self.DONE}[/b] {self.signoff['signed_at'][:10]}: {decision}, by {escape(by)} ({escape(role)}).\n\n"
            f"Digest (SHA-256 of what was {self.SEALED}):\n[b]{self.signoff['digest']}[/b]{self.settled()}"
        )
        self.remove_class("-reading")
        self.add_class("-signed")
        self.query_one("#signoff-done-close", Button).focus()
        self.refresh_bindings()

    @on(Button.Pressed, "#signoff-back")
    def action_edit(self) -> None:
        """Back from the read-back to the form, everything as typed."""
        self.pending = None
        self.remove_class("-reading")
        self.query_one("#signoff-by", Input).focus()
        self.refresh_bindings()

    DONE = "Signed off"
    SEALED = "signed"

    def settled(self) -> str:
        """What else the decision changed, to say under the digest ("" when nothing)."""
        if not self.filled:
            return ""
        told = f"The data sheet now holds the signed answers: {facts_text(self.filled)}."
        self.notify(told, title="Data sheet", timeout=8, markup=False)
        return f"\n\n{escape(told)}"

    def decide(self, **fields: Any) -> dict[str, Any]:
        """Record the decision; its data-sheet facts go onto the data sheet in the same write (the
        store's or the service's error says why not, and then nothing is written)."""
        signoff = self.app.governance.sign_off(self.aid, **fields)
        self.filled = self.facts
        return signoff

    def _error(self, text: str) -> None:
        error = self.query_one("#signoff-error", Static)
        error.update(text)
        error.add_class("-shown")

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#signoff-cancel, #signoff-close, #signoff-done-close")
    def action_close(self) -> None:
        if self.pending is not None and self.signoff is None:  # Escape on the read-back: back to the form
            self.action_edit()
            return
        self.dismiss(self.signoff)


class ApprovalScreen(SignOffScreen):
    """Approve the partnership, over the sign-offs of its current assessments."""

    BINDINGS = [
        *DIALOG_BINDINGS,
        Binding("escape", "close", "Cancel", id="approval.cancel"),
        Binding(
            "ctrl+s",
            "sign",
            "Approve",
            id="approval.approve",
            tooltip="Read back the approval; Enter on Freeze then records it",
        ),
    ]
    KIND = "approval"
    DONE = "Approval recorded"
    SEALED = "approved, and every sign-off it covers"

    def __init__(self, partnership_id: str) -> None:
        super().__init__(partnership_id)
        self.pid = partnership_id

    def _check(self) -> None:
        from wizard import approval

        governance = self.app.governance
        try:
            partnership = governance.partnership(self.pid)
            now = approval.state(governance, self.pid)
        except SHOWN_ERRORS as exc:
            self.heading, self.refusal = "Cannot approve", describe(exc)
            return
        self.heading = f"Approve the partnership\n{escape(partnership['name'])}"
        signed = [
            governance.library.get(qid).title
            for qid, assessment in governance.current_assessments(self.pid).items()
            if assessment["status"] == "signed-off" and qid in governance.library.definitions
        ]
        self.subject = (
            f"Partnership    {escape(partnership['name'])}\n"
            f"Covers         the sign-offs of {escape(', '.join(signed) or 'nothing yet')}"
        )
        if not now.approvable:
            waiting = now.outstanding or ["nothing is signed off yet"]
            listed = "\n".join(f"  • {escape(line)}" for line in waiting)
            self.refusal = f"[b]The partnership cannot be approved yet.[/b] Sign these off first:\n{listed}"

    def on_mount(self) -> None:
        super().on_mount()
        if self.refusal is None:
            self.query_one("#signoff-warning", Static).update(
                "Conditions are required for approval with conditions. The approval covers every current "
                "sign-off; a later review's sign-offs need a new approval."
            )
            self.query_one("#signoff-confirm", Button).label = "Approve"

    def decide(self, **fields: Any) -> dict[str, Any]:
        from wizard import approval

        return approval.approve(self.app.governance, self.pid, **fields)

    def settled(self) -> str:
        try:
            status = self.app.governance.partnership(self.pid).get("status")
        except SHOWN_ERRORS:
            return ""
        return f"\n\nThe partnership's status: [b]{display.label(display.STATUS_LABELS, status)}[/b]."
