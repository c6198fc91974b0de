"""The engine: pure functions over (definition, answers).

The TUI, the line mode and `--answers` files all call these, so they cannot
disagree about what is visible, missing, flagged or decided. No I/O here.

`answers` maps question id to either a stored record (a dict with "value",
and optionally "note" and "action") or a bare value. Answers to questions
that are hidden stay in the record but count for nothing here.

A repeat section's answers sit under the section's id: a record whose value
is a list of items, each a map of question id -> record or bare value
(`{"partners": {"value": [{"p-name": {"value": "Acme"}}, ...]}}`). Inside an
item, conditions read that item's answers and everything outside the section.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from questionnaires import conditions as cond
from questionnaires.definition import Definition
from questionnaires.schema import CHOICE_TYPES, TEXT_LIMITS, Computed, Question, QuestionType, RiskTemplate, Section
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
    """Values of visible questions only (and computed values): what conditions and outcomes may read."""
    return _walk(definition, answers).context


_HIDDEN = object()


@dataclass
class _Walked:
    """What one walk over the answers found (conditions evaluated in dependency order)."""

    seen: dict[str, Any] = field(default_factory=dict)  # question id -> value, None (unanswered) or _HIDDEN
    context: dict[str, Any] = field(default_factory=dict)  # what conditions outside repeat sections read
    # repeat section id -> per item {question id -> value, None or _HIDDEN}; None while the section is hidden
    items: dict[str, list[dict[str, Any]] | None] = field(default_factory=dict)


def group_items(stored: Any) -> list[Mapping[str, Any]]:
    """A repeat section's stored items: each a map of question id -> answer (records or bare values)."""
    value = _value(stored)
    return [item if isinstance(item, Mapping) else {} for item in value] if isinstance(value, list) else []


def _walk(definition: Definition, answers: Mapping[str, Any]) -> _Walked:
    walked = _Walked()
    computed = {c.id: c for c in definition.model.computed}
    for name in definition.visibility_order:
        if name in definition.group_of:
            continue  # walked with its repeat section, once per item
        if name not in definition.section_of:  # a computed value or a repeat section
            if name in computed:
                walked.context[name] = _compute(definition, computed[name], walked)
            else:
                group = definition.model.repeats()[name]
                walked.items[name] = _walk_group(definition, group, answers.get(name), walked.context)
            continue
        section = definition.section_of[name]
        visible = all(
            node is None or cond.evaluate(node, walked.context)
            for node in (definition.section_visible[section.id], definition.question_visible[name])
        )
        if not visible:
            walked.seen[name] = _HIDDEN
            continue
        value = _value(answers.get(name))
        walked.seen[name] = value if is_answered(value) else None
        if is_answered(value):
            walked.context[name] = value
    return walked


def _walk_group(
    definition: Definition, section: Section, stored: Any, context: Mapping[str, Any]
) -> list[dict[str, Any]] | None:
    """Each item's question states; a question's conditions read its own item's answers."""
    node = definition.section_visible[section.id]
    if node is not None and not cond.evaluate(node, context):
        return None
    order = definition.group_questions(section.id)
    walked = []
    for item in group_items(stored):
        local, seen = dict(context), {}
        for qid in order:
            shown = definition.question_visible[qid]
            if shown is not None and not cond.evaluate(shown, local):
                seen[qid] = _HIDDEN
                continue
            value = _value(item.get(qid))
            seen[qid] = value if is_answered(value) else None
            if is_answered(value):
                local[qid] = value
        walked.append(seen)
    return walked


def _compute(definition: Definition, computed: Computed, walked: _Walked) -> int | float:
    """A computed value: hidden or unanswered questions count as nothing (0)."""
    if computed.count is not None:
        if computed.count in walked.items:
            return len(walked.items[computed.count] or [])
        ticked = walked.context.get(computed.count)
        return len(ticked) if isinstance(ticked, list) else 0
    total: int | float = 0
    for name in computed.sum or ():
        group = definition.group_of.get(name)
        if group is None:
            total += _addend(walked.context.get(name))
        else:
            total += sum(_addend(seen.get(name)) for seen in walked.items.get(group) or [])
    return _whole(total)


def _addend(value: Any) -> int | float:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def computed_values(definition: Definition, answers: Mapping[str, Any]) -> dict[str, int | float]:
    """Every computed value by id, as conditions read it (shown read-only in the wizard and the pack)."""
    context = _walk(definition, answers).context
    return {c.id: context[c.id] for c in definition.model.computed}


