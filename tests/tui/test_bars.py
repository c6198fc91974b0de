"""The title line and the key line every screen has, used with the mouse as well as keys."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.title_bar import TitleBar

from .conftest import CSP, SIZE, wait_for_screen, wait_until


@pytest.fixture
def ready_for_approval(governance) -> str:
    """A partnership whose keys are the most the partnership screen shows: every row signed off, approve offered."""
    from tests.pdf.builders import typical_register

    return typical_register(
        governance.register.root, questionnaires=("scope", "significance", "key-principles"), approved=False
    )[2]


def key_named(bar: KeyBar, description: str):
    return next(key for key in bar.placed() if key.binding.description == description)


async def hover_key(pilot, description: str, tooltip: str) -> tuple[KeyBar, int]:
    """Point at a key of the home screen's key line; its tooltip shows. Returns the bar and the key's column."""
    await wait_for_screen(pilot, "HomeScreen")
    bar = pilot.app.screen.query_one(KeyBar)
    x = key_named(bar, description).x + 1
    await pilot.hover(KeyBar, offset=(x, 0))
    await wait_until(pilot, lambda: bar.tooltip == tooltip, "the key's tooltip")
    return bar, x


async def test_clicking_a_key_presses_it_and_hovering_shows_what_it_does(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _bar, x = await hover_key(pilot, "New", "Add a partnership to the register")
        await pilot.click(KeyBar, offset=(x, 0))
        await wait_for_screen(pilot, "AddPartnershipScreen")


async def test_the_key_line_follows_what_the_screen_allows(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        bar = app.screen.query_one(KeyBar)
        shown = bar.render().plain
        assert "n New" in shown and "/ Filter" in shown and "^p palette" in shown
        assert "Clear filter" not in shown  # only once something is filtered
        await pilot.press("slash", "s")
        await wait_until(pilot, lambda: "Clear filter" in bar.render().plain, "the clear-filter key")


class Dimmed(Screen):
    """A screen with one key it shows but does not allow now (check_action returns None)."""

    BINDINGS = [Binding("x", "later", "Later"), Binding("y", "now", "Now")]

    def compose(self) -> ComposeResult:
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "later" else True

    def action_later(self) -> None:
        self.app.ran.append("later")

    def action_now(self) -> None:
        self.app.ran.append("now")


class DimmedApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.ran: list[str] = []
        self.bells = 0

    def on_mount(self) -> None:
        self.push_screen(Dimmed())

    def bell(self) -> None:
        self.bells += 1


async def test_a_key_not_allowed_now_is_dimmed_and_only_rings_the_bell():
    app = DimmedApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "Dimmed")
        bar = app.screen.query_one(KeyBar)
        later, now = key_named(bar, "Later"), key_named(bar, "Now")
        assert not later.enabled and now.enabled
        line = bar.render()
        assert any(span.style.dim for span in line.spans if span.start <= later.x < span.end)
        await pilot.click(KeyBar, offset=(later.x, 0))
        await pilot.click(KeyBar, offset=(now.x, 0))
        await wait_until(pilot, lambda: app.ran == ["now"], "the allowed key's action")
        assert app.bells == 1


async def test_the_title_line_shows_the_screen_and_follows_its_changes(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        assert app.screen.query_one(TitleBar).render().plain.split() == ["⭘", "pwiz", "—", "partnership", "governance"]
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        bar = screen.query_one(TitleBar)
        await wait_until(pilot, lambda: CSP in bar.render().plain, "the partnership's name")
        assert sample[CSP] in bar.render().plain
        screen.sub_title = "Ŵyn <b>[bold]"
        await wait_until(pilot, lambda: "— Ŵyn <b>[bold]" in bar.render().plain, "the new subtitle, verbatim")


async def test_clicking_the_title_icon_opens_the_command_palette(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.click(TitleBar, offset=(1, 0))
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")


async def test_clicking_the_filter_hint_opens_the_filter_box(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        assert not app.screen.query("#filter")  # mounted on first use
        await pilot.click("#filter-hint")
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "filter", "the filter box")
        await pilot.press(*"local")
        await wait_until(pilot, lambda: app.screen.table.row_count == 1, "the filtered table")


async def test_keys_that_do_not_fit_are_cut_before_the_palette_key_not_under_it(make_app, ready_for_approval):
    app = make_app(partnership_id=ready_for_approval)
    async with app.run_test(size=(70, 24)) as pilot:  # the smallest size pwiz draws
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        bar = screen.query_one(KeyBar)
        await wait_until(pilot, lambda: "Approve" in bar.render().plain, "the questionnaire keys")
        line = bar.render().plain
        palette = bar.placed()[-1]
        assert palette.palette and line.endswith("…▏^p palette")  # this screen has more keys than 70 columns
        keys = bar.placed()[:-1]
        assert [key.whole for key in keys] == [key.x + key.width <= palette.x - 1 for key in keys]
        assert not keys[-1].whole and keys[0].whole


async def test_at_a_width_where_keys_are_cut_the_palette_key_is_what_a_click_on_it_presses(
    make_app, ready_for_approval
):
    app = make_app(partnership_id=ready_for_approval)
    async with app.run_test(size=(72, 24)) as pilot:
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        bar = screen.query_one(KeyBar)
        await wait_until(pilot, lambda: "Approve" in bar.render().plain, "the questionnaire keys")
        palette = bar.placed()[-1]
        covered = [key for key in bar.placed()[:-1] if key.x + key.width > palette.x + 1]
        assert covered, "this test needs a key running on under the palette key"
        await pilot.hover(KeyBar, offset=(palette.x + 1, 0))
        await wait_until(pilot, lambda: bar.tooltip == "Open the command palette", "the palette key's tooltip")
        await pilot.click(KeyBar, offset=(palette.x + 1, 0))
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")


async def test_a_key_that_just_fits_is_drawn_whole():
    app = DimmedApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "Dimmed")
        bar = app.screen.query_one(KeyBar)
        palette = bar.placed()[-1]
        for width in range(20, 40):  # at some of these widths a key ends right at the separator
            bar.styles.width = width
            await pilot.pause()
            line = bar.render().plain
            for key in bar.placed()[:-1]:
                assert (key.label in line) == key.whole, (width, line, key.label, key.whole)
        assert palette.palette


async def test_the_hover_is_dropped_when_the_keys_change_under_the_mouse(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        bar, x = await hover_key(pilot, "Filter", "Narrow the table as you type")
        await pilot.click(KeyBar, offset=(x, 0))  # the filter box takes focus: other keys now
        await wait_until(pilot, lambda: "Clear filter" in bar.render().plain, "the filter's keys")
        assert bar.tooltip is None and bar._hover is None


async def test_tab_reaches_the_filter_box_before_it_is_first_used(make_app, sample):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("shift+tab")
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "filter", "the filter box")
        await pilot.press(*"local")
        await wait_until(pilot, lambda: app.screen.table.row_count == 1, "the filtered table")
