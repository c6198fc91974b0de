"""Summary of one assessment: what is missing, flagged, to do and decided.

Missing required answers are listed first and each one jumps back to its
question. From here the assessment is marked complete or signed off. A
signed-off assessment is shown read-only, with its sign-off and digest.
Dismisses with the question id to go to (or None).
"""

from __future__ import annotations

from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from questionnaires.definition import Definition
from wizard import engine
from wizard.changes import AssessmentChanges
from wizard.review import is_carried
from wizard.tui import display
from wizard.tui.app import PwizApp
from wizard.tui.display import esc as escape
from wizard.tui.errors import SHOWN_ERRORS
from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.title_bar import TitleBar


class SummaryScreen(Screen[str | None]):
    """The end of a questionnaire."""

    app = getters.app(PwizApp)  # typed: screens reach `governance`, `today`, `report`

    CSS_PATH = "summary.tcss"
    BINDINGS = [
        Binding("escape", "back", "Questions", id="summary.back", tooltip="Back to the questions"),
        Binding(
            "c",
            "complete",
            "Mark complete",
            id="summary.complete",
            tooltip="Mark the assessment complete (refused while required answers are missing)",
        ),
        Binding("s", "sign_off", "Sign off", id="summary.sign-off", tooltip="Record the approval decision"),
        Binding(
            "a",
            "record_association",
            "Record",  # the status line says what: the key line is full at 80 columns with c and s
            id="summary.association",
            tooltip="Record the body on the Association Register, as the outcome says (001)",
        ),
    ]

    def __init__(self, assessment_id: str, *, read_only: bool = False) -> None:
        super().__init__()
        self.aid = assessment_id
        self.read_only = read_only
        self.assessment: dict[str, Any] = {}
        self.result: engine.Evaluation | None = None
        self.association: dict[str, Any] | None = None  # the association the outcome offers to record

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="summary-body"):
            yield Static("", id="summary-status")
            yield Static("", id="missing-title", classes="summary-heading")
            yield OptionList(id="missing")
            yield Static("", id="summary-details")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_summary()

    def refresh_summary(self) -> None:
        governance = self.app.governance
        try:
            self.assessment = governance.assessment(self.aid)
            definition = governance.definition_for(self.assessment)
            self.result = engine.evaluate(definition, self.assessment["answers"])
            partnership = governance.partnership(self.assessment["partnership_id"])
            signoffs = governance.signoffs(partnership["id"]) if self.assessment["status"] == "signed-off" else []
            carried = governance.unconfirmed(self.assessment)
            review = governance.changes_since_review(self.assessment)
            self.association = governance.association_offer(self.assessment)
        except SHOWN_ERRORS as exc:
            self.app.report(exc, "Cannot show the summary")
            return
        self.title = f"Summary: {definition.title}"
        self.sub_title = partnership["name"]
        result, answers = self.result, self.assessment["answers"]
        done = engine.progress(definition, answers)
        status = display.label(display.ASSESSMENT_STATUS, self.assessment["status"])
        lines = [
            f"[b]{escape(definition.title)}[/b]  ·  {status}  ·  {done.answered} of {done.total} questions answered"
        ]
        signoff = next((s for s in reversed(signoffs) if s["assessment_id"] == self.aid), None)
        if signoff:
            lines.append(_signoff_text(signoff))
        elif self.assessment["status"] == "signed-off":
            lines.append("Signed off (the sign-off record was not found).")
        elif result.missing or carried:
            lines.append(
                "[yellow]Not ready to sign off: answer or confirm the questions below (Enter jumps to one).[/]"
            )
        elif self.assessment["status"] == "complete":
            lines.append("[green]Complete: s signs it off (you see what will be frozen before it is).[/]")
        else:
            lines.append("[green]Nothing required is missing: c marks it complete, s signs it off.[/]")
        if self.association is not None:
            lines.append("[b]a[/b] records it on the Association Register, as the outcome says (001).")
        self.query_one("#summary-status", Static).update("\n".join(lines))

        missing = self.query_one("#missing", OptionList)
        missing.clear_options()
        title = self.query_one("#missing-title", Static)
        if result.missing or carried:
            heads = [
                f"Missing ({len(result.missing)})" if result.missing else "",
                f"Carried, not yet confirmed ({len(carried)})" if carried else "",
            ]
            title.update(f"[b]{' · '.join(filter(None, heads))}[/b]")
            missing.add_options(
                Option(f"{escape(m.subject)}  [dim]({_missing_part(m)})[/]", id=m.key) for m in result.missing
            )
            missing.add_options(
                Option(
                    f"{escape(_named(definition, qid))}  [yellow](carried, not yet confirmed)[/]",
                    id=f"{qid}#carried",
                )
                for qid in carried
            )
        title.display = missing.display = bool(result.missing or carried)
        self.query_one("#summary-details", Static).update(
            _details(result, definition) + _changes(review) + _answers(definition, answers)
        )
        self.refresh_bindings()
        if result.missing or carried:
            missing.highlighted = 0
            missing.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        status = self.assessment.get("status")
        if action == "complete":
            return status == "draft" and not self.read_only
        if action == "sign_off":
            return status in ("draft", "complete") and not self.read_only
        if action == "record_association":
            return self.association is not None
        return True

    @on(OptionList.OptionSelected, "#missing")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        if self.read_only:
            return
        self.dismiss((event.option.id or "").split("#")[0] or None)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_complete(self) -> None:
        done = self.app.run_safely(self.app.governance.complete, self.aid)
        if done is not None:
            self.notify("Marked complete.", title="Assessment")
        self.refresh_summary()

    def action_sign_off(self) -> None:
        from wizard.tui.screens.signoff import SignOffScreen

        self.app.push_screen(SignOffScreen(self.aid), self._signed)

    def _signed(self, signoff: dict[str, Any] | None) -> None:
        self.refresh_summary()
        if signoff is not None and self.association is not None:  # what the signed outcome says to do next
            self.action_record_association()

    def action_record_association(self) -> None:
        from wizard.tui.screens.association_form import AssociationFormScreen

        self.app.push_screen(AssociationFormScreen(prefill=self.association), self._association_recorded)

    def _association_recorded(self, record: dict[str, Any] | None) -> None:
        if record is not None:
            self.notify(f"Recorded {record['name']} on the Association Register.", title="Association", markup=False)
        self.refresh_summary()


