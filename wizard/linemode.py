"""`pwiz assess ... --plain`: the questionnaire as plain line-by-line prompts.

Same engine, conditions and validation as the TUI (through Governance);
each answer is saved the moment it is given, so Ctrl-C loses nothing and
running the command again resumes at the first unanswered question.
"""

from __future__ import annotations

import sys
from typing import Any, Callable

import questionary

from questionnaires.definition import Definition
from questionnaires.schema import Question, QuestionType
from store.assessments import is_carried
from wizard import engine
from wizard.errors import UserError
from wizard.service import Governance

CHOICE_PROMPTS = {QuestionType.MULTI_CHOICE: questionary.checkbox}


def run_plain(governance: Governance, assessment: dict[str, Any], echo: Callable[[str], None]) -> dict[str, Any]:
    """Ask every visible unanswered question in order; return the assessment."""
    if not sys.stdin.isatty():
        raise UserError("the line mode needs a terminal; to answer from a script use --answers FILE (YAML or JSON map of question id -> answer)")
    definition = governance.definition_for(assessment)
    skipped: set[str] = set()
    answered = sum(1 for a in assessment["answers"].values() if engine.is_answered(a.get("value")))
    if answered:
        echo(f"Resuming {definition.title}: {answered} answers already saved.")
    while True:
        question = _next_question(definition, assessment, skipped)
        if question is None:
            break
        given = _ask(question, definition, assessment)
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
        if not engine.is_answered(stored.get("value")) or is_carried(stored) or any(
            m.question.id == question.id for m in engine.missing(definition, assessment["answers"])
        ):
            return question
    return None


def _validator(question: Question) -> Callable[[str], bool | str]:
    def check(text: str) -> bool | str:
        if not text.strip():
            return True if not question.required else "an answer is required"
        try:
            engine.normalise(question, text)
        except engine.InvalidAnswer as exc:
            return str(exc)
        return True

    return check


def _ask(question: Question, definition: Definition, assessment: dict[str, Any]) -> dict[str, Any] | None:
    """Prompt for one answer (and its note/action boxes); None when skipped."""
    section = definition.section_of[question.id]
    progress = engine.progress(definition, assessment["answers"])
    title = f"[{section.title} · {progress.answered}/{progress.total}] {question.text}"
    if question.guidance:
        title += f"\n  ({question.guidance.strip()})"
    stored = assessment["answers"].get(question.id, {})
    if is_carried(stored):
        title += "\n  (carried from the last review, not yet confirmed: Enter keeps it)"
    if question.options:
        choices = [questionary.Choice(c.label, value=c.value) for c in question.options]
        if question.type is QuestionType.MULTI_CHOICE:
            current = stored.get("value") or []
            for choice in choices:
                choice.checked = choice.value in current
            value = questionary.checkbox(title, choices=choices).unsafe_ask()
        else:
            value = questionary.select(title, choices=choices, default=_default_choice(choices, stored.get("value"))).unsafe_ask()
    else:
        hint = {QuestionType.DATE: " (YYYY-MM-DD)", QuestionType.NUMBER: f" ({question.unit or 'number'})"}.get(question.type, "")
        value = questionary.text(
            title + hint,
            default=str(stored.get("value") or ""),
            validate=_validator(question),
            multiline=question.type is QuestionType.LONG_TEXT,
        ).unsafe_ask()
    if not engine.is_answered(value if not isinstance(value, str) else value.strip()):
        return None
    given: dict[str, Any] = {"value": value}
    for part in ("note", "action"):
        box = getattr(question, part)
        if box is None:
            continue
        with_answer = {**assessment["answers"], question.id: {"value": engine.normalise(question, value)}}
        required = engine.box_required(definition, question.id, part, with_answer)
        label = f"{box.label}{' (required)' if required else ' (optional, Enter to skip)'}"
        given[part] = questionary.text(
            label,
            default=stored.get(part) or "",
            validate=lambda t, required=required: bool(t.strip()) or not required or f"{box.label} is required for this answer",
        ).unsafe_ask()
    return given


def _default_choice(choices: list[questionary.Choice], value: Any) -> questionary.Choice | None:
    return next((c for c in choices if c.value == value), None)
