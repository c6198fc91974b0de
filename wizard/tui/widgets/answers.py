"""One answer widget per question type, all speaking one message.

Each widget posts `Answered` when its value is final: a choice made, a box
ticked, Enter pressed in a text field, or focus leaving it. `advance` says
the user also asked for the next question (Enter). The screen reads the
value with `answer_value()` and saves it through Governance.

    yes_no, yes_no_unclear, met_partly_not,
    single_choice (up to 7 choices)      ChoiceAnswer   (a RadioSet)
    single_choice (more)                 DropdownAnswer (a Select)
    multi_choice                         MultiAnswer    (a SelectionList)
    short_text, number, date             TextAnswer     (an Input)
    long_text                            LongTextAnswer (a TextArea)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events, on
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, OptionList, RadioButton, RadioSet, Select, SelectionList, TextArea

from questionnaires.schema import Question, QuestionType
from wizard.tui.widgets.toggles import ChoiceButton
from wizard.typed import DAY_FORMS, read_day

RADIO_LIMIT = 7


@dataclass
class Answered(Message):
    """A field of the current question has a final value (save it)."""

    widget: Widget
    question_id: str
    advance: bool = False

    @property
    def control(self) -> Widget:
        return self.widget


HeldKey = tuple[str, "str | None"]  # (key, character) of a key typed ahead


class HoldsKeysAfterEnter:
    """Enter asks for the next question; the keys typed behind it wait for it.

    Without this, keys that arrive before the screen has moved on would
    change the answer being saved ("abc Enter def" saving "abcdef"). The
    screen hands the held keys to the next question if it takes the same
    kind of answer, and drops them otherwise (they were typed blind).
    """

    _held: list[HeldKey] | None = None

    def _hold_from_now(self) -> None:
        self._held = []

    def _held_back(self, event: events.Key) -> bool:
        """Keep `event` for the next question if Enter was pressed; True if kept."""
        if self._held is None:
            return False
        event.stop()
        event.prevent_default()
        self._held.append((event.key, event.character))
        return True

    def take_held(self) -> list[HeldKey]:
        held, self._held = self._held or [], None
        return held

    def replay(self, keys: list[HeldKey]) -> None:
        """Apply keys typed ahead on the previous question, as if typed here."""
        raise NotImplementedError


class ChoiceAnswer(HoldsKeysAfterEnter, RadioSet):
    """One of a few fixed choices. Digits pick; Enter picks the highlighted one and moves on.

    Every key changes the choice at once, in this widget's own turn, rather
    than through RadioSet's button messages, which a quick typist overtakes:
    "2 Enter" must answer No even when both keys arrive together. Keys typed
    after Enter are held until the next question is shown, then applied to
    it, so "2 Enter 1 Enter" answers two questions No, then Yes, as typed.
    """

    # The keys themselves are taken in on_key, in this widget's own turn: a binding
    # runs only once its key has bubbled up to the app, after the keys typed behind
    # it. The binding stays for the command palette and keymaps (not in the footer:
    # no room at 80 columns; the hint line under the choices says it).
    OWN_KEYS = frozenset({"enter", "space", "up", "down", "left", "right"})
    BINDINGS = [
        Binding(
            "enter",
            "choose_and_next",
            "Choose and next",
            show=False,
            id="answer.choose-next",
            tooltip="Choose the highlighted answer and go to the next question",
        )
    ]

    def __init__(self, question: Question, value: Any, *, id: str | None = None) -> None:
        self.question = question
        self.choices = [c.value for c in question.options]
        buttons = [ChoiceButton(c.label, value=c.value == value) for c in question.options]
        super().__init__(*buttons, id=id, classes="answer-widget", compact=True)
        # The answer and the highlight are kept here, not read back from RadioSet: its
        # bookkeeping goes through button messages, which keys typed together overtake.
        self._chosen: int | None = self.choices.index(value) if value in self.choices else None
        self._cursor = 0  # RadioSet highlights the first choice on mount

    def answer_value(self) -> Any:
        return None if self._chosen is None else self.choices[self._chosen]

    def set_question(self, question: Question, value: Any) -> None:
        """Show another question with the same choices and its stored answer; apply keys typed ahead."""
        self.question = question
        self._show(self.choices.index(value) if value in self.choices else None)
        self.replay(self.take_held())

    def on_mount(self) -> None:
        # RadioSet's own mount handler runs after this one and highlights the first choice:
        # highlight the stored answer straight after it, before any key is handled.
        self.call_next(self._show, self._chosen)

    def _show(self, index: int | None) -> None:
        """Press button `index` (None: none), release the others, highlight it (else the first)."""
        with self.prevent(RadioButton.Changed):
            for position, button in enumerate(self.query(RadioButton)):
                button.value = position == index
        self._chosen = index
        self._move_cursor((index or 0) - self._cursor)

    def _move_cursor(self, steps: int) -> None:
        """Move the highlight `steps` choices on (back if negative), wrapping round as RadioSet does,
        the shorter way round (RadioSet moves it one choice at a time)."""
        count = len(self.choices)
        if not count:
            return
        forward = steps % count
        if forward <= count // 2:
            for _ in range(forward):
                self.action_next_button()
        else:
            for _ in range(count - forward):
                self.action_previous_button()
        self._cursor = (self._cursor + steps) % count
        if steps:
            self.call_after_refresh(self._reveal_cursor)

    def _reveal_cursor(self) -> None:
        """Scroll the question so the highlighted choice is on screen (a long question scrolls)."""
        buttons = list(self.query(RadioButton))
        if self.is_attached and self._cursor < len(buttons):  # not once its question is gone
            buttons[self._cursor].scroll_visible(animate=False, immediate=True)

    def _choose(self, index: int, *, advance: bool = False) -> None:
        self._show(index)
        if advance:
            self._hold_from_now()
        self.post_message(Answered(self, self.question.id, advance=advance))

    def replay(self, keys: list[HeldKey]) -> None:
        for key, character in keys:
            self._press(key, character)

    def _press(self, key: str, character: str | None = None) -> None:
        if self._held is not None:
            self._held.append((key, character))
        elif key.isdigit():
            if 0 <= int(key) - 1 < len(self.choices):
                self._choose(int(key) - 1)
        elif key in ("enter", "space"):
            self._choose(self._cursor, advance=key == "enter")
        else:
            self._move_cursor(-1 if key in ("up", "left") else 1)

    def hint(self) -> str:
        return f"↑↓ · Space or 1–{len(self.choices)} choose · Enter choose and next"

    def action_choose_and_next(self) -> None:
        self._press("enter")

    def on_key(self, event: events.Key) -> None:
        if event.key.isdigit() or event.key in self.OWN_KEYS:
            event.stop()
            event.prevent_default()
            self._press(event.key, event.character)

    def on_radio_button_changed(self, event: RadioButton.Changed) -> None:
        """A click on a button (keys never come this way): choose it, unless moving on.

        prevent_default: RadioSet's own handler (its bookkeeping) is not run; `_show` does it."""
        event.stop()
        event.prevent_default()
        if self._held is None:
            self._choose(list(self.query(RadioButton)).index(event.radio_button))
        else:
            self._show(self._chosen)