def _named(definition: Definition, answer_id: str) -> str:
    """A question's text, or a repeat section's title (its items are carried as one answer)."""
    section = definition.repeat(answer_id)
    return section.title if section is not None else definition.question(answer_id).text


def _missing_part(missing: engine.Missing) -> str:
    if missing.part == "answer":
        return "no answer yet"
    if missing.part == "items":
        return str(missing).split(": ", 1)[1]
    box = getattr(missing.question, missing.part)
    return f"'{box.label}' is required for this answer"


def _signoff_text(signoff: dict[str, Any]) -> str:
    decision = display.label(display.DECISION_LABELS, signoff.get("decision"))
    consulted = ", ".join(signoff.get("consulted") or []) or "nobody recorded"
    text = (
        f"[b]Signed off[/b] {signoff['signed_at'][:10]}: {decision}, by {escape(signoff['by'])} ({escape(signoff['role'])}); "
        f"consulted: {escape(consulted)}"
    )
    if signoff.get("conditions"):
        text += f"\nConditions: {escape(signoff['conditions'])}"
    return text + f"\n[dim]Digest {signoff['digest']}[/]"


def _changes(review: AssessmentChanges | None) -> str:
    if review is None:
        return ""
    parts = [f"\n[b]Changes since the last review ({len(review.answers)})[/b] [dim]against {review.previous['id']}[/]"]
    for change in review.answers:
        what = "" if change.part == "answer" else f" {change.part}"
        parts.append(
            f"  • {escape(change.question_text)}{what}: [dim]{escape(change.before or '—')}[/] → [b]{escape(change.after or '—')}[/]"
        )
    if not review.answers:
        parts.append("  [dim]no answer changed[/]")
    parts += [f"  [yellow]▲ raised:[/] {escape(text)}" for text in review.flags_raised]
    parts += [f"  [green]▽ cleared:[/] {escape(text)}" for text in review.flags_cleared]
    return "\n".join(parts)


