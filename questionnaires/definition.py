"""A validated questionnaire with its conditions already parsed.

The loader builds one of these only after every check passed, so the engine
can walk it without re-parsing or re-checking anything.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from questionnaires import translations
from questionnaires.conditions import Node
from questionnaires.languages import DEFAULT_LANGUAGE
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
    # Question ids in an order where every condition's inputs come first (repeat sections
    # and computed values among them, each after what it reads).
    visibility_order: tuple[str, ...] = field(default=())
    question_required: dict[str, Node | None] = field(default_factory=dict)  # `required_if`
    group_of: dict[str, str] = field(default_factory=dict)  # question id -> its repeat section's id
    language: str = DEFAULT_LANGUAGE  # the language its wording is in (one of model.languages)
    # The same definition in each language it was switched to (shared by all of them).
    _versions: dict[str, Definition] = field(default_factory=dict, init=False, repr=False, compare=False)

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

    def repeat(self, section_id: str) -> Section | None:
        """The repeat section of that id (None for any other id)."""
        section = next((s for s in self.model.sections if s.id == section_id), None)
        return section if section is not None and section.repeat is not None else None

    def group_questions(self, section_id: str) -> tuple[str, ...]:
        """A repeat section's question ids in walking order (each after the siblings it reads)."""
        return tuple(qid for qid in self.visibility_order if self.group_of.get(qid) == section_id)

    def in_language(self, language: str | None) -> Definition:
        """This definition worded in `language`, or in its first language if it has not that one.

        Built once per language and kept: the conditions are the same compiled ones, so the
        engine's answers, visibility and outcomes do not change with the language."""
        chosen = translations.resolve(self.model, language)
        if chosen == self.language:
            return self
        versions = self._versions
        versions.setdefault(self.language, self)
        if chosen not in versions:
            model = translations.in_language(self.model, chosen)
            switched = dataclasses.replace(
                self,
                model=model,
                section_of={q.id: s for s in model.sections for q in s.questions},
                outcomes=tuple(
                    # a loaded definition compiled every case, so they pair in order
                    CompiledOutcome(
                        outcome, tuple(CompiledCase(case, c.when) for case, c in zip(outcome.cases, old.cases))
                    )
                    for outcome, old in zip(model.outcomes, self.outcomes)
                ),
                language=chosen,
            )
            object.__setattr__(switched, "_versions", versions)
            versions[chosen] = switched
        return versions[chosen]
