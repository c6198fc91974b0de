"""The engine: pure functions over (definition, answers).

The TUI, the line mode and `--answers` files all call these, so they cannot
disagree about what is visible, missing, flagged or decided. No I/O here.

`answers` maps question id to either a stored record (a dict with "value",
and optionally "note" and "action") or a bare value. Answers to questions
that are hidden stay in the record but count for nothing here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from questionnaires import conditions as cond
from questionnaires.definition import Definition
from questionnaires.schema import CHOICE_TYPES, TEXT_LIMITS, Question, QuestionType, RiskTemplate
from wizard.errors import InvalidAnswer
from wizard.typed import parse_day

NOTE_LIMIT = 100_000


# --- reading answers ---------------------------------------------------------


def _value(item: Any) -> Any:
    return item.get("value") if isinstance(item, Mapping) else item


def _extra(item: Any, key: str) -> str | None:
    text = item.get(key) if isinstance(item, Mapping) else None
    return text if isinstance(text, str) and text.strip() else None


def is_answered(value: Any) -> bool:
    return value is not None and value != "" and value != []


# --- validation --------------------------------------------------------------


def normalise(question: Question, raw: Any) -> Any:
    """The stored form of `raw`, or InvalidAnswer saying what to give instead.

    None, an empty string or an empty list clear the answer (returns None).
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []:
        return None
    kind = question.type
    if kind is QuestionType.MULTI_CHOICE:
        items = raw if isinstance(raw, (list, tuple)) else [part for part in str(raw).split(",") if part.strip()]
        picked = {_choice(question, item) for item in items}
        return [c.value for c in question.options if c.value in picked]
    if kind in CHOICE_TYPES:
        if isinstance(raw, (list, tuple)):
            raise InvalidAnswer(f"choose one answer, not {len(raw)}: {_choice_list(question)}")
        return _choice(question, raw)
    if kind is QuestionType.NUMBER:
        return _number(question, raw)
    if kind is QuestionType.DATE:
        return _date(raw)
    return _text(question, raw)


def _choice_list(question: Question) -> str:
    return ", ".join(c.label for c in question.options)


def _choice(question: Question, raw: Any) -> str:
    if isinstance(raw, bool):  # JSON true/false (YAML true/false): a yes/no answer, written as a switch
        if question.type is not QuestionType.YES_NO:
            raise InvalidAnswer(f"true/false answers a yes/no question only; give one of: {_choice_list(question)}")
        raw = "yes" if raw else "no"
    wanted = str(raw).strip().casefold()
    for choice in question.options:
        if wanted in (choice.value.casefold(), choice.label.casefold()):
            return choice.value
    raise InvalidAnswer(f"{str(raw)!r} is not one of the choices: {_choice_list(question)}")


_NUMBER_TEXT = re.compile(r"^[£$€]?\s*-?[\d,]*\.?\d+$")


def _number(question: Question, raw: Any) -> int | float:
    if isinstance(raw, bool):
        raise InvalidAnswer(f"{raw!r} is not a number; give a number such as 2500")
    if isinstance(raw, str):
        text = raw.strip().replace(" ", "")
        if question.unit:
            text = text.removeprefix(question.unit).removesuffix(question.unit)
        if not _NUMBER_TEXT.match(text):
            raise InvalidAnswer(f"{raw!r} is not a number; give a number such as 2500")
        raw = float(text.lstrip("£$€").replace(",", ""))
    if not isinstance(raw, (int, float)) or math.isnan(raw) or math.isinf(raw):
        raise InvalidAnswer(f"{raw!r} is not a number; give a number such as 2500")
    if question.minimum is not None and raw < question.minimum:
        raise InvalidAnswer(f"must be at least {question.label_for(_whole(question.minimum))}")
    if question.maximum is not None and raw > question.maximum:
        raise InvalidAnswer(f"must be at most {question.label_for(_whole(question.maximum))}")
    return _whole(raw)


