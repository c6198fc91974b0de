"""The approval pack reads as an officer reads: sources by their document's title and section,
questions by their words; the ids (question ids, source file names) only in the appendix."""

from __future__ import annotations

import re

import pytest

from questionnaires.citations import citation, document_title
from tests.pdf.builders import typical_register
from tests.pdf.pdftext import body, norm
from wizard.pdf.pack import build_pack

APPENDIX = "Appendix: question ids"


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """A signed-off partnership whose typed answers name no question id (the sample answers do)."""
    register, library, pid = typical_register(
        tmp_path_factory.mktemp("cited") / "register", text=lambda q, n: f"Answer {n}: minutes kept."
    )
    return register, library, pid, build_pack(register, library, pid)


def _body_and_appendix(pdf: bytes) -> tuple[str, str]:
    text = body(pdf)
    cut = text.rindex(APPENDIX)  # the heading itself (the contents page names it earlier)
    return text[:cut], text[cut:]


def _bare(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def test_body_pages_show_no_question_ids_and_no_source_file_names(signed):
    _, lib, _, result = signed
    pages, _ = _body_and_appendix(result.pdf)
    assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", pages)
    pages = re.sub(r"for [a-z0-9-]+: agreed at the March board", "", pages)  # notes the builder typed
    ids = [q.id for definition in lib for q in definition.questions() if "-" in q.id]
    assert ids and [qid for qid in ids if _bare(qid, pages)] == []


def test_sources_are_cited_by_title_and_section(signed):
    _, lib, _, result = signed
    pages, _ = _body_and_appendix(result.pdf)
    key_principles = lib.get("key-principles")
    assert "Source: Lancashire Police Authority, Partnership Policy: Partnerships - Key Principles" in pages
    assert norm(f"Source: {citation(key_principles.model.source)}") in pages
    assert document_title("002_7973d30938de3e86.txt") in pages  # Cambridgeshire's check list


def test_the_appendix_maps_each_question_id_to_its_question(signed):
    _, lib, _, result = signed
    _, appendix = _body_and_appendix(result.pdf)
    kp = lib.get("key-principles").question("kp-alternatives")
    assert norm(f"kp-alternatives {kp.text}") in appendix


def test_the_action_plan_says_which_question_raised_an_action(signed):
    register, lib, pid, result = signed
    pages, _ = _body_and_appendix(result.pdf)
    plan = pages[pages.rindex("Action plan") : pages.index("Risk register", pages.rindex("Action plan"))]
    improvement = lib.get("improvement")
    raised = [a for a in register.list_actions(pid) if a["source"] and a["source"].endswith(" im-purpose")]
    assert raised, "the sample answers raise an action on im-purpose"
    assert norm(f"{improvement.title}: {improvement.question('im-purpose').text[:40]}") in plan
