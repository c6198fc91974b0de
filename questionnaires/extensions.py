"""Load-time checks for the format's later additions: `required_if` on a question, repeat
sections and computed values.

Kept apart from questionnaires.loader, which calls in here, so the older checks read as
they did. A repeat section's questions are answered once per item, so a condition outside
the section cannot name one of them (which item would it mean?): it reads a computed value
instead, e.g. `{id: partner-count, count: partners}` or the `sum` of a number question.
"""

from __future__ import annotations

import difflib
from typing import Any

from questionnaires.errors import Problem
from questionnaires.located import LocatedData
from questionnaires.schema import Question, Questionnaire, QuestionType

COUNTABLE = "a repeat section's id or a multiple-choice question's id"


def group_of(model: Questionnaire) -> dict[str, str]:
    """question id -> the repeat section it sits in (questions of plain sections are not keys)."""
    return {q.id: s.id for s in model.sections if s.repeat is not None for q in s.questions}


def check(model: Questionnaire, located: LocatedData, name: str) -> list[Problem]:
    """Every problem with required_if, repeat sections and computed values, one line each."""
    problems: list[Problem] = []

    def problem(path: tuple[Any, ...], where: str, what: str, fix: str) -> None:
        problems.append(Problem(name, located.line_of(path), where, what, fix))

    inner = group_of(model)
    for si, section in enumerate(model.sections):
        for qi, q in enumerate(section.questions):
            path: tuple[Any, ...] = ("sections", si, "questions", qi)
            if q.required and q.required_if:
                problem(
                    path + ("required_if",),
                    f"question '{q.id}'",
                    "both 'required: true' and 'required_if' are given",
                    "keep one: required_if makes the question required only while its condition holds",
                )
            if q.datasheet and q.id in inner:
                problem(
                    path + ("datasheet",),
                    f"question '{q.id}'",
                    f"a question in repeat section '{inner[q.id]}' cannot fill the data sheet (it has one answer per item)",
                    "remove 'datasheet:' or move the question out of the repeat section",
                )
    questions = {q.id: q for q in model.questions()}
    sections = {s.id for s in model.sections}
    for si, section in enumerate(model.sections):
        if section.repeat is not None and section.id in questions:
            problem(
                ("sections", si, "id"),
                f"section '{section.id}'",
                f"repeat section '{section.id}' has the id of a question",
                "give the section its own id (its answers are kept under it)",
            )
    seen: set[str] = set()
    for ci, computed in enumerate(model.computed):
        path = ("computed", ci)
        where = f"computed value '{computed.id}'"
        if computed.id in questions or computed.id in sections or computed.id in seen:
            kind = (
                "question" if computed.id in questions else "section" if computed.id in sections else "computed value"
            )
            problem(path, where, f"the id '{computed.id}' is already a {kind}'s", "give the computed value its own id")
        seen.add(computed.id)
        names = [*questions, *(c.id for c in model.computed if c.id != computed.id)]
        if computed.count is not None:
            uncountable = _not_countable(model, questions, computed.count)
            if uncountable:
                problem(path + ("count",), where, uncountable, f"count {COUNTABLE}")
        for item in computed.sum or ():
            unsummable = _not_summable(model, questions, item, names)
            if unsummable:
                problem(path + ("sum",), where, unsummable[0], unsummable[1])
    return problems


def _not_countable(model: Questionnaire, questions: dict[str, Question], target: str) -> str | None:
    if target in model.repeats():
        return None
    q = questions.get(target)
    if q is None:
        return f"count: '{target}' is neither a repeat section nor a question"
    if q.type is not QuestionType.MULTI_CHOICE:
        return f"count: '{target}' is a {q.type.value} question; only a multi_choice question's ticks are counted"
    if target in group_of(model):
        return f"count: '{target}' is inside a repeat section, so it has one answer per item"
    return None


def _not_summable(
    model: Questionnaire, questions: dict[str, Question], item: str, names: list[str]
) -> tuple[str, str] | None:
    if any(c.id == item for c in model.computed):
        return None
    q = questions.get(item)
    if q is None:
        close = difflib.get_close_matches(item, names, n=1)
        return f"sum: '{item}' is not a question or a computed value", (
            f"did you mean '{close[0]}'?" if close else "list number questions or computed values"
        )
    if q.type is not QuestionType.NUMBER:
        return f"sum: '{item}' is a {q.type.value} question", "only number questions and computed values add up"
    return None


def out_of_scope(model: Questionnaire, ref: str, group: str | None) -> tuple[str, str] | None:
    """(what, fix) when a condition in `group` (None: outside any repeat section) cannot read `ref`."""
    inner = group_of(model).get(ref)
    if inner is None or inner == group:
        return None
    section = model.repeats()[inner]
    label = section.repeat.label if section.repeat else "item"
    return (
        f"names '{ref}', which is asked once per {label} in repeat section '{inner}'",
        f"read a computed value instead, e.g. computed: [{{id: {inner}-count, count: {inner}}}]"
        if group is None
        else "a question in a repeat section can read its own item's answers and questions outside any repeat section",
    )


def impossible_computed(name: str, value: Any) -> tuple[str, str] | None:
    """(what, fix) when a computed value (always a number) is compared with something else."""
    values = value if isinstance(value, tuple) else (value,)
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return None
    return (
        f"compares computed value '{name}' with {value!r}, but it holds a number",
        f"compare with a number, e.g. {name} > 0",
    )


def add_dependencies(model: Questionnaire, deps: dict[str, set[str]]) -> None:
    """Add repeat sections and computed values to the graph the engine walks in order: a repeat
    section after its questions, a computed value after what it counts or adds up."""
    inner = group_of(model)
    for section_id in model.repeats():
        deps[section_id] = {qid for qid, group in inner.items() if group == section_id}
    for computed in model.computed:
        deps[computed.id] = {inner.get(name, name) for name in computed.inputs}


def path_of(model: Questionnaire, name: str) -> tuple[Any, ...]:
    """Where a repeat section or computed value sits in the file (for a cycle's line)."""
    for ci, computed in enumerate(model.computed):
        if computed.id == name:
            return ("computed", ci)
    return next((("sections", si) for si, s in enumerate(model.sections) if s.id == name), ())
