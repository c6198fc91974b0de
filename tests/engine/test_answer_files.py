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


def test_true_and_false_answer_a_yes_no_question_only(draft):
    """JSON (and YAML) true/false mean Yes/No on a yes/no question; on any other (Yes/No/Unclear, Met/Partly
    met...) they are refused by name: true is not a choice there."""
    governance, aid = draft
    pid = governance.register.get_assessment(aid)["partnership_id"]
    scope = governance.open_assessment(pid, "scope")
    governance.answer_many(scope["id"], {"sc-network": True, "sc-single-event": False})
    answers = governance.register.get_assessment(scope["id"])["answers"]
    assert (answers["sc-network"]["value"], answers["sc-single-event"]["value"]) == ("yes", "no")
    with pytest.raises(UserError, match="true/false answers a yes/no question only; give one of: Yes, No, Unclear"):
        governance.answer_many(aid, {"kp-vision-agreed": True})
    standards = governance.open_assessment(pid, "governance-standards")
    with pytest.raises(UserError, match="true/false answers a yes/no question only; give one of: Met, Partly met"):
        governance.answer_many(standards["id"], {"gs-wp-aims": True})


def test_a_date_and_time_is_refused_not_cut_to_its_day():
    from datetime import date, datetime

    from questionnaires.schema import Question
    from wizard import engine

    question = Question(id="d", text="When?", type="date")
    assert engine.normalise(question, date(2025, 3, 31)) == "2025-03-31"
    with pytest.raises(engine.InvalidAnswer, match="is a date and time; give the date alone, e.g. 2025-03-31"):
        engine.normalise(question, datetime(2025, 3, 31, 9, 30))
