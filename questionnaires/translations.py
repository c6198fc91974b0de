"""A questionnaire's wording in each of its languages: finding it, checking it, switching to one.

The translatable fields are named here once (`wordings` walks them), so the
load-time check and the switch cannot disagree about which fields those are.
Answers never change with the language: choice values are ids, only labels
are translated.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel

from questionnaires.languages import Wording
from questionnaires.schema import Question, Questionnaire

Path = tuple[Any, ...]  # where a field sits in the file: keys and indexes, as questionnaires.located
_Model = TypeVar("_Model", bound=BaseModel)


def wordings(model: Questionnaire) -> Iterator[tuple[Path, str | None]]:
    """(path, text) of every translatable field, in file order (text None where the field is not given)."""
    yield ("title",), model.title
    for si, section in enumerate(model.sections):
        yield ("sections", si, "title"), section.title
        yield ("sections", si, "guidance"), section.guidance
        yield ("sections", si, "repeat", "label"), section.repeat.label if section.repeat else None
        for qi, question in enumerate(section.questions):
            at = ("sections", si, "questions", qi)
            yield (*at, "text"), question.text
            yield (*at, "guidance"), question.guidance
            for ci, choice in enumerate(question.choices):
                yield (*at, "choices", ci, "label"), choice.label
    for oi, outcome in enumerate(model.outcomes):
        yield ("outcomes", oi, "title"), outcome.title
        for ci, case in enumerate(outcome.cases):
            yield ("outcomes", oi, "cases", ci, "label"), case.label
            yield ("outcomes", oi, "cases", ci, "explanation"), case.explanation
    for ci, computed in enumerate(model.computed):
        yield ("computed", ci, "label"), computed.label


def translated(model: Questionnaire) -> list[tuple[Path, Wording]]:
    """(path, text) of every field giving a text per language (a plain string reads the same in all)."""
    return [(path, text) for path, text in wordings(model) if isinstance(text, Wording)]


def gaps(declared: tuple[str, ...], texts: list[tuple[Path, Wording]]) -> Iterator[tuple[Path, str]]:
    """(path, language) for each of `texts` lacking a declared language or giving an undeclared one."""
    for path, text in texts:
        for code in declared:
            if code not in text.translations:
                yield path, code
        for code in text.translations:
            if code not in declared:
                yield path, code


def resolve(model: Questionnaire, language: str | None) -> str:
    """The language a questionnaire is shown in when `language` is chosen: it, if the questionnaire
    has it, else the questionnaire's first."""
    return language if language in model.languages else model.languages[0]


def in_language(model: Questionnaire, language: str) -> Questionnaire:
    """The questionnaire with every translated field in `language` (which it must have); the
    translations stay, so the copy can be switched again."""
    sections = tuple(
        _with(
            section,
            title=_pick(section.title, language),
            guidance=_pick(section.guidance, language),
            repeat=_with(section.repeat, label=_pick(section.repeat.label, language)) if section.repeat else None,
            questions=tuple(_question(q, language) for q in section.questions),
        )
        for section in model.sections
    )
    outcomes = tuple(
        _with(
            outcome,
            title=_pick(outcome.title, language),
            cases=tuple(
                _with(case, label=_pick(case.label, language), explanation=_pick(case.explanation, language))
                for case in outcome.cases
            ),
        )
        for outcome in model.outcomes
    )
    computed = tuple(_with(c, label=_pick(c.label, language)) for c in model.computed)
    return _with(model, title=_pick(model.title, language), sections=sections, outcomes=outcomes, computed=computed)


def _question(question: Question, language: str) -> Question:
    choices = tuple(_with(c, label=_pick(c.label, language)) for c in question.choices)
    copy = _with(
        question,
        text=_pick(question.text, language),
        guidance=_pick(question.guidance, language),
        choices=choices,
    )
    copy._language = language  # the fixed choices' labels (schema.Question.options)
    return copy


def _pick(text: Any, language: str) -> Any:
    return text.pick(language) if isinstance(text, Wording) else text


def _with(model: _Model, **changes: Any) -> _Model:
    """A copy of a validated model with `changes` (already valid), nothing cached carried over."""
    fields = {name: getattr(model, name) for name in type(model).model_fields}
    return type(model).model_construct(model.model_fields_set, **{**fields, **changes})