class Slot(NamedTuple):  # a tuple, not a frozen dataclass: one is made per question on every walk
    """One visible question to answer: a plain one, or one in an item of a repeat section."""

    question: Question
    stored: Any  # its stored record (or bare value), None when nothing is stored
    value: Any  # None when unanswered
    context: Mapping[str, Any]  # what its required_if, boxes and rules read
    group: Section | None = None
    item: int | None = None  # counted from 1

    @property
    def label(self) -> str | None:
        """'Partner 2' for a question in the second item of a repeat section."""
        repeat = self.group.repeat if self.group is not None else None
        return repeat.item_label(self.item) if repeat is not None and self.item is not None else None


def slots(definition: Definition, answers: Mapping[str, Any]) -> list[Slot]:
    """Every visible question in document order, a repeat section's once per item."""
    return _slots(definition, answers, _walk(definition, answers))


def _slots(definition: Definition, answers: Mapping[str, Any], walked: _Walked) -> list[Slot]:
    found: list[Slot] = []
    for section in definition.model.sections:
        if section.repeat is None:
            for q in section.questions:
                state = walked.seen[q.id]
                if state is not _HIDDEN:
                    found.append(Slot(q, answers.get(q.id), state, walked.context))
            continue
        stored_items = group_items(answers.get(section.id))
        for number, seen in enumerate(walked.items.get(section.id) or [], 1):
            stored = stored_items[number - 1]
            local = {**walked.context, **{k: v for k, v in seen.items() if v is not _HIDDEN and v is not None}}
            for q in section.questions:
                if seen[q.id] is not _HIDDEN:
                    found.append(Slot(q, stored.get(q.id), seen[q.id], local, section, number))
    return found


def visible_questions(definition: Definition, answers: Mapping[str, Any]) -> list[Question]:
    """The questions to ask now, in document order (a repeat section's are asked per item: see `groups`)."""
    seen = _walk(definition, answers).seen
    return [q for q in definition.questions() if q.id in seen and seen[q.id] is not _HIDDEN]


@dataclass(frozen=True)
class Group:
    """A visible repeat section and, per item, its visible questions."""

    section: Section
    items: tuple[tuple[Question, ...], ...]


def groups(definition: Definition, answers: Mapping[str, Any]) -> list[Group]:
    """The visible repeat sections, in document order."""
    walked = _walk(definition, answers)
    found = []
    for section_id, items in walked.items.items():
        if items is None:
            continue
        section = definition.model.repeats()[section_id]
        shown = tuple(tuple(q for q in section.questions if seen[q.id] is not _HIDDEN) for seen in items)
        found.append(Group(section, shown))
    order = [s.id for s in definition.model.sections]
    return sorted(found, key=lambda g: order.index(g.section.id))


@dataclass(frozen=True)
class Missing:
    """A required thing not yet given: the answer itself, its note/action box, or a repeat
    section's items (fewer than its `min`)."""

    question: Question
    part: str  # "answer" | "note" | "action" | "items"
    group: Section | None = None
    item: int | None = None  # counted from 1; for "items", how many were given

    @property
    def subject(self) -> str:
        """What a screen names: the question's text (with its item), or the repeat section's title."""
        repeat = self.group.repeat if self.group is not None else None
        if self.part == "items" and self.group is not None:
            return self.group.title
        if repeat is not None and self.item is not None:
            return f"{self.question.text} ({repeat.item_label(self.item)})"
        return self.question.text

    @property
    def key(self) -> str:
        """Unique among an evaluation's gaps: where to go to fill it ('#'-separated, the id first)."""
        if self.group is not None:
            return f"{self.group.id}#{self.part}#{self.question.id}#{self.item}"
        return f"{self.question.id}#{self.part}"

    def __str__(self) -> str:
        repeat = self.group.repeat if self.group is not None else None
        if self.part == "items" and self.group is not None and repeat is not None:
            return f"{self.group.id}: at least {repeat.min} × {repeat.label} needed, {self.item or 0} given"
        where = self.question.id
        if repeat is not None and self.item is not None:
            where += f" ({repeat.item_label(self.item)})"
        if self.part == "answer":
            return f"{where}: no answer yet"
        box = getattr(self.question, self.part)
        return f"{where}: '{box.label}' is required for this answer"


def missing(definition: Definition, answers: Mapping[str, Any]) -> list[Missing]:
    """Required answers, notes and actions that visible questions still lack, and the items a
    visible repeat section still lacks."""
    return _missing(definition, answers, _walk(definition, answers))