def _whole(number: int | float) -> int | float:
    return int(number) if float(number).is_integer() else float(number)


def _date(raw: Any) -> str:
    if isinstance(raw, dt.datetime):  # never cut silently to its day
        raise InvalidAnswer(
            f"{raw.isoformat()!r} is a date and time; give the date alone, e.g. {raw.date().isoformat()}"
        )
    if isinstance(raw, dt.date):
        return raw.isoformat()
    try:
        return parse_day(raw).isoformat()
    except ValueError as exc:
        raise InvalidAnswer(str(exc)) from None


def _text(question: Question, raw: Any) -> str:
    if isinstance(raw, (dict, list, tuple)):
        raise InvalidAnswer("give text here, not a list")
    text = str(raw)
    limit = TEXT_LIMITS.get(question.type, NOTE_LIMIT)
    if len(text) > limit:
        raise InvalidAnswer(f"is {len(text):,} characters long; the limit here is {limit:,}")
    return text


def normalise_extra(label: str, raw: Any) -> str | None:
    """A note or action text: any text up to NOTE_LIMIT characters."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = str(raw)
    if len(text) > NOTE_LIMIT:
        raise InvalidAnswer(f"{label} is {len(text):,} characters long; the limit is {NOTE_LIMIT:,}")
    return text


# --- walking -----------------------------------------------------------------


def _visible_values(definition: Definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Values of visible questions only: what conditions and outcomes may read."""
    return {qid: v for qid, v in _walk(definition, answers).items() if v is not _HIDDEN}


_HIDDEN = object()


