"""SVG snapshots at 80×24 of what issue 14 found hard to read: the help, and a
question whose long choice must be read whole (scope's "which of these apply")."""

from __future__ import annotations

from .conftest import CSP, IOM, SIZE, wait_for_screen, wait_until
from .test_snapshots import settle


def test_help_at_the_assessment_section(snap_compare, make_app, sample):
    async def run_before(pilot) -> None:
        screen = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: screen.panel is not None, "the question")
        await pilot.press("f1")
        help_screen = await wait_for_screen(pilot, "HelpScreen")
        await wait_until(pilot, lambda: help_screen.viewer.scroll_y > 0, "the assessment's section")
        await settle(pilot)

    app = make_app(partnership_id=sample[CSP], questionnaire_id="key-principles")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_long_choices_wrap_and_ticks_read_without_colour(snap_compare, make_app, sample):
    async def run_before(pilot) -> None:
        screen = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: screen.panel is not None, "the first question")
        await screen.show("sc-features")
        await wait_until(pilot, lambda: screen.panel.question.id == "sc-features", "the question")
        await pilot.press("down", "down", "space")  # tick the long choice
        await wait_until(pilot, lambda: screen.panel.answer.selected == ["commissioning"], "the tick")
        await settle(pilot)

    app = make_app(partnership_id=sample[IOM], questionnaire_id="scope")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
