"""A questionnaire as `pwiz questionnaires show ID --json` prints it for scripts.

Everything the file says that decides what an officer is asked and what an
answer raises: each question's limits, boxes, conditions and rules, and each
outcome's cases. Keys come in a fixed order (a script's diff of two versions
shows only what changed); a field the file leaves out is null (or an empty
list), never missing, so a script reads every key without checking for it.
"""

from __future__ import annotations

from typing import Any

from questionnaires.citations import citation
from questionnaires.definition import CompiledOutcome, Definition
from questionnaires.schema import TEXT_LIMITS, ExtraField, Question, QuestionType, Rule, Section, Source
from wizard.engine import NOTE_LIMIT


def definition_json(definition: Definition) -> dict[str, Any]:
    """The definition in the shape DESIGN.md fixes for scripts, with its rules, boxes, limits and outcomes."""
    model = definition.model
    return {
        "id": model.id,
        "title": model.title,
        "version": model.version,
        "description": model.description,
        "languages": list(model.languages),
        "source": _source(model.source),
        "sections": [_section(section) for section in model.sections],
        "computed": [c.model_dump(exclude_none=True) for c in model.computed],
        "outcomes": [_outcome(outcome) for outcome in definition.outcomes],
    }


def _source(source: Source | None) -> dict[str, str | None] | None:
    """The file name for scripts and the citation an officer reads."""
    if source is None:
        return None
    return {"document": source.document, "section": source.section, "citation": citation(source)}


def _section(section: Section) -> dict[str, Any]:
    return {
        "id": section.id,
        "title": section.title,
        "guidance": section.guidance,
        "visible_if": section.visible_if,
        "repeat": section.repeat.model_dump() if section.repeat else None,
        "source": _source(section.source),
        "questions": [_question(q) for q in section.questions],
    }


def _question(q: Question) -> dict[str, Any]:
    return {
        "id": q.id,
        "text": q.text,
        "type": q.type.value,
        "required": q.required,
        "choices": [c.value for c in q.options],
        "choice_labels": {c.value: c.label for c in q.options},
        "guidance": q.guidance,
        "visible_if": q.visible_if,
        "required_if": q.required_if,
        "unit": q.unit,
        "minimum": q.minimum,
        "maximum": q.maximum,
        "max_length": TEXT_LIMITS.get(q.type),
        "multiple": q.type is QuestionType.MULTI_CHOICE,
        "note": _box(q.note),
        "action": _box(q.action),
        "rules": [_rule(rule) for rule in q.rules],
        "datasheet": q.datasheet,
        "source": _source(q.source),
    }


def _box(box: ExtraField | None) -> dict[str, Any] | None:
    """A note or action box: offered when not null, required when `required_if` holds."""
    if box is None:
        return None
    return {"label": box.label, "required_if": box.required_if, "max_length": NOTE_LIMIT}


def _rule(rule: Rule) -> dict[str, Any]:
    risk = rule.risk
    return {
        "when": rule.when,
        "flag": rule.flag,
        "action": rule.action,
        "risk": None
        if risk is None
        else {
            "description": risk.description,
            "category": risk.category,
            "likelihood": risk.likelihood,
            "impact": risk.impact,
        },
    }


def _outcome(compiled: CompiledOutcome) -> dict[str, Any]:
    outcome = compiled.outcome
    return {
        "id": outcome.id,
        "title": outcome.title,
        "values": [c.case.value for c in compiled.cases],
        "cases": [
            {
                "when": case.when,
                "value": case.value,
                "label": case.label,
                "explanation": case.explanation,
                "requires": list(case.requires),
                "review_interval_months": case.review_interval_months,
                "association_register": case.association_register,
                "source": _source(case.source),
            }
            for case in (c.case for c in compiled.cases)
        ],
    }
