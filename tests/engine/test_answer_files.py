"""Answering from a file (Governance.answer_many, behind `pwiz assess --answers`): what a second file changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from questionnaires.library import load_library
from store import Register
from wizard.errors import UserError
from wizard.service import Governance


@pytest.fixture
def draft(tmp_path: Path) -> tuple[Governance, str]:
    governance = Governance(Register.open(tmp_path / "register"), load_library(include_user_dir=False))
    pid = governance.register.add_partnership("Youth Justice Board")["id"]
    aid = governance.open_assessment(pid, "key-principles")["id"]
    governance.answer_many(aid, {"kp-alternatives": {"value": "no", "note": "Only one option was looked at"}})
    return governance, aid


def stored(governance: Governance, aid: str, qid: str) -> tuple:
    answer = governance.register.get_assessment(aid)["answers"][qid]
    return answer["value"], answer["note"]


def test_a_bare_value_keeps_the_stored_note(draft):
    governance, aid = draft
    governance.answer_many(aid, {"kp-alternatives": "unclear"})
    assert stored(governance, aid, "kp-alternatives") == ("unclear", "Only one option was looked at")


def test_a_note_alone_keeps_the_stored_value(draft):
    governance, aid = draft
    governance.answer_many(aid, {"kp-alternatives": {"note": "Two options now"}})
    assert stored(governance, aid, "kp-alternatives") == ("no", "Two options now")


def test_an_explicit_null_clears_the_note(draft):
    governance, aid = draft
    governance.answer_many(aid, {"kp-alternatives": {"value": "yes", "note": None}})
    assert stored(governance, aid, "kp-alternatives") == ("yes", None)


def test_true_and_false_answer_a_yes_no_question(draft):
    """JSON (and YAML) true/false mean Yes/No; on a question without those choices they are refused by name."""
    governance, aid = draft
    governance.answer_many(aid, {"kp-vision-agreed": True, "kp-leadership": False})
    answers = governance.register.get_assessment(aid)["answers"]
    assert (answers["kp-vision-agreed"]["value"], answers["kp-leadership"]["value"]) == ("yes", "no")
    standards = governance.open_assessment(governance.register.get_assessment(aid)["partnership_id"], "governance-standards")
    with pytest.raises(UserError, match="true/false is not one of the choices: Met, Partly met"):
        governance.answer_many(standards["id"], {"gs-wp-aims": True})