def _answers(definition: Definition, answers: dict[str, Any]) -> str:
    """Every question shown and its answer, note and action: what an approver signs."""
    shown = engine.visible_questions(definition, answers)
    parts = [f"\n\n[b]Answers ({len(shown)} questions)[/b]"]
    for question in shown:
        stored = answers.get(question.id) or {}
        value = stored.get("value")
        answer = escape(question.label_for(value)) if engine.is_answered(value) else "[dim]no answer yet[/]"
        carried = " [yellow](carried, not yet confirmed)[/]" if is_carried(stored) else ""
        parts.append(f"  • {escape(question.text)}: [b]{answer}[/b]{carried}")
        for part, word in (("note", "Note"), ("action", "Action")):
            if stored.get(part):
                parts.append(f"      {word}: {escape(stored[part])}")
    return "\n".join(parts + _items(definition, answers))


def _items(definition: Definition, answers: dict[str, Any]) -> list[str]:
    """Each repeat section's items, as the pack shows them: under "Partner 1", "Partner 2", …"""
    parts: list[str] = []
    heading = None
    for slot in engine.slots(definition, answers):
        if slot.group is None:
            continue
        if (slot.group.id, slot.item) != heading:
            heading = (slot.group.id, slot.item)
            parts.append(f"  [b]{escape(slot.group.title)} · {escape(slot.label or '')}[/b]")
        stored = slot.stored if isinstance(slot.stored, dict) else {"value": slot.stored}
        answer = escape(slot.question.label_for(slot.value)) if slot.value is not None else "[dim]no answer yet[/]"
        parts.append(f"    • {escape(slot.question.text)}: [b]{answer}[/b]")
        for part, word in (("note", "Note"), ("action", "Action")):
            if stored.get(part):
                parts.append(f"        {word}: {escape(stored[part])}")
    return parts


def _details(result: engine.Evaluation, definition: Definition) -> str:
    def which(question_id: str) -> str:  # the question's words, not its id
        text = definition.question(question_id).text
        return escape(text if len(text) <= 60 else text[:59].rstrip() + "…")

    parts: list[str] = []
    parts.append(f"\n[b]Flags: particular care ({len(result.flags)})[/b]")
    parts += [f"  [yellow]▲[/] {escape(f.text)} [dim]({which(f.question_id)})[/]" for f in result.flags] or [
        "  [dim]none[/]"
    ]
    parts.append(f"\n[b]Actions ({len(result.actions)})[/b]")
    parts += [f"  • {escape(a.text)} [dim]({which(a.question_id)})[/]" for a in result.actions] or ["  [dim]none[/]"]
    parts.append(f"\n[b]Risks ({len(result.risks)})[/b]")
    for risk in result.risks:
        score = f" L{risk.likelihood}×I{risk.impact}" if risk.likelihood and risk.impact else ""
        category = f"{risk.category}: " if risk.category else ""
        parts.append(f"  • {escape(category + risk.description)}{score} [dim]({which(risk.question_id)})[/]")
    if not result.risks:
        parts.append("  [dim]none[/]")
    parts.append("\n[b]Outcome[/b]")
    for outcome in result.outcomes:
        if outcome.value is None:
            parts.append(f"  {escape(outcome.title)}: [dim]not decided yet[/]")
            continue
        line = f"  {escape(outcome.title)}: [b]{escape(outcome.label or outcome.value)}[/b]"
        if outcome.review_interval_months:
            line += f" · review every {outcome.review_interval_months} months"
        parts.append(line)
        if outcome.requires:
            parts.append(f"    requires: {', '.join(outcome.requires)}")
        if outcome.explanation:
            parts.append(f"    [dim]{escape(outcome.explanation.strip())}[/]")
    if not result.outcomes:
        parts.append("  [dim]this questionnaire decides no outcome; its flags, actions and risks are above[/]")
    return "\n".join(parts)
