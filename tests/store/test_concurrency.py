"""Processes writing at the same time: nothing is lost, different partnerships do not block each other."""

from __future__ import annotations

import pytest

from store import Register
from tests.store.conftest import reopen

ANSWERS_EACH = 60


def test_two_processes_answering_one_assessment_lose_nothing(
    register: Register, draft: dict, children, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PWIZ_LOCK_TIMEOUT", "60")  # each waits for the other's writes, however busy the machine

    def answer(prefix: str) -> None:
        session = reopen(register)
        for n in range(ANSWERS_EACH):
            session.save_answer(draft["id"], f"{prefix}{n}", f"{prefix} answer {n}")

    children.start(lambda: answer("a"))
    children.start(lambda: answer("b"))
    assert children.exit_statuses() == [0, 0]
    answers = register.get_assessment(draft["id"])["answers"]
    assert set(answers) == {f"{p}{n}" for p in "ab" for n in range(ANSWERS_EACH)}
    assert register.get_assessment(draft["id"])["revision"] == draft["revision"] + 2 * ANSWERS_EACH


def test_two_processes_on_different_partnerships_both_succeed(register: Register, children) -> None:
    pids = [register.add_partnership(name)["id"] for name in ("North", "South")]

    def work(pid: str) -> None:
        session = reopen(register)
        aid = session.start_assessment(pid, "checklist", 1)["id"]
        for n in range(ANSWERS_EACH):
            session.save_answer(aid, f"c{n}", n)
            if n % 10 == 0:
                session.add_action(pid, f"action {n}")  # also updates the shared index

    for pid in pids:
        children.start(lambda pid=pid: work(pid))
    assert children.exit_statuses() == [0, 0]
    for pid in pids:
        [assessment] = register.list_assessments(pid)
        assert len(assessment["answers"]) == ANSWERS_EACH
    assert [s["open_actions"] for s in register.list_partnerships()] == [6, 6]
    assert register.verify() == []
