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


def _key(question_id: str | None, words: Any) -> tuple[str | None, str]:
    return question_id, " ".join(str(words or "").split()).casefold()


def _question_of(recorded: str | None) -> str | None:
    """The question in a row's source ("ASSESSMENT QUESTION"); None for a row added by hand."""
    parts = (recorded or "").split()
    return parts[1] if len(parts) == 2 else None