class DropdownAnswer(Select[str]):
    """One of many choices."""

    def __init__(self, question: Question, value: Any, *, id: str | None = None) -> None:
        self.question = question
        options = [(c.label, c.value) for c in question.options]
        known = {c.value for c in question.options}
        super().__init__(
            options, prompt="Choose…", value=value if value in known else Select.NULL, id=id, classes="answer-widget"
        )

    def answer_value(self) -> Any:
        return None if self.value is Select.NULL else self.value

    def set_question(self, question: Question, value: Any) -> None:
        self.question = question
        with self.prevent(Select.Changed):
            self.value = value if value in {c.value for c in question.options} else Select.NULL

    def hint(self) -> str:
        return "Enter opens the list · type to search · PgDn next question"

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        if event.select is not self:
            return
        event.stop()
        self.post_message(Answered(self, self.question.id))


class MultiAnswer(SelectionList[str]):
    """Any number of choices. Space ticks; Enter moves on.

    Each box reads without colour, `[x]` ticked and `[ ]` not, and a long
    choice wraps (the question panel's CSS lets it) rather than being cut
    with an ellipsis: "…purchasing and/or commissioning servic…" hid the
    words that decide the answer. SelectionList draws its box on every line
    as if each choice were one line high; here the box goes on a choice's
    first line only, found through OptionList's map of lines to choices.
    """

    TICKED, UNTICKED, CONTINUED = "[x] ", "[ ] ", "    "

    # Not in the footer (no room at 80 columns): the hint line under the choices says them.
    BINDINGS = [
        Binding(
            "space", "select", "Tick", show=False, id="answer.tick", tooltip="Tick or untick the highlighted choice"
        ),
        Binding(
            "enter",
            "next_question",
            "Next",
            show=False,
            id="answer.next",
            tooltip="Go to the next question (same as PgDn)",
        ),
    ]

    def __init__(self, question: Question, value: Any, *, id: str | None = None) -> None:
        self.question = question
        ticked = set(value or [])
        super().__init__(
            *[(c.label, c.value, c.value in ticked) for c in question.options],
            id=id,
            classes="answer-widget",
            compact=True,
        )

    def answer_value(self) -> Any:
        chosen = set(self.selected)
        return [c.value for c in self.question.options if c.value in chosen]

    def set_question(self, question: Question, value: Any) -> None:
        self.question = question
        with self.prevent(SelectionList.SelectedChanged):
            self.deselect_all()
            for choice in value or []:
                self.select(choice)

    def hint(self) -> str:
        return "↑↓ · Space ticks or unticks · Enter next question"

    def _get_left_gutter_width(self) -> int:
        return len(self.TICKED)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # OptionList measures its choices at the whole width, but draws them beside the
        # boxes: a wrapped choice came out a line taller than the list, which then scrolled.
        return super().get_content_height(container, viewport, width - self._get_left_gutter_width())

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        try:
            index, line_offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return line
        value = self.get_option_at_index(index).value
        box = self.CONTINUED
        component = "selection-list--button"
        if line_offset == 0:
            ticked = value in self._selected
            box = self.TICKED if ticked else self.UNTICKED
            component += "-selected" if ticked else ""
        component += "-highlighted" if self.highlighted == index else ""
        underlying = next(iter(line)).style or self.rich_style
        style = underlying + self.get_component_rich_style(component) + Style(meta={"option": index})
        return Strip([Segment(box, style), *line])

    def action_next_question(self) -> None:
        self.post_message(Answered(self, self.question.id, advance=True))

    @on(SelectionList.SelectionHighlighted)
    def _reveal_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        """Scroll the question so the highlighted choice is on screen: the list is as tall as its
        choices (it does not scroll itself), the question panel around it does."""
        if event.selection_list is not self or not isinstance(self.parent, Widget):
            return
        index = event.selection_index
        top, height = self._index_to_line.get(index), self._heights.get(index, 1)
        if top is not None:
            region = Region(0, self.virtual_region.y + top, self.size.width, height)
            self.parent.scroll_to_region(region, animate=False, immediate=True)

    @on(SelectionList.SelectedChanged)
    def _changed(self, event: SelectionList.SelectedChanged) -> None:
        if event.selection_list is not self:
            return
        event.stop()
        self.post_message(Answered(self, self.question.id))


