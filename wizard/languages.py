"""Which language a questionnaire is answered and shown in, for the service and the interfaces.

The wording itself is switched by questionnaires (Definition.in_language); here are the
wizard's choices about it: what an assessment records, and the order the wizard's language
switch goes round a questionnaire's languages.
"""

from __future__ import annotations

from questionnaires.definition import Definition
from questionnaires.languages import DEFAULT_LANGUAGE

NAMES = {"en": "English", "cy": "Cymraeg"}  # each in its own language, as a language switch shows them


def answered_in(definition: Definition) -> str | None:
    """The language an answer given under `definition` notes on its assessment; None for a
    questionnaire in English alone (a record without a language was answered in English)."""
    if definition.model.languages == (DEFAULT_LANGUAGE,):
        return None
    return definition.language


def next_language(definition: Definition) -> str | None:
    """The questionnaire's language after the one it is shown in; None when it has only one."""
    languages = definition.model.languages
    if len(languages) < 2:
        return None
    return languages[(languages.index(definition.language) + 1) % len(languages)]


def language_name(code: str | None) -> str:
    return NAMES.get(code or DEFAULT_LANGUAGE, code or DEFAULT_LANGUAGE)
