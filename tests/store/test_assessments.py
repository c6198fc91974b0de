"""Assessments: answers with notes and timestamps, revisions, and sessions that overlap."""

from __future__ import annotations

import pytest

from store import ConflictError, NotFoundError, Register, StoreError


def test_a_new_assessment_is_an_empty_draft_of_one_questionnaire_version(register: Register, pid: str) -> None:
    draft = register.start_assessment(pid, "key-principles", 2)
    assert draft["id"].startswith(f"{pid}-a")
    assert draft["partnership_id"] == pid
    assert (draft["questionnaire_id"], draft["questionnaire_version"]) == ("key-principles", 2)
    assert (draft["status"], draft["answers"], draft["renews"]) == ("draft", {}, None)
    assert register.get_assessment(draft["id"]) == draft


def test_an_answer_keeps_its_note_action_and_time(register: Register, draft: dict) -> None:
    saved = register.save_answer(draft["id"], "kp-3", "No", note="not agreed", action="agree terms of reference")
    answer = register.get_assessment(draft["id"])["answers"]["kp-3"]
    assert answer["value"] == "No" and answer["note"] == "not agreed"
    assert answer["action"] == "agree terms of reference"
    assert answer["answered_at"].endswith("+00:00")
    assert saved["revision"] == draft["revision"] + 1


def test_any_json_value_is_an_answer(register: Register, draft: dict) -> None:
    values = {"amount": 12500.75, "yes": True, "several": ["budget", "staff"], "table": {"a": 1, "b": None}}
    for qid, value in values.items():
        register.save_answer(draft["id"], qid, value)
    stored = register.get_assessment(draft["id"])["answers"]
    assert {qid: answer["value"] for qid, answer in stored.items()} == values
    with pytest.raises(StoreError, match="must be text, a number"):
        register.save_answer(draft["id"], "when", object())


def test_several_answers_are_saved_in_one_write(register: Register, draft: dict) -> None:
    saved = register.save_answers(draft["id"], {"kp-1": {"value": "Yes"}, "kp-2": {"value": "No", "note": "n"}})
    assert saved["revision"] == draft["revision"] + 1
    assert saved["answers"]["kp-2"]["note"] == "n"
    with pytest.raises(StoreError, match=r"'kp-3'.*'value'"):
        register.save_answers(draft["id"], {"kp-3": "Yes"})


def test_clearing_an_answer_removes_it(register: Register, draft: dict) -> None:
    register.save_answer(draft["id"], "kp-1", "Yes")
    assert "kp-1" not in register.clear_answer(draft["id"], "kp-1")["answers"]


def test_status_moves_between_draft_and_complete(register: Register, draft: dict) -> None:
    assert register.set_status(draft["id"], "complete")["status"] == "complete"
    assert register.set_status(draft["id"], "draft")["status"] == "draft"
    with pytest.raises(StoreError, match="'signed-off'"):
        register.set_status(draft["id"], "signed-off")


def test_find_draft_returns_the_newest_unsigned_assessment_of_a_questionnaire(register: Register, pid: str) -> None:
    assert register.find_draft(pid, "key-principles") is None
    older = register.start_assessment(pid, "key-principles", 1)
    newer = register.start_assessment(pid, "key-principles", 1)
    register.start_assessment(pid, "checklist", 1)
    assert register.find_draft(pid, "key-principles")["id"] == newer["id"]
    assert [a["id"] for a in register.list_assessments(pid)][:2] == [older["id"], newer["id"]]


def test_a_review_points_at_the_assessment_it_renews(register: Register, pid: str, draft: dict) -> None:
    review = register.start_assessment(pid, "key-principles", 1, renews=draft["id"])
    assert register.get_assessment(review["id"])["renews"] == draft["id"]
    with pytest.raises(NotFoundError):
        register.start_assessment(pid, "key-principles", 1, renews=f"{pid}-a000000")


def test_unknown_assessments_say_what_an_id_looks_like(register: Register, pid: str) -> None:
    with pytest.raises(NotFoundError, match="look like p3f9a1c-a4b2e01"):
        register.get_assessment("kp-1")
    with pytest.raises(NotFoundError, match=f"{pid}-a000000"):
        register.save_answer(f"{pid}-a000000", "kp-1", "Yes")


class TestTwoSessions:
    """Two sessions (TUI, script...) that loaded the same revision."""

    def test_the_second_to_change_the_same_answer_gets_a_conflict(self, register: Register, draft: dict) -> None:
        loaded = draft["revision"]
        register.save_answer(draft["id"], "kp-1", "Yes", expected_revision=loaded)
        with pytest.raises(ConflictError, match=r"another session changed the answer to 'kp-1'.*reload"):
            register.save_answer(draft["id"], "kp-1", "No", expected_revision=loaded)
        assert register.get_assessment(draft["id"])["answers"]["kp-1"]["value"] == "Yes"

    def test_answers_to_different_questions_merge(self, register: Register, draft: dict) -> None:
        loaded = draft["revision"]
        register.save_answer(draft["id"], "kp-1", "Yes", expected_revision=loaded)
        merged = register.save_answer(draft["id"], "kp-2", "No", expected_revision=loaded)
        assert {qid: a["value"] for qid, a in merged["answers"].items()} == {"kp-1": "Yes", "kp-2": "No"}

    def test_giving_the_same_answer_is_no_conflict(self, register: Register, draft: dict) -> None:
        loaded = draft["revision"]
        register.save_answer(draft["id"], "kp-1", "Yes", expected_revision=loaded)
        register.save_answer(draft["id"], "kp-1", "Yes", expected_revision=loaded)

    def test_clearing_an_answer_the_other_session_changed_is_a_conflict(self, register: Register, draft: dict) -> None:
        loaded = register.save_answer(draft["id"], "kp-1", "Yes")["revision"]
        register.save_answer(draft["id"], "kp-1", "No", expected_revision=loaded)
        with pytest.raises(ConflictError):
            register.clear_answer(draft["id"], "kp-1", expected_revision=loaded)
        with pytest.raises(ConflictError):
            register.save_answers(draft["id"], {"kp-1": {"value": "Unclear"}}, expected_revision=loaded)