class AnswerInput(HoldsKeysAfterEnter, Input):
    """A one-line box whose value is saved on Enter (then next) or when focus leaves it.

    Enter is taken in on_key, in the box's own turn: as a binding it would
    run only after the characters typed behind it had gone into the box.
    """

    question: Question

    def set_text(self, text: str) -> None:
        with self.prevent(Input.Changed):
            self.value = text

    def replay(self, keys: list[HeldKey]) -> None:
        for key, character in keys:
            self.post_message(events.Key(key, character))

    def on_key(self, event: events.Key) -> None:
        if self._held_back(event) or event.key != "enter":
            return
        event.stop()
        event.prevent_default()
        self._hold_from_now()
        self.post_message(Answered(self, self.question.id, advance=True))

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        if event.input is self:
            self.post_message(Answered(self, self.question.id))


class TextAnswer(AnswerInput):
    """Short text, a number or a date."""

    def __init__(self, question: Question, value: Any, *, id: str | None = None) -> None:
        self.question = question
        super().__init__(
            _text_of(question, value),
            placeholder=_placeholder(question),
            id=id,
            classes="answer-widget",
            max_length=1000,
        )

    def answer_value(self) -> Any:
        return self.value

    def set_question(self, question: Question, value: Any) -> None:
        """Show another question's stored answer; apply keys typed ahead."""
        self.question = question
        self.placeholder = _placeholder(question)
        self.set_text(_text_of(question, value))
        self.replay(self.take_held())

    def hint(self) -> str:
        """What to type, or for a date, how what is typed was read ("read as 31 March 2027")."""
        if self.question.type is QuestionType.DATE:
            return f"{_date_reading(self.value)} · Enter saves and goes on"
        kind = "a number" if self.question.type is QuestionType.NUMBER else "text"
        return f"Type {kind} · Enter saves and goes on"


