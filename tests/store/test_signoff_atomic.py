"""A sign-off and every action and risk it raises land in one write, or none of them do.

A child process signs off an assessment whose answers raise actions and risks, and is
killed (SIGKILL) at each step of each file write the sign-off makes, through the store's
fault-injection seam (store.files.on_write_step). After every kill the register holds
either no sign-off and none of the raised items, or the sign-off with all of them; once
`restore` has rebuilt an index the kill left behind, verify finds nothing wrong.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from store import Register, files
from tests.pdf.builders import answer_everything, library
from wizard.service import Governance

QUESTIONNAIRE = "improvement"  # a "No" with an action text raises an action


def ready(root: Path) -> tuple[Governance, str]:
    gov = Governance(Register.open(root), library())
    pid = gov.register.add_partnership("Safer Streets")["id"]
    draft = gov.open_assessment(pid, QUESTIONNAIRE)
    definition = gov.library.get(QUESTIONNAIRE)
    gov.answer_many(draft["id"], answer_everything(definition, fixed={q.id: "no" for q in definition.questions()}))
    gov.complete(draft["id"])
    return gov, draft["id"]


def sign(gov: Governance, aid: str) -> None:
    gov.sign_off(aid, by="A. Chief", role="Chief Executive", decision="approved")


def steps_of_a_sign_off(root: Path) -> list[tuple[str, str]]:
    gov, aid = ready(root)
    seen: list[tuple[str, str]] = []
    files.on_write_step = lambda step, path: seen.append((step, path.name))
    try:
        sign(gov, aid)
    finally:
        files.on_write_step = None
    return seen


def test_a_kill_at_any_step_of_a_sign_off_leaves_all_of_it_or_none(tmp_path: Path) -> None:
    steps = steps_of_a_sign_off(tmp_path / "counted")
    assert ("replaced", "index.json") in steps and len(steps) >= 4  # the partnership file, then the index
    whole = Register.open(tmp_path / "counted")
    pid = whole.list_partnerships()[0]["id"]
    raised_actions, raised_risks = len(whole.list_actions(pid)), len(whole.list_risks(pid))
    assert raised_actions > 0

    for n, step in enumerate(steps):
        root = tmp_path / f"kill-{n}"
        gov, aid = ready(root)
        child = os.fork()
        if child == 0:
            count = iter(range(len(steps)))

            def die(name, path) -> None:
                if next(count) == n:
                    os.kill(os.getpid(), signal.SIGKILL)

            files.on_write_step = die
            try:
                sign(gov, aid)
            finally:
                os._exit(0)
        _, status = os.waitpid(child, 0)
        assert os.WIFSIGNALED(status), f"the child was not killed at step {n} {step}"

        register = Register.open(root)
        if register.verify():
            register.restore()  # an index left behind by the kill is rebuilt from the partnership file
        assert register.verify() == [], f"after a kill at {step}"
        signoffs, actions = (
            register.list_signoffs(pid := register.list_partnerships()[0]["id"]),
            register.list_actions(pid),
        )
        if signoffs:
            assert (len(actions), len(register.list_risks(pid))) == (raised_actions, raised_risks), (
                f"after a kill at {step}"
            )
            assert register.get_assessment(aid)["status"] == "signed-off"
        else:
            assert actions == [] and register.list_risks(pid) == [], f"after a kill at {step}"
            assert register.get_assessment(aid)["status"] == "complete"


@pytest.fixture(autouse=True)
def no_fault_left_behind():
    yield
    files.on_write_step = None
