"""The shipped library: every file loads, and each matches its source document.

Counts and wording are taken from the policy documents in docs/sources/ so
that a dropped or reworded item fails here, and the README's table of
question counts is checked against the files.
"""

import re
from pathlib import Path

import pytest

from questionnaires.library import SHIPPED_ORDER, load_library, shipped_dir
from questionnaires.loader import load_file
from wizard import engine

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "docs" / "sources"


def norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).strip()


def source(name: str) -> str:
    return (SOURCES / name).read_text(encoding="utf-8")


def block(text: str, start: str, end: str) -> str:
    return text[text.index(start) + len(start) : text.index(end, text.index(start))]


@pytest.fixture(scope="module")
def library():
    return load_library(include_user_dir=False)


def test_every_shipped_file_loads_and_the_nine_are_there(library):
    for path in sorted(shipped_dir().glob("*.yaml")):
        load_file(path)
    assert tuple(library.definitions) == SHIPPED_ORDER


def test_every_definition_cites_a_source_document(library):
    for definition in library:
        assert (SOURCES / definition.model.source.document).is_file(), definition.id
        for section in definition.model.sections:
            if section.source:
                assert (SOURCES / section.source.document).is_file(), (definition.id, section.id)


def section_texts(library, qid: str, section_index: int) -> list[str]:
    return [norm(q.text) for q in library.get(qid).model.sections[section_index].questions]


def bullets(text: str) -> list[str]:
    return [norm(line[2:]) for line in text.splitlines() if line.startswith("- ")]


def test_key_principles_are_the_lancashire_lists_word_for_word(library):
    policy = source("001_1251f4b6c06a9e5b.txt")
    principles = bullets(block(policy, "Key Principles**", "If any of these principles"))
    value = bullets(block(policy, "Value & Purpose**", "### "))
    governance = bullets(block(policy, "should include reference to the following:", "### "))
    assert (len(principles), len(value), len(governance)) == (10, 4, 9)
    assert section_texts(library, "key-principles", 0) == principles
    assert section_texts(library, "key-principles", 1) == value
    assert section_texts(library, "key-principles", 2) == governance


def test_checklist_has_all_eight_sections_and_every_lettered_question(library):
    strategy = source("004_3d58fc1a0fd92b03.txt")
    checklist = block(strategy, "\nPartnership checklist\n", "Partnership Improvement Template")
    headings = re.findall(r"^\d\. (.+)$", checklist, re.M)
    lettered = [norm(m) for m in re.findall(r"^ - [a-z]\. (.+)$", checklist, re.M)]
    definition = library.get("checklist")
    assert [norm(s.title).split(". ", 1)[-1] for s in definition.model.sections] == [norm(h) for h in headings]
    assert len(headings) == 8 and len(lettered) == 29
    assert [norm(q.text) for q in definition.questions()] == lettered


def test_improvement_template_has_fourteen_areas_with_action_on_no(library):
    strategy = source("004_3d58fc1a0fd92b03.txt")
    template = strategy[strategy.index("Partnership Improvement Template") :]
    rows = [
        line
        for line in template.splitlines()
        if line.strip() and "\t" in line and not line.startswith("Area of Practice")
    ]
    definition = library.get("improvement")
    assert len(rows) == 14 == len(definition.questions())
    for row, question in zip(rows, definition.questions()):
        first_words = norm(re.sub(r"<[^>]+>", " ", row)).split()[:6]
        assert norm(question.text).split()[:6] == first_words
        assert question.type.value == "yes_no" and question.action is not None


def test_risk_check_list_has_all_nineteen_items(library):
    strategy = source("002_7973d30938de3e86.txt")
    check_list = block(strategy, "RISK ASSESSMENT CHECK LIST", "**Notes:**")
    items = {
        int(n): norm(re.sub(r"<[^>]+>", "", t)) for n, t in re.findall(r"^(\d{1,2})\. (.+?)\t?$", check_list, re.M)
    }
    assert sorted(items) == list(range(1, 20))
    definition = library.get("risk-assessment")
    for number, text in items.items():
        question = definition.question(f"ra-{number:02d}")
        stem = re.split(r" a\. | \(\d\)", text)[0].rstrip("?. ")
        assert norm(question.text).startswith(stem[:40]), number


def test_governance_standards_are_the_seven_musts_and_a_to_e(library):
    warwick = bullets(block(source("000_650c6c6a33488763.txt"), "our partnerships must:", "External Guidance"))
    cambs = bullets(block(source("002_7973d30938de3e86.txt"), "## **Police expectations", "### **Partner's role"))
    assert (len(warwick), len(cambs)) == (7, 5)
    definition = library.get("governance-standards")
    texts = [norm(q.text) for q in definition.questions()]
    assert texts == warwick + cambs


def test_partner_role_is_the_eleven_expectations_word_for_word(library):
    cambs = source("002_7973d30938de3e86.txt")
    expected = bullets(block(cambs, "### **Partner's role – what we expect**", "### **In all cases"))
    definition = library.get("partner-role")
    assert len(expected) == 11
    assert [norm(q.text) for q in definition.questions()] == expected
    unmet = engine.evaluate(definition, {"pr-dialogue": "partly", "pr-media": "met"})
    assert [(f.question_id, a.text) for f, a in zip(unmet.flags, unmet.actions)] == [
        ("pr-dialogue", "Raise with the partners: open and honest dialogue.")
    ]


def test_partnership_risks_are_the_nine_risks_word_for_word_and_a_yes_is_a_register_row(library):
    council = source("004_3d58fc1a0fd92b03.txt")
    expected = bullets(block(council, "risks in working in partnership:", "The aim of implementing"))
    definition = library.get("partnership-risks")
    assert len(expected) == 9
    assert [norm(q.text) for q in definition.questions()] == expected
    answers = {q.id: "no" for q in definition.questions()} | {"pk-trust": "yes"}
    result = engine.evaluate(definition, answers)
    assert [(r.description, r.category) for r in result.risks] == [("Trust breaks down.", "Relationships")]
    assert [str(m) for m in result.missing] == [
        "pk-trust: 'Mitigation' is required for this answer"
    ]  # a risk present needs its mitigation
    assert result.outcome("risks").value == "present"


def test_the_optional_seed_checklists_are_required_by_no_outcome(library):
    """002's expectations and 004's risks are an officer's to add (questionnaires/README.md)."""
    required = {q for d in library for o in d.outcomes for c in o.cases for q in c.case.requires}
    assert required and not required & {"partner-role", "partnership-risks"}


def test_significance_outcomes_set_interval_and_requirements(library):
    definition = library.get("significance")
    significance = next(o for o in definition.outcomes if o.outcome.id == "significance")
    by_value = {c.case.value: c.case for c in significance.cases}
    assert by_value["high"].review_interval_months == 3
    assert "risk-assessment" in by_value["high"].requires
    assert {"low", "medium", "high"} <= set(by_value)


def test_readme_question_counts_match_the_files(library):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = block(readme, "<!-- question-counts -->", "<!-- /question-counts -->")
    rows = re.findall(r"^\| `([\w-]+)` \|[^|]*\| (\d+) \| (\d+) \|$", table, re.M)
    counted = {qid: (int(s), int(q)) for qid, s, q in rows}
    actual = {d.id: (len(d.model.sections), len(d.questions())) for d in library}
    assert counted == actual
