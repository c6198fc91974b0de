"""A repeat section's answers as given (an answers file, the wizard, the line mode) and as stored.

Stored under the section's id, like any answer: `{"value": [item, ...], "note": None, "action": None}`,
each item a map of question id -> {"value", "note", "action"} (only the questions given). Given as a
list of maps of question id -> a bare value or a map with value/note/action, e.g.

    partners:
      - {p-name: Acme Ltd, p-sector: private}
      - {p-name: Shelter Cymru, p-sector: voluntary, p-contract: {value: no, action: Sign one}}

The same shape is printed by `pwiz show --json` (`plain`), so its answers feed `--answers` again.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from questionnaires.definition import Definition
from questionnaires.schema import Section
from wizard import engine
from wizard.errors import InvalidAnswer, UserError

PARTS = ("value", "note", "action")


def normalise_items(definition: Definition, section: Section, raw: Any) -> list[dict[str, dict]] | None:
    """The stored items for `raw`, or InvalidAnswer naming the item and question; None clears them all."""
    repeat = section.repeat
    assert repeat is not None, "only a repeat section takes items"
    if raw is None or raw == [] or (isinstance(raw, str) and not raw.strip()):
        return None
    if not isinstance(raw, (list, tuple)):
        example = section.questions[0].id
        raise InvalidAnswer(f"give a list with one map of answers per {repeat.label}, e.g. [{{{example}: ...}}]")
    if len(raw) > repeat.max:
        raise InvalidAnswer(f"{len(raw)} × {repeat.label} given; at most {repeat.max} are taken")
    return [_item(definition, section, repeat.item_label(n), given) for n, given in enumerate(raw, 1)]


def _item(definition: Definition, section: Section, label: str, given: Any) -> dict[str, dict]:
    if not isinstance(given, Mapping):
        raise InvalidAnswer(f"{label}: give a map of question id -> answer, not {given!r}")
    ids = [q.id for q in section.questions]
    item: dict[str, dict] = {}
    for qid, answer in given.items():
        if qid not in ids:
            close = difflib.get_close_matches(str(qid), ids, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"its questions are {', '.join(ids)}"
            raise InvalidAnswer(f"{label}: '{qid}' is not a question of '{section.id}'; {hint}")
        question = definition.question(qid)
        parts = answer if isinstance(answer, Mapping) else {"value": answer}
        unknown = set(parts) - set(PARTS)
        if unknown:
            raise InvalidAnswer(
                f"{label}, '{qid}': unknown field(s) {', '.join(sorted(map(str, unknown)))}; use value, note, action"
            )
        try:
            record = {
                "value": engine.normalise(question, parts.get("value")),
                "note": engine.normalise_extra("the note", parts.get("note")),
                "action": engine.normalise_extra("the action", parts.get("action")),
            }
        except InvalidAnswer as exc:
            raise InvalidAnswer(f"{label}, '{qid}': {exc}") from None
        for part in ("note", "action"):
            if record[part] is not None and getattr(question, part) is None:
                raise InvalidAnswer(f"{label}, '{qid}': this question has no {part} box, so it takes no {part}")
        if any(v is not None for v in record.values()):
            item[qid] = record
    return item


def plain(stored: Any) -> list[dict[str, Any]]:
    """Stored items as an answers file gives them: bare values, or value/note/action where a box is filled."""
    out = []
    for item in engine.group_items(stored):
        row: dict[str, Any] = {}
        for qid, record in item.items():
            parts = record if isinstance(record, Mapping) else {"value": record}
            boxes = {p: parts.get(p) for p in ("note", "action") if parts.get(p)}
            row[qid] = {"value": parts.get("value"), **boxes} if boxes else parts.get("value")
        out.append(row)
    return out


def validated_group(definition: Definition, section_id: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The stored record of a repeat section's answers, or a UserError naming the section and item."""
    section = definition.repeat(section_id)
    assert section is not None
    if raw.get("note") or raw.get("action"):
        raise UserError(f"answer to '{section_id}': a repeat section takes no note or action of its own")
    try:
        return {"value": normalise_items(definition, section, raw.get("value")), "note": None, "action": None}
    except InvalidAnswer as exc:
        raise UserError(f"answer to '{section_id}': {exc}") from None


def asked_per_item(definition: Definition, question_id: str) -> str:
    """Why a question of a repeat section cannot be answered on its own, and how to answer it."""
    section_id = definition.group_of[question_id]
    section = definition.repeat(section_id)
    label = section.repeat.label if section is not None and section.repeat is not None else "item"
    return (
        f"'{question_id}' is asked once per {label}: answer it under '{section_id}', "
        f"e.g. {section_id}: [{{{question_id}: ...}}]"
    )


def answers_json(definition: Definition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """question id -> value, a repeat section's as `plain` items: an answers file `--answers` reads back."""
    return {
        qid: plain(record) if definition.repeat(qid) is not None else (record or {}).get("value")
        for qid, record in answers.items()
    }
