"""The line mode's repeat sections: each item's questions in turn, then "Add another Partner? (y/N)".

A repeat section is reached in document order, once per run: first the items already
given that still lack answers (so a second run resumes inside an item), then new items:
asked without a question while fewer than `min`, offered while fewer than `max`. An item
is saved (empty) the moment it is added and each answer the moment it is given, so
Ctrl-C loses nothing, as elsewhere in the line mode.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary

from questionnaires.definition import Definition
from questionnaires.schema import Question, Section
from wizard import engine
from wizard.repeat_answers import plain
from wizard.review import is_carried
from wizard.service import Governance
from wizard.wording import count

Ask = Callable[..., dict[str, Any] | None]  # linemode._ask
CARRIED = "carried from the last review, not yet confirmed: going through them confirms them as they stand"


def next_group(
    definition: Definition, assessment: dict[str, Any], question: Question | None, done: set[str]
) -> Section | None:
    """The visible repeat section to ask before `question` (None: the end), if any is left this run."""
    order = [s.id for s in definition.model.sections]
    limit = order.index(definition.section_of[question.id].id) if question is not None else len(order)
    for group in engine.groups(definition, assessment["answers"]):
        if group.section.id not in done and order.index(group.section.id) < limit:
            return group.section
    return None


def ask_group(
    governance: Governance,
    definition: Definition,
    assessment: dict[str, Any],
    section: Section,
    echo: Callable[[str], None],
    ask: Ask,
) -> dict[str, Any]:
    """Ask a repeat section item by item; returns the assessment as saved."""
    repeat = section.repeat
    assert repeat is not None
    given = len(engine.group_items(assessment["answers"].get(section.id)))
    echo("")
    echo(f"{section.title}: {count(given, repeat.label)} given (at least {repeat.min}, at most {repeat.max})")
    carried = is_carried(assessment["answers"].get(section.id))
    if carried:
        echo(f"  ({CARRIED})")
        for number, item in enumerate(plain(assessment["answers"].get(section.id)), 1):
            echo(f"  {repeat.item_label(number)}: {_brief(definition, item)}")
    skipped: set[tuple[int, str]] = set()
    number = 1
    while True:
        items = plain(assessment["answers"].get(section.id))
        if number > len(items):
            if len(items) >= repeat.max:
                echo(f"({count(repeat.max, repeat.label)}: the most this section takes)")
                break
            if len(items) >= repeat.min:
                wanted = f"Add another {repeat.label}?" if items else f"Add a {repeat.label}?"
                if not questionary.confirm(wanted, default=False).unsafe_ask():
                    break
            assessment = _save(governance, assessment, section, [*items, {}])
        while (slot := _next_slot(definition, assessment, section, number, skipped)) is not None:
            answer = ask(slot.question, definition, assessment, echo, slot)
            if answer is None:
                skipped.add((number, slot.question.id))
                continue
            items = plain(assessment["answers"].get(section.id))
            items[number - 1][slot.question.id] = answer
            assessment = _save(governance, assessment, section, items)
        number += 1
    if carried and is_carried(assessment["answers"].get(section.id)):
        assessment = governance.confirm(assessment["id"], [section.id])  # gone through as they stand
    return assessment


def _brief(definition: Definition, item: dict[str, Any]) -> str:
    """An item's answers on one line: its first few answers as they read."""
    shown = [
        definition.question(qid).label_for(given.get("value") if isinstance(given, dict) else given)
        for qid, given in item.items()
    ]
    return "; ".join(shown[:4]) or "(no answer yet)"


def _next_slot(
    definition: Definition, assessment: dict[str, Any], section: Section, number: int, skipped: set[tuple[int, str]]
) -> engine.Slot | None:
    answers = assessment["answers"]
    gaps = {m.question.id for m in engine.missing(definition, answers) if m.group == section and m.item == number}
    for slot in engine.slots(definition, answers):
        if slot.group != section or slot.item != number or (number, slot.question.id) in skipped:
            continue
        if slot.value is None or slot.question.id in gaps:
            return slot
    return None


def _save(governance: Governance, assessment: dict[str, Any], section: Section, items: list[dict]) -> dict[str, Any]:
    return governance.answer(assessment["id"], section.id, items, expected_revision=assessment["revision"])
