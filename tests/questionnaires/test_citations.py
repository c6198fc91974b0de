"""Sources are cited by the document's title and section (questionnaires.citations), so no
officer reads a file name such as 001_1251f4b6c06a9e5b.txt."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from questionnaires.citations import asked, citation, document_title, document_titles
from questionnaires.library import load_library
from questionnaires.schema import Source

FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def _sources(node):
    """Every Source in a definition's model, wherever it is cited."""
    if isinstance(node, Source):
        yield node
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _sources(item)
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _sources(getattr(node, name))


def test_every_shipped_source_document_has_a_title() -> None:
    shipped = {p.name for p in (Path(__file__).parents[2] / "docs" / "sources").glob("*.txt")}
    assert shipped and set(document_titles()) == shipped


def test_no_citation_of_a_shipped_questionnaire_shows_a_file_name() -> None:
    cited = [
        citation(source) for definition in load_library(include_user_dir=False) for source in _sources(definition.model)
    ]
    assert len(cited) > 40
    assert [text for text in cited if FILE_NAME.search(text or "")] == []


def test_a_citation_is_the_title_and_the_section() -> None:
    source = Source(
        document="001_1251f4b6c06a9e5b.txt",
        section="Partnerships not Covered (also 000_650c6c6a33488763.txt Scope of the Strategy)",
    )
    assert citation(source) == (
        "Lancashire Police Authority, Partnership Policy: Partnerships not Covered "
        "(also Warwickshire Police Authority and Force, Partnership Strategy (March 2009): Scope of the Strategy)"
    )
    assert citation(None) is None


def test_a_document_not_in_the_table_keeps_the_name_it_is_cited_by() -> None:
    assert document_title("our-own-policy.pdf") == "our-own-policy.pdf"


def test_a_question_is_named_by_its_questionnaire_and_words() -> None:
    improvement = load_library(include_user_dir=False).get("improvement")
    named = asked(improvement, "im-purpose")
    assert named.startswith(f"{improvement.title}: The clarity of the purpose") and named.endswith("…")
    assert "im-purpose" not in named and len(named) == len(improvement.title) + 2 + 70