class LongTextAnswer(TextArea):
    """Long text: saved when focus leaves it or on moving to another question."""

    def __init__(self, question: Question, value: Any, *, id: str | None = None) -> None:
        self.question = question
        super().__init__(
            "" if value is None else str(value), id=id, classes="answer-widget", soft_wrap=True, tab_behavior="focus"
        )

    def answer_value(self) -> Any:
        return self.text

    def set_question(self, question: Question, value: Any) -> None:
        self.question = question
        self.load_text("" if value is None else str(value))

    def hint(self) -> str:
        return "Enter starts a new line · PgDn saves and goes on"

    @on(TextArea.Changed)
    def _typing(self, event: TextArea.Changed) -> None:
        event.stop()

    def on_blur(self) -> None:
        self.post_message(Answered(self, self.question.id))


class ExtraText(AnswerInput):
    """The note or action box beside an answer."""

    def __init__(self, question: Question, part: str, value: str | None, *, id: str | None = None) -> None:
        self.question = question
        self.part = part
        super().__init__(
            value or "", placeholder=f"{part}: Enter saves and goes on", id=id, classes=f"extra-box extra-{part}"
        )

    def set_question(self, question: Question, value: str | None) -> None:
        """Show another question's note; keys typed ahead are dropped (the focus goes to the answer)."""
        self.question = question
        self.set_text(value or "")
        self.take_held()


AnswerWidget = ChoiceAnswer | DropdownAnswer | MultiAnswer | TextAnswer | LongTextAnswer


def widget_class(question: Question) -> type[AnswerWidget]:
    """Which answer widget a question gets."""
    if question.type is QuestionType.MULTI_CHOICE:
        return MultiAnswer
    if question.options:
        return DropdownAnswer if len(question.options) > RADIO_LIMIT else ChoiceAnswer
    if question.type is QuestionType.LONG_TEXT:
        return LongTextAnswer
    return TextAnswer


def answer_widget(question: Question, value: Any) -> AnswerWidget:
    """The right widget for the question's type, showing `value`."""
    return widget_class(question)(question, value, id="answer")


def _text_of(question: Question, value: Any) -> str:
    if value is None:
        return ""
    return _plain_number(value) if question.type is QuestionType.NUMBER else str(value)


def _date_reading(typed: str) -> str:
    """Which day a date box's text names, and in which form it was read, so that 03/04/2027
    is seen to be 3 April before it is saved; while it names none yet, the forms it takes."""
    try:
        read = read_day(typed)
    except ValueError:
        return f"Type a date as {DAY_FORMS}"
    return f"{read.described} ({read.form})"


def _placeholder(question: Question) -> str:
    if question.type is QuestionType.DATE:
        return "DD/MM/YYYY or YYYY-MM-DD, e.g. 31/03/2027"
    if question.type is QuestionType.NUMBER:
        return f"an amount in {question.unit}, e.g. 2500" if question.unit else "a number, e.g. 2500"
    return "your answer"


def _plain_number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
