"""What changed since the last signed-off review, without any I/O.

One place computes it so the TUI summary and the approval pack cannot
disagree: per question old -> new (answer, note, action), the flags raised
and cleared, and the action plan's closed, carried and new actions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from questionnaires.definition import Definition
from questionnaires.schema import Question
from wizard import engine


@dataclass(frozen=True)
class Change:
    """One answer that differs from the previous signed-off review."""

    question_id: str
    question_text: str
    part: str  # "answer" | "note" | "action"
    before: str
    after: str


@dataclass(frozen=True)
class AssessmentChanges:
    """One questionnaire's changes against the signed-off assessment it renews."""

    previous: dict
    answers: list[Change]
    flags_raised: list[str]
    flags_cleared: list[str]


@dataclass
class ActionChanges:
    """The action plan since a review: closed since, still open from before, raised since."""

    closed: list[dict] = field(default_factory=list)
    carried: list[dict] = field(default_factory=list)
    new: list[dict] = field(default_factory=list)


def answer_changes(
    before_definition: Definition, definition: Definition, previous: dict, current: dict
) -> list[Change]:
    """Per question and part, in questionnaire order; a question asked only on
    one side shows "(not asked)" or "(no longer asked)"."""
    shown_before = {q.id for q in engine.visible_questions(before_definition, previous["answers"])}
    shown = {q.id for q in engine.visible_questions(definition, current["answers"])}
    changes = []
    for q in definition.questions():
        was_shown, now_shown = q.id in shown_before, q.id in shown
        if not (was_shown or now_shown):
            continue
        old = _parts(previous["answers"].get(q.id)) if was_shown else {}
        new = _parts(current["answers"].get(q.id)) if now_shown else {}
        changes += _part_changes(q, q.text, old, new, was_shown, now_shown)
    return changes + _item_changes(before_definition, definition, previous, current)


def _part_changes(q: Question, text: str, old: dict, new: dict, was_shown: bool, now_shown: bool) -> list[Change]:
    changes = []
    for part in ("value", "note", "action"):
        a, b = old.get(part), new.get(part)
        if a == b or (not engine.is_answered(a) and not engine.is_answered(b)):
            continue
        before = q.label_for(a) if part == "value" else (a or "")
        after = q.label_for(b) if part == "value" else (b or "")
        if part == "value" and not was_shown:
            before = "(not asked)"
        if part == "value" and not now_shown:
            after = "(no longer asked)"
        changes.append(Change(q.id, text, "answer" if part == "value" else part, before, after))
    return changes


def _item_changes(before_definition: Definition, definition: Definition, previous: dict, current: dict) -> list[Change]:
    """A repeat section's changes, item by item (Partner 2 then against Partner 2 now)."""

    def shown(used: Definition, answers: dict) -> dict[tuple[str, int, str], engine.Slot]:
        return {
            (s.group.id, s.item, s.question.id): s
            for s in engine.slots(used, answers)
            if s.group is not None and s.item is not None
        }

    old, new = shown(before_definition, previous["answers"]), shown(definition, current["answers"])
    sections = [s.id for s in definition.model.sections]
    changes = []
    for key in sorted(
        (k for k in set(old) | set(new) if k[0] in sections and k[2] in definition.group_of),
        key=lambda k: (sections.index(k[0]), k[1], [q.id for q in definition.questions()].index(k[2])),
    ):
        group, item, qid = key
        q = definition.question(qid)
        section = definition.repeat(group)
        label = section.repeat.item_label(item) if section is not None and section.repeat is not None else str(item)
        was, now = old.get(key), new.get(key)
        before = _parts(was.stored) if was is not None else {}
        after = _parts(now.stored) if now is not None else {}
        changes += _part_changes(q, f"{q.text} ({label})", before, after, was is not None, now is not None)
    return changes


def assessment_changes(
    before_definition: Definition, definition: Definition, previous: dict, current: dict
) -> AssessmentChanges:
    before = {f.text for f in engine.evaluate(before_definition, previous["answers"]).flags}
    after = {f.text for f in engine.evaluate(definition, current["answers"]).flags}
    return AssessmentChanges(
        previous=previous,
        answers=answer_changes(before_definition, definition, previous, current),
        flags_raised=sorted(after - before),
        flags_cleared=sorted(before - after),
    )


def action_changes(actions: list[dict], since: str) -> ActionChanges:
    """Sort the action plan around `since` (an ISO time: the previous review's sign-off).

    Times have whole seconds: an action closed in the second of the sign-off
    counts as closed since, one raised in that second as carried."""
    result = ActionChanges()
    for action in actions:
        if action["status"] == "closed" and (action.get("closed_at") or "") >= since:
            result.closed.append(action)
        elif action["status"] == "open" and action["created_at"] <= since:
            result.carried.append(action)
        elif action["status"] == "open":
            result.new.append(action)
    return result


def previous_signed(assessment: dict, by_id: dict[str, dict]) -> dict | None:
    """The nearest signed-off assessment up the `renews` chain."""
    seen = set()
    renews = assessment.get("renews")
    while renews and renews not in seen:
        seen.add(renews)
        earlier = by_id.get(renews)
        if earlier is None:
            return None
        if earlier["status"] == "signed-off":
            return earlier
        renews = earlier.get("renews")
    return None


def _parts(item: Any) -> dict:
    if isinstance(item, dict):
        return item
    return {"value": item} if item is not None else {}
