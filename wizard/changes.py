"""What changed since the last signed-off review, without any I/O.

One place computes it so the TUI summary and the approval pack cannot
disagree: per question old -> new (answer, note, action), the flags raised
and cleared, and the action plan's closed, carried and new actions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from questionnaires.definition import Definition
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
            changes.append(Change(q.id, q.text, "answer" if part == "value" else part, before, after))
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
