"""Choices are read whole and their state without colour; a long question scrolls to what has the focus."""

from __future__ import annotations

from wizard.tui.widgets.answers import ChoiceAnswer, MultiAnswer

from .conftest import IOM, SIZE, wait_for_screen, wait_until
from .on_screen import screen_lines, screen_text

LONG_CHOICE = (
    "It has a responsibility for purchasing and/or commissioning services, goods, projects and initiatives"
    " (excluding Police Authority and/or Constabulary procurement contracts)"
)


def question_words(app) -> str:
    """The question side of the screen (right of the sidebar), its lines run together."""
    return " ".join(" ".join(line.split("▕", 1)[-1] for line in screen_lines(app)[1:-1]).split())


async def open_question(pilot, question_id: str):
    screen = await wait_for_screen(pilot, "AssessmentScreen")
    await wait_until(pilot, lambda: screen.panel is not None, "the first question")
    await screen.show(question_id)
    await wait_until(pilot, lambda: screen.current == question_id and screen.panel.question.id == question_id)
    await pilot.pause()
    return screen


async def test_a_long_choice_wraps_and_ticks_read_x_or_blank(make_app, sample):
    app = make_app(partnership_id=sample[IOM], questionnaire_id="scope")
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, "sc-features")
        assert isinstance(app.focused, MultiAnswer)
        await wait_until(pilot, lambda: LONG_CHOICE in question_words(app), "the long choice whole")
        text = screen_text(app)
        assert "…" not in "".join(line for line in screen_lines(app) if "[ ]" in line)
        assert "[ ] It has a direct control over a budget" in text
        await pilot.press("space")  # tick the first
        await wait_until(pilot, lambda: "[x] It has a direct control over a budget" in screen_text(app), "[x]")
        assert "[ ] It employs and/or controls staff" in screen_text(app)
        for _ in range(4):  # down to "None of these", below the long choice
            await pilot.press("down")
        await wait_until(pilot, lambda: "[ ] None of these" in screen_text(app), "the highlighted choice in view")


async def test_a_chosen_answer_reads_without_colour(make_app, sample):
    app = make_app(partnership_id=sample[IOM], questionnaire_id="governance-standards")
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, "gs-wp-aims")
        assert isinstance(app.focused, ChoiceAnswer)
        await pilot.press("2")
        await wait_until(pilot, lambda: "(•) Partly met" in screen_text(app), "(•) on the chosen answer")
        assert "( ) Met" in screen_text(app) and "( ) Not met" in screen_text(app)


async def test_tab_brings_the_note_and_action_boxes_into_view_at_80x24(make_app, sample):
    app = make_app(partnership_id=sample[IOM], questionnaire_id="governance-standards")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_question(pilot, "gs-wp-aims")
        await pilot.press("2")  # partly met: evidence required
        for box, placeholder in (("note-box", "note: Enter saves"), ("action-box", "action: Enter saves")):
            await pilot.press("tab")
            await wait_until(pilot, lambda: app.focused is screen.panel.query_one(f"#{box}"), f"the {box}")
            await wait_until(pilot, lambda: placeholder in screen_text(app), f"the {box} on screen")
            region = app.focused.region
            assert 0 < region.y and region.bottom <= SIZE[1] - 1  # wholly between the title and the key bar


async def test_a_long_question_opens_scrolled_to_its_choices(make_app, sample, governance):
    """The section's guidance is open on its first question, so the choices start below 80×24."""
    from wizard.tui import positions

    assessment = governance.open_assessment(sample[IOM], "scope")
    governance.answer(assessment["id"], "sc-network", "no")
    positions.save(governance.root, {assessment["id"]: "sc-network"})  # where the officer left off
    app = make_app(partnership_id=sample[IOM], questionnaire_id="scope")
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: screen.panel is not None, "the question")
        await wait_until(pilot, lambda: "(•) No" in screen_text(app), "the chosen answer on screen")
        await pilot.pause(0.5)  # nothing scrolls it away afterwards
        assert "(•) No" in screen_text(app) and "( ) Yes" in screen_text(app)
