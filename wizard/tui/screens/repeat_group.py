"""A repeat section (e.g. one block of questions per partner), one item at a time.

Reached from the assessment's sidebar, by F7, or by moving on (PgDn) past the
question before it. Ctrl+N adds an item, Ctrl+R removes the one shown, PgDn and
PgUp move between items, Tab between its questions; Escape goes back. The whole
list of items is saved through Governance (as one answer under the section's
id) whenever an answer is final, as on the assessment screen, so the item's
questions appear and disappear as its answers change their conditions.
"""

from __future__ import annotations

from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, Static

from questionnaires.definition import Definition
from questionnaires.schema import Question, Section
from store.errors import ConflictError
from wizard import engine
from wizard.repeat_answers import plain
from wizard.tui.app import PwizApp
from wizard.tui.display import esc
from wizard.tui.errors import SHOWN_ERRORS, describe
from wizard.tui.widgets.answers import Answered, ExtraText, widget_class
from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.title_bar import TitleBar


class RepeatGroupScreen(Screen[None]):
    """Add, remove and answer the items of one repeat section."""

    app = getters.app(PwizApp)

    DEFAULT_CSS = """
    RepeatGroupScreen #items-where { padding: 0 1; text-style: bold; }
    RepeatGroupScreen #items-form { padding: 0 1; }
    RepeatGroupScreen .item-question { margin-top: 1; }
    RepeatGroupScreen #items-error { color: $error; padding: 0 1; }
    RepeatGroupScreen #items-computed { color: $text-muted; padding: 0 1; }
    """
    BINDINGS = [
        Binding("ctrl+n", "add", "Add", priority=True, id="items.add", tooltip="Add an item at the end and show it"),
        # Not Ctrl+D: a text box deletes a character with it.
        Binding("ctrl+r", "remove", "Remove", priority=True, id="items.remove", tooltip="Remove the item shown"),
        Binding("pagedown", "step(1)", "Next", key_display="PgDn", priority=True, id="items.next"),
        Binding("pageup", "step(-1)", "Prev", key_display="PgUp", priority=True, id="items.previous"),
        Binding("escape", "close", "Back", id="items.close", tooltip="Save and go back to the questions"),
    ]

    definition: Definition
    help_section = "Answering a questionnaire"  # F1 opens help there

    def __init__(self, assessment_id: str, section_id: str) -> None:
        super().__init__()
        self.aid, self.section_id = assessment_id, section_id
        self.assessment: dict[str, Any] = {}
        self.number = 1  # the item shown, from 1; 0 while there is none

    @property
    def section(self) -> Section:
        section = self.definition.repeat(self.section_id)
        assert section is not None and section.repeat is not None
        return section

    @property
    def items(self) -> list[dict[str, Any]]:
        """The items as saved, in the answers-file shape (question id -> value or value/note/action)."""
        return plain(self.assessment["answers"].get(self.section_id))

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical():
            yield Static("", id="items-where")
            yield Static("", id="items-error")
            yield VerticalScroll(id="items-form")
            yield Static("", id="items-computed")
        yield KeyBar()

    async def on_mount(self) -> None:
        try:
            self.assessment = self.app.governance.assessment(self.aid)
            self.definition = self.app.governance.definition_for(self.assessment)
        except SHOWN_ERRORS as exc:
            self.app.report(exc, "Cannot open the assessment")
            self.dismiss()
            return
        self.title, self.sub_title = self.section.title, self.definition.title
        self.number = 1 if self.items else 0
        await self._show_item()

    # --- showing ------------------------------------------------------------------

    def _shape(self) -> tuple[list[str], set[tuple[str, str]]]:
        """What the form shows of the item: its visible questions, and which of them (their
        "answer") and of their boxes ("note", "action") are required now. Answers that keep
        the shape are saved without building the form again."""
        slots = self._slots()
        required = {
            (s.question.id, "answer") for s in slots if engine.is_required(self.definition, s.question, s.context)
        }
        for s in slots:
            for part in ("note", "action"):
                if engine.box_required_in(self.definition, s.question.id, part, s.context):
                    required.add((s.question.id, part))
        return [s.question.id for s in slots], required

    def _slots(self) -> list[engine.Slot]:
        return [
            s
            for s in engine.slots(self.definition, self.assessment["answers"])
            if s.group is not None and s.group.id == self.section_id and s.item == self.number
        ]

    async def _show_item(self, focus: str | None = None, advance: bool = False) -> None:
        """Build the form for the item shown (its visible questions); focus the field `focus`
        (the one after it, if `advance`), else the first."""
        form = self.query_one("#items-form", VerticalScroll)
        await form.remove_children()
        widgets: list[Widget] = []
        _, required = self._shape()
        for slot in self._slots():
            widgets += self._fields(slot.question, slot, required)
        if not widgets:
            label = self.section.repeat.label if self.section.repeat else "item"
            widgets.append(Static(f"No {esc(label)} yet: Ctrl+N adds one.", classes="item-question"))
        await form.mount_all(widgets)
        self._update_texts()
        fields = list(self.query(".item-answer"))
        at = next((n for n, w in enumerate(fields) if w.id == focus), None)
        if at is not None and advance:
            at = min(at + 1, len(fields) - 1)
        if fields:
            fields[at or 0].focus()

    def _fields(self, question: Question, slot: engine.Slot, required: set[tuple[str, str]]) -> list[Widget]:
        stored = slot.stored if isinstance(slot.stored, dict) else {"value": slot.stored}
        star = " [b red]*[/]" if (question.id, "answer") in required else ""
        widget = widget_class(question)(question, stored.get("value"), id=f"a-{question.id}")
        widget.add_class("item-answer")
        fields: list[Widget] = [Static(f"{esc(question.text)}{star}", classes="item-question"), widget]
        for part in ("note", "action"):
            box = getattr(question, part)
            if box is None:
                continue
            needed = " (required for this answer)" if (question.id, part) in required else ""
            fields.append(Label(f"{esc(box.label)}{needed}"))
            extra = ExtraText(question, part, stored.get(part), id=f"{part}-{question.id}")
            extra.add_class("item-answer")
            fields.append(extra)
        return fields

    def _update_texts(self) -> None:
        repeat = self.section.repeat
        assert repeat is not None
        count = len(self.items)
        where = f"{repeat.item_label(self.number)} of {count}" if self.number else f"no {repeat.label} yet"
        limits = f"at least {repeat.min}, at most {repeat.max}"
        self.query_one("#items-where", Static).update(f"{esc(self.section.title)} · {esc(where)}  [dim]({limits})[/]")
        values = engine.computed_values(self.definition, self.assessment["answers"])
        shown = [f"{c.label or c.id}: {values[c.id]:,}" for c in self.definition.model.computed]
        self.query_one("#items-computed", Static).update(esc(" · ".join(shown)))

    def _error(self, text: str | None) -> None:
        self.query_one("#items-error", Static).update(esc(text or ""))

    # --- saving -------------------------------------------------------------------

    def _given(self) -> dict[str, Any]:
        """The item shown, as its widgets hold it."""
        item: dict[str, Any] = {}
        for widget in self.query(".item-answer"):
            if isinstance(widget, ExtraText):
                item.setdefault(widget.question.id, {})[widget.part] = widget.value
            else:
                qid = (widget.id or "").removeprefix("a-")
                item.setdefault(qid, {})["value"] = widget.answer_value()  # type: ignore[attr-defined]
        return item

    def _save(self, items: list[dict[str, Any]] | None = None) -> bool:
        """Save the items (by default: the saved ones with the shown one as its widgets hold it).
        Saving them as they stand confirms items carried from the last review, as moving on does."""
        if self.assessment.get("status") == "signed-off":
            self._error("This assessment is signed off: start a review to change its answers.")
            return items is None  # moving about and leaving still work; adding and removing do not
        if items is None:
            items = self.items
            if self.number:
                kept = items[self.number - 1] if self.number <= len(items) else {}
                items[self.number - 1] = {**kept, **self._given()}
        try:
            self.assessment = self.app.governance.answer(
                self.aid, self.section_id, items, expected_revision=self.assessment["revision"]
            )
        except ConflictError as exc:
            self._error(describe(exc))
            self.assessment = self.app.governance.assessment(self.aid)
            return False
        except SHOWN_ERRORS as exc:
            self._error(describe(exc))
            return False
        self._error(None)
        return True

    @on(Answered)
    async def _answered(self, event: Answered) -> None:
        event.stop()
        before = self._shape()
        if not self._save():
            return
        if self._shape() != before:  # the answer showed or hid a question, or made a box required
            await self._show_item(focus=event.widget.id, advance=event.advance)
            return
        self._update_texts()
        if event.advance:
            self.focus_next()

    # --- moving ---------------------------------------------------------------------

    async def action_add(self) -> None:
        repeat = self.section.repeat
        assert repeat is not None
        if self.number and not self._save():
            return
        if len(self.items) >= repeat.max:
            self.notify(f"This section takes at most {repeat.max} × {repeat.label}.", timeout=4)
            return
        if self._save([*self.items, {}]):
            self.number = len(self.items)
            await self._show_item()

    def action_remove(self) -> None:
        """Ask once, then remove the item shown (its answers go with it)."""
        from wizard.tui.screens.ask import AskScreen

        if not self.number:
            return
        repeat = self.section.repeat
        assert repeat is not None
        label = repeat.item_label(self.number)

        async def answered(yes: bool | None) -> None:
            if not yes:
                return
            items = self.items
            del items[self.number - 1]
            if self._save(items):
                self.number = min(self.number, len(items))
                await self._show_item()

        if self._save():
            self.app.push_screen(
                AskScreen(f"Remove {label}", f"Remove {label} and its answers?", yes="Remove"), answered
            )

    async def action_step(self, step: int) -> None:
        if self.number and not self._save():
            return
        target = self.number + step
        if not 1 <= target <= len(self.items):
            return
        self.number = target
        await self._show_item()

    def action_close(self) -> None:
        if not self.number or self._save():
            self.dismiss()
