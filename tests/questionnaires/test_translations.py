"""Texts per language (`{en: ..., cy: ...}`): loaded, checked, switched; files without them unchanged."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from questionnaires.cache import ParsedFiles
from questionnaires.errors import DefinitionError
from questionnaires.library import load_library
from questionnaires.loader import load_file, load_text

EXAMPLE = Path(__file__).parents[2] / "questionnaires" / "examples" / "information-sharing.yaml"

BILINGUAL = """\
schema_version: 1
id: demo
title: {en: Demo, cy: Enghraifft}
version: 1
languages: [en, cy]
source: {document: 001_1251f4b6c06a9e5b.txt, section: Key Principles}
sections:
  - id: s1
    title: {en: The agreement, cy: Y cytundeb}
    questions:
      - id: q1
        text:
          en: Is there a formal agreement?
          cy: A oes cytundeb ffurfiol?
        type: yes_no
      - id: q2
        text: {en: "Which partners?", cy: "Pa bartneriaid?"}
        type: single_choice
        choices:
          - {value: council, label: {en: The council, cy: Y cyngor}}
          - police
"""


def problems(text: str) -> list[str]:
    with pytest.raises(DefinitionError) as err:
        load_text(textwrap.dedent(text), "demo.yaml")
    return [str(p) for p in err.value.problems]


def test_texts_per_language_load_in_the_first_language_and_switch_to_another():
    definition = load_text(BILINGUAL, "demo.yaml")
    assert (definition.language, definition.title, definition.question("q1").text) == (
        "en",
        "Demo",
        "Is there a formal agreement?",
    )
    welsh = definition.in_language("cy")
    q1, q2 = welsh.question("q1"), welsh.question("q2")
    assert (welsh.title, welsh.section_of["q1"].title, q1.text) == (
        "Enghraifft",
        "Y cytundeb",
        "A oes cytundeb ffurfiol?",
    )
    assert [c.label for c in q1.options] == ["Ie", "Na"]  # the fixed choices' Welsh labels
    assert [(c.value, c.label) for c in q2.options] == [("council", "Y cyngor"), ("police", "police")]
    assert welsh.in_language("en") is definition and definition.in_language("fr") is definition  # fr: not given


def test_an_answer_is_the_same_id_in_any_language():
    from wizard import engine

    welsh = load_text(BILINGUAL, "demo.yaml").in_language("cy")
    assert engine.normalise(welsh.question("q1"), "Ie") == "yes"
    assert engine.normalise(welsh.question("q2"), "y cyngor") == "council"


def test_a_missing_language_is_one_line_naming_the_field_and_the_fix():
    broken = BILINGUAL.replace("\n          cy: A oes cytundeb ffurfiol?", "")
    assert problems(broken) == [
        "demo.yaml:12: question 'q1': 'text' has no 'cy' text (the questionnaire's languages are en, cy) "
        "(fix: add 'cy: ...' under 'text:', or leave 'cy' out of 'languages:')"
    ]


def test_a_language_not_declared_and_a_bad_code_are_named():
    undeclared = BILINGUAL.replace("languages: [en, cy]\n", "")
    assert problems(undeclared)[0] == (
        "demo.yaml:3: 'title' has a 'cy' text, but 'cy' is not in the questionnaire's languages (en) "
        "(fix: add cy to 'languages:', or remove the 'cy' text)"
    )
    assert problems(BILINGUAL.replace("cy: Y cyngor", "Cymraeg: Y cyngor")) == [
        "demo.yaml:20: question 'q2': 'Cymraeg' is not a language code; use a lower-case code such as en or cy "
        "(BCP 47), e.g. {en: ..., cy: ...} (fix: see questionnaires/README.md)"
    ]


def test_files_without_languages_load_as_before():
    library = load_library(include_user_dir=False, cache=False)
    for definition in library:
        assert definition.model.languages == ("en",) and definition.language == "en"
        assert type(definition.title) is str and all(type(q.text) is str for q in definition.questions())
        assert definition.in_language("cy") is definition  # no Welsh: shown in English
    yes_no = next(q for d in library for q in d.questions() if q.type.value == "yes_no")
    assert [c.label for c in yes_no.options] == ["Yes", "No"]


def test_the_cache_keeps_every_translation(tmp_path: Path):
    copy = tmp_path / "information-sharing.yaml"
    copy.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(copy, ns=(1_000_000_000, 1_000_000_000))  # settled: the cache keeps it
    cache = tmp_path / "cache.json"
    parsed = ParsedFiles(cache)
    parsed.load(copy)
    parsed.save()
    cached = ParsedFiles(cache).load(copy)  # from the cache's data, not the YAML
    fresh = load_file(copy)
    assert cached.in_language("cy").model.model_dump_json() == fresh.model.model_dump_json()
    assert cached.in_language("cy").question("isa-complies").text.startswith("Mae'r cytundeb yn cydymffurfio")


def test_the_example_questionnaire_is_complete_in_welsh():
    welsh = load_file(EXAMPLE).in_language("cy")
    assert welsh.title == "Gwiriad cytundeb rhannu gwybodaeth"
    assert [c.label for c in welsh.question("isa-shares-data").options] == ["Ydy", "Nac ydy"]
    assert [c.label for c in welsh.question("isa-complies").options] == [
        "Wedi'i fodloni",
        "Wedi'i fodloni'n rhannol",
        "Heb ei fodloni",
    ]
    assert welsh.outcomes[0].cases[1].case.label == "Cytundeb ar waith"
