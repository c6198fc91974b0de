"""Two officers on one assessment of the shared register: the second save of the same answer,
made against the revision both loaded, is refused with a line saying someone else changed it,
in the store and on the wizard's screen, and the first officer's answer stays."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from questionnaires.library import load_library
from store.errors import ConflictError
from store.postgres.register import PgRegister
from tests.shared.workers import KEY_PRINCIPLES
from wizard.service import Governance

FIRST = "kp-alternatives"  # the questionnaire's first question: where the wizard opens a new draft


@pytest.fixture
def draft(pg_url: str) -> str:
    register = PgRegister(pg_url)
    pid = register.add_partnership("Safer Streets", type="strategic")["id"]
    return register.start_assessment(pid, KEY_PRINCIPLES, 1)["id"]


def test_a_save_against_a_revision_someone_else_moved_on_is_refused(pg_url: str, draft: str) -> None:
    mine, theirs = PgRegister(pg_url), PgRegister(pg_url)  # two sessions, two connections
    loaded = mine.get_assessment(draft)["revision"]
    assert theirs.get_assessment(draft)["revision"] == loaded

    theirs.save_answer(draft, FIRST, "no", note="asked the chair", expected_revision=loaded)
    with pytest.raises(ConflictError) as refused:
        mine.save_answer(draft, FIRST, "yes", expected_revision=loaded)

    message = str(refused.value)
    assert "\n" not in message
    assert f"another session changed the answer to '{FIRST}'" in message and "reload the assessment" in message
    kept = PgRegister(pg_url).get_assessment(draft)
    assert kept["answers"][FIRST]["value"] == "no" and kept["revision"] == loaded + 1


def test_the_wizard_shows_the_conflict_and_keeps_the_other_answer(pg_url: str, draft: str) -> None:
    from wizard.tui.app import PwizApp
    from wizard.tui.screens.assessment import AssessmentScreen

    library = load_library(include_user_dir=False)
    app = PwizApp(Governance(PgRegister(pg_url), library), today=date(2025, 11, 3))
    other_officer = Governance(PgRegister(pg_url), library)

    async def scenario() -> str:
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(AssessmentScreen(draft))
            await until(pilot, lambda: isinstance(app.screen, AssessmentScreen) and app.screen.panel is not None)
            screen = app.screen
            assert screen.current == FIRST
            other_officer.answer(draft, FIRST, "no", note="from the other officer")
            await pilot.press("1")  # Yes, saved at once, against the revision the screen loaded
            error = screen.panel.query_one("#answer-error")
            await until(pilot, lambda: error.has_class("-shown"))
            return str(error.render())

    shown = asyncio.run(scenario())
    assert "another session changed the answer" in shown and "reload" in shown
    kept = PgRegister(pg_url).get_assessment(draft)["answers"][FIRST]
    assert (kept["value"], kept["note"]) == ("no", "from the other officer")


async def until(pilot, predicate, timeout: float = 20.0) -> None:
    """Let the app work until `predicate()` is true; fail after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "the wizard did not get there in time"
        await pilot.pause(0.02)
