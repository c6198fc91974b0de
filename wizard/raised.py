"""Which of the actions and risks that answers raise the register already holds.

A raised item is known by the question that raised it and its words as a
reader sees them (case and spacing ignored). A review raises the same item
again and must not add it twice; two questions raising the same words are
two items, each about its own question. Sign-off (adding them), the pack
and the wizard (listing those not added yet) all ask `Held`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def source(assessment_id: str, question_id: str) -> str:
    """What a raised item's register row keeps as its `source`."""
    return f"{assessment_id} {question_id}"


class Held:
    """The raised items that register rows of one kind hold (actions: words in "text", risks: in "description")."""

    def __init__(self, rows: Iterable[dict[str, Any]], words_field: str):
        self._keys = {_key(_question_of(row.get("source")), row.get(words_field)) for row in rows}

    def holds(self, question_id: str, words: Any) -> bool:
        """Whether the item `question_id` raises, in `words`, is held (one question may raise several)."""
        return _key(question_id, words) in self._keys

    def add(self, question_id: str, words: Any) -> None:
        """Count an item as held from now (just added to the register)."""
        self._keys.add(_key(question_id, words))


def new_rows(assessment_id: str, result: Any, actions: list[dict], risks: list[dict]) -> tuple[list[dict], list[dict]]:
    """The action and risk fields an evaluation (engine.Evaluation) adds to a plan holding `actions`
    (the open ones) and `risks`: those not already held for the same question, each once."""
    held_actions, held_risks = Held(actions, "text"), Held(risks, "description")
    new_actions, new_risks = [], []
    for action in result.actions:
        if not held_actions.holds(action.question_id, action.text):
            new_actions.append({"text": action.text, "source": source(assessment_id, action.question_id)})
            held_actions.add(action.question_id, action.text)
    for risk in result.risks:
        if not held_risks.holds(risk.question_id, risk.description):
            new_risks.append(
                {
                    "description": risk.description,
                    "category": risk.category,
                    "likelihood": risk.likelihood,
                    "impact": risk.impact,
                    "source": source(assessment_id, risk.question_id),
                }
            )
            held_risks.add(risk.question_id, risk.description)
    return new_actions, new_risks


def _key(question_id: str | None, words: Any) -> tuple[str | None, str]:
    return question_id, " ".join(str(words or "").split()).casefold()


def _question_of(recorded: str | None) -> str | None:
    """The question in a row's source ("ASSESSMENT QUESTION"); None for a row added by hand."""
    parts = (recorded or "").split()
    return parts[1] if len(parts) == 2 else None
