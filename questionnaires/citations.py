"""Sources and questions as officers cite them: a document by its title and section, never its
file name; a question by its questionnaire and words, never its id.

A questionnaire's `source` names a file in docs/sources/ (e.g. 001_1251f4b6c06a9e5b.txt),
which means nothing to the officer reading a question or an approval pack. The titles are
data, in questionnaires/sources.yaml, beside the questionnaires that cite them.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from questionnaires.schema import Source

if TYPE_CHECKING:
    from questionnaires.definition import Definition


@cache
def document_titles() -> dict[str, str]:
    """The shipped source documents' titles, by file name (questionnaires/sources.yaml)."""
    text = (resources.files("questionnaires") / "sources.yaml").read_text(encoding="utf-8")
    return {str(name): " ".join(str(title).split()) for name, title in yaml.safe_load(text).items()}


def document_title(document: str) -> str:
    """The title of a source document; a document not in the table keeps the name it was cited by."""
    return document_titles().get(document, document)


def citation(source: Source | None) -> str | None:
    """The source as an officer cites it, "TITLE: SECTION"; None when there is none.

    A section may cite further documents by file name ("... (also 000_….txt Scope of
    the Strategy)"): each is shown by its title too."""
    if source is None:
        return None
    title = document_title(source.document)
    section = source.section.strip()
    for name, other in document_titles().items():
        section = re.sub(rf"{re.escape(name)}\s*", f"{other}: ", section)
    return f"{title}: {section}" if section else title


def asked(definition: Definition, question_id: str, limit: int = 70) -> str:
    """A question as an officer names it, by its questionnaire and its words, never its id:
    "TITLE: QUESTION" (the question cut with "…" past `limit` characters)."""
    text = definition.question(question_id).text
    return f"{definition.title}: {text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}"
