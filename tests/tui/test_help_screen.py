"""F1: the help scrolls, finds words, and opens at the section for the screen it came from."""

from __future__ import annotations

import pytest

from wizard.tui.screens.help import HelpScreen

from .conftest import CSP, SIZE, wait_for_screen, wait_until
from .on_screen import screen_lines, screen_text

SECTIONS = [
    "Everywhere",
    "The register (home)",
    "A partnership",
    "Answering a questionnaire",
    "A review",
    "The summary",
    "Signing off and approving",
]


async def open_help(pilot) -> HelpScreen:
    await pilot.press("f1")
    screen = await wait_for_screen(pilot, "HelpScreen")
    assert isinstance(screen, HelpScreen)
    await wait_until(pilot, lambda: screen.heading("Everywhere") is not None, "the help text")
    return screen


def on_screen_below_find_row(app, text: str) -> bool:
    """`text` is shown in the help's text (below the title and find lines, above the key bar)."""
    return any(text in line for line in screen_lines(app)[2:-1])


async def test_help_from_the_assessment_opens_at_its_section_scrolls_and_escape_returns(make_app, sample):
    app = make_app(partnership_id=sample[CSP], questionnaire_id="key-principles")
    async with app.run_test(size=SIZE) as pilot:
        assessment = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: assessment.panel is not None, "the question")
        help_screen = await open_help(pilot)
        await wait_until(
            pilot, lambda: on_screen_below_find_row(app, "Answering a questionnaire"), "the assessment's section"
        )
        assert "save and go to the next question" in screen_text(app)
        assert not on_screen_below_find_row(app, "The register (home)")  # not the top of the help
        top = help_screen.viewer.scroll_y
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: help_screen.viewer.scroll_y > top, "PgDn to scroll")
        await wait_until(pilot, lambda: on_screen_below_find_row(app, "A review"), "the next section")
        await pilot.press("escape")
        await wait_for_screen(pilot, "AssessmentScreen")
        assert assessment.panel is not None and app.focused is assessment.panel.answer


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_every_section_can_be_read_by_keys(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        help_screen = await open_help(pilot)
        assert on_screen_below_find_row(app, "The register (home)")
        await pilot.press("home")
        await wait_until(pilot, lambda: on_screen_below_find_row(app, "Everywhere"), "the top")
        seen: set[str] = set()
        for _ in range(100):  # PgDn, as an officer reads it, to the end
            seen |= {title for title in SECTIONS if on_screen_below_find_row(app, title)}
            if help_screen.viewer.scroll_y >= help_screen.viewer.max_scroll_y:
                break
            await pilot.press("pagedown")
        assert seen == set(SECTIONS)
        await pilot.press("home", "down")
        await wait_until(pilot, lambda: help_screen.viewer.scroll_y > 0, "a line down")
        await pilot.press("home", "end")
        await wait_until(pilot, lambda: on_screen_below_find_row(app, "DRAFT until"), "the last lines")


async def test_slash_finds_words_and_enter_goes_to_the_next_place(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        help_screen = await open_help(pilot)
        await pilot.press("slash", *"review")
        await wait_until(pilot, lambda: "1 of" in screen_lines(app)[1], "the first place found")
        assert on_screen_below_find_row(app, "review")
        count = screen_lines(app)[1].split(" of ")[-1].split()[0]
        await pilot.press("enter")
        await wait_until(pilot, lambda: f"2 of {count}" in screen_lines(app)[1], "the next place")
        await pilot.press("ctrl+a", "ctrl+k", *"zzzz")
        await wait_until(pilot, lambda: "not found" in screen_lines(app)[1], "nothing found")
        await pilot.press("pagedown")  # the text scrolls from the find box too
        await wait_until(pilot, lambda: help_screen.viewer.scroll_y > 0, "PgDn from the find box")


async def test_the_contents_jump_to_a_section(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await open_help(pilot)
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: "Signing off and approving" in screen_text(app), "the contents")
        for _ in range(8):  # the help's title, Everywhere … Signing off and approving
            await pilot.press("down")
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: "Sign-off refuses" in screen_text(app), "the sign-off section, chosen from the contents"
        )


@pytest.mark.parametrize(
    ("start", "keys", "section"),
    [
        ("HomeScreen", [], "The register (home)"),
        ("PartnershipScreen", [], "A partnership"),
        ("SummaryScreen", ["ctrl+s"], "The summary"),
    ],
)
async def test_help_opens_at_the_screen_it_came_from(make_app, sample, start, keys, section):
    kwargs = {}
    if start != "HomeScreen":
        kwargs["partnership_id"] = sample[CSP]
    if start == "SummaryScreen":
        kwargs["questionnaire_id"] = "key-principles"
    app = make_app(**kwargs)
    async with app.run_test(size=SIZE) as pilot:
        if keys:
            screen = await wait_for_screen(pilot, "AssessmentScreen")
            await wait_until(pilot, lambda: screen.panel is not None, "the question")
            await pilot.press(*keys)
        await wait_for_screen(pilot, start)
        help_screen = await open_help(pilot)
        assert help_screen.section == section
        await wait_until(pilot, lambda: on_screen_below_find_row(app, section), f"the section {section!r}")
