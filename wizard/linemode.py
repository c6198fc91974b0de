"""`pwiz assess ... --plain`: the questionnaire as plain line-by-line prompts.

Same engine, conditions and validation as the TUI (through Governance);
each answer is saved the moment it is given, so Ctrl-C loses nothing and
running the command again resumes at the first unanswered question.
Ctrl-D stops the same way as Ctrl-C.

Each question's heading (section and progress, the question text, its
guidance and any carried-answer note) is printed wrapped to the terminal
width before the prompt: questionary cuts a long prompt at the terminal
edge, so it only gets a short prompt of its own.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Mapping
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

from questionnaires.definition import Definition
from questionnaires.schema import Question, QuestionType
from wizard import engine, repeat_lines
from wizard.errors import UserError
from wizard.review import is_carried
from wizard.service import Governance
from wizard.typed import DAY_FORMS, read_day
from wizard.wording import count

PROMPT = "Answer"
SKIP = "(leave it unanswered: it is optional)"  # the last choice of an optional one-of list
CARRIED = "carried from the last review, not yet confirmed: Enter keeps it"
MIN_WIDTH = 20


def run_plain(governance: Governance, assessment: dict[str, Any], echo: Callable[[str], None]) -> dict[str, Any]:
    """Ask every visible unanswered question in order; return the assessment."""
    if not sys.stdin.isatty():
        raise UserError(
            "the line mode needs a terminal; to answer from a script use --answers FILE (YAML or JSON map of question id -> answer)"
        )
    definition = governance.definition_for(assessment)
    skipped: set[str] = set()
    answered = sum(1 for a in assessment["answers"].values() if engine.is_answered(a.get("value")))
    if answered:
        echo(f"Resuming {definition.title}: {count(answered, 'answer')} already saved.")
    groups_done: set[str] = set()
    while True:
        question = _next_question(definition, assessment, skipped)
        group = repeat_lines.next_group(definition, assessment, question, groups_done)
        if group is not None:
            groups_done.add(group.id)
            try:
                assessment = repeat_lines.ask_group(governance, definition, assessment, group, echo, _ask)
            except EOFError:
                raise KeyboardInterrupt from None
            continue
        if question is None:
            break
        try:
            given = _ask(question, definition, assessment, echo)
        except EOFError:  # Ctrl-D: stop (and say how to carry on) exactly as Ctrl-C does
            raise KeyboardInterrupt from None
        if given is None:
            skipped.add(question.id)
            continue
        assessment = governance.answer(assessment["id"], question.id, expected_revision=assessment["revision"], **given)
    return assessment


def _next_question(definition: Definition, assessment: dict[str, Any], skipped: set[str]) -> Question | None:
    for question in engine.visible_questions(definition, assessment["answers"]):
        if question.id in skipped:
            continue
        stored = assessment["answers"].get(question.id, {})
        if (
            not engine.is_answered(stored.get("value"))
            or is_carried(stored)
            or any(m.question.id == question.id for m in engine.missing(definition, assessment["answers"]))
        ):
            return question
    return None


def _validator(question: Question, required: bool) -> Callable[[str], bool | str]:
    def check(text: str) -> bool | str:
        if not text.strip():
            return True if not required else "an answer is required"
        try:
            engine.normalise(question, text)
        except engine.InvalidAnswer as exc:
            return str(exc)
        return True

    return check


def heading(
    question: Question,
    definition: Definition,
    assessment: dict[str, Any],
    width: int | None = None,
    slot: engine.Slot | None = None,
) -> str:
    """The question as printed above its prompt, wrapped to `width` (default: the terminal's);
    a question of a repeat section's item (`slot`) is headed with the item, e.g. Partner 2."""
    width = max(MIN_WIDTH, width or shutil.get_terminal_size().columns) - 1  # the last column left free
    section = definition.section_of[question.id]
    progress = engine.progress(definition, assessment["answers"])
    item = f" · {slot.label}" if slot is not None and slot.label else ""
    lines = [f"[{section.title}{item} · {progress.answered}/{progress.total}]", question.text]
    if question.guidance:
        lines += _notes(question.guidance.strip())
    if slot is None and is_carried(assessment["answers"].get(question.id, {})):
        lines += _notes(CARRIED)
    wrapped: list[str] = []
    for line in lines:
        indent = "  " if line.startswith("  ") else ""
        wrapped += textwrap.wrap(
            line.strip(),
            width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]
    return "\n".join(wrapped)


def _notes(text: str) -> list[str]:
    """`text` in brackets, indented; its own line breaks kept."""
    return [f"  {line.strip()}" for line in f"({text})".splitlines()]


def _ask(
    question: Question,
    definition: Definition,
    assessment: dict[str, Any],
    echo: Callable[[str], None],
    slot: engine.Slot | None = None,
) -> dict[str, Any] | None:
    """Prompt for one answer (and its note/action boxes); None when skipped. `slot`: the
    question is asked for one item of a repeat section."""
    echo("")
    echo(heading(question, definition, assessment, slot=slot))
    context: Mapping[str, Any]
    if slot is None:
        stored = assessment["answers"].get(question.id, {})
        context = engine.visible_values(definition, assessment["answers"])
    else:
        stored = slot.stored if isinstance(slot.stored, dict) else {"value": slot.stored}
        context = slot.context
    required = engine.is_required(definition, question, context)
    if question.options:
        choices = [questionary.Choice(c.label, value=c.value) for c in question.options]
        if question.type is QuestionType.MULTI_CHOICE:
            current = stored.get("value") or []
            for choice in choices:
                choice.checked = choice.value in current
            value = _ctrl_d_stops(questionary.checkbox(PROMPT, choices=choices)).unsafe_ask()
        else:
            if not required and stored.get("value") is None:  # a list always picks one: offer none
                choices.append(questionary.Choice(SKIP, value=SKIP))  # questionary takes value=None as the title
            default = _default_choice(choices, stored.get("value"))
            value = _ctrl_d_stops(questionary.select(PROMPT, choices=choices, default=default)).unsafe_ask()
            if value == SKIP:  # no choice value (an id) can be this sentence
                return None
    else:
        hint = {QuestionType.DATE: f" ({DAY_FORMS})", QuestionType.NUMBER: f" ({question.unit or 'number'})"}.get(
            question.type, ""
        )
        value = questionary.text(
            PROMPT + hint,
            default=_as_text(stored.get("value")),
            validate=_validator(question, required),
            multiline=question.type is QuestionType.LONG_TEXT,
        ).unsafe_ask()
    if not engine.is_answered(value if not isinstance(value, str) else value.strip()):
        return None
    if question.type is QuestionType.DATE:
        echo(f"  {read_day(value).described}")  # 03/04/2027 is seen to be 3 April (validated above)
    given: dict[str, Any] = {"value": value}
    for part in ("note", "action"):
        box = getattr(question, part)
        if box is None:
            continue
        with_answer = {**context, question.id: engine.normalise(question, value)}
        needed = engine.box_required_in(definition, question.id, part, with_answer)
        label = f"{box.label}{' (required)' if needed else ' (optional, Enter to skip)'}"
        given[part] = questionary.text(
            label,
            default=stored.get(part) or "",
            validate=lambda t, needed=needed, box=box: (
                bool(t.strip()) or not needed or f"{box.label} is required for this answer"
            ),
        ).unsafe_ask()
    return given


def _as_text(value: Any) -> str:
    """A stored answer as the text prompt's starting text (a carried 0 included)."""
    return "" if value is None else str(value)


def _ctrl_d_stops(prompt: questionary.Question) -> questionary.Question:
    """Make Ctrl-D end a choice prompt as it ends a text prompt (EOFError)."""
    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _stop(event: Any) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")

    app = prompt.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings]) if app.key_bindings else bindings
    return prompt


def _default_choice(choices: list[questionary.Choice], value: Any) -> questionary.Choice | None:
    return next((c for c in choices if c.value == value), None)