def _walk(definition: Definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """question id -> its value if visible and answered, None if visible, _HIDDEN if not."""
    seen: dict[str, Any] = {}
    context: dict[str, Any] = {}
    for qid in definition.visibility_order:
        section = definition.section_of[qid]
        visible = all(
            node is None or cond.evaluate(node, context)
            for node in (definition.section_visible[section.id], definition.question_visible[qid])
        )
        if not visible:
            seen[qid] = _HIDDEN
            continue
        value = _value(answers.get(qid))
        seen[qid] = value if is_answered(value) else None
        if is_answered(value):
            context[qid] = value
    return seen


def visible_questions(definition: Definition, answers: Mapping[str, Any]) -> list[Question]:
    """The questions to ask now, in document order."""
    seen = _walk(definition, answers)
    return [q for q in definition.questions() if seen[q.id] is not _HIDDEN]


@dataclass(frozen=True)
class Missing:
    """A required thing not yet given: the answer itself, or its note/action box."""

    question: Question
    part: str  # "answer" | "note" | "action"

    def __str__(self) -> str:
        if self.part == "answer":
            return f"{self.question.id}: no answer yet"
        box = getattr(self.question, self.part)
        return f"{self.question.id}: '{box.label}' is required for this answer"


def missing(definition: Definition, answers: Mapping[str, Any]) -> list[Missing]:
    """Required answers, notes and actions that visible questions still lack."""
    return _missing(definition, answers, _walk(definition, answers))


def _missing(definition: Definition, answers: Mapping[str, Any], seen: Mapping[str, Any]) -> list[Missing]:
    context = {qid: v for qid, v in seen.items() if v is not _HIDDEN and v is not None}
    gaps: list[Missing] = []
    for q in definition.questions():
        if seen[q.id] is _HIDDEN:
            continue
        if seen[q.id] is None:
            if q.required:
                gaps.append(Missing(q, "answer"))
            continue
        for part in ("note", "action"):
            if _box_required(definition, q.id, part, context) and not _extra(answers.get(q.id), part):
                gaps.append(Missing(q, part))
    return gaps


def box_required(definition: Definition, question_id: str, part: str, answers: Mapping[str, Any]) -> bool:
    """Whether the question's note or action box must be filled, given these answers."""
    return _box_required(definition, question_id, part, _visible_values(definition, answers))


def _box_required(definition: Definition, question_id: str, part: str, context: Mapping[str, Any]) -> bool:
    conditions = definition.note_required if part == "note" else definition.action_required
    node = conditions[question_id]
    return node is not None and cond.evaluate(node, context)


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    @property
    def fraction(self) -> float:
        return self.answered / self.total if self.total else 1.0


def progress(definition: Definition, answers: Mapping[str, Any], section_id: str | None = None) -> Progress:
    """Answered visible questions out of visible questions (optionally in one section).

    The one meaning of "answered" every count shows (wizard, line mode, CLI): the question has
    an answer and nothing `missing` names for it, so a question whose required note or action
    box is empty is not answered yet, and 100% means nothing required is missing.
    """
    seen = _walk(definition, answers)
    short = {gap.question.id for gap in _missing(definition, answers, seen)}
    ids = [q.id for q in definition.questions() if section_id is None or definition.section_of[q.id].id == section_id]
    shown = [qid for qid in ids if seen[qid] is not _HIDDEN]
    return Progress(sum(1 for qid in shown if seen[qid] is not None and qid not in short), len(shown))


# --- outcomes ----------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    question_id: str
    text: str


@dataclass(frozen=True)
class Action:
    question_id: str
    text: str


@dataclass(frozen=True)
class Risk:
    question_id: str
    description: str
    category: str | None
    likelihood: int | None
    impact: int | None

    @classmethod
    def from_template(cls, question_id: str, template: RiskTemplate) -> Risk:
        return cls(question_id, template.description, template.category, template.likelihood, template.impact)


@dataclass(frozen=True)
class OutcomeResult:
    id: str
    title: str
    value: str | None  # None: no case holds yet
    label: str | None = None
    explanation: str | None = None
    review_interval_months: int | None = None
    requires: tuple[str, ...] = ()
    association_register: bool = False


@dataclass(frozen=True)
class Evaluation:
    flags: tuple[Flag, ...]
    actions: tuple[Action, ...]
    risks: tuple[Risk, ...]
    outcomes: tuple[OutcomeResult, ...]
    missing: tuple[Missing, ...] = field(default=())

    @property
    def complete(self) -> bool:
        return not self.missing

    def outcome(self, outcome_id: str) -> OutcomeResult | None:
        return next((o for o in self.outcomes if o.id == outcome_id), None)


def evaluate(definition: Definition, answers: Mapping[str, Any]) -> Evaluation:
    """Flags, actions, risks and outcomes that the visible answers raise. Text typed in a shown
    question's action box is an action whether or not a rule on the question raises one."""
    context = _visible_values(definition, answers)
    shown = visible_questions(definition, answers)
    flags: list[Flag] = []
    actions: list[Action] = []
    risks: list[Risk] = []
    for q in shown:
        typed = _extra(answers.get(q.id), "action")
        ruled = False
        for rule, node in definition.rules[q.id]:
            if not cond.evaluate(node, context):
                continue
            if rule.flag:
                flags.append(Flag(q.id, rule.flag))
            if rule.action:
                actions.append(Action(q.id, typed or rule.action))
                ruled = True
            if rule.risk:
                risks.append(Risk.from_template(q.id, rule.risk))
        if typed and not ruled:  # what an officer types in the action box is an action, rule or none
            actions.append(Action(q.id, typed))
    results = tuple(_outcome(compiled, context) for compiled in definition.outcomes)
    return Evaluation(tuple(flags), tuple(actions), tuple(risks), results, tuple(missing(definition, answers)))


def _outcome(compiled, context: Mapping[str, Any]) -> OutcomeResult:
    outcome = compiled.outcome
    for item in compiled.cases:
        if cond.evaluate(item.when, context):
            case = item.case
            return OutcomeResult(
                outcome.id,
                outcome.title,
                case.value,
                case.label or case.value,
                case.explanation,
                case.review_interval_months,
                case.requires,
                association_register=case.association_register,
            )
    return OutcomeResult(outcome.id, outcome.title, None)