def _missing(
    definition: Definition, answers: Mapping[str, Any], walked: _Walked, found: list[Slot] | None = None
) -> list[Missing]:
    gaps: list[Missing] = []
    for slot in _slots(definition, answers, walked) if found is None else found:
        q = slot.question
        if slot.value is None:
            if is_required(definition, q, slot.context):
                gaps.append(Missing(q, "answer", slot.group, slot.item))
            continue
        for part in ("note", "action"):
            if _box_required(definition, q.id, part, slot.context) and not _extra(slot.stored, part):
                gaps.append(Missing(q, part, slot.group, slot.item))
    if not walked.items:
        return gaps
    for section_id, items in walked.items.items():
        section = definition.model.repeats()[section_id]
        if items is not None and section.repeat is not None and len(items) < section.repeat.min:
            gaps.append(Missing(section.questions[0], "items", section, len(items)))
    order = [s.id for s in definition.model.sections]
    return sorted(gaps, key=lambda m: order.index(definition.section_of[m.question.id].id))


def is_required(definition: Definition, question: Question, context: Mapping[str, Any]) -> bool:
    """`required: true`, or a `required_if` that holds for these values."""
    node = definition.question_required.get(question.id)
    return question.required or (node is not None and cond.evaluate(node, context))


def question_required(definition: Definition, question_id: str, answers: Mapping[str, Any]) -> bool:
    """Whether a question outside any repeat section must be answered, given these answers."""
    return is_required(definition, definition.question(question_id), _visible_values(definition, answers))


def visible_values(definition: Definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """What a condition outside any repeat section reads: visible answers and computed values."""
    return _visible_values(definition, answers)


def box_required_in(definition: Definition, question_id: str, part: str, context: Mapping[str, Any]) -> bool:
    """Whether the note or action box must be filled, for the values a condition reads
    (`visible_values`, or a repeat section's item: `Slot.context`)."""
    return _box_required(definition, question_id, part, context)


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
    walked = _walk(definition, answers)
    found = _slots(definition, answers, walked)
    gaps = _missing(definition, answers, walked, found)
    short = {(gap.question.id, gap.item) for gap in gaps if gap.part != "items"}
    answered = total = 0
    for slot in found:
        if section_id is None or definition.section_of[slot.question.id].id == section_id:
            total += 1
            answered += slot.value is not None and (slot.question.id, slot.item) not in short
    for gap in gaps:  # a repeat section short of items: each item still needed counts as one unanswered
        if gap.part == "items" and gap.group is not None and gap.group.repeat is not None:
            if section_id is None or gap.group.id == section_id:
                total += gap.group.repeat.min - (gap.item or 0)
    return Progress(answered, total)


# --- outcomes ----------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    question_id: str
    text: str
    item: int | None = None  # the repeat section's item (from 1) it was raised in


@dataclass(frozen=True)
class Action:
    question_id: str
    text: str
    item: int | None = None


@dataclass(frozen=True)
class Risk:
    question_id: str
    description: str
    category: str | None
    likelihood: int | None
    impact: int | None
    item: int | None = None

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
    walked = _walk(definition, answers)
    found = _slots(definition, answers, walked)
    flags: list[Flag] = []
    actions: list[Action] = []
    risks: list[Risk] = []
    for slot in found:
        q, label = slot.question, slot.label
        mark = f"{label}: " if label else ""  # one row per item in the plan and the risk register
        typed = _extra(slot.stored, "action")
        ruled = False
        for rule, node in definition.rules[q.id]:
            if not cond.evaluate(node, slot.context):
                continue
            if rule.flag:
                flags.append(Flag(q.id, mark + rule.flag, slot.item))
            if rule.action:
                actions.append(Action(q.id, typed or mark + rule.action, slot.item))
                ruled = True
            if rule.risk:
                risk = Risk.from_template(q.id, rule.risk)
                risks.append(dataclasses.replace(risk, description=mark + risk.description, item=slot.item))
        if typed and not ruled:  # what an officer types in the action box is an action, rule or none
            actions.append(Action(q.id, typed, slot.item))
    results = tuple(_outcome(compiled, walked.context) for compiled in definition.outcomes)
    gaps = _missing(definition, answers, walked, found)
    return Evaluation(tuple(flags), tuple(actions), tuple(risks), results, tuple(gaps))


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
