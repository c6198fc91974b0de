"""Flag counts per partnership, worked out once per change (the store's derived-data cache).

The report and the wizard's flag column need, for every partnership, how
many particular-care flags its current assessments raise. That depends on
the partnership's file and on the questionnaire definitions, so the counts
are kept in the register's derived-data cache (store.derived) keyed by each
file's revision and by the library's identity (`library_key`): at 5,000
partnerships only those changed since the last count are read and evaluated,
and editing a questionnaire counts every one again.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from questionnaires import conditions
from questionnaires.errors import DefinitionError
from questionnaires.library import Library
from store.errors import StoreError
from wizard import engine
from wizard.errors import UserError

if TYPE_CHECKING:
    from store.derived import Versions
    from wizard.service import Governance

FLAGS = "flags"


def library_key(library: Library) -> str:
    """What identifies the definitions loaded: every id, version and full content."""
    digest = hashlib.sha256()
    for definition in library:
        digest.update(definition.model.model_dump_json().encode("utf-8"))
    return digest.hexdigest()


def flags_by_partnership(
    governance: Governance,
    partnerships: list[str] | None = None,
    failed: dict[str, StoreError] | None = None,
    versions: Versions | None = None,
) -> dict[str, dict[str, Any]]:
    """{pid: {"flags": n, "unread": why some were not counted, or None}} for each partnership.

    `flags` counts the flags of the current assessments the library can read;
    `unread` names the first one it cannot (its questionnaire, or that version
    of it, is not loaded). A damaged partnership file raises StoreError, or
    with `failed` is left out and its error put there. `versions`: see Register.derived.
    """
    key = library_key(governance.library)
    return governance.register.derived(FLAGS, key, lambda pid: _count(governance, pid), partnerships, failed, versions)


def _count(governance: Governance, pid: str) -> dict[str, Any]:
    total, unread = 0, None
    for assessment in governance.current_assessments(pid).values():
        try:
            definition = governance.definition_for(assessment)
        except (UserError, DefinitionError) as exc:
            unread = unread or str(exc)
            continue
        total += flag_count(definition, assessment["answers"])
    return {"flags": total, "unread": unread}


def flag_count(definition, answers: dict) -> int:
    """len(engine.evaluate(definition, answers).flags), in one walk of the questionnaire.

    evaluate() also works out what is missing, actions, risks and outcomes
    (three walks). The rule is the engine's: a visible question's rule with a
    flag whose condition holds over the visible answers (tests check they agree).
    """
    if definition.model.computed or definition.group_of:  # computed values and items: the engine's own walk
        return len(engine.evaluate(definition, answers).flags)
    shown = engine.visible_questions(definition, answers)
    context = {}
    for q in shown:
        item = answers.get(q.id)
        value = item.get("value") if isinstance(item, dict) else item
        if engine.is_answered(value):
            context[q.id] = value
    return sum(
        1 for q in shown for rule, node in definition.rules[q.id] if rule.flag and conditions.evaluate(node, context)
    )
