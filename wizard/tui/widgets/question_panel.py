"""One question on screen: its text, guidance from the source document, the
answer widget for its type, an error line, and its note/action boxes.

The panel knows what was last saved, so `pending()` tells the screen whether
anything typed is still unsaved (for Next, Back, quit and signals).

Moving to a question of the same shape (same widget, same choices, same
boxes: the common case, e.g. ten Yes/No/Unclear principles in a row)
reloads the panel in place instead of building a new one: no remount, focus
stays put, so the step is quick and nothing flickers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Collapsible, Input, Label, Static

from questionnaires.schema import Question
from wizard.review import is_carried
from wizard.tui.display import esc
from wizard.tui.widgets.answers import ExtraText, HeldKey, HoldsKeysAfterEnter, answer_widget, widget_class

PARTS = ("value", "note", "action")


@dataclass(frozen=True)
class QuestionView:
    """Everything the panel shows for one question."""

    question: Question
    stored: dict[str, Any] | None
    section_title: str
    section_guidance: str | None
    position: str
    first_in_section: bool
    required_boxes: dict[str, bool]
    source: str | None
    required: bool | None = None  # `required_if` holding now; None: the question's own `required`

    @property
    def shape(self) -> tuple:
        """Questions with the same shape can share one set of widgets."""
        q = self.question
        boxes = tuple((part, getattr(q, part).label) for part in ("note", "action") if getattr(q, part) is not None)
        return widget_class(q), q.type, tuple((c.value, c.label) for c in q.options), boxes


class QuestionPanel(VerticalScroll):
    """The current question and everything the user can fill in for it."""

    def __init__(self, view: QuestionView) -> None:
        super().__init__()
        self.view = view
        self.saved = _parts(view.stored)
        self.can_focus = False

    @property
    def question(self) -> Question:
        return self.view.question

    def compose(self) -> ComposeResult:
        view = self.view
        yield Static("", id="question-where")
        # Open or closed from the start: a Collapsible that opens scrolls itself into view
        # (animated), which took a long question back up, away from its answer.
        with Collapsible(title="About this section", id="section-guidance", collapsed=not view.first_in_section):
            yield Static("", id="section-guidance-text", classes="guidance", markup=False)
        yield Static("", id="carried-note", classes="carried")
        yield Static("", id="question-text")
        yield Static("", id="question-guidance", classes="guidance", markup=False)
        widget = answer_widget(view.question, self.saved["value"])
        yield widget
        yield Static(widget.hint(), id="answer-hint", classes="hint")
        yield Static("", id="answer-error", classes="error-line")
        for part in ("note", "action"):
            if getattr(view.question, part) is None:
                continue
            with Vertical(classes="extra"):
                yield Label("", classes="extra-label", id=f"{part}-label")
                yield ExtraText(view.question, part, self.saved[part], id=f"{part}-box")
        yield Static("", id="question-source", classes="hint", markup=False)

    def on_mount(self) -> None:
        self._show_texts(self.view)
        self.call_after_refresh(self.reveal_answer)

    def reload(self, view: QuestionView) -> bool:
        """Show another question of the same shape in place; False if the shape differs."""
        if view.shape != self.view.shape:
            return False
        self.view = view
        self.saved = _parts(view.stored)
        self.answer.set_question(view.question, self.saved["value"])
        for part in ("note", "action"):
            for box in self.query(f"#{part}-box").results(ExtraText):
                box.set_question(view.question, self.saved[part])
        self.show_error(None)
        self._show_texts(view)
        self.scroll_home(animate=False)
        self.call_after_refresh(self.reveal_answer)
        return True

    def reveal_answer(self) -> None:
        """Scroll (as little as it takes) so what has the focus is on screen, else the answer:
        on a long question the choices start below the screen, and the focus is on them."""
        if not self.is_attached:  # a panel on its way out, after another question replaced it
            return
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            self.scroll_to_widget(focused, animate=False, immediate=True)
            return
        answer = self.query("#answer")  # none once the panel is going
        if answer:
            self.scroll_to_widget(answer.first(), animate=False, immediate=True)

    def on_resize(self) -> None:
        # The text was laid out again (the first layout of a new screen, the sidebar shown or
        # hidden, the terminal resized): where the focus is may have moved off screen.
        self.call_after_refresh(self.reveal_answer)

    def _show_texts(self, view: QuestionView) -> None:
        q = view.question
        self.query_one("#question-where", Static).update(f"{esc(view.section_title)}  [dim]· {view.position}[/]")
        guidance = self.query_one("#section-guidance", Collapsible)
        guidance.display = bool(view.section_guidance)
        guidance.collapsed = not view.first_in_section
        self.query_one("#section-guidance-text", Static).update((view.section_guidance or "").strip())
        required = " [b red]*[/]" if (q.required if view.required is None else view.required) else ""
        self.query_one("#question-text", Static).update(f"{esc(q.text)}{required}")
        help_text = self.query_one("#question-guidance", Static)
        help_text.update((q.guidance or "").strip())
        help_text.display = bool(q.guidance)
        source = self.query_one("#question-source", Static)
        source.update(view.source or "")
        source.display = bool(view.source)
        self.set_required_boxes(view.required_boxes)
        self._show_carried(view.stored)
        self._show_hint()

    @on(Input.Changed, "#answer")
    def _show_hint(self) -> None:
        """The hint follows the typing: a date box says which day it reads."""
        self.query_one("#answer-hint", Static).update(esc(self.answer.hint()))

    def _show_carried(self, stored: dict[str, Any] | None) -> None:
        note = self.query_one("#carried-note", Static)
        note.display = is_carried(stored)
        if note.display:
            note.update(
                "↻ Carried from the last review, not yet confirmed: Next (PgDn) confirms it as it stands; change it if it no longer holds."
            )

    @property
    def answer(self) -> Any:
        return self.query_one("#answer")

    def values(self) -> dict[str, Any]:
        """What the widgets hold now: value, note, action."""
        given = {"value": self.answer.answer_value(), "note": self.saved["note"], "action": self.saved["action"]}
        for part in ("note", "action"):
            for box in self.query(f"#{part}-box").results(ExtraText):
                given[part] = box.value
        return given

    def pending(self) -> dict[str, Any] | None:
        """The values if they differ from what was last saved, else None."""
        given = self.values()
        if all(_same(given[part], self.saved[part]) for part in PARTS):
            return None
        return given

    def mark_saved(self, stored: dict[str, Any] | None) -> None:
        self.saved = _parts(stored)
        self.show_error(None)
        self._show_carried(stored)

    def show_error(self, text: str | None) -> None:
        error = self.query_one("#answer-error", Static)
        error.update(esc(text or ""))
        error.set_class(bool(text), "-shown")

    def set_required_boxes(self, required: dict[str, bool]) -> None:
        for part, needed in required.items():
            box = getattr(self.question, part)
            if box is None:
                continue
            for label in self.query(f"#{part}-label").results(Label):
                label.update(f"{esc(box.label)}{' (required for this answer)' if needed else ''}")

    def take_held(self) -> tuple[type, list[HeldKey]]:
        """What kind of answer this is, and the keys typed ahead after Enter, not yet applied."""
        for box in self.query(ExtraText):
            box.take_held()  # typed blind into a note: the focus goes to the next answer
        answer = self.answer
        return type(answer), answer.take_held() if isinstance(answer, HoldsKeysAfterEnter) else []

    def replay(self, held: tuple[type, list[HeldKey]]) -> None:
        """Apply keys typed ahead on the previous question if it took the same kind of answer."""
        kind, keys = held
        answer = self.answer
        if keys and type(answer) is kind and isinstance(answer, HoldsKeysAfterEnter):
            answer.replay(keys)

    def focused_box(self) -> Input | None:
        focused = self.screen.focused
        return focused if isinstance(focused, ExtraText) else None


def _parts(stored: dict[str, Any] | None) -> dict[str, Any]:
    return {part: (stored or {}).get(part) for part in PARTS}


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or (isinstance(value, str) and not value.strip())


def _same(a: Any, b: Any) -> bool:
    if _blank(a) and _blank(b):
        return True
    if isinstance(b, (int, float)) and isinstance(a, str):
        return a.strip() == str(b) or a.strip() == (str(int(b)) if float(b).is_integer() else str(b))
    return a == b
