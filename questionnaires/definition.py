"""A validated questionnaire with its conditions already parsed.

The loader builds one of these only after every check passed, so the engine
can walk it without re-parsing or re-checking anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from questionnaires.conditions import Node
from questionnaires.schema import Outcome, OutcomeCase, Question, Questionnaire, Rule, Section


@dataclass(frozen=True)
class CompiledCase:
    case: OutcomeCase
    when: Node


@dataclass(frozen=True)
class CompiledOutcome:
    outcome: Outcome
    cases: tuple[CompiledCase, ...]


@dataclass(frozen=True, repr=False)
class Definition:
    model: Questionnaire
    path: Path | None
    question_visible: dict[str, Node | None]
    section_visible: dict[str, Node | None]
    section_of: dict[str, Section]
    rules: dict[str, tuple[tuple[Rule, Node], ...]]
    note_required: dict[str, Node | None]
    action_required: dict[str, Node | None]
    outcomes: tuple[CompiledOutcome, ...]
    # Question ids in an order where every condition's inputs come first.
    visibility_order: tuple[str, ...] = field(default=())

    def __repr__(self) -> str:
        return f"<Definition {self.model.id} v{self.model.version}>"

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def version(self) -> int:
        return self.model.version

    @property
    def title(self) -> str:
        return self.model.title

    def questions(self) -> list[Question]:
        return self.model.questions()

    def question(self, question_id: str) -> Question:
        return self.model.by_id[question_id]
