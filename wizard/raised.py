"""Which of the actions and risks that answers raise the register already holds.

A raised item is known by the question that raised it and its words as a
reader sees them (case and spacing ignored). A review raises the same item
again and must not add it twice; two questions raising the same words are
two items, each about its own question.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Key = tuple[str | None, str]


def source(assessment_id: str, question_id: str) -> str:
    """What a raised item's record keeps as its `source`."""
    return f"{assessment_id} {question_id}"


def key(question_id: str | None, text: Any) -> Key:
    return question_id, " ".join(str(text or "").split()).casefold()


def held(records: Iterable[dict[str, Any]], text_field: str) -> set[Key]:
    """The keys of register rows (actions: "text", risks: "description"); a row added by hand has no question."""
    return {key(_question_of(record.get("source")), record.get(text_field)) for record in records}


def _question_of(recorded: str | None) -> str | None:
    parts = (recorded or "").split()
    return parts[1] if len(parts) == 2 else None
