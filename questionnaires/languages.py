"""Wording that a questionnaire gives in more than one language (e.g. English and Welsh).

A translatable field (`text`, `guidance`, titles, choice labels, an outcome
case's label and explanation) is either a plain string, the same in every
language, or a mapping per language: `{en: "Is there ...?", cy: "A oes ...?"}`.
A mapping becomes a `Wording`: a str (its text in one language, so every
reader of the field keeps working on plain text) that also carries every
translation. questionnaires.translations checks and switches them.

The fixed choices of the yes/no-like question types have their labels here,
per language, as they are not written in any file.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import PlainSerializer, WrapValidator

DEFAULT_LANGUAGE = "en"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$"  # BCP 47, lower-case: en, cy, en-gb
_LANGUAGE = re.compile(LANGUAGE_PATTERN)


class Wording(str):
    """Text in one language (the str itself) with its translations in every language given."""

    translations: dict[str, str]
    language: str  # the language of the text itself

    def __new__(cls, translations: dict[str, str], language: str | None = None) -> Wording:
        chosen = language if language in translations else next(iter(translations))
        wording = super().__new__(cls, translations[chosen])
        wording.translations, wording.language = translations, chosen
        return wording

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle keep the translations
        return (Wording, (self.translations, self.language))

    def pick(self, language: str) -> Wording:
        """The same wording in `language` (its first language if it has none in `language`)."""
        return Wording(self.translations, language)


def _wording(value: Any, handler: Any) -> Any:
    if not isinstance(value, dict):
        return handler(value)
    if not value:
        raise ValueError("a text per language is a mapping of language codes to text, e.g. {en: Yes, cy: Ie}")
    for code, text in value.items():
        if not isinstance(code, str) or not _LANGUAGE.match(code):
            raise ValueError(
                f"{code!r} is not a language code; use a lower-case code such as en or cy (BCP 47), e.g. {{en: ..., cy: ...}}"
            )
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"the {code} text is empty or not text; write it in quotes after '{code}:'")
    return Wording(value)


def _serialised(value: str) -> Any:
    """Every translation: a definition dumps alike whichever language it is shown in."""
    return dict(value.translations) if isinstance(value, Wording) else str(value)


# A translatable field: a plain string or a mapping per language (read as a Wording).
Text = Annotated[str, WrapValidator(_wording), PlainSerializer(_serialised)]


def valid_language(code: str) -> bool:
    return bool(_LANGUAGE.match(code))


# The labels of the fixed choices (schema.FIXED_CHOICES), by language and choice value. English is the
# schema's own. The Welsh are the neutral form answers: a Welsh yes/no echoes the question's verb
# ("A oes ...?" "Oes"), so a questionnaire wanting that answer gives its own `choices` with these values.
FIXED_LABELS: dict[str, dict[str, str]] = {
    "cy": {
        "yes": "Ie",
        "no": "Na",
        "unclear": "Aneglur",
        "met": "Wedi'i fodloni",
        "partly": "Wedi'i fodloni'n rhannol",
        "not-met": "Heb ei fodloni",
    },
}
